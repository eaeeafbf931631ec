// Fuzzes the whole extraction of one article (geokg::Extractor::Process), then what
// `geokg extract` and `geokg ingest` do with the result: the JSON Lines of triples and
// entities, and Store::AddDocument into an in-memory database.
//
// The first byte chooses the article's language ("", "fr", "en") and whether it has a date;
// the rest is the text, repaired to valid UTF-8 as the readers guarantee.
//
// Checks: every index and byte span of the Document points inside it (the store asserts
// the same, and an assertion is a crash here), the JSON output can be written (nlohmann
// throws on invalid UTF-8), and the store accepts the document.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "fuzz_util.h"
#include "geokg/common/paths.h"
#include "geokg/common/text.h"
#include "geokg/ingest/extractor.h"
#include "geokg/ingest/jsonl.h"
#include "geokg/store/store.h"
#include "reader_internal.h"

namespace {

std::unique_ptr<geokg::Extractor> g_extractor;
std::unique_ptr<geokg::Store> g_store;
int g_stored = 0;

void OpenStore() {
  g_store.reset();
  geokg::Status st = geokg::Store::Open(":memory:", geokg::StoreOptions{}, &g_store);
  if (!st.ok()) geokg::fuzz::Fail("cannot open an in-memory store: " + st.message());
  g_stored = 0;
}

void CheckDocument(const geokg::Document& doc) {
  const std::string& text = doc.article.text;
  const int n_sentences = static_cast<int>(doc.sentences.size());
  const int n_entities = static_cast<int>(doc.entities.size());
  FUZZ_CHECK(doc.lang == "fr" || doc.lang == "en", doc.lang);
  for (const geokg::Sentence& s : doc.sentences) {
    FUZZ_CHECK(s.begin <= s.end && s.end <= text.size(), "sentence span");
    for (const geokg::Token& t : s.tokens)
      FUZZ_CHECK(t.begin <= t.end && t.end <= text.size(), "token span");
  }
  for (const geokg::Mention& m : doc.mentions) {
    FUZZ_CHECK(m.sentence >= 0 && m.sentence < n_sentences, "mention sentence");
    const auto& tokens = doc.sentences[static_cast<size_t>(m.sentence)].tokens;
    FUZZ_CHECK(m.first >= 0 && m.first <= m.last && m.last <= static_cast<int>(tokens.size()),
               "mention token range");
    FUZZ_CHECK(m.begin <= m.end && m.end <= text.size(), "mention span");
    FUZZ_CHECK(m.entity >= -1 && m.entity < n_entities, "mention entity");
    FUZZ_CHECK(geokg::IsValidUtf8(m.text), "mention text is UTF-8");
  }
  for (const geokg::Entity& e : doc.entities) {
    FUZZ_CHECK(!e.key.empty(), "an entity has a key");
    FUZZ_CHECK(geokg::IsValidUtf8(e.key) && geokg::IsValidUtf8(e.name), e.key);
    for (const std::string& a : e.aliases) FUZZ_CHECK(geokg::IsValidUtf8(a), "alias UTF-8");
  }
  for (const geokg::Triple& t : doc.triples) {
    FUZZ_CHECK(t.subject >= 0 && t.subject < n_entities, "triple subject");
    FUZZ_CHECK(t.object >= 0 && t.object < n_entities, "triple object");
    FUZZ_CHECK(t.relation < geokg::RelationType::kCount, "relation type");
    FUZZ_CHECK(t.sentence >= 0 && t.sentence < n_sentences, "triple sentence");
    FUZZ_CHECK(t.begin <= t.end && t.end <= text.size(), "triple span");
    FUZZ_CHECK(std::isfinite(t.confidence), "confidence is finite");
    FUZZ_CHECK(geokg::fuzz::IsDateOrEmpty(t.date), t.date);
    FUZZ_CHECK(geokg::IsValidUtf8(t.subject_mention) && geokg::IsValidUtf8(t.object_mention) &&
                   geokg::IsValidUtf8(t.trigger) && geokg::IsValidUtf8(t.role),
               "triple text is UTF-8");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  geokg::Status st = geokg::Extractor::Create(geokg::ExtractorOptions{}, &g_extractor);
  if (!st.ok()) geokg::fuzz::Fail("cannot load the extractor's data: " + st.message());
  OpenStore();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (32 << 10)) return 0;
  geokg::fuzz::Bytes in(data, size);
  const uint8_t flags = in.Byte();
  geokg::Article article;
  article.id = "fuzz";
  article.origin = "fuzz.txt";
  article.lang = (flags & 3) == 1 ? "fr" : (flags & 3) == 2 ? "en" : "";
  if (flags & 4) article.date = "2015-09-30";
  article.text = geokg::reader_internal::RepairUtf8(in.Rest());

  geokg::Document doc;
  geokg::Status st = g_extractor->Process(article, &doc);
  if (!st.ok()) {
    FUZZ_CHECK(st.code() == geokg::Status::Code::kInvalidInput, st.message());
    return 0;
  }
  CheckDocument(doc);
  for (const nlohmann::json& j : geokg::TriplesJson(doc)) (void)j.dump();
  for (const nlohmann::json& j : geokg::EntityJson(doc)) (void)j.dump();

  if (g_stored >= 200) OpenStore();  // keep the database (and memory) small
  geokg::AddStats stats;
  const std::string hash = geokg::ContentHash(article.text + std::to_string(g_stored++));
  st = g_store->AddDocument(doc, hash, &stats);
  FUZZ_CHECK(st.ok(), st.message());
  FUZZ_CHECK(stats.evidence_added == static_cast<int>(doc.triples.size()), "every triple stored");
  return 0;
}
