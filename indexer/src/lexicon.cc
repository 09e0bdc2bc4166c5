// The lexicon: its generations, merging shards' tables into one, and the writers' additions.
#include "lexicon.h"

#include <filesystem>
#include <regex>

namespace tracuu::indexer::lexicon {
namespace fs = std::filesystem;
namespace {

const std::regex& generation_name() {
  static const std::regex re(R"(lexicon-g(\d+))");
  return re;
}

// The generation after every one in `dir`.
std::string next_generation(const std::string& dir) {
  unsigned long newest = 0;
  std::smatch m;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (std::regex_match(name, m, generation_name()))
      newest = std::max(newest, std::stoul(m[1].str()));
  }
  return "lexicon-g" + std::to_string(newest + 1);
}

void copy_tables(const Xapian::Database& from, Xapian::WritableDatabase& to) {
  for (auto k = from.synonym_keys_begin(); k != from.synonym_keys_end(); ++k)
    for (auto s = from.synonyms_begin(*k); s != from.synonyms_end(*k); ++s) to.add_synonym(*k, *s);
  for (auto w = from.spellings_begin(); w != from.spellings_end(); ++w)
    to.add_spelling(*w, w.get_termfreq());
}

}  // namespace

std::optional<std::string> current(const std::string& dir) {
  fs::path p = fs::path(dir) / kName;
  std::error_code ec;
  if (!fs::exists(p / "iamglass", ec)) return std::nullopt;
  return p.string();
}

// Xapian merges the tables of a database of several: spelling frequencies are summed and
// synonym lists united, as a search over all the sources would see them.
void merge(const std::string& dir, const std::vector<std::string>& sources) {
  Xapian::Database all;
  for (const auto& s : sources) all.add_database(Xapian::Database(s));
  const std::string path = (fs::path(dir) / next_generation(dir)).string();
  {
    Xapian::WritableDatabase out(path, Xapian::DB_CREATE_OR_OVERWRITE);
    copy_tables(all, out);
    out.commit();
  }
  switch_to(path);
}

std::string create(const std::string& dir) {
  const std::string path = (fs::path(dir) / next_generation(dir)).string();
  Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OVERWRITE).commit();
  return path;
}

// DIR/lexicon is renamed into place: readers see the old generation or the new one.
void switch_to(const std::string& path) {
  fs::path generation(path);
  fs::path root = generation.parent_path();
  const std::string name = generation.filename().string();
  fs::path tmp = root / (std::string(kName) + ".tmp");
  fs::remove(tmp);
  fs::create_directory_symlink(name, tmp);
  fs::rename(tmp, root / kName);
  for (const auto& entry : fs::directory_iterator(root)) {
    std::string other = entry.path().filename().string();
    if (other != name && std::regex_match(other, generation_name())) fs::remove_all(entry.path());
  }
}

Writer::Writer(const std::string& path) : db_(path, Xapian::DB_OPEN) {}

void Writer::add(const std::vector<std::pair<std::string, std::string>>& synonyms,
                 const std::unordered_map<std::string, Xapian::termcount>* spellings) {
  std::lock_guard lock(mutex_);
  for (const auto& [folded, accented] : synonyms) db_.add_synonym(folded, accented);
  if (spellings)
    for (const auto& [word, count] : *spellings) db_.add_spelling(word, count);
  dirty_ = dirty_ || !synonyms.empty() || (spellings && !spellings->empty());
  auto now = std::chrono::steady_clock::now();
  if (dirty_ && now - last_commit_ >= std::chrono::seconds(1)) {
    db_.commit();
    dirty_ = false;
    last_commit_ = now;
  }
}

void Writer::commit() {
  std::lock_guard lock(mutex_);
  if (!dirty_) return;
  db_.commit();
  dirty_ = false;
  last_commit_ = std::chrono::steady_clock::now();
}

}  // namespace tracuu::indexer::lexicon
