// Subcommand registration: each cmd_*.cc adds one subcommand to the `tracuu` app.
#pragma once

#include <CLI/CLI.hpp>

namespace tracuu::cli {

// Each returns nothing; the subcommand's callback sets `exit_code`.
void register_tokenize(CLI::App& app, int& exit_code);
void register_segment(CLI::App& app, int& exit_code);
void register_extract(CLI::App& app, int& exit_code);
void register_index(CLI::App& app, int& exit_code);
void register_check(CLI::App& app, int& exit_code);
void register_search(CLI::App& app, int& exit_code);
void register_serve(CLI::App& app, int& exit_code);
void register_token(CLI::App& app, int& exit_code);

}  // namespace tracuu::cli
