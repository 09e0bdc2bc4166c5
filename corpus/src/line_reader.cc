// Lines of a plain or gzip stream: memchr over gzread chunks, so a NUL byte is just a byte.
#include "line_reader.h"

#include <algorithm>
#include <cstring>
#include <new>

namespace tracuu::corpus {

LineReader::LineReader(gzFile gz, std::size_t max_line_bytes)
    : gz_(gz), max_line_(max_line_bytes), buf_(1 << 16) {
  if (!gz_) {
    error_ = "cannot open";
    eof_ = true;
  } else {
    gzbuffer(gz_, 1 << 17);
  }
}

LineReader::~LineReader() {
  if (gz_) gzclose(gz_);
}

bool LineReader::fill() {
  if (eof_) return false;
  int n = gzread(gz_, buf_.data(), static_cast<unsigned>(buf_.size()));
  if (n <= 0) {
    eof_ = true;
    int err = 0;
    const char* msg = gzerror(gz_, &err);
    if (n < 0 || (err < 0 && err != Z_BUF_ERROR))
      error_ = std::string("corrupt or unreadable: ") + msg;
    return false;
  }
  pos_ = 0;
  end_ = static_cast<std::size_t>(n);
  total_bytes_ += end_;
  return true;
}

void LineReader::append(const char* data, std::size_t n) {
  if (line_size_ + n > line_capacity_) {
    std::size_t capacity = std::min(max_line_, std::max(2 * line_capacity_, line_size_ + n));
    void* grown = std::realloc(line_.get(), capacity);
    if (!grown) throw std::bad_alloc();
    line_.release();
    line_.reset(static_cast<char*>(grown));
    line_capacity_ = capacity;
  }
  std::memcpy(line_.get() + line_size_, data, n);
  line_size_ += n;
}

bool LineReader::next() {
  if (put_back_) {
    put_back_ = false;
    return true;
  }
  release_line();
  line_size_ = 0;
  too_long_ = false;
  bool started = false;  // the input's last line may lack its '\n'
  for (;;) {
    if (pos_ == end_ && !fill()) {
      if (!started || !error_.empty()) return false;
      ++line_number_;
      return true;
    }
    started = true;
    const char* start = buf_.data() + pos_;
    const void* nl = std::memchr(start, '\n', end_ - pos_);
    std::size_t len =
        nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : end_ - pos_;
    if (!too_long_ && line_size_ + len > max_line_) {
      too_long_ = true;
      line_.reset();
      line_size_ = line_capacity_ = 0;
    }
    if (!too_long_) append(start, len);
    pos_ += len;
    if (nl) {
      ++pos_;
      ++line_number_;
      return true;
    }
  }
}

void LineReader::put_back() { put_back_ = true; }

void LineReader::release_line() {
  if (line_capacity_ > (1u << 20)) {  // one huge line keeps nothing held
    line_.reset();
    line_size_ = line_capacity_ = 0;
  }
}

}  // namespace tracuu::corpus
