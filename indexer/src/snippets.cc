// Snippets: the text is tokenized a slice at a time and the scan stops once a window holds every
// query word: most matches are near the top of an article, and tokenizing whole texts dominated
// query time.
#include "snippets.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "tracuu/indexer/highlight.h"
#include "tracuu/indexer/html.h"
#include "tracuu/tokenizer/normalizer.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace tracuu::indexer {
namespace {

constexpr std::size_t kWindow = 40, kMaxScan = 20000;

// The best window found so far: tokens of the slice it lies in, which of them match, where it
// starts and how many matches it holds.
struct Window {
  std::string_view slice;
  std::vector<tokenizer::Token> tokens;
  std::vector<char> hits;
  std::size_t first = 0;
  std::size_t score = 0;
};

// Where the slice starting at `offset` ends: about `size` bytes on, cut at a space so no word is
// split.
std::size_t slice_end(std::string_view body, std::size_t offset, std::size_t size) {
  std::size_t end = std::min(body.size(), offset + size);
  if (end < body.size()) {
    std::size_t space = body.rfind(' ', end);
    if (space != std::string_view::npos && space > offset) end = space;
  }
  return end;
}

// A document number in any variant ("114/KL-TW" for "114-KL/TW"): by its canonical form.
bool is_wanted_number(const tokenizer::Token& t, const std::set<std::string>& wanted) {
  return t.type == tokenizer::TokenType::kDocNum && !t.canonical.empty() &&
         wanted.count(tokenizer::fold(t.canonical));
}

// The window of one slice with the most matches (the first such).
Window best_in_slice(std::string_view slice, const std::set<std::string>& wanted) {
  Window w;
  w.slice = slice;
  w.tokens = tokenizer::Tokenizer::shared().tokenize(slice);
  w.hits.resize(w.tokens.size());
  for (std::size_t i = 0; i < w.tokens.size(); ++i)
    w.hits[i] = wanted.count(w.tokens[i].fold) || is_wanted_number(w.tokens[i], wanted) ? 1 : 0;
  std::size_t score = 0;
  for (std::size_t i = 0; i < w.tokens.size(); ++i) {
    score += static_cast<std::size_t>(w.hits[i]);
    if (i >= kWindow) score -= static_cast<std::size_t>(w.hits[i - kWindow]);
    if (score > w.score) {
      w.score = score;
      w.first = i >= kWindow ? i - kWindow + 1 : 0;
    }
  }
  return w;
}

Window best_window(std::string_view body, const std::set<std::string>& wanted) {
  // Without query words the window is the text's start: a slice of ~100 syllables is plenty.
  const std::size_t slice_size = wanted.empty() ? 640 : 1024;
  const std::size_t enough = std::min<std::size_t>(wanted.size(), kWindow);
  Window best;
  for (std::size_t offset = 0; offset < body.size() && offset < kMaxScan;) {
    std::size_t end = slice_end(body, offset, slice_size);
    Window w = best_in_slice(body.substr(offset, end - offset), wanted);
    if (best.tokens.empty() || w.score > best.score) best = std::move(w);
    if (wanted.empty() || best.score >= enough) break;
    offset = end;
  }
  return best;
}

// Tokens first..last of the window's slice, escaped, matches marked; `pos` moves past the last.
std::string marked(const Window& w, std::size_t first, std::size_t last, std::size_t& pos) {
  std::string out;
  for (std::size_t i = first; i <= last; ++i) {
    out += html_escape(w.slice.substr(pos, w.tokens[i].start - pos));
    std::string_view t = w.tokens[i].text(w.slice);
    out += w.hits[i] ? "<mark>" + html_escape(t) + "</mark>" : html_escape(t);
    pos = w.tokens[i].end;
  }
  return out;
}

std::string render(const Window& w, std::string_view body) {
  std::size_t last = std::min(w.tokens.size(), w.first + kWindow) - 1;
  std::size_t pos = w.tokens[w.first].start;
  std::string out = (w.first > 0 || w.slice.data() != body.data()) ? "…" : "";
  out += marked(w, w.first, last, pos);
  bool more =
      last + 1 < w.tokens.size() || w.slice.data() + w.slice.size() < body.data() + body.size();
  if (more) out += "…";
  return out;
}

std::set<std::string> folded(const std::vector<std::string>& words) {
  std::set<std::string> wanted;
  for (const auto& w : words) wanted.insert(tokenizer::fold(w));
  return wanted;
}

}  // namespace

std::string highlight(const std::string& text, const std::vector<std::string>& words) {
  Window w = best_in_slice(text, folded(words));
  if (w.tokens.empty()) return html_escape(text);
  std::size_t pos = 0;
  std::string out = marked(w, 0, w.tokens.size() - 1, pos);
  return out + html_escape(std::string_view(text).substr(pos));
}

std::string make_snippet(const std::string& text, const std::vector<std::string>& words) {
  Window best = best_window(text, folded(words));
  if (best.tokens.empty()) return "";
  return render(best, text);
}

}  // namespace tracuu::indexer
