// The analysis chain: break on ICU character properties, type tokens, segment words.
#include "tracuu/tokenizer/tokenizer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"
#include "utf8_util.h"

namespace tracuu::tokenizer {

std::string_view token_type_name(TokenType type) {
  switch (type) {
    case TokenType::kWord:
      return "word";
    case TokenType::kNumber:
      return "number";
    case TokenType::kDate:
      return "date";
    case TokenType::kDocNum:
      return "docnum";
    case TokenType::kAbbrev:
      return "abbrev";
    case TokenType::kUrl:
      return "url";
    case TokenType::kEmail:
      return "email";
    case TokenType::kDomain:
      return "domain";
    case TokenType::kPunct:
      return "punct";
    case TokenType::kSymbol:
      return "symbol";
  }
  return "word";
}

namespace {

enum class CharClass { kSpace, kLetter, kDigit, kOther };

struct Char {
  char32_t cp;
  std::size_t start, end;
  CharClass cls;
};

CharClass classify(char32_t c) {
  if (c < 0x80) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
      return CharClass::kSpace;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return CharClass::kLetter;
    if (c >= '0' && c <= '9') return CharClass::kDigit;
    return CharClass::kOther;
  }
  if (utf8::is_vietnamese_letter(c)) return CharClass::kLetter;
  auto u = static_cast<UChar32>(c);
  if (u_isUWhiteSpace(u) || c == 0x00A0 || c == 0x202F) return CharClass::kSpace;
  if (c == 0x00AD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF)
    return CharClass::kLetter;  // invisible inside words; normalization drops them
  if (u_isalpha(u) || u_getCombiningClass(u) != 0) return CharClass::kLetter;
  if (u_isdigit(u)) return CharClass::kDigit;
  return CharClass::kOther;
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// "1.125", "21.169", "96,6", "1.234.567,89".
bool is_number(std::string_view s) {
  if (s.empty() || !is_ascii_digit(s.front()) || !is_ascii_digit(s.back())) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (is_ascii_digit(c)) continue;
    if ((c == '.' || c == ',') && is_ascii_digit(s[i + 1])) continue;
    return false;
  }
  return true;
}

// Splits digits on one separator kind; returns false when another character appears.
bool split_digits(std::string_view s, char sep, std::vector<int>& parts,
                  std::vector<std::size_t>& widths) {
  parts.clear();
  widths.clear();
  int value = 0;
  std::size_t width = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      if (width == 0) return false;
      parts.push_back(value);
      widths.push_back(width);
      value = 0;
      width = 0;
    } else if (is_ascii_digit(s[i]) && width < 4) {
      value = value * 10 + (s[i] - '0');
      ++width;
    } else {
      return false;
    }
  }
  return true;
}

