#include "error_message.h"

namespace tracuu::cli {
namespace {

struct Wording {
  const char* what;    // what happened
  const char* advice;  // what to do
};

Wording wording(indexer::IndexErrorKind kind) {
  using K = indexer::IndexErrorKind;
  switch (kind) {
    case K::kDiskFull:
      return {"đĩa đầy (disk full)",
              "giải phóng dung lượng đĩa rồi chạy lại đúng lệnh đó: các lô đã ghi vẫn còn, "
              "văn bản không bị ghi trùng (free some space and re-run the same command)"};
    case K::kLocked:
      return {"chỉ mục đang bị một tiến trình ghi khác khóa (locked by another writer)",
              "chờ lệnh `tracuu index` kia chạy xong rồi thử lại (wait for the other writer)"};
    case K::kPermission:
      return {"không có quyền ghi, hoặc hệ thống tệp chỉ đọc (permission denied or read-only)",
              "kiểm tra quyền của thư mục chỉ mục hoặc chọn --db ở nơi ghi được "
              "(check the directory's permissions or use a writable --db)"};
    case K::kCorrupt:
      return {"chỉ mục bị hỏng (index damaged)",
              "chạy `tracuu check --db DIR` để biết phân đoạn nào hỏng; sau đó dựng lại từ "
              "nguồn bằng `tracuu index --db DIR --rebuild PATH...` hoặc khôi phục bản sao lưu"};
    case K::kNotFound:
      return {"không tìm thấy chỉ mục (no index)",
              "kiểm tra --db, hoặc tạo chỉ mục bằng `tracuu index --db DIR PATH...`"};
    case K::kSchema:
      return {"chỉ mục do phiên bản cũ hoặc không tương thích tạo ra (index schema differs)",
              "cần dựng lại chỉ mục từ nguồn: `tracuu index --db DIR --rebuild PATH...` "
              "(rebuild needed)"};
    case K::kModified:
      return {"chỉ mục vừa thay đổi trong lúc đọc (modified while reading)",
              "chạy lại lệnh (run the command again)"};
    case K::kUnavailable:
      return {"phân đoạn từ xa không trả lời (remote shard unavailable)",
              "kiểm tra máy chủ xapian-tcpsrv và mạng rồi thử lại"};
    case K::kOther:
      break;
  }
  return {"lỗi chỉ mục (index error)", "chạy `tracuu check --db DIR` nếu lỗi lặp lại"};
}

}  // namespace

std::string error_message(const indexer::IndexError& e) {
  Wording w = wording(e.kind);
  return std::string(w.what) + ": " + e.what() + "\n  -> " + w.advice;
}

}  // namespace tracuu::cli
