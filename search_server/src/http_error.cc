// The one mapping from exceptions to error replies.
#include "http_error.h"

#include "pages.h"

namespace tracuu::server {
namespace {

using indexer::IndexErrorKind;

// Faults that pass by themselves (a writer's commit, a lock, a remote shard) ask the client to
// retry; the others need the administrator.
HttpError index_fault(const indexer::IndexError& e) {
  switch (e.kind) {
    case IndexErrorKind::kModified:
    case IndexErrorKind::kLocked:
      return {503, "index_busy", "Chỉ mục đang được cập nhật, vui lòng thử lại sau giây lát."};
    case IndexErrorKind::kUnavailable:
      return {503, "index_unavailable",
              "Một phần chỉ mục tạm thời không trả lời, vui lòng thử lại."};
    case IndexErrorKind::kCorrupt:
      return {503, "index_corrupt",
              "Chỉ mục bị hỏng; quản trị viên cần chạy `tracuu check` và khôi phục chỉ mục."};
    case IndexErrorKind::kSchema:
      return {503, "index_schema", "Chỉ mục được tạo bởi phiên bản khác; cần dựng lại chỉ mục."};
    default:
      return {503, "unavailable", "Chỉ mục tạm thời không sẵn sàng."};
  }
}

bool passes_by_itself(const HttpError& e) {
  return e.code == "index_busy" || e.code == "index_unavailable";
}

}  // namespace

HttpError request_fault(const indexer::QueryError& e) {
  struct Message {
    const char* code;
    const char* param;  // "" = any
    const char* text;
    bool show_value;  // the offending value follows the text
  };
  static const Message kMessages[] = {
      {"bad_date", "from", "Ngày bắt đầu không hợp lệ (định dạng YYYY-MM-DD).", false},
      {"bad_date", "to", "Ngày kết thúc không hợp lệ (định dạng YYYY-MM-DD).", false},
      {"bad_date", "", "Ngày không hợp lệ (định dạng YYYY-MM-DD).", false},
      {"bad_range", "", "Khoảng thời gian không hợp lệ: ngày bắt đầu sau ngày kết thúc.", false},
      {"bad_year", "", "Năm không hợp lệ: ", true},
      {"query_too_long", "", "Từ khóa quá dài (tối đa 1.000 ký tự).", false},
      {"bad_limit", "", "Số kết quả tối đa là 1.000.", false},
      {"bad_query", "", "Truy vấn không hợp lệ.", false}};
  for (const auto& m : kMessages)
    if (e.code == m.code && (*m.param == '\0' || e.param == m.param))
      return {400, e.code, std::string(m.text) + (m.show_value ? e.value : "")};
  return {400, e.code, "Truy vấn không hợp lệ: " + std::string(e.what())};
}

std::string describe(const indexer::IndexError& e) {
  std::string text = std::string(e.what()) + " [" + indexer::kind_name(e.kind) + "]";
  if (!e.detail.empty()) text += " " + e.detail;
  return text;
}

Reply error_reply(const HttpError& e, bool api) {
  Reply reply;
  reply.status = e.status;
  if (api || e.status == 405 || e.status == 414) {
    reply.content_type = "application/json; charset=utf-8";
    reply.body = nlohmann::json{{"error", {{"code", e.code}, {"message", e.message}}}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    reply.content_type = "text/html; charset=utf-8";
    reply.body = render_error_page(e.status, e.message);
  }
  if (passes_by_itself(e)) reply.retry_after = "1";
  return reply;
}

Reply error_reply(bool api, Log& log) {
  try {
    throw;
  } catch (const HttpError& e) {
    return error_reply(e, api);
  } catch (const indexer::QueryError& e) {
    return error_reply(request_fault(e), api);
  } catch (const indexer::IndexError& e) {
    log.line(std::string("tracuu serve: ") + e.what() + " [" + indexer::kind_name(e.kind) + "] " +
             e.detail);
    return error_reply(index_fault(e), api);
  } catch (const std::exception& e) {
    log.line(std::string("tracuu serve: ") + e.what());
  } catch (...) {
    // Nothing of the library's should leave it untranslated; still a reply, not a dropped
    // connection.
    log.line("tracuu serve: an error of unknown type while answering");
  }
  return error_reply(HttpError{503, "unavailable", "Chỉ mục tạm thời không sẵn sàng."}, api);
}

}  // namespace tracuu::server
