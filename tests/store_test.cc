// The SQLite store: migrations, refusals, ingest, idempotence, atomicity.

#include "geokg/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "fixture_db.h"
#include "geokg/common/paths.h"
#include "geokg/common/text.h"
#include "geokg/graph/graph.h"
#include "geokg/ontology.h"
#include "geokg/store/sqlite.h"
#include "test_util.h"

namespace geokg {
namespace {

using testing::FixtureDocuments;
using testing::TempDir;

std::unique_ptr<Store> OpenOrDie(const std::string& path, StoreOptions options = {}) {
  std::unique_ptr<Store> store;
  Status st = Store::Open(path, options, &store);
  EXPECT_TRUE(st.ok()) << st.message();
  return store;
}

// Runs a one-value query on a raw connection.
int64_t QueryInt(sqlite3* db, const std::string& sql) {
  Statement st;
  Status s = Statement::Prepare(db, sql, &st);
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return -1;
  bool row = false;
  EXPECT_TRUE(st.Step(&row).ok());
  return row ? st.ColumnInt(0) : -1;
}

std::string QueryText(sqlite3* db, const std::string& sql) {
  Statement st;
  EXPECT_TRUE(Statement::Prepare(db, sql, &st).ok());
  bool row = false;
  EXPECT_TRUE(st.Step(&row).ok());
  return row ? st.ColumnText(0) : "<no row>";
}

int64_t Count(Store* store, const std::string& table) {
  return QueryInt(store->Handle(), "SELECT count(*) FROM " + table);
}

// Runs SQL on a connection of its own, outside any Store.
void RawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

// The schema version of this build, counted from the files in schema/.
int RealLatest() {
  int n = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(GEOKG_TEST_DIR) + "/../schema"))
    if (e.path().extension() == ".sql") ++n;
  return n;
}

// "004" for 4.
std::string Numbered(int version, const std::string& name) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%03d", version);
  return buf + ("_" + name);
}

// A data root of our own (schema/ with this build's migrations, and an empty data/) for
// migration tests, which add migrations after the real ones.
struct FakeDataRoot {
  TempDir dir;
  FakeDataRoot() {
    std::filesystem::create_directories(dir.path() / "schema");
    std::filesystem::create_directories(dir.path() / "data");
    for (const auto& e :
         std::filesystem::directory_iterator(std::string(GEOKG_TEST_DIR) + "/../schema")) {
      if (e.path().extension() == ".sql")
        std::filesystem::copy_file(e.path(), dir.path() / "schema" / e.path().filename());
    }
  }
  void AddMigration(const std::string& name, const std::string& sql) {
    testing::WriteTextFile((dir.path() / "schema" / name).string(), sql);
  }
};

TEST(StoreTest, OpenCreatesTheSchema) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("kg.db"));
  ASSERT_TRUE(store);
  EXPECT_GE(LatestSchemaVersion(), 1);
  EXPECT_EQ(store->SchemaVersion(), LatestSchemaVersion());
  sqlite3* db = store->Handle();
  EXPECT_EQ(QueryInt(db, "PRAGMA user_version"), LatestSchemaVersion());
  EXPECT_EQ(QueryText(db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryInt(db, "PRAGMA foreign_keys"), 1);
  for (const char* table : {"articles", "entities", "aliases", "relations", "evidence",
                            "relation_types", "modalities"}) {
    EXPECT_EQ(QueryInt(db, std::string("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                                       "AND name = '") +
                               table + "'"),
              1)
        << table;
  }
  for (const char* view : {"v_relations", "v_evidence", "v_actor_degree"}) {
    EXPECT_EQ(QueryInt(db, std::string("SELECT count(*) FROM ") + view), 0) << view;
  }
}

TEST(StoreTest, RelationTypesTableMatchesTheOntology) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("kg.db"));
  sqlite3* db = store->Handle();
  const int n = static_cast<int>(RelationType::kCount);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM relation_types"), n);
  Statement st;
  ASSERT_TRUE(
      Statement::Prepare(
          db, "SELECT coarse, symmetric, cameo, label FROM relation_types WHERE name = ?1", &st)
          .ok());
  for (int i = 0; i < n; ++i) {
    const RelationInfo& info = Relation(static_cast<RelationType>(i));
    st.Reset();
    st.BindText(1, info.name);
    bool row = false;
    ASSERT_TRUE(st.Step(&row).ok());
    ASSERT_TRUE(row) << info.name;
    EXPECT_EQ(st.ColumnText(0), info.coarse) << info.name;
    EXPECT_EQ(st.ColumnInt(1), info.symmetric ? 1 : 0) << info.name;
    EXPECT_EQ(st.ColumnText(2), info.cameo) << info.name;
    EXPECT_EQ(st.ColumnText(3), info.label) << info.name;
  }
  // The modality ranks follow the enum's order, strongest first.
  for (int i = 0; i <= static_cast<int>(Modality::kConditional); ++i) {
    std::string name(ModalityName(static_cast<Modality>(i)));
    EXPECT_EQ(QueryInt(db, "SELECT rank FROM modalities WHERE name = '" + name + "'"), i);
  }
}

TEST(StoreTest, ReopeningKeepsDataAndVersion) {
  TempDir tmp;
  const std::string path = tmp.File("kg.db");
  {
    auto store = OpenOrDie(path);
    AddStats stats;
    ASSERT_TRUE(store->AddDocument(FixtureDocuments()[0], "h0", &stats).ok());
  }
  auto store = OpenOrDie(path);
  EXPECT_EQ(store->SchemaVersion(), LatestSchemaVersion());
  EXPECT_EQ(Count(store.get(), "articles"), 1);
  bool present = false;
  ASSERT_TRUE(store->HasArticle("h0", &present).ok());
  EXPECT_TRUE(present);
}

