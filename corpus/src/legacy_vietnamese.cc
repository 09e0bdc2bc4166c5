// Candidate readings are scored by the share of words that are valid Vietnamese syllables: a
// wrong reading of TCVN3 or VNI bytes yields "C«ng t¸c", "coâng taùc", which no syllable
// inventory accepts. TCVN3 decodes through glibc iconv (TCVN5712-1, a superset of TCVN3's VN3
// subset); VNI Windows has no converter in Debian, so its table is compiled in (source in
// data/SOURCES.md).
#include "legacy_vietnamese.h"

#include <iconv.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <array>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {
namespace {

// Rhymes (vowel nucleus + final) as skeletons: â=A ă=B ê=E ô=O ơ=P ư=U, tones removed.
const std::unordered_set<std::string>& rhymes() {
  static const std::unordered_set<std::string> kRhymes{
      "a",   "ai",  "ao",   "au",   "ay",   "ac",   "ach",  "am",   "an",   "ang",  "anh",  "ap",
      "at",  "Bc",  "Bm",   "Bn",   "Bng",  "Bp",   "Bt",   "Ac",   "Am",   "An",   "Ang",  "Ap",
      "At",  "Au",  "Ay",   "e",    "ec",   "em",   "en",   "eng",  "eo",   "ep",   "et",   "E",
      "Ech", "Em",  "En",   "Enh",  "Ep",   "Et",   "Eu",   "i",    "ia",   "ich",  "im",   "in",
      "inh", "ip",  "it",   "iu",   "iEc",  "iEm",  "iEn",  "iEng", "iEp",  "iEt",  "iEu",  "o",
      "oa",  "oac", "oach", "oai",  "oam",  "oan",  "oang", "oanh", "oao",  "oap",  "oat",  "oay",
      "oBc", "oBm", "oBn",  "oBng", "oBt",  "oc",   "oe",   "oen",  "oeo",  "oet",  "oi",   "om",
      "on",  "ong", "ooc",  "oong", "op",   "ot",   "O",    "Oc",   "Oi",   "Om",   "On",   "Ong",
      "Op",  "Ot",  "P",    "Pi",   "Pm",   "Pn",   "Pp",   "Pt",   "u",    "ua",   "uAn",  "uAng",
      "uAt", "uAy", "uc",   "uE",   "uEch", "uEnh", "uOc",  "uOi",  "uOm",  "uOn",  "uOng", "uOt",
      "ui",  "um",  "un",   "ung",  "up",   "ut",   "uy",   "uya",  "uych", "uyEn", "uyEt", "uynh",
      "uyt", "uyu", "uP",   "U",    "Ua",   "Uc",   "Ui",   "Um",   "Un",   "Ung",  "UPc",  "UPi",
      "UPm", "UPn", "UPng", "UPp",  "UPt",  "UPu",  "Ut",   "Uu",   "y",    "yEm",  "yEn",  "yEt",
      "yEu"};
  return kRhymes;
}

bool is_tone_mark(UChar32 c) {
  return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323;
}

// "người" -> "ngUPi"; empty when a mark sits on a letter that cannot carry it or a word has
// two tones or a letter outside Vietnamese.
std::string skeleton(const icu::UnicodeString& decomposed_lower) {
  std::string out;
  int tones = 0;
  for (int32_t i = 0; i < decomposed_lower.length(); i = decomposed_lower.moveIndex32(i, 1)) {
    UChar32 c = decomposed_lower.char32At(i);
    if (is_tone_mark(c)) {
      if (++tones > 1 || out.empty()) return {};
      continue;
    }
    char last = out.empty() ? '\0' : out.back();
    if (c == 0x302 && (last == 'a' || last == 'e' || last == 'o')) {
      out.back() = static_cast<char>(last - 'a' + 'A');  // a->A, e->E, o->O
    } else if (c == 0x306 && last == 'a') {
      out.back() = 'B';
    } else if (c == 0x31B && (last == 'o' || last == 'u')) {
      out.back() = last == 'o' ? 'P' : 'U';
    } else if (c == 0x111) {
      out += 'D';
    } else if (c >= 'a' && c <= 'z' && c != 'f' && c != 'j' && c != 'w' && c != 'z') {
      out += static_cast<char>(c);
    } else {
      return {};
    }
  }
  return out;
}

bool is_syllable(const icu::UnicodeString& word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString lower(word);
  std::string s = skeleton(nfd->normalize(lower.toLower(), status));
  if (s.empty()) return false;
  static const std::array<const char*, 27> kOnsets{
      "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d",
      "D",   "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",  "v", "x"};
  if (rhymes().count(s)) return true;
  for (const char* onset : kOnsets) {
    std::string_view o(onset);
    if (s.size() > o.size() && s.compare(0, o.size(), o) == 0 && rhymes().count(s.substr(o.size())))
      return true;
  }
  return false;
}

// Words: split at whitespace and ASCII non-letters; a non-ASCII symbol inside a word ("C«ng")
// stays in it and makes it invalid, punctuation at its edges (quotes, dashes) is trimmed.
bool separates(UChar32 c) {
  return u_isspace(c) || (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
}

template <typename Fn>
void for_each_word(const icu::UnicodeString& text, Fn&& fn) {
  int32_t start = -1;
  for (int32_t i = 0; i <= text.length(); i = i < text.length() ? text.moveIndex32(i, 1) : i + 1) {
    bool inside = i < text.length() && !separates(text.char32At(i));
    if (inside && start < 0) start = i;
    if (inside || start < 0) continue;
    int32_t from = start, to = i;
    while (from < to && u_ispunct(text.char32At(from))) from = text.moveIndex32(from, 1);
    while (to > from && u_ispunct(text.char32At(text.moveIndex32(to, -1))))
      to = text.moveIndex32(to, -1);
    if (from < to) fn(from, to);
    start = -1;
  }
}

std::string utf8_of(const icu::UnicodeString& s) {
  std::string out;
  return s.toUTF8String(out);
}

// glibc iconv, invalid bytes as U+FFFD (TCVN5712-1 leaves few bytes undefined).
std::string decode_tcvn3(std::string_view bytes) {
  iconv_t cd = iconv_open("UTF-8", "TCVN5712-1");
  if (cd == reinterpret_cast<iconv_t>(-1)) return {};
  std::string out;
  std::vector<char> buf(4 * bytes.size() + 16);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  while (in_left > 0) {
    char* o = buf.data();
    std::size_t o_left = buf.size();
    std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buf.data(), static_cast<std::size_t>(o - buf.data()));
    if (r == static_cast<std::size_t>(-1) && errno != E2BIG) {
      out += "\xEF\xBF\xBD";
      ++in;
      --in_left;
    }
  }
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  iconv_close(cd);
  return out;
}

// VNI Windows: a letter is a base letter and up to two mark bytes, shown here as the windows-1252
// characters those bytes are; a few letters are single bytes (ơ ư đ and the toned i).
const std::unordered_map<std::string, std::string>& vni_table() {
  static const std::unordered_map<std::string, std::string> kTable{
      {"aù", "á"}, {"AÙ", "Á"}, {"aø", "à"}, {"AØ", "À"}, {"aû", "ả"}, {"AÛ", "Ả"}, {"aõ", "ã"},
      {"AÕ", "Ã"}, {"aï", "ạ"}, {"AÏ", "Ạ"}, {"aâ", "â"}, {"AÂ", "Â"}, {"aá", "ấ"}, {"AÁ", "Ấ"},
      {"aà", "ầ"}, {"AÀ", "Ầ"}, {"aå", "ẩ"}, {"AÅ", "Ẩ"}, {"aã", "ẫ"}, {"AÃ", "Ẫ"}, {"aä", "ậ"},
      {"AÄ", "Ậ"}, {"aê", "ă"}, {"AÊ", "Ă"}, {"aé", "ắ"}, {"AÉ", "Ắ"}, {"aè", "ằ"}, {"AÈ", "Ằ"},
      {"aú", "ẳ"}, {"AÚ", "Ẳ"}, {"aü", "ẵ"}, {"AÜ", "Ẵ"}, {"aë", "ặ"}, {"AË", "Ặ"}, {"eù", "é"},
      {"EÙ", "É"}, {"eø", "è"}, {"EØ", "È"}, {"eû", "ẻ"}, {"EÛ", "Ẻ"}, {"eõ", "ẽ"}, {"EÕ", "Ẽ"},
      {"eï", "ẹ"}, {"EÏ", "Ẹ"}, {"eâ", "ê"}, {"EÂ", "Ê"}, {"eá", "ế"}, {"EÁ", "Ế"}, {"eà", "ề"},
      {"EÀ", "Ề"}, {"eå", "ể"}, {"EÅ", "Ể"}, {"eã", "ễ"}, {"EÃ", "Ễ"}, {"eä", "ệ"}, {"EÄ", "Ệ"},
      {"í", "í"},  {"Í", "Í"},  {"ì", "ì"},  {"Ì", "Ì"},  {"æ", "ỉ"},  {"Æ", "Ỉ"},  {"ó", "ĩ"},
      {"Ó", "Ĩ"},  {"ò", "ị"},  {"Ò", "Ị"},  {"où", "ó"}, {"OÙ", "Ó"}, {"oø", "ò"}, {"OØ", "Ò"},
      {"oû", "ỏ"}, {"OÛ", "Ỏ"}, {"oõ", "õ"}, {"OÕ", "Õ"}, {"oï", "ọ"}, {"OÏ", "Ọ"}, {"oâ", "ô"},
      {"OÂ", "Ô"}, {"oá", "ố"}, {"OÁ", "Ố"}, {"oà", "ồ"}, {"OÀ", "Ồ"}, {"oå", "ổ"}, {"OÅ", "Ổ"},
      {"oã", "ỗ"}, {"OÃ", "Ỗ"}, {"oä", "ộ"}, {"OÄ", "Ộ"}, {"ô", "ơ"},  {"Ô", "Ơ"},  {"ôù", "ớ"},
      {"ÔÙ", "Ớ"}, {"ôø", "ờ"}, {"ÔØ", "Ờ"}, {"ôû", "ở"}, {"ÔÛ", "Ở"}, {"ôõ", "ỡ"}, {"ÔÕ", "Ỡ"},
      {"ôï", "ợ"}, {"ÔÏ", "Ợ"}, {"uù", "ú"}, {"UÙ", "Ú"}, {"uø", "ù"}, {"UØ", "Ù"}, {"uû", "ủ"},
      {"UÛ", "Ủ"}, {"uõ", "ũ"}, {"UÕ", "Ũ"}, {"uï", "ụ"}, {"UÏ", "Ụ"}, {"ö", "ư"},  {"Ö", "Ư"},
      {"öù", "ứ"}, {"ÖÙ", "Ứ"}, {"öø", "ừ"}, {"ÖØ", "Ừ"}, {"öû", "ử"}, {"ÖÛ", "Ử"}, {"öõ", "ữ"},
      {"ÖÕ", "Ữ"}, {"öï", "ự"}, {"ÖÏ", "Ự"}, {"yù", "ý"}, {"YÙ", "Ý"}, {"yø", "ỳ"}, {"YØ", "Ỳ"},
      {"yû", "ỷ"}, {"YÛ", "Ỷ"}, {"yõ", "ỹ"}, {"YÕ", "Ỹ"}, {"î", "ỵ"},  {"Î", "Ỵ"},  {"ñ", "đ"},
      {"Ñ", "Đ"},
  };
  return kTable;
}

std::string windows1252_to_utf8(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 16, '\0');
  int32_t n = ucnv_convert("UTF-8", "windows-1252", out.data(), static_cast<int32_t>(out.size()),
                           bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(n) : 0);
  return out;
}