std::string pad2(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

// Dates 20/10/2015, 20-10-2015, 20.10.2015 -> ISO; month dates 11/2019 -> "2019-11".
std::optional<std::string> parse_date(std::string_view s) {
  std::vector<int> p;
  std::vector<std::size_t> w;
  for (char sep : {'/', '-', '.'}) {
    if (!split_digits(s, sep, p, w)) continue;
    if (p.size() == 3 && w[0] <= 2 && w[1] <= 2 && w[2] == 4 && p[0] >= 1 && p[0] <= 31 &&
        p[1] >= 1 && p[1] <= 12 && p[2] >= 1900 && p[2] <= 2100)
      return std::to_string(p[2]) + "-" + pad2(p[1]) + "-" + pad2(p[0]);
    if (sep == '/' && p.size() == 2 && w[0] <= 2 && w[1] == 4 && p[0] >= 1 && p[0] <= 12 &&
        p[1] >= 1900 && p[1] <= 2100)
      return std::to_string(p[1]) + "-" + pad2(p[0]);
  }
  return std::nullopt;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

bool is_url(std::string_view s) {
  return (starts_with_ci(s, "http://") && s.size() > 8) ||
         (starts_with_ci(s, "https://") && s.size() > 9) ||
         (starts_with_ci(s, "www.") && s.size() > 6);
}

bool is_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

// "baosonla.org.vn": ASCII labels with a known top-level domain.
bool is_domain(std::string_view s) {
  auto dot = s.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  for (char c : s)
    if (!is_host_char(c)) return false;
  if (s.find("..") != std::string_view::npos) return false;
  std::string tld(s.substr(dot + 1));
  for (auto& c : tld) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::array<std::string_view, 9> kTlds{"vn",  "com",  "net", "org", "gov",
                                                     "edu", "info", "int", "io"};
  for (auto t : kTlds)
    if (tld == t) return true;
  return false;
}

bool is_email(std::string_view s) {
  auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos)
    return false;
  for (std::size_t i = 0; i < at; ++i)
    if (!is_host_char(s[i]) && s[i] != '_' && s[i] != '+') return false;
  return is_domain(s.substr(at + 1));
}

bool is_opening(char32_t c) {
  return c == '(' || c == '[' || c == '{' || c == '"' || c == '\'' || c == 0x201C || c == 0x2018 ||
         c == 0x00AB;
}
bool is_closing(char32_t c) {
  return c == ')' || c == ']' || c == '}' || c == '"' || c == '\'' || c == '.' || c == ',' ||
         c == ';' || c == ':' || c == '!' || c == '?' || c == 0x201D || c == 0x2019 ||
         c == 0x00BB || c == 0x2026;
}

std::uint64_t syllable_hash(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

// norm and fold of a token's text, computed once per distinct text and thread. A direct-mapped
// cache of one 64-byte line per entry (key, text, norm and fold inline), so a hit costs one cache
// miss at most and no allocation; a collision just recomputes. Longer texts (rare: syllables are
// at most ~10 bytes) are computed each time.
class FormsCache {
 public:
  void get(std::string_view text, std::string& norm, std::string& fold) {
    if (text.size() > kMax) {
      norm = normalize(text);
      fold = tracuu::tokenizer::fold(text);
      return;
    }
    std::uint64_t h = XXH3_64bits(text.data(), text.size());
    Line& line = lines_[h & (kLines - 1)];
    if (line.hash != h || line.text_len != text.size() ||
        std::memcmp(line.bytes, text.data(), text.size()) != 0) {
      std::string n = normalize(text), f = tracuu::tokenizer::fold(text);
      if (n.size() > kMax || f.size() > kMax) {  // NFC can grow a text; don't cache it
        norm = std::move(n);
        fold = std::move(f);
        return;
      }
      line.hash = h;
      line.text_len = static_cast<std::uint8_t>(text.size());
      line.norm_len = static_cast<std::uint8_t>(n.size());
      line.fold_len = static_cast<std::uint8_t>(f.size());
      std::memcpy(line.bytes, text.data(), text.size());
      std::memcpy(line.bytes + kMax, n.data(), n.size());
      std::memcpy(line.bytes + 2 * kMax, f.data(), f.size());
    }
    norm.assign(line.bytes + kMax, line.norm_len);
    fold.assign(line.bytes + 2 * kMax, line.fold_len);
  }

 private:
  static constexpr std::size_t kMax = 17;
  static constexpr std::size_t kLines = 1u << 14;
  struct alignas(64) Line {
    std::uint64_t hash = 0;
    std::uint8_t text_len = 0, norm_len = 0, fold_len = 0;
    char bytes[3 * kMax] = {};
  };
  static_assert(sizeof(Line) == 64);
  std::vector<Line> lines_ = std::vector<Line>(kLines);
};

FormsCache& forms_cache() {
  thread_local FormsCache cache;
  return cache;
}

// The segmentation lexicon: open addressing over hashes of syllable sequences. Each entry is a
// word, a prefix of a longer word, or both, so the segmenter stops extending a candidate as soon
// as no word can start with it.
class Lexicon {
 public:
  static constexpr std::uint8_t kWord = 1, kPrefix = 2;
  struct Entry {
    std::uint64_t key = 0;
    float score = 0;
    std::uint8_t flags = 0;
  };

  void build(const std::vector<std::pair<std::vector<std::uint64_t>, float>>& words) {
    // Sized for the distinct keys (words share prefixes), at most half full: a smaller table
    // keeps more of it in cache, and every probe of the segmenter is a likely cache miss.
    std::unordered_set<std::uint64_t> keys;
    for (const auto& w : words) {
      std::uint64_t h = 0;
      for (std::size_t k = 0; k < w.first.size(); ++k)
        keys.insert(h = combine(h, w.first[k], k == 0));
    }
    std::size_t size = 16;
    while (size < keys.size() * 2) size <<= 1;
    table_.assign(size, {});
    mask_ = size - 1;
    for (const auto& [syllables, score] : words) {
      std::uint64_t h = 0;
      for (std::size_t k = 0; k < syllables.size(); ++k) {
        h = combine(h, syllables[k], k == 0);
        Entry& e = slot(h);
        if (k + 1 == syllables.size()) {
          e.flags |= kWord;
          e.score = score;
        } else {
          e.flags |= kPrefix;
        }
      }
    }
  }

  const Entry* find(std::uint64_t h) const {
    h = h ? h : 1;
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Entry& e = table_[i];
      if (e.key == h) return &e;
      if (e.key == 0) return nullptr;
    }
  }

  static std::uint64_t combine(std::uint64_t h, std::uint64_t syllable, bool first) {
    return first ? syllable : h * 0x9E3779B97F4A7C15ull + syllable + 0x632BE59BD9B4E019ull;
  }

 private:
  Entry& slot(std::uint64_t h) {
    h = h ? h : 1;
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      Entry& e = table_[i];
      if (e.key == h || e.key == 0) {
        e.key = h;
        return e;
      }
    }
  }

  std::vector<Entry> table_;
  std::size_t mask_ = 0;
};

}  // namespace