TEST(StoreTest, RefusesADatabaseFromANewerGeokg) {
  TempDir tmp;
  const std::string path = tmp.File("kg.db");
  OpenOrDie(path);
  RawExec(path, "PRAGMA user_version = 7");
  std::unique_ptr<Store> store;
  Status st = Store::Open(path, {}, &store);
  EXPECT_EQ(st.code(), Status::Code::kSchemaMismatch);
  EXPECT_EQ(st.message(), "database " + path +
                              " was written by a newer geokg (schema 7, this "
                              "build knows " +
                              std::to_string(LatestSchemaVersion()) + ")");
  EXPECT_FALSE(store);
  // Read-only opening refuses it just the same.
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_EQ(Store::Open(path, ro, &store).code(), Status::Code::kSchemaMismatch);
}

TEST(StoreTest, RefusesAFileThatIsNotSqlite) {
  TempDir tmp;
  const std::string path = tmp.File("notes.db");
  std::string text;
  for (int i = 0; i < 200; ++i) text += "These are my notes, not a database.\n";
  testing::WriteTextFile(path, text);
  for (bool read_only : {false, true}) {
    std::unique_ptr<Store> store;
    StoreOptions options;
    options.read_only = read_only;
    Status st = Store::Open(path, options, &store);
    EXPECT_EQ(st.code(), Status::Code::kCorruption) << st.message();
    EXPECT_NE(st.message().find(path + " is not a SQLite database"), std::string::npos)
        << st.message();
  }
  EXPECT_EQ(testing::ReadTextFile(path), text);  // untouched
}

TEST(StoreTest, RefusesAnotherApplicationsSqliteDatabase) {
  TempDir tmp;
  const std::string path = tmp.File("other.db");
  RawExec(path, "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('keep me');");
  std::unique_ptr<Store> store;
  Status st = Store::Open(path, {}, &store);
  EXPECT_EQ(st.code(), Status::Code::kSchemaMismatch);
  EXPECT_NE(st.message().find("not a geokg one"), std::string::npos) << st.message();

  const std::string tagged = tmp.File("tagged.db");
  RawExec(tagged, "PRAGMA application_id = 1234");
  EXPECT_EQ(Store::Open(tagged, {}, &store).code(), Status::Code::kSchemaMismatch);
}

TEST(StoreTest, ReadOnlyDoesNotCreateAMissingDatabase) {
  TempDir tmp;
  const std::string path = tmp.File("missing.db");
  StoreOptions ro;
  ro.read_only = true;
  std::unique_ptr<Store> store;
  Status st = Store::Open(path, ro, &store);
  EXPECT_TRUE(st.IsNotFound());
  EXPECT_EQ(st.message(), path + ": no such database");
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(StoreTest, ReadOnlyStoreRefusesWrites) {
  TempDir tmp;
  const std::string path = tmp.File("kg.db");
  OpenOrDie(path);
  StoreOptions ro;
  ro.read_only = true;
  auto store = OpenOrDie(path, ro);
  AddStats stats;
  Status st = store->AddDocument(FixtureDocuments()[0], "h0", &stats);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(Count(store.get(), "articles"), 0);
}

TEST(StoreTest, ReingestingTheSameContentIsANoOp) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("kg.db"));
  const Document doc = FixtureDocuments()[0];
  const std::string hash = ContentHash(doc.article.text);
  bool present = true;
  ASSERT_TRUE(store->HasArticle(hash, &present).ok());
  EXPECT_FALSE(present);

  AddStats first;
  ASSERT_TRUE(store->AddDocument(doc, hash, &first).ok());
  EXPECT_GT(first.article_id, 0);
  EXPECT_EQ(first.entities_added, 6);
  EXPECT_EQ(first.relations_added, 5);
  EXPECT_EQ(first.evidence_added, 5);

  const int64_t aliases = Count(store.get(), "aliases");
  AddStats second;
  second.article_id = -5;
  Status st = store->AddDocument(doc, hash, &second);
  EXPECT_TRUE(st.IsAlreadyExists()) << st.message();
  EXPECT_EQ(second.article_id, -5);  // untouched on failure
  EXPECT_EQ(Count(store.get(), "articles"), 1);
  EXPECT_EQ(Count(store.get(), "entities"), 6);
  EXPECT_EQ(Count(store.get(), "relations"), 5);
  EXPECT_EQ(Count(store.get(), "evidence"), 5);
  EXPECT_EQ(Count(store.get(), "aliases"), aliases);
  ASSERT_TRUE(store->HasArticle(hash, &present).ok());
  EXPECT_TRUE(present);
}

TEST(StoreTest, StoresTheArticleItsEvidenceAndItsAliases) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("kg.db"));
  for (const Document& doc : FixtureDocuments()) {
    AddStats stats;
    ASSERT_TRUE(store->AddDocument(doc, ContentHash(doc.article.text), &stats).ok());
  }
  sqlite3* db = store->Handle();
  EXPECT_EQ(Count(store.get(), "articles"), testing::kFixtureArticles);
  EXPECT_EQ(Count(store.get(), "entities"), testing::kFixtureEntities);
  EXPECT_EQ(Count(store.get(), "relations"), testing::kFixtureRelations);
  EXPECT_EQ(Count(store.get(), "evidence"), testing::kFixtureEvidence);

  EXPECT_EQ(QueryText(db,
                      "SELECT lang || ' ' || date || ' ' || origin FROM articles "
                      "WHERE ext_id = 'afp-2015-09-30'"),
            "fr 2015-09-30 fixture");
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM articles WHERE ingested_at LIKE '20__-__-__T%Z'"),
            3);
  // Merged by key: Russia appears in all three documents, once in the table.
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM entities WHERE key = 'state:RUS'"), 1);
  // Aliases from the entities, in both languages, with their folds.
  EXPECT_EQ(QueryText(db, "SELECT fold FROM aliases WHERE alias = 'la Russie'"), "russie");
  EXPECT_EQ(QueryText(db, "SELECT fold FROM aliases WHERE alias = 'État islamique'"),
            "etat islamique");
  EXPECT_EQ(QueryInt(db, "SELECT count(DISTINCT entity_id) FROM aliases WHERE fold = 'assad'"), 2);
  // Aliases from the triples' mentions, but not a pronoun.
  EXPECT_EQ(QueryText(db,
                      "SELECT e.key FROM aliases a JOIN entities e ON e.id = a.entity_id "
                      "WHERE a.alias = 'Russian envoys'"),
            "state:RUS");
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM aliases WHERE fold = 'il'"), 0);

  // The evidence keeps the sentence and its provenance.
  EXPECT_EQ(QueryText(db,
                      "SELECT sentence FROM v_evidence WHERE relation = 'CONSULT' AND "
                      "negated = 0"),
            "Il a rencontré Bachar al-Assad à Moscou.");
  EXPECT_EQ(QueryText(db, "SELECT mode FROM evidence WHERE trigger = 'rencontré'"), "visit");
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM evidence WHERE date IS NULL"), 1);
  EXPECT_EQ(QueryText(db, "SELECT role FROM evidence WHERE trigger = 'President'"), "President");
}

