// `tracuu extract`: clean documents with metadata, one JSON object per line.
#include <iostream>

#include "commands.h"
#include "tracuu/corpus/extractor.h"
#include "tracuu/corpus/reader.h"

namespace tracuu::cli {

void register_extract(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("extract", "Read files/directories (- = stdin) into clean documents");
  static std::vector<std::string> paths;
  static bool json = false;
  cmd->add_option("PATH", paths, "files, directories, .gz, or - for stdin")->required();
  cmd->add_flag("--json", json, "one JSON object per document per line");
  cmd->callback([&exit_code] {
    const auto& extractor = corpus::Extractor::shared();
    std::size_t ok = 0, failed = 0;
    auto on_error = [&](const corpus::ReadError& e) {
      std::cerr << "tracuu extract: " << e.origin << ": " << e.reason
                << (e.document_kept ? " (document kept)\n" : "\n");
      if (!e.document_kept) ++failed;
    };
    for (const auto& path : paths) {
      corpus::read_path(
          path,
          [&](corpus::RawDocument&& raw) {
            corpus::Document doc = extractor.extract(raw);
            ++ok;
            if (json) {
              auto j = corpus::to_json(doc);
              for (const char* k : {"header", "fingerprint", "origin", "extra"}) j.erase(k);
              std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
            } else {
              std::cout << doc.id << "\t" << doc.date.value_or("-") << "\t"
                        << doc.primary_province.value_or("-") << "\t" << doc.citations.size()
                        << " trích dẫn\t" << doc.title << "\n";
            }
          },
          on_error);
    }
    std::cerr << "tracuu extract: " << ok << " ok, " << failed << " failed\n";
    if (ok == 0) exit_code = 1;
  });
}

}  // namespace tracuu::cli
