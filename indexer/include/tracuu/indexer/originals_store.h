// The originals store: each ingested file's bytes, content-addressed, beside the index
// (DB/originals/ab/cdef..., named by the SHA-256 of the bytes). See docs/originals.md.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace tracuu::indexer {

// Durability: put() returns once the file and its directory entry are on disk, so a batch
// committed after it never names a missing file; a crash leaves at worst a file no record names,
// which the next remove_unreferenced() collects. Writing (put, remove_unreferenced) happens under
// the index's write lock; put() is thread-safe. Faults (disk full, permission) are IndexError.
class OriginalsStore {
 public:
  // Nothing is created until the first put(): an index made with --no-originals has no store.
  explicit OriginalsStore(const std::filesystem::path& db_path);

  static std::filesystem::path dir_of(const std::filesystem::path& db_path);
  // Where the original named `sha256` lives; none unless it is 64 lowercase hex digits, so a
  // name from a request can never reach another path.
  static std::optional<std::filesystem::path> path_of(const std::filesystem::path& db_path,
                                                      std::string_view sha256);

  // Stores `bytes` unless a file of that content is there; returns its SHA-256 (lowercase hex).
  std::string put(std::string_view bytes);

  // Removes stored files for which `referenced(sha256)` is false, and temporaries of an
  // interrupted run. Call with every referencing batch committed. Returns how many went.
  std::size_t remove_unreferenced(const std::function<bool(const std::string&)>& referenced);

 private:
  void make_durable_dir(const std::filesystem::path& dir);
  std::filesystem::path dir_;
  std::mutex dirs_mutex_;
};

}  // namespace tracuu::indexer