TEST(StoreTest, RelationAggregatesFollowTheirEvidence) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("kg.db"));
  auto docs = FixtureDocuments();
  AddStats stats;
  ASSERT_TRUE(store->AddDocument(docs[0], "h0", &stats).ok());
  sqlite3* db = store->Handle();
  const std::string strike =
      "SELECT evidence_count || ' ' || first_date || ' ' || last_date || ' ' || modality || ' ' "
      "|| cameo FROM v_relations WHERE subject = 'Russia' AND relation = 'ASSAULT'";
  EXPECT_EQ(QueryText(db, strike), "1 2015-09-30 2015-09-30 reported 195");

  ASSERT_TRUE(store->AddDocument(docs[1], "h1", &stats).ok());
  EXPECT_EQ(stats.entities_added, 4);   // United States, Iceland, France, the café
  EXPECT_EQ(stats.relations_added, 7);  // all but the second strike
  EXPECT_EQ(stats.evidence_added, 8);
  // A second, asserted report without a CAMEO code: the strongest modality and the first
  // code are kept.
  EXPECT_EQ(QueryText(db, strike), "2 2015-09-30 2015-10-02 asserted 195");

  // An undated article leaves the dates NULL.
  ASSERT_TRUE(store->AddDocument(docs[2], "h2", &stats).ok());
  EXPECT_EQ(QueryInt(db,
                     "SELECT count(*) FROM relations WHERE type = 'ACCUSE' AND "
                     "first_date IS NULL AND last_date IS NULL"),
            1);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM relations WHERE negated = 1"), 1);
  EXPECT_EQ(QueryInt(db, "SELECT sum(evidence_count) FROM relations"), testing::kFixtureEvidence);
}

// An actor of one article only ("generic:<article>:..."): stored when a triple of the
// article involves it, with its names; left out otherwise. Actors with keys of their own are
// stored either way.
TEST(StoreTest, ArticleScopedActorsAreStoredOnlyWithATriple) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("kg.db"));
  testing::DocBuilder b("fr-9", "fr", "2016-05-01");
  int police =
      b.Entity("generic:fr-9:police", "la police", EntityType::kGroup, "", {"les policiers"});
  int crowd = b.Entity("generic:fr-9:manifestants", "les manifestants", EntityType::kGroup, "",
                       {"la foule"});
  int town = b.Entity("generic:fr-9:ville", "la ville", EntityType::kPlace, "", {});
  int france = b.Entity("state:FRA", "France", EntityType::kState, "FRA", {"la France"});
  int iceland = b.Entity("state:ISL", "Iceland", EntityType::kState, "ISL", {"l'Islande"});
  int s0 = b.Sentence("La police a dispersé les manifestants dans la ville.");
  b.Sentence("La France et l'Islande n'ont rien dit.");
  b.Add(police, RelationType::kAssault, france, s0, "la police", "la France", "dispersé");
  (void)crowd;
  (void)town;
  (void)iceland;
  AddStats stats;
  ASSERT_TRUE(store->AddDocument(b.Build(), "h9", &stats).ok());
  sqlite3* db = store->Handle();
  EXPECT_EQ(stats.entities_added, 3);  // the police, France, Iceland
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM entities WHERE key LIKE 'generic:%'"), 1);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM entities WHERE key = 'generic:fr-9:police'"), 1);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM entities WHERE key = 'state:ISL'"), 1);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM aliases WHERE alias = 'les policiers'"), 1);
  EXPECT_EQ(QueryInt(db,
                     "SELECT count(*) FROM aliases WHERE alias IN ('la foule', "
                     "'les manifestants', 'la ville')"),
            0);
  EXPECT_EQ(Count(store.get(), "relations"), 1);
}

