// Small files beside the index that must survive a crash whole: replaced atomically (the token
// store) or appended line by line (the change log), each on disk before the call returns.
#pragma once

#include <filesystem>
#include <string_view>

namespace tracuu::indexer {

// Writes `bytes` to a temporary file in the same directory, fsyncs it, renames it over `path`
// and fsyncs the directory: a reader sees the old content or the new one, never a mix, and a
// crash after the return keeps the new one. `mode` is the file's permission bits. Throws
// IndexError (kPermission, kDiskFull, kOther).
void replace_file(const std::filesystem::path& path, std::string_view bytes, unsigned mode);

// Appends `line` (which ends in '\n') with O_APPEND and fsyncs the file before returning; the
// file is created (and its directory fsynced) when missing. A crash mid-append leaves at worst a
// last line without its '\n', which readers skip. Throws IndexError like replace_file.
void append_line(const std::filesystem::path& path, std::string_view line);

}  // namespace tracuu::indexer
