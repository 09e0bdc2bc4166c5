// Tesseract OCR on a pool of one thread per core. Extraction workers queue pages here and wait,
// so a single scanned PDF and a folder of images both keep every core busy, and the number of
// Tesseract instances (memory) stays at the number of cores.
#include "ocr.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <latch>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "tracuu/corpus/ocr_progress.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {
namespace {

std::atomic<std::size_t> g_pages_total{0}, g_pages_done{0};

// nullptr when the Vietnamese data cannot be loaded.
std::unique_ptr<tesseract::TessBaseAPI> new_tesseract() {
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  // Tesseract's warnings ("Estimating resolution...") would break the progress bar.
  api->SetVariable("debug_file", "/dev/null");
  if (api->Init(nullptr, "vie") != 0) return nullptr;
  return api;
}

class OcrPool {
 public:
  using Job = std::function<void(tesseract::TessBaseAPI*)>;

  static OcrPool& shared() {
    static OcrPool pool;
    return pool;
  }

  void submit(Job job) {
    {
      std::lock_guard lock(mutex_);
      jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
  }

  ~OcrPool() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  OcrPool() {
    setMsgSeverity(L_SEVERITY_NONE);  // leptonica's complaints about bad images: we report them
    unsigned n = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < n; ++i) threads_.emplace_back([this] { loop(); });
  }

  void loop() {
    std::unique_ptr<tesseract::TessBaseAPI> api;
    bool tried = false;
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      if (!tried) {
        api = new_tesseract();
        tried = true;
      }
      job(api.get());
    }
  }

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> jobs_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

// The recognized words with their boxes, laid out again like a text layer: Tesseract's own
// blocks run a two-column header or signature block together line by line.
std::vector<Line> recognized_lines(tesseract::TessBaseAPI& api) {
  std::vector<Word> words;
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it) return {};
  do {
    std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
    int left, top, right, bottom;
    if (!text || !it->BoundingBox(tesseract::RIL_WORD, &left, &top, &right, &bottom)) continue;
    std::string word = tokenizer::normalize_keep_case(text.get());
    if (word.empty()) continue;
    words.push_back(
        {std::move(word), {double(left), double(top), double(right), double(bottom)}, true});
  } while (it->Next(tesseract::RIL_WORD));
  return lines_of(std::move(words));
}

OcrPage recognize(tesseract::TessBaseAPI& api, Pix* pix) {
  api.SetImage(pix);
  int res = pixGetXRes(pix);
  api.SetSourceResolution(res >= 70 && res <= 1200 ? res : kOcrDpi);
  tesseract::ETEXT_DESC monitor;
  monitor.set_deadline_msecs(kOcrPageSeconds * 1000);
  OcrPage page;
  page.height = pixGetHeight(pix);
  if (api.Recognize(&monitor) != 0)
    throw std::runtime_error("OCR failed or took over " + std::to_string(kOcrPageSeconds) +
                             " s on a page");
  page.lines = recognized_lines(api);
  page.confidence = api.MeanTextConf();
  api.Clear();
  return page;
}

}  // namespace

OcrProgress ocr_progress() { return {g_pages_done.load(), g_pages_total.load()}; }

std::vector<OcrPage> ocr_images(std::size_t count,
                                const std::function<Pix*(std::size_t)>& image_of) {
  std::vector<OcrPage> pages(count);
  std::vector<std::string> errors(count);
  std::mutex render_mutex;
  std::latch done(static_cast<std::ptrdiff_t>(count));
  g_pages_total += count;
  for (std::size_t i = 0; i < count; ++i) {
    OcrPool::shared().submit([&, i](tesseract::TessBaseAPI* api) {
      try {
        if (!api)
          throw std::runtime_error(
              "Tesseract's Vietnamese data cannot be loaded (is tesseract-ocr-vie installed?)");
        Pix* pix;
        {
          std::lock_guard lock(render_mutex);
          pix = image_of(i);
        }
        pages[i] = recognize(*api, pix);
        pixDestroy(&pix);
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
      ++g_pages_done;
      done.count_down();
    });
  }
  done.wait();
  for (std::size_t i = 0; i < count; ++i)
    if (!errors[i].empty())
      throw std::runtime_error(count > 1 ? "page " + std::to_string(i + 1) + ": " + errors[i]
                                         : errors[i]);
  return pages;
}

std::string image_problem(std::string_view bytes) {
  l_int32 format = 0, w = 0, h = 0, bps = 0, spp = 0, cmap = 0;
  setMsgSeverity(L_SEVERITY_NONE);
  if (pixReadHeaderMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size(), &format, &w,
                       &h, &bps, &spp, &cmap) != 0 ||
      w <= 0 || h <= 0)
    return "not a readable image (damaged or unknown format)";
  double pixels = double(w) * double(h);
  if (pixels > kMaxImagePixels)
    return "image of " + std::to_string(int(pixels / 1e6 + 0.5)) + " megapixels (" +
           std::to_string(w) + "x" + std::to_string(h) + "), over the OCR limit of " +
           std::to_string(int(kMaxImagePixels / 1e6)) + " megapixels; not read";
  return "";
}

Pix* decode_image(std::string_view bytes) {
  if (auto problem = image_problem(bytes); !problem.empty()) throw std::runtime_error(problem);
  Pix* pix = pixReadMem(reinterpret_cast<const l_uint8*>(bytes.data()), bytes.size());
  if (!pix) throw std::runtime_error("not a readable image (damaged or unknown format)");
  return pix;
}

}  // namespace tracuu::corpus