// One actor whatever the spelling or language (the key decides), one edge per (subject,
// relation, object, negated) whatever the article: three articles, three spellings of
// Shoigu, three languages of "meets"; then a fourth article updates the edge in place.
TEST(StoreTest, ActorsMergeAcrossSpellingsAndLanguages) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("kg.db"));
  struct Spelling {
    const char* id;
    const char* date;
    const char* shoigu;
    const char* usa;
    Modality modality;
    const char* cameo;
  };
  const Spelling spellings[] = {
      {"fr-1", "2016-03-01", "Choïgou", "les États-Unis", Modality::kReported, "040"},
      {"en-1", "2016-02-10", "Shoigu", "the United States", Modality::kPossible, ""},
      {"en-2", "2016-04-05", "Shoygu", "Washington", Modality::kAsserted, "042"},
  };
  for (const Spelling& sp : spellings) {
    testing::DocBuilder b(sp.id, sp.id[0] == 'f' ? "fr" : "en", sp.date);
    int shoigu = b.Entity("person:sergei-shoigu", "Sergei Shoigu", EntityType::kPerson, "RUS",
                          {sp.shoigu});
    int usa = b.Entity("state:USA", "United States", EntityType::kState, "USA", {sp.usa});
    int s = b.Sentence(std::string(sp.shoigu) + " met " + sp.usa + ".");
    Triple& t = b.Add(shoigu, RelationType::kConsult, usa, s, sp.shoigu, sp.usa, "met");
    t.modality = sp.modality;
    t.cameo = sp.cameo;
    AddStats stats;
    ASSERT_TRUE(store->AddDocument(b.Build(), sp.id, &stats).ok());
  }
  sqlite3* db = store->Handle();
  EXPECT_EQ(Count(store.get(), "entities"), 2);
  EXPECT_EQ(Count(store.get(), "relations"), 1);
  // Aggregates: three reports, earliest and latest dates, the strongest modality, the first
  // code given.
  EXPECT_EQ(QueryText(db,
                      "SELECT evidence_count || ' ' || first_date || ' ' || last_date || ' ' || "
                      "modality || ' ' || cameo FROM relations"),
            "3 2016-02-10 2016-04-05 asserted 040");
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM aliases a JOIN entities e ON e.id = a.entity_id "
                         "WHERE e.key = 'person:sergei-shoigu'"),
            4);  // the name and three spellings
  // Every spelling finds the one actor.
  {
    std::unique_ptr<KnowledgeGraph> kg;
    ASSERT_TRUE(KnowledgeGraph::Load(store.get(), &kg).ok());
    for (const char* name : {"Choïgou", "choigou", "Shoigu", "SHOYGU", "Sergei Shoigu"}) {
      VertexProps v;
      ASSERT_TRUE(kg->ResolveActor(name, &v).ok()) << name;
      EXPECT_EQ(v.key, "person:sergei-shoigu") << name;
    }
    for (const char* name : {"États-Unis", "etats-unis", "Washington"}) {
      VertexProps v;
      ASSERT_TRUE(kg->ResolveActor(name, &v).ok()) << name;
      EXPECT_EQ(v.key, "state:USA") << name;
    }
    EXPECT_EQ(kg->num_relations(), 1u);
  }
  // A later article updates the same row: incremental, nothing rebuilt.
  const int64_t id = QueryInt(db, "SELECT id FROM relations");
  testing::DocBuilder later("fr-2", "fr", "2016-05-01");
  int shoigu = later.Entity("person:sergei-shoigu", "Sergei Shoigu", EntityType::kPerson, "RUS", {});
  int usa = later.Entity("state:USA", "United States", EntityType::kState, "USA", {});
  int s = later.Sentence("Choïgou n'a pas rencontré les Américains.");
  later.Add(shoigu, RelationType::kConsult, usa, s, "Choïgou", "les Américains", "rencontré")
      .negated = true;
  later.Add(shoigu, RelationType::kConsult, usa, s, "Choïgou", "les Américains", "rencontré");
  AddStats stats;
  ASSERT_TRUE(store->AddDocument(later.Build(), "fr-2", &stats).ok());
  EXPECT_EQ(stats.relations_added, 1);  // the denial is an edge of its own
  EXPECT_EQ(QueryText(db, "SELECT evidence_count || ' ' || last_date FROM relations WHERE id = " +
                              std::to_string(id)),
            "4 2016-05-01");
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM relations WHERE negated = 1"), 1);
}

TEST(StoreTest, LaterArticlesRefineAnActor) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("kg.db"));
  testing::DocBuilder a("a", "fr", "2015-01-01");
  a.Entity("state:TUR", "Turquie", EntityType::kUnknown, "", {});
  a.Sentence("La Turquie.");
  testing::DocBuilder b("b", "en", "2015-01-02");
  b.Entity("state:TUR", "Turkey", EntityType::kState, "TUR", {"Türkiye"});
  b.Sentence("Turkey.");
  AddStats stats;
  ASSERT_TRUE(store->AddDocument(a.Build(), "ha", &stats).ok());
  ASSERT_TRUE(store->AddDocument(b.Build(), "hb", &stats).ok());
  EXPECT_EQ(stats.entities_added, 0);
  EXPECT_EQ(QueryText(store->Handle(),
                      "SELECT name || ' ' || type || ' ' || country FROM "
                      "entities WHERE key = 'state:TUR'"),
            "Turquie STATE TUR");
  EXPECT_EQ(QueryInt(store->Handle(), "SELECT count(*) FROM aliases"), 3);
}

TEST(StoreTest, ABrokenTripleAssertsAndLeavesNothing) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("kg.db"));
  Document doc = FixtureDocuments()[1];
  // Valid triples first, so that the failure happens halfway through the transaction.
  Triple bad = doc.triples.front();
  bad.object = static_cast<int>(doc.entities.size());
  doc.triples.push_back(bad);
  AddStats stats;
  EXPECT_THROW(store->AddDocument(doc, "bad", &stats), InternalError);
  for (const char* table : {"articles", "entities", "aliases", "relations", "evidence"})
    EXPECT_EQ(Count(store.get(), table), 0) << table;
  bool present = true;
  ASSERT_TRUE(store->HasArticle("bad", &present).ok());
  EXPECT_FALSE(present);

  // A negative index and a span past the text are broken invariants too.
  doc.triples.back() = doc.triples.front();
  doc.triples.back().subject = -1;
  EXPECT_THROW(store->AddDocument(doc, "bad", &stats), InternalError);
  doc.triples.back() = doc.triples.front();
  doc.triples.back().end = static_cast<uint32_t>(doc.article.text.size() + 1);
  EXPECT_THROW(store->AddDocument(doc, "bad", &stats), InternalError);

  // The store is still usable, its statements reset.
  doc.triples.pop_back();
  ASSERT_TRUE(store->AddDocument(doc, "good", &stats).ok());
  EXPECT_EQ(Count(store.get(), "articles"), 1);
  EXPECT_EQ(Count(store.get(), "evidence"), 8);
}

// One sentence stating two triples, then one stating one.
Document SharedSentenceDocument() {
  testing::DocBuilder b("astana-talks", "en", "2017-01-23");
  int rus = b.Entity("state:RUS", "Russia", EntityType::kState, "RUS", {});
  int tur = b.Entity("state:TUR", "Turkey", EntityType::kState, "TUR", {});
  int irn = b.Entity("state:IRN", "Iran", EntityType::kState, "IRN", {});
  int s0 = b.Sentence("Russia and Turkey met Iran in Astana.");
  b.Add(rus, RelationType::kConsult, irn, s0, "Russia", "Iran", "met");
  b.Add(tur, RelationType::kConsult, irn, s0, "Turkey", "Iran", "met");
  int s1 = b.Sentence("Turkey later met Russia.");
  b.Add(tur, RelationType::kConsult, rus, s1, "Turkey", "Russia", "met");
  return b.Build();
}

