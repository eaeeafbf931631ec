// The bulk writer: interning on the caller's thread, batched transactions on a second one.
#include "geokg/store/bulk.h"

#include <sqlite3.h>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

#include "geokg/common/text.h"
#include "geokg/ontology.h"
#include "geokg/store/interner.h"
#include "geokg/store/sqlite.h"
#include "edge_table.h"

namespace geokg {
namespace {

// The secondary indexes of the schema (schema/*.sql create the same ones). `bulk`: dropped
// during a bulk load into an empty database (relations_key only then: merging into stored
// relations needs it), built again at its end. The others are read while loading.
struct SecondaryIndex {
  const char* name;
  const char* sql;
  bool bulk;
};

constexpr SecondaryIndex kIndexes[] = {
    {"articles_ext_id", "CREATE INDEX IF NOT EXISTS articles_ext_id ON articles (ext_id)", false},
    // Dropped too, and built again at once if the load looks an actor up by name.
    {"aliases_fold", "CREATE INDEX IF NOT EXISTS aliases_fold ON aliases (fold)", true},
    {"relations_key",
     "CREATE UNIQUE INDEX IF NOT EXISTS relations_key "
     "ON relations (subject_id, type, object_id, negated)",
     true},
    {"relations_object", "CREATE INDEX IF NOT EXISTS relations_object ON relations (object_id)",
     true},
    {"evidence_relation", "CREATE INDEX IF NOT EXISTS evidence_relation ON evidence (relation_id)",
     true},
    {"evidence_article", "CREATE INDEX IF NOT EXISTS evidence_article ON evidence (article_id)",
     true},
    {"evidence_date",
     "CREATE INDEX IF NOT EXISTS evidence_date ON evidence (date, relation_id, modality)", true},
};

constexpr const char* kFindArticle = "SELECT id FROM articles WHERE content_hash = ?1";
constexpr const char* kInsertArticle =
    "INSERT INTO articles (ext_id, content_hash, lang, date, origin) VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* kInsertArticleWithId =
    "INSERT INTO articles (id, ext_id, content_hash, lang, date, origin) "
    "VALUES (?6, ?1, ?2, ?3, ?4, ?5)";
constexpr const char* kInsertEntityWithId =
    "INSERT INTO entities (id, key, name, type, country) VALUES (?5, ?1, ?2, ?3, ?4)";
constexpr const char* kInsertRelationWithId =
    "INSERT INTO relations (id, subject_id, object_id, type, negated, cameo, evidence_count, "
    "                       first_date, last_date, modality) "
    "VALUES (?10, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr const char* kMaxIds =
    "SELECT coalesce((SELECT max(id) FROM articles), 0), "
    "       coalesce((SELECT max(id) FROM entities), 0), "
    "       coalesce((SELECT max(id) FROM relations), 0)";

constexpr const char* kFindEntity = "SELECT id, type, country FROM entities WHERE key = ?1";
constexpr const char* kInsertEntity =
    "INSERT INTO entities (key, name, type, country) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kRefineEntity =
    "UPDATE entities SET type = CASE WHEN type = 'UNKNOWN' THEN ?2 ELSE type END, "
    "country = coalesce(country, ?3) WHERE id = ?1";
constexpr const char* kFindByFold =
    "SELECT DISTINCT e.id, e.type FROM aliases a JOIN entities e ON e.id = a.entity_id "
    "WHERE a.fold = ?1";
constexpr const char* kInsertAlias =
    "INSERT OR IGNORE INTO aliases (entity_id, alias, fold) VALUES (?1, ?2, ?3)";

// ?5 cameo, ?6 count, ?7 first date, ?8 last date, ?9 modality.
constexpr const char* kUpsertRelation =
    "INSERT INTO relations (subject_id, object_id, type, negated, cameo, evidence_count, "
    "                       first_date, last_date, modality) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT (subject_id, type, object_id, negated) DO UPDATE SET "
    "  evidence_count = evidence_count + excluded.evidence_count, "
    "  cameo = coalesce(cameo, excluded.cameo), "
    "  first_date = CASE WHEN first_date IS NULL OR excluded.first_date < first_date "
    "                    THEN excluded.first_date ELSE first_date END, "
    "  last_date = CASE WHEN last_date IS NULL OR excluded.last_date > last_date "
    "                   THEN excluded.last_date ELSE last_date END, "
    "  modality = CASE WHEN (SELECT rank FROM modalities WHERE name = excluded.modality) < "
    "                       (SELECT rank FROM modalities WHERE name = relations.modality) "
    "                  THEN excluded.modality ELSE modality END "
    "RETURNING id, evidence_count";

// The same for a relation whose id is known: ?1 id, then as above.
constexpr const char* kUpdateRelation =
    "UPDATE relations SET "
    "  evidence_count = evidence_count + ?6, "
    "  cameo = coalesce(cameo, ?5), "
    "  first_date = CASE WHEN first_date IS NULL OR ?7 < first_date THEN ?7 ELSE first_date END, "
    "  last_date = CASE WHEN last_date IS NULL OR ?8 > last_date THEN ?8 ELSE last_date END, "
    "  modality = CASE WHEN (SELECT rank FROM modalities WHERE name = ?9) < "
    "                       (SELECT rank FROM modalities WHERE name = relations.modality) "
    "                  THEN ?9 ELSE modality END "
    "WHERE id = ?1";

constexpr const char* kInsertSentence =
    "INSERT INTO sentences (article_id, sentence_index, char_begin, char_end, text) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";

constexpr const char* kInsertEvidence =
    "INSERT INTO evidence (relation_id, article_id, sentence_id, date, modality, cameo, mode, "
    "  role, trigger, subject_mention, object_mention, confidence) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";

bool ValidDate(std::string_view s) {
  if (s.empty()) return true;
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return false;
  }
  auto two = [&](size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  if (s.size() >= 7 && (two(5) < 1 || two(5) > 12)) return false;
  if (s.size() == 10 && (two(8) < 1 || two(8) > 31)) return false;
  return true;
}

// Whether a mention is a name worth keeping as an alias: not a pronoun, and with a capital
// letter somewhere ("le ministre", "rebels" are descriptions, not names).
bool NameLike(std::string_view mention, std::string_view fold) {
  static constexpr std::string_view kPronouns[] = {
      "il",  "elle", "ils",  "elles", "on",   "lui", "eux", "celui-ci", "celle-ci", "ceux-ci",
      "he",  "she",  "it",   "they",  "him",  "her", "them", "we",      "nous",     "vous",
      "you", "i",    "je",   "this",  "that", "ce",  "cela", "ca",      "ceci"};
  if (fold.empty() || mention.size() > 200) return false;
  for (std::string_view p : kPronouns)
    if (fold == p) return false;
  for (size_t i = 0; i < mention.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(mention[i]);
    if (c >= 'A' && c <= 'Z') return true;
    // Latin-1 capitals (À..Þ but ×) are C3 80..9E in UTF-8.
    if (c == 0xC3 && i + 1 < mention.size()) {
      const unsigned char d = static_cast<unsigned char>(mention[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) return true;
    }
  }
  return false;
}

// "Vladimir Poutine" -> "vladimir-poutine": the folded name with runs of anything but
// letters and digits as one hyphen.
std::string Slug(std::string_view name) {
  const std::string fold = FoldName(name);
  std::string out;
  bool dash = false;
  for (size_t i = 0; i < fold.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(fold[i]);
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (!keep) {
      dash = !out.empty();
      continue;
    }
    if (dash) out.push_back('-');
    dash = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// A string stored in a batch's arena.
struct Ref {
  uint32_t off = 0;
  uint32_t len = 0;
};

// What the caller's thread hands to the writer thread.
struct Batch {
  std::string arena;
  struct NewDoc {
    uint32_t doc;
    Ref ext_id, date, lang;
  };
  struct NewEntity {
    uint32_t entity;
    Ref key, name, country, fold;  // fold: set when the actor is found by name
    EntityType type;
    bool by_name;
  };
  struct Refine {
    uint32_t entity;
    EntityType type;
    Ref country;
  };
  struct NewAlias {
    uint32_t entity;
    Ref alias, fold;
  };
  struct Item {  // a triple or an aggregated relation
    uint32_t doc;  // UINT32_MAX for a relation (the import's article)
    uint32_t subject, object;
    RelationType relation;
    bool negated;
    Modality modality;
    int64_t count;  // 1 for a triple
    Ref cameo, mode, role, first, last, trigger, subject_mention, object_mention;
    uint32_t sentence;  // index into `sentences`
    double confidence;
  };
  struct NewSentence {  // one per distinct sentence of a document in the batch
    uint32_t doc;
    int64_t sentence_index, begin, end;
    Ref text;
  };
  std::vector<NewDoc> docs;
  std::vector<NewEntity> entities;
  std::vector<Refine> refines;
  std::vector<NewAlias> aliases;
  std::vector<Item> items;
  std::vector<NewSentence> sentences;

  Ref Put(std::string_view s) {
    Ref r{static_cast<uint32_t>(arena.size()), static_cast<uint32_t>(s.size())};
    arena.append(s);
    return r;
  }
  std::string_view Get(Ref r) const { return std::string_view(arena).substr(r.off, r.len); }
  void Clear() {
    arena.clear();
    docs.clear();
    entities.clear();
    refines.clear();
    aliases.clear();
    items.clear();
    sentences.clear();
  }
};

constexpr uint32_t kImportDoc = UINT32_MAX;


// CPU time of the whole process, in seconds.
double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

// CPU time of the calling thread, in seconds.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

class SqliteBulkWriter final : public BulkWriter {
 public:
  SqliteBulkWriter(sqlite3* db, BulkOptions options) : db_(db), options_(std::move(options)) {}
  ~SqliteBulkWriter() override { Stop(); }

  Status Start();
  Status AddTriple(const BulkTriple& t) override;
  void Prefetch(const BulkTriple& t, int step) override;
  Status AddRelation(const BulkRelation& r) override;
  Status AddActor(const BulkSide& actor) override;
  Status Finish(BulkStats* stats) override;

 private:
  // ---- caller's thread
  void PrefetchSide(const BulkSide& side, int step);
  Status Side(const BulkSide& side, uint32_t* entity);
  void Alias(uint32_t entity, std::string_view alias, bool is_name);
  uint32_t SentenceOf(uint32_t doc, const BulkTriple& t);
  Status Submit();

  // ---- writer thread
  void Loop();
  Status Write(Batch& b);
  Status WriteBatch(Batch& b);
  Status CheckAlone();
  Status WriteRows(Batch& b);
  Status CommitOpen();
  Status WriteEntities(Batch& b);
  Status ResolveByName(const Batch& b, const Batch::NewEntity& e, int64_t* id);
  // known_new: the key is not in the database (fast mode only): insert without looking.
  Status FindOrInsertEntity(std::string_view key, std::string_view name, EntityType type,
                            std::string_view country, int64_t* id, bool known_new = false);
  Status ImportArticle(int64_t* id);
  void JoinThread();
  void RestorePragmas();
  void Stop();

  sqlite3* db_;
  BulkOptions options_;
  BulkStats stats_;
  bool finished_ = false;

  // Caller's state.
  Interner docs_, entities_, aliases_;
  std::string last_doc_;  // the document of the last triple, and its index
  uint32_t last_doc_index_ = UINT32_MAX;
  std::vector<uint8_t> known_;  // per entity: 1 type known, 2 country known
  std::unique_ptr<Batch> filling_ = std::make_unique<Batch>();
  std::string scratch_;
  std::string prefetch_key_;
  // The sentences of the document being read in this batch: (index, span, text) and
  // (index, span) -> their place in the batch's sentences.
  Interner sentence_keys_, sentence_spans_;
  std::vector<uint32_t> key_sentence_, span_sentence_;
  uint32_t sentence_doc_ = UINT32_MAX;
  size_t sentence_count_ = 0;  // the batch's sentences after the last SentenceOf

  // Handoff.
  std::mutex mu_;
  std::condition_variable cv_;
  std::unique_ptr<Batch> pending_;
  std::unique_ptr<Batch> spare_;
  bool closing_ = false;
  bool writing_ = false;  // the writer thread holds a batch
  Status error_;
  bool failed_ = false;  // error_ is set; read by the caller under mu_
  std::thread thread_;

  // Writer's state.
  Statement find_article_, insert_article_, find_entity_, insert_entity_, refine_entity_,
      find_by_fold_, insert_alias_, upsert_relation_, update_relation_, insert_sentence_,
      insert_evidence_, insert_article_id_, insert_entity_id_, insert_relation_id_, max_ids_;
  // Fast mode: the database had no actor when the load began, so every key this load has
  // not seen yet is new: rows go in with ids counted here, without looking them up, and the
  // relations' unique index is built once at the end. Each batch checks that nobody else
  // wrote meanwhile (else it stops with kBusy: what was loaded stays, a rerun adds the rest).
  bool fast_ = false;
  int64_t last_article_ = 0, last_entity_ = 0, last_relation_ = 0;
  std::vector<int64_t> article_of_;  // per doc: articles.id, -1 skipped, 0 not yet known
  std::vector<int64_t> entity_of_;   // per entity: entities.id
  int64_t import_article_ = 0;       // -1: the source was imported before
  EdgeTable edges_;
  struct Agg {
    uint32_t relation;
    int64_t count;
    std::string_view first, last, cameo;
    int rank;
  };
  std::vector<Agg> touched_;
  std::vector<uint32_t> item_relation_;
  std::vector<int64_t> sentence_id_;  // per sentence of the batch: sentences.id
  std::vector<std::string> dropped_;  // indexes to rebuild
  bool foreign_keys_off_ = false;
  bool rollback_journal_ = false;  // journal_mode DELETE while loading (fast mode)
  std::unique_ptr<Transaction> txn_;  // open across batches in fast mode
  size_t uncommitted_ = 0;           // items written in txn_
};

Status SqliteBulkWriter::Start() {
  const std::pair<Statement*, const char*> all[] = {
      {&find_article_, kFindArticle},
      {&insert_article_, kInsertArticle},
      {&find_entity_, kFindEntity},
      {&insert_entity_, kInsertEntity},
      {&refine_entity_, kRefineEntity},
      {&find_by_fold_, kFindByFold},
      {&insert_alias_, kInsertAlias},
      {&upsert_relation_, kUpsertRelation},
      {&update_relation_, kUpdateRelation},
      {&insert_sentence_, kInsertSentence},
      {&insert_evidence_, kInsertEvidence},
      {&insert_article_id_, kInsertArticleWithId},
      {&insert_entity_id_, kInsertEntityWithId},
      {&insert_relation_id_, kInsertRelationWithId},
      {&max_ids_, kMaxIds},
  };
  for (const auto& [stmt, sql] : all) GEOKG_RETURN_IF_ERROR(Statement::Prepare(db_, sql, stmt));

  if (options_.indexes != BulkOptions::Indexes::kKeep) {
    Transaction txn(db_);
    GEOKG_RETURN_IF_ERROR(txn.Begin());
    Statement any;
    GEOKG_RETURN_IF_ERROR(Statement::Prepare(db_, "SELECT 1 FROM entities LIMIT 1", &any));
    bool row = false;
    GEOKG_RETURN_IF_ERROR(any.Step(&row));
    any.Reset();
    fast_ = !row;
    if (fast_ || options_.indexes == BulkOptions::Indexes::kRebuild) {
      for (const SecondaryIndex& index : kIndexes) {
        if (!index.bulk || (!fast_ && std::string_view(index.name) == "relations_key")) continue;
        GEOKG_RETURN_IF_ERROR(
            ExecSql(db_, (std::string("DROP INDEX IF EXISTS ") + index.name).c_str()));
        dropped_.push_back(index.name);
      }
    }
    if (fast_) {
      max_ids_.Reset();
      GEOKG_RETURN_IF_ERROR(max_ids_.Step(&row));
      last_article_ = max_ids_.ColumnInt(0);
      last_entity_ = max_ids_.ColumnInt(1);
      last_relation_ = max_ids_.ColumnInt(2);
      max_ids_.Reset();
    }
    GEOKG_RETURN_IF_ERROR(txn.Commit());
  }
  // The loader keeps references right by construction: skip SQLite's per-row checks, and
  // give it a larger page cache. Both are restored by Finish.
  GEOKG_RETURN_IF_ERROR(ExecSql(db_, "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -524288"));
  foreign_keys_off_ = true;
  if (fast_) {
    // Loading into an empty database, pages are written once, straight into the file,
    // with a rollback journal (new pages need no journal): WAL writes each page twice, to
    // the log and then at the checkpoints, a third of the writer's time. Each transaction
    // (several batches, see BulkOptions::commit_size) is still atomic and durable
    // (synchronous FULL: the journal and the file are synced at every commit; a crash leaves
    // a hot journal that the next opening rolls back). Only when no other connection has
    // the file open; Finish goes back to WAL.
    Statement mode;
    GEOKG_RETURN_IF_ERROR(Statement::Prepare(db_, "PRAGMA journal_mode = DELETE", &mode));
    bool row = false;
    if (mode.Step(&row).ok() && row && mode.ColumnView(0) == "delete") {
      rollback_journal_ = true;
      GEOKG_RETURN_IF_ERROR(ExecSql(db_, "PRAGMA synchronous = FULL"));
    }
  }
  if (options_.background) thread_ = std::thread([this] { Loop(); });
  return Status::Ok();
}

// ---------------------------------------------------------------- caller's thread

Status SqliteBulkWriter::Side(const BulkSide& side, uint32_t* entity) {
  const std::string_view name = side.name.empty() ? side.key : side.name;
  if (name.empty()) return Status::InvalidInput("an actor without key or name");
  Batch& b = *filling_;
  bool added = false;
  if (!side.key.empty()) {
    *entity = entities_.Intern(side.key, &added);
  } else {
    // Found by name at write time; one pseudo-key per (type, folded name).
    scratch_.assign("\x01");
    scratch_.append(EntityTypeName(side.type));
    scratch_.push_back('\x1f');
    const std::string fold = FoldName(name);
    if (fold.empty()) return Status::InvalidInput("the actor name '" + std::string(name) + "' folds to nothing");
    scratch_.append(fold);
    *entity = entities_.Intern(scratch_, &added);
    if (added) {
      b.entities.push_back({*entity, b.Put(""), b.Put(name), b.Put(side.country), b.Put(fold),
                            side.type, true});
    }
  }
  const uint8_t know = static_cast<uint8_t>((side.type != EntityType::kUnknown ? 1 : 0) |
                                            (side.country.empty() ? 0 : 2));
  if (added) {
    if (!side.key.empty()) {
      b.entities.push_back({*entity, b.Put(side.key), b.Put(name), b.Put(side.country), Ref(),
                            side.type, false});
    }
    known_.push_back(know);
  } else if ((know & ~known_[*entity]) != 0 && !side.key.empty()) {
    b.refines.push_back({*entity, side.type, b.Put(side.country)});
    known_[*entity] |= know;
  }
  // The name once per actor; mentions once per actor and spelling.
  if ((known_[*entity] & 4) == 0) {
    known_[*entity] |= 4;
    Alias(*entity, name, true);
  }
  if (!side.mention.empty() && side.mention != name) Alias(*entity, side.mention, false);
  return Status::Ok();
}

void SqliteBulkWriter::Prefetch(const BulkTriple& t, int step) {
  PrefetchSide(t.subject, step);
  PrefetchSide(t.object, step);
}

// What Side will look up, step by step: the key's slot, its bytes, then (the actor's index
// now at hand) the slot and the bytes of the mention's alias. Actors known by name only are
// left alone (their lookup key needs the folded name).
void SqliteBulkWriter::PrefetchSide(const BulkSide& side, int step) {
  if (side.key.empty()) return;
  if (step == 0) return entities_.PrefetchSlot(side.key);
  if (step == 1) return entities_.PrefetchEntry(side.key);
  const std::string_view name = side.name.empty() ? side.key : side.name;
  uint32_t entity = 0;
  if (side.mention.empty() || side.mention == name || !entities_.Find(side.key, &entity)) return;
  prefetch_key_.assign(reinterpret_cast<const char*>(&entity), sizeof(entity));
  prefetch_key_.append(Trim(side.mention));
  if (step == 2) return aliases_.PrefetchSlot(prefetch_key_);
  aliases_.PrefetchEntry(prefetch_key_);
}

uint32_t SqliteBulkWriter::SentenceOf(uint32_t doc, const BulkTriple& t) {
  Batch& b = *filling_;
  // Remembered for the current document of this batch only (memory stays small): a
  // document whose triples are not next to each other gets its sentences stored again,
  // harmlessly.
  if (doc != sentence_doc_ || b.sentences.size() < sentence_count_) {
    sentence_keys_.Clear();
    sentence_spans_.Clear();
    key_sentence_.clear();
    span_sentence_.clear();
    sentence_doc_ = doc;
  }
  const int64_t where[3] = {t.sentence_index, t.begin, t.end};
  const std::string_view span(reinterpret_cast<const char*>(where), sizeof(where));
  const bool has_span = t.begin < t.end;
  bool added = false;
  uint32_t at = 0;
  // A statement without its text (the "also" entries of geokg extract) is the sentence
  // another statement of the document gave for the same index and span.
  if (t.sentence.empty() && has_span && sentence_spans_.Find(span, &at)) {
    return span_sentence_[at];
  }
  scratch_.assign(span);
  scratch_.append(t.sentence);
  const uint32_t key = sentence_keys_.Intern(scratch_, &added);
  if (!added) return key_sentence_[key];
  uint32_t sentence = static_cast<uint32_t>(b.sentences.size());
  if (has_span) {
    const uint32_t i = sentence_spans_.Intern(span, &added);
    if (added) {
      span_sentence_.push_back(sentence);
    } else if (b.Get(b.sentences[span_sentence_[i]].text).empty()) {
      // The text of a sentence stored so far without it.
      sentence = span_sentence_[i];
      b.sentences[sentence].text = b.Put(t.sentence);
    }
  }
  if (sentence == b.sentences.size())
    b.sentences.push_back({doc, t.sentence_index, t.begin, t.end, b.Put(t.sentence)});
  key_sentence_.push_back(sentence);
  sentence_count_ = b.sentences.size();
  return sentence;
}

void SqliteBulkWriter::Alias(uint32_t entity, std::string_view alias, bool is_name) {
  alias = Trim(alias);
  scratch_.assign(reinterpret_cast<const char*>(&entity), sizeof(entity));
  scratch_.append(alias);
  bool added = false;
  aliases_.Intern(scratch_, &added);
  if (!added) return;
  const std::string fold = FoldName(alias);
  if (fold.empty() || (!is_name && !NameLike(alias, fold))) return;
  Batch& b = *filling_;
  b.aliases.push_back({entity, b.Put(alias), b.Put(fold)});
}

Status SqliteBulkWriter::AddTriple(const BulkTriple& t) {
  GEOKG_ASSERT(!finished_);
  ++stats_.triples;
  if (t.doc.empty()) return Status::InvalidInput("a triple without a document id");
  if (t.relation >= RelationType::kCount) return Status::InvalidInput("a bad relation type");
  if (!ValidDate(t.date) || !ValidDate(t.article_date)) {
    return Status::InvalidInput("malformed date '" +
                                std::string(ValidDate(t.date) ? t.article_date : t.date) +
                                "' (YYYY-MM-DD, YYYY-MM or YYYY)");
  }
  // A full batch is sent only where a document ends: a commit then never holds part of a
  // document, whose stored hash would make a resumed load skip the rest of it.
  const bool new_doc = t.doc != last_doc_ || last_doc_index_ == UINT32_MAX;
  if (new_doc && filling_->items.size() + filling_->entities.size() >= options_.batch_size) {
    GEOKG_RETURN_IF_ERROR(Submit());
  }
  uint32_t s = 0, o = 0;
  GEOKG_RETURN_IF_ERROR(Side(t.subject, &s));
  GEOKG_RETURN_IF_ERROR(Side(t.object, &o));
  Batch& b = *filling_;
  // A document's triples mostly come one after another: its index is remembered.
  if (new_doc) {
    bool added = false;
    last_doc_index_ = docs_.Intern(t.doc, &added);
    last_doc_.assign(t.doc);
    if (added)
      b.docs.push_back({last_doc_index_, b.Put(t.doc), b.Put(t.article_date), b.Put(t.lang)});
  }
  const uint32_t doc = last_doc_index_;
  Batch::Item item;
  item.doc = doc;
  item.subject = s;
  item.object = o;
  item.relation = t.relation;
  item.negated = t.negated;
  item.modality = t.modality;
  item.count = 1;
  item.cameo = b.Put(t.cameo);
  item.mode = b.Put(t.mode);
  item.role = b.Put(t.role);
  item.first = b.Put(t.date.empty() ? t.article_date : t.date);
  item.last = item.first;
  item.sentence = SentenceOf(doc, t);
  item.trigger = b.Put(t.trigger);
  item.subject_mention = b.Put(t.subject.mention);
  item.object_mention = b.Put(t.object.mention);
  item.confidence = t.confidence;
  b.items.push_back(item);
  std::lock_guard<std::mutex> lock(mu_);
  return failed_ ? error_ : Status::Ok();
}

Status SqliteBulkWriter::AddRelation(const BulkRelation& r) {
  GEOKG_ASSERT(!finished_);
  ++stats_.relations_given;
  if (r.relation >= RelationType::kCount) return Status::InvalidInput("a bad relation type");
  if (!ValidDate(r.first_date) || !ValidDate(r.last_date)) {
    return Status::InvalidInput("malformed date '" +
                                std::string(ValidDate(r.first_date) ? r.last_date : r.first_date) +
                                "' (YYYY-MM-DD, YYYY-MM or YYYY)");
  }
  if (r.evidence_count < 0) return Status::InvalidInput("a negative evidence count");
  uint32_t s = 0, o = 0;
  GEOKG_RETURN_IF_ERROR(Side(r.subject, &s));
  GEOKG_RETURN_IF_ERROR(Side(r.object, &o));
  Batch& b = *filling_;
  Batch::Item item{};
  item.doc = kImportDoc;
  item.subject = s;
  item.object = o;
  item.relation = r.relation;
  item.negated = r.negated;
  item.modality = r.modality;
  item.count = r.evidence_count;
  item.cameo = b.Put(r.cameo);
  item.first = b.Put(r.first_date.empty() ? r.last_date : r.first_date);
  item.last = b.Put(r.last_date.empty() ? r.first_date : r.last_date);
  b.items.push_back(item);
  if (b.items.size() + b.entities.size() >= options_.batch_size) return Submit();
  std::lock_guard<std::mutex> lock(mu_);
  return failed_ ? error_ : Status::Ok();
}

Status SqliteBulkWriter::AddActor(const BulkSide& actor) {
  GEOKG_ASSERT(!finished_);
  uint32_t entity = 0;
  GEOKG_RETURN_IF_ERROR(Side(actor, &entity));
  Batch& b = *filling_;
  if (b.items.size() + b.entities.size() >= options_.batch_size) return Submit();
  std::lock_guard<std::mutex> lock(mu_);
  return failed_ ? error_ : Status::Ok();
}

Status SqliteBulkWriter::Submit() {
  if (!options_.background) {
    if (failed_) return error_;
    Status st = Write(*filling_);
    filling_->Clear();
    if (!st.ok()) {
      failed_ = true;
      error_ = st;
    }
    return st;
  }
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return pending_ == nullptr || failed_; });
  if (failed_) return error_;
  pending_ = std::move(filling_);
  filling_ = spare_ ? std::move(spare_) : std::make_unique<Batch>();
  cv_.notify_all();
  return Status::Ok();
}

// ---------------------------------------------------------------- writer thread

void SqliteBulkWriter::Loop() {
  while (true) {
    std::unique_ptr<Batch> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return pending_ != nullptr || closing_; });
      if (pending_ == nullptr) return;
      batch = std::move(pending_);
      writing_ = true;
    }
    Status st = failed_ ? Status::Ok() : Write(*batch);
    batch->Clear();
    std::lock_guard<std::mutex> lock(mu_);
    if (!st.ok() && !failed_) {
      failed_ = true;
      error_ = st;
    }
    if (!spare_) spare_ = std::move(batch);
    writing_ = false;
    cv_.notify_all();
  }
}

