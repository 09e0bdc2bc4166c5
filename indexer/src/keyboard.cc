// Telex and VNI keys decoded into syllables, and the slips one key away from a typed word.
#include "keyboard.h"

#include <algorithm>
#include <array>

#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::indexer {
namespace {

// Longest first, so "ngh" wins over "ng" and "n".
constexpr std::array<std::string_view, 26> kOnsets = {
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c",
    "d",   "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",  "v", "x"};
constexpr std::array<std::string_view, 9> kFinals = {"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// The onset `s` starts with ("" for none). "gi" and "qu" only when a vowel follows them.
std::string_view onset_of(std::string_view s) {
  for (auto o : kOnsets)
    if (s.substr(0, o.size()) == o) {
      if ((o == "gi" || o == "qu") && (s.size() == 2 || !is_vowel(s[2]))) continue;
      return o;
    }
  return "";
}

bool is_final(std::string_view f) {
  return std::find(kFinals.begin(), kFinals.end(), f) != kFinals.end();
}

// A vowel with its mark: 'a' plain, or with the circumflex (^), breve (v) or horn (+).
struct Vowel {
  char letter;
  char mark = 0;
};

std::string vowel_utf8(const Vowel& v) {
  switch (v.mark) {
    case '^':
      return v.letter == 'a' ? "\xC3\xA2" : v.letter == 'e' ? "\xC3\xAA" : "\xC3\xB4";
    case 'v':
      return "\xC4\x83";
    case '+':
      return v.letter == 'o' ? "\xC6\xA1" : "\xC6\xB0";
    default:
      return std::string(1, v.letter);
  }
}

// The combining mark of a Telex tone key (its VNI digit was mapped to it).
const char* tone_mark(char key) {
  switch (key) {
    case 's':
      return "\xCC\x81";
    case 'f':
      return "\xCC\x80";
    case 'r':
      return "\xCC\x89";
    case 'x':
      return "\xCC\x83";
    case 'j':
      return "\xCC\xA3";
    default:
      return "";
  }
}

// VNI digits as the Telex keys they stand for: 1-5 tones, 6 doubles the vowel before it, 7 and 8
// are w, 9 after d is a second d. nullopt for a digit that is no VNI key there.
std::optional<std::string> vni_to_telex(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c < '0' || c > '9') {
      out += c;
      continue;
    }
    static constexpr std::string_view kTones = "sfrxj";
    if (c >= '1' && c <= '5') {
      out += kTones[static_cast<std::size_t>(c - '1')];
    } else if (c == '6') {
      auto at = out.find_last_of("aeo");
      if (at == std::string::npos) return std::nullopt;
      out += out[at];
    } else if (c == '7' || c == '8') {
      out += 'w';
    } else if (c == '9' && !out.empty() && out.back() == 'd') {
      out += 'd';
    } else {
      return std::nullopt;
    }
  }
  return out;
}

// Where the tone goes (new-style placement; normalize() settles the rest): on a marked vowel,
// else on the last vowel before a final consonant, the middle of three, the second of oa/oe/uy.
std::size_t tone_position(const std::vector<Vowel>& nucleus, bool has_final) {
  for (std::size_t k = nucleus.size(); k-- > 0;)
    if (nucleus[k].mark) return k;
  if (has_final || nucleus.size() == 1) return nucleus.size() - 1;
  if (nucleus.size() == 3) return 1;
  std::string pair{nucleus[0].letter, nucleus[1].letter};
  return pair == "oa" || pair == "oe" || pair == "uy" ? 1 : 0;
}

// The letters after the onset as Telex reads them. False when they cannot be a syllable.
struct Rhyme {
  std::vector<Vowel> nucleus;
  std::string final_consonants;
  char tone = 0;
  bool used_key = false;