TEST(StoreTest, ASentenceIsStoredOnceWhateverTheTriplesItStates) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("kg.db"));
  const Document doc = SharedSentenceDocument();
  AddStats stats;
  ASSERT_TRUE(store->AddDocument(doc, ContentHash(doc.article.text), &stats).ok());
  EXPECT_EQ(stats.evidence_added, 3);
  EXPECT_EQ(Count(store.get(), "sentences"), 2);
  sqlite3* db = store->Handle();
  EXPECT_EQ(QueryText(db,
                      "SELECT group_concat(sentence_index || ' ' || char_begin || '-' || "
                      "char_end || ' ' || text, '|') FROM sentences"),
            "0 0-37 Russia and Turkey met Iran in Astana.|1 38-62 Turkey later met Russia.");
  EXPECT_EQ(QueryText(db,
                      "SELECT group_concat(subject || ':' || sentence, '|') FROM "
                      "(SELECT * FROM v_evidence ORDER BY id)"),
            "Russia:Russia and Turkey met Iran in Astana.|"
            "Turkey:Russia and Turkey met Iran in Astana.|Turkey:Turkey later met Russia.");
  // The graph's evidence (queries, exports) reads the sentence of each triple.
  std::unique_ptr<KnowledgeGraph> graph;
  ASSERT_TRUE(KnowledgeGraph::Load(store.get(), &graph).ok());
  std::vector<EvidenceRow> rows;
  ASSERT_TRUE(graph->ReadEvidence(2, -1, DateRange(), &rows).ok());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].sentence, "Russia and Turkey met Iran in Astana.");
  EXPECT_EQ(rows[0].article, "astana-talks");
}

// Everything a document adds, by keys and names (ids may differ between databases).
std::string DumpGraph(sqlite3* db) {
  std::string out;
  for (const char* sql :
       {"SELECT key || '|' || name || '|' || type || '|' || coalesce(country, '') FROM entities "
        "ORDER BY 1",
        "SELECT e.key || '|' || a.alias || '|' || a.fold FROM aliases a "
        "JOIN entities e ON e.id = a.entity_id ORDER BY 1",
        "SELECT subject || '|' || relation || '|' || object || '|' || negated || '|' || "
        "evidence_count || '|' || coalesce(first_date, '') || '|' || coalesce(last_date, '') || "
        "'|' || modality || '|' || coalesce(cameo, '') FROM v_relations ORDER BY 1",
        "SELECT article || '|' || subject || '|' || relation || '|' || object || '|' || "
        "sentence || '|' || coalesce(date, '') FROM v_evidence ORDER BY 1"}) {
    Statement st;
    EXPECT_TRUE(Statement::Prepare(db, sql, &st).ok());
    EXPECT_TRUE(st.ForEachRow([&] {
                    out += st.ColumnText(0);
                    out += '\n';
                    return Status::Ok();
                  }).ok());
    out += "--\n";
  }
  return out;
}

// The fixture documents one by one, each in its own transaction.
std::string ReferenceGraph(const std::vector<Document>& docs) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("ref.db"));
  for (const Document& doc : docs) {
    AddStats stats;
    EXPECT_TRUE(store->AddDocument(doc, ContentHash(doc.article.text), &stats).ok());
  }
  return DumpGraph(store->Handle());
}

