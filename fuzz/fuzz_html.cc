// Fuzzes the HTML reader (ParseHtmlArticle): any bytes must give either an article whose
// text and title are valid UTF-8 and whose date is well formed, or a one-line error that
// names the origin. Never a crash, a leak or undefined behaviour.
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "geokg/common/text.h"
#include "geokg/ingest/reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string html(reinterpret_cast<const char*>(data), size);
  geokg::Article article;
  geokg::Status st = geokg::ParseHtmlArticle(html, "page.html", &article);
  if (!st.ok()) {
    FUZZ_CHECK(st.message().rfind("page.html: ", 0) == 0, st.message());
    FUZZ_CHECK(!geokg::fuzz::HasLineBreak(st.message()), st.message());
    return 0;
  }
  FUZZ_CHECK(!geokg::Trim(article.text).empty(), "an accepted page has text");
  FUZZ_CHECK(geokg::IsValidUtf8(article.text), "text is UTF-8");
  FUZZ_CHECK(geokg::IsValidUtf8(article.title), "title is UTF-8");
  FUZZ_CHECK(geokg::IsValidUtf8(article.url), "url is UTF-8");
  FUZZ_CHECK(geokg::fuzz::IsDateOrEmpty(article.date), article.date);
  return 0;
}
