#include "geokg/store/store.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <set>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "geokg/common/text.h"
#include "geokg/ontology.h"
#include "geokg/store/bulk.h"
#include "geokg/store/sqlite.h"
#include "migrations.h"

namespace geokg {
namespace {

constexpr const char* kFindArticle = "SELECT 1 FROM articles WHERE content_hash = ?1";

constexpr const char* kInsertArticle =
    "INSERT INTO articles (ext_id, content_hash, lang, date, title, url, source, origin) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

constexpr const char* kFindEntity = "SELECT id FROM entities WHERE key = ?1";

constexpr const char* kInsertEntity =
    "INSERT INTO entities (key, name, type, country) VALUES (?1, ?2, ?3, ?4)";

// A later article may know what an earlier one did not: the type or the country.
constexpr const char* kRefineEntity =
    "UPDATE entities SET type = CASE WHEN type = 'UNKNOWN' THEN ?2 ELSE type END, "
    "country = coalesce(country, ?3) WHERE id = ?1";

constexpr const char* kInsertAlias =
    "INSERT OR IGNORE INTO aliases (entity_id, alias, fold) VALUES (?1, ?2, ?3)";

// One statement inserts the edge or folds the new evidence into its aggregates. A new row
// comes back with evidence_count 1.
constexpr const char* kUpsertRelation =
    "INSERT INTO relations (subject_id, object_id, type, negated, cameo, evidence_count, "
    "                       first_date, last_date, modality) "
    "VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?6, ?7) "
    "ON CONFLICT (subject_id, type, object_id, negated) DO UPDATE SET "
    "  evidence_count = evidence_count + 1, "
    "  cameo = coalesce(cameo, excluded.cameo), "
    "  first_date = CASE WHEN first_date IS NULL OR excluded.first_date < first_date "
    "                    THEN excluded.first_date ELSE first_date END, "
    "  last_date = CASE WHEN last_date IS NULL OR excluded.last_date > last_date "
    "                   THEN excluded.last_date ELSE last_date END, "
    "  modality = CASE WHEN (SELECT rank FROM modalities WHERE name = excluded.modality) < "
    "                       (SELECT rank FROM modalities WHERE name = relations.modality) "
    "                  THEN excluded.modality ELSE modality END "
    "RETURNING id, evidence_count";

constexpr const char* kInsertEvidence =
    "INSERT INTO evidence (relation_id, article_id, sentence_index, char_begin, char_end, "
    "  sentence, date, modality, cameo, mode, role, trigger, subject_mention, object_mention, "
    "  confidence) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

class SqliteStore final : public Store {
 public:
  SqliteStore(DbHandle db, int version) : db_(std::move(db)), version_(version) {}

