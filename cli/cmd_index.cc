// TEMPORARY stub for `tracuu index`; its owner replaces this file.
#include <iostream>

#include "commands.h"

namespace tracuu::cli {
void register_index(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("index", "not implemented yet");
  cmd->callback([&exit_code] {
    std::cerr << "tracuu index: not implemented yet\n";
    exit_code = 2;
  });
}
}  // namespace tracuu::cli
