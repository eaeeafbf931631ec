// Sentences and words from ICU's break iterators, then the clitics ICU leaves attached:
// French elisions (l', d', qu', s' with either apostrophe), hyphenated inversions (a-t-il,
// dit-elle), English contractions (n't, 's); hyphenated compounds (États-Unis) stay whole.
#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <cctype>
#include <memory>

#include "geokg/common/text.h"
#include "nlp_internal.h"

namespace geokg::internal {
namespace {

constexpr std::array<std::string_view, 15> kElisions{
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
    "presqu", "quelqu"};
constexpr std::array<std::string_view, 19> kClitics{
    "il", "elle", "ils", "elles", "on", "je", "tu", "nous", "vous", "le", "la", "les",
    "lui", "leur", "moi", "toi", "y", "en", "ce"};

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& set, std::string_view w) {
  for (std::string_view s : set)
    if (s == w) return true;
  return false;
}

struct Breakers {
  std::unique_ptr<icu::BreakIterator> sentence;
  std::unique_ptr<icu::BreakIterator> word;
};

// One pair of iterators per language and thread: creating them is the expensive part.
Breakers& BreakersFor(const std::string& lang) {
  thread_local std::unordered_map<std::string, Breakers> cache;
  auto it = cache.find(lang);
  if (it != cache.end()) return it->second;
  UErrorCode err = U_ZERO_ERROR;
  icu::Locale loc(lang == "fr" ? "fr" : "en");
  Breakers b;
  // English starts from an empty list: ICU's own English list suppresses breaks after words
  // such as "NATO." ("He joined NATO. Finland agreed." stayed one sentence); our list and
  // EndsSentence() below cover titles and initials.
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      lang == "fr" ? icu::FilteredBreakIteratorBuilder::createInstance(loc, err)
                   : icu::FilteredBreakIteratorBuilder::createEmptyInstance(err));
  if (U_SUCCESS(err) && builder) {
    // Abbreviations that end with a period and do not end a sentence.
    for (const char* abbr : {"M.", "MM.", "Mme.", "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Gén.",
                             "Lt.", "Col.", "Capt.", "Sgt.", "Adm.", "Sen.", "Rep.", "Gov.",
                             "St.", "Jr.", "No.", "U.S.", "U.N.", "U.K.", "av.", "J.-C.",
                             "etc.", "Pr.", "Me.", "Mgr."}) {
      builder->suppressBreakAfter(icu::UnicodeString::fromUTF8(abbr), err);
    }
    err = U_ZERO_ERROR;
    b.sentence.reset(builder->build(icu::BreakIterator::createSentenceInstance(loc, err), err));
  }
  if (!b.sentence || U_FAILURE(err)) {
    err = U_ZERO_ERROR;
    b.sentence.reset(icu::BreakIterator::createSentenceInstance(loc, err));
  }
  err = U_ZERO_ERROR;
  b.word.reset(icu::BreakIterator::createWordInstance(loc, err));
  if (U_FAILURE(err) || !b.sentence || !b.word)
    throw InternalError("ICU break iterators unavailable");
  return cache.emplace(lang, std::move(b)).first->second;
}

// Maps UTF-16 offsets of a converted string back to UTF-8 byte offsets.
struct OffsetMap {
  std::vector<uint32_t> to_utf8;  // size = utf16 length + 1
  OffsetMap(std::string_view utf8, uint32_t base) {
    to_utf8.reserve(utf8.size() + 1);
    size_t i = 0;
    while (i < utf8.size()) {
      size_t start = i;
      char32_t cp = DecodeUtf8(utf8, &i);
      to_utf8.push_back(base + static_cast<uint32_t>(start));
      if (cp >= 0x10000) to_utf8.push_back(base + static_cast<uint32_t>(start));
    }
    to_utf8.push_back(base + static_cast<uint32_t>(utf8.size()));
  }
};

bool IsApostrophe(std::string_view s, size_t i, size_t* len) {
  if (s[i] == '\'') {
    *len = 1;
    return true;
  }
  // Every other apostrophe starts with one of these two bytes.
  if (s[i] != '\xE2' && s[i] != '\xCA') return false;
  if (s.compare(i, 3, "\xE2\x80\x99") == 0 || s.compare(i, 3, "\xCA\xBC") == 0) {
    *len = s.compare(i, 3, "\xE2\x80\x99") == 0 ? 3 : 2;
    return true;
  }
  return false;
}

Token MakeToken(const std::string& text, uint32_t b, uint32_t e, bool is_word) {
  Token t;
  t.begin = b;
  t.end = e;
  t.text = text.substr(b, e - b);
  t.lower = Lower(t.text);
  t.lemma = t.lower;
  t.is_word = is_word;
  size_t i = 0;
  char32_t cp = DecodeUtf8(t.text, &i);
  t.upper_initial = u_isupper(static_cast<UChar32>(cp)) || u_istitle(static_cast<UChar32>(cp));
  return t;
}

