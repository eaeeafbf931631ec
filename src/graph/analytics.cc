// Degree rankings, PageRank, betweenness and single-source distances, and the Boost.Graph
// reference versions they are measured against.
#include "geokg/graph/analytics.h"

#include <algorithm>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/dijkstra_shortest_paths_no_color_map.hpp>
#include <boost/graph/page_rank.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <thread>

#include "graph_internal.h"

namespace geokg {
namespace {

constexpr std::pair<Measure, std::string_view> kMeasures[] = {
    {Measure::kDegree, "degree"},     {Measure::kInDegree, "in"},
    {Measure::kOutDegree, "out"},     {Measure::kEvidence, "evidence"},
    {Measure::kPageRank, "pagerank"}, {Measure::kBetweenness, "betweenness"},
};

// Runs fn(begin, end, part) over [0, n) split into `threads` contiguous parts.
void ParallelFor(uint32_t n, int threads, const std::function<void(uint32_t, uint32_t, int)>& fn) {
  threads = std::max(1, std::min<int>(threads, static_cast<int>(std::max<uint32_t>(n, 1))));
  if (threads == 1) {
    fn(0, n, 0);
    return;
  }
  std::vector<std::thread> pool;
  const uint32_t step = (n + static_cast<uint32_t>(threads) - 1) / static_cast<uint32_t>(threads);
  for (int t = 0; t < threads; ++t) {
    const uint32_t b = std::min<uint32_t>(n, static_cast<uint32_t>(t) * step);
    const uint32_t e = std::min<uint32_t>(n, b + step);
    pool.emplace_back(fn, b, e, t);
  }
  for (std::thread& th : pool) th.join();
}

// The non-negated relations as an in-adjacency: for vertex v, sources
// src[off[v] .. off[v+1]) with weights w (empty when unweighted), and each vertex's total
// outgoing weight.
struct InAdjacency {
  std::vector<uint32_t> off;
  std::vector<uint32_t> src;
  std::vector<float> w;
  std::vector<double> out_weight;
};

InAdjacency BuildInAdjacency(const KnowledgeGraph& kg, bool weighted) {
  const Graph& g = kg.graph();
  const uint32_t n = static_cast<uint32_t>(kg.num_actors());
  InAdjacency a;
  a.off.assign(n + 1, 0);
  a.src.reserve(kg.num_relations());
  if (weighted) a.w.reserve(kg.num_relations());
  a.out_weight.assign(n, 0.0);
  for (uint32_t v = 0; v < n; ++v) {
    for (auto [e, end] = boost::in_edges(v, g); e != end; ++e) {
      const EdgeRec& r = g[*e];
      if (r.negated()) continue;
      const uint32_t u = boost::source(*e, g);
      const double weight = weighted ? std::max<double>(r.evidence_count, 1) : 1.0;
      a.src.push_back(u);
      if (weighted) a.w.push_back(static_cast<float>(weight));
      a.out_weight[u] += weight;
    }
    a.off[v + 1] = static_cast<uint32_t>(a.src.size());
  }
  return a;
}

// Brandes' accumulation from `sources` into `bc` over the undirected graph.
void BrandesFrom(const UndirectedGraph& u, const std::vector<uint32_t>& sources, size_t begin,
                 size_t end, std::vector<double>* bc) {
  const uint32_t n = static_cast<uint32_t>(boost::num_vertices(u));
  std::vector<int32_t> dist(n, -1);
  std::vector<double> sigma(n, 0.0), delta(n, 0.0);
  std::vector<uint32_t> order;
  order.reserve(n);
  const auto& rowstart = u.m_forward.m_rowstart;
  const auto& column = u.m_forward.m_column;
  for (size_t i = begin; i < end; ++i) {
    const uint32_t s = sources[i];
    order.clear();
    order.push_back(s);
    dist[s] = 0;
    sigma[s] = 1;
    for (size_t head = 0; head < order.size(); ++head) {
      const uint32_t x = order[head];
      const int32_t dx = dist[x] + 1;
      for (uint32_t k = rowstart[x]; k < rowstart[x + 1]; ++k) {
        const uint32_t y = column[k];
        if (dist[y] < 0) {
          dist[y] = dx;
          order.push_back(y);
        }
        if (dist[y] == dx) sigma[y] += sigma[x];
      }
    }
    for (size_t j = order.size(); j-- > 1;) {
      const uint32_t w = order[j];
      const double coeff = (1.0 + delta[w]) / sigma[w];
      const int32_t dw = dist[w] - 1;
      for (uint32_t k = rowstart[w]; k < rowstart[w + 1]; ++k) {
        const uint32_t v = column[k];
        if (dist[v] == dw) delta[v] += sigma[v] * coeff;
      }
      (*bc)[w] += delta[w];
    }
    for (uint32_t x : order) {
      dist[x] = -1;
      sigma[x] = 0;
      delta[x] = 0;
    }
  }
}

}  // namespace

bool MeasureFromName(std::string_view name, Measure* out) {
  for (const auto& [m, n] : kMeasures) {
    if (n == name) {
      *out = m;
      return true;
    }
  }
  return false;
}

std::string_view MeasureName(Measure m) {
  for (const auto& [mm, n] : kMeasures)
    if (mm == m) return n;
  return "degree";
}

void Degrees(const KnowledgeGraph& kg, Measure m, std::vector<double>* out) {
  const Graph& g = kg.graph();
  const uint32_t n = static_cast<uint32_t>(kg.num_actors());
  out->assign(n, 0.0);
  for (uint32_t v = 0; v < n; ++v) {
    double total = 0;
    if (m != Measure::kInDegree) {
      for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
        const EdgeRec& r = g[*e];
        if (!r.negated()) total += m == Measure::kEvidence ? r.evidence_count : 1;
      }
    }
    if (m != Measure::kOutDegree) {
      for (auto [e, end] = boost::in_edges(v, g); e != end; ++e) {
        const EdgeRec& r = g[*e];
        // A self-loop was counted as an out-edge (except for the in-degree).
        if (r.negated() || (m != Measure::kInDegree && boost::source(*e, g) == v)) continue;
        total += m == Measure::kEvidence ? r.evidence_count : 1;
      }
    }
    (*out)[v] = total;
  }
}