constexpr std::size_t kMaxWordSyllables = 4;

struct Tokenizer::Impl {
  std::unordered_map<std::string, std::string> abbreviations;  // surface -> expansion
  // The same table read accents and case aside, for queries: folded surface -> expansions, and
  // folded expansion -> surface.
  std::unordered_map<std::string, std::vector<std::string>> expansions_by_fold;
  std::unordered_map<std::string, std::string> by_expansion;
  // Word scores keyed by the combined hash of their syllables' norms, so the segmenter looks
  // words up without building strings.
  Lexicon lexicon;

  void load_abbreviations(const std::string& path);
  void load_words(const std::string& path);

  void emit(std::string_view input, std::size_t start, std::size_t end, TokenType type,
            std::vector<Token>& out) const;
  void split_chunk(std::string_view input, const std::vector<Char>& chars, std::size_t a,
                   std::size_t b, std::vector<Token>& out) const;
  void chunk(std::string_view input, const std::vector<Char>& chars, std::size_t a, std::size_t b,
             bool all_letters, std::vector<Token>& out) const;
};

void Tokenizer::Impl::load_abbreviations(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read abbreviation table " + path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    auto rest = line.substr(tab + 1);
    auto tab2 = rest.find('\t');
    std::string surface = normalize_keep_case(line.substr(0, tab));
    std::string expansion = normalize(tab2 == std::string::npos ? rest : rest.substr(0, tab2));
    abbreviations[surface] = expansion;
    auto& same_letters = expansions_by_fold[fold(surface)];
    if (std::find(same_letters.begin(), same_letters.end(), expansion) == same_letters.end())
      same_letters.push_back(expansion);
    by_expansion.emplace(fold(expansion), surface);  // the first entry of a name wins
  }
}

void Tokenizer::Impl::load_words(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read segmentation lexicon " + path);
  std::vector<std::pair<std::vector<std::uint64_t>, float>> words;
  std::string line;
  while (std::getline(in, line)) {
    auto tab = line.find('\t');
    if (tab == std::string::npos || line[0] == '#') continue;
    float score = std::strtof(line.c_str() + tab + 1, nullptr);
    // Keys take the same normalization as tokens (tone placement may differ in sources).
    std::string norm = normalize(std::string_view(line).substr(0, tab));
    std::vector<std::uint64_t> syllables;
    std::size_t start = 0;
    for (std::size_t k = 0; k <= norm.size(); ++k) {
      if (k == norm.size() || norm[k] == ' ') {
        if (k > start)
          syllables.push_back(syllable_hash(std::string_view(norm).substr(start, k - start)));
        start = k + 1;
      }
    }
    // Longer entries are rare and beyond what the segmenter considers.
    if (syllables.size() >= 2 && syllables.size() <= kMaxWordSyllables)
      words.emplace_back(std::move(syllables), score);
  }
  lexicon.build(words);
}

