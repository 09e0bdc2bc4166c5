// TEMPORARY stub for `tracuu serve`; its owner replaces this file.
#include <iostream>

#include "commands.h"

namespace tracuu::cli {
void register_serve(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("serve", "not implemented yet");
  cmd->callback([&exit_code] {
    std::cerr << "tracuu serve: not implemented yet\n";
    exit_code = 2;
  });
}
}  // namespace tracuu::cli