void SqliteBulkWriter::JoinThread() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    closing_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void SqliteBulkWriter::RestorePragmas() {
  if (rollback_journal_) {
    // Waits for readers as any write does (the busy handler); a database left with a
    // rollback journal still works, and Store::Open turns WAL on again.
    ExecSql(db_, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL").ok();
    rollback_journal_ = false;
  }
  if (!foreign_keys_off_) return;
  ExecSql(db_, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000; PRAGMA threads = 0").ok();
  foreign_keys_off_ = false;
}

void SqliteBulkWriter::Stop() {
  JoinThread();
  txn_.reset();  // not finished: what was not committed is rolled back
  RestorePragmas();
}

Status SqliteBulkWriter::FindOrInsertEntity(std::string_view key, std::string_view name,
                                            EntityType type, std::string_view country,
                                            int64_t* id, bool known_new) {
  if (fast_ && known_new) {
    insert_entity_id_.Reset();
    insert_entity_id_.BindText(1, key);
    insert_entity_id_.BindText(2, name);
    insert_entity_id_.BindText(3, EntityTypeName(type));
    insert_entity_id_.BindTextOrNull(4, country);
    insert_entity_id_.BindInt(5, last_entity_ + 1);
    GEOKG_RETURN_IF_ERROR(insert_entity_id_.Run());
    *id = ++last_entity_;
    ++stats_.entities_added;
    return Status::Ok();
  }
  find_entity_.Reset();
  find_entity_.BindText(1, key);
  bool found = false;
  GEOKG_RETURN_IF_ERROR(find_entity_.Step(&found));
  if (found) {
    *id = find_entity_.ColumnInt(0);
    const bool refine = (type != EntityType::kUnknown && find_entity_.ColumnView(1) == "UNKNOWN") ||
                        (!country.empty() && find_entity_.ColumnIsNull(2));
    find_entity_.Reset();
    if (refine) {
      refine_entity_.Reset();
      refine_entity_.BindInt(1, *id);
      refine_entity_.BindText(2, EntityTypeName(type));
      refine_entity_.BindTextOrNull(3, country);
      GEOKG_RETURN_IF_ERROR(refine_entity_.Run());
    }
    return Status::Ok();
  }
  Statement& insert = fast_ ? insert_entity_id_ : insert_entity_;
  insert.Reset();
  insert.BindText(1, key);
  insert.BindText(2, name);
  insert.BindText(3, EntityTypeName(type));
  insert.BindTextOrNull(4, country);
  if (fast_) insert.BindInt(5, last_entity_ + 1);
  GEOKG_RETURN_IF_ERROR(insert.Run());
  *id = sqlite3_last_insert_rowid(db_);
  if (fast_) last_entity_ = *id;
  ++stats_.entities_added;
  return Status::Ok();
}

Status SqliteBulkWriter::ResolveByName(const Batch& b, const Batch::NewEntity& e, int64_t* id) {
  // Looking names up needs their index: build it now if the load dropped it.
  auto dropped = std::find(dropped_.begin(), dropped_.end(), std::string("aliases_fold"));
  if (dropped != dropped_.end()) {
    for (const SecondaryIndex& index : kIndexes)
      if (std::string_view(index.name) == "aliases_fold") GEOKG_RETURN_IF_ERROR(ExecSql(db_, index.sql));
    dropped_.erase(dropped);
  }
  // The one stored actor with this name whose type agrees (or is unknown on either side).
  find_by_fold_.Reset();
  find_by_fold_.BindText(1, b.Get(e.fold));
  std::vector<int64_t> same, compatible;
  GEOKG_RETURN_IF_ERROR(find_by_fold_.ForEachRow([&] {
    const EntityType t = EntityTypeFromName(find_by_fold_.ColumnView(1));
    if (t == e.type) same.push_back(find_by_fold_.ColumnInt(0));
    if (t == e.type || t == EntityType::kUnknown || e.type == EntityType::kUnknown)
      compatible.push_back(find_by_fold_.ColumnInt(0));
    return Status::Ok();
  }));
  if (same.size() == 1 || (same.empty() && compatible.size() == 1)) {
    *id = same.size() == 1 ? same[0] : compatible[0];
    return Status::Ok();
  }
  const std::string key = LowerAscii(EntityTypeName(e.type)) + ":" + Slug(b.Get(e.name));
  return FindOrInsertEntity(key, b.Get(e.name), e.type, b.Get(e.country), id);
}

Status SqliteBulkWriter::WriteEntities(Batch& b) {
  for (const Batch::NewEntity& e : b.entities) {
    int64_t id = 0;
    if (e.by_name) {
      GEOKG_RETURN_IF_ERROR(ResolveByName(b, e, &id));
    } else {
      GEOKG_RETURN_IF_ERROR(FindOrInsertEntity(b.Get(e.key), b.Get(e.name), e.type,
                                               b.Get(e.country), &id, /*known_new=*/true));
    }
    if (entity_of_.size() <= e.entity) entity_of_.resize(e.entity + 1, 0);
    entity_of_[e.entity] = id;
  }
  for (const Batch::Refine& r : b.refines) {
    refine_entity_.Reset();
    refine_entity_.BindInt(1, entity_of_[r.entity]);
    refine_entity_.BindText(2, EntityTypeName(r.type));
    refine_entity_.BindTextOrNull(3, b.Get(r.country));
    GEOKG_RETURN_IF_ERROR(refine_entity_.Run());
  }
  for (const Batch::NewAlias& a : b.aliases) {
    insert_alias_.Reset();
    insert_alias_.BindInt(1, entity_of_[a.entity]);
    insert_alias_.BindTextOrNullNoCopy(2, b.Get(a.alias));
    insert_alias_.BindTextOrNullNoCopy(3, b.Get(a.fold));
    GEOKG_RETURN_IF_ERROR(insert_alias_.Run());
    stats_.aliases_added += sqlite3_changes(db_);
  }
  return Status::Ok();
}

Status SqliteBulkWriter::ImportArticle(int64_t* id) {
  if (import_article_ != 0) {
    *id = import_article_;
    return Status::Ok();
  }
  find_article_.Reset();
  find_article_.BindText(1, options_.import_hash);
  bool found = false;
  GEOKG_RETURN_IF_ERROR(find_article_.Step(&found));
  find_article_.Reset();
  if (found) {
    import_article_ = -1;
    ++stats_.articles_skipped;
  } else {
    Statement& insert = fast_ ? insert_article_id_ : insert_article_;
    insert.Reset();
    insert.BindText(1, options_.import_name.empty() ? "import" : options_.import_name);
    insert.BindText(2, options_.import_hash);
    insert.BindNull(3);
    insert.BindNull(4);
    insert.BindTextOrNull(5, options_.origin);
    if (fast_) insert.BindInt(6, last_article_ + 1);
    GEOKG_RETURN_IF_ERROR(insert.Run());
    import_article_ = sqlite3_last_insert_rowid(db_);
    if (fast_) last_article_ = import_article_;
    ++stats_.articles_added;
  }
  *id = import_article_;
  return Status::Ok();
}

Status SqliteBulkWriter::Write(Batch& b) {
  const double cpu = ThreadCpuSeconds();
  Status st = WriteBatch(b);
  // A failed batch rolls back with the transaction it was in.
  if (!st.ok()) txn_.reset();
  stats_.write_cpu_seconds += ThreadCpuSeconds() - cpu;
  return st;
}

Status SqliteBulkWriter::CommitOpen() {
  if (!txn_) return Status::Ok();
  const double cpu = ThreadCpuSeconds();
  Status st = txn_->Commit();
  txn_.reset();
  uncommitted_ = 0;
  stats_.write_cpu_seconds += ThreadCpuSeconds() - cpu;
  return st;
}

Status SqliteBulkWriter::WriteBatch(Batch& b) {
  if (txn_ == nullptr) {
    txn_ = std::make_unique<Transaction>(db_);
    GEOKG_RETURN_IF_ERROR(txn_->Begin());
    GEOKG_RETURN_IF_ERROR(CheckAlone());
  }
  GEOKG_RETURN_IF_ERROR(WriteRows(b));
  // Into an empty database (fast mode, rollback journal), batches share a transaction up
  // to commit_size items: the pages a commit writes for the first time cost no journal, but
  // those of the randomly ordered B-trees (entity keys, article hashes, aliases) are
  // journaled and written again at every commit, which dominated the writes at 6M triples.
  uncommitted_ += b.items.size() + b.entities.size();
  if (!rollback_journal_ || uncommitted_ >= options_.commit_size) return CommitOpen();
  return Status::Ok();
}

Status SqliteBulkWriter::CheckAlone() {
  if (fast_) {
    max_ids_.Reset();
    bool row = false;
    GEOKG_RETURN_IF_ERROR(max_ids_.Step(&row));
    const bool alone = max_ids_.ColumnInt(0) == last_article_ &&
                       max_ids_.ColumnInt(1) == last_entity_ &&
                       max_ids_.ColumnInt(2) == last_relation_;
    max_ids_.Reset();
    if (!alone) {
      return Status::Busy(
          "another process wrote to the database during the bulk load; what was loaded "
          "before stays in, and running the load again adds the rest");
    }
  }
  return Status::Ok();
}

Status SqliteBulkWriter::WriteRows(Batch& b) {

  // Articles: one per document, unless it was loaded before.
  std::string hash;
  for (const Batch::NewDoc& d : b.docs) {
    hash = ContentHash(options_.doc_hash_prefix + std::string(b.Get(d.ext_id)));
    bool found = false;
    if (!fast_) {
      find_article_.Reset();
      find_article_.BindText(1, hash);
      GEOKG_RETURN_IF_ERROR(find_article_.Step(&found));
      find_article_.Reset();
    }
    int64_t id = -1;
    if (found) {
      ++stats_.articles_skipped;
    } else {
      Statement& insert = fast_ ? insert_article_id_ : insert_article_;
      insert.Reset();
      insert.BindTextOrNullNoCopy(1, b.Get(d.ext_id));
      insert.BindTextOrNullNoCopy(2, hash);
      insert.BindTextOrNullNoCopy(3, b.Get(d.lang));
      insert.BindTextOrNullNoCopy(4, b.Get(d.date));
      insert.BindTextOrNullNoCopy(5, options_.origin);
      if (fast_) insert.BindInt(6, last_article_ + 1);
      GEOKG_RETURN_IF_ERROR(insert.Run());
      id = sqlite3_last_insert_rowid(db_);
      if (fast_) last_article_ = id;
      ++stats_.articles_added;
    }
    if (article_of_.size() <= d.doc) article_of_.resize(d.doc + 1, 0);
    article_of_[d.doc] = id;
  }
  GEOKG_RETURN_IF_ERROR(WriteEntities(b));

  // Relations: fold each item into its relation's aggregates for this batch.
  touched_.clear();
  item_relation_.assign(b.items.size(), UINT32_MAX);
  for (size_t i = 0; i < b.items.size(); ++i) {
    const Batch::Item& it = b.items[i];
    int64_t article = 0;
    if (it.doc == kImportDoc) {
      GEOKG_RETURN_IF_ERROR(ImportArticle(&article));
    } else {
      article = article_of_[it.doc];
    }
    if (article < 0) {
      ++stats_.skipped;
      continue;
    }
    const uint32_t rel =
        edges_.Intern(entity_of_[it.subject], entity_of_[it.object], it.relation, it.negated);
    item_relation_[i] = rel;
    EdgeTable::Entry& edge = edges_[rel];
    const int rank = static_cast<int>(it.modality);
    const std::string_view first = b.Get(it.first), last = b.Get(it.last), cameo = b.Get(it.cameo);
    if (edge.slot < 0) {
      edge.slot = static_cast<int32_t>(touched_.size());
      touched_.push_back({rel, it.count, first, last, cameo, rank});
      continue;
    }
    Agg& a = touched_[static_cast<size_t>(edge.slot)];
    a.count += it.count;
    if (!first.empty() && (a.first.empty() || first < a.first)) a.first = first;
    if (!last.empty() && (a.last.empty() || last > a.last)) a.last = last;
    if (a.cameo.empty()) a.cameo = cameo;
    a.rank = std::min(a.rank, rank);
  }
  for (const Agg& a : touched_) {
    EdgeTable::Entry& edge = edges_[a.relation];
    edge.slot = -1;
    const int64_t s = edge.subject, o = edge.object;
    const RelationType type = edge.type;
    const bool negated = edge.negated;
    const std::string_view modality = ModalityName(static_cast<Modality>(a.rank));
    if (edge.id != 0) {
      Statement& st = update_relation_;
      st.Reset();
      st.BindInt(1, edge.id);
      st.BindTextOrNullNoCopy(5, a.cameo);
      st.BindInt(6, a.count);
      st.BindTextOrNullNoCopy(7, a.first);
      st.BindTextOrNullNoCopy(8, a.last);
      st.BindTextOrNullNoCopy(9, modality);
      GEOKG_RETURN_IF_ERROR(st.Run());
      continue;
    }
    if (fast_) {
      // New to this load, hence to the database.
      Statement& st = insert_relation_id_;
      st.Reset();
      st.BindInt(1, s);
      st.BindInt(2, o);
      st.BindTextOrNullNoCopy(3, Relation(type).name);
      st.BindInt(4, negated ? 1 : 0);
      st.BindTextOrNullNoCopy(5, a.cameo);
      st.BindInt(6, a.count);
      st.BindTextOrNullNoCopy(7, a.first);
      st.BindTextOrNullNoCopy(8, a.last);
      st.BindTextOrNullNoCopy(9, modality);
      st.BindInt(10, ++last_relation_);
      GEOKG_RETURN_IF_ERROR(st.Run());
      edge.id = last_relation_;
      ++stats_.relations_added;
      continue;
    }
    Statement& st = upsert_relation_;
    st.Reset();
    st.BindInt(1, s);
    st.BindInt(2, o);
    st.BindText(3, Relation(type).name);
    st.BindInt(4, negated ? 1 : 0);
    st.BindTextOrNull(5, a.cameo);
    st.BindInt(6, a.count);
    st.BindTextOrNull(7, a.first);
    st.BindTextOrNull(8, a.last);
    st.BindText(9, modality);
    bool row = false;
    GEOKG_RETURN_IF_ERROR(st.Step(&row));
    GEOKG_ASSERT(row);
    edge.id = st.ColumnInt(0);
    if (st.ColumnInt(1) == a.count) ++stats_.relations_added;
    GEOKG_RETURN_IF_ERROR(st.Run());
  }

  // Sentences, each once per document, then evidence: one row per triple.
  sentence_id_.assign(b.sentences.size(), 0);
  for (size_t i = 0; i < b.sentences.size(); ++i) {
    const Batch::NewSentence& n = b.sentences[i];
    const int64_t article = article_of_[n.doc];
    if (article < 0) continue;
    Statement& st = insert_sentence_;
    st.Reset();
    st.BindInt(1, article);
    st.BindInt(2, n.sentence_index);
    st.BindInt(3, n.begin);
    st.BindInt(4, n.end);
    const std::string_view text = b.Get(n.text);
    if (text.empty()) {
      st.BindText(5, "");  // NOT NULL: an empty sentence when the source had none
    } else {
      st.BindTextOrNullNoCopy(5, text);
    }
    GEOKG_RETURN_IF_ERROR(st.Run());
    sentence_id_[i] = sqlite3_last_insert_rowid(db_);
  }
  Statement& ev = insert_evidence_;
  for (size_t i = 0; i < b.items.size(); ++i) {
    const Batch::Item& it = b.items[i];
    if (it.doc == kImportDoc || item_relation_[i] == UINT32_MAX) continue;
    ev.Reset();
    ev.BindInt(1, edges_[item_relation_[i]].id);
    ev.BindInt(2, article_of_[it.doc]);
    ev.BindInt(3, sentence_id_[it.sentence]);
    ev.BindTextOrNullNoCopy(4, b.Get(it.first));
    ev.BindTextOrNullNoCopy(5, ModalityName(it.modality));
    ev.BindTextOrNullNoCopy(6, b.Get(it.cameo));
    ev.BindTextOrNullNoCopy(7, b.Get(it.mode));
    ev.BindTextOrNullNoCopy(8, b.Get(it.role));
    ev.BindTextOrNullNoCopy(9, b.Get(it.trigger));
    ev.BindTextOrNullNoCopy(10, b.Get(it.subject_mention));
    ev.BindTextOrNullNoCopy(11, b.Get(it.object_mention));
    ev.BindDouble(12, it.confidence);
    GEOKG_RETURN_IF_ERROR(ev.Run());
    ++stats_.evidence_added;
  }
  return Status::Ok();
}

Status SqliteBulkWriter::Finish(BulkStats* stats) {
  GEOKG_ASSERT(!finished_);
  Status st;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (failed_) st = error_;
  }
  if (st.ok() && (!filling_->items.empty() || !filling_->entities.empty() ||
                  !filling_->refines.empty() || !filling_->aliases.empty()))
    st = Submit();
  if (st.ok() && options_.background) {
    // Wait until the last batch is written.
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return (pending_ == nullptr && !writing_) || failed_; });
    if (failed_) st = error_;
  }
  JoinThread();
  if (st.ok()) {
    st = CommitOpen();
  } else {
    txn_.reset();
  }
  finished_ = true;
  // Rebuild what was dropped, even after a failure, so the database stays whole.
  if (!dropped_.empty()) {
    const auto t = std::chrono::steady_clock::now();
    const double cpu = ProcessCpuSeconds();
    // SQLite's sorter sorts runs of the page cache's size, then merges them: runs of 2 MB
    // (the default cache) stay in the CPU's caches and are sorted on two threads, where
    // one run of the whole index (a 1 GB cache) missed memory at every comparison. At 1M
    // actors / 5M relations, relations_key and relations_object took 6.9 s of CPU instead
    // of 19 s.
    ExecSql(db_, "PRAGMA cache_size = -2000; PRAGMA threads = 2").ok();
    Status rebuilt = EnsureIndexes(db_);
    stats_.index_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
    stats_.index_cpu_seconds = ProcessCpuSeconds() - cpu;
    if (st.ok()) st = rebuilt;
    stats_.indexes_rebuilt = rebuilt.ok();
  }
  RestorePragmas();
  if (stats != nullptr) *stats = stats_;
  return st;
}

}  // namespace

