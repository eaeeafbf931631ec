#include "geokg/common/text.h"

#include <array>
#include <cctype>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace geokg {

char32_t DecodeUtf8(std::string_view s, size_t* i) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), k = *i;
  unsigned char c = p[k];
  if (c < 0x80) {
    *i = k + 1;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    *i = k + 1;
    return 0xFFFD;
  }
  if (k + len > n) {
    *i = k + 1;
    return 0xFFFD;
  }
  for (int j = 1; j < len; ++j) {
    if ((p[k + j] & 0xC0) != 0x80) {
      *i = k + 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (p[k + j] & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are invalid.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    *i = k + 1;
    return 0xFFFD;
  }
  *i = k + len;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool IsValidUtf8(std::string_view s, size_t* bad_offset) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t start = i;
    char32_t cp = DecodeUtf8(s, &i);
    if (cp == 0xFFFD && i == start + 1) {
      if (bad_offset) *bad_offset = start;
      return false;
    }
  }
  return true;
}

void AppendJsonString(std::string* out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      // A run of plain ASCII.
      size_t j = i + 1;
      while (j < s.size()) {
        const unsigned char d = static_cast<unsigned char>(s[j]);
        if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\') break;
        ++j;
      }
      out->append(s.data() + i, j - i);
      i = j;
      continue;
    }
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '"':
          out->append("\\\"");
          break;
        case '\\':
          out->append("\\\\");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\t':
          out->append("\\t");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\b':
          out->append("\\b");
          break;
        case '\f':
          out->append("\\f");
          break;
        default:
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
      }
      continue;
    }
    const size_t start = i;
    const char32_t cp = DecodeUtf8(s, &i);
    if (cp == 0xFFFD && i == start + 1) {
      out->append("\xEF\xBF\xBD");  // U+FFFD for an invalid byte
    } else {
      out->append(s.data() + start, i - start);
    }
  }
  out->push_back('"');
}

namespace {

// Folds one code point: lower case, base letter without diacritics.
// Invisible format characters (direction marks, zero-width spaces and joiners, BOM).
bool IsFormatChar(char32_t cp) {
  return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || cp == 0x2060 ||
         cp == 0xFEFF || cp == 0x00AD;
}

void FoldCodePoint(char32_t cp, std::string* out) {
  if (IsFormatChar(cp)) return;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
    return;
  }
  if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x00B4) {
    out->push_back('\'');
    return;
  }
  if (cp == 0x00A0 || cp == 0x202F || cp == 0x2009) {
    out->push_back(' ');
    return;
  }
  if (cp == 0x2010 || cp == 0x2011) {
    out->push_back('-');
    return;
  }
  if (cp == 0x0153 || cp == 0x0152) {  // œ
    out->append("oe");
    return;
  }
  if (cp == 0x00E6 || cp == 0x00C6) {  // æ
    out->append("ae");
    return;
  }
  if (cp == 0x00DF) {  // ß
    out->append("ss");
    return;
  }
  static const icu::Normalizer2* nfd = [] {
    UErrorCode err = U_ZERO_ERROR;
    return icu::Normalizer2::getNFDInstance(err);
  }();
  icu::UnicodeString decomposed;
  if (nfd == nullptr || !nfd->getDecomposition(static_cast<UChar32>(cp), decomposed)) {
    AppendUtf8(static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))), out);
    return;
  }
  for (int32_t k = 0; k < decomposed.length();) {
    UChar32 c = decomposed.char32At(k);
    k += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    AppendUtf8(static_cast<char32_t>(u_tolower(c)), out);
  }
}

bool IsPunctOrSpace(char32_t cp) {
  if (cp < 0x80) return !(std::isalnum(static_cast<int>(cp)));
  if (u_isUWhiteSpace(static_cast<UChar32>(cp))) return true;
  int8_t t = u_charType(static_cast<UChar32>(cp));
  return t == U_DASH_PUNCTUATION || t == U_START_PUNCTUATION || t == U_END_PUNCTUATION ||
         t == U_CONNECTOR_PUNCTUATION || t == U_OTHER_PUNCTUATION ||
         t == U_INITIAL_PUNCTUATION || t == U_FINAL_PUNCTUATION;
}

}  // namespace

