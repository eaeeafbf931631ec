// The knowledge graph: actors as vertices, relations as edges, loaded from a Store (or built
// from another source, such as a GraphML file) into a Boost.Graph compressed sparse row
// graph.
//
// Vertices and edges carry the stable SQLite ids (entities.id, relations.id). Boost vertex and
// edge descriptors are positions in this in-memory copy only: never store or print them.
//
// Memory: the graph keeps one 24-byte record per actor and per relation plus the actors'
// keys and names in one string pool, and the CSR arrays (about 16 bytes per relation):
// roughly 70 bytes per relation and 70 per actor, under 0.6 GB at 1M actors / 5M relations.
//
// Thread safety: a KnowledgeGraph is used by one thread at a time (queries read evidence
// through the Store's connection and build some indexes lazily).
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "geokg/common/status.h"
#include "geokg/model.h"
#include "geokg/store/sqlite.h"
#include "geokg/store/store.h"

namespace geokg {

// ---------------------------------------------------------------- dates

// Dates are "YYYY-MM-DD", "YYYY-MM" or "YYYY" text in SQLite and in every file format. In
// memory they are packed as YYYYMMDD integers with 00 for a missing month or day, so that
// they compare like the text does; 0 is "no date".

// Parses `text` into *packed. Returns false (leaving *packed alone) unless `text` is one of
// the three shapes with a month in 1..12 and a day in 1..31. "" parses as 0.
bool ParseDate(std::string_view text, int32_t* packed);

// The text form of a packed date: "YYYY-MM-DD", "YYYY-MM", "YYYY", or "" for 0.
std::string FormatDate(int32_t packed);

// An inclusive range of packed dates. The bounds of a query are widened to whole periods:
// from "2015-10" is 20151000 (before every day of October), to "2015-10" is 20151099.
struct DateRange {
  int32_t lo = 0;           // 0: open
  int32_t hi = 99999999;    // open
  bool bounded() const { return lo != 0 || hi != 99999999; }
  bool Contains(int32_t d) const { return d != 0 && d >= lo && d <= hi; }
};

// Builds the range for --from FROM --to TO (either may be ""). Returns kUsage naming the bad
// bound when one is not a date, or when FROM comes after TO.
Status MakeDateRange(std::string_view from, std::string_view to, DateRange* out);

// ---------------------------------------------------------------- graph records

// One actor as stored in the graph (24 bytes). Its key and name live in the graph's string
// pool: read them with KnowledgeGraph::Key() and Name(), or take a VertexProps copy.
struct VertexRec {
  int64_t id = 0;              // entities.id
  uint32_t key_begin = 0;      // key is pool[key_begin, name_begin)
  uint32_t name_begin = 0;     // name is pool[name_begin, name_end)
  uint32_t name_end = 0;
  EntityType type = EntityType::kUnknown;
  char country[3] = {0, 0, 0};  // ISO 3166 alpha-3, NUL-padded when absent
};

// One relation as stored in the graph (24 bytes).
struct EdgeRec {
  int64_t id = 0;               // relations.id
  uint32_t evidence_count = 0;
  int32_t first_date = 0;       // packed (ParseDate), 0 when no evidence is dated
  int32_t last_date = 0;
  uint16_t cameo = 0;           // index into the graph's table of codes; 0 for none
  RelationType type = RelationType::kConsult;
  uint8_t flags = 0;            // bit 0: negated; bits 1-3: Modality

