// Bulk writes into the store: many triples (from a triples file) or aggregated relations
// (from a graph file) merged into the database through the stable keys, in batches.
//
// Merging follows Store::AddDocument: one actor per entities.key (a later sighting fills in an
// UNKNOWN type or a missing country), one relation per (subject, type, object, negated) whose
// evidence count, first and last dates, strongest modality and first CAMEO code follow what
// is added; names and mentions become aliases (pronouns and lower-case role nouns such as
// "il" or "le ministre" excepted).
//
// How it is fast: the caller's thread only interns strings (keys, article ids, aliases) into
// dense indexes and fills a batch; a second thread writes each full batch with prepared
// statements while the caller fills the next, one transaction per batch (per several
// batches into an empty database: BulkOptions::commit_size). Relation keys are resolved in
// memory, so each triple costs one INSERT into evidence plus, per batch, one upsert per
// relation it touched. Loading into an empty database drops the secondary indexes first and
// builds them at the end (Store::Open rebuilds any that a crash left missing).
//
// Thread safety: a BulkWriter is used by one thread; it uses the Store's connection from its
// own thread until Finish returns, so the caller must not touch the Store meanwhile.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "geokg/common/status.h"
#include "geokg/model.h"
#include "geokg/store/store.h"

namespace geokg {

// One end of a triple or relation. The views only need to live until the Add call returns.
struct BulkSide {
  // entities.key. Empty: the actor is found by name, as the evaluation's bare triples give
  // it: the one stored actor of that type (or of an unknown type) with an alias folding to
  // FoldName(name), else a new actor keyed "<type>:<name as a slug>" ("state:russia").
  std::string_view key;
  std::string_view name;  // canonical name (the key when empty)
  EntityType type = EntityType::kUnknown;
  std::string_view country;  // ISO 3166 alpha-3 or ""
  std::string_view mention;  // the text as written, recorded as an alias; "" for none
};

// One triple and its provenance: one evidence row.
struct BulkTriple {
  std::string_view doc;  // the article's id; its first triple in a load creates the article
  std::string_view article_date;  // YYYY-MM-DD or ""
  std::string_view lang;          // "fr", "en" or ""
  BulkSide subject;
  BulkSide object;
  RelationType relation = RelationType::kConsult;
  bool negated = false;
  Modality modality = Modality::kAsserted;
  std::string_view cameo;
  std::string_view mode;
  std::string_view role;
  std::string_view date;      // event date; "" falls back on article_date
  std::string_view sentence;  // the sentence text ("" when unknown)
  std::string_view trigger;
  int64_t sentence_index = 0;
  int64_t begin = 0;  // byte span of the sentence in the article
  int64_t end = 0;
  double confidence = 1.0;
};

// An aggregated relation without evidence rows (from a graph file): its counts and dates are
// folded into the stored relation as if that much evidence had been added.
struct BulkRelation {
  BulkSide subject;
  BulkSide object;
  RelationType relation = RelationType::kConsult;
  bool negated = false;
  Modality modality = Modality::kAsserted;
  std::string_view cameo;
  int64_t evidence_count = 1;
  std::string_view first_date;  // "" when unknown
  std::string_view last_date;
};

struct BulkOptions {
  size_t batch_size = 200000;  // triples (or relations) per batch, and per transaction
  // Into an empty database, batches share a transaction until it holds this many triples
  // (or relations) at least: its new pages need no journal, and fewer commits rewrite the
  // pages of the randomly ordered B-trees fewer times. A crash, or a failed batch, rolls
  // back the whole open transaction; what was committed before stays.
  size_t commit_size = 2000000;
  // kAuto: drop the secondary indexes while loading into a database without actors, and
  // rebuild them at the end. kKeep: never. kRebuild: always.
  enum class Indexes { kAuto, kKeep, kRebuild };
  Indexes indexes = Indexes::kAuto;
  bool background = true;  // write on a second thread
  // Recorded as articles.origin for the articles this load creates.
  std::string origin;
  // Triples: the articles.content_hash of the article created for document `doc` is
  // ContentHash(doc_hash_prefix + doc); a document whose hash is already stored was loaded
  // before and its triples are skipped, so loading a file twice adds nothing.
  std::string doc_hash_prefix = "geokg-load\x1f";
  // Relations (AddRelation): they are recorded against one article standing for the source
  // (ext_id `import_name`, content hash `import_hash`); when that hash is already stored
  // the source was imported before and every relation is skipped.
  std::string import_name;
  std::string import_hash;
};

struct BulkStats {
  int64_t triples = 0;           // AddTriple calls
  int64_t relations_given = 0;   // AddRelation calls
  int64_t skipped = 0;           // triples or relations of documents/sources already stored
  int64_t articles_added = 0;
  int64_t articles_skipped = 0;  // documents already loaded before
  int64_t entities_added = 0;
  int64_t relations_added = 0;   // new (subject, type, object, negated) edges
  int64_t evidence_added = 0;
  int64_t aliases_added = 0;
  bool indexes_rebuilt = false;
  // CPU time of the writes to SQLite (the writer thread's when there is one), and wall time
  // of rebuilding indexes at the end: what the store layer costs, apart from the caller.
  double write_cpu_seconds = 0;
  double index_seconds = 0;
  double index_cpu_seconds = 0;  // CPU time of the index rebuild (all threads)
};

class BulkWriter {
 public:
  virtual ~BulkWriter() = default;

  // Queues one triple. Fails with kInvalidInput (writing nothing of it) when a side has
  // neither key nor name or a date is malformed, or with the error of an earlier batch
  // (then every later call fails the same way: the transactions committed before it stay,
  // the one it was in is rolled back).
  virtual Status AddTriple(const BulkTriple& t) = 0;

  // An optional hint for a caller that reads a few triples ahead: starts loading what
  // AddTriple(t) will look up (its actors' keys and names), so that the memory latency of
  // several triples overlaps. Call it with step 0, 1 ... kPrefetchSteps - 1 in turn, each
  // step over all the triples read ahead (a step uses what the one before loaded), then
  // AddTriple them in order. Changes nothing; does nothing by default.
  static constexpr int kPrefetchSteps = 4;
  virtual void Prefetch(const BulkTriple& t, int step) {
    (void)t;
    (void)step;
  }

  // Queues one aggregated relation (see BulkRelation). Same failures as AddTriple.
  virtual Status AddRelation(const BulkRelation& r) = 0;

  // Queues an actor on its own (one without relations still gets its row). Same failures.
  virtual Status AddActor(const BulkSide& actor) = 0;

  // Writes what is queued, rebuilds the indexes it dropped, and fills *stats (if given).
  // The writer is finished after it, whatever the outcome.
  virtual Status Finish(BulkStats* stats) = 0;
};

// Starts a bulk load into `store` (not owned; it must outlive the writer and must be open for
// writing). Fails with kInvalidInput for a read-only store, or with the store's error.
Status NewBulkWriter(Store* store, const BulkOptions& options, std::unique_ptr<BulkWriter>* out);

// Creates the secondary indexes of the schema that are missing (a bulk load drops them).
// Store::Open calls it for writable stores.
Status EnsureIndexes(sqlite3* db);

}  // namespace geokg
