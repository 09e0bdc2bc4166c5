// The originals store: each ingested file's bytes, content-addressed, beside the index
// (DB/originals/ab/cdef..., named by the SHA-256 of the bytes). See docs/originals.md.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace tracuu::indexer {

// Durability: a file is complete under its name once put() returns (written under a temporary
// name, then renamed) and on disk once sync() returns; writers call sync() before each commit, so
// a committed record never names a missing file. A crash leaves at worst files no record names,
// which the next remove_unreferenced() collects. Writing happens under the index's write lock;
// put() and sync() are thread-safe. Faults (disk full, permission) are IndexError.
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

  // Makes every file put so far durable (one syncfs of the store's filesystem, none when nothing
  // new was put): called before a batch naming them commits.
  void sync();

  // Removes stored files for which `referenced(sha256)` is false, and temporaries of an
  // interrupted run. Call with every referencing batch committed. Returns how many went.
  std::size_t remove_unreferenced(const std::function<bool(const std::string&)>& referenced);

 private:
  std::filesystem::path dir_;
  std::atomic<std::uint64_t> written_{0};  // puts so far (renamed into place or found there)
  std::atomic<std::uint64_t> temps_{0};    // names temporaries apart
  std::mutex sync_mutex_;
  std::uint64_t synced_ = 0;  // of written_, those a finished syncfs covered (under sync_mutex_)
};

}  // namespace tracuu::indexer