namespace {
// Every shipped abbreviation has a capital (ASCII, Đ or its Eth look-alike) followed by a
// character that is not a lowercase letter ("UBND", "HĐND", "KT-XH"), so ordinary
// capitalized words ("Đảng", "Tỉnh") skip the table lookup and its normalization.
bool may_be_abbreviation(std::string_view text) {
  std::size_t second;
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') {
    second = 1;
  } else if (text.substr(0, 2) == "\xC4\x90" || text.substr(0, 2) == "\xC3\x90") {
    second = 2;
  } else {
    return false;
  }
  if (second >= text.size()) return false;
  auto c = static_cast<unsigned char>(text[second]);
  if (c < 0x80) return !(c >= 'a' && c <= 'z');
  char32_t cp = 0;
  utf8::decode(text.substr(second, std::min<std::size_t>(4, text.size() - second)),
               [&](char32_t ch, std::size_t s, std::size_t) {
                 if (s == 0) cp = ch;
               });
  return !u_islower(static_cast<UChar32>(cp));
}
}  // namespace

void Tokenizer::Impl::emit(std::string_view input, std::size_t start, std::size_t end,
                           TokenType type, std::vector<Token>& out) const {
  Token& t = out.emplace_back();
  t.start = start;
  t.end = end;
  t.type = type;
  std::string_view text = input.substr(start, end - start);
  bool ascii = true;
  for (char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    t.norm.assign(text);
    for (auto& c : t.norm)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
    t.fold = t.norm;
  } else {
    forms_cache().get(text, t.norm, t.fold);
  }
  if (type == TokenType::kWord) {
    if (text.size() <= 24 && may_be_abbreviation(text)) {
      auto it = abbreviations.find(ascii ? std::string(text) : normalize_keep_case(text));
      if (it != abbreviations.end()) {
        t.type = TokenType::kAbbrev;
        t.expansion = it->second;
      }
    }
  } else if (type == TokenType::kDocNum) {
    if (auto d = parse_docnum(text)) t.canonical = d->canonical;
  } else if (type == TokenType::kDate) {
    if (auto d = parse_date(text)) t.canonical = *d;
  }
}

// Generic split of a chunk: letter runs, digit runs, and one token per other character.
void Tokenizer::Impl::split_chunk(std::string_view input, const std::vector<Char>& chars,
                                  std::size_t a, std::size_t b, std::vector<Token>& out) const {
  std::size_t i = a;
  while (i < b) {
    CharClass cls = chars[i].cls;
    std::size_t j = i + 1;
    if (cls == CharClass::kLetter) {
      while (j < b && chars[j].cls == CharClass::kLetter) ++j;
      emit(input, chars[i].start, chars[j - 1].end, TokenType::kWord, out);
    } else if (cls == CharClass::kDigit) {
      while (j < b && (chars[j].cls == CharClass::kDigit ||
                       ((chars[j].cp == '.' || chars[j].cp == ',') && j + 1 < b &&
                        chars[j + 1].cls == CharClass::kDigit)))
        ++j;
      emit(input, chars[i].start, chars[j - 1].end, TokenType::kNumber, out);
    } else {
      auto u = static_cast<UChar32>(chars[i].cp);
      emit(input, chars[i].start, chars[i].end,
           u_ispunct(u) || chars[i].cp == 0xFFFD ? TokenType::kPunct : TokenType::kSymbol, out);
    }
    i = j;
  }
}