  Status PrepareAll() {
    const std::pair<Statement*, const char*> all[] = {
        {&find_article_, kFindArticle},       {&insert_article_, kInsertArticle},
        {&find_entity_, kFindEntity},         {&insert_entity_, kInsertEntity},
        {&refine_entity_, kRefineEntity},     {&insert_alias_, kInsertAlias},
        {&upsert_relation_, kUpsertRelation}, {&insert_evidence_, kInsertEvidence},
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

  int SchemaVersion() const override { return version_; }
  sqlite3* Handle() override { return db_.get(); }

 private:
  Status AddEntity(const Entity& e, int64_t* id, bool* added);
  Status AddAlias(int64_t entity_id, std::string_view alias);

  // Declared first so that it is destroyed last, after the statements.
  DbHandle db_;
  int version_;
  Statement find_article_, insert_article_, find_entity_, insert_entity_, refine_entity_,
      insert_alias_, upsert_relation_, insert_evidence_;
  // (entity id, alias) pairs written in the current document, to skip repeats.
  std::set<std::pair<int64_t, std::string>> aliases_seen_;
};

Status SqliteStore::AddAlias(int64_t entity_id, std::string_view alias) {
  std::string_view trimmed = Trim(alias);
  std::string fold = FoldName(trimmed);
  if (fold.empty()) return Status::Ok();
  if (!aliases_seen_.emplace(entity_id, std::string(trimmed)).second) return Status::Ok();
  insert_alias_.Reset();
  insert_alias_.BindInt(1, entity_id);
  insert_alias_.BindText(2, trimmed);
  insert_alias_.BindText(3, fold);
  return insert_alias_.Run();
}

Status SqliteStore::AddEntity(const Entity& e, int64_t* id, bool* added) {
  GEOKG_ASSERT(!e.key.empty());
  const std::string_view type = EntityTypeName(e.type);
  find_entity_.Reset();
  find_entity_.BindText(1, e.key);
  bool found = false;
  GEOKG_RETURN_IF_ERROR(find_entity_.Step(&found));
  *added = !found;
  if (found) {
    *id = find_entity_.ColumnInt(0);
    find_entity_.Reset();
    if (e.type != EntityType::kUnknown || !e.country.empty()) {
      refine_entity_.Reset();
      refine_entity_.BindInt(1, *id);
      refine_entity_.BindText(2, type);
      refine_entity_.BindTextOrNull(3, e.country);
      GEOKG_RETURN_IF_ERROR(refine_entity_.Run());
    }
  } else {
    insert_entity_.Reset();
    insert_entity_.BindText(1, e.key);
    insert_entity_.BindText(2, e.name.empty() ? e.key : e.name);
    insert_entity_.BindText(3, type);
    insert_entity_.BindTextOrNull(4, e.country);
    GEOKG_RETURN_IF_ERROR(insert_entity_.Run());
    *id = sqlite3_last_insert_rowid(db_.get());
  }
  GEOKG_RETURN_IF_ERROR(AddAlias(*id, e.name));
  for (const std::string& alias : e.aliases) GEOKG_RETURN_IF_ERROR(AddAlias(*id, alias));
  return Status::Ok();
}

Status SqliteStore::AddDocument(const Document& doc, std::string_view content_hash,
                                AddStats* stats) {
  AddStats local;
  aliases_seen_.clear();
  const Article& a = doc.article;
  Transaction txn(db_.get());
  GEOKG_RETURN_IF_ERROR(txn.Begin());

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

  std::vector<int64_t> entity_ids(doc.entities.size());
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    bool added = false;
    GEOKG_RETURN_IF_ERROR(AddEntity(doc.entities[i], &entity_ids[i], &added));
    if (added) ++local.entities_added;
  }

  // Pronouns and role nouns ("il", "le ministre") name nobody in particular: they are not
  // kept as aliases even when a triple gives them as its mention.
  std::unordered_set<std::string> pronouns, names;
  for (const Mention& m : doc.mentions) (m.pronoun ? pronouns : names).insert(m.text);
  auto is_pronoun = [&](const std::string& s) { return pronouns.count(s) && !names.count(s); };

  const int n_entities = static_cast<int>(doc.entities.size());
  const std::string& text = a.text;
  for (const Triple& t : doc.triples) {
    GEOKG_ASSERT(t.subject >= 0 && t.subject < n_entities);
    GEOKG_ASSERT(t.object >= 0 && t.object < n_entities);
    GEOKG_ASSERT(t.begin <= t.end && t.end <= text.size());
    GEOKG_ASSERT(t.relation < RelationType::kCount);
    GEOKG_ASSERT(std::isfinite(t.confidence));
    const int64_t subject_id = entity_ids[static_cast<size_t>(t.subject)];
    const int64_t object_id = entity_ids[static_cast<size_t>(t.object)];
    const std::string& date = t.date.empty() ? (doc.date.empty() ? a.date : doc.date) : t.date;
    const std::string_view modality = ModalityName(t.modality);

    upsert_relation_.Reset();
    upsert_relation_.BindInt(1, subject_id);
    upsert_relation_.BindInt(2, object_id);
    upsert_relation_.BindText(3, Relation(t.relation).name);
    upsert_relation_.BindInt(4, t.negated ? 1 : 0);
    upsert_relation_.BindTextOrNull(5, t.cameo);
    upsert_relation_.BindTextOrNull(6, date);
    upsert_relation_.BindText(7, modality);
    bool row = false;
    GEOKG_RETURN_IF_ERROR(upsert_relation_.Step(&row));
    GEOKG_ASSERT(row);
    const int64_t relation_id = upsert_relation_.ColumnInt(0);
    if (upsert_relation_.ColumnInt(1) == 1) ++local.relations_added;
    GEOKG_RETURN_IF_ERROR(upsert_relation_.Run());

    insert_evidence_.Reset();
    insert_evidence_.BindInt(1, relation_id);
    insert_evidence_.BindInt(2, local.article_id);
    insert_evidence_.BindInt(3, t.sentence);
    insert_evidence_.BindInt(4, t.begin);
    insert_evidence_.BindInt(5, t.end);
    insert_evidence_.BindText(6, std::string_view(text).substr(t.begin, t.end - t.begin));
    insert_evidence_.BindTextOrNull(7, date);
    insert_evidence_.BindText(8, modality);
    insert_evidence_.BindTextOrNull(9, t.cameo);
    insert_evidence_.BindTextOrNull(10, t.mode);
    insert_evidence_.BindTextOrNull(11, t.role);
    insert_evidence_.BindTextOrNull(12, t.trigger);
    insert_evidence_.BindTextOrNull(13, t.subject_mention);
    insert_evidence_.BindTextOrNull(14, t.object_mention);
    insert_evidence_.BindDouble(15, static_cast<double>(t.confidence));
    GEOKG_RETURN_IF_ERROR(insert_evidence_.Run());
    ++local.evidence_added;

    if (!is_pronoun(t.subject_mention))
      GEOKG_RETURN_IF_ERROR(AddAlias(subject_id, t.subject_mention));
    if (!is_pronoun(t.object_mention)) GEOKG_RETURN_IF_ERROR(AddAlias(object_id, t.object_mention));
  }

  GEOKG_RETURN_IF_ERROR(txn.Commit());
  if (stats != nullptr) *stats = local;
  return Status::Ok();
}

Status OpenHandle(const std::string& path, int flags, const StoreOptions& options, DbHandle* out) {
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
    // A bulk load that did not finish may have left indexes dropped.
    GEOKG_RETURN_IF_ERROR(EnsureIndexes(db.get()).WithContext(path));
  }
  auto store = std::make_unique<SqliteStore>(std::move(db), version);
  GEOKG_RETURN_IF_ERROR(store->PrepareAll().WithContext(path));
  *out = std::move(store);
  return Status::Ok();
}

}  // namespace geokg
