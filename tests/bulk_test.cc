// Bulk loading: the BulkWriter merges as Store::AddDocument does, triples files load and
// reload idempotently, actors merge by key or name, bad lines are refused one by one,
// indexes come back after a load, GraphML imports merge and are not counted twice.

#include "geokg/store/bulk.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "fixture_db.h"
#include "geokg/common/text.h"
#include "geokg/graph/export.h"
#include "geokg/graph/graph.h"
#include "geokg/graph/import.h"
#include "geokg/store/interner.h"
#include "geokg/store/sqlite.h"
#include "test_util.h"

namespace geokg {
namespace {

using testing::TempDir;

std::unique_ptr<Store> OpenOrDie(const std::string& path, StoreOptions options = {}) {
  std::unique_ptr<Store> store;
  Status st = Store::Open(path, options, &store);
  EXPECT_TRUE(st.ok()) << st.message();
  return store;
}

int64_t QueryInt(Store* store, const std::string& sql) {
  Statement st;
  EXPECT_TRUE(Statement::Prepare(store->Handle(), sql, &st).ok()) << sql;
  bool row = false;
  EXPECT_TRUE(st.Step(&row).ok());
  return row ? st.ColumnInt(0) : -1;
}

// Every relation by its ends' keys, with its aggregates: what two databases must agree on.
std::multiset<std::string> RelationRows(Store* store) {
  Statement st;
  EXPECT_TRUE(Statement::Prepare(store->Handle(),
                                 "SELECT s.key, r.type, o.key, r.negated, r.evidence_count, "
                                 "coalesce(r.first_date, '-'), coalesce(r.last_date, '-'), "
                                 "r.modality, coalesce(r.cameo, '-') "
                                 "FROM relations r JOIN entities s ON s.id = r.subject_id "
                                 "JOIN entities o ON o.id = r.object_id",
                                 &st)
                  .ok());
  std::multiset<std::string> out;
  EXPECT_TRUE(st.ForEachRow([&] {
                  std::string row;
                  for (int c = 0; c < 9; ++c) row += (c ? "|" : "") + st.ColumnText(c);
                  out.insert(row);
                  return Status::Ok();
                }).ok());
  return out;
}

std::set<std::string> Strings(Store* store, const std::string& sql) {
  Statement st;
  EXPECT_TRUE(Statement::Prepare(store->Handle(), sql, &st).ok()) << sql;
  std::set<std::string> out;
  EXPECT_TRUE(st.ForEachRow([&] {
                  out.insert(st.ColumnText(0));
                  return Status::Ok();
                }).ok());
  return out;
}

class BulkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    source_path_ = tmp_.File("source.db");
    ASSERT_TRUE(testing::WriteFixtureDb(source_path_).ok());
    source_ = OpenOrDie(source_path_);
    triples_ = tmp_.File("fixture.jsonl");
    std::ofstream out(triples_);
    ASSERT_TRUE(WriteTriplesJsonl(source_.get(), out).ok());
  }

  Status Load(Store* store, const std::vector<std::string>& files, TriplesLoadStats* stats,
              std::vector<std::string>* errors = nullptr, BulkOptions bulk = {}) {
    TriplesLoadOptions options;
    options.bulk = bulk;
    options.on_error = [errors](const Status& st) {
      if (errors != nullptr) errors->push_back(st.message());
    };
    return LoadTriplesJsonl(files, store, options, stats);
  }

  TempDir tmp_;
  std::string source_path_, triples_;
  std::unique_ptr<Store> source_;
};

TEST(InternerTest, GivesDenseStableIndexes) {
  Interner in;
  bool added = false;
  std::vector<std::string> words;
  for (int i = 0; i < 5000; ++i) words.push_back("w" + std::to_string(i * 7919 % 10007));
  for (size_t i = 0; i < words.size(); ++i) {
    EXPECT_EQ(in.Intern(words[i], &added), i);
    EXPECT_TRUE(added);
  }
  for (size_t i = 0; i < words.size(); ++i) {
    EXPECT_EQ(in.Intern(words[i], &added), i);
    EXPECT_FALSE(added);
    EXPECT_EQ(in.Get(static_cast<uint32_t>(i)), words[i]);
  }
  uint32_t index = 0;
  EXPECT_FALSE(in.Find("nope", &index));
  EXPECT_TRUE(in.Find(std::string("w0"), &index));
  EXPECT_EQ(in.Intern(std::string("\0a", 2), &added), 5000u);
  EXPECT_EQ(in.Intern(std::string("\0b", 2), &added), 5001u);
  EXPECT_EQ(in.Intern("", &added), 5002u);
  EXPECT_EQ(in.size(), 5003u);
}

