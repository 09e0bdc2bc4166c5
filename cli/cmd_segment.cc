// TEMPORARY stub for `tracuu segment`; its owner replaces this file.
#include <iostream>

#include "commands.h"

namespace tracuu::cli {
void register_segment(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("segment", "not implemented yet");
  cmd->callback([&exit_code] {
    std::cerr << "tracuu segment: not implemented yet\n";
    exit_code = 2;
  });
}
}  // namespace tracuu::cli