std::size_t utf8_length(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// Longest match first: "oâ" is ô, a lone "ô" is ơ.
std::string decode_vni(std::string_view bytes) {
  std::string text = windows1252_to_utf8(bytes), out;
  const auto& table = vni_table();
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t one = std::min(utf8_length(static_cast<unsigned char>(text[i])), text.size() - i);
    std::size_t two =
        i + one < text.size() ? one + utf8_length(static_cast<unsigned char>(text[i + one])) : one;
    auto it = two > one ? table.find(text.substr(i, two)) : table.end();
    if (it != table.end()) {
      out += it->second;
      i += two;
      continue;
    }
    it = table.find(text.substr(i, one));
    out += it != table.end() ? it->second : text.substr(i, one);
    i += one;
  }
  return out;
}

}  // namespace

double vietnamese_syllable_share(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  int words = 0, valid = 0;
  for_each_word(text, [&](int32_t from, int32_t to) {
    icu::UnicodeString word = text.tempSubStringBetween(from, to);
    bool ascii = true;
    for (int32_t i = 0; i < word.length() && ascii; ++i) ascii = word.charAt(i) < 0x80;
    if (ascii) return;
    ++words;
    if (is_syllable(word)) ++valid;
  });
  return words == 0 ? 1.0 : static_cast<double>(valid) / words;
}