Status PageRank(const KnowledgeGraph& kg, const PageRankOptions& options, std::vector<double>* out,
                int* iterations) {
  const uint32_t n = static_cast<uint32_t>(kg.num_actors());
  out->assign(n, n ? 1.0 / n : 0.0);
  if (iterations != nullptr) *iterations = 0;
  if (n == 0) return Status::Ok();
  if (!(options.damping >= 0 && options.damping < 1))
    return Status::Usage("the damping factor must be in [0, 1)");
  const InAdjacency a = BuildInAdjacency(kg, options.weighted);
  const double d = options.damping;
  std::vector<double>& x = *out;
  std::vector<double> next(n), y(n);
  const int threads = std::max(1, options.threads);
  std::vector<double> dangling_part(static_cast<size_t>(threads)), diff_part(static_cast<size_t>(threads));
  int run = 0;
  for (; run < options.max_iterations; ++run) {
    ParallelFor(n, threads, [&](uint32_t b, uint32_t e, int t) {
      double dangling = 0;
      for (uint32_t u = b; u < e; ++u) {
        if (a.out_weight[u] > 0) {
          y[u] = x[u] / a.out_weight[u];
        } else {
          y[u] = 0;
          dangling += x[u];
        }
      }
      dangling_part[static_cast<size_t>(t)] = dangling;
    });
    double dangling = 0;
    for (double p : dangling_part) dangling += p;
    const double base = (1.0 - d) / n + d * dangling / n;
    ParallelFor(n, threads, [&](uint32_t b, uint32_t e, int t) {
      double diff = 0;
      for (uint32_t v = b; v < e; ++v) {
        double sum = 0;
        if (a.w.empty()) {
          for (uint32_t k = a.off[v]; k < a.off[v + 1]; ++k) sum += y[a.src[k]];
        } else {
          for (uint32_t k = a.off[v]; k < a.off[v + 1]; ++k) sum += y[a.src[k]] * a.w[k];
        }
        next[v] = base + d * sum;
        diff += std::fabs(next[v] - x[v]);
      }
      diff_part[static_cast<size_t>(t)] = diff;
    });
    x.swap(next);
    double diff = 0;
    for (double p : diff_part) diff += p;
    if (diff < options.tolerance) {
      ++run;
      break;
    }
  }
  // Rounding drifts the total a little: renormalise.
  const double total = std::accumulate(x.begin(), x.end(), 0.0);
  if (total > 0)
    for (double& r : x) r /= total;
  if (iterations != nullptr) *iterations = run;
  return Status::Ok();
}