Status EnsureIndexes(sqlite3* db) {
  Statement have;
  GEOKG_RETURN_IF_ERROR(
      Statement::Prepare(db, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1", &have));
  std::vector<const SecondaryIndex*> missing;
  for (const SecondaryIndex& index : kIndexes) {
    have.Reset();
    have.BindText(1, index.name);
    bool row = false;
    GEOKG_RETURN_IF_ERROR(have.Step(&row));
    if (!row) missing.push_back(&index);
  }
  have.Reset();
  if (missing.empty()) return Status::Ok();
  Transaction txn(db);
  GEOKG_RETURN_IF_ERROR(txn.Begin());
  for (const SecondaryIndex* index : missing) GEOKG_RETURN_IF_ERROR(ExecSql(db, index->sql));
  return txn.Commit();
}

Status NewBulkWriter(Store* store, const BulkOptions& options, std::unique_ptr<BulkWriter>* out) {
  sqlite3* db = store->Handle();
  if (sqlite3_db_readonly(db, "main") == 1) {
    return Status::InvalidInput("the database is open read-only");
  }
  Statement query_only;
  GEOKG_RETURN_IF_ERROR(Statement::Prepare(db, "PRAGMA query_only", &query_only));
  bool row = false;
  GEOKG_RETURN_IF_ERROR(query_only.Step(&row));
  if (row && query_only.ColumnInt(0) != 0) return Status::InvalidInput("the database is open read-only");
  BulkOptions checked = options;
  if (checked.batch_size == 0) checked.batch_size = 1;
  auto writer = std::make_unique<SqliteBulkWriter>(db, std::move(checked));
  GEOKG_RETURN_IF_ERROR(writer->Start());
  *out = std::move(writer);
  return Status::Ok();
}

}  // namespace geokg
