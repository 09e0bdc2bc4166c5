// The drop folder's state file (watch_state.h).
#include "watch_state.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "durable_file.h"
#include "errors.h"
#include "sha256.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;

WatchState::WatchState(const fs::path& db, const fs::path& dir)
    : file_(file_for(db, dir)), dir_(dir.string()) {}

WatchState::~WatchState() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void WatchState::claim() {
  std::error_code ec;
  fs::create_directories(file_.parent_path(), ec);
  fs::path lock = file_;
  lock += ".lock";
  lock_fd_ = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0)
    throw translate_errno(errno, "cannot open " + lock.string(), std::strerror(errno));
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    if (err == EWOULDBLOCK)
      throw IndexError(IndexErrorKind::kLocked, "another `tracuu index --watch " + dir_ +
                                                    "` is running on this index (" + lock.string() +
                                                    ")");
    throw translate_errno(err, "cannot lock " + lock.string(), std::strerror(err));
  }
}

fs::path WatchState::file_for(const fs::path& db, const fs::path& dir) {
  return db / ("tracuu-watch-" + sha256_hex(dir.string()).substr(0, 16) + ".json");
}

namespace {

WatchedFile file_from_json(const nlohmann::json& j) {
  WatchedFile f;
  f.size = j.value("size", std::uintmax_t{0});
  f.mtime_ns = j.value("mtime_ns", std::int64_t{0});
  f.sha256 = j.value("sha256", std::string());
  f.ids = j.value("ids", std::vector<std::string>{});
  f.failed = j.value("failed", std::string());
  return f;
}

nlohmann::json file_to_json(const WatchedFile& f) {
  nlohmann::json j{
      {"size", f.size}, {"mtime_ns", f.mtime_ns}, {"sha256", f.sha256}, {"ids", f.ids}};
  if (!f.failed.empty()) j["failed"] = f.failed;
  return j;
}

}  // namespace

void WatchState::load() {
  files_.clear();
  std::ifstream in(file_, std::ios::binary);
  if (!in) return;
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (!j.is_object() || !j.contains("files") || !j["files"].is_object()) return;
  try {
    for (const auto& [path, entry] : j["files"].items()) files_[path] = file_from_json(entry);
  } catch (const nlohmann::json::exception&) {  // a hand-edited file: look at everything again
    files_.clear();
  }
}

void WatchState::save() const {
  nlohmann::json files = nlohmann::json::object();
  for (const auto& [path, f] : files_) files[path] = file_to_json(f);
  nlohmann::json j{{"version", 1}, {"dir", dir_}, {"files", std::move(files)}};
  replace_file(file_, j.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", 0644);
}

std::set<std::string> WatchState::held_ids() const {
  std::set<std::string> held;
  for (const auto& [path, f] : files_) held.insert(f.ids.begin(), f.ids.end());
  return held;
}

std::optional<FileStamp> stamp_of(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileStamp{
      static_cast<std::uintmax_t>(st.st_size),
      static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

}  // namespace tracuu::indexer