TEST(StoreTest, ABatchCommitsItsDocumentsTogetherAndEachAllOrNothing) {
  TempDir tmp;
  const std::string path = tmp.File("kg.db");
  auto store = OpenOrDie(path);
  StoreOptions read_only;
  read_only.read_only = true;
  auto reader = OpenOrDie(path, read_only);
  const auto docs = FixtureDocuments();
  AddStats stats;
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(store->AddDocument(docs[0], ContentHash(docs[0].article.text), &stats).ok());
  EXPECT_EQ(stats.evidence_added, 5);
  // A document that breaks halfway (after its actors and some evidence) rolls back alone.
  Document bad = docs[1];
  Triple broken = bad.triples.front();
  broken.object = static_cast<int>(bad.entities.size());
  bad.triples.push_back(broken);
  EXPECT_THROW(store->AddDocument(bad, "bad", &stats), InternalError);
  // The same text twice in one batch: the second is refused.
  Status st = store->AddDocument(docs[0], ContentHash(docs[0].article.text), &stats);
  EXPECT_TRUE(st.IsAlreadyExists()) << st.message();
  ASSERT_TRUE(store->AddDocument(docs[1], ContentHash(docs[1].article.text), &stats).ok());
  ASSERT_TRUE(store->AddDocument(docs[2], ContentHash(docs[2].article.text), &stats).ok());
  // Nothing is visible to another connection before the commit.
  EXPECT_EQ(Count(reader.get(), "articles"), 0);
  ASSERT_TRUE(store->CommitBatch().ok());
  EXPECT_EQ(Count(reader.get(), "articles"), testing::kFixtureArticles);
  EXPECT_EQ(Count(reader.get(), "evidence"), testing::kFixtureEvidence);
  EXPECT_EQ(QueryInt(store->Handle(), "SELECT count(*) FROM articles WHERE content_hash = 'bad'"),
            0);
  EXPECT_EQ(DumpGraph(store->Handle()), ReferenceGraph(docs));
  // The batch wrote without foreign-key checks (the failed document made it write the first
  // one again): every reference holds, and the checks are on again.
  EXPECT_EQ(QueryInt(store->Handle(), "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  EXPECT_EQ(QueryInt(store->Handle(), "PRAGMA foreign_keys"), 1);

  // Documents after the batch merge into what it stored (the actors, edges and aliases it
  // wrote are known without a lookup now).
  auto more = FixtureDocuments();
  for (Document& doc : more) {
    doc.article.id += "-again";
    doc.article.text += " Again.";
    ASSERT_TRUE(store->AddDocument(doc, ContentHash(doc.article.text), &stats).ok());
    EXPECT_EQ(stats.entities_added, 0);
    EXPECT_EQ(stats.relations_added, 0);
  }
  EXPECT_EQ(QueryInt(store->Handle(), "SELECT sum(evidence_count) FROM relations"),
            2 * testing::kFixtureEvidence);
}

// A batch that SQLite rolled back (as a full disk or an I/O error can) stores nothing, and
// the ids it had given out are not trusted afterwards: they are given out again.
TEST(StoreTest, ABatchRolledBackStoresNothingAndForgetsItsIds) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("kg.db"));
  const auto docs = FixtureDocuments();
  AddStats stats;
  ASSERT_TRUE(store->BeginBatch().ok());
  ASSERT_TRUE(store->AddDocument(docs[0], ContentHash(docs[0].article.text), &stats).ok());
  ASSERT_TRUE(store->AddDocument(docs[2], ContentHash(docs[2].article.text), &stats).ok());
  ASSERT_EQ(sqlite3_exec(store->Handle(), "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
  Status st = store->AddDocument(docs[1], ContentHash(docs[1].article.text), &stats);
  EXPECT_FALSE(st.ok());
  EXPECT_FALSE(store->CommitBatch().ok());
  EXPECT_EQ(Count(store.get(), "articles"), 0);
  EXPECT_EQ(Count(store.get(), "entities"), 0);
  // Another document first takes the ids the rolled-back ones had, then the same two go in.
  for (int i : {1, 0, 2}) {
    ASSERT_TRUE(store->AddDocument(docs[i], ContentHash(docs[i].article.text), &stats).ok());
  }
  EXPECT_EQ(DumpGraph(store->Handle()), ReferenceGraph({docs[1], docs[0], docs[2]}));
}

TEST(StoreTest, ReportsBusyWhenAnotherWriterHoldsTheLock) {
  TempDir tmp;
  const std::string path = tmp.File("kg.db");
  StoreOptions options;
  options.busy_timeout_ms = 50;
  auto store = OpenOrDie(path, options);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  AddStats stats;
  Status st = store->AddDocument(FixtureDocuments()[0], "h0", &stats);
  EXPECT_EQ(st.code(), Status::Code::kBusy) << st.message();
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_TRUE(store->AddDocument(FixtureDocuments()[0], "h0", &stats).ok());
}

TEST(StoreTest, AppliesMigrationsInOrderAtomically) {
  const int real = RealLatest();
  const std::string next = std::to_string(real + 1);
  FakeDataRoot root;
  testing::ScopedEnv env("GEOKG_DATA", root.dir.path().string());
  ASSERT_EQ(DataRoot(), root.dir.path().string());
  root.AddMigration(Numbered(real + 1, "add_notes.sql"),
                    "ALTER TABLE entities ADD COLUMN notes TEXT;\n"
                    "CREATE TABLE notes_log (entity_id INTEGER, note TEXT);\n");
  root.AddMigration("README.txt", "not a migration");  // ignored
  EXPECT_EQ(LatestSchemaVersion(), real + 1);

  TempDir tmp;
  const std::string path = tmp.File("kg.db");
  {
    auto store = OpenOrDie(path);
    ASSERT_TRUE(store);
    EXPECT_EQ(store->SchemaVersion(), real + 1);
    EXPECT_EQ(QueryInt(store->Handle(),
                       "SELECT count(*) FROM pragma_table_info('entities') "
                       "WHERE name = 'notes'"),
              1);
  }

  // A migration that fails halfway leaves the database at the version before it.
  const std::string broken = Numbered(real + 2, "broken.sql");
  root.AddMigration(broken, "CREATE TABLE t3 (x); THIS IS NOT SQL;");
  std::unique_ptr<Store> store;
  Status st = Store::Open(path, {}, &store);
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find(broken + ": migration failed"), std::string::npos) << st.message();
  std::filesystem::remove(root.dir.path() / "schema" / broken);
  store = OpenOrDie(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->SchemaVersion(), real + 1);
  EXPECT_EQ(QueryInt(store->Handle(), "SELECT count(*) FROM sqlite_master WHERE name = 't3'"), 0);
  store.reset();

  // Back to a build that only knows the real schema: the database is too new for it.
  std::filesystem::remove(root.dir.path() / "schema" / Numbered(real + 1, "add_notes.sql"));
  st = Store::Open(path, {}, &store);
  EXPECT_EQ(st.code(), Status::Code::kSchemaMismatch);
  EXPECT_NE(
      st.message().find("(schema " + next + ", this build knows " + std::to_string(real) + ")"),
      std::string::npos)
      << st.message();
}

TEST(StoreTest, ReadOnlyRefusesAnOutdatedDatabase) {
  const int real = RealLatest();
  TempDir tmp;
  const std::string path = tmp.File("kg.db");
  OpenOrDie(path);  // this build's schema
  FakeDataRoot root;
  root.AddMigration(Numbered(real + 1, "more.sql"), "CREATE TABLE more (x);");
  testing::ScopedEnv env("GEOKG_DATA", root.dir.path().string());
  StoreOptions ro;
  ro.read_only = true;
  std::unique_ptr<Store> store;
  Status st = Store::Open(path, ro, &store);
  EXPECT_EQ(st.code(), Status::Code::kSchemaMismatch);
  EXPECT_NE(st.message().find("has schema " + std::to_string(real) + " and this build needs " +
                              std::to_string(real + 1)),
            std::string::npos)
      << st.message();
  // Opened for writing, it is upgraded.
  store = OpenOrDie(path);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->SchemaVersion(), real + 1);
}

