// What the write API changed, for clients that mirror the archive (GET /api/changes): an
// append-only JSON-lines file beside the index, DIR/tracuu-changes.jsonl.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace tracuu::indexer {

struct Change {
  std::uint64_t rev = 0;  // 1, 2, 3...: the change's place in the log
  std::string time;       // ISO 8601 UTC
  std::string action;     // "added", "replaced", "deleted"
  std::string id;
  std::string token;  // the name of the token that made it
};

// append() writes one line and fsyncs it before returning, so a change a client was told of is
// on disk. Appends are serialized within the process by a mutex and between processes by the
// caller holding the index's write lock. A line torn by a crash is skipped by readers and the
// next append starts on a fresh line. Thread-safe. Faults of the file are IndexError.
class ChangeLog {
 public:
  explicit ChangeLog(std::filesystem::path db_path);

  static constexpr const char* kFileName = "tracuu-changes.jsonl";

  // Records a change (its rev and time are filled in) and returns it.
  Change append(const std::string& action, const std::string& id, const std::string& token);

  // Changes with rev > `since`, oldest first, at most `limit`.
  std::vector<Change> since(std::uint64_t since, std::size_t limit) const;

 private:
  std::filesystem::path file_;
  std::mutex mutex_;
};

}  // namespace tracuu::indexer