namespace {

// TCVN3 has no toned capitals: ABC fonts draw them with the lowercase codes in a capitals font
// (.VnTimeH), so "TỈNH ỦY" arrives as "TỉNH ủY". A word whose only lowercase letters are toned
// ones is set in capitals when it has two capitals itself, or one and only such neighbours.
enum class WordCase { kMixed, kCaps, kLostCaps };

struct WordShape {
  WordCase kind = WordCase::kMixed;
  int capitals = 0;
  int letters = 0;
};

// NFD orders marks by combining class: the tone of "ệ" (dot below) comes before its circumflex.
bool has_tone(const icu::Normalizer2* nfd, UChar32 c, UErrorCode& status) {
  icu::UnicodeString d;
  if (U_FAILURE(status) || !nfd->getDecomposition(c, d)) return false;
  for (int32_t i = 0; i < d.length(); ++i)
    if (is_tone_mark(d.charAt(i))) return true;
  return false;
}

WordShape shape_of(const icu::UnicodeString& word) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  WordShape shape;
  int toned_lower = 0;
  for (int32_t i = 0; i < word.length(); i = word.moveIndex32(i, 1)) {
    UChar32 c = word.char32At(i);
    if (!u_isalpha(c)) continue;
    ++shape.letters;
    if (u_isupper(c)) {
      ++shape.capitals;
      continue;
    }
    if (!has_tone(nfd, c, status)) return shape;  // TCVN3 could have written it in capitals
    ++toned_lower;
  }
  shape.kind = toned_lower > 0      ? WordCase::kLostCaps
               : shape.capitals > 0 ? WordCase::kCaps
                                    : WordCase::kMixed;
  return shape;
}

