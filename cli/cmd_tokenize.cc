// TEMPORARY stub for `tracuu tokenize`; its owner replaces this file.
#include <iostream>

#include "commands.h"

namespace tracuu::cli {
void register_tokenize(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("tokenize", "not implemented yet");
  cmd->callback([&exit_code] {
    std::cerr << "tracuu tokenize: not implemented yet\n";
    exit_code = 2;
  });
}
}  // namespace tracuu::cli