// A database of an older schema, made with the SQL of its migrations and filled as the
// geokg of that time filled it (evidence rows holding their sentence).
class OldDatabase {
 public:
  // Applies migrations 1 .. `version` of this source tree to a new file at `path`.
  OldDatabase(const std::string& path, int version) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    Exec("PRAGMA page_size = 8192; BEGIN");
    for (const auto& e :
         std::filesystem::directory_iterator(std::string(GEOKG_TEST_DIR) + "/../schema")) {
      const std::string name = e.path().filename().string();
      if (e.path().extension() == ".sql" && std::stoi(name.substr(0, 3)) <= version)
        files_.push_back(e.path().string());
    }
    std::sort(files_.begin(), files_.end());
    for (const std::string& f : files_) Exec(testing::ReadTextFile(f));
    Exec("PRAGMA user_version = " + std::to_string(version) +
         "; PRAGMA application_id = " + std::to_string(0x47654B47) +  // "GeKG"
         "; COMMIT; PRAGMA journal_mode = WAL");
  }
  ~OldDatabase() { sqlite3_close(db_); }

  // Stores `doc` in the layout of schemas 1 and 2: one evidence row per triple with its
  // sentence's index, span and text.
  void Add(const Document& doc, const std::string& hash) {
    const Article& a = doc.article;
    Run("INSERT INTO articles (ext_id, content_hash, lang, date, origin) VALUES (?, ?, ?, ?, ?)",
        {a.id, hash, doc.lang, doc.date, a.origin});
    const std::string article = std::to_string(sqlite3_last_insert_rowid(db_));
    std::vector<std::string> ids;
    for (const Entity& e : doc.entities) {
      const std::string type(EntityTypeName(e.type));
      Run("INSERT OR IGNORE INTO entities (key, name, type, country) VALUES (?, ?, ?, ?)",
          {e.key, e.name.empty() ? e.key : e.name, type, e.country});
      ids.push_back(One("SELECT id FROM entities WHERE key = ?", {e.key}));
      Run("UPDATE entities SET type = CASE WHEN type = 'UNKNOWN' THEN ? ELSE type END, "
          "country = coalesce(country, ?) WHERE id = ?",
          {type, e.country, ids.back()});
      Alias(ids.back(), e.name);
      for (const std::string& alias : e.aliases) Alias(ids.back(), alias);
    }
    std::set<std::string> pronouns, names;
    for (const Mention& m : doc.mentions) (m.pronoun ? pronouns : names).insert(m.text);
    for (const Triple& t : doc.triples) {
      const std::string date = t.date.empty() ? doc.date : t.date;
      const std::string& s = ids[static_cast<size_t>(t.subject)];
      const std::string& o = ids[static_cast<size_t>(t.object)];
      const std::string type(Relation(t.relation).name), neg = t.negated ? "1" : "0";
      const std::string modality(ModalityName(t.modality));
      Run("INSERT INTO relations (subject_id, object_id, type, negated, cameo, evidence_count, "
          "first_date, last_date, modality) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) "
          "ON CONFLICT (subject_id, type, object_id, negated) DO UPDATE SET "
          "evidence_count = evidence_count + 1, cameo = coalesce(cameo, excluded.cameo), "
          "first_date = min(coalesce(first_date, excluded.first_date), "
          "                 coalesce(excluded.first_date, first_date)), "
          "last_date = max(coalesce(last_date, excluded.last_date), "
          "                coalesce(excluded.last_date, last_date)), "
          "modality = CASE WHEN (SELECT rank FROM modalities WHERE name = excluded.modality) < "
          "(SELECT rank FROM modalities WHERE name = relations.modality) "
          "THEN excluded.modality ELSE modality END",
          {s, o, type, neg, t.cameo, date, date, modality});
      const std::string relation =
          One("SELECT id FROM relations WHERE subject_id = ? AND object_id = ? AND type = ? AND "
              "negated = ?",
              {s, o, type, neg});
      Run("INSERT INTO evidence (relation_id, article_id, sentence_index, char_begin, char_end, "
          "sentence, date, modality, cameo, mode, role, trigger, subject_mention, "
          "object_mention, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {relation, article, std::to_string(t.sentence), std::to_string(t.begin),
           std::to_string(t.end), a.text.substr(t.begin, t.end - t.begin), date, modality, t.cameo,
           t.mode, t.role, t.trigger, t.subject_mention, t.object_mention,
           std::to_string(t.confidence)});
      for (const auto& [id, mention] :
           {std::pair(s, t.subject_mention), std::pair(o, t.object_mention)}) {
        if (!pronouns.count(mention) || names.count(mention)) Alias(id, mention);
      }
    }
  }

 private:
  void Exec(const std::string& sql) {
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << (err ? err : "");
    sqlite3_free(err);
  }
  // Runs `sql` with `values` bound in order ("" as NULL); returns the first column of the
  // first row, if any.
  std::string One(const std::string& sql, const std::vector<std::string>& values) {
    Statement st;
    EXPECT_TRUE(Statement::Prepare(db_, sql, &st).ok()) << sql;
    for (size_t i = 0; i < values.size(); ++i)
      st.BindTextOrNull(static_cast<int>(i) + 1, values[i]);
    bool row = false;
    EXPECT_TRUE(st.Step(&row).ok()) << sql;
    return row ? st.ColumnText(0) : "";
  }
  void Run(const std::string& sql, const std::vector<std::string>& values) { One(sql, values); }
  void Alias(const std::string& entity, const std::string& alias) {
    const std::string trimmed(Trim(alias));
    if (FoldName(trimmed).empty()) return;
    Run("INSERT OR IGNORE INTO aliases (entity_id, alias, fold) VALUES (?, ?, ?)",
        {entity, trimmed, FoldName(trimmed)});
  }

  sqlite3* db_ = nullptr;
  std::vector<std::string> files_;
};

