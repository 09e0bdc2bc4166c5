// Helpers for corpus tests: temporary files and extracting from inline text.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tracuu/corpus/extractor.h"
#include "tracuu/corpus/reader.h"

namespace tracuu::test {

inline std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("tracuu-test-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

struct ReadAll {
  std::vector<corpus::Document> docs;
  std::vector<corpus::ReadError> errors;
};

inline ReadAll read_all(const std::string& path) {
  ReadAll out;
  corpus::read_path(
      path, [&](corpus::RawDocument&& raw) { out.docs.push_back(corpus::Extractor::shared().extract(raw)); },
      [&](const corpus::ReadError& e) { out.errors.push_back(e); });
  return out;
}

inline corpus::Document extract_text(const std::string& text) {
  corpus::RawDocument raw;
  raw.format = corpus::RawDocument::Format::kText;
  raw.origin = "inline.txt";
  raw.content = text;
  return corpus::Extractor::shared().extract(raw);
}

}  // namespace tracuu::test
