// tracuu: command-line entry point. Every error ends here, in one function-try-block (as
// xapian-core/examples/simplesearch.cc does): a message on stderr and exit 1.
#include <cstdlib>
#include <exception>
#include <iostream>

#include "commands.h"
#include "error_message.h"

namespace {

// Xapian 1.4 may end the process from inside its own rollback of a commit that failed on a full
// disk (std::terminate in libxapian). The committed batches are intact, as after a kill -9; the
// user still gets the message and exit 1 instead of "terminate called ..." and a core dump.
[[noreturn]] void on_terminate() {
  if (std::current_exception())
    std::cerr << "tracuu: lỗi: " << tracuu::cli::error_message(tracuu::indexer::in_flight_error())
              << "\n";
  std::_Exit(1);
}

}  // namespace

int main(int argc, char** argv) try {
  std::set_terminate(on_terminate);
  CLI::App app{"tracuu — tìm kiếm văn bản chính sách tiếng Việt (Vietnamese policy-text search)"};
  app.require_subcommand(1);
  int exit_code = 0;
  tracuu::cli::register_tokenize(app, exit_code);
  tracuu::cli::register_segment(app, exit_code);
  tracuu::cli::register_extract(app, exit_code);
  tracuu::cli::register_index(app, exit_code);
  tracuu::cli::register_check(app, exit_code);
  tracuu::cli::register_search(app, exit_code);
  tracuu::cli::register_serve(app, exit_code);
  tracuu::cli::register_token(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
} catch (const tracuu::indexer::IndexError& e) {
  std::cerr << "tracuu: lỗi: " << tracuu::cli::error_message(e) << "\n";
  return 1;
} catch (const std::exception& e) {
  std::cerr << "tracuu: error: " << e.what() << "\n";
  return 1;
}
