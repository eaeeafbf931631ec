#include "geokg/store/store.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "geokg/common/text.h"
#include "geokg/ontology.h"
#include "geokg/store/bulk.h"
#include "geokg/store/interner.h"
#include "geokg/store/sqlite.h"
#include "edge_table.h"
#include "migrations.h"

namespace geokg {
namespace {

constexpr const char* kFindArticle = "SELECT 1 FROM articles WHERE content_hash = ?1";

constexpr const char* kInsertArticle =
    "INSERT INTO articles (ext_id, content_hash, lang, date, title, url, source, origin) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

constexpr const char* kFindEntity =
    "SELECT id, type = 'UNKNOWN', country IS NULL FROM entities WHERE key = ?1";

constexpr const char* kInsertEntity =
    "INSERT INTO entities (key, name, type, country) VALUES (?1, ?2, ?3, ?4)";

// A later article may know what an earlier one did not: the type or the country.
constexpr const char* kRefineEntity =
    "UPDATE entities SET type = CASE WHEN type = 'UNKNOWN' THEN ?2 ELSE type END, "
    "country = coalesce(country, ?3) WHERE id = ?1";

constexpr const char* kInsertAlias =
    "INSERT OR IGNORE INTO aliases (entity_id, alias, fold) VALUES (?1, ?2, ?3)";

// The rank of a stored modality name (the modalities table's, without reading it).
#define GEOKG_MODALITY_RANK(col)                                           \
  "(CASE " col                                                             \
  " WHEN 'asserted' THEN 0 WHEN 'reported' THEN 1 WHEN 'intended' THEN 2 " \
  "WHEN 'possible' THEN 3 ELSE 4 END)"

// An edge the cache does not know is looked up by its key, then inserted or updated (two
// plain statements: an upsert with RETURNING runs as a trigger, with a statement journal
// that copies every page it changes).
constexpr const char* kFindRelation =
    "SELECT id FROM relations WHERE subject_id = ?1 AND type = ?2 AND object_id = ?3 AND "
    "negated = ?4";

constexpr const char* kInsertRelation =
    "INSERT INTO relations (subject_id, object_id, type, negated, cameo, evidence_count, "
    "                       first_date, last_date, modality) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

// Folds an article's evidence for the edge ?1 (?6 rows, dates ?7 to ?8, the strongest
// modality ?9 of rank ?10) into its aggregates.
constexpr const char* kUpdateRelation =
    "UPDATE relations SET "
    "  evidence_count = evidence_count + ?6, "
    "  cameo = coalesce(cameo, ?5), "
    "  first_date = CASE WHEN first_date IS NULL OR ?7 < first_date THEN ?7 ELSE first_date END, "
    "  last_date = CASE WHEN last_date IS NULL OR ?8 > last_date THEN ?8 ELSE last_date END, "
    "  modality = CASE WHEN ?10 < " GEOKG_MODALITY_RANK("modality") " THEN ?9 ELSE modality END "
    "WHERE id = ?1";

#undef GEOKG_MODALITY_RANK

constexpr const char* kInsertSentence =
    "INSERT INTO sentences (article_id, sentence_index, char_begin, char_end, text) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";

constexpr const char* kInsertEvidence =
    "INSERT INTO evidence (relation_id, article_id, sentence_id, date, modality, cameo, mode, "
    "  role, trigger, subject_mention, object_mention, confidence) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

// Keys of actors that exist within one article only (src/ingest/mentions.cc makes them).
bool IsArticleScoped(std::string_view key) { return key.rfind("generic:", 0) == 0; }

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

// An edge's identity: (subject id, object id, type, negated).
struct RelationKey {
  int64_t subject = 0;
  int64_t object = 0;
  RelationType type = RelationType::kConsult;
  bool negated = false;
  bool operator==(const RelationKey& o) const {
    return subject == o.subject && object == o.object && type == o.type && negated == o.negated;
  }
};

struct RelationKeyHash {
  size_t operator()(const RelationKey& k) const {
    uint64_t h = static_cast<uint64_t>(k.subject) * 0x9E3779B97F4A7C15ULL;
    h ^= (static_cast<uint64_t>(k.object) + (static_cast<uint64_t>(k.type) << 1 | k.negated)) *
         0xBF58476D1CE4E5B9ULL;
    return static_cast<size_t>(h ^ (h >> 31));
  }
};

// What this connection knows to be stored: ids of actors and edges, and aliases, so that an
// actor or an edge seen again costs no lookup and an alias seen again no write. Rows are
// never deleted, so what a committed transaction wrote stays true whatever other
// connections write; but the ids of rolled-back rows are given out again, so everything is
// forgotten when a document or a batch rolls back (rare: a document that fails). Forgotten
// too when it grows past kMaxEntries (memory stays bounded on any archive; a forgotten
// entry only costs a lookup). Flat tables (Interner, EdgeTable), no node per entry.
class StoredCache {
 public:
  static constexpr size_t kMaxEntries = size_t{1} << 20;  // about 40 MB

