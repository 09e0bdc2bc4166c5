// Lines of a plain or gzip stream, split by length (NUL bytes are data) and capped in size.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu::corpus {

// Reads lines through zlib, which passes plain input through unchanged. A line longer than the
// cap is never held in memory: it is skipped to its end and reported by too_long(), so memory
// stays at the cap plus one buffer whatever the input. Not thread-safe.
class LineReader {
 public:
  // Takes ownership of `gz` (may be null: then next() fails at once with error()).
  LineReader(gzFile gz, std::size_t max_line_bytes);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Moves to the next line; false at the end of input or on a read error.
  bool next();
  // The current line without its '\n'; empty when too_long(). Valid until the next call.
  std::string_view line() const { return {line_.get(), line_size_}; }
  bool too_long() const { return too_long_; }
  std::size_t line_number() const { return line_number_; }  // of the current line, from 1
  // The next call to next() stays on the current line (one line of look-ahead).
  void put_back();
  // Frees the current line's memory when it is large (line() is then empty): a caller done with
  // a huge line need not hold it while it waits (next() does the same).
  void release_line();

  bool empty_input() const { return total_bytes_ == 0; }  // not one byte was read
  const std::string& error() const { return error_; }     // read error (corrupt gzip...), or ""

 private:
  bool fill();
  void append(const char* data, std::size_t n);

  gzFile gz_;
  std::size_t max_line_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  // The line, grown with realloc: a large block is moved by remapping pages, so a line never
  // costs twice its size while it grows (std::string growth copies into a block twice as big).
  std::unique_ptr<char, decltype(&std::free)> line_{nullptr, &std::free};
  std::size_t line_size_ = 0, line_capacity_ = 0;
  std::size_t total_bytes_ = 0;
  std::size_t line_number_ = 0;
  bool too_long_ = false;
  bool eof_ = false;
  bool put_back_ = false;
  std::string error_;
};

}  // namespace tracuu::corpus
