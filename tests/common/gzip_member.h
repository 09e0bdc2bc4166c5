// Shared by the corpus and indexer tests: gzip input made in memory, for gzip bombs and long lines.
#pragma once

#include <zlib.h>

#include <string>

namespace tracuu::test {

// `data` as one gzip member. zlib reads concatenated members as one stream, so repeating a
// member makes a file of any decompressed size in a few milliseconds.
inline std::string gzip_member(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string buf(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(buf.data());
  z.avail_out = static_cast<uInt>(buf.size());
  deflate(&z, Z_FINISH);
  buf.resize(z.total_out);
  deflateEnd(&z);
  return buf;
}

}  // namespace tracuu::test
