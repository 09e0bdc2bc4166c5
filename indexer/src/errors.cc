#include "errors.h"

#include <cerrno>
#include <cstring>

namespace tracuu::indexer {

const char* kind_name(IndexErrorKind kind) {
  switch (kind) {
    case IndexErrorKind::kNotFound:
      return "not-found";
    case IndexErrorKind::kLocked:
      return "locked";
    case IndexErrorKind::kPermission:
      return "permission";
    case IndexErrorKind::kDiskFull:
      return "disk-full";
    case IndexErrorKind::kCorrupt:
      return "corrupt";
    case IndexErrorKind::kModified:
      return "modified";
    case IndexErrorKind::kUnavailable:
      return "unavailable";
    case IndexErrorKind::kSchema:
      return "schema";
    case IndexErrorKind::kOther:
      return "other";
  }
  return "other";
}

namespace {

// Xapian keeps the errno of an I/O failure in get_error_string(); the type alone cannot tell a
// full disk from a read-only one.
bool mentions(const Xapian::Error& e, int err) {
  const char* s = e.get_error_string();
  return s != nullptr && std::strcmp(s, std::strerror(err)) == 0;
}

IndexErrorKind kind_of(const Xapian::Error& e) {
  if (mentions(e, ENOSPC) || mentions(e, EDQUOT)) return IndexErrorKind::kDiskFull;
  if (mentions(e, EROFS) || mentions(e, EACCES) || mentions(e, EPERM))
    return IndexErrorKind::kPermission;
  // Xapian::Error has no virtual functions, so the class is told by get_type(), not dynamic_cast.
  const std::string type = e.get_type();
  if (type == "DatabaseLockError") return IndexErrorKind::kLocked;
  if (type == "DatabaseModifiedError") return IndexErrorKind::kModified;
  if (type == "DatabaseCorruptError") return IndexErrorKind::kCorrupt;
  if (type == "DatabaseVersionError") return IndexErrorKind::kSchema;
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError")
    return IndexErrorKind::kNotFound;
  if (type.find("Network") != std::string::npos) return IndexErrorKind::kUnavailable;
  // "EOF reading block" and friends: a truncated file is damage, whatever class Xapian picked.
  if (type == "DatabaseError" && e.get_msg().find("EOF") != std::string::npos)
    return IndexErrorKind::kCorrupt;
  return IndexErrorKind::kOther;
}

}  // namespace

IndexError translate(const Xapian::Error& e, const std::string& context) {
  std::string plain = e.get_msg();
  if (const char* s = e.get_error_string(); s != nullptr && *s)
    plain += " (" + std::string(s) + ")";
  return IndexError(kind_of(e), context + ": " + plain, e.get_description());
}

}  // namespace tracuu::indexer