Status Betweenness(const KnowledgeGraph& kg, const BetweennessOptions& options,
                   std::vector<double>* out) {
  const UndirectedGraph& u = kg.Undirected();
  const uint32_t n = static_cast<uint32_t>(boost::num_vertices(u));
  out->assign(n, 0.0);
  if (n == 0) return Status::Ok();
  std::vector<uint32_t> sources(n);
  std::iota(sources.begin(), sources.end(), 0u);
  double scale = 0.5;  // every unordered pair is reached from both ends
  if (options.samples > 0 && options.samples < n) {
    std::mt19937_64 rng(options.seed);
    for (size_t i = 0; i < options.samples; ++i) {
      std::uniform_int_distribution<size_t> pick(i, n - 1);
      std::swap(sources[i], sources[pick(rng)]);
    }
    sources.resize(options.samples);
    scale *= static_cast<double>(n) / static_cast<double>(options.samples);
  }
  const int threads = std::max(1, std::min<int>(options.threads, static_cast<int>(sources.size())));
  std::vector<std::vector<double>> parts(static_cast<size_t>(threads), std::vector<double>());
  std::vector<std::thread> pool;
  const size_t step = (sources.size() + static_cast<size_t>(threads) - 1) / static_cast<size_t>(threads);
  for (int t = 0; t < threads; ++t) {
    const size_t b = std::min(sources.size(), static_cast<size_t>(t) * step);
    const size_t e = std::min(sources.size(), b + step);
    std::vector<double>* bc = t == 0 ? out : &parts[static_cast<size_t>(t)];
    if (t > 0) bc->assign(n, 0.0);
    if (threads == 1) {
      BrandesFrom(u, sources, b, e, bc);
    } else {
      pool.emplace_back([&u, &sources, b, e, bc] { BrandesFrom(u, sources, b, e, bc); });
    }
  }
  for (std::thread& th : pool) th.join();
  for (int t = 1; t < threads; ++t)
    for (uint32_t v = 0; v < n; ++v) (*out)[v] += parts[static_cast<size_t>(t)][v];
  for (double& b : *out) b *= scale;
  return Status::Ok();
}

Status TopActors(const KnowledgeGraph& kg, const TopOptions& options,
                 std::vector<ActorScore>* out) {
  out->clear();
  std::vector<double> score;
  switch (options.measure) {
    case Measure::kPageRank:
      GEOKG_RETURN_IF_ERROR(PageRank(kg, options.pagerank, &score));
      break;
    case Measure::kBetweenness:
      GEOKG_RETURN_IF_ERROR(Betweenness(kg, options.betweenness, &score));
      break;
    default:
      Degrees(kg, options.measure, &score);
  }
  std::vector<double> degree;
  Degrees(kg, Measure::kDegree, &degree);
  const Graph& g = kg.graph();
  std::vector<uint32_t> order;
  order.reserve(score.size());
  for (uint32_t v = 0; v < score.size(); ++v) {
    if (!options.types.empty() &&
        std::find(options.types.begin(), options.types.end(), g[v].type) == options.types.end())
      continue;
    order.push_back(v);
  }
  // Vertices are in id order, so the lower vertex is the lower id.
  auto higher = [&](uint32_t a, uint32_t b) { return score[a] != score[b] ? score[a] > score[b] : a < b; };
  const size_t k = std::min(order.size(), options.limit);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    higher);
  for (size_t i = 0; i < k; ++i) {
    ActorScore s;
    s.actor = kg.Actor(order[i]);
    s.score = score[order[i]];
    s.degree = static_cast<int64_t>(degree[order[i]]);
    out->push_back(std::move(s));
  }
  return Status::Ok();
}

