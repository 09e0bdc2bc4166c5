// `tracuu check`: Xapian's consistency check on every shard; says which one is damaged and how
// to recover. Exit 0 when the index is sound, 1 when not.
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "tracuu/indexer/check.h"

namespace tracuu::cli {
namespace {

// Xapian's report lists every table it checked; the last lines say what it found wrong.
std::string last_lines(const std::string& text, std::size_t count) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(line);
  std::string out;
  for (std::size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i)
    out += (out.empty() ? "" : "\n  ") + lines[i];
  return out;
}

}  // namespace

void register_check(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("check", "Check the index for damage (Xapian's own check)");
  static std::string db;
  cmd->add_option("--db", db, "database directory")->required();
  cmd->callback([&exit_code] {
    indexer::IndexCheck result = indexer::check_index(db);
    for (const auto& s : result.shards) {
      if (s.ok)
        std::cout << "ổn (ok): " << s.path << "\n";
      else
        std::cout << "HỎNG (damaged): " << s.path << "\n  " << last_lines(s.problem, 3) << "\n";
    }
    if (!result.opens)
      std::cout << "không mở được chỉ mục (the index does not open): " << result.open_problem
                << "\n";
    if (result.ok()) {
      std::cout << "Chỉ mục không có lỗi (no damage found): " << result.shards.size()
                << " phân đoạn (shards)\n";
      return;
    }
    std::cout << "Cách khắc phục (to recover): dựng lại từ nguồn, `tracuu index --db " << db
              << " --rebuild PATH...` (the live index is replaced only when the rebuild is "
                 "complete), hoặc khôi phục thư mục "
              << db
              << " từ bản sao lưu (or restore it "
                 "from a backup)\n";
    exit_code = 1;
  });
}

}  // namespace tracuu::cli
