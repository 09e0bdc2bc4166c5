// Helpers for corpus tests: temporary files and extracting from inline text.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tracuu/corpus/extractor.h"
#include "tracuu/corpus/reader.h"

namespace tracuu::test {

inline std::filesystem::path temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("tracuu-test-" + name + "-" + std::to_string(::getpid()));
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
      path,
      [&](corpus::RawDocument&& raw) {
        out.docs.push_back(corpus::Extractor::shared().extract(raw));
      },
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

inline std::vector<std::string> citation_numbers(const corpus::Document& d) {
  std::vector<std::string> out;
  for (const auto& c : d.citations) out.push_back(c.number);
  return out;
}

// A document read from another format (PDF, Word, a legacy encoding) must give the metadata its
// plain-text twin gives: the title, the official header, type, date, province and citations.
inline void expect_same_metadata(const corpus::Document& got, const corpus::Document& want) {
  ASSERT_TRUE(got.header.has_value()) << got.text.substr(0, 400);
  ASSERT_TRUE(want.header.has_value());
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.header->number, want.header->number);
  EXPECT_EQ(got.header->issuer, want.header->issuer);
  EXPECT_EQ(got.header->date, want.header->date);
  EXPECT_EQ(got.header->doc_type, want.header->doc_type);
  EXPECT_EQ(got.header->place, want.header->place);
  EXPECT_EQ(got.type, want.type);
  EXPECT_EQ(got.date, want.date);
  EXPECT_EQ(got.primary_province, want.primary_province);
  EXPECT_EQ(citation_numbers(got), citation_numbers(want));
}

}  // namespace tracuu::test