// Splits one raw word token into clitic pieces and appends them.
void PushWord(const std::string& text, uint32_t b, uint32_t e, const std::string& lang,
              std::vector<Token>* out) {
  std::string_view w(text.data() + b, e - b);
  // Elision: l'OTAN -> l' + OTAN (French); Russia's -> Russia + 's, didn't -> did + n't.
  for (size_t i = 1; i + 1 < w.size(); ++i) {
    size_t alen = 0;
    if (!IsApostrophe(w, i, &alen)) continue;
    std::string prefix = Lower(w.substr(0, i));
    std::string rest = Lower(w.substr(i + alen));
    if (lang == "fr" && OneOf(kElisions, prefix)) {
      out->push_back(MakeToken(text, b, b + static_cast<uint32_t>(i + alen), true));
      PushWord(text, b + static_cast<uint32_t>(i + alen), e, lang, out);
      return;
    }
    if (lang != "fr" && (rest == "s" || rest == "re" || rest == "ve" || rest == "ll" ||
                         rest == "d" || rest == "m")) {
      out->push_back(MakeToken(text, b, b + static_cast<uint32_t>(i), true));
      out->push_back(MakeToken(text, b + static_cast<uint32_t>(i), e, true));
      return;
    }
    if (lang != "fr" && rest == "t" && i >= 2 && (prefix.back() == 'n')) {
      out->push_back(MakeToken(text, b, b + static_cast<uint32_t>(i - 1), true));
      out->push_back(MakeToken(text, b + static_cast<uint32_t>(i - 1), e, true));
      return;
    }
    break;
  }
  out->push_back(MakeToken(text, b, e, true));
}

// Joins word-hyphen-word runs written without spaces (États-Unis, Jean-Yves), except
// French inversions (a-t-il, dit-elle) whose clitic becomes its own token.
void JoinHyphens(const std::string& text, const std::string& lang, std::vector<Token>* toks) {
  if (std::none_of(toks->begin(), toks->end(), [](const Token& t) { return t.text == "-"; })) return;
  std::vector<Token> out;
  out.reserve(toks->size());
  for (size_t i = 0; i < toks->size(); ++i) {
    Token t = std::move((*toks)[i]);
    while (t.is_word && i + 2 < toks->size() && (*toks)[i + 1].text == "-" &&
           (*toks)[i + 1].begin == t.end && (*toks)[i + 2].begin == (*toks)[i + 1].end &&
           (*toks)[i + 2].is_word) {
      const Token& next = (*toks)[i + 2];
      // A pronoun the compound goes on after is a word of a name: "Cherbourg-en-Cotentin",
      // "L'Isle-sur-la-Sorgue" (an inversion ends on its pronoun: "a-t-il", "va-t-en").
      const bool goes_on = i + 4 < toks->size() && (*toks)[i + 3].text == "-" && (*toks)[i + 3].begin == next.end &&
                           (*toks)[i + 4].begin == (*toks)[i + 3].end && (*toks)[i + 4].is_word &&
                           !OneOf(kClitics, (*toks)[i + 4].lower) && next.lower != "t";
      if (lang == "fr" && !goes_on && (OneOf(kClitics, next.lower) || next.lower == "t")) {
        // Inversion: drop the hyphens and the euphonic t.
        out.push_back(std::move(t));
        size_t j = i + 2;
        if (next.lower == "t" && j + 2 < toks->size() && (*toks)[j + 1].text == "-") j += 2;
        i = j;
        t = std::move((*toks)[i]);
        continue;
      }
      Token joined = MakeToken(text, t.begin, next.end, true);
      t = std::move(joined);
      i += 2;
    }
    out.push_back(std::move(t));
  }
  *toks = std::move(out);
}

// "U.S.", "U.N.", "U.S.A.": ICU leaves the last period apart ("U.S" + "."); the
// abbreviation keeps it, so "U.S." is one word wherever it stands.
void JoinDottedAbbreviations(const std::string& text, std::vector<Token>* toks) {
  if (std::none_of(toks->begin(), toks->end(), [](const Token& t) { return t.text == "."; })) return;
  std::vector<Token> out;
  out.reserve(toks->size());
  for (size_t i = 0; i < toks->size(); ++i) {
    Token& t = (*toks)[i];
    bool dotted = t.is_word && t.text.size() >= 3 && t.text.find('.') != std::string::npos &&
                  std::isalpha(static_cast<unsigned char>(t.text.back())) &&
                  t.text[t.text.size() - 2] == '.';
    if (dotted && i + 1 < toks->size() && (*toks)[i + 1].text == "." && (*toks)[i + 1].begin == t.end) {
      out.push_back(MakeToken(text, t.begin, (*toks)[i + 1].end, true));
      ++i;
      continue;
    }
    out.push_back(std::move(t));
  }
  *toks = std::move(out);
}

