// tracuu: command-line entry point; errors become a message on stderr and a non-zero exit.
#include <exception>
#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"tracuu — tìm kiếm văn bản chính sách tiếng Việt (Vietnamese policy-text search)"};
  app.require_subcommand(1);
  int exit_code = 0;
  tracuu::cli::register_tokenize(app, exit_code);
  tracuu::cli::register_segment(app, exit_code);
  tracuu::cli::register_extract(app, exit_code);
  tracuu::cli::register_index(app, exit_code);
  tracuu::cli::register_search(app, exit_code);
  tracuu::cli::register_serve(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::cerr << "tracuu: error: " << e.what() << "\n";
    return 1;
  }
  return exit_code;
}
