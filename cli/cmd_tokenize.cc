// `tracuu tokenize`: the token stream as JSON lines or a readable table.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace tracuu::cli {

void register_tokenize(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("tokenize", "Tokens with offsets, types, norm and fold forms");
  static std::vector<std::string> files;
  static bool json = false;
  cmd->add_option("FILE", files, "UTF-8 text files (stdin if none)");
  cmd->add_flag("--json", json, "one JSON object per token per line");
  cmd->callback([&exit_code] {
    const auto& tokenizer = tokenizer::Tokenizer::shared();
    auto run = [&](std::istream& in) {
      // Offsets are into the whole input, so read it at once.
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (!json) std::printf("%-8s %-8s %-10s %-24s %s\n", "start", "end", "type", "text", "norm");
      for (const auto& t : tokenizer.tokenize(text)) {
        std::string slice(t.text(text));
        if (json) {
          nlohmann::json j{{"text", slice},   {"norm", t.norm},
                           {"fold", t.fold},  {"type", tokenizer::token_type_name(t.type)},
                           {"start", t.start}, {"end", t.end}};
          if (!t.canonical.empty()) j["canonical"] = t.canonical;
          if (!t.expansion.empty()) j["expansion"] = t.expansion;
          std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        } else {
          std::string extra = !t.canonical.empty() ? "  -> " + t.canonical
                              : !t.expansion.empty() ? "  = " + t.expansion : "";
          std::printf("%-8zu %-8zu %-10s %-24s %s%s\n", t.start, t.end,
                      std::string(tokenizer::token_type_name(t.type)).c_str(), slice.c_str(),
                      t.norm.c_str(), extra.c_str());
        }
      }
    };
    if (files.empty()) run(std::cin);
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      if (!in) {
        std::cerr << "tracuu tokenize: cannot open " << f << "\n";
        exit_code = 1;
        continue;
      }
      run(in);
    }
  });
}

}  // namespace tracuu::cli