void TokenizeRange(const std::string& text, uint32_t begin, uint32_t end,
                   const std::string& lang, std::vector<Token>* out) {
  std::string_view piece(text.data() + begin, end - begin);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(piece.data(), static_cast<int32_t>(piece.size())));
  OffsetMap map(piece, begin);
  icu::BreakIterator* wb = BreakersFor(lang).word.get();
  wb->setText(u);
  std::vector<Token> raw;
  raw.reserve(piece.size() / 4 + 4);
  int32_t prev = wb->first();
  for (int32_t pos = wb->next(); pos != icu::BreakIterator::DONE; prev = pos, pos = wb->next()) {
    uint32_t b = map.to_utf8[static_cast<size_t>(prev)];
    uint32_t e = map.to_utf8[static_cast<size_t>(pos)];
    if (wb->getRuleStatus() != UBRK_WORD_NONE) {
      PushWord(text, b, e, lang, &raw);
      continue;
    }
    // Not a word: white space is skipped, punctuation kept one mark a token.
    UChar32 c = u.char32At(prev);
    if (u_isUWhiteSpace(c) || c == 0x00A0 || c == 0x202F) continue;
    raw.push_back(MakeToken(text, b, e, false));
  }
  JoinHyphens(text, lang, &raw);
  JoinDottedAbbreviations(text, &raw);
  if (out->empty()) {
    *out = std::move(raw);
    return;
  }
  for (Token& t : raw) out->push_back(std::move(t));
}

// Abbreviations ICU's suppression list misses: it does not hold "U.S." (internal periods)
// and loses a title after another ("Lt. Gen. Smith"). A title never ends a sentence; a
// country's initials end one only before a word that opens sentences ("... in the U.S. The
// ...") or the end of the paragraph.
constexpr std::array<std::string_view, 42> kTitleAbbreviations{
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Cpt.", "Sgt.",
    "Spc.", "Pfc.", "Pvt.", "Cpl.", "Adm.", "Cmdr.", "Cdr.", "Brig.", "Ens.", "Gov.", "Sen.",
    "Rep.", "Rev.", "St.", "Jr.", "Sr.", "No.", "Mt.", "Ft.", "M.", "MM.", "Mme.", "Mgr.", "Pr.",
    "e.g.", "i.e.", "vs.", "Messrs.", "Hon.", "Amb."};