  bool negated() const { return (flags & 1) != 0; }
  Modality modality() const { return static_cast<Modality>((flags >> 1) & 7); }
  void set(bool negated, Modality m) {
    flags = static_cast<uint8_t>((negated ? 1 : 0) | (static_cast<int>(m) << 1));
  }
};

// The Boost.Graph type: a bidirectional compressed sparse row graph (out- and in-edges) with
// 32-bit vertex and edge indexes. Vertices are in entities.id order.
using Graph = boost::compressed_sparse_row_graph<boost::bidirectionalS, VertexRec, EdgeRec,
                                                 boost::no_property, uint32_t, uint32_t>;
using Vertex = Graph::vertex_descriptor;
using Edge = Graph::edge_descriptor;

// The undirected simple graph of actors that paths, ego networks' distances and betweenness
// walk: one edge each way between two actors linked by at least one relation that is not
// negated, weighted by 1 / (the evidence of all those relations). Self-loops are left out.
using UndirectedGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                           float, boost::no_property, uint32_t,
                                                           uint32_t>;

// ---------------------------------------------------------------- values returned by queries

// An actor (a row of `entities`).
struct VertexProps {
  int64_t id = 0;   // entities.id
  std::string key;  // "state:RUS"
  std::string name;
  EntityType type = EntityType::kUnknown;
  std::string country;  // ISO 3166 alpha-3 or ""
};

// A relation (a row of `relations`): every triple with the same subject, type, object and
// negation, aggregated. Queries restricted to a date window report the aggregates of the
// evidence inside the window.
struct EdgeProps {
  int64_t id = 0;  // relations.id
  RelationType type = RelationType::kConsult;
  bool negated = false;
  std::string cameo;  // the first code an evidence gave, else the type's default ("" if none)
  int64_t evidence_count = 0;
  std::string first_date;  // "" when unknown
  std::string last_date;
  Modality modality = Modality::kAsserted;  // the strongest of its evidence
};

// One triple that supports a relation, as read from `evidence`.
struct EvidenceRow {
  int64_t id = 0;        // evidence.id
  int64_t relation_id = 0;
  std::string article;   // the article's ext_id
  std::string date;      // event date or ""
  std::string sentence;  // the sentence as written
  Modality modality = Modality::kAsserted;
  bool negated = false;  // the relation's
  std::string trigger;
  std::string subject_mention;
  std::string object_mention;
  std::string cameo;
  std::string mode;
  std::string role;
  double confidence = 1.0;
};

// A relation with both ends and (some of) its evidence: the unit most queries answer with.
struct RelationFact {
  EdgeProps relation;
  VertexProps subject;
  VertexProps object;
  std::vector<EvidenceRow> evidence;  // newest first, at most QueryOptions::max_evidence
};

enum class Direction { kOut, kIn, kBoth };

// Which relations a query keeps. Every condition must hold:
//  - the type is in `types` or its coarse class in `coarse` (both empty: any type);
//  - not negated, unless include_negated;
//  - with a bounded `dates` window, at least one evidence dated inside it (then the
//    relation's aggregates are those of the evidence inside; a graph without a store, read
//    from a file, keeps a relation when [first_date, last_date] overlaps the window);
//  - at least `min_evidence` evidence (counted inside the window when there is one).
// `direction` applies to the queries about one actor (neighbours, timeline, ego network):
// kOut keeps the relations the actor is the subject of, kIn those it is the object of.
struct RelationFilter {
  std::vector<RelationType> types;
  std::vector<std::string> coarse;  // "CONFLICT", "COMMUNICATE" ...
  Direction direction = Direction::kBoth;
  DateRange dates;
  int64_t min_evidence = 1;
  bool include_negated = false;
};

struct QueryOptions {
  int max_evidence = 5;  // evidence rows per relation; negative for all, 0 for none
};

struct PathOptions {
  // false: fewest hops (breadth-first; ties go to the lowest entity ids).
  // true: least total cost, an edge between two actors costing 1 / (their evidence), so
  //       well-attested links are short (Dijkstra).
  bool weighted = false;
  int max_evidence = 5;  // per relation in `hops`
};

struct PathResult {
  std::vector<VertexProps> actors;  // from the first actor to the second, both included
  // hops[i]: the relations (either direction, not negated) linking actors[i] and actors[i+1].
  std::vector<std::vector<RelationFact>> hops;
  double cost = 0;  // the number of hops, or the weighted cost
};

// A part of the graph: what exports write and what ego networks and date windows return.
// Relations carry the aggregates to show (window aggregates when the selection had a date
// window). A Subgraph refers into its KnowledgeGraph and must not outlive it.
struct Subgraph {
  struct Rel {
    Edge edge;
    EdgeRec agg;  // the graph's record, or its window aggregates
  };
  bool whole = false;          // the whole graph: `actors` and `relations` are left empty
  std::vector<Vertex> actors;  // sorted (that is, in entities.id order)
  std::vector<Rel> relations;  // in relations.id order
  std::vector<uint8_t> hops;   // for ego networks: hops[i] is the distance of actors[i]
  bool truncated = false;      // an ego network stopped at its max_actors
};

// A name that matched a search.
struct ActorMatch {
  VertexProps actor;
  std::string alias;  // the alias that matched, as written
  int quality = 0;    // 0: the whole name, 1: a prefix of the name, 2: of a word in it
  int64_t degree = 0; // relations (not negated)
};

struct TimelineEntry {
  EvidenceRow evidence;
  EdgeProps relation;  // the relation's own aggregates
  VertexProps subject;
  VertexProps object;
};

struct Timeline {
  VertexProps actor;
  int64_t total = 0;  // matching evidence rows, before the limit
  std::vector<std::pair<std::string, int64_t>> by_month;  // "YYYY-MM" or "undated", in order
  std::vector<TimelineEntry> entries;  // oldest first, undated last, at most the limit
};

// ---------------------------------------------------------------- the graph

class KnowledgeGraph {
 public:
  // Loads every entity and relation of `store` into memory. `store` is not owned and must
  // outlive the graph. Fails with kCorruption when a row names a relation type or modality
  // this build does not know, a relation points at a missing entity or a date is malformed,
  // or with the store's error when reading fails.
  static Status Load(Store* store, std::unique_ptr<KnowledgeGraph>* out);

