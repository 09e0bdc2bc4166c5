// TEMPORARY stub for `tracuu extract`; its owner replaces this file.
#include <iostream>

#include "commands.h"

namespace tracuu::cli {
void register_extract(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("extract", "not implemented yet");
  cmd->callback([&exit_code] {
    std::cerr << "tracuu extract: not implemented yet\n";
    exit_code = 2;
  });
}
}  // namespace tracuu::cli
