// Normalization: one spelling per Vietnamese word (NFC, tone placement, look-alike letters).
#include "tracuu/tokenizer/normalizer.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstring>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "utf8_util.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace tracuu::tokenizer {
namespace {

constexpr char32_t kGrave = 0x0300, kAcute = 0x0301, kTilde = 0x0303, kHook = 0x0309,
                   kDotBelow = 0x0323, kCircumflex = 0x0302, kBreve = 0x0306, kHorn = 0x031B;

bool is_tone_mark(char32_t c) {
  return c == kGrave || c == kAcute || c == kTilde || c == kHook || c == kDotBelow;
}

bool is_vowel_base(char32_t c) {
  switch (c | 0x20) {  // ASCII lowercase
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return true;
    default: return false;
  }
}

// Characters that look like others and are used for them in Vietnamese web text, plus
// spacing and typographic variants. Returns 0 to drop the character.
char32_t map_variant(char32_t c) {
  switch (c) {
    case 0x00D0: case 0x0189: return 0x0110;  // Eth / African D used for Đ
    case 0x00F0: return 0x0111;               // eth used for đ
    case 0x00A0: case 0x2007: case 0x202F: case 0x3000: case 0x205F: return ' ';
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: return 0;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: return '"';
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return '\'';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212: return '-';
    case 0x2026: return 0x2026;
    default: break;
  }
  if (c >= 0x2000 && c <= 0x200A) return ' ';
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFF01 + 0x21;  // full-width ASCII
  return c;
}

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normalizer unavailable");
  return *n;
}

const icu::Normalizer2& nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFD normalizer unavailable");
  return *n;
}

// One syllable in NFD: base letters, each followed by its combining marks.
struct Letter {
  char32_t base;
  bool modified;  // carries circumflex, breve or horn (â ă ê ô ơ ư)
  std::u32string marks;
};

// Moves the tone mark of one NFD syllable to the traditional position (hóa, ủy, thúy, khỏe,
// quý): the modified vowel if any (ơ in ươ), else the only vowel, else the middle of three,
// else the second of two when a final consonant follows, else the first of two.
void place_tone(std::u32string& syllable) {
  std::vector<Letter> letters;
  char32_t tone = 0;
  for (char32_t c : syllable) {
    if (is_tone_mark(c)) {
      if (tone != 0 || letters.empty()) return;  // two tones or a stray mark: leave as is
      tone = c;
    } else if (u_getCombiningClass(c) != 0) {
      if (letters.empty()) return;
      letters.back().marks.push_back(c);
      if (c == kCircumflex || c == kBreve || c == kHorn) letters.back().modified = true;
    } else {
      letters.push_back({c, false, {}});
    }
  }
  if (tone == 0) return;
  std::size_t first = letters.size(), last = 0;
  for (std::size_t i = 0; i < letters.size(); ++i) {
    if (is_vowel_base(letters[i].base)) {
      if (first == letters.size()) first = i;
      last = i;
    } else if (first != letters.size()) {
      break;
    }
  }
  if (first == letters.size()) return;
  // "qu" and "gi" before another vowel belong to the onset.
  auto lower = [&](std::size_t i) { return static_cast<char32_t>(u_tolower(letters[i].base)); };
  if (first > 0 && first < last &&
      ((lower(first - 1) == 'q' && lower(first) == 'u') ||
       (lower(first - 1) == 'g' && lower(first) == 'i' && letters[first].marks.empty()))) {
    ++first;
  }
  std::size_t n = last - first + 1;
  std::size_t target = first;
  std::size_t modified = letters.size();
  for (std::size_t i = first; i <= last; ++i)
    if (letters[i].modified) modified = i;  // the later one: ơ in ươ
  if (modified != letters.size()) {
    target = modified;
  } else if (n == 1) {
    target = first;
  } else if (n >= 3) {
    target = first + 1;
  } else {
    bool has_coda = last + 1 < letters.size();
    target = has_coda ? last : first;
  }
  syllable.clear();
  for (std::size_t i = 0; i < letters.size(); ++i) {
    syllable.push_back(letters[i].base);
    syllable += letters[i].marks;
    if (i == target) syllable.push_back(tone);
  }
}

bool is_syllable_char(char32_t c) {
  return u_isalpha(static_cast<UChar32>(c)) || u_getCombiningClass(static_cast<UChar32>(c)) != 0;
}

// Applies map_variant, then NFD, tone placement per syllable, and NFC.
icu::UnicodeString canonical(std::string_view text) {
  std::u32string mapped;
  mapped.reserve(text.size());
  bool has_marks = false;
  utf8::decode(text, [&](char32_t c, std::size_t, std::size_t) {
    char32_t m = map_variant(c);
    if (m != 0) mapped.push_back(m);
    if (m >= 0x80) has_marks = true;
  });
  if (!has_marks) {
    icu::UnicodeString out;
    for (char32_t c : mapped) out.append(static_cast<UChar32>(c));
    return out;
  }
  icu::UnicodeString pre;
  for (char32_t c : mapped) pre.append(static_cast<UChar32>(c));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = nfd().normalize(pre, status);
  if (U_FAILURE(status)) return pre;
  icu::UnicodeString placed;
  std::u32string syllable;
  auto flush = [&] {
    if (syllable.empty()) return;
    place_tone(syllable);
    for (char32_t c : syllable) placed.append(static_cast<UChar32>(c));
    syllable.clear();
  };
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (is_syllable_char(static_cast<char32_t>(c))) {
      syllable.push_back(static_cast<char32_t>(c));
    } else {
      flush();
      placed.append(c);
    }
  }
  flush();
  icu::UnicodeString composed = nfc().normalize(placed, status);
  return U_FAILURE(status) ? placed : composed;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}


