#include "shards.h"

#include <filesystem>
#include <fstream>
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

bool exists(const std::string& dir) {
  return fs::exists(fs::path(dir) / kStubName) || fs::exists(fs::path(dir) / "iamglass");
}

std::vector<std::string> create(const std::string& dir, std::size_t count) {
  fs::path root(dir);
  fs::create_directories(root);
  std::string body;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::string name = "shard" + std::to_string(i);
    body += "auto " + name + "\n";
    out.push_back((root / name).string());
  }
  // Written before any shard commits, and renamed into place, so a reader never sees a stub
  // naming fewer shards than hold documents.
  fs::path tmp = root / (std::string(kStubName) + ".tmp");
  {
    std::ofstream f(tmp, std::ios::trunc);
    f << body;
    if (!f.flush()) throw std::runtime_error("cannot write " + tmp.string());
  }
  fs::rename(tmp, root / kStubName);
  return out;
}

std::size_t shard_of(const std::string& id, std::size_t count) {
  return count <= 1 ? 0 : static_cast<std::size_t>(XXH3_64bits(id.data(), id.size()) % count);
}

}  // namespace tracuu::indexer::shards