// A whitespace-delimited chunk: special whole tokens first, with outer punctuation peeled off.
void Tokenizer::Impl::chunk(std::string_view input, const std::vector<Char>& chars, std::size_t a,
                            std::size_t b, bool all_letters, std::vector<Token>& out) const {
  if (all_letters) {  // most chunks are one syllable: nothing to peel or recognize
    emit(input, chars[a].start, chars[b - 1].end, TokenType::kWord, out);
    return;
  }
  std::size_t core_a = a, core_b = b;
  while (core_a < core_b && is_opening(chars[core_a].cp)) ++core_a;
  while (core_b > core_a && is_closing(chars[core_b - 1].cp)) --core_b;
  if (core_a < core_b) {
    std::string_view core =
        input.substr(chars[core_a].start, chars[core_b - 1].end - chars[core_a].start);
    std::optional<TokenType> whole;
    if (is_url(core)) {
      whole = TokenType::kUrl;
    } else if (core.find('@') != std::string_view::npos) {
      if (is_email(core)) whole = TokenType::kEmail;
    } else if (chars[core_a].cls == CharClass::kDigit) {
      if (parse_date(core)) {
        whole = TokenType::kDate;
      } else if (is_number(core)) {
        whole = TokenType::kNumber;
      } else if (parse_docnum(core)) {
        whole = TokenType::kDocNum;
      }
    } else if (core.find('.') != std::string_view::npos && is_domain(core)) {
      whole = TokenType::kDomain;
    } else if (may_be_abbreviation(core) && core.find('-') != std::string_view::npos &&
               abbreviations.count(normalize_keep_case(core))) {
      whole = TokenType::kWord;  // emit() turns it into kAbbrev ("KT-XH")
    }
    if (whole) {
      split_chunk(input, chars, a, core_a, out);
      emit(input, chars[core_a].start, chars[core_b - 1].end, *whole, out);
      split_chunk(input, chars, core_b, b, out);
      return;
    }
  }
  split_chunk(input, chars, a, b, out);
}

Tokenizer::Tokenizer(const std::string& data_dir) : impl_(std::make_unique<Impl>()) {
  impl_->load_abbreviations(data_dir + "/tokenizer/abbreviations.tsv");
  impl_->load_words(data_dir + "/tokenizer/words.tsv");
}

Tokenizer::~Tokenizer() = default;

std::vector<std::string> Tokenizer::expansions_of(std::string_view word) const {
  auto it = impl_->expansions_by_fold.find(fold(word));
  return it == impl_->expansions_by_fold.end() ? std::vector<std::string>{} : it->second;
}

std::string Tokenizer::abbreviation_for(std::string_view words) const {
  auto it = impl_->by_expansion.find(fold(words));
  return it == impl_->by_expansion.end() ? std::string() : it->second;
}

std::string default_data_dir() {
  const char* env = std::getenv("TRACUU_DATA_DIR");
  return std::string(env && *env ? env : TRACUU_DEFAULT_DATA_DIR);
}

const Tokenizer& Tokenizer::shared() {
  static const Tokenizer instance(default_data_dir());
  return instance;
}

std::vector<Token> Tokenizer::tokenize(std::string_view text) const {
  // Decode one whitespace-delimited chunk at a time into a small reused buffer.
  thread_local std::vector<Char> chars;
  chars.clear();
  bool all_letters = true;
  std::vector<Token> out;
  out.reserve(text.size() / 4 + 4);
  utf8::decode(text, [&](char32_t c, std::size_t s, std::size_t e) {
    CharClass cls = classify(c);
    if (cls == CharClass::kSpace) {
      if (!chars.empty()) {
        impl_->chunk(text, chars, 0, chars.size(), all_letters, out);
        chars.clear();
        all_letters = true;
      }
      return;
    }
    all_letters = all_letters && cls == CharClass::kLetter;
    chars.push_back({c, s, e, cls});
  });
  if (!chars.empty()) impl_->chunk(text, chars, 0, chars.size(), all_letters, out);
  chars.clear();
  std::uint32_t position = 0;
  for (auto& t : out) {
    t.position = position;
    if (t.type != TokenType::kPunct && t.type != TokenType::kSymbol) ++position;
  }
  return out;
}

namespace {
bool is_capitalized(std::string_view text) {
  if (text.empty()) return false;
  auto first_byte = static_cast<unsigned char>(text[0]);
  if (first_byte < 0x80) return first_byte >= 'A' && first_byte <= 'Z';
  char32_t first = 0;
  utf8::decode(text.substr(0, std::min<std::size_t>(4, text.size())),
               [&](char32_t c, std::size_t s, std::size_t) {
                 if (s == 0) first = c;
               });
  return u_isupper(static_cast<UChar32>(first));
}
}  // namespace