enum class Mode { kKeepCase, kLower, kFold };

// The full pipeline on one piece of text (ICU normalization and case mapping).
std::string normalize_slow(std::string_view text, Mode mode) {
  icu::UnicodeString s = canonical(text);
  if (mode == Mode::kKeepCase) return to_utf8(s);
  s.toLower(icu::Locale::getRoot());
  if (mode == Mode::kLower) return to_utf8(s);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString d = nfd().normalize(s, status);
  icu::UnicodeString out;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0) continue;
    if (c == 0x0111) c = 'd';
    out.append(c);
  }
  return to_utf8(out);
}

bool is_letter(char32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  if (utf8::is_vietnamese_letter(c)) return true;
  return u_isalpha(static_cast<UChar32>(c)) || u_getCombiningClass(static_cast<UChar32>(c)) != 0;
}

// Normalized runs of letters, per thread and mode: a direct-mapped cache of one 64-byte line per
// entry (run and result inline), so a hit costs one cache miss at most; longer runs use a map.
class RunCache {
 public:
  explicit RunCache(Mode mode) : mode_(mode) {}

  void append(std::string_view run, std::string& out) {
    if (run.size() > kMax) return append_long(run, out);
    std::uint64_t h = XXH3_64bits(run.data(), run.size());
    Line& line = lines_[h & (kLines - 1)];
    if (line.hash != h || line.in_len != run.size() ||
        std::memcmp(line.in, run.data(), run.size()) != 0) {
      std::string n = normalize_slow(run, mode_);
      if (n.size() > kMax) {
        out += n;
        return;
      }
      line.hash = h;
      line.in_len = static_cast<std::uint8_t>(run.size());
      line.out_len = static_cast<std::uint8_t>(n.size());
      std::memcpy(line.in, run.data(), run.size());
      std::memcpy(line.out, n.data(), n.size());
    }
    out.append(line.out, line.out_len);
  }

 private:
  static constexpr std::size_t kMax = 27;
  static constexpr std::size_t kLines = 1u << 13;
  static constexpr std::size_t kMaxLong = 1 << 16;
  static constexpr std::size_t kMaxRun = 48;
  struct alignas(64) Line {
    std::uint64_t hash = 0;
    std::uint8_t in_len = 0, out_len = 0;
    char in[kMax] = {};
    char out[kMax] = {};
  };
  static_assert(sizeof(Line) == 64);

  void append_long(std::string_view run, std::string& out) {
    if (run.size() > kMaxRun) {
      out += normalize_slow(run, mode_);
      return;
    }
    auto it = long_.find(run);
    if (it == long_.end()) {
      if (long_.size() > kMaxLong) long_.clear();
      it = long_.emplace(std::string(run), normalize_slow(run, mode_)).first;
    }
    out += it->second;
  }

  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
  };
  Mode mode_;
  std::vector<Line> lines_ = std::vector<Line>(kLines);
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> long_;
};

// Text is mostly a few thousand distinct syllables: each run of letters is normalized once per
// thread and then looked up; everything between runs is mapped character by character, ASCII
// without decoding.
std::string normalize_cached(std::string_view text, Mode mode) {
  thread_local RunCache caches[3] = {RunCache(Mode::kKeepCase), RunCache(Mode::kLower),
                                     RunCache(Mode::kFold)};
  RunCache& cache = caches[static_cast<int>(mode)];
  std::string out;
  out.reserve(text.size());
  std::size_t run_start = std::string::npos, run_end = 0;
  bool run_ascii = true;
  auto flush = [&] {
    if (run_start == std::string::npos) return;
    std::string_view run = text.substr(run_start, run_end - run_start);
    if (run_ascii) {  // ASCII letters need at most lowercasing
      std::size_t at = out.size();
      out.append(run);
      if (mode != Mode::kKeepCase)
        for (std::size_t k = at; k < out.size(); ++k)
          if (out[k] >= 'A' && out[k] <= 'Z') out[k] = static_cast<char>(out[k] + ('a' - 'A'));
    } else {
      cache.append(run, out);
    }
    run_start = std::string::npos;
    run_ascii = true;
  };
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c = s[i];
    if (c < 0x80) {
      ++i;
    } else {
      U8_NEXT(s, i, length, c);
      if (c < 0) {
        i = start + 1;  // resynchronize on the next byte
        c = 0xFFFD;
      }
    }
    auto cp = static_cast<char32_t>(c);
    if (is_letter(cp)) {
      if (run_start == std::string::npos) run_start = static_cast<std::size_t>(start);
      run_end = static_cast<std::size_t>(i);
      run_ascii = run_ascii && cp < 0x80;
      continue;
    }
    flush();
    if (cp < 0x80) {  // ASCII other than letters is kept as it is
      out.push_back(static_cast<char>(cp));
      continue;
    }
    char32_t m = map_variant(cp);
    if (m == 0) continue;
    if (mode != Mode::kKeepCase) m = static_cast<char32_t>(u_tolower(static_cast<UChar32>(m)));
    utf8::append(out, m);
  }
  flush();
  return out;
}

}  // namespace

std::string normalize_keep_case(std::string_view text) {
  return normalize_cached(text, Mode::kKeepCase);
}

std::string normalize(std::string_view text) { return normalize_cached(text, Mode::kLower); }

std::string fold(std::string_view text) { return normalize_cached(text, Mode::kFold); }

bool is_valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace tracuu::tokenizer
