// Whole-graph analytics: degree rankings, PageRank, betweenness, single-source distances.
//
// All of them leave negated relations out (a denied meeting links nobody). Results are
// indexed by vertex (KnowledgeGraph::Actor(v) gives the actor). They read only the
// in-memory graph: no store access, so they run on a graph read from a file too.
#pragma once

#include <cstdint>
#include <vector>

#include "geokg/common/status.h"
#include "geokg/graph/graph.h"

namespace geokg {

enum class Measure {
  kDegree,       // relations touching the actor (a self-loop once)
  kInDegree,     // relations it is the object of
  kOutDegree,    // relations it is the subject of
  kEvidence,     // the evidence of the relations touching it
  kPageRank,     // PageRank over subject -> object relations
  kBetweenness,  // betweenness in the undirected graph of actors
};

// Parses "degree", "in", "out", "evidence", "pagerank", "betweenness". False on a miss.
bool MeasureFromName(std::string_view name, Measure* out);
std::string_view MeasureName(Measure m);

// Sets (*out)[v] to the degree measure `m` (kDegree, kInDegree, kOutDegree or kEvidence) of
// each vertex.
void Degrees(const KnowledgeGraph& kg, Measure m, std::vector<double>* out);

struct PageRankOptions {
  double damping = 0.85;
  int max_iterations = 200;
  double tolerance = 1e-10;  // stop when the ranks move less than this in total (L1)
  bool weighted = false;     // weight each relation by its evidence count
  int threads = 1;           // vertices are split between this many threads
};

// PageRank of every vertex over the relations (subject -> object), summing to 1. An actor
// with no outgoing relation spreads its rank over all actors (as igraph does), so the
// result is the standard one with uniform teleportation. Power iteration until the L1
// change drops below options.tolerance or max_iterations; *iterations (if given) is the
// number run. An empty graph gives an empty result.
Status PageRank(const KnowledgeGraph& kg, const PageRankOptions& options, std::vector<double>* out,
                int* iterations = nullptr);

struct BetweennessOptions {
  // 0: exact (Brandes, one breadth-first search per actor: O(actors x relations)).
  // k > 0: estimated from k source actors drawn at random (seeded), scaled by n / k.
  size_t samples = 0;
  uint64_t seed = 1;
  int threads = 1;
};

// Betweenness centrality of every vertex in the undirected simple graph of actors
// (KnowledgeGraph::Undirected(), unweighted), each unordered pair of actors counted once,
// not normalised: the figures igraph's betweenness(directed=False) gives on the same graph.
Status Betweenness(const KnowledgeGraph& kg, const BetweennessOptions& options,
                   std::vector<double>* out);

struct TopOptions {
  Measure measure = Measure::kDegree;
  size_t limit = 20;
  std::vector<EntityType> types;  // keep only actors of these types (empty: all)
  PageRankOptions pagerank;
  BetweennessOptions betweenness;
};

struct ActorScore {
  VertexProps actor;
  double score = 0;
  int64_t degree = 0;  // relations touching it (not negated)
};

// The actors with the highest `options.measure`, highest first (ties: lowest id), at most
// `options.limit`.
Status TopActors(const KnowledgeGraph& kg, const TopOptions& options, std::vector<ActorScore>* out);

// Hops from `source` to every vertex over the undirected graph (UINT32_MAX: unreachable).
void SingleSourceHops(const KnowledgeGraph& kg, Vertex source, std::vector<uint32_t>* out);

// Least weighted cost from `source` to every vertex over the undirected graph (edge cost
// 1 / evidence, see UndirectedGraph); infinity when unreachable.
void SingleSourceCosts(const KnowledgeGraph& kg, Vertex source, std::vector<double>* out);

// Reference versions on Boost.Graph's own algorithms, kept to measure against ours
// (bench/) and to check them (tests):
//  - boost::page_rank for `iterations` iterations on the graph's non-negated relations,
//    scaled to sum to 1 (Boost leaves dangling actors' rank out; the same on graphs
//    without them);
//  - boost::dijkstra_shortest_paths from `source` on the undirected graph;
//  - boost::brandes_betweenness_centrality on the undirected graph (each pair counted in
//    both directions by Boost, halved here).
void BoostPageRank(const KnowledgeGraph& kg, int iterations, std::vector<double>* out);
void BoostSingleSourceCosts(const KnowledgeGraph& kg, Vertex source, std::vector<double>* out);
void BoostBetweenness(const KnowledgeGraph& kg, std::vector<double>* out);

}  // namespace geokg