void SingleSourceHops(const KnowledgeGraph& kg, Vertex source, std::vector<uint32_t>* out) {
  const UndirectedGraph& u = kg.Undirected();
  const uint32_t n = static_cast<uint32_t>(boost::num_vertices(u));
  constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  out->assign(n, kNone);
  if (source >= n) return;
  const auto& rowstart = u.m_forward.m_rowstart;
  const auto& column = u.m_forward.m_column;
  std::vector<uint32_t> queue;
  queue.reserve(n);
  queue.push_back(source);
  (*out)[source] = 0;
  for (size_t head = 0; head < queue.size(); ++head) {
    const uint32_t x = queue[head];
    const uint32_t dx = (*out)[x] + 1;
    for (uint32_t k = rowstart[x]; k < rowstart[x + 1]; ++k) {
      const uint32_t y = column[k];
      if ((*out)[y] == kNone) {
        (*out)[y] = dx;
        queue.push_back(y);
      }
    }
  }
}

void SingleSourceCosts(const KnowledgeGraph& kg, Vertex source, std::vector<double>* out) {
  internal::Dijkstra(kg.Undirected(), source, std::numeric_limits<uint32_t>::max(), out, nullptr);
}

void BoostPageRank(const KnowledgeGraph& kg, int iterations, std::vector<double>* out) {
  using Plain = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property,
                                                   boost::no_property, boost::no_property,
                                                   uint32_t, uint32_t>;
  const Graph& g = kg.graph();
  std::vector<std::pair<uint32_t, uint32_t>> ends;
  ends.reserve(kg.num_relations());
  for (auto [e, end] = boost::edges(g); e != end; ++e)
    if (!g[*e].negated()) ends.emplace_back(boost::source(*e, g), boost::target(*e, g));
  const Plain p(boost::edges_are_unsorted_multi_pass, ends.begin(), ends.end(),
                static_cast<uint32_t>(kg.num_actors()));
  out->assign(kg.num_actors(), 0.0);
  if (out->empty()) return;
  boost::graph::page_rank(
      p, boost::make_iterator_property_map(out->begin(), boost::get(boost::vertex_index, p)),
      boost::graph::n_iterations(static_cast<size_t>(iterations)), 0.85);
  const double total = std::accumulate(out->begin(), out->end(), 0.0);
  if (total > 0)
    for (double& r : *out) r /= total;
}

void BoostSingleSourceCosts(const KnowledgeGraph& kg, Vertex source, std::vector<double>* out) {
  const UndirectedGraph& u = kg.Undirected();
  out->assign(boost::num_vertices(u), std::numeric_limits<double>::infinity());
  if (source >= out->size()) return;
  std::vector<double> weights(u.m_forward.m_edge_properties.begin(),
                              u.m_forward.m_edge_properties.end());
  boost::dijkstra_shortest_paths_no_color_map(
      u, source,
      boost::distance_map(boost::make_iterator_property_map(out->begin(),
                                                            boost::get(boost::vertex_index, u)))
          .weight_map(boost::make_iterator_property_map(weights.begin(),
                                                        boost::get(boost::edge_index, u))));
}

void BoostBetweenness(const KnowledgeGraph& kg, std::vector<double>* out) {
  const UndirectedGraph& u = kg.Undirected();
  out->assign(boost::num_vertices(u), 0.0);
  if (out->empty()) return;
  boost::brandes_betweenness_centrality(
      u, boost::centrality_map(boost::make_iterator_property_map(
             out->begin(), boost::get(boost::vertex_index, u))));
  for (double& b : *out) b /= 2;
}

}  // namespace geokg
