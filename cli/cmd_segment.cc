// `tracuu segment`: one output line per input line, syllables of a word joined by '_'.
#include <fstream>
#include <iostream>

#include "commands.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace tracuu::cli {

void register_segment(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "segment", "Word segmentation: 'Công tác dân vận' -> 'Công_tác dân_vận' (stdin if no FILE)");
  static std::vector<std::string> files;
  cmd->add_option("FILE", files, "UTF-8 text files");
  cmd->callback([&exit_code] {
    const auto& tokenizer = tokenizer::Tokenizer::shared();
    auto run = [&](std::istream& in) {
      std::string line;
      while (std::getline(in, line)) std::cout << tokenizer.segment_line(line) << '\n';
    };
    if (files.empty()) run(std::cin);
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      if (!in) {
        std::cerr << "tracuu segment: cannot open " << f << "\n";
        exit_code = 1;
        continue;
      }
      run(in);
    }
  });
}

}  // namespace tracuu::cli
