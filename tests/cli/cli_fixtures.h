// Shared by the CLI tests: running the real `tracuu` binary, scratch directories, a tmpfs.
#pragma once

#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace tracuu::test {

// An empty path under the temp directory, unique to this process.
inline std::filesystem::path scratch_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("tracuu-cli-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CliRun {
  int exit_code = -1;  // -1 when killed by a signal (an abort is SIGABRT: 134 in a shell)
  int signal = 0;
  std::string out, err;
};

// Runs `tracuu ARGS` through the shell (ARGS quoted by the caller), capturing both streams.
inline CliRun run_tracuu(const std::string& args, const std::filesystem::path& scratch) {
  auto out = scratch / "stdout.txt", err = scratch / "stderr.txt";
  std::string cmd = "exec " + std::string(TRACUU_CLI_PATH) + " " + args + " >" + out.string() +
                    " 2>" + err.string() + " </dev/null";
  int status = std::system(cmd.c_str());
  CliRun r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

// `count` small JSON-lines documents d<first>..d<first+count-1> in `path`.
inline void write_jsonl(const std::filesystem::path& path, int first, int count) {
  std::ofstream out(path);
  for (int i = first; i < first + count; ++i)
    out << nlohmann::json{{"id", "d" + std::to_string(i)},
                          {"title", "Báo cáo số " + std::to_string(i)},
                          {"text",
                           "Ủy ban nhân dân huyện báo cáo công tác dân vận chính quyền "
                           "năm thứ " +
                               std::to_string(i) +
                               ", triển khai Kết luận 114-KL/TW tại các xã vùng cao."}}
               .dump()
        << "\n";
}

// A tmpfs of `size` mounted at `dir` for the test's life; mounted() is false (and the test
// should skip) where the machine forbids mounts.
class Tmpfs {
 public:
  Tmpfs(const std::filesystem::path& dir, const std::string& size) : dir_(dir) {
    std::filesystem::create_directories(dir);
    std::string opts = "size=" + size;
    if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, opts.c_str()) == 0)
      mounted_ = true;
    else
      why_ = std::strerror(errno);
  }
  ~Tmpfs() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  Tmpfs(const Tmpfs&) = delete;
  Tmpfs& operator=(const Tmpfs&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& why_not() const { return why_; }
  // Makes the filesystem read-only (or writable again).
  bool remount(bool read_only) {
    unsigned long flags = MS_REMOUNT | (read_only ? MS_RDONLY : 0);
    return ::mount("tmpfs", dir_.c_str(), "tmpfs", flags, nullptr) == 0;
  }

 private:
  std::filesystem::path dir_;
  bool mounted_ = false;
  std::string why_;
};

}  // namespace tracuu::test