  struct EntityInfo {
    int64_t id = 0;
    bool type_known = false;     // the stored type is not UNKNOWN
    bool country_known = false;  // the stored country is not NULL
  };

  // The entry of `key`, or null.
  EntityInfo* FindEntity(std::string_view key) {
    uint32_t i = 0;
    return entity_keys_.Find(key, &i) ? &entities_[i] : nullptr;
  }
  void PutEntity(std::string_view key, const EntityInfo& info) {
    bool added = false;
    const uint32_t i = entity_keys_.Intern(key, &added);
    if (added) entities_.push_back(info);
    entities_[i] = info;
  }
  // True when (entity, alias) was already recorded; records it otherwise.
  bool SeenAlias(int64_t entity, std::string_view alias) {
    scratch_.assign(reinterpret_cast<const char*>(&entity), sizeof(entity));
    scratch_.append(alias);
    bool added = false;
    aliases_.Intern(scratch_, &added);
    return !added;
  }
  // The edge's relations.id, or 0.
  int64_t FindRelation(const RelationKey& k) const {
    const EdgeTable::Entry* e = relations_.Find(k.subject, k.object, k.type, k.negated);
    return e == nullptr ? 0 : e->id;
  }
  void PutRelation(const RelationKey& k, int64_t id) {
    EdgeTable::Entry& e = relations_[relations_.Intern(k.subject, k.object, k.type, k.negated)];
    if (e.id == 0) e.id = id;
  }

  void Clear() {
    entity_keys_ = Interner();
    entities_ = std::vector<EntityInfo>();
    aliases_ = Interner();
    relations_ = EdgeTable();
  }
  // Bounds memory; call between transactions only.
  void Trim() {
    if (entities_.size() + aliases_.size() + relations_.size() > kMaxEntries) Clear();
  }