std::vector<Word> Tokenizer::segment(std::string_view text,
                                     const std::vector<Token>& tokens) const {
  std::vector<Word> words;
  words.reserve(tokens.size());
  thread_local std::vector<char> caps;
  thread_local std::vector<std::uint64_t> hashes;
  caps.resize(tokens.size());
  hashes.resize(tokens.size());
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    bool word = tokens[k].type == TokenType::kWord;
    caps[k] = word && is_capitalized(tokens[k].text(text));
    hashes[k] = word ? syllable_hash(tokens[k].norm) : 0;
  }
  auto single = [&](std::size_t i) { words.push_back({i, i + 1, {}, {}}); };
  const Lexicon& lexicon = impl_->lexicon;
  std::size_t i = 0;
  while (i < tokens.size()) {
    if (tokens[i].type != TokenType::kWord) {
      single(i++);
      continue;
    }
    // A run of syllables separated only by spaces.
    std::size_t j = i + 1;
    while (j < tokens.size() && tokens[j].type == TokenType::kWord &&
           tokens[j].start > tokens[j - 1].end)
      ++j;
    std::size_t n = j - i;
    // Best segmentation by dynamic programming, forward: from each start, extend while the
    // syllables read so far are a word or the prefix of one. A syllable alone scores 0, a
    // lexicon word its score, a run of capitalized syllables (a name: "Lào Cai", "Nguyễn Văn
    // An") at least 0.6 per extra syllable.
    thread_local std::vector<float> best;
    thread_local std::vector<std::size_t> back;
    best.assign(n + 1, -1e30f);
    back.assign(n + 1, 1);
    best[0] = 0;
    for (std::size_t s = 0; s < n; ++s) {
      if (best[s] > best[s + 1]) {
        best[s + 1] = best[s];
        back[s + 1] = 1;
      }
      std::uint64_t h = hashes[i + s];
      bool all_caps = caps[i + s] != 0;
      for (std::size_t len = 2; len <= kMaxWordSyllables && s + len <= n; ++len) {
        h = Lexicon::combine(h, hashes[i + s + len - 1], false);
        all_caps = all_caps && caps[i + s + len - 1] != 0;
        const Lexicon::Entry* e = lexicon.find(h);
        float score = -1e30f;
        if (e && (e->flags & Lexicon::kWord)) score = e->score;
        if (all_caps) score = std::max(score, 0.6f * static_cast<float>(len - 1));
        if (score > -1e29f && best[s] + score > best[s + len]) {
          best[s + len] = best[s] + score;
          back[s + len] = len;
        }
        if (!all_caps && !(e && (e->flags & Lexicon::kPrefix))) break;
      }
    }
    thread_local std::vector<std::size_t> cuts;
    cuts.clear();
    for (std::size_t e = n; e > 0; e -= back[e]) cuts.push_back(e);
    std::size_t begin = 0;
    for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
      Word w{i + begin, i + *it, {}, {}};
      // A one-token word's forms are its token's: nothing to copy (see tokenizer.h).
      if (w.last_token - w.first_token > 1) {
        for (std::size_t k = w.first_token; k < w.last_token; ++k) {
          if (k > w.first_token) {
            w.norm += '_';
            w.fold += '_';
          }
          w.norm += tokens[k].norm;
          w.fold += tokens[k].fold;
        }
      }
      words.push_back(std::move(w));
      begin = *it;
    }
    i = j;
  }
  return words;
}

std::string Tokenizer::segment_line(std::string_view line) const {
  auto tokens = tokenize(line);
  auto words = segment(line, tokens);
  std::string out;
  out.reserve(line.size() + 8);
  std::size_t pos = 0;
  for (const auto& w : words) {
    std::size_t start = tokens[w.first_token].start;
    out.append(line.substr(pos, start - pos));
    for (std::size_t k = w.first_token; k < w.last_token; ++k) {
      if (k > w.first_token) out += '_';
      out.append(tokens[k].text(line));
    }
    pos = tokens[w.last_token - 1].end;
  }
  out.append(line.substr(pos));
  return out;
}

}  // namespace tracuu::tokenizer
