// A zip archive in memory (libzip), read with bounded decompression.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

typedef struct zip zip_t;

namespace tracuu::corpus {

class ZipArchive {
 public:
  // A part may expand to kMaxPartBytes, all parts read from one archive to kMaxTotalBytes: an
  // office text is a few MB of XML, a zip bomb is gigabytes.
  static constexpr std::size_t kMaxPartBytes = 64u << 20;
  static constexpr std::size_t kMaxTotalBytes = 128u << 20;

  // Throws FormatError when the bytes are not a readable zip. `bytes` must outlive the archive.
  explicit ZipArchive(std::string_view bytes);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  bool has(const std::string& name) const;
  // The part's bytes; throws FormatError when it is missing, encrypted, corrupt or would expand
  // past the bounds (the reason names the part and the size it claims).
  std::string read(const std::string& name);

 private:
  zip_t* zip_ = nullptr;
  std::size_t total_read_ = 0;
};

}  // namespace tracuu::corpus