// A neighbour vouches for capitals when it is a word, not a code: "SỐ" is not set in capitals
// by the "KH" of "Số: 05-KH/TU".
bool capitals_word(const WordShape& s) {
  return s.letters >= 3 &&
         (s.kind == WordCase::kCaps || (s.kind == WordCase::kLostCaps && s.capitals >= 2));
}

std::string restore_line_capitals(const icu::UnicodeString& line) {
  std::vector<std::pair<int32_t, int32_t>> spans;
  std::vector<WordShape> shapes;
  for_each_word(line, [&](int32_t from, int32_t to) {
    spans.emplace_back(from, to);
    shapes.push_back(shape_of(line.tempSubStringBetween(from, to)));
  });
  icu::UnicodeString out(line);
  for (std::size_t k = 0; k < spans.size(); ++k) {
    const WordShape& s = shapes[k];
    if (s.kind != WordCase::kLostCaps || s.capitals == 0) continue;
    bool has_left = k > 0, has_right = k + 1 < spans.size();
    bool neighbours = (has_left || has_right) && (!has_left || capitals_word(shapes[k - 1])) &&
                      (!has_right || capitals_word(shapes[k + 1]));
    if (s.capitals < 2 && !neighbours) continue;
    auto [from, to] = spans[k];
    icu::UnicodeString upper = line.tempSubStringBetween(from, to);
    out.replace(from, to - from, upper.toUpper());
  }
  return utf8_of(out);
}

std::string restore_tcvn3_capitals(const std::string& utf8) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= utf8.size()) {
    std::size_t nl = std::min(utf8.find('\n', pos), utf8.size());
    out += restore_line_capitals(icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data() + pos, static_cast<int32_t>(nl - pos))));
    if (nl < utf8.size()) out += '\n';
    pos = nl + 1;
  }
  return out;
}

// Enough evidence to switch readings: a handful of words, most of them syllables, and clearly
// more than the other reading has.
constexpr int kMinWords = 3;
constexpr double kMinShare = 0.8, kMinLead = 0.15;

int non_ascii_words(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  int n = 0;
  for_each_word(text, [&](int32_t from, int32_t to) {
    for (int32_t i = from; i < to; ++i)
      if (text.charAt(i) >= 0x80) {
        ++n;
        return;
      }
  });
  return n;
}

// windows-1252 bytes of `utf8`, or nullopt when it holds a character 1252 cannot write.
std::optional<std::string> utf8_to_windows1252(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open("windows-1252", &status);
  if (U_FAILURE(status)) return std::nullopt;
  ucnv_setFromUCallBack(conv, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::string out(static_cast<std::size_t>(text.length()) + 16, '\0');
  int32_t n = ucnv_fromUChars(conv, out.data(), static_cast<int32_t>(out.size()), text.getBuffer(),
                              text.length(), &status);
  ucnv_close(conv);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace

std::optional<LegacyText> read_legacy_vietnamese(std::string_view bytes, std::string_view other) {
  double other_share = other.empty() ? 0.0 : vietnamese_syllable_share(other);
  std::optional<LegacyText> best;
  double best_share = 0;
  for (auto& candidate : {LegacyText{decode_tcvn3(bytes), "TCVN3 (ABC)"},
                          LegacyText{decode_vni(bytes), "VNI Windows"}}) {
    if (non_ascii_words(candidate.utf8) < kMinWords) continue;
    double share = vietnamese_syllable_share(candidate.utf8);
    if (share >= kMinShare && share >= other_share + kMinLead && share > best_share) {
      best_share = share;
      best = candidate;
    }
  }
  // glibc writes some letters as base + combining mark: NFC first, capitals then.
  if (best) best->utf8 = tokenizer::normalize_keep_case(best->utf8);
  if (best && best->encoding == "TCVN3 (ABC)") best->utf8 = restore_tcvn3_capitals(best->utf8);
  return best;
}

std::optional<LegacyText> reread_as_legacy_vietnamese(std::string_view utf8) {
  if (vietnamese_syllable_share(utf8) >= kMinShare) return std::nullopt;
  auto bytes = utf8_to_windows1252(utf8);
  if (!bytes) return std::nullopt;
  return read_legacy_vietnamese(*bytes, utf8);
}

}  // namespace tracuu::corpus
