// Language identification from function words: cheap, and right on one-line articles too.
#include <array>
#include <string>

#include "geokg/common/text.h"
#include "nlp_internal.h"

namespace geokg::internal {
namespace {

constexpr std::array<std::string_view, 24> kFrench{
    "le",   "la",  "les", "des", "du",  "de",    "et",   "est", "une",  "dans", "pour", "que",
    "qui",  "pas", "sur", "au",  "aux", "avec",  "il",   "elle", "ont", "été",  "par",  "ce"};
constexpr std::array<std::string_view, 24> kEnglish{
    "the", "of",   "and", "to",   "in",   "is",   "was",  "that", "for",  "with", "on",   "by",
    "he",  "she",  "are", "were", "has",  "have", "from", "this", "which", "at",  "it",   "an"};

}  // namespace

std::string DetectLanguage(std::string_view text, const std::string& fallback) {
  int fr = 0, en = 0;
  std::string word;
  size_t limit = std::min<size_t>(text.size(), 20000);
  auto flush = [&] {
    if (word.empty()) return;
    std::string w = Lower(word);
    for (std::string_view f : kFrench) fr += (w == f);
    for (std::string_view e : kEnglish) en += (w == e);
    word.clear();
  };
  for (size_t i = 0; i < limit; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isalpha(c) || c >= 0x80) {
      word.push_back(static_cast<char>(c));
    } else {
      flush();
    }
  }
  flush();
  if (fr == 0 && en == 0) return fallback;
  return fr >= en ? "fr" : "en";
}

}  // namespace geokg::internal