  // Builds a graph without a store (from a file, in tests and benchmarks). Evidence,
  // timelines and alias look-ups need a store: without one, evidence lists are empty,
  // ResolveActor matches keys and names only, and date windows use each relation's
  // first and last dates.
  class Builder {
   public:
    Builder();
    ~Builder();
    Builder(const Builder&) = delete;
    Builder& operator=(const Builder&) = delete;

    void Reserve(size_t actors, size_t relations);
    // Adds an actor. Fails with kInvalidInput for an id already added.
    Status AddActor(int64_t id, std::string_view key, std::string_view name, EntityType type,
                    std::string_view country);
    // Adds a relation between two actors given by entities.id (added before or after).
    // Dates are text as ParseDate reads; an empty cameo means the type's default.
    // Fails with kInvalidInput for a malformed date.
    Status AddRelation(int64_t id, int64_t subject, int64_t object, RelationType type,
                       bool negated, std::string_view cameo, int64_t evidence_count,
                       std::string_view first_date, std::string_view last_date,
                       Modality modality);
    // Builds the graph (the builder is left empty). Fails with kInvalidInput when a relation
    // names an actor that was not added or two relations share an id.
    Status Build(std::unique_ptr<KnowledgeGraph>* out);

   private:
    friend class KnowledgeGraph;
    struct Impl;
    std::unique_ptr<Impl> impl_;
  };

  ~KnowledgeGraph();

  const Graph& graph() const { return graph_; }
  size_t num_actors() const { return boost::num_vertices(graph_); }
  size_t num_relations() const { return boost::num_edges(graph_); }
  bool has_store() const { return store_ != nullptr; }
  Store* store() const { return store_; }

  // The bytes the graph holds in memory: records, CSR arrays, names, and the indexes built
  // so far (FindEdge's, Undirected()).
  size_t MemoryBytes() const;

  // ---- records

  std::string_view Key(Vertex v) const;
  std::string_view Name(Vertex v) const;
  std::string_view Country(Vertex v) const;
  // The code of `e` (its first evidence's, else its type's default; "" if none).
  std::string_view Cameo(const EdgeRec& e) const;
  VertexProps Actor(Vertex v) const;
  EdgeProps Props(const EdgeRec& e) const;
  EdgeProps Props(Edge e) const { return Props(graph_[e]); }
  // The fact for relation `e` with the aggregates of `agg` and no evidence.
  RelationFact Fact(Edge e, const EdgeRec& agg) const;

  // Sets *v to the vertex of entities.id `id`; false when there is none.
  bool FindVertex(int64_t id, Vertex* v) const;
  // Sets *e to the edge of relations.id `id`; false when there is none. The first call
  // builds an index (4 to 16 bytes per relation).
  bool FindEdge(int64_t id, Edge* e) const;
  // Copies the actor with entities.id `id` into *out; false when there is none.
  bool FindActor(int64_t id, VertexProps* out) const;

  // ---- names

  // Finds the one actor `name` designates, in French or English: first an exact entity key
  // ("state:RUS"), then an alias whose FoldName equals FoldName(name) ("la Russie", "russia"),
  // then aliases that start with it, or have a word that does ("Lattaq", "Poutine").
  // The first step that matches anything decides. On success *out is the actor. Returns
  // kNotFound when several actors match, listing them in the message and, if given, in
  // *candidates (sorted by name, at most 20). Returns kNotFound too when nothing matches;
  // then the message and *candidates offer suggestions: actors with an alias that contains
  // the name or has a word starting with its first three letters ("Rusia" -> Russia).
  // *out is left alone on failure. Without a store, aliases are the actors' names.
  Status ResolveActor(std::string_view name, VertexProps* out,
                      std::vector<VertexProps>* candidates = nullptr) const;

  // Actors with an alias (any language) that equals `prefix` or starts with it, then those
  // with a word of an alias that starts with it, after folding ("etats" finds États-Unis,
  // "poutine" Vladimir Poutine). One match per actor (its best alias), ordered by quality,
  // then most relations, then name; at most `limit`. An empty or unfoldable prefix gives no
  // match.
  Status SearchActors(std::string_view prefix, size_t limit, std::vector<ActorMatch>* out) const;

  // ---- queries about actors (given by entities.id; kNotFound for an unknown id)

  // The relations of `actor` that pass `filter`, strongest first (most evidence, then
  // latest, then lowest id). A relation of the actor with itself is listed once.
  Status Neighbors(int64_t actor, const RelationFilter& filter, const QueryOptions& options,
                   std::vector<RelationFact>* out) const;