constexpr std::array<std::string_view, 12> kMonthAbbreviations{
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec."};
constexpr std::array<std::string_view, 6> kCountryInitials{"U.S.", "U.K.", "U.N.", "U.S.A.", "E.U.", "U.A.E."};
constexpr std::array<std::string_view, 40> kSentenceOpeners{
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "his", "her", "its", "their", "our", "in", "on", "at", "for", "but",
    "and", "however", "as", "after", "before", "while", "when", "if", "since", "during",
    "meanwhile", "according", "le", "la", "les"};

// Initials: "J.", "J.D.", “J.D.” ("Stephen J. Townsend", "Col. John “J.D.” Dorrian").
bool Initials(std::string_view w) {
  auto strip = [&](std::string_view q) {
    while (w.substr(0, q.size()) == q) w.remove_prefix(q.size());
    while (w.size() >= q.size() && w.substr(w.size() - q.size()) == q) w.remove_suffix(q.size());
  };
  for (std::string_view q : {"\"", "\xE2\x80\x9C", "\xE2\x80\x9D", "("}) strip(q);
  if (w.size() < 2 || w.size() % 2 != 0) return false;
  for (size_t i = 0; i < w.size(); i += 2)
    if (!std::isupper(static_cast<unsigned char>(w[i])) || w[i + 1] != '.') return false;
  return true;
}

// Whether the sentence `last` (ending at `b`) really ends there, given the next piece [b, e).
bool EndsSentence(const std::string& text, const Span& last, uint32_t b, uint32_t e) {
  uint32_t end = b;
  while (end > last.first && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  if (end == b) return true;  // no white space: not ICU's ordinary break after a period
  uint32_t start = end;
  while (start > last.first && !std::isspace(static_cast<unsigned char>(text[start - 1]))) --start;
  std::string_view word(text.data() + start, end - start);
  // A line break is a paragraph's end whatever stands before it.
  for (uint32_t k = end; k < b; ++k)
    if (text[k] == '\n') return true;
  if (OneOf(kTitleAbbreviations, word)) return false;
  // "On Jan. 8, ...": a month's abbreviation before a day.
  if (OneOf(kMonthAbbreviations, word)) {
    uint32_t w = b;
    while (w < e && std::isspace(static_cast<unsigned char>(text[w]))) ++w;
    return !(w < e && std::isdigit(static_cast<unsigned char>(text[w])));
  }
  if (!OneOf(kCountryInitials, word) && !Initials(word)) return true;
  uint32_t w = b;
  while (w < e && std::isspace(static_cast<unsigned char>(text[w]))) ++w;
  uint32_t we = w;
  while (we < e && std::isalpha(static_cast<unsigned char>(text[we]))) ++we;
  if (we == w) return !(w < e && std::isdigit(static_cast<unsigned char>(text[w])));  // "U.S. 5th Fleet"
  return OneOf(kSentenceOpeners, Lower(std::string_view(text.data() + w, we - w)));
}

}  // namespace

// Text scraped from pages often loses the space after a full stop ("the Security
// Council.In this respect"); ICU then reads one sentence and one word. A stop between two
// lower-case letters and a capitalised word ("Council.In", not "U.S.A", "St.Petersburg" or
// "wikinews.org") ends the sentence there.
void SplitGluedSentences(const std::string& text, std::vector<Span>* pieces) {
  auto lower = [&](uint32_t i) { return text[i] >= 'a' && text[i] <= 'z'; };
  auto upper = [&](uint32_t i) { return text[i] >= 'A' && text[i] <= 'Z'; };
  for (size_t k = 0; k < pieces->size(); ++k) {
    const auto [b, e] = (*pieces)[k];
    for (uint32_t i = b + 2; i + 2 < e; ++i) {
      const char c = text[i];
      if ((c == '.' || c == '!' || c == '?') && lower(i - 1) && lower(i - 2) && upper(i + 1) && lower(i + 2)) {
        (*pieces)[k].second = i + 1;
        pieces->insert(pieces->begin() + static_cast<long>(k) + 1, Span(i + 1, e));
        break;  // the rest is the next piece, scanned in turn
      }
    }
  }
}

void Segment(const std::string& text, const std::vector<Span>& paragraphs,
             const std::string& lang, std::vector<Sentence>* out) {
  Breakers& br = BreakersFor(lang);
  for (const Span& p : paragraphs) {
    std::string_view piece(text.data() + p.first, p.second - p.first);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(piece.data(), static_cast<int32_t>(piece.size())));
    OffsetMap map(piece, p.first);
    br.sentence->setText(u);
    std::vector<Span> pieces;
    int32_t prev = br.sentence->first();
    for (int32_t pos = br.sentence->next(); pos != icu::BreakIterator::DONE;
         prev = pos, pos = br.sentence->next()) {
      uint32_t b = map.to_utf8[static_cast<size_t>(prev)];
      uint32_t e = map.to_utf8[static_cast<size_t>(pos)];
      if (!pieces.empty() && !EndsSentence(text, pieces.back(), b, e)) {
        pieces.back().second = e;
        continue;
      }
      pieces.emplace_back(b, e);
    }
    SplitGluedSentences(text, &pieces);
    for (auto [b, e] : pieces) {
      while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
      if (e <= b) continue;
      Sentence s;
      s.begin = b;
      s.end = e;
      TokenizeRange(text, b, e, lang, &s.tokens);
      if (s.tokens.empty()) continue;
      // Very long "sentences" (lists, tables) are cut so later stages stay linear.
      if (s.tokens.size() > 400) {
        for (size_t k = 0; k < s.tokens.size(); k += 400) {
          Sentence part;
          part.tokens.assign(s.tokens.begin() + static_cast<long>(k),
                             s.tokens.begin() + static_cast<long>(std::min(k + 400, s.tokens.size())));
          part.begin = part.tokens.front().begin;
          part.end = part.tokens.back().end;
          out->push_back(std::move(part));
        }
        continue;
      }
      out->push_back(std::move(s));
    }
  }
}

namespace {

std::vector<std::string> FoldedTokensOnce(std::string_view s, const std::string& lang) {
  std::string text(s);
  std::vector<Token> toks;
  TokenizeRange(text, 0, static_cast<uint32_t>(text.size()), lang, &toks);
  std::vector<std::string> out;
  out.reserve(toks.size());
  for (const Token& t : toks) out.push_back(Fold(t.text));
  return out;
}

}  // namespace

std::vector<std::string> FoldedTokens(std::string_view s, const std::string& lang) {
  // The same names are asked for again and again (every article naming a known person):
  // the answers are kept per thread, up to a bound.
  thread_local StringMap<std::vector<std::string>> memo;
  std::string key = lang;
  key += '\0';
  key += s;
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  if (memo.size() >= 100000) memo.clear();
  std::vector<std::string> out = FoldedTokensOnce(s, lang);
  memo.emplace(std::move(key), out);
  return out;
}

}  // namespace geokg::internal
