// libzip over a memory buffer. Sizes in the directory can lie, so the bound is enforced while
// inflating too, not only against what the entry claims.
#include "zip_archive.h"

#include <zip.h>

#include <algorithm>
#include <memory>

#include "format_readers.h"

namespace tracuu::corpus {
namespace {

std::string megabytes(std::uint64_t bytes) {
  return std::to_string((bytes + (1u << 19)) >> 20) + " MB";
}

}  // namespace

ZipArchive::ZipArchive(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source) zip_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!zip_) {
    std::string reason = zip_error_strerror(&error);
    if (source) zip_source_free(source);
    zip_error_fini(&error);
    throw FormatError("corrupt zip container: " + reason);
  }
  zip_error_fini(&error);
}

ZipArchive::~ZipArchive() { zip_discard(zip_); }

bool ZipArchive::has(const std::string& name) const {
  return zip_name_locate(zip_, name.c_str(), 0) >= 0;
}

std::string ZipArchive::read(const std::string& name) {
  zip_int64_t index = zip_name_locate(zip_, name.c_str(), 0);
  zip_stat_t st;
  if (index < 0 || zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) != 0)
    throw FormatError("no " + name + " in the zip container");
  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    throw FormatError("encrypted (password-protected): " + name + " cannot be read");
  std::size_t room = std::min(kMaxPartBytes, kMaxTotalBytes - total_read_);
  if ((st.valid & ZIP_STAT_SIZE) && st.size > room)
    throw FormatError("refused as a zip bomb: " + name + " would expand to " + megabytes(st.size) +
                      " (limit " + megabytes(room) + ")");
  std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
      zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0), &zip_fclose);
  if (!file) throw FormatError("cannot read " + name + ": " + zip_strerror(zip_));
  std::string out;
  char buf[1 << 16];
  zip_int64_t n;
  while ((n = zip_fread(file.get(), buf, sizeof buf)) > 0) {
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > room)
      throw FormatError("refused as a zip bomb: " + name + " expands past " + megabytes(room));
  }
  if (n < 0)
    throw FormatError("corrupt zip data in " + name + ": " + zip_file_strerror(file.get()));
  total_read_ += out.size();
  return out;
}

}  // namespace tracuu::corpus
