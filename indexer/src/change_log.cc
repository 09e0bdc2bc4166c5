// The change log of the write API (change_log.h): one JSON object per line, fsynced per append.
#include "tracuu/indexer/change_log.h"

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "durable_file.h"

namespace tracuu::indexer {
namespace {

std::string now_iso() {
  auto now = std::chrono::system_clock::now();
  auto t = std::chrono::system_clock::to_time_t(now);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms.count()));
  return out;
}

// Calls f(change) for every whole, parsable line; returns whether the file ends in '\n'.
template <class F>
bool each_change(const std::filesystem::path& file, F&& f) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  bool ends_clean = true;
  while (std::getline(in, line)) {
    ends_clean = !in.eof();
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("rev")) continue;
    f(Change{j.value("rev", std::uint64_t{0}), j.value("time", ""), j.value("action", ""),
             j.value("id", ""), j.value("token", "")});
  }
  return ends_clean;
}

}  // namespace

ChangeLog::ChangeLog(std::filesystem::path db_path) : file_(db_path / kFileName) {}

// Reads the log to number the change: fine for the rate of API writes (each also commits the
// index, which costs far more than reading these short lines).
Change ChangeLog::append(const std::string& action, const std::string& id,
                         const std::string& token) {
  std::lock_guard lock(mutex_);
  std::uint64_t last = 0;
  bool clean = each_change(file_, [&](const Change& c) { last = std::max(last, c.rev); });
  Change c{last + 1, now_iso(), action, id, token};
  nlohmann::json j{
      {"rev", c.rev}, {"time", c.time}, {"action", c.action}, {"id", c.id}, {"token", c.token}};
  std::string line =
      (clean ? "" : "\n") + j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  append_line(file_, line);
  return c;
}

std::vector<Change> ChangeLog::since(std::uint64_t since, std::size_t limit) const {
  std::vector<Change> out;
  each_change(file_, [&](const Change& c) {
    if (c.rev > since && out.size() < limit) out.push_back(c);
  });
  return out;
}

}  // namespace tracuu::indexer
