// Shared by the indexer tests that run the real `tracuu` binary: exit code, stderr, peak RSS.
#pragma once

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace tracuu::test {

struct Run {
  int exit_code = -1;  // -signal when killed by one
  long max_rss_mb = 0;
  std::string err;  // stderr
};

// Runs the tracuu binary with `args`, stdin from `in` (or /dev/null); measures its peak RSS
// (wait4's rusage of that one child, as /usr/bin/time -v does).
inline Run run_tracuu(const std::vector<std::string>& args, const std::filesystem::path& work,
                      const std::string& in = "/dev/null") {
  std::filesystem::path err_path = work / "stderr.txt";
  pid_t pid = fork();
  if (pid == 0) {
    int in_fd = open(in.c_str(), O_RDONLY);
    int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int out_fd = open("/dev/null", O_WRONLY);
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    std::vector<char*> argv{const_cast<char*>(TRACUU_CLI_PATH)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  Run run;
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  run.max_rss_mb = usage.ru_maxrss / 1024;
  std::ifstream err(err_path);
  std::stringstream ss;
  ss << err.rdbuf();
  run.err = ss.str();
  return run;
}

}  // namespace tracuu::test