namespace {

// FoldCodePoint() of every code point below U+0250 (ASCII and the Latin letters of French,
// English and most European names), computed once: ICU's decomposition is the costly part.
constexpr size_t kFoldedLatinEnd = 0x250;
const std::array<std::string, kFoldedLatinEnd>& FoldedLatin() {
  static const std::array<std::string, kFoldedLatinEnd> table = [] {
    std::array<std::string, kFoldedLatinEnd> t;
    for (char32_t cp = 0; cp < t.size(); ++cp) FoldCodePoint(cp, &t[cp]);
    return t;
  }();
  return table;
}

// One ASCII byte of Fold(): white space becomes one pending space, letters lower case.
inline void FoldAsciiByte(char c, bool* space, std::string* out) {
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
    *space = true;
    return;
  }
  if (*space && !out->empty()) out->push_back(' ');
  *space = false;
  out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
}

// Fold() of a string of ASCII bytes only (most words): the same steps without decoding.
std::string FoldAscii(std::string_view s) {
  auto punct = [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); };
  size_t b = 0, e = s.size();
  while (b < e && punct(s[b])) ++b;
  while (e > b && punct(s[e - 1])) --e;
  std::string out;
  out.reserve(e - b);
  bool space = false;
  for (size_t i = b; i < e; ++i) FoldAsciiByte(s[i], &space, &out);
  return out;
}

}  // namespace

std::string Fold(std::string_view s) {
  bool ascii = true;
  for (char c : s) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) return FoldAscii(s);
  // Drop surrounding punctuation and white space.
  size_t b = 0, e = s.size();
  while (b < e) {
    size_t k = b;
    char32_t cp = DecodeUtf8(s, &k);
    if (!IsPunctOrSpace(cp)) break;
    b = k;
  }
  while (e > b) {
    size_t k = e - 1;
    while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
    size_t j = k;
    char32_t cp = DecodeUtf8(s, &j);
    if (!IsPunctOrSpace(cp)) break;
    e = k;
  }
  std::string out;
  out.reserve(e - b);
  bool space = false;
  for (size_t i = b; i < e;) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) < 0x80) {  // FoldCodePoint's ASCII case, inline
      ++i;
      FoldAsciiByte(c, &space, &out);
      continue;
    }
    size_t start = i;
    char32_t cp = DecodeUtf8(s, &i);
    if (cp == 0xFFFD && i == start + 1) continue;
    if (u_isUWhiteSpace(static_cast<UChar32>(cp)) && cp != 0x00A0) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    if (cp < kFoldedLatinEnd) {
      out.append(FoldedLatin()[cp]);
    } else {
      FoldCodePoint(cp, &out);
    }
  }
  return out;
}

std::string FoldName(std::string_view s) {
  std::string f = Fold(s);
  for (std::string_view art : {"le ", "la ", "les ", "the ", "l'"}) {
    if (f.size() > art.size() && f.compare(0, art.size(), art) == 0) return f.substr(art.size());
  }
  return f;
}

std::string Lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
      continue;
    }
    char32_t cp = DecodeUtf8(s, &i);
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {
      out.push_back('\'');
      continue;
    }
    if (IsFormatChar(cp)) continue;
    AppendUtf8(static_cast<char32_t>(u_tolower(static_cast<UChar32>(cp))), &out);
  }
  return out;
}

std::string ContentHash(std::string_view s) {
  uint64_t h1 = 1469598103934665603ULL, h2 = 1099511628211ULL ^ 0x9e3779b97f4a7c15ULL;
  for (unsigned char c : s) {
    h1 = (h1 ^ c) * 1099511628211ULL;
    h2 = (h2 ^ c) * 0x100000001b3ULL + 0x7f4a7c15;
  }
  static const char* kHex = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 0; i < 16; ++i) {
    out[15 - i] = kHex[(h1 >> (4 * i)) & 0xF];
    out[31 - i] = kHex[(h2 >> (4 * i)) & 0xF];
  }
  return out;
}

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t cp = DecodeUtf8(s, &i);
    if (cp == 0xFFFD && i == start + 1) continue;  // invalid byte: drop
    switch (cp) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\'': out += "&apos;"; continue;
      default: break;
    }
    bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                   (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!allowed) continue;
    out.append(s.substr(start, i - start));
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r'))
    --e;
  return s.substr(b, e - b);
}

}  // namespace geokg
