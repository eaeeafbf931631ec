// The SQLite store: articles, entities, relations and their evidence, keyed by stable ids.
//
// Thread safety: a Store is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "geokg/common/status.h"
#include "geokg/model.h"

// SQLite's connection type, declared at global scope (as sqlite3.h does) so that the name
// below is not taken for a new geokg::sqlite3.
struct sqlite3;

namespace geokg {

struct StoreOptions {
  // Open for queries only; fails on a missing file. Works in a folder the user may not
  // write too (then without locks: SQLite's immutable mode), unless a -wal file there
  // holds writes (kIoError saying so).
  bool read_only = false;
  int busy_timeout_ms = 5000;  // how long to wait for another writer's lock
};

// What one AddDocument changed.
struct AddStats {
  int64_t article_id = 0;
  int entities_added = 0;   // new actors
  int relations_added = 0;  // new (subject, type, object) edges
  int evidence_added = 0;   // triples stored
};

class Store {
 public:
  // Opens the database at `path`, creating it unless read_only, and applies the migrations in
  // <DataRoot()>/schema in order, recording the version with PRAGMA user_version.
  // Fails with kSchemaMismatch for a database from a newer geokg, kCorruption for a file
  // that is not a SQLite database, kBusy when locked, kNotFound (read_only) for a missing
  // file or an empty one (after waiting up to busy_timeout_ms for the process that may be
  // creating it), kIoError otherwise. On success *out owns the connection.
  static Status Open(const std::string& path, const StoreOptions& options,
                     std::unique_ptr<Store>* out);

  virtual ~Store() = default;

  // Sets *present to whether an article with this content hash is already stored.
  virtual Status HasArticle(std::string_view content_hash, bool* present) = 0;

  // Stores `doc` (the article, its entities merged by Entity::key, its triples as evidence
  // on (subject, relation, object, negated) edges) in one transaction (or inside a batch,
  // see BeginBatch): either all of it is committed or nothing is. Returns
  // kAlreadyExists, writing nothing, when an article with `content_hash` is already in
  // (earlier in the same batch included).
  virtual Status AddDocument(const Document& doc, std::string_view content_hash,
                             AddStats* stats) = 0;

  // Batches: between BeginBatch and CommitBatch, each AddDocument writes into one
  // transaction instead of a transaction of its own, so that many articles cost one
  // commit. A document that fails (a status or an exception) still leaves nothing behind
  // and the others stay: the store rolls the batch back and writes its earlier documents
  // again, so each document given to AddDocument in a batch must stay alive and unchanged
  // until CommitBatch returns. No document of the batch is visible to other connections
  // or durable until CommitBatch succeeds, and a crash before it loses the batch whole.
  // BeginBatch takes the write lock (kBusy after the busy timeout, as AddDocument).
  virtual Status BeginBatch() = 0;
  // Commits the batch. On failure nothing of the batch is stored (it is rolled back), and
  // the store is out of the batch either way. Also fails, rolling back, when a failure of
  // an AddDocument inside the batch (a full disk, an I/O error) already ended the
  // transaction.
  virtual Status CommitBatch() = 0;

  // The schema version of the open database.
  virtual int SchemaVersion() const = 0;

  // The underlying connection, for the graph module's readers (not owned by the caller).
  virtual sqlite3* Handle() = 0;
};

// The schema version this build writes (the highest migration in schema/).
int LatestSchemaVersion();

}  // namespace geokg
