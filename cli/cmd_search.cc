// TEMPORARY stub for `tracuu search`; its owner replaces this file.
#include <iostream>

#include "commands.h"

namespace tracuu::cli {
void register_search(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("search", "not implemented yet");
  cmd->callback([&exit_code] {
    std::cerr << "tracuu search: not implemented yet\n";
    exit_code = 2;
  });
}
}  // namespace tracuu::cli
