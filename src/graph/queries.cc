// Queries over the knowledge graph: neighbours, relations between two actors, ego networks,
// shortest paths, timelines, selections by type and date window.
#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

#include "geokg/graph/graph.h"
#include "geokg/ontology.h"
#include "graph_internal.h"

namespace geokg {
namespace {

constexpr const char* kSelectEvidence =
    "SELECT e.id, e.relation_id, a.ext_id, coalesce(e.date, ''), t.text, e.modality, "
    "       coalesce(e.trigger, ''), coalesce(e.subject_mention, ''), "
    "       coalesce(e.object_mention, ''), coalesce(e.cameo, ''), coalesce(e.mode, ''), "
    "       coalesce(e.role, ''), e.confidence "
    "FROM evidence e JOIN articles a ON a.id = e.article_id "
    "JOIN sentences t ON t.id = e.sentence_id "
    "WHERE e.relation_id = ?1 AND (?3 = '' OR e.date >= ?3) AND (?4 = '~' OR e.date <= ?4) "
    "ORDER BY e.date DESC NULLS LAST, e.id LIMIT ?2";

// The aggregates of one relation's evidence inside a window.
constexpr const char* kRelationWindow =
    "SELECT count(*), coalesce(min(e.date), ''), coalesce(max(e.date), ''), "
    "       coalesce(min(m.rank), 0) "
    "FROM evidence e JOIN modalities m ON m.name = e.modality "
    "WHERE e.relation_id = ?1 AND e.date >= ?2 AND e.date <= ?3";

// The same for every relation with evidence inside a window (the evidence_date index).
constexpr const char* kWindow =
    "SELECT e.relation_id, count(*), min(e.date), max(e.date), min(m.rank) "
    "FROM evidence e JOIN modalities m ON m.name = e.modality "
    "WHERE e.date >= ?1 AND e.date <= ?2 "
    "GROUP BY e.relation_id ORDER BY e.relation_id";

// Reads (count, first, last, rank) columns starting at `col` into `agg`.
Status ReadAggregates(const Statement& st, int col, int64_t relation_id, EdgeRec* agg) {
  const int64_t count = st.ColumnInt(col);
  int32_t first = 0, last = 0;
  if (!ParseDate(st.ColumnView(col + 1), &first) || !ParseDate(st.ColumnView(col + 2), &last)) {
    return Status::Corruption("relation " + std::to_string(relation_id) +
                              " has evidence with a malformed date");
  }
  const int64_t rank = st.ColumnInt(col + 3);
  agg->evidence_count = static_cast<uint32_t>(std::min<int64_t>(count, UINT32_MAX));
  agg->first_date = first;
  agg->last_date = last;
  agg->set(agg->negated(), static_cast<Modality>(std::clamp<int64_t>(rank, 0, 4)));
  return Status::Ok();
}

}  // namespace

// ---------------------------------------------------------------- evidence and filters

Status KnowledgeGraph::ReadEvidence(int64_t relation_id, int limit, const DateRange& dates,
                                    std::vector<EvidenceRow>* out) const {
  out->clear();
  if (store_ == nullptr || limit == 0) return Status::Ok();
  if (!evidence_stmt_.valid()) {
    GEOKG_RETURN_IF_ERROR(Statement::Prepare(store_->Handle(), kSelectEvidence, &evidence_stmt_));
  }
  Statement& st = evidence_stmt_;
  st.Reset();
  st.BindInt(1, relation_id);
  st.BindInt(2, limit < 0 ? -1 : limit);  // LIMIT -1: no limit
  st.BindText(3, internal::LowerBoundText(dates));
  st.BindText(4, internal::UpperBoundText(dates));
  return st.ForEachRow([&]() -> Status {
    EvidenceRow ev;
    ev.id = st.ColumnInt(0);
    ev.relation_id = st.ColumnInt(1);
    ev.article = st.ColumnText(2);
    ev.date = st.ColumnText(3);
    ev.sentence = st.ColumnText(4);
    if (!ModalityFromName(st.ColumnView(5), &ev.modality)) {
      return Status::Corruption("evidence " + std::to_string(ev.id) + " has an unknown modality");
    }
    ev.trigger = st.ColumnText(6);
    ev.subject_mention = st.ColumnText(7);
    ev.object_mention = st.ColumnText(8);
    ev.cameo = st.ColumnText(9);
    ev.mode = st.ColumnText(10);
    ev.role = st.ColumnText(11);
    ev.confidence = st.ColumnDouble(12);
    out->push_back(std::move(ev));
    return Status::Ok();
  });
}

Status KnowledgeGraph::Keep(Edge e, const RelationFilter& filter, bool* keep,
                            EdgeRec* agg) const {
  const EdgeRec& rec = graph_[e];
  *keep = false;
  *agg = rec;
  if (rec.negated() && !filter.include_negated) return Status::Ok();
  if (!internal::TypeMatches(rec, filter)) return Status::Ok();
  if (filter.dates.bounded()) {
    // Cheap rejection on the relation's own span first.
    if (rec.first_date == 0 || rec.last_date < filter.dates.lo || rec.first_date > filter.dates.hi)
      return Status::Ok();
    if (store_ != nullptr) {
      if (!rel_window_stmt_.valid()) {
        GEOKG_RETURN_IF_ERROR(
            Statement::Prepare(store_->Handle(), kRelationWindow, &rel_window_stmt_));
      }
      Statement& st = rel_window_stmt_;
      st.Reset();
      st.BindInt(1, rec.id);
      st.BindText(2, internal::LowerBoundText(filter.dates));
      st.BindText(3, internal::UpperBoundText(filter.dates));
      bool row = false;
      GEOKG_RETURN_IF_ERROR(st.Step(&row));
      if (!row) return Status::Ok();
      GEOKG_RETURN_IF_ERROR(ReadAggregates(st, 0, rec.id, agg));
      st.Reset();
      if (agg->evidence_count == 0) return Status::Ok();
    }
  }
  *keep = static_cast<int64_t>(agg->evidence_count) >= filter.min_evidence;
  return Status::Ok();
}

Status KnowledgeGraph::FactWithEvidence(Edge e, const EdgeRec& agg, const DateRange& dates,
                                        int max_evidence, RelationFact* out) const {
  *out = Fact(e, agg);
  GEOKG_RETURN_IF_ERROR(ReadEvidence(agg.id, max_evidence, dates, &out->evidence));
  for (EvidenceRow& ev : out->evidence) ev.negated = agg.negated();
  return Status::Ok();
}

// ---------------------------------------------------------------- one actor, two actors

Status KnowledgeGraph::Neighbors(int64_t actor, const RelationFilter& filter,
                                 const QueryOptions& options,
                                 std::vector<RelationFact>* out) const {
  out->clear();
  Vertex v;
  if (!FindVertex(actor, &v)) return Status::NotFound("no actor with id " + std::to_string(actor));

  std::vector<std::pair<Edge, EdgeRec>> kept;
  bool keep = false;
  EdgeRec agg;
  if (filter.direction != Direction::kIn) {
    for (auto [e, end] = boost::out_edges(v, graph_); e != end; ++e) {
      GEOKG_RETURN_IF_ERROR(Keep(*e, filter, &keep, &agg));
      if (keep) kept.emplace_back(*e, agg);
    }
  }
  if (filter.direction != Direction::kOut) {
    for (auto [e, end] = boost::in_edges(v, graph_); e != end; ++e) {
      // A self-loop is an out-edge too; list it once.
      if (filter.direction == Direction::kBoth && boost::source(*e, graph_) == v) continue;
      GEOKG_RETURN_IF_ERROR(Keep(*e, filter, &keep, &agg));
      if (keep) kept.emplace_back(*e, agg);
    }
  }
  out->resize(kept.size());
  for (size_t i = 0; i < kept.size(); ++i) {
    GEOKG_RETURN_IF_ERROR(FactWithEvidence(kept[i].first, kept[i].second, filter.dates,
                                           options.max_evidence, &(*out)[i]));
  }
  std::sort(out->begin(), out->end(), internal::Stronger);
  return Status::Ok();
}

Status KnowledgeGraph::Between(int64_t a, int64_t b, const RelationFilter& filter,
                               const QueryOptions& options,
                               std::vector<RelationFact>* out) const {
  out->clear();
  Vertex va, vb;
  if (!FindVertex(a, &va)) return Status::NotFound("no actor with id " + std::to_string(a));
  if (!FindVertex(b, &vb)) return Status::NotFound("no actor with id " + std::to_string(b));
  std::vector<Edge> edges;
  for (auto [e, end] = boost::out_edges(va, graph_); e != end; ++e)
    if (boost::target(*e, graph_) == vb) edges.push_back(*e);
  if (va != vb) {
    for (auto [e, end] = boost::out_edges(vb, graph_); e != end; ++e)
      if (boost::target(*e, graph_) == va) edges.push_back(*e);
  }
  bool keep = false;
  EdgeRec agg;
  for (Edge e : edges) {
    GEOKG_RETURN_IF_ERROR(Keep(e, filter, &keep, &agg));
    if (!keep) continue;
    out->emplace_back();
    GEOKG_RETURN_IF_ERROR(
        FactWithEvidence(e, agg, filter.dates, options.max_evidence, &out->back()));
  }
  std::sort(out->begin(), out->end(), internal::Stronger);
  return Status::Ok();
}

// ---------------------------------------------------------------- ego networks

Status KnowledgeGraph::EgoNetwork(int64_t center, int hops, const RelationFilter& filter,
                                  size_t max_actors, Subgraph* out) const {
  *out = Subgraph();
  Vertex c;
  if (!FindVertex(center, &c)) return Status::NotFound("no actor with id " + std::to_string(center));
  if (hops < 0) hops = 0;

  // Decisions per edge, kept because each edge is looked at from both ends.
  std::unordered_map<uint32_t, std::pair<bool, EdgeRec>> decided;
  auto keep_edge = [&](Edge e, bool* keep, EdgeRec* agg) -> Status {
    auto it = decided.find(e.idx);
    if (it != decided.end()) {
      *keep = it->second.first;
      *agg = it->second.second;
      return Status::Ok();
    }
    GEOKG_RETURN_IF_ERROR(Keep(e, filter, keep, agg));
    decided.emplace(e.idx, std::make_pair(*keep, *agg));
    return Status::Ok();
  };

  std::unordered_map<Vertex, uint8_t> dist{{c, 0}};
  std::vector<Vertex> frontier{c}, next;
  bool keep = false;
  EdgeRec agg;
  for (int level = 1; level <= hops && !frontier.empty() && !out->truncated; ++level) {
    next.clear();
    for (Vertex u : frontier) {
      if (filter.direction != Direction::kIn) {
        for (auto [e, end] = boost::out_edges(u, graph_); e != end; ++e) {
          const Vertex w = boost::target(*e, graph_);
          if (dist.count(w)) continue;
          GEOKG_RETURN_IF_ERROR(keep_edge(*e, &keep, &agg));
          if (keep) next.push_back(w);
        }
      }
      if (filter.direction != Direction::kOut) {
        for (auto [e, end] = boost::in_edges(u, graph_); e != end; ++e) {
          const Vertex w = boost::source(*e, graph_);
          if (dist.count(w)) continue;
          GEOKG_RETURN_IF_ERROR(keep_edge(*e, &keep, &agg));
          if (keep) next.push_back(w);
        }
      }
    }
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    if (max_actors > 0 && dist.size() + next.size() > max_actors) {
      next.resize(max_actors > dist.size() ? max_actors - dist.size() : 0);
      out->truncated = true;
    }
    for (Vertex w : next) dist.emplace(w, static_cast<uint8_t>(std::min(level, 255)));
    frontier.swap(next);
  }

  out->actors.reserve(dist.size());
  for (const auto& [v, d] : dist) out->actors.push_back(v);
  std::sort(out->actors.begin(), out->actors.end());
  out->hops.reserve(out->actors.size());
  for (Vertex v : out->actors) out->hops.push_back(dist[v]);
  // The relations among them that pass the filter.
  for (Vertex u : out->actors) {
    for (auto [e, end] = boost::out_edges(u, graph_); e != end; ++e) {
      if (!dist.count(boost::target(*e, graph_))) continue;
      GEOKG_RETURN_IF_ERROR(keep_edge(*e, &keep, &agg));
      if (keep) out->relations.push_back({*e, agg});
    }
  }
  std::sort(out->relations.begin(), out->relations.end(),
            [](const Subgraph::Rel& x, const Subgraph::Rel& y) { return x.agg.id < y.agg.id; });
  return Status::Ok();
}

// ---------------------------------------------------------------- the undirected graph

const UndirectedGraph& KnowledgeGraph::Undirected() const {
  if (undirected_) return *undirected_;
  const uint32_t n = static_cast<uint32_t>(num_actors());
  std::vector<uint32_t> sources, targets;
  std::vector<float> weights;
  sources.reserve(2 * num_relations());
  targets.reserve(2 * num_relations());
  weights.reserve(2 * num_relations());
  // Per vertex: its neighbours either way with the evidence of all the relations joining
  // them, merged; the rows come out sorted by (source, target).
  std::vector<std::pair<uint32_t, uint64_t>> nb;
  for (uint32_t u = 0; u < n; ++u) {
    nb.clear();
    for (auto [e, end] = boost::out_edges(u, graph_); e != end; ++e) {
      const EdgeRec& r = graph_[*e];
      const uint32_t w = boost::target(*e, graph_);
      if (!r.negated() && w != u) nb.emplace_back(w, std::max<uint32_t>(r.evidence_count, 1));
    }
    for (auto [e, end] = boost::in_edges(u, graph_); e != end; ++e) {
      const EdgeRec& r = graph_[*e];
      const uint32_t w = boost::source(*e, graph_);
      if (!r.negated() && w != u) nb.emplace_back(w, std::max<uint32_t>(r.evidence_count, 1));
    }
    std::sort(nb.begin(), nb.end());
    for (size_t i = 0; i < nb.size();) {
      uint64_t total = 0;
      size_t j = i;
      for (; j < nb.size() && nb[j].first == nb[i].first; ++j) total += nb[j].second;
      sources.push_back(u);
      targets.push_back(nb[i].first);
      weights.push_back(1.0f / static_cast<float>(total));
      i = j;
    }
  }
  undirected_ = std::make_unique<UndirectedGraph>(boost::construct_inplace_from_sources_and_targets,
                                                  sources, targets, weights, n);
  return *undirected_;
}

// ---------------------------------------------------------------- paths

Status KnowledgeGraph::ShortestPath(int64_t a, int64_t b, const PathOptions& options,
                                    PathResult* out) const {
  out->actors.clear();
  out->hops.clear();
  out->cost = 0;
  Vertex start, goal;
  if (!FindVertex(a, &start)) return Status::NotFound("no actor with id " + std::to_string(a));
  if (!FindVertex(b, &goal)) return Status::NotFound("no actor with id " + std::to_string(b));

  const UndirectedGraph& u = Undirected();
  const uint32_t n = static_cast<uint32_t>(num_actors());
  constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
  std::vector<uint32_t> pred(n, kNone);
  bool found = start == goal;
  if (!options.weighted) {
    // Breadth-first; neighbour lists are sorted, so ties go to the lowest ids.
    std::vector<uint32_t> queue{start};
    pred[start] = start;
    for (size_t head = 0; head < queue.size() && !found; ++head) {
      const uint32_t x = queue[head];
      for (auto [it, end] = boost::adjacent_vertices(x, u); it != end; ++it) {
        const uint32_t y = *it;
        if (pred[y] != kNone) continue;
        pred[y] = x;
        if (y == goal) {
          found = true;
          break;
        }
        queue.push_back(y);
      }
    }
  } else {
    // Dijkstra, stopping at the goal.
    std::vector<double> dist;
    found = internal::Dijkstra(u, start, goal, &dist, &pred);
    if (found) out->cost = dist[goal];
  }
  if (!found) {
    return Status::NotFound("no path links " + std::string(Name(start)) + " and " +
                            std::string(Name(goal)));
  }

  std::vector<Vertex> chain{goal};
  while (chain.back() != start) chain.push_back(pred[chain.back()]);
  std::reverse(chain.begin(), chain.end());
  if (!options.weighted) out->cost = static_cast<double>(chain.size() - 1);
  for (Vertex v : chain) out->actors.push_back(Actor(v));

  RelationFilter not_negated;
  QueryOptions hop_options;
  hop_options.max_evidence = options.max_evidence;
  for (size_t i = 0; i + 1 < chain.size(); ++i) {
    out->hops.emplace_back();
    GEOKG_RETURN_IF_ERROR(Between(graph_[chain[i]].id, graph_[chain[i + 1]].id, not_negated,
                                  hop_options, &out->hops.back()));
  }
  return Status::Ok();
}

// ---------------------------------------------------------------- timelines

Status KnowledgeGraph::ActorTimeline(int64_t actor, const RelationFilter& filter, size_t limit,
                                     Timeline* out) const {
  *out = Timeline();
  Vertex v;
  if (!FindVertex(actor, &v)) return Status::NotFound("no actor with id " + std::to_string(actor));
  out->actor = Actor(v);
  if (store_ == nullptr) {
    return Status::NotFound("a graph read from a file has no evidence, hence no timeline");
  }
  std::vector<RelationFact> facts;
  QueryOptions all;
  all.max_evidence = -1;
  GEOKG_RETURN_IF_ERROR(Neighbors(actor, filter, all, &facts));

  std::map<std::string, int64_t> months;
  std::vector<TimelineEntry> entries;
  for (RelationFact& f : facts) {
    EdgeProps relation;
    Edge e;
    relation = FindEdge(f.relation.id, &e) ? Props(e) : f.relation;
    for (EvidenceRow& ev : f.evidence) {
      ++months[ev.date.size() >= 7 ? ev.date.substr(0, 7) : ev.date.empty() ? "undated" : ev.date];
      TimelineEntry entry;
      entry.evidence = std::move(ev);
      entry.relation = relation;
      entry.subject = f.subject;
      entry.object = f.object;
      entries.push_back(std::move(entry));
    }
  }
  out->total = static_cast<int64_t>(entries.size());
  // Oldest first, undated last, then by evidence id.
  auto earlier = [](const TimelineEntry& x, const TimelineEntry& y) {
    const std::string& a = x.evidence.date;
    const std::string& b = y.evidence.date;
    if (a.empty() != b.empty()) return b.empty();
    if (a != b) return a < b;
    return x.evidence.id < y.evidence.id;
  };
  if (limit > 0 && entries.size() > limit) {
    std::partial_sort(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(limit),
                      entries.end(), earlier);
    entries.resize(limit);
  } else {
    std::sort(entries.begin(), entries.end(), earlier);
  }
  out->entries = std::move(entries);
  for (auto& [month, count] : months) {
    if (month != "undated") out->by_month.emplace_back(month, count);
  }
  if (months.count("undated")) out->by_month.emplace_back("undated", months["undated"]);
  return Status::Ok();
}

// ---------------------------------------------------------------- selections

Status KnowledgeGraph::WindowAggregates(const DateRange& dates,
                                        std::vector<std::pair<int64_t, EdgeRec>>* out) const {
  out->clear();
  if (!window_stmt_.valid())
    GEOKG_RETURN_IF_ERROR(Statement::Prepare(store_->Handle(), kWindow, &window_stmt_));
  Statement& st = window_stmt_;
  st.Reset();
  st.BindText(1, internal::LowerBoundText(dates));
  st.BindText(2, internal::UpperBoundText(dates));
  return st.ForEachRow([&]() -> Status {
    const int64_t id = st.ColumnInt(0);
    EdgeRec agg;
    GEOKG_RETURN_IF_ERROR(ReadAggregates(st, 1, id, &agg));
    out->emplace_back(id, agg);
    return Status::Ok();
  });
}

Status KnowledgeGraph::Select(const RelationFilter& filter, bool keep_isolated,
                              Subgraph* out) const {
  *out = Subgraph();
  const bool everything = filter.types.empty() && filter.coarse.empty() &&
                          filter.include_negated && !filter.dates.bounded() &&
                          filter.min_evidence <= 0;
  if (everything && keep_isolated) {
    out->whole = true;
    return Status::Ok();
  }
  if (filter.dates.bounded() && store_ != nullptr) {
    std::vector<std::pair<int64_t, EdgeRec>> window;
    GEOKG_RETURN_IF_ERROR(WindowAggregates(filter.dates, &window));
    for (auto& [id, agg] : window) {
      Edge e;
      if (!FindEdge(id, &e)) continue;  // written after the graph was loaded
      const EdgeRec& rec = graph_[e];
      if (rec.negated() && !filter.include_negated) continue;
      if (!internal::TypeMatches(rec, filter)) continue;
      EdgeRec shown = rec;
      shown.evidence_count = agg.evidence_count;
      shown.first_date = agg.first_date;
      shown.last_date = agg.last_date;
      shown.set(rec.negated(), agg.modality());
      if (static_cast<int64_t>(shown.evidence_count) < filter.min_evidence) continue;
      out->relations.push_back({e, shown});
    }
  } else {
    bool keep = false;
    EdgeRec agg;
    for (auto [e, end] = boost::edges(graph_); e != end; ++e) {
      GEOKG_RETURN_IF_ERROR(Keep(*e, filter, &keep, &agg));
      if (keep) out->relations.push_back({*e, agg});
    }
    std::sort(out->relations.begin(), out->relations.end(),
              [](const Subgraph::Rel& x, const Subgraph::Rel& y) { return x.agg.id < y.agg.id; });
  }
  if (keep_isolated) {
    out->actors.resize(num_actors());
    for (uint32_t v = 0; v < num_actors(); ++v) out->actors[v] = v;
  } else {
    std::vector<bool> touched(num_actors(), false);
    for (const Subgraph::Rel& r : out->relations) {
      touched[boost::source(r.edge, graph_)] = true;
      touched[boost::target(r.edge, graph_)] = true;
    }
    for (uint32_t v = 0; v < num_actors(); ++v)
      if (touched[v]) out->actors.push_back(v);
  }
  return Status::Ok();
}

}  // namespace geokg