  // The relations between `a` and `b` in both directions (a -> b and b -> a) that pass
  // `filter` (its direction is ignored), strongest first. Empty when there are none.
  Status Between(int64_t a, int64_t b, const RelationFilter& filter, const QueryOptions& options,
                 std::vector<RelationFact>* out) const;

  // The actors within `hops` relations of `center` (following relations that pass `filter`
  // either way, or only outwards/inwards with its direction), and the relations passing
  // `filter` among them. Breadth-first, lowest ids first at equal distance; stops adding
  // actors at `max_actors` (0: no limit) and then sets out->truncated.
  Status EgoNetwork(int64_t center, int hops, const RelationFilter& filter, size_t max_actors,
                    Subgraph* out) const;

  // A shortest chain of actors from `a` to `b`, following relations in either direction and
  // never a negated one. `a == b` gives one actor and no hop. Returns kNotFound for an
  // unknown actor or when no path links them.
  Status ShortestPath(int64_t a, int64_t b, const PathOptions& options, PathResult* out) const;

  // The evidence of `actor`'s relations that pass `filter`, oldest first (undated last), at
  // most `limit` entries (0: all), with the count per month of all that matched. Needs a
  // store (kNotFound otherwise: there is no evidence).
  Status ActorTimeline(int64_t actor, const RelationFilter& filter, size_t limit,
                       Timeline* out) const;

  // ---- the whole graph

  // The relations of the whole graph that pass `filter` (its direction is ignored) and the
  // actors they touch (with keep_isolated, every actor). With a bounded date window the
  // evidence is read from the store in one pass over the evidence_date index.
  Status Select(const RelationFilter& filter, bool keep_isolated, Subgraph* out) const;

  // The undirected simple graph used by paths and betweenness, built on first use.
  const UndirectedGraph& Undirected() const;

  // Reads the evidence of relation `relation_id`, newest first, at most `limit` rows (all
  // when negative), only rows dated inside `dates` when it is bounded. Unknown ids, and a
  // graph without a store, give no rows.
  Status ReadEvidence(int64_t relation_id, int limit, const DateRange& dates,
                      std::vector<EvidenceRow>* out) const;

 private:
  KnowledgeGraph();
  // Reads the relations with ids in [lo, hi] from `db` into `b`.
  static Status ReadRelations(sqlite3* db, int64_t lo, int64_t hi, Builder::Impl* b);
  Status Prepare();
  // Applies `filter` (but not its direction) to `e`. Sets *agg to the aggregates to report.
  Status Keep(Edge e, const RelationFilter& filter, bool* keep, EdgeRec* agg) const;
  Status FactWithEvidence(Edge e, const EdgeRec& agg, const DateRange& dates, int max_evidence,
                          RelationFact* out) const;
  Status AliasMatches(Statement* stmt, std::vector<int64_t>* ids) const;
  Status NameMatches(std::string_view fold, int step, std::vector<int64_t>* ids) const;
  Status WindowAggregates(const DateRange& dates, std::vector<std::pair<int64_t, EdgeRec>>* out)
      const;
  uint16_t InternCameo(std::string_view code);

  Store* store_ = nullptr;
  Graph graph_;
  std::string pool_;                  // actors' keys and names
  std::vector<std::string> cameos_;   // [0] = ""
  std::vector<int64_t> vertex_ids_;   // entities.id by vertex (sorted)
  // Lazily built indexes; mutable because queries build them.
  mutable std::vector<uint32_t> edge_by_id_;  // relations.id - min id -> edge index + 1
  mutable std::vector<std::pair<int64_t, uint32_t>> edge_by_sparse_id_;
  mutable int64_t min_edge_id_ = 0;
  mutable bool edge_index_built_ = false;
  mutable std::unique_ptr<UndirectedGraph> undirected_;
  // Prepared once; mutable because reading steps them.
  mutable Statement evidence_stmt_, key_stmt_, fold_stmt_, prefix_stmt_, suggest_stmt_,
      search_prefix_stmt_, search_word_stmt_, window_stmt_, rel_window_stmt_;
};

// Counts over the whole database.
struct StoreStats {
  int schema_version = 0;
  int64_t articles = 0;
  int64_t entities = 0;
  int64_t aliases = 0;
  int64_t relations = 0;  // including negated ones
  int64_t negated_relations = 0;
  int64_t evidence = 0;
  std::string first_date;  // the earliest and latest article dates, "" when none
  std::string last_date;
  // (name, count), most frequent first.
  std::vector<std::pair<std::string, int64_t>> articles_by_lang;  // "" for unknown
  std::vector<std::pair<std::string, int64_t>> entities_by_type;
  std::vector<std::pair<std::string, int64_t>> relations_by_type;
  std::vector<std::pair<std::string, int64_t>> relations_by_coarse;
};

// Reads the counts of `store` (not owned) straight from SQLite, without loading the graph.
Status ReadStats(Store* store, StoreStats* out);

}  // namespace geokg