  // 'w' marks the vowels before it: "uo" -> "ươ", else the last a/o/u; alone it types "ư".
  void horn() {
    used_key = true;
    std::size_t n = nucleus.size();
    if (n >= 2 && nucleus[n - 2].letter == 'u' && nucleus[n - 1].letter == 'o') {
      nucleus[n - 2].mark = nucleus[n - 1].mark = '+';
      return;
    }
    for (std::size_t k = n; k-- > 0;) {
      char l = nucleus[k].letter;
      if (l == 'a' || l == 'o' || l == 'u') {
        nucleus[k].mark = l == 'a' ? 'v' : '+';
        return;
      }
    }
    if (final_consonants.empty()) nucleus.push_back({'u', '+'});
  }

  bool vowel(char c) {
    // "aa", or the a/e/o typed again after the final ("vietej"): the circumflex.
    for (std::size_t k = nucleus.size(); k-- > 0;) {
      bool adjacent = final_consonants.empty() && k + 1 == nucleus.size();
      if ((c == 'a' || c == 'e' || c == 'o') && nucleus[k].letter == c && !nucleus[k].mark &&
          (adjacent || !final_consonants.empty())) {
        nucleus[k].mark = '^';
        used_key = true;
        return true;
      }
    }
    if (!final_consonants.empty() || nucleus.size() >= 3) return false;
    nucleus.push_back({c});
    return true;
  }

  bool read(std::string_view rest) {
    for (char c : rest) {
      if (c == 's' || c == 'f' || c == 'r' || c == 'x' || c == 'j' || c == 'z') {
        tone = c == 'z' ? 0 : c;
        used_key = true;
      } else if (c == 'w') {
        horn();
      } else if (is_vowel(c)) {
        if (!vowel(c)) return false;
      } else if (c == 'c' || c == 'h' || c == 'm' || c == 'n' || c == 'g' || c == 'p' || c == 't') {
        final_consonants += c;
      } else {
        return false;
      }
    }
    return !nucleus.empty() && is_final(final_consonants);
  }
};

}  // namespace

std::optional<std::string> decode_keys(std::string_view typed) {
  if (typed.empty() || typed.size() > 12) return std::nullopt;
  for (char c : typed)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return std::nullopt;
  auto telex = vni_to_telex(typed);
  if (!telex) return std::nullopt;
  std::string_view s = *telex;
  std::string onset;
  Rhyme rhyme;
  if (s.substr(0, 2) == "dd") {
    onset = "\xC4\x91";  // đ
    rhyme.used_key = true;
    s.remove_prefix(2);
  } else {
    onset = std::string(onset_of(s));
    s.remove_prefix(onset.size());
  }
  if (!rhyme.read(s) || !rhyme.used_key) return std::nullopt;
  std::size_t at = tone_position(rhyme.nucleus, !rhyme.final_consonants.empty());
  std::string out = onset;
  for (std::size_t k = 0; k < rhyme.nucleus.size(); ++k) {
    out += vowel_utf8(rhyme.nucleus[k]);
    if (k == at && rhyme.tone) out += tone_mark(rhyme.tone);
  }
  return tokenizer::normalize(out + rhyme.final_consonants);
}

bool syllable_shaped(std::string_view folded) {
  if (folded.empty() || folded.size() > 8) return false;
  for (char c : folded)
    if (c < 'a' || c > 'z') return false;
  std::string_view rest = folded.substr(onset_of(folded).size());
  std::size_t vowels = 0;
  while (vowels < rest.size() && is_vowel(rest[vowels])) ++vowels;
  return vowels >= 1 && vowels <= 3 && is_final(rest.substr(vowels));
}

std::vector<std::string> one_slip_away(std::string_view typed) {
  std::vector<std::string> out;
  const std::string word(typed);
  for (std::size_t i = 0; i < word.size(); ++i) {
    out.push_back(word.substr(0, i) + word.substr(i + 1));  // a letter too many
    if (i + 1 < word.size()) {
      std::string swapped = word;
      std::swap(swapped[i], swapped[i + 1]);
      if (swapped != word) out.push_back(swapped);
    }
  }
  for (std::size_t i = 0; i <= word.size(); ++i)
    for (char c = 'a'; c <= 'z'; ++c)
      out.push_back(word.substr(0, i) + c + word.substr(i));  // a letter dropped
  return out;
}

}  // namespace tracuu::indexer
