// posix_spawnp with stdout and stderr on pipes, drained with poll() until exit or the deadline.
#include "subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

extern char** environ;

namespace tracuu::corpus {
namespace {

struct Pipes {
  int out[2] = {-1, -1}, err[2] = {-1, -1};
  ~Pipes() {
    for (int fd : {out[0], out[1], err[0], err[1]})
      if (fd >= 0) ::close(fd);
  }
};

pid_t spawn(const std::vector<std::string>& argv, Pipes& pipes) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipes.out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipes.err[1], 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// Reads both pipes until they close; false when the deadline passed or the output grew too big.
void drain(Pipes& pipes, ProcessResult& result, std::chrono::steady_clock::time_point deadline,
           std::size_t max_output) {
  pollfd fds[2] = {{pipes.out[0], POLLIN, 0}, {pipes.err[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open = 2;
  char buf[1 << 16];
  while (open > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      return;
    }
    if (::poll(fds, 2, static_cast<int>(left.count())) < 0) return;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        fds[i].fd = -1;
        --open;
        continue;
      }
      sinks[i]->append(buf, static_cast<std::size_t>(n));
      if (result.out.size() + result.err.size() > max_output) {
        result.output_over_limit = true;
        return;
      }
    }
  }
}

}  // namespace

ProcessResult run_bounded(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          std::size_t max_output) {
  ProcessResult result;
  Pipes pipes;
  if (::pipe2(pipes.out, O_CLOEXEC) != 0 || ::pipe2(pipes.err, O_CLOEXEC) != 0) return result;
  pid_t pid = spawn(argv, pipes);
  if (pid < 0) {
    result.err = "cannot run " + argv[0];
    return result;
  }
  ::close(pipes.out[1]);
  ::close(pipes.err[1]);
  pipes.out[1] = pipes.err[1] = -1;
  drain(pipes, result, std::chrono::steady_clock::now() + timeout, max_output);
  if (result.timed_out || result.output_over_limit) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!result.timed_out && !result.output_over_limit && WIFEXITED(status))
    result.exit_code = WEXITSTATUS(status);
  return result;
}

}  // namespace tracuu::corpus
