// Fuzzes text normalisation and segmentation: the helpers of geokg/common/text.h, the
// reader's UTF-8 repair, newline and date normalisation, and the first stages of
// extraction (page chrome removal, dateline, language, ICU sentences and words, French
// and English clitics).
//
// Checks: folding, escaping and repair keep UTF-8 valid; XmlEscape output is well-formed
// XML both as element text and as an attribute value (libxml2 parses it); paragraphs,
// sentences and tokens are ordered spans inside the text.
#include <libxml/parser.h>

#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "geokg/common/text.h"
#include "nlp_internal.h"
#include "reader_internal.h"

namespace {

using geokg::IsValidUtf8;

// Parses `xml` with libxml2 (no network, no entities from outside): true when well-formed.
bool WellFormed(const std::string& xml) {
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "x.xml", "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == nullptr) return false;
  xmlFreeDoc(doc);
  return true;
}

void CheckHelpers(const std::string& s) {
  const std::string fold = geokg::Fold(s), name = geokg::FoldName(s), lower = geokg::Lower(s);
  FUZZ_CHECK(IsValidUtf8(fold), "Fold gives UTF-8");
  FUZZ_CHECK(IsValidUtf8(name), "FoldName gives UTF-8");
  if (IsValidUtf8(s)) FUZZ_CHECK(IsValidUtf8(lower), "Lower keeps UTF-8");

  size_t bad = 0;
  if (!IsValidUtf8(s, &bad)) FUZZ_CHECK(bad < s.size(), "the bad offset is inside");
  size_t i = 0, n = 0;
  while (i < s.size()) {
    const size_t before = i;
    geokg::DecodeUtf8(s, &i);
    FUZZ_CHECK(i > before && i <= s.size(), "DecodeUtf8 advances inside the string");
    ++n;
  }
  FUZZ_CHECK(n <= s.size(), "");

  const std::string hash = geokg::ContentHash(s);
  FUZZ_CHECK(hash.size() == 32 && hash.find_first_not_of("0123456789abcdef") == std::string::npos,
             hash);

  const std::string escaped = geokg::XmlEscape(s);
  FUZZ_CHECK(IsValidUtf8(escaped), "XmlEscape gives UTF-8");
  FUZZ_CHECK(WellFormed("<a>" + escaped + "</a>"), "XmlEscape text is well-formed XML");
  FUZZ_CHECK(WellFormed("<a b=\"" + escaped + "\" c='" + escaped + "'/>"),
             "XmlEscape attribute value is well-formed XML");

  const std::string_view trimmed = geokg::Trim(s);
  FUZZ_CHECK(trimmed.size() <= s.size(), "");

  const std::string repaired = geokg::reader_internal::RepairUtf8(s);
  FUZZ_CHECK(IsValidUtf8(repaired), "RepairUtf8 gives UTF-8");
  if (IsValidUtf8(s)) FUZZ_CHECK(repaired == s, "RepairUtf8 keeps valid text");

  FUZZ_CHECK(geokg::fuzz::IsDateOrEmpty(geokg::reader_internal::NormalizeDate(s)), s);
  const std::string lang = geokg::reader_internal::NormalizeLang(s);
  FUZZ_CHECK(lang.empty() || lang == "fr" || lang == "en", lang);
}

void CheckSegmentation(std::string text) {
  geokg::reader_internal::NormalizeNewlines(&text);
  FUZZ_CHECK(text.find('\r') == std::string::npos, "no CR left");
  using geokg::internal::Span;
  const std::vector<Span> paragraphs = geokg::internal::BodyParagraphs(text);
  uint32_t last_end = 0;
  for (const Span& p : paragraphs) {
    FUZZ_CHECK(p.first <= p.second && p.second <= text.size(), "paragraph inside the text");
    FUZZ_CHECK(p.first >= last_end, "paragraphs in order, not overlapping");
    last_end = p.second;
  }
  // A day of the calendar or nothing ("31 septembre 2015" is no date).
  const std::string dateline = geokg::internal::FindDateline(text);
  FUZZ_CHECK(geokg::fuzz::IsDateOrEmpty(dateline), "dateline " + dateline);
  const std::string lang = geokg::internal::DetectLanguage(text, "en");
  FUZZ_CHECK(lang == "fr" || lang == "en", lang);

  for (const std::string& l : {lang, std::string(lang == "fr" ? "en" : "fr")}) {
    std::vector<geokg::Sentence> sentences;
    geokg::internal::Segment(text, paragraphs, l, &sentences);
    uint32_t previous = 0;
    for (const geokg::Sentence& s : sentences) {
      FUZZ_CHECK(s.begin < s.end && s.end <= text.size(), "sentence inside the text");
      FUZZ_CHECK(s.begin >= previous, "sentences in order");
      previous = s.end;
      FUZZ_CHECK(!s.tokens.empty(), "a sentence has tokens");
      for (const geokg::Token& t : s.tokens) {
        FUZZ_CHECK(t.begin <= t.end && t.begin >= s.begin && t.end <= s.end,
                   "token inside its sentence");
        FUZZ_CHECK(IsValidUtf8(t.text) && IsValidUtf8(t.lower), "token text is UTF-8");
      }
    }
  }
  const std::vector<std::string> folded =
      geokg::internal::FoldedTokens(std::string_view(text).substr(0, 300), lang);
  for (const std::string& f : folded) FUZZ_CHECK(IsValidUtf8(f), "folded token is UTF-8");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  xmlInitParser();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (64 << 10)) return 0;  // segmentation is linear; bigger inputs only slow it down
  const std::string s(reinterpret_cast<const char*>(data), size);
  CheckHelpers(s);
  // Extraction only sees valid UTF-8: the readers check or repair it.
  CheckSegmentation(geokg::reader_internal::RepairUtf8(s));
  return 0;
}
