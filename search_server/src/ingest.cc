// The write API's handlers (ingest.h): parse, write through IndexWriter, commit, record, answer.
#include "ingest.h"

#include <Poco/URI.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "atom_feed.h"
#include "http_error.h"
#include "tracuu/indexer/index_writer.h"
#include "upload.h"

namespace tracuu::server {
namespace {

using Clock = std::chrono::steady_clock;

HttpError busy() {
  return {503, "index_busy",
          "Chỉ mục đang được một tiến trình khác ghi (tracuu index); hãy thử lại sau. (The index "
          "is locked by another writer; retry later.)"};
}

// The write lock is taken per write and waited for until `deadline`: a `tracuu index` run holds
// it for its whole run, and a client had rather hear "retry" than hang (docs/api.md, "Writing").
std::unique_ptr<indexer::IndexWriter> open_writer(const std::string& db,
                                                  const indexer::IndexOptions& options,
                                                  Clock::time_point deadline) {
  for (;;) {
    try {
      return std::make_unique<indexer::IndexWriter>(db, options);
    } catch (const indexer::IndexError& e) {
      if (e.kind != indexer::IndexErrorKind::kLocked) throw;
      if (Clock::now() >= deadline) throw busy();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

indexer::IndexOptions write_options(bool keep_originals, Ingest::Errors& errors) {
  indexer::IndexOptions o;
  o.threads = 2;
  o.keep_originals = keep_originals;
  o.on_error = [&errors](const std::string& origin, const std::string& reason) {
    std::lock_guard lock(errors.mutex);
    if (errors.first.empty()) errors.first = origin + ": " + reason;
  };
  return o;
}

std::string now_iso() { return rfc3339(std::chrono::system_clock::now()); }

// A correction is a few short fields.
constexpr std::size_t kMaxCorrectionBytes = 64 * 1024;

// What each correctable field must be, as users read it.
std::string correction_fault(const std::string& field) {
  if (field == "title") return "Tiêu đề không được để trống và phải nằm trên một dòng.";
  if (field == "date") return "Ngày không hợp lệ: nhập theo dạng năm-tháng-ngày (2024-05-02).";
  if (field == "type") return "Loại văn bản không có trong danh mục.";
  if (field == "provinces") return "Có tỉnh/thành phố không có trong danh mục.";
  if (field.empty()) return "Nội dung sửa phải là một đối tượng JSON.";
  return "Không sửa được trường \"" + field + "\": chỉ sửa title, date, type, provinces.";
}

indexer::Correction checked_correction(const nlohmann::json& fields) {
  indexer::Correction c;
  try {
    c = indexer::correction_from_json(fields);
  } catch (const indexer::CorrectionError& e) {
    throw HttpError{400, "bad_correction", correction_fault(e.field)};
  }
  if (c.empty())
    throw HttpError{400, "bad_correction",
                    "Không có gì để sửa: gửi ít nhất một trong title, date, type, provinces."};
  return c;
}

}  // namespace

Ingest::Ingest(IngestOptions options, SearcherPool& searchers, Log& log, DocumentReply document)
    : options_(options),
      searchers_(searchers),
      log_(log),
      document_(std::move(document)),
      changes_(searchers.db_path()) {}

// Both waits share one deadline: a write queued behind others that wait for a `tracuu index` run
// gives up with them, instead of each waiting in turn.
Ingest::Writing Ingest::begin(Errors& errors) {
  const auto deadline = Clock::now() + options_.lock_wait;
  std::unique_lock lock(writing_, std::defer_lock);
  if (!lock.try_lock_until(deadline)) throw busy();
  auto writer =
      open_writer(searchers_.db_path(), write_options(options_.keep_originals, errors), deadline);
  return Writing{std::move(lock), std::move(writer)};
}

Reply Ingest::write(Poco::Net::HTTPServerRequest& req, const std::string& id,
                    const indexer::TokenInfo& who) {
  const std::string& method = req.getMethod();
  if (!id.empty() && !valid_document_id(id))
    throw HttpError{400, "bad_id", "Mã văn bản không hợp lệ."};
  // A POST's body is read and parsed before the lock: a slow upload never holds the index.
  if (method == "POST" && id.empty())
    return add(read_submission(req, options_.max_bytes, std::nullopt), who);
  if (method == "PUT" && !id.empty()) return put(req, id, who);
  if (method == "PATCH" && !id.empty()) return patch(req, id, who);
  if (method == "DELETE" && !id.empty()) return remove(id, who);
  throw HttpError{405, "method_not_allowed",
                  id.empty() ? "Địa chỉ này nhận POST (thêm văn bản)."
                             : "Địa chỉ này nhận GET, PUT (thay thế), PATCH (sửa thông tin) và "
                               "DELETE (xóa)."};
}

Reply Ingest::add(Submission s, const indexer::TokenInfo& who) {
  std::optional<std::string> given_id;
  if (s.raw.fields.contains("id")) given_id = s.raw.fields["id"].get<std::string>();
  std::string id;
  bool existed = false;
  {
    Errors errors;
    Writing w = begin(errors);
    auto& writer = w.writer;
    if (s.is_file) {
      if (auto existing = writer->find_original(s.bytes)) {
        writer.reset();
        return answer(200, *existing, true);
      }
    }
    if (given_id && writer->contains(*given_id))
      throw HttpError{409, "exists", "Đã có văn bản mã " + *given_id + "; dùng PUT để thay thế."};
    std::vector<corpus::RawDocument> docs;
    docs.push_back(std::move(s.raw));
    auto written = writer->index_documents(std::move(docs));
    if (written[0].id.empty())
      throw HttpError{422, "unreadable", "Không đọc được văn bản: " + errors.first};
    id = written[0].id;
    existed = written[0].replaced;
    committed(existed ? "replaced" : "added", id, who);
  }
  // The same text (or URL) gives the same id: the document was in the archive already.
  return answer(existed ? 200 : 201, id, existed);
}

Reply Ingest::put(Poco::Net::HTTPServerRequest& req, const std::string& id,
                  const indexer::TokenInfo& who) {
  Submission s = read_submission(req, options_.max_bytes, id);
  bool existed = false;
  {
    Errors errors;
    Writing w = begin(errors);
    auto& writer = w.writer;
    existed = writer->contains(id);
    std::vector<corpus::RawDocument> docs;
    docs.push_back(std::move(s.raw));
    auto written = writer->index_documents(std::move(docs));
    if (written[0].id.empty())
      throw HttpError{422, "unreadable", "Không đọc được văn bản: " + errors.first};
    committed(existed ? "replaced" : "added", id, who);
  }
  return answer(existed ? 200 : 201, id, false);
}

Reply Ingest::patch(Poco::Net::HTTPServerRequest& req, const std::string& id,
                    const indexer::TokenInfo& who) {
  return correct(id, read_json_object(req, kMaxCorrectionBytes), who);
}

Reply Ingest::correct(const std::string& id, const nlohmann::json& fields,
                      const indexer::TokenInfo& who) {
  indexer::Correction c = checked_correction(fields);
  {
    Errors errors;
    Writing w = begin(errors);
    if (!w.writer->correct(id, c))
      throw HttpError{404, "not_found", "Không tìm thấy văn bản " + id + "."};
    committed("replaced", id, who);
  }
  return answer(200, id, false);
}

Reply Ingest::remove(const std::string& id, const indexer::TokenInfo& who) {
  Errors errors;
  Writing w = begin(errors);
  auto& writer = w.writer;
  if (!writer->remove(id)) throw HttpError{404, "not_found", "Không tìm thấy văn bản " + id + "."};
  writer->commit();
  committed("deleted", id, who);
  Reply r;
  r.status = 204;
  return r;
}

// Called with the write lock still held: change-log lines from several servers on one index
// cannot interleave, and the log never names a change that is not committed.
void Ingest::committed(const std::string& action, const std::string& id,
                       const indexer::TokenInfo& who) {
  searchers_.note_change();  // the next search reopens onto this commit; the cache moves on
  auto change = changes_.append(action, id, who.name);
  nlohmann::json line{
      {"time", now_iso()}, {"write", action}, {"id", id}, {"token", who.name}, {"rev", change.rev}};
  log_.line(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Reply Ingest::answer(int status, const std::string& id, bool duplicate) {
  Reply doc = document_(id);
  if (doc.status != 200)
    throw indexer::IndexError(indexer::IndexErrorKind::kOther,
                              "document " + id + " written but not readable back");
  nlohmann::json head{{"id", id}};
  if (duplicate) head["duplicate"] = true;
  std::string body = head.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  body.pop_back();  // '}': the record is spliced in as it is, not parsed and dumped again
  body += ",\"document\":" + doc.body + "}";
  Reply r = json_reply(nlohmann::json::object());
  r.status = status;
  r.body = std::move(body);
  std::string location;
  Poco::URI::encode(id, "/?#%&+ ", location);
  if (status == 201) r.headers.emplace_back("Location", "/api/documents/" + location);
  return r;
}

}  // namespace tracuu::server
