// The knowledge graph: actors as vertices, relations as edges, loaded from a Store.
//
// Vertices and edges carry the stable SQLite ids (entities.id, relations.id). Boost vertex and
// edge descriptors are positions in this in-memory copy only: never store or print them.
//
// Thread safety: a KnowledgeGraph is used by one thread at a time (its queries read evidence
// through the Store's connection).
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "geokg/common/status.h"
#include "geokg/model.h"
#include "geokg/store/sqlite.h"
#include "geokg/store/store.h"

namespace geokg {

// An actor (a row of `entities`).
struct VertexProps {
  int64_t id = 0;   // entities.id
  std::string key;  // "state:RUS"
  std::string name;
  EntityType type = EntityType::kUnknown;
  std::string country;  // ISO 3166 alpha-3 or ""
};

// A relation (a row of `relations`): every triple with the same subject, type, object and
// negation, aggregated.
struct EdgeProps {
  int64_t id = 0;  // relations.id
  RelationType type = RelationType::kConsult;
  bool negated = false;
  std::string cameo;  // the first code an evidence gave, else the type's default ("" if none)
  int64_t evidence_count = 0;
  std::string first_date;  // YYYY-MM-DD or ""
  std::string last_date;
  Modality modality = Modality::kAsserted;  // the strongest of its evidence
};

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexProps, EdgeProps>;
using Vertex = Graph::vertex_descriptor;
using Edge = Graph::edge_descriptor;

// One triple that supports a relation, as read from `evidence`.
struct EvidenceRow {
  int64_t id = 0;        // evidence.id
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

// A relation with both ends and (some of) its evidence: the unit every query answers with.
struct RelationFact {
  EdgeProps relation;
  VertexProps subject;
  VertexProps object;
  std::vector<EvidenceRow> evidence;  // newest first, at most QueryOptions::max_evidence
};

enum class Direction { kOut, kIn, kBoth };

struct QueryOptions {
  bool include_negated = false;  // relations the text denies ("did not meet")
  int max_evidence = 5;          // evidence rows per relation; negative for all
};

// Which relations Neighbors keeps. An empty `types` and `coarse` keep every type; otherwise a
// relation is kept when its type is in `types` or its coarse class is in `coarse`.
struct NeighborFilter {
  std::vector<RelationType> types;
  std::vector<std::string> coarse;  // "CONFLICT", "COMMUNICATE" ...
  Direction direction = Direction::kBoth;
};

struct PathResult {
  std::vector<VertexProps> actors;  // from the first actor to the second, both included
  // hops[i]: the relations (either direction, not negated) linking actors[i] and actors[i+1].
  std::vector<std::vector<RelationFact>> hops;
};

class KnowledgeGraph {
 public:
  // Loads every entity and relation of `store` into memory. `store` is not owned and must
  // outlive the graph. Fails with kCorruption when a row names a relation type or modality
  // this build does not know, or with the store's error when reading fails.
  static Status Load(Store* store, std::unique_ptr<KnowledgeGraph>* out);

  const Graph& graph() const { return graph_; }
  size_t num_actors() const { return boost::num_vertices(graph_); }
  size_t num_relations() const { return boost::num_edges(graph_); }

  // The actor with entities.id `id`, or nullptr when there is none. The pointer stays valid
  // as long as the graph.
  const VertexProps* FindActor(int64_t id) const;

  // Finds the one actor `name` designates, in French or English: first an exact entity key
  // ("state:RUS"), then an alias whose FoldName equals FoldName(name) ("la Russie", "russia"),
  // then aliases that start with it, or have a word that does ("Lattaq", "Poutine").
  // The first step that matches anything decides. On success *out is the actor. Returns
  // kNotFound when several actors match, listing them in the message and, if given, in
  // *candidates (sorted by name, at most 20). Returns kNotFound too when nothing matches;
  // then the message and *candidates offer suggestions: actors with an alias that contains
  // the name or has a word starting with its first three letters ("Rusia" -> Russia).
  // *out is left alone on failure.
  Status ResolveActor(std::string_view name, VertexProps* out,
                      std::vector<VertexProps>* candidates = nullptr) const;

  // The relations of `actor` (an entities.id) that pass `filter`, strongest first (most
  // evidence, then latest). Negated relations only with options.include_negated. A relation
  // of the actor with itself is listed once. Returns kNotFound for an unknown actor.
  Status Neighbors(int64_t actor, const NeighborFilter& filter, const QueryOptions& options,
                   std::vector<RelationFact>* out) const;

  // The relations between `a` and `b` in both directions (a -> b and b -> a), strongest
  // first. Empty when there are none. Returns kNotFound for an unknown actor.
  Status Between(int64_t a, int64_t b, const QueryOptions& options,
                 std::vector<RelationFact>* out) const;

  // A shortest chain of actors from `a` to `b`, following relations in either direction and
  // never a negated one (breadth-first; among equal lengths, the first found in id order).
  // `a == b` gives one actor and no hop. Returns kNotFound for an unknown actor or when
  // no path links them. options.include_negated is ignored.
  Status ShortestPath(int64_t a, int64_t b, const QueryOptions& options, PathResult* out) const;

  // Reads the evidence of relation `relation_id`, newest first, at most `limit` rows (all
  // when negative). Unknown ids give no rows.
  Status ReadEvidence(int64_t relation_id, int limit, std::vector<EvidenceRow>* out) const;

 private:
  explicit KnowledgeGraph(Store* store) : store_(store) {}
  Status LoadAll();
  Status Fact(Edge e, const QueryOptions& options, RelationFact* out) const;
  Status AliasMatches(Statement* stmt, std::vector<int64_t>* ids) const;

  Store* store_;
  Graph graph_;
  std::unordered_map<int64_t, Vertex> vertex_of_;  // entities.id -> vertex
  // Prepared once; mutable because reading steps them.
  mutable Statement evidence_stmt_, key_stmt_, fold_stmt_, prefix_stmt_, suggest_stmt_;
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
