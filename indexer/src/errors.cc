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

// Xapian keeps the errno of an I/O failure in get_error_string(), or, for a lock file it could
// not create, in the message ("Couldn't open lockfile: Read-only file system"); the type alone
// cannot tell a full disk from a read-only one, nor a lock held from a lock that cannot be taken.
bool mentions(const Xapian::Error& e, int err) {
  const char* s = e.get_error_string();
  if (s != nullptr && std::strcmp(s, std::strerror(err)) == 0) return true;
  return e.get_msg().find(std::strerror(err)) != std::string::npos;
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

IndexError translate_errno(int err, const std::string& context, const std::string& what) {
  if (err == ENOSPC || err == EDQUOT)
    return IndexError(IndexErrorKind::kDiskFull, context + ": " + std::strerror(err), what);
  if (err == EROFS || err == EACCES || err == EPERM)
    return IndexError(IndexErrorKind::kPermission, context + ": " + std::strerror(err), what);
  if (err == ENOENT)
    return IndexError(IndexErrorKind::kNotFound, context + ": " + std::strerror(err), what);
  return IndexError(IndexErrorKind::kOther, context + ": " + std::strerror(err), what);
}

IndexError translate(const Xapian::Error& e, const std::string& context) {
  std::string plain = e.get_msg();
  if (const char* s = e.get_error_string(); s != nullptr && *s)
    plain += " (" + std::string(s) + ")";
  return IndexError(kind_of(e), context + ": " + plain, e.get_description());
}

IndexError in_flight_error() {
  try {
    throw;
  } catch (const IndexError& e) {
    return e;
  } catch (const Xapian::Error& e) {
    return translate(e, "Xapian");
  } catch (const std::exception& e) {
    return IndexError(IndexErrorKind::kOther, e.what());
  } catch (...) {
    return IndexError(IndexErrorKind::kOther, "unknown error");
  }
}

}  // namespace tracuu::indexer