TEST_F(BulkTest, LoadingAnExportRebuildsTheSameGraph) {
  auto copy = OpenOrDie(tmp_.File("copy.db"));
  TriplesLoadStats stats;
  Status st = Load(copy.get(), {triples_}, &stats);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(stats.lines, testing::kFixtureEvidence);
  EXPECT_EQ(stats.refused, 0);
  EXPECT_EQ(stats.store.triples, testing::kFixtureEvidence);
  EXPECT_EQ(stats.store.evidence_added, testing::kFixtureEvidence);
  EXPECT_EQ(stats.store.relations_added, testing::kFixtureRelations);
  EXPECT_EQ(stats.store.articles_added, testing::kFixtureArticles);
  EXPECT_EQ(stats.store.entities_added, testing::kFixtureEntities - 1);  // Hafez: no relation
  EXPECT_TRUE(stats.store.indexes_rebuilt);
  EXPECT_EQ(RelationRows(copy.get()), RelationRows(source_.get()));
  // The same triples come out again, line for line.
  std::ostringstream again;
  ASSERT_TRUE(WriteTriplesJsonl(copy.get(), again).ok());
  EXPECT_EQ(again.str(), testing::ReadTextFile(triples_));
  // Names and mentions are aliases; pronouns are not.
  const std::set<std::string> aliases = Strings(copy.get(), "SELECT alias FROM aliases");
  EXPECT_TRUE(aliases.count("Moscou"));
  EXPECT_TRUE(aliases.count("la Russie"));
  EXPECT_TRUE(aliases.count("Vladimir Poutine"));
  EXPECT_FALSE(aliases.count("Il"));
  EXPECT_TRUE(aliases.count("Russian envoys"));  // a mention with a capital is a name
  // Every index is back.
  EXPECT_EQ(QueryInt(copy.get(),
                     "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                     "name IN ('evidence_relation', 'evidence_article', "
                     "'evidence_date', 'relations_object', 'relations_key', "
                     "'aliases_fold')"),
            6);
  EXPECT_EQ(QueryInt(copy.get(), "SELECT count(*) FROM sentences"),
            QueryInt(source_.get(), "SELECT count(*) FROM sentences"));
  EXPECT_EQ(QueryInt(copy.get(), "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(QueryInt(copy.get(), "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  // A load into an empty database writes with a rollback journal, then goes back to WAL.
  EXPECT_EQ(Strings(copy.get(), "PRAGMA journal_mode"), std::set<std::string>{"wal"});
  EXPECT_EQ(QueryInt(copy.get(), "PRAGMA synchronous"), 1);  // NORMAL
}

TEST_F(BulkTest, ReloadingAddsNothing) {
  auto copy = OpenOrDie(tmp_.File("copy.db"));
  TriplesLoadStats stats;
  ASSERT_TRUE(Load(copy.get(), {triples_}, &stats).ok());
  const auto before = RelationRows(copy.get());
  ASSERT_TRUE(Load(copy.get(), {triples_}, &stats).ok());
  EXPECT_EQ(stats.store.evidence_added, 0);
  EXPECT_EQ(stats.store.skipped, testing::kFixtureEvidence);
  EXPECT_EQ(stats.store.articles_skipped, testing::kFixtureArticles);
  EXPECT_FALSE(stats.store.indexes_rebuilt);  // the database was not empty
  EXPECT_EQ(RelationRows(copy.get()), before);
  EXPECT_EQ(QueryInt(copy.get(), "SELECT count(*) FROM evidence"), testing::kFixtureEvidence);
}

TEST_F(BulkTest, LoadingInPiecesEqualsLoadingAtOnce) {
  // Split the file by article: each piece merges into what the others left.
  std::map<std::string, std::string> by_doc;
  std::istringstream in(testing::ReadTextFile(triples_));
  std::string line;
  while (std::getline(in, line)) {
    const std::string doc = line.substr(8, line.find('"', 8) - 8);
    by_doc[doc] += line + "\n";
  }
  ASSERT_EQ(by_doc.size(), 3u);
  auto pieces = OpenOrDie(tmp_.File("pieces.db"));
  int k = 0;
  for (const auto& [doc, text] : by_doc) {
    const std::string file = tmp_.File("piece" + std::to_string(k++) + ".jsonl");
    testing::WriteTextFile(file, text);
    TriplesLoadStats stats;
    BulkOptions small;
    small.batch_size = 2;  // many batches, relations updated across them
    ASSERT_TRUE(Load(pieces.get(), {file}, &stats, nullptr, small).ok());
  }
  EXPECT_EQ(RelationRows(pieces.get()), RelationRows(source_.get()));

  // Without the second thread, the same.
  auto serial = OpenOrDie(tmp_.File("serial.db"));
  BulkOptions inline_writes;
  inline_writes.background = false;
  inline_writes.batch_size = 3;
  TriplesLoadStats stats;
  ASSERT_TRUE(Load(serial.get(), {triples_}, &stats, nullptr, inline_writes).ok());
  EXPECT_EQ(RelationRows(serial.get()), RelationRows(source_.get()));
}

TEST_F(BulkTest, LoadMergesIntoAnIngestedDatabase) {
  // AddDocument for two articles, then the third through a load: same as all three ingested.
  auto mixed = OpenOrDie(tmp_.File("mixed.db"));
  const std::vector<Document> docs = testing::FixtureDocuments();
  AddStats added;
  ASSERT_TRUE(mixed->AddDocument(docs[0], ContentHash(docs[0].article.text), &added).ok());
  ASSERT_TRUE(mixed->AddDocument(docs[1], ContentHash(docs[1].article.text), &added).ok());
  std::istringstream in(testing::ReadTextFile(triples_));
  std::string line, third;
  while (std::getline(in, line))
    if (line.find("\"doc\":\"lemonde-otan\"") != std::string::npos) third += line + "\n";
  const std::string file = tmp_.File("third.jsonl");
  testing::WriteTextFile(file, third);
  TriplesLoadStats stats;
  ASSERT_TRUE(Load(mixed.get(), {file}, &stats).ok());
  EXPECT_EQ(stats.store.entities_added, 1);  // NATO; Russia was there
  EXPECT_EQ(RelationRows(mixed.get()), RelationRows(source_.get()));
}

TEST_F(BulkTest, BareTriplesFindActorsByName) {
  const std::string file = tmp_.File("bare.jsonl");
  testing::WriteTextFile(
      file,
      R"({"doc": "x1", "subject": {"name": "La Russie", "type": "STATE"}, "relation": "ASSAULT", "object": {"name": "Atlantis", "type": "STATE"}, "negated": false}
{"doc": "x1", "subject": {"name": "atlantis", "type": "STATE"}, "relation": "ACCUSE", "object": {"name": "Daech"}, "negated": true}
{"doc": "x2", "subject": {"name": "Assad", "type": "PERSON"}, "relation": "CONSULT", "object": {"name": "Russia", "type": "STATE", "mention": "Moscou"}}
)");
  TriplesLoadStats stats;
  std::vector<std::string> errors;
  ASSERT_TRUE(Load(source_.get(), {file}, &stats, &errors).ok());
  EXPECT_TRUE(errors.empty()) << errors[0];
  const auto rows = RelationRows(source_.get());
  // "La Russie" is state:RUS (its alias), "Daech" the Islamic State; Atlantis is new, and
  // named the same in both lines; "Assad" names two people, so it is a new actor.
  EXPECT_TRUE(rows.count("state:RUS|ASSAULT|state:atlantis|0|1|-|-|asserted|-"));
  EXPECT_TRUE(rows.count("state:atlantis|ACCUSE|armed_group:islamic-state|1|1|-|-|asserted|-"));
  EXPECT_TRUE(rows.count("person:assad|CONSULT|state:RUS|0|1|-|-|asserted|-"));
  EXPECT_EQ(stats.store.entities_added, 2);
}

// A sentence stating several triples is stored once, as an ingest stores it; the same
// sentence index with another text or span (hand-made triples) is another sentence.
TEST_F(BulkTest, EachSentenceOfADocumentIsStoredOnce) {
  auto db = OpenOrDie(tmp_.File("sentences.db"));
  const std::string file = tmp_.File("shared.jsonl");
  testing::WriteTextFile(
      file,
      R"({"doc": "d1", "subject": {"name": "Russia", "type": "STATE"}, "relation": "CONSULT", "object": {"name": "Iran", "type": "STATE"}, "sentence": 0, "span": [0, 37], "evidence": "Russia and Turkey met Iran in Astana."}
{"doc": "d1", "subject": {"name": "Turkey", "type": "STATE"}, "relation": "CONSULT", "object": {"name": "Iran", "type": "STATE"}, "sentence": 0, "span": [0, 37], "evidence": "Russia and Turkey met Iran in Astana.", "also": [{"subject_mention": "Ankara", "sentence": 0, "span": [0, 37]}]}
{"doc": "d1", "subject": {"name": "Turkey", "type": "STATE"}, "relation": "CONSULT", "object": {"name": "Russia", "type": "STATE"}, "sentence": 1, "span": [38, 62], "evidence": "Turkey later met Russia."}
{"doc": "d2", "subject": {"name": "Turkey", "type": "STATE"}, "relation": "CONSULT", "object": {"name": "Russia", "type": "STATE"}, "sentence": 1, "span": [38, 62], "evidence": "Turkey later met Russia."}
{"doc": "d2", "subject": {"name": "Iran", "type": "STATE"}, "relation": "CONSULT", "object": {"name": "Russia", "type": "STATE"}}
{"doc": "d2", "subject": {"name": "Iran", "type": "STATE"}, "relation": "AID", "object": {"name": "Russia", "type": "STATE"}, "evidence": "Iran helped Russia."}
)");
  TriplesLoadStats stats;
  std::vector<std::string> errors;
  ASSERT_TRUE(Load(db.get(), {file}, &stats, &errors).ok());
  EXPECT_TRUE(errors.empty()) << errors[0];
  EXPECT_EQ(stats.store.evidence_added, 7);
  EXPECT_EQ(Strings(db.get(),
                    "SELECT a.ext_id || ' ' || s.sentence_index || ' ' || "
                    "s.char_begin || '-' || s.char_end || ' ' || s.text || ' ' || "
                    "(SELECT count(*) FROM evidence e WHERE e.sentence_id = s.id) "
                    "FROM sentences s JOIN articles a ON a.id = s.article_id"),
            (std::set<std::string>{"d1 0 0-37 Russia and Turkey met Iran in Astana. 3",
                                   "d1 1 38-62 Turkey later met Russia. 1",
                                   "d2 1 38-62 Turkey later met Russia. 1", "d2 0 0-0  1",
                                   "d2 0 0-0 Iran helped Russia. 1"}));
}

TEST_F(BulkTest, BadLinesAreRefusedOneByOne) {
  const std::string file = tmp_.File("bad.jsonl");
  testing::WriteTextFile(
      file,
      "{\"doc\": \"a\", \"subject\": {\"name\": \"A\"}, \"relation\": \"AID\", \"object\": {\"name\": \"B\"}}\n"
      "not json\n"
      "\n"
      "{\"subject\": {\"name\": \"A\"}, \"relation\": \"AID\", \"object\": {\"name\": \"B\"}}\n"
      "{\"doc\": \"a\", \"subject\": {\"name\": \"A\"}, \"relation\": \"HUG\", \"object\": {\"name\": \"B\"}}\n"
      "{\"doc\": \"a\", \"subject\": {\"name\": \"A\"}, \"relation\": \"AID\", \"object\": {}}\n"
      "{\"doc\": \"a\", \"subject\": {\"name\": \"A\"}, \"relation\": \"AID\", \"object\": {\"name\": \"B\"}, \"date\": \"2015-13-01\"}\n"
      "{\"doc\": \"a\", \"subject\": {\"name\": \"A\"}, \"relation\": \"AID\", \"object\": {\"name\": \"B\"}, \"negated\": \"no\"}\n"
      "{\"doc\": \"a\", \"subject\": {\"name\": \"A\"}, \"relation\": \"AID\", \"object\": {\"name\": 3}}\n"
      "{\"doc\": \"a\", \"subject\": {\"name\": \"A\"}, \"relation\": \"AID\", \"object\": {\"name\": \"B\"}, \"span\": [1]}\n"
      "{\"doc\": \"a\", \"subject\": {\"name\": \"A\"}, \"relation\": \"AID\", \"object\": {\"name\": \"B\\ud800\"}}\n"
      "[1, 2]\n"
      "{\"doc\": 7, \"subject\": {\"name\": \"A\"}, \"relation\": \"AID\", \"object\": {\"name\": \"B\"}, \"modality\": \"possible\", \"also\": [{\"sentence\": 2, \"span\": [5, 9], \"trigger\": \"helps\"}]}\n");
  auto db = OpenOrDie(tmp_.File("bad.db"));
  TriplesLoadStats stats;
  std::vector<std::string> errors;
  ASSERT_TRUE(Load(db.get(), {file}, &stats, &errors).ok());
  EXPECT_EQ(stats.lines, 12);
  EXPECT_EQ(stats.refused, 10);
  ASSERT_EQ(errors.size(), 10u);
  EXPECT_EQ(errors[0].rfind(file + ":2: not JSON", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1], file + ":4: no \"doc\"");
  EXPECT_EQ(errors[2], file + ":5: unknown relation type \"HUG\"");
  EXPECT_EQ(errors[3], file + ":6: \"object\" has neither name nor key");
  EXPECT_NE(errors[4].find(":7: malformed date '2015-13-01'"), std::string::npos) << errors[4];
  EXPECT_EQ(errors[5], file + ":8: \"negated\" is not true or false");
  EXPECT_EQ(errors[6], file + ":9: \"name\" is not a string");
  EXPECT_EQ(errors[7], file + ":10: \"span\" is not [begin, end]");
  EXPECT_NE(errors[8].find(":11: not JSON: unpaired surrogate"), std::string::npos) << errors[8];
  EXPECT_EQ(errors[9], file + ":12: not a JSON object");
  // Line 1, and line 13 with its "also": three evidence of one relation (documents a and 7).
  EXPECT_EQ(stats.store.evidence_added, 3);
  EXPECT_EQ(QueryInt(db.get(), "SELECT evidence_count FROM relations"), 3);
  EXPECT_EQ(Strings(db.get(), "SELECT ext_id FROM articles"), (std::set<std::string>{"a", "7"}));
  EXPECT_EQ(Strings(db.get(), "SELECT modality FROM relations"), (std::set<std::string>{"asserted"}));
  EXPECT_EQ(Strings(db.get(), "SELECT trigger FROM evidence WHERE trigger IS NOT NULL"),
            (std::set<std::string>{"helps"}));
}

// Lines are read a few at a time and the reader's buffer is refilled between them: a file
// larger than that buffer (8 MB), with bad lines here and there, is read whole, each refusal
// named with its own line, in order.
TEST_F(BulkTest, LargeFilesAreReadWholeWithEachLineInItsPlace) {
  const std::string file = tmp_.File("large.jsonl");
  const std::string padding(700, 'x');
  std::string text;
  int64_t good = 0;
  std::vector<int64_t> bad;
  for (int64_t line = 1; line <= 14000; ++line) {
    if (line % 997 == 0) {
      text += "{\"doc\": \"d\", \"relation\": \"AID\"}\n";
      bad.push_back(line);
      continue;
    }
    if (line % 1499 == 0) {
      text += "\n";
      continue;
    }
    const int64_t a = line % 101, b = (line * 7) % 103;
    text += "{\"doc\": \"doc-" + std::to_string(line / 5) + "\", \"subject\": {\"name\": \"A" +
            std::to_string(a) + "\", \"key\": \"state:a" + std::to_string(a) +
            "\", \"mention\": \"M" + std::to_string(a % 7) + "\"}, \"relation\": \"AID\", " +
            "\"object\": {\"name\": \"B" + std::to_string(b) + "\", \"key\": \"org:b" +
            std::to_string(b) + "\"}, \"sentence\": " + std::to_string(line % 5) +
            ", \"evidence\": \"" + padding + std::to_string(line) + "\"}\n";
    ++good;
  }
  ASSERT_GT(text.size(), size_t{9} << 20);
  testing::WriteTextFile(file, text);
  auto db = OpenOrDie(tmp_.File("large.db"));
  TriplesLoadStats stats;
  std::vector<std::string> errors;
  ASSERT_TRUE(Load(db.get(), {file}, &stats, &errors).ok());
  EXPECT_EQ(stats.store.evidence_added, good);
  EXPECT_EQ(QueryInt(db.get(), "SELECT count(*) FROM sentences"), good);
  EXPECT_EQ(QueryInt(db.get(), "SELECT sum(evidence_count) FROM relations"), good);
  ASSERT_EQ(errors.size(), bad.size());
  for (size_t i = 0; i < bad.size(); ++i)
    EXPECT_EQ(errors[i], file + ":" + std::to_string(bad[i]) + ": no \"subject\" object");
  // Each actor's mentions other than its name are its aliases, once each.
  EXPECT_EQ(QueryInt(db.get(), "SELECT count(*) FROM aliases WHERE alias LIKE 'M%'"), 101);
}

TEST_F(BulkTest, MissingFilesAndBusyDatabasesFail) {
  auto db = OpenOrDie(tmp_.File("x.db"));
  TriplesLoadStats stats;
  EXPECT_EQ(Load(db.get(), {tmp_.File("nope.jsonl")}, &stats).code(), Status::Code::kIoError);

  StoreOptions quick;
  quick.busy_timeout_ms = 50;
  auto locked = OpenOrDie(tmp_.File("locked.db"), quick);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(tmp_.File("locked.db").c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  BulkOptions keep;
  keep.indexes = BulkOptions::Indexes::kKeep;
  Status st = Load(locked.get(), {triples_}, &stats, nullptr, keep);
  EXPECT_EQ(st.code(), Status::Code::kBusy) << st.message();
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  // Nothing half-written: the load can simply run again.
  ASSERT_TRUE(Load(locked.get(), {triples_}, &stats).ok());
  EXPECT_EQ(RelationRows(locked.get()), RelationRows(source_.get()));

  StoreOptions ro;
  ro.read_only = true;
  auto reader = OpenOrDie(source_path_, ro);
  std::unique_ptr<BulkWriter> writer;
  EXPECT_EQ(NewBulkWriter(reader.get(), {}, &writer).code(), Status::Code::kInvalidInput);
}

TEST_F(BulkTest, OpeningRestoresIndexesALoadLeftDropped) {
  const std::string path = tmp_.File("crash.db");
  {
    auto db = OpenOrDie(path);
    ASSERT_TRUE(ExecSql(db->Handle(), "DROP INDEX evidence_date; DROP INDEX relations_object").ok());
  }
  auto db = OpenOrDie(path);
  EXPECT_EQ(QueryInt(db.get(), "SELECT count(*) FROM sqlite_master WHERE name IN "
                               "('evidence_date', 'relations_object')"),
            2);
}

TEST_F(BulkTest, RelationsWithoutEvidenceAddTheirCounts) {
  auto db = OpenOrDie(tmp_.File("agg.db"));
  BulkOptions options;
  options.import_name = "import:test";
  options.import_hash = "h1";
  std::unique_ptr<BulkWriter> writer;
  ASSERT_TRUE(NewBulkWriter(db.get(), options, &writer).ok());
  BulkRelation r;
  r.subject.key = "state:A";
  r.subject.name = "A";
  r.subject.type = EntityType::kState;
  r.object.key = "state:B";
  r.object.name = "B";
  r.relation = RelationType::kSanction;
  r.evidence_count = 4;
  r.first_date = "2015-03";
  r.last_date = "2016";
  r.modality = Modality::kPossible;
  ASSERT_TRUE(writer->AddRelation(r).ok());
  r.evidence_count = 2;
  r.first_date = "2014-12-01";
  r.last_date = "";
  r.modality = Modality::kReported;
  r.cameo = "163";
  ASSERT_TRUE(writer->AddRelation(r).ok());
  BulkSide lonely;
  lonely.key = "person:alone";
  lonely.name = "Alone";
  ASSERT_TRUE(writer->AddActor(lonely).ok());
  BulkStats stats;
  ASSERT_TRUE(writer->Finish(&stats).ok());
  EXPECT_EQ(stats.relations_added, 1);
  EXPECT_EQ(stats.entities_added, 3);
  EXPECT_EQ(stats.evidence_added, 0);
  EXPECT_EQ(RelationRows(db.get()),
            (std::multiset<std::string>{"state:A|SANCTION|state:B|0|6|2014-12-01|2016|reported|163"}));

  // The same source again: skipped.
  ASSERT_TRUE(NewBulkWriter(db.get(), options, &writer).ok());
  ASSERT_TRUE(writer->AddRelation(r).ok());
  ASSERT_TRUE(writer->Finish(&stats).ok());
  EXPECT_EQ(stats.skipped, 1);
  EXPECT_EQ(QueryInt(db.get(), "SELECT evidence_count FROM relations"), 6);

  // Bad input is refused before anything is queued.
  options.import_hash = "h2";
  ASSERT_TRUE(NewBulkWriter(db.get(), options, &writer).ok());
  r.first_date = "March";
  EXPECT_EQ(writer->AddRelation(r).code(), Status::Code::kInvalidInput);
  BulkSide nobody;
  EXPECT_EQ(writer->AddActor(nobody).code(), Status::Code::kInvalidInput);
  ASSERT_TRUE(writer->Finish(&stats).ok());
}

// ---------------------------------------------------------------- GraphML import

TEST_F(BulkTest, GraphmlImportRebuildsTheGraphAndIsNotCountedTwice) {
  std::unique_ptr<KnowledgeGraph> kg;
  ASSERT_TRUE(KnowledgeGraph::Load(source_.get(), &kg).ok());
  const std::string file = tmp_.File("kg.graphml");
  {
    std::ofstream out(file);
    ASSERT_TRUE(WriteGraphml(*kg, out).ok());
  }
  auto db = OpenOrDie(tmp_.File("imported.db"));
  GraphmlImportStats stats;
  Status st = ImportGraphml(file, db.get(), {}, {}, &stats);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(stats.nodes, testing::kFixtureEntities);
  EXPECT_EQ(stats.edges, testing::kFixtureRelations);
  EXPECT_EQ(stats.store.entities_added, testing::kFixtureEntities);  // Hafez too
  EXPECT_EQ(stats.store.relations_added, testing::kFixtureRelations);
  // Same relations with the same aggregates, but cameo codes: the file gives every
  // relation its code (the type's default when no evidence had one).
  auto strip_cameo = [](std::multiset<std::string> rows) {
    std::multiset<std::string> out;
    for (const std::string& r : rows) out.insert(r.substr(0, r.rfind('|')));
    return out;
  };
  EXPECT_EQ(strip_cameo(RelationRows(db.get())), strip_cameo(RelationRows(source_.get())));
  // Same actors, same ids (the file lists them in id order).
  EXPECT_EQ(Strings(db.get(), "SELECT id || key || name || type || coalesce(country, '') FROM entities"),
            Strings(source_.get(),
                    "SELECT id || key || replace(replace(name, char(1), ''), char(31), '') || type "
                    "|| coalesce(country, '') FROM entities"));

  ASSERT_TRUE(ImportGraphml(file, db.get(), {}, {}, &stats).ok());
  EXPECT_EQ(stats.store.articles_skipped, 1);
  EXPECT_EQ(stats.store.relations_added, 0);
  EXPECT_EQ(QueryInt(db.get(), "SELECT sum(evidence_count) FROM relations"),
            testing::kFixtureEvidence);

  // Another file (a different byte) adds its counts.
  std::string text = testing::ReadTextFile(file);
  text.insert(text.find("<desc>") + 6, "copy: ");
  const std::string copy = tmp_.File("copy.graphml");
  testing::WriteTextFile(copy, text);
  ASSERT_TRUE(ImportGraphml(copy, db.get(), {}, {}, &stats).ok());
  EXPECT_EQ(QueryInt(db.get(), "SELECT sum(evidence_count) FROM relations"),
            2 * testing::kFixtureEvidence);
  EXPECT_EQ(QueryInt(db.get(), "SELECT count(*) FROM relations"), testing::kFixtureRelations);
}

TEST_F(BulkTest, GraphmlImportRefusesEdgesItCannotType) {
  const std::string file = tmp_.File("foreign.graphml");
  testing::WriteTextFile(file, R"(<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="t" for="edge" attr.name="relation" attr.type="string"/>
  <graph edgedefault="directed">
    <node id="x"/><node id="y"/>
    <edge source="x" target="y"><data key="t">AID</data></edge>
    <edge source="y" target="x"/>
    <edge source="y" target="z"><data key="t">AID</data></edge>
  </graph>
</graphml>
)");
  auto db = OpenOrDie(tmp_.File("foreign.db"));
  std::vector<std::string> errors;
  GraphmlImportOptions options;
  options.on_error = [&](const Status& s) { errors.push_back(s.message()); };
  GraphmlImportStats stats;
  ASSERT_TRUE(ImportGraphml(file, db.get(), options, {}, &stats).ok());
  EXPECT_EQ(stats.refused, 2);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("no relation type"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("does not exist"), std::string::npos) << errors[1];
  // Nodes without keys are found by name, or keyed after it.
  EXPECT_EQ(Strings(db.get(), "SELECT key FROM entities"),
            (std::set<std::string>{"unknown:x", "unknown:y"}));
  EXPECT_EQ(QueryInt(db.get(), "SELECT count(*) FROM relations"), 1);
}

// Batches end only where a document ends: a commit never holds part of a document, so a load
// resumed after a crash (which skips the documents already stored) loses none of its triples.
TEST_F(BulkTest, CommitsNeverSplitADocument) {
  const std::string path = tmp_.File("split.db");
  auto store = OpenOrDie(path);
  BulkOptions options;
  options.background = false;
  options.batch_size = 2;
  options.commit_size = 1;  // a commit after every batch
  std::unique_ptr<BulkWriter> writer;
  ASSERT_TRUE(NewBulkWriter(store.get(), options, &writer).ok());
  auto triple = [](std::string_view doc, std::string_view object) {
    BulkTriple t;
    t.doc = doc;
    t.subject.key = "state:rus";
    t.subject.name = "Russia";
    t.subject.type = EntityType::kState;
    t.object.key = object;
    t.object.name = object;
    t.object.type = EntityType::kState;
    t.relation = RelationType::kConsult;
    return t;
  };
  auto committed = [&] {
    sqlite3* reader = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(reader, "SELECT count(*) FROM evidence", -1, &st, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(st), SQLITE_ROW);
    const int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(reader);
    return n;
  };
  ASSERT_TRUE(writer->AddTriple(triple("a", "state:syr")).ok());
  ASSERT_TRUE(writer->AddTriple(triple("a", "state:irq")).ok());
  ASSERT_TRUE(writer->AddTriple(triple("a", "state:irn")).ok());
  EXPECT_EQ(committed(), 0);  // the batch is full, but document a goes on
  ASSERT_TRUE(writer->AddTriple(triple("b", "state:tur")).ok());
  EXPECT_EQ(committed(), 3);  // all of a, none of b
  BulkStats stats;
  ASSERT_TRUE(writer->Finish(&stats).ok());
  EXPECT_EQ(committed(), 4);
}

}  // namespace
}  // namespace geokg
