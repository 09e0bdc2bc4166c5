// Runs a helper program with bounded time and output (for formats no Debian library reads).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace tracuu::corpus {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed (timeout, output over the bound) or not started
  bool timed_out = false;
  bool output_over_limit = false;
  std::string out, err;
};

// argv[0] is looked up in PATH. Never throws for the program's failures; they are in the result.
ProcessResult run_bounded(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                          std::size_t max_output);

}  // namespace tracuu::corpus
