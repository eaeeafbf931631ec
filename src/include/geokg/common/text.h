// Small text helpers shared by every module. All strings are UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace geokg {

// Folds a name into a matching key: lower case, accents removed, ’ and ‘ as ', white space
// squeezed, surrounding punctuation dropped. "Les États-Unis" -> "les etats-unis".
// Leading articles are kept (see FoldName). Invalid UTF-8 bytes are dropped.
std::string Fold(std::string_view s);

// Fold() and then drop one leading article (le, la, les, l', the), as the evaluation does:
// "l'OTAN" -> "otan", "the Pentagon" -> "pentagon". An article alone stays.
std::string FoldName(std::string_view s);

// Lower case only (accents kept), apostrophes normalised to '.
std::string Lower(std::string_view s);

// True when `s` is valid UTF-8. On failure, *bad_offset (if given) is the first bad byte.
bool IsValidUtf8(std::string_view s, size_t* bad_offset = nullptr);

// Decodes one code point at s[*i] and advances *i. Returns 0xFFFD on a bad sequence
// (advancing one byte).
char32_t DecodeUtf8(std::string_view s, size_t* i);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string* out);

// Appends `s` as a JSON string literal (quotes included), escaping what JSON requires
// (\" \\ \b \f \n \r \t, other controls as \u00XX) and replacing invalid UTF-8 with U+FFFD.
void AppendJsonString(std::string* out, std::string_view s);

// A short, stable hex digest (64-bit FNV-1a twice, 32 hex digits) of `s`.
std::string ContentHash(std::string_view s);

// Escapes `s` for XML text or attribute values. Characters that XML 1.0 forbids (most
// control characters, U+FFFE, U+FFFF) are dropped, so the result is always well-formed.
std::string XmlEscape(std::string_view s);

// Trims ASCII white space at both ends.
std::string_view Trim(std::string_view s);

}  // namespace geokg
