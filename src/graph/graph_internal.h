// Helpers shared by the graph module's files. Internal: not part of the public API.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "geokg/graph/graph.h"
#include "geokg/ontology.h"

namespace geokg::internal {

// Appends the decimal form of `v` to `out`.
template <typename Int>
inline void AppendInt(std::string* out, Int v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  (void)ec;
  out->append(buf, static_cast<size_t>(end - buf));
}

// Appends the text form of a packed date (see FormatDate); nothing for 0.
void AppendDate(std::string* out, int32_t packed);

// The text that bounds `range` in SQL comparisons with stored date text: every stored date
// d inside the range has lo_text <= d <= hi_text. lo_text is "" when open, hi_text "~".
std::string LowerBoundText(const DateRange& range);
std::string UpperBoundText(const DateRange& range);

// Strongest first: most evidence, then latest, then oldest id (stable).
bool Stronger(const RelationFact& a, const RelationFact& b);

// Whether the type of `e` passes the type/class part of `filter`.
bool TypeMatches(const EdgeRec& e, const RelationFilter& filter);

// A growable output buffer for the streaming writers: text is appended to it and written to
// the stream in large blocks.
class OutBuffer {
 public:
  explicit OutBuffer(std::ostream& os, size_t block = 1 << 20) : os_(os), block_(block) {
    buf_.reserve(block + 4096);
  }
  std::string& str() { return buf_; }
  void Append(std::string_view s) { buf_.append(s); }
  void Append(char c) { buf_.push_back(c); }
  // Writes the buffer out when it holds a block or more. False when the stream failed.
  bool MaybeFlush() {
    if (buf_.size() >= block_) return Flush();
    return static_cast<bool>(os_);
  }
  bool Flush();

 private:
  std::ostream& os_;
  size_t block_;
  std::string buf_;
};

// Appends `s` escaped for XML text and attribute values (see XmlEscape), fast when nothing
// needs escaping.
void AppendXml(std::string* out, std::string_view s);

// Dijkstra over the undirected graph's CSR arrays with an indexed 4-ary heap (decrease-key,
// no stale entries): fills dist (infinity when unreachable) and pred (UINT32_MAX for none;
// the source is its own), and stops as soon as `goal` is settled (UINT32_MAX: never).
// Returns true when `goal` was reached.
bool Dijkstra(const UndirectedGraph& u, uint32_t source, uint32_t goal, std::vector<double>* dist,
              std::vector<uint32_t>* pred);

// Calls fn(vertex, hops) for each actor of `sg` (hops: -1 unless `sg` is an ego network)
// and returns false as soon as fn does.
template <typename Fn>
bool ForEachActor(const KnowledgeGraph& kg, const Subgraph& sg, Fn&& fn) {
  if (sg.whole) {
    for (Vertex v = 0; v < kg.num_actors(); ++v)
      if (!fn(v, -1)) return false;
    return true;
  }
  for (size_t i = 0; i < sg.actors.size(); ++i)
    if (!fn(sg.actors[i], i < sg.hops.size() ? static_cast<int>(sg.hops[i]) : -1)) return false;
  return true;
}

// Calls fn(edge, aggregates) for each relation of `sg`; returns false as soon as fn does.
template <typename Fn>
bool ForEachRelation(const KnowledgeGraph& kg, const Subgraph& sg, Fn&& fn) {
  if (sg.whole) {
    const Graph& g = kg.graph();
    for (auto [e, end] = boost::edges(g); e != end; ++e)
      if (!fn(*e, g[*e])) return false;
    return true;
  }
  for (const Subgraph::Rel& r : sg.relations)
    if (!fn(r.edge, r.agg)) return false;
  return true;
}

// The attributes the XML exports (GraphML, GEXF) give actors and relations, in the order
// ForEachActorAttribute and ForEachRelationAttribute pass them, with each format's type
// ("" for an attribute the format writes another way: GEXF's label is the actor's name).
struct AttributeDecl {
  std::string_view name;
  std::string_view graphml_type;
  std::string_view gexf_type;
};
inline constexpr AttributeDecl kActorAttributes[] = {
    {"entity_id", "long", "long"}, {"key", "string", "string"},     {"name", "string", ""},
    {"type", "string", "string"},  {"country", "string", "string"},
};
inline constexpr AttributeDecl kRelationAttributes[] = {
    {"relation", "string", "string"},  {"coarse", "string", "string"},
    {"cameo", "string", "string"},     {"negated", "boolean", "boolean"},
    {"evidence_count", "int", "long"}, {"first_date", "string", "string"},
    {"last_date", "string", "string"}, {"modality", "string", "string"},
};

// Calls emit(name, value) for each attribute of kActorAttributes that actor `v` has (empty
// values are left out). `scratch` holds a number while emit runs.
template <typename Emit>
void ForEachActorAttribute(const KnowledgeGraph& kg, Vertex v, std::string* scratch, Emit&& emit) {
  auto put = [&](std::string_view name, std::string_view value) {
    if (!value.empty()) emit(name, value);
  };
  scratch->clear();
  AppendInt(scratch, kg.graph()[v].id);
  put("entity_id", *scratch);
  put("key", kg.Key(v));
  put("name", kg.Name(v));
  put("type", EntityTypeName(kg.graph()[v].type));
  put("country", kg.Country(v));
}

// The same for a relation's aggregates, in the order of kRelationAttributes.
template <typename Emit>
void ForEachRelationAttribute(const KnowledgeGraph& kg, const EdgeRec& p, std::string* scratch,
                              Emit&& emit) {
  auto put = [&](std::string_view name, std::string_view value) {
    if (!value.empty()) emit(name, value);
  };
  const RelationInfo& info = Relation(p.type);
  put("relation", info.name);
  put("coarse", info.coarse);
  put("cameo", kg.Cameo(p));
  put("negated", p.negated() ? "true" : "false");
  scratch->clear();
  AppendInt(scratch, p.evidence_count);
  put("evidence_count", *scratch);
  scratch->clear();
  AppendDate(scratch, p.first_date);
  put("first_date", *scratch);
  scratch->clear();
  AppendDate(scratch, p.last_date);
  put("last_date", *scratch);
  put("modality", ModalityName(p.modality()));
}

// Appends `INDENT<edge id="eID" source="nID" target="nID"` (ids: relations.id and
// entities.id), the opening of a relation in both XML exports; the caller closes the tag.
inline void AppendXmlEdgeOpen(std::string* out, std::string_view indent, const Graph& g, Edge e,
                              const EdgeRec& p) {
  out->append(indent);
  out->append("<edge id=\"e");
  AppendInt(out, p.id);
  out->append("\" source=\"n");
  AppendInt(out, g[boost::source(e, g)].id);
  out->append("\" target=\"n");
  AppendInt(out, g[boost::target(e, g)].id);
  out->push_back('"');
}

inline size_t ActorCount(const KnowledgeGraph& kg, const Subgraph& sg) {
  return sg.whole ? kg.num_actors() : sg.actors.size();
}
inline size_t RelationCount(const KnowledgeGraph& kg, const Subgraph& sg) {
  return sg.whole ? kg.num_relations() : sg.relations.size();
}

}  // namespace geokg::internal
