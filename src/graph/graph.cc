#include "geokg/graph/graph.h"

#include <algorithm>
#include <deque>
#include <set>

#include "geokg/common/text.h"
#include "geokg/ontology.h"

namespace geokg {
namespace {

constexpr const char* kSelectEntities =
    "SELECT id, key, name, type, coalesce(country, '') FROM entities ORDER BY id";

constexpr const char* kSelectRelations =
    "SELECT id, subject_id, object_id, type, negated, coalesce(cameo, ''), evidence_count, "
    "       coalesce(first_date, ''), coalesce(last_date, ''), modality "
    "FROM relations ORDER BY id";

constexpr const char* kSelectEvidence =
    "SELECT e.id, a.ext_id, coalesce(e.date, ''), e.sentence, e.modality, "
    "       coalesce(e.trigger, ''), coalesce(e.subject_mention, ''), "
    "       coalesce(e.object_mention, ''), coalesce(e.cameo, ''), coalesce(e.mode, ''), "
    "       coalesce(e.role, ''), e.confidence "
    "FROM evidence e JOIN articles a ON a.id = e.article_id "
    "WHERE e.relation_id = ?1 ORDER BY e.date DESC NULLS LAST, e.id LIMIT ?2";

constexpr const char* kSelectByKey = "SELECT id FROM entities WHERE key = ?1";

constexpr const char* kSelectByFold = "SELECT DISTINCT entity_id FROM aliases WHERE fold = ?1";

// ?1 is the folded query, ?2 the smallest string greater than every string starting with
// it: the range keeps the index usable. The instr() terms find a word that starts with it.
constexpr const char* kSelectByPrefix =
    "SELECT DISTINCT entity_id FROM aliases "
    "WHERE (fold >= ?1 AND fold < ?2) OR instr(fold, ' ' || ?1) > 0 "
    "   OR instr(fold, '-' || ?1) > 0 OR instr(fold, '''' || ?1) > 0";

// Suggestions for a name that matched nothing: aliases that contain it (?1), or that have a
// word starting with its first letters (?2, ?3 as for kSelectByPrefix), to catch typos.
constexpr const char* kSelectSuggestions =
    "SELECT DISTINCT entity_id FROM aliases "
    "WHERE instr(fold, ?1) > 0 OR (fold >= ?2 AND fold < ?3) OR instr(fold, ' ' || ?2) > 0 "
    "   OR instr(fold, '-' || ?2) > 0 "
    "LIMIT 200";

constexpr size_t kMaxCandidates = 20;

// The first `n` code points of `s`, or "" when it has no more than `n`.
std::string Stem(const std::string& s, size_t n) {
  size_t i = 0, count = 0;
  while (i < s.size() && count < n) {
    DecodeUtf8(s, &i);
    ++count;
  }
  return i < s.size() ? s.substr(0, i) : std::string();
}

// Sorted by name, then id, and cut to kMaxCandidates.
std::vector<VertexProps> SortCandidates(std::vector<VertexProps> found) {
  std::sort(found.begin(), found.end(), [](const VertexProps& a, const VertexProps& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  if (found.size() > kMaxCandidates) found.resize(kMaxCandidates);
  return found;
}

// The smallest string greater than all strings with prefix `s` (UTF-8 bytes never reach 0xFF).
std::string PrefixEnd(std::string s) {
  while (!s.empty() && static_cast<unsigned char>(s.back()) == 0xFF) s.pop_back();
  if (!s.empty()) s.back() = static_cast<char>(static_cast<unsigned char>(s.back()) + 1);
  return s;
}

// Strongest first: most evidence, then latest, then oldest id (stable).
bool Stronger(const RelationFact& a, const RelationFact& b) {
  if (a.relation.evidence_count != b.relation.evidence_count)
    return a.relation.evidence_count > b.relation.evidence_count;
  if (a.relation.last_date != b.relation.last_date)
    return a.relation.last_date > b.relation.last_date;
  return a.relation.id < b.relation.id;
}

std::string Describe(const VertexProps& v) {
  std::string out = v.name + " (" + std::string(EntityTypeName(v.type));
  if (!v.key.empty()) out += ", " + v.key;
  return out + ")";
}

}  // namespace

Status KnowledgeGraph::Load(Store* store, std::unique_ptr<KnowledgeGraph>* out) {
  GEOKG_ASSERT(store != nullptr);
  std::unique_ptr<KnowledgeGraph> kg(new KnowledgeGraph(store));
  GEOKG_RETURN_IF_ERROR(kg->LoadAll());
  *out = std::move(kg);
  return Status::Ok();
}

Status KnowledgeGraph::LoadAll() {
  sqlite3* db = store_->Handle();
  const std::pair<Statement*, const char*> prepared[] = {
      {&evidence_stmt_, kSelectEvidence},   {&key_stmt_, kSelectByKey},
      {&fold_stmt_, kSelectByFold},         {&prefix_stmt_, kSelectByPrefix},
      {&suggest_stmt_, kSelectSuggestions},
  };
  for (const auto& [stmt, sql] : prepared) GEOKG_RETURN_IF_ERROR(Statement::Prepare(db, sql, stmt));

  Statement entities;
  GEOKG_RETURN_IF_ERROR(Statement::Prepare(db, kSelectEntities, &entities));
  GEOKG_RETURN_IF_ERROR(entities.ForEachRow([&] {
    VertexProps v;
    v.id = entities.ColumnInt(0);
    v.key = entities.ColumnText(1);
    v.name = entities.ColumnText(2);
    v.type = EntityTypeFromName(entities.ColumnText(3));
    v.country = entities.ColumnText(4);
    const int64_t id = v.id;
    vertex_of_.emplace(id, boost::add_vertex(std::move(v), graph_));
    return Status::Ok();
  }));

  Statement relations;
  GEOKG_RETURN_IF_ERROR(Statement::Prepare(db, kSelectRelations, &relations));
  return relations.ForEachRow([&]() -> Status {
    EdgeProps e;
    e.id = relations.ColumnInt(0);
    const std::string where = "relation " + std::to_string(e.id);
    auto s = vertex_of_.find(relations.ColumnInt(1));
    auto o = vertex_of_.find(relations.ColumnInt(2));
    // Foreign keys make these impossible in a database geokg wrote.
    if (s == vertex_of_.end() || o == vertex_of_.end())
      return Status::Corruption(where + " points at a missing entity");
    const std::string type = relations.ColumnText(3);
    if (!RelationFromName(type, &e.type))
      return Status::Corruption(where + " has an unknown type '" + type + "'");
    e.negated = relations.ColumnInt(4) != 0;
    e.cameo = relations.ColumnText(5);
    if (e.cameo.empty()) e.cameo = std::string(Relation(e.type).cameo);
    e.evidence_count = relations.ColumnInt(6);
    e.first_date = relations.ColumnText(7);
    e.last_date = relations.ColumnText(8);
    const std::string modality = relations.ColumnText(9);
    if (!ModalityFromName(modality, &e.modality))
      return Status::Corruption(where + " has an unknown modality '" + modality + "'");
    boost::add_edge(s->second, o->second, std::move(e), graph_);
    return Status::Ok();
  });
}

const VertexProps* KnowledgeGraph::FindActor(int64_t id) const {
  auto it = vertex_of_.find(id);
  return it == vertex_of_.end() ? nullptr : &graph_[it->second];
}

Status KnowledgeGraph::ReadEvidence(int64_t relation_id, int limit,
                                    std::vector<EvidenceRow>* out) const {
  out->clear();
  Statement& st = evidence_stmt_;
  st.Reset();
  st.BindInt(1, relation_id);
  st.BindInt(2, limit < 0 ? -1 : limit);  // LIMIT -1: no limit
  return st.ForEachRow([&]() -> Status {
    EvidenceRow ev;
    ev.id = st.ColumnInt(0);
    ev.article = st.ColumnText(1);
    ev.date = st.ColumnText(2);
    ev.sentence = st.ColumnText(3);
    if (!ModalityFromName(st.ColumnText(4), &ev.modality)) {
      return Status::Corruption("evidence " + std::to_string(ev.id) + " has an unknown modality");
    }
    ev.trigger = st.ColumnText(5);
    ev.subject_mention = st.ColumnText(6);
    ev.object_mention = st.ColumnText(7);
    ev.cameo = st.ColumnText(8);
    ev.mode = st.ColumnText(9);
    ev.role = st.ColumnText(10);
    ev.confidence = st.ColumnDouble(11);
    out->push_back(std::move(ev));
    return Status::Ok();
  });
}

Status KnowledgeGraph::Fact(Edge e, const QueryOptions& options, RelationFact* out) const {
  out->relation = graph_[e];
  out->subject = graph_[boost::source(e, graph_)];
  out->object = graph_[boost::target(e, graph_)];
  GEOKG_RETURN_IF_ERROR(ReadEvidence(out->relation.id, options.max_evidence, &out->evidence));
  for (EvidenceRow& ev : out->evidence) ev.negated = out->relation.negated;
  return Status::Ok();
}

Status KnowledgeGraph::AliasMatches(Statement* stmt, std::vector<int64_t>* ids) const {
  ids->clear();
  return stmt->ForEachRow([&] {
    if (vertex_of_.count(stmt->ColumnInt(0))) ids->push_back(stmt->ColumnInt(0));
    return Status::Ok();
  });
}

Status KnowledgeGraph::ResolveActor(std::string_view name, VertexProps* out,
                                    std::vector<VertexProps>* candidates) const {
  if (candidates != nullptr) candidates->clear();
  const std::string shown(Trim(name));
  std::vector<int64_t> ids;

  key_stmt_.Reset();
  key_stmt_.BindText(1, shown);
  GEOKG_RETURN_IF_ERROR(AliasMatches(&key_stmt_, &ids));

  const std::string fold = FoldName(shown);
  if (ids.empty() && !fold.empty()) {
    fold_stmt_.Reset();
    fold_stmt_.BindText(1, fold);
    GEOKG_RETURN_IF_ERROR(AliasMatches(&fold_stmt_, &ids));
  }
  if (ids.empty() && !fold.empty()) {
    prefix_stmt_.Reset();
    prefix_stmt_.BindText(1, fold);
    prefix_stmt_.BindText(2, PrefixEnd(fold));
    GEOKG_RETURN_IF_ERROR(AliasMatches(&prefix_stmt_, &ids));
  }

  if (ids.size() == 1) {
    *out = graph_[vertex_of_.at(ids[0])];
    return Status::Ok();
  }
  if (ids.empty()) {
    std::string msg = "no actor matches '" + shown + "'";
    if (fold.empty()) return Status::NotFound(msg);
    const std::string stem = Stem(fold, 3);
    suggest_stmt_.Reset();
    suggest_stmt_.BindText(1, fold);
    // Without a stem (a short name), bind something no fold contains.
    suggest_stmt_.BindText(2, stem.empty() ? std::string("\x01") : stem);
    suggest_stmt_.BindText(3, stem.empty() ? std::string("\x01") : PrefixEnd(stem));
    GEOKG_RETURN_IF_ERROR(AliasMatches(&suggest_stmt_, &ids));
    std::vector<VertexProps> found;
    for (int64_t id : ids) found.push_back(graph_[vertex_of_.at(id)]);
    found = SortCandidates(std::move(found));
    for (size_t i = 0; i < found.size(); ++i)
      msg += (i ? "; " : "; did you mean ") + Describe(found[i]);
    if (!found.empty()) msg += "?";
    if (candidates != nullptr) *candidates = std::move(found);
    return Status::NotFound(msg);
  }

  std::vector<VertexProps> found;
  for (int64_t id : ids) found.push_back(graph_[vertex_of_.at(id)]);
  const size_t total = found.size();
  found = SortCandidates(std::move(found));
  std::string msg = "'" + shown + "' is ambiguous (" + std::to_string(total) + " actors): ";
  for (size_t i = 0; i < found.size(); ++i) msg += (i ? "; " : "") + Describe(found[i]);
  if (total > found.size()) msg += "; ...";
  msg += ". Give a longer name or a key";
  if (candidates != nullptr) *candidates = std::move(found);
  return Status::NotFound(msg);
}

Status KnowledgeGraph::Neighbors(int64_t actor, const NeighborFilter& filter,
                                 const QueryOptions& options,
                                 std::vector<RelationFact>* out) const {
  out->clear();
  auto it = vertex_of_.find(actor);
  if (it == vertex_of_.end()) return Status::NotFound("no actor with id " + std::to_string(actor));
  const Vertex v = it->second;

  auto keep = [&](Edge e) {
    const EdgeProps& p = graph_[e];
    if (p.negated && !options.include_negated) return false;
    if (filter.types.empty() && filter.coarse.empty()) return true;
    if (std::find(filter.types.begin(), filter.types.end(), p.type) != filter.types.end())
      return true;
    const std::string_view coarse = Relation(p.type).coarse;
    return std::find(filter.coarse.begin(), filter.coarse.end(), coarse) != filter.coarse.end();
  };

  std::vector<Edge> edges;
  if (filter.direction != Direction::kIn) {
    for (auto [e, end] = boost::out_edges(v, graph_); e != end; ++e)
      if (keep(*e)) edges.push_back(*e);
  }
  if (filter.direction != Direction::kOut) {
    for (auto [e, end] = boost::in_edges(v, graph_); e != end; ++e) {
      // A self-loop is an out-edge too; list it once.
      if (filter.direction == Direction::kBoth && boost::source(*e, graph_) == v) continue;
      if (keep(*e)) edges.push_back(*e);
    }
  }
  out->resize(edges.size());
  for (size_t i = 0; i < edges.size(); ++i)
    GEOKG_RETURN_IF_ERROR(Fact(edges[i], options, &(*out)[i]));
  std::sort(out->begin(), out->end(), Stronger);
  return Status::Ok();
}

Status KnowledgeGraph::Between(int64_t a, int64_t b, const QueryOptions& options,
                               std::vector<RelationFact>* out) const {
  out->clear();
  auto ia = vertex_of_.find(a), ib = vertex_of_.find(b);
  if (ia == vertex_of_.end()) return Status::NotFound("no actor with id " + std::to_string(a));
  if (ib == vertex_of_.end()) return Status::NotFound("no actor with id " + std::to_string(b));
  const Vertex va = ia->second, vb = ib->second;
  std::vector<Edge> edges;
  for (auto [e, end] = boost::out_edges(va, graph_); e != end; ++e)
    if (boost::target(*e, graph_) == vb) edges.push_back(*e);
  if (va != vb) {
    for (auto [e, end] = boost::out_edges(vb, graph_); e != end; ++e)
      if (boost::target(*e, graph_) == va) edges.push_back(*e);
  }
  for (Edge e : edges) {
    if (graph_[e].negated && !options.include_negated) continue;
    out->emplace_back();
    GEOKG_RETURN_IF_ERROR(Fact(e, options, &out->back()));
  }
  std::sort(out->begin(), out->end(), Stronger);
  return Status::Ok();
}

Status KnowledgeGraph::ShortestPath(int64_t a, int64_t b, const QueryOptions& options,
                                    PathResult* out) const {
  out->actors.clear();
  out->hops.clear();
  auto ia = vertex_of_.find(a), ib = vertex_of_.find(b);
  if (ia == vertex_of_.end()) return Status::NotFound("no actor with id " + std::to_string(a));
  if (ib == vertex_of_.end()) return Status::NotFound("no actor with id " + std::to_string(b));
  const Vertex start = ia->second, goal = ib->second;

  // Breadth-first over edges taken either way. Neighbours are visited in ascending entity id
  // so that ties break the same way on every run.
  const Vertex kNone = Graph::null_vertex();
  std::vector<Vertex> pred(boost::num_vertices(graph_), kNone);
  std::vector<bool> seen(boost::num_vertices(graph_), false);
  std::deque<Vertex> queue{start};
  seen[start] = true;
  std::vector<Vertex> next;
  while (!queue.empty() && !seen[goal]) {
    const Vertex v = queue.front();
    queue.pop_front();
    next.clear();
    for (auto [e, end] = boost::out_edges(v, graph_); e != end; ++e)
      if (!graph_[*e].negated) next.push_back(boost::target(*e, graph_));
    for (auto [e, end] = boost::in_edges(v, graph_); e != end; ++e)
      if (!graph_[*e].negated) next.push_back(boost::source(*e, graph_));
    std::sort(next.begin(), next.end(),
              [&](Vertex x, Vertex y) { return graph_[x].id < graph_[y].id; });
    for (Vertex w : next) {
      if (seen[w]) continue;
      seen[w] = true;
      pred[w] = v;
      queue.push_back(w);
    }
  }
  if (!seen[goal]) {
    return Status::NotFound("no path links " + graph_[start].name + " and " + graph_[goal].name);
  }

  std::vector<Vertex> chain;
  for (Vertex v = goal; v != kNone; v = pred[v]) chain.push_back(v);
  std::reverse(chain.begin(), chain.end());
  for (Vertex v : chain) out->actors.push_back(graph_[v]);

  QueryOptions hop_options = options;
  hop_options.include_negated = false;
  for (size_t i = 0; i + 1 < chain.size(); ++i) {
    out->hops.emplace_back();
    GEOKG_RETURN_IF_ERROR(
        Between(graph_[chain[i]].id, graph_[chain[i + 1]].id, hop_options, &out->hops.back()));
  }
  return Status::Ok();
}

}  // namespace geokg
