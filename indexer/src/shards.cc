#include "shards.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace tracuu::indexer::shards {
namespace fs = std::filesystem;

std::vector<std::string> list(const std::string& dir) {
  fs::path root(dir);
  std::vector<std::string> out;
  std::ifstream stub(root / kStubName);
  if (stub) {
    std::string line;
    while (std::getline(stub, line)) {
      std::istringstream words(line);
      std::string backend, path;
      if (!(words >> backend >> path) || (backend != "auto" && backend != "glass")) continue;
      fs::path p(path);
      out.push_back((p.is_absolute() ? p : root / p).string());
    }
    return out;
  }
  if (fs::exists(root / "iamglass")) out.push_back(dir);
  return out;
}

std::vector<std::string> remote_lines(const std::string& dir) {
  std::vector<std::string> out;
  std::ifstream stub(fs::path(dir) / kStubName);
  std::string line;
  while (std::getline(stub, line)) {
    std::istringstream words(line);
    std::string backend;
    if ((words >> backend) && backend != "auto" && backend != "glass" && backend[0] != '#')
      out.push_back(line);
  }
  return out;
}

bool exists(const std::string& dir) {
  return fs::exists(fs::path(dir) / kStubName) || fs::exists(fs::path(dir) / "iamglass");
}

void point_to(const std::string& dir, const std::vector<std::string>& names) {
  fs::path root(dir);
  std::string body;
  for (const auto& n : names) body += "auto " + n + "\n";
  // Renamed into place, so a reader sees the old list or the new one, never half of one.
  fs::path tmp = root / (std::string(kStubName) + ".tmp");
  {
    std::ofstream f(tmp, std::ios::trunc);
    f << body;
    if (!f.flush()) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, root / kStubName);
}

std::vector<std::string> initial_names(std::size_t count) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < count; ++i) names.push_back("shard" + std::to_string(i));
  return names;
}

namespace {

// shard3, compact0, g12-shard3, g12-compact0: the directories this program creates.
const std::regex& own_name() {
  static const std::regex re(R"((?:g(\d+)-)?(?:shard|compact)\d+)");
  return re;
}

}  // namespace

std::vector<std::string> next_generation(const std::string& dir, const std::string& base,
                                         std::size_t count) {
  unsigned long generation = 0;
  std::smatch m;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (std::regex_match(name, m, own_name()) && m[1].matched)
      generation = std::max(generation, std::stoul(m[1].str()));
  }
  for (const auto& p : list(dir)) {
    std::string name = fs::path(p).filename().string();
    if (std::regex_match(name, m, own_name()) && m[1].matched)
      generation = std::max(generation, std::stoul(m[1].str()));
  }
  std::vector<std::string> names;
  for (std::size_t i = 0; i < count; ++i)
    names.push_back("g" + std::to_string(generation + 1) + "-" + base + std::to_string(i));
  return names;
}

void remove_unlisted(const std::string& dir) {
  std::set<fs::path> listed;
  for (const auto& p : list(dir)) listed.insert(fs::weakly_canonical(p));
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() && std::regex_match(name, own_name()) &&
        !listed.count(fs::weakly_canonical(entry.path())))
      fs::remove_all(entry.path());
  }
}

void remove_glass_files(const std::string& dir) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    auto name = entry.path().filename().string();
    if (entry.is_regular_file() &&
        (name == "iamglass" || name == "flintlock" || name.ends_with(".glass") ||
         name.ends_with(".baseA") || name.ends_with(".baseB") || name.ends_with(".tmp")))
      fs::remove(entry.path());
  }
}

std::size_t shard_of(const std::string& id, std::size_t count) {
  return count <= 1 ? 0 : static_cast<std::size_t>(XXH3_64bits(id.data(), id.size()) % count);
}

}  // namespace tracuu::indexer::shards