// Databases of schema 1 and 2 upgrade with their data: the same graph, evidence, sentences
// (each once now) and views as this build writes from the same documents, evidence ids
// kept; and later documents merge into it.
TEST(StoreTest, UpgradesOlderDatabasesWithTheirData) {
  auto docs = FixtureDocuments();
  docs.push_back(SharedSentenceDocument());
  for (int version : {1, 2}) {
    SCOPED_TRACE("schema " + std::to_string(version));
    TempDir tmp;
    const std::string path = tmp.File("kg.db");
    std::string old_evidence;
    {
      OldDatabase old(path, version);
      for (const Document& doc : docs) old.Add(doc, ContentHash(doc.article.text));
    }
    {
      sqlite3* raw = nullptr;
      ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
      Statement st;
      ASSERT_TRUE(Statement::Prepare(raw,
                                     "SELECT group_concat(id || ':' || relation_id || ':' || "
                                     "sentence, '|') FROM (SELECT * FROM evidence ORDER BY id)",
                                     &st)
                      .ok());
      bool row = false;
      ASSERT_TRUE(st.Step(&row).ok());
      old_evidence = st.ColumnText(0);
      st = Statement();
      sqlite3_close(raw);
    }
    auto store = OpenOrDie(path);
    ASSERT_TRUE(store);
    EXPECT_EQ(store->SchemaVersion(), LatestSchemaVersion());
    sqlite3* db = store->Handle();
    EXPECT_EQ(DumpGraph(db), ReferenceGraph(docs));
    // Evidence ids and what they say are kept; each sentence is stored once.
    EXPECT_EQ(QueryText(db,
                        "SELECT group_concat(id || ':' || relation_id || ':' || sentence, '|') "
                        "FROM (SELECT e.id, e.relation_id, t.text AS sentence FROM evidence e "
                        "JOIN sentences t ON t.id = e.sentence_id ORDER BY e.id)"),
              old_evidence);
    EXPECT_EQ(Count(store.get(), "evidence"), testing::kFixtureEvidence + 3);
    EXPECT_EQ(Count(store.get(), "sentences"), testing::kFixtureEvidence + 2);
    EXPECT_EQ(Count(store.get(), "sentences"),
              QueryInt(db,
                       "SELECT count(DISTINCT article_id || ':' || sentence_index) "
                       "FROM v_evidence e JOIN evidence x USING (id)"));
    // The views read the new layout.
    EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM v_actor_timeline"),
              2 * (testing::kFixtureEvidence + 3) -
                  QueryInt(db, "SELECT count(*) FROM v_evidence WHERE subject = object"));
    EXPECT_EQ(QueryInt(db, "SELECT sum(evidence) FROM v_monthly"),
              QueryInt(db,
                       "SELECT count(*) FROM v_evidence WHERE date IS NOT NULL AND "
                       "negated = 0"));
    EXPECT_EQ(QueryText(db, "SELECT month FROM v_monthly ORDER BY 1 LIMIT 1"), "2015-09");
    for (const char* index : {"evidence_date", "evidence_relation", "evidence_article",
                              "relations_key", "relations_object", "aliases_fold"}) {
      EXPECT_EQ(QueryInt(db, std::string("SELECT count(*) FROM sqlite_master WHERE name = '") +
                                 index + "'"),
                1)
          << index;
    }
    EXPECT_EQ(QueryInt(db,
                       "SELECT count(*) FROM sqlite_master WHERE name IN "
                       "('entities_type', 'relations_type', 'sentences_migration')"),
              0);
    EXPECT_EQ(QueryText(db, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    // More documents merge into the upgraded graph.
    Document again = docs[1];
    again.article.text += " Again.";
    AddStats stats;
    ASSERT_TRUE(store->AddDocument(again, ContentHash(again.article.text), &stats).ok());
    EXPECT_EQ(stats.entities_added, 0);
    EXPECT_EQ(stats.relations_added, 0);
    EXPECT_EQ(QueryInt(db, "SELECT sum(evidence_count) FROM relations"),
              Count(store.get(), "evidence"));
  }
}

// Every example query of schema/README.md runs on a database this build writes, and
// returns rows.
TEST(StoreTest, TheSchemaReadmeQueriesRun) {
  TempDir tmp;
  auto store = OpenOrDie(tmp.File("kg.db"));
  auto docs = FixtureDocuments();
  docs.push_back(SharedSentenceDocument());
  for (const Document& doc : docs) {
    AddStats stats;
    ASSERT_TRUE(store->AddDocument(doc, ContentHash(doc.article.text), &stats).ok());
  }
  const std::string readme =
      testing::ReadTextFile(std::string(GEOKG_TEST_DIR) + "/../schema/README.md");
  int queries = 0;
  for (size_t at = readme.find("```sql\n"); at != std::string::npos;
       at = readme.find("```sql\n", at)) {
    at += 7;
    const size_t end = readme.find("```", at);
    ASSERT_NE(end, std::string::npos);
    const std::string sql = readme.substr(at, end - at);
    Statement st;
    Status s = Statement::Prepare(store->Handle(), sql, &st);
    ASSERT_TRUE(s.ok()) << s.message() << "\n" << sql;
    int rows = 0;
    s = st.ForEachRow([&] {
      ++rows;
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.message() << "\n" << sql;
    EXPECT_GT(rows, 0) << sql;
    ++queries;
  }
  EXPECT_GE(queries, 8);
}

TEST(StoreTest, RefusesMisnumberedMigrations) {
  FakeDataRoot root;
  root.AddMigration(Numbered(RealLatest() + 2, "gap.sql"), "CREATE TABLE gap (x);");
  testing::ScopedEnv env("GEOKG_DATA", root.dir.path().string());
  EXPECT_EQ(LatestSchemaVersion(), 0);
  TempDir tmp;
  std::unique_ptr<Store> store;
  Status st = Store::Open(tmp.File("kg.db"), {}, &store);
  EXPECT_EQ(st.code(), Status::Code::kCorruption);
  EXPECT_NE(st.message().find("without gaps or duplicates"), std::string::npos) << st.message();
}

TEST(StoreTest, InMemoryDatabaseWorks) {
  auto store = OpenOrDie(":memory:");
  ASSERT_TRUE(store);
  AddStats stats;
  ASSERT_TRUE(store->AddDocument(FixtureDocuments()[0], "h0", &stats).ok());
  EXPECT_EQ(Count(store.get(), "evidence"), 5);
}

}  // namespace
}  // namespace geokg