 private:
  Interner entity_keys_;
  std::vector<EntityInfo> entities_;  // by entity_keys_ index
  Interner aliases_;                  // entity id bytes + alias
  std::string scratch_;
  EdgeTable relations_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(DbHandle db, int version) : db_(std::move(db)), version_(version) {}
  ~SqliteStore() override {
    if (in_batch_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  }

  Status PrepareAll() {
    const std::pair<Statement*, const char*> all[] = {
        {&find_article_, kFindArticle},
        {&insert_article_, kInsertArticle},
        {&find_entity_, kFindEntity},
        {&insert_entity_, kInsertEntity},
        {&refine_entity_, kRefineEntity},
        {&insert_alias_, kInsertAlias},
        {&find_relation_, kFindRelation},
        {&insert_relation_, kInsertRelation},
        {&update_relation_, kUpdateRelation},
        {&insert_sentence_, kInsertSentence},
        {&insert_evidence_, kInsertEvidence},
    };
    for (const auto& [stmt, sql] : all)
      GEOKG_RETURN_IF_ERROR(Statement::Prepare(db_.get(), sql, stmt));
    return Status::Ok();
  }

  Status HasArticle(std::string_view content_hash, bool* present) override {
    find_article_.Reset();
    find_article_.BindText(1, content_hash);
    Status st = find_article_.Step(present);
    find_article_.Reset();
    return st;
  }

  Status AddDocument(const Document& doc, std::string_view content_hash, AddStats* stats) override;
  Status BeginBatch() override;
  Status CommitBatch() override;

  int SchemaVersion() const override { return version_; }
  sqlite3* Handle() override { return db_.get(); }

 private:
  Status WriteDocument(const Document& doc, std::string_view content_hash, AddStats* stats);
  Status AddEntity(const Entity& e, int64_t* id, bool* added);
  Status AddAlias(int64_t entity_id, std::string_view alias);
  Status RestartBatch();

  // Declared first so that it is destroyed last, after the statements.
  DbHandle db_;
  int version_;
  Statement find_article_, insert_article_, find_entity_, insert_entity_, refine_entity_,
      insert_alias_, find_relation_, insert_relation_, update_relation_, insert_sentence_, insert_evidence_;
  StoredCache cache_;
  bool in_batch_ = false;
  // The documents written in the batch so far, to be written again when a later one fails
  // halfway (AddDocument's contract keeps them alive until CommitBatch).
  std::vector<std::pair<const Document*, std::string>> batch_docs_;
  bool memory_journals_ = false;  // temp_store = MEMORY set
  // Per document, reused: the distinct edges of its triples and each triple's edge.
  struct EdgeAgg {
    RelationKey key;
    int64_t id = 0;
    int64_t count = 0;
    std::string_view first, last, cameo;
    Modality modality = Modality::kConditional;
  };
  std::vector<EdgeAgg> edges_;
  std::vector<uint32_t> edge_of_triple_;
  std::vector<std::string_view> pronouns_;  // of the document
  // sentences.id of each (sentence index, begin, end) stored for the document.
  std::map<std::tuple<int, uint32_t, uint32_t>, int64_t> sentence_ids_;
  std::unordered_map<RelationKey, uint32_t, RelationKeyHash> edge_index_;
};

Status SqliteStore::AddAlias(int64_t entity_id, std::string_view alias) {
  std::string_view trimmed = Trim(alias);
  if (trimmed.empty() || cache_.SeenAlias(entity_id, trimmed)) return Status::Ok();
  std::string fold = FoldName(trimmed);
  if (fold.empty()) return Status::Ok();
  insert_alias_.Reset();
  insert_alias_.BindInt(1, entity_id);
  insert_alias_.BindText(2, trimmed);
  insert_alias_.BindText(3, fold);
  return insert_alias_.Run();
}

Status SqliteStore::AddEntity(const Entity& e, int64_t* id, bool* added) {
  GEOKG_ASSERT(!e.key.empty());
  const std::string_view type = EntityTypeName(e.type);
  const bool know_type = e.type != EntityType::kUnknown;
  const bool know_country = !e.country.empty();
  StoredCache::EntityInfo info;
  if (const StoredCache::EntityInfo* cached = cache_.FindEntity(e.key)) {
    info = *cached;
    *added = false;
  } else {
    find_entity_.Reset();
    find_entity_.BindText(1, e.key);
    bool found = false;
    GEOKG_RETURN_IF_ERROR(find_entity_.Step(&found));
    *added = !found;
    if (found) {
      info.id = find_entity_.ColumnInt(0);
      info.type_known = find_entity_.ColumnInt(1) == 0;
      info.country_known = find_entity_.ColumnInt(2) == 0;
      find_entity_.Reset();
    } else {
      insert_entity_.Reset();
      insert_entity_.BindText(1, e.key);
      insert_entity_.BindText(2, e.name.empty() ? e.key : e.name);
      insert_entity_.BindText(3, type);
      insert_entity_.BindTextOrNull(4, e.country);
      GEOKG_RETURN_IF_ERROR(insert_entity_.Run());
      info.id = sqlite3_last_insert_rowid(db_.get());
      info.type_known = know_type;
      info.country_known = know_country;
    }
    cache_.PutEntity(e.key, info);
  }
  if ((know_type && !info.type_known) || (know_country && !info.country_known)) {
    refine_entity_.Reset();
    refine_entity_.BindInt(1, info.id);
    refine_entity_.BindText(2, type);
    refine_entity_.BindTextOrNull(3, e.country);
    GEOKG_RETURN_IF_ERROR(refine_entity_.Run());
    info.type_known |= know_type;
    info.country_known |= know_country;
    cache_.PutEntity(e.key, info);
  }
  *id = info.id;
  GEOKG_RETURN_IF_ERROR(AddAlias(*id, e.name));
  for (const std::string& alias : e.aliases) GEOKG_RETURN_IF_ERROR(AddAlias(*id, alias));
  return Status::Ok();
}

Status SqliteStore::BeginBatch() {
  GEOKG_ASSERT(!in_batch_);
  cache_.Trim();
  if (!memory_journals_) {
    // Statement journals (and the batch's rollback, when a document fails) stay in memory.
    GEOKG_RETURN_IF_ERROR(ExecSql(db_.get(), "PRAGMA temp_store = MEMORY"));
    memory_journals_ = true;
  }
  // Every id the batch writes comes from this connection's own rows (or its cache of
  // them, forgotten on any rollback): the foreign-key checks would find nothing, but they
  // cost a lookup per reference and make each INSERT keep a statement journal, a copy of
  // every page it changes. Off for the batch (the pragma cannot change inside a
  // transaction), on again after it.
  GEOKG_RETURN_IF_ERROR(ExecSql(db_.get(), "PRAGMA foreign_keys = OFF"));
  Status st = ExecSql(db_.get(), "BEGIN IMMEDIATE");
  if (!st.ok()) {
    ExecSql(db_.get(), "PRAGMA foreign_keys = ON").ok();
    return st;
  }
  batch_docs_.clear();
  in_batch_ = true;
  return Status::Ok();
}

Status SqliteStore::CommitBatch() {
  GEOKG_ASSERT(in_batch_);
  in_batch_ = false;
  batch_docs_.clear();
  Status st;
  if (sqlite3_get_autocommit(db_.get()) != 0) {
    // A failure inside the batch (SQLITE_FULL, SQLITE_IOERR ...) rolled it all back.
    st = Status::IoError("the batch was rolled back by an earlier failure");
  } else {
    st = ExecSql(db_.get(), "COMMIT");
  }
  if (!st.ok()) {
    if (sqlite3_get_autocommit(db_.get()) == 0)
      sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    cache_.Clear();
  }
  const Status fk = ExecSql(db_.get(), "PRAGMA foreign_keys = ON");
  return st.ok() ? fk : st;
}

// A document failed halfway through a batch: the batch is rolled back and its earlier
// documents, which went in before, are written again (the same writes in the same order,
// so the same ids). Rare; a per-document savepoint instead cost a copy of every page each
// document changed. When the failure already ended the transaction (SQLITE_FULL ...), the
// batch is lost and CommitBatch fails.
Status SqliteStore::RestartBatch() {
  sqlite3* db = db_.get();
  cache_.Clear();
  if (sqlite3_get_autocommit(db) != 0) return Status::Ok();
  sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  Status st = ExecSql(db, "BEGIN IMMEDIATE");
  for (size_t i = 0; st.ok() && i < batch_docs_.size(); ++i) {
    st = WriteDocument(*batch_docs_[i].first, batch_docs_[i].second, nullptr);
  }
  if (!st.ok()) {
    cache_.Clear();
    if (sqlite3_get_autocommit(db) == 0) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  return st;
}

Status SqliteStore::AddDocument(const Document& doc, std::string_view content_hash,
                                AddStats* stats) {
  sqlite3* db = db_.get();
  if (!in_batch_) {
    cache_.Trim();
    Transaction txn(db);
    GEOKG_RETURN_IF_ERROR(txn.Begin());
    Status st;
    try {
      st = WriteDocument(doc, content_hash, stats);
      if (st.ok()) st = txn.Commit();
    } catch (...) {
      cache_.Clear();
      throw;
    }
    if (!st.ok()) cache_.Clear();  // the transaction is rolled back by txn
    return st;
  }
  if (sqlite3_get_autocommit(db) != 0) {
    return Status::IoError("the batch was rolled back by an earlier failure");
  }
  const int64_t changes = sqlite3_total_changes64(db);
  Status st;
  try {
    st = WriteDocument(doc, content_hash, stats);
  } catch (...) {
    // Nothing written (a refusal before the first write) needs no undoing.
    if (sqlite3_total_changes64(db) != changes) RestartBatch().ok();
    throw;
  }
  if (st.ok()) {
    batch_docs_.emplace_back(&doc, std::string(content_hash));
  } else if (sqlite3_total_changes64(db) != changes) {
    // The restart's own failure (an I/O error ...) is the one that matters to the caller.
    Status restart = RestartBatch();
    if (!restart.ok()) return restart;
  }
  return st;
}

Status SqliteStore::WriteDocument(const Document& doc, std::string_view content_hash,
                                  AddStats* stats) {
  AddStats local;
  const Article& a = doc.article;
  bool present = false;
  GEOKG_RETURN_IF_ERROR(HasArticle(content_hash, &present));
  if (present) {
    return Status::AlreadyExists("article " + a.id + " is already stored (same content)");
  }

  insert_article_.Reset();
  insert_article_.BindText(1, a.id);
  insert_article_.BindText(2, content_hash);
  insert_article_.BindTextOrNull(3, doc.lang.empty() ? a.lang : doc.lang);
  insert_article_.BindTextOrNull(4, doc.date.empty() ? a.date : doc.date);
  insert_article_.BindTextOrNull(5, a.title);
  insert_article_.BindTextOrNull(6, a.url);
  insert_article_.BindTextOrNull(7, a.source);
  insert_article_.BindTextOrNull(8, a.origin);
  GEOKG_RETURN_IF_ERROR(insert_article_.Run());
  local.article_id = sqlite3_last_insert_rowid(db_.get());

  // An actor that stands for someone in this article only (a common noun such as "les
  // manifestants" or "the city", keyed "generic:<article id>:...") is stored when a triple
  // of the article involves it: alone it tells nothing, and every article would add its
  // own "pays" or "responsables" to the actors and their names (on the ingest bench's
  // corpus, 38% of the actors and 32% of the aliases).
  std::vector<char> in_triple(doc.entities.size(), 0);
  for (const Triple& t : doc.triples) {
    if (t.subject >= 0 && static_cast<size_t>(t.subject) < in_triple.size())
      in_triple[t.subject] = 1;
    if (t.object >= 0 && static_cast<size_t>(t.object) < in_triple.size()) in_triple[t.object] = 1;
  }
  std::vector<int64_t> entity_ids(doc.entities.size());
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    if (!in_triple[i] && IsArticleScoped(doc.entities[i].key)) continue;
    bool added = false;
    GEOKG_RETURN_IF_ERROR(AddEntity(doc.entities[i], &entity_ids[i], &added));
    if (added) ++local.entities_added;
  }

  // Pronouns and role nouns ("il", "le ministre") name nobody in particular: they are not
  // kept as aliases even when a triple gives them as its mention.
  // (A text is a pronoun when some mention of it is one and none is a name; the pronoun
  // texts of a document are few.)
  pronouns_.clear();
  for (const Mention& m : doc.mentions)
    if (m.pronoun && std::find(pronouns_.begin(), pronouns_.end(), m.text) == pronouns_.end())
      pronouns_.push_back(m.text);
  for (const Mention& m : doc.mentions) {
    if (m.pronoun || pronouns_.empty()) continue;
    auto it = std::find(pronouns_.begin(), pronouns_.end(), m.text);
    if (it != pronouns_.end()) pronouns_.erase(it);
  }
  auto is_pronoun = [&](std::string_view s) {
    return std::find(pronouns_.begin(), pronouns_.end(), s) != pronouns_.end();
  };

  // The document's edges, each with the aggregates of its triples here: one write per edge.
  const int n_entities = static_cast<int>(doc.entities.size());
  const std::string& text = a.text;
  const std::string& article_date = doc.date.empty() ? a.date : doc.date;
  edges_.clear();
  edge_index_.clear();
  edge_of_triple_.clear();
  for (const Triple& t : doc.triples) {
    GEOKG_ASSERT(t.subject >= 0 && t.subject < n_entities);
    GEOKG_ASSERT(t.object >= 0 && t.object < n_entities);
    GEOKG_ASSERT(t.begin <= t.end && t.end <= text.size());
    GEOKG_ASSERT(t.relation < RelationType::kCount);
    GEOKG_ASSERT(std::isfinite(t.confidence));
    const RelationKey key{entity_ids[static_cast<size_t>(t.subject)],
                          entity_ids[static_cast<size_t>(t.object)], t.relation, t.negated};
    const std::string_view date = t.date.empty() ? article_date : t.date;
    auto [it, added] = edge_index_.emplace(key, static_cast<uint32_t>(edges_.size()));
    edge_of_triple_.push_back(it->second);
    if (added) {
      edges_.push_back({key, 0, 1, date, date, t.cameo, t.modality});
      continue;
    }
    EdgeAgg& e = edges_[it->second];
    ++e.count;
    if (!date.empty() && (e.first.empty() || date < e.first)) e.first = date;
    if (!date.empty() && (e.last.empty() || date > e.last)) e.last = date;
    if (e.cameo.empty()) e.cameo = t.cameo;
    e.modality = std::min(e.modality, t.modality);
  }
  for (EdgeAgg& e : edges_) {
    e.id = cache_.FindRelation(e.key);
    if (e.id == 0) {
      find_relation_.Reset();
      find_relation_.BindInt(1, e.key.subject);
      find_relation_.BindText(2, Relation(e.key.type).name);
      find_relation_.BindInt(3, e.key.object);
      find_relation_.BindInt(4, e.key.negated ? 1 : 0);
      bool found = false;
      GEOKG_RETURN_IF_ERROR(find_relation_.Step(&found));
      if (found) e.id = find_relation_.ColumnInt(0);
      find_relation_.Reset();
    }
    Statement& st = e.id != 0 ? update_relation_ : insert_relation_;
    st.Reset();
    if (e.id != 0) {
      st.BindInt(1, e.id);
    } else {
      st.BindInt(1, e.key.subject);
      st.BindInt(2, e.key.object);
      st.BindText(3, Relation(e.key.type).name);
      st.BindInt(4, e.key.negated ? 1 : 0);
    }
    st.BindTextOrNull(5, e.cameo);
    st.BindInt(6, e.count);
    st.BindTextOrNull(7, e.first);
    st.BindTextOrNull(8, e.last);
    st.BindText(9, ModalityName(e.modality));
    if (e.id != 0) st.BindInt(10, static_cast<int64_t>(e.modality));
    GEOKG_RETURN_IF_ERROR(st.Run());
    if (e.id == 0) {
      e.id = sqlite3_last_insert_rowid(db_.get());
      ++local.relations_added;
    }
    cache_.PutRelation(e.key, e.id);
  }

  // Each sentence once, however many triples it states.
  sentence_ids_.clear();
  for (size_t i = 0; i < doc.triples.size(); ++i) {
    const Triple& t = doc.triples[i];
    const EdgeAgg& e = edges_[edge_of_triple_[i]];
    const std::string_view date = t.date.empty() ? article_date : t.date;
    auto [sentence, added] = sentence_ids_.emplace(std::make_tuple(t.sentence, t.begin, t.end), 0);
    if (added) {
      insert_sentence_.Reset();
      insert_sentence_.BindInt(1, local.article_id);
      insert_sentence_.BindInt(2, t.sentence);
      insert_sentence_.BindInt(3, t.begin);
      insert_sentence_.BindInt(4, t.end);
      insert_sentence_.BindText(5, std::string_view(text).substr(t.begin, t.end - t.begin));
      GEOKG_RETURN_IF_ERROR(insert_sentence_.Run());
      sentence->second = sqlite3_last_insert_rowid(db_.get());
    }
    insert_evidence_.Reset();
    insert_evidence_.BindInt(1, e.id);
    insert_evidence_.BindInt(2, local.article_id);
    insert_evidence_.BindInt(3, sentence->second);
    insert_evidence_.BindTextOrNullNoCopy(4, date);
    insert_evidence_.BindTextOrNullNoCopy(5, ModalityName(t.modality));
    insert_evidence_.BindTextOrNullNoCopy(6, t.cameo);
    insert_evidence_.BindTextOrNullNoCopy(7, t.mode);
    insert_evidence_.BindTextOrNullNoCopy(8, t.role);
    insert_evidence_.BindTextOrNullNoCopy(9, t.trigger);
    insert_evidence_.BindTextOrNullNoCopy(10, t.subject_mention);
    insert_evidence_.BindTextOrNullNoCopy(11, t.object_mention);
    insert_evidence_.BindDouble(12, static_cast<double>(t.confidence));
    GEOKG_RETURN_IF_ERROR(insert_evidence_.Run());
    ++local.evidence_added;

    if (!is_pronoun(t.subject_mention))
      GEOKG_RETURN_IF_ERROR(AddAlias(e.key.subject, t.subject_mention));
    if (!is_pronoun(t.object_mention))
      GEOKG_RETURN_IF_ERROR(AddAlias(e.key.object, t.object_mention));
  }

  if (stats != nullptr) *stats = local;
  return Status::Ok();
}

Status OpenHandle(const std::string& path, int flags, const StoreOptions& options, DbHandle* out) {
  // SQLite counts every allocation under a global mutex unless told not to (we never read
  // the counts): a lock and an unlock per malloc, on every thread. Only possible before
  // SQLite initialises; later calls are refused, harmlessly.
  static const bool kNoMemoryStatistics = [] {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  }();
  (void)kNoMemoryStatistics;
  sqlite3* raw = nullptr;
  // NOMUTEX: a Store is used by one thread at a time, so SQLite's own locking per call is
  // pure cost.
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle db(raw);
  if (rc != SQLITE_OK) {
    if (raw == nullptr) return Status::IoError(path + ": cannot open: out of memory");
    return SqliteStatus(raw, rc, path + ": cannot open");
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  *out = std::move(db);
  return Status::Ok();
}

// A read-only store still opens the file for writing when it can, with writes refused by
// query_only: a connection that cannot write leaves the -wal and -shm files behind it when
// it closes. A file it may not write is opened read-only proper.
//
// A WAL database in a folder the user may not write (read-only media, another user's
// files) cannot be read that way: SQLite must create the -shm file next to it. When no
// -wal file holds writes of its own (no writer at work, the last one closed cleanly), the
// file alone is the whole database, and it is opened with immutable=1: no locks, no -shm.
// The price: a writer (the folder's owner) that starts during that read is not waited for.
// With a -wal, the error says what to do.
Status OpenReadOnly(const std::string& path, const StoreOptions& options, DbHandle* out) {
  // READWRITE falls back to reading only when the file may not be written.
  if (!OpenHandle(path, SQLITE_OPEN_READWRITE, options, out).ok()) {
    GEOKG_RETURN_IF_ERROR(OpenHandle(path, SQLITE_OPEN_READONLY, options, out));
  }
  const int rc = sqlite3_exec(out->get(), "SELECT 1 FROM sqlite_master LIMIT 1", nullptr,
                              nullptr, nullptr);
  const int primary = rc & 0xFF;
  if (path == ":memory:" || (primary != SQLITE_READONLY && primary != SQLITE_CANTOPEN)) {
    // Readable, or an error that Migrate reports precisely.
    return ExecSql(out->get(), "PRAGMA query_only = ON").WithContext(path);
  }
  std::error_code ec;
  const uintmax_t wal = std::filesystem::file_size(path + "-wal", ec);
  if (!ec && wal > 0) {
    return Status::IoError(path +
                           ": cannot read: the folder is read-only and the -wal file next to "
                           "the database holds writes that need a -shm file; open it once "
                           "where it can be written, or copy both files to such a folder");
  }
  // A URI names the file: '%', '?' and '#' are escaped; an absolute path keeps "file:"
  // from reading a leading "//" as a host.
  std::string uri = "file://";
  for (char c : std::filesystem::absolute(path, ec).string()) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[static_cast<unsigned char>(c) >> 4];
      uri += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      uri += c;
    }
  }
  if (ec) return Status::IoError(path + ": cannot open: " + ec.message());
  uri += "?immutable=1";
  return OpenHandle(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, options, out);
}

}  // namespace

int LatestSchemaVersion() {
  std::string dir = SchemaDir();
  std::vector<Migration> migrations;
  if (dir.empty() || !ListMigrations(dir, &migrations).ok()) return 0;
  return migrations.back().version;
}

Status Store::Open(const std::string& path, const StoreOptions& options,
                   std::unique_ptr<Store>* out) {
  if (path.empty()) return Status::InvalidInput("empty database path");
  std::error_code ec;
  if (options.read_only && path != ":memory:" && !std::filesystem::exists(path, ec)) {
    return Status::NotFound(path + ": no such database");
  }
  const std::string dir = SchemaDir();
  if (dir.empty()) {
    return Status::IoError(
        "cannot find geokg's schema/ folder (set GEOKG_DATA to the folder "
        "that holds data/ and schema/)");
  }
  std::vector<Migration> migrations;
  GEOKG_RETURN_IF_ERROR(ListMigrations(dir, &migrations));

  DbHandle db;
  if (options.read_only) {
    GEOKG_RETURN_IF_ERROR(OpenReadOnly(path, options, &db));
  } else {
    GEOKG_RETURN_IF_ERROR(
        OpenHandle(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, options, &db));
  }
  // Migrate first checks whose file this is (reading only): a file that is not SQLite, or
  // another application's database, is refused before anything is written to it.
  // A new database gets 8 KB pages (fewer B-tree levels and splits for the evidence rows;
  // ~10% faster bulk loads). Only takes effect before the first table is written.
  // Best effort: the pragma writes nothing, and on a file that is not a database Migrate
  // below says so precisely.
  if (!options.read_only) ExecSql(db.get(), "PRAGMA page_size = 8192").ok();
  int version = 0;
  // Runs `step` again every 20 ms while `again` holds of its status, up to the busy timeout.
  auto retry = [&](auto step, auto again) {
    Status st = step();
    for (int waited = 0; again(st) && waited < options.busy_timeout_ms; waited += 20) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      st = step();
    }
    return st;
  };
  // An empty database is most often one that `geokg ingest` is creating right now: its
  // schema appears when that process commits, in milliseconds. A reader waits for it as it
  // would for a lock, then says the file is empty.
  GEOKG_RETURN_IF_ERROR(
      retry([&] { return Migrate(db.get(), path, migrations, options.read_only, &version); },
            [&](const Status& st) { return st.IsNotFound() && path != ":memory:"; }));
  // WAL needs write access and cannot change inside a transaction: set it once migrated.
  if (!options.read_only) {
    // Two processes switching a new file to WAL at once: SQLite may answer SQLITE_BUSY
    // without calling the busy handler (it avoids a deadlock), so wait here as it would.
    Status st = retry([&] { return ExecSql(db.get(), "PRAGMA journal_mode = WAL"); },
                      [](const Status& st) { return st.code() == Status::Code::kBusy; });
    GEOKG_RETURN_IF_ERROR(st.WithContext(path));
  }
  GEOKG_RETURN_IF_ERROR(ExecSql(db.get(), "PRAGMA foreign_keys = ON").WithContext(path));
  if (!options.read_only) {
    GEOKG_RETURN_IF_ERROR(ExecSql(db.get(), "PRAGMA synchronous = NORMAL").WithContext(path));
    // Debian builds SQLite with SECURE_DELETE: every cell an update or a page split frees
    // is overwritten with zeros, so that deleted data cannot be read back. geokg deletes
    // nothing, and the zeroing cost a fifth of the store's time in an ingest (relations'
    // aggregates are rewritten in place).
    GEOKG_RETURN_IF_ERROR(ExecSql(db.get(), "PRAGMA secure_delete = OFF").WithContext(path));
    // A bulk load that did not finish may have left indexes dropped.
    GEOKG_RETURN_IF_ERROR(EnsureIndexes(db.get()).WithContext(path));
  }
  auto store = std::make_unique<SqliteStore>(std::move(db), version);
  GEOKG_RETURN_IF_ERROR(store->PrepareAll().WithContext(path));
  *out = std::move(store);
  return Status::Ok();
}

}  // namespace geokg
