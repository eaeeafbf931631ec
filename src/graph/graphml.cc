// The GraphML writer: streaming, in large blocks.
#include <string_view>

#include "geokg/graph/export.h"
#include "geokg/ontology.h"
#include "graph_internal.h"

namespace geokg {
namespace {

using internal::AppendInt;
using internal::AppendXml;

struct KeyDecl {
  std::string_view id;      // the XML id that <data key="..."> refers to
  std::string_view domain;  // "node" or "edge"
  std::string_view name;    // attr.name: what consumers call the attribute
  std::string_view type;    // attr.type
};

constexpr KeyDecl kKeys[] = {
    {"v_entity_id", "node", "entity_id", "long"},
    {"v_key", "node", "key", "string"},
    {"v_name", "node", "name", "string"},
    {"v_type", "node", "type", "string"},
    {"v_country", "node", "country", "string"},
    {"e_relation", "edge", "relation", "string"},
    {"e_coarse", "edge", "coarse", "string"},
    {"e_cameo", "edge", "cameo", "string"},
    {"e_negated", "edge", "negated", "boolean"},
    {"e_evidence_count", "edge", "evidence_count", "int"},
    {"e_first_date", "edge", "first_date", "string"},
    {"e_last_date", "edge", "last_date", "string"},
    {"e_modality", "edge", "modality", "string"},
};
constexpr KeyDecl kHopsKey = {"v_hops", "node", "hops", "int"};

// Appends <data key="key">value</data>, or nothing when `value` is empty.
void Data(std::string* out, std::string_view key, std::string_view value) {
  if (value.empty()) return;
  out->append("      <data key=\"");
  out->append(key);
  out->append("\">");
  AppendXml(out, value);
  out->append("</data>\n");
}

void DateData(std::string* out, std::string_view key, int32_t date) {
  if (date == 0) return;
  out->append("      <data key=\"");
  out->append(key);
  out->append("\">");
  internal::AppendDate(out, date);
  out->append("</data>\n");
}

}  // namespace

Status WriteGraphml(const KnowledgeGraph& kg, const Subgraph& sg, std::ostream& os) {
  const Graph& g = kg.graph();
  internal::OutBuffer buf(os);
  std::string& out = buf.str();
  out.append(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
      "  <desc>geokg knowledge graph: actors and the relations found between them</desc>\n");
  const bool ego = !sg.whole && !sg.hops.empty();
  auto declare = [&](const KeyDecl& k) {
    out.append("  <key id=\"").append(k.id).append("\" for=\"").append(k.domain);
    out.append("\" attr.name=\"").append(k.name).append("\" attr.type=\"").append(k.type);
    out.append("\"/>\n");
  };
  for (const KeyDecl& k : kKeys) declare(k);
  if (ego) declare(kHopsKey);
  out.append("  <graph id=\"G\" edgedefault=\"directed\" parse.nodes=\"");
  AppendInt(&out, internal::ActorCount(kg, sg));
  out.append("\" parse.edges=\"");
  AppendInt(&out, internal::RelationCount(kg, sg));
  out.append("\" parse.order=\"nodesfirst\">\n");

  std::string number;
  bool ok = internal::ForEachActor(kg, sg, [&](Vertex v, int hops) {
    const VertexRec& p = g[v];
    out.append("    <node id=\"n");
    AppendInt(&out, p.id);
    out.append("\">\n");
    number.clear();
    AppendInt(&number, p.id);
    Data(&out, "v_entity_id", number);
    Data(&out, "v_key", kg.Key(v));
    Data(&out, "v_name", kg.Name(v));
    Data(&out, "v_type", EntityTypeName(p.type));
    Data(&out, "v_country", kg.Country(v));
    if (ego && hops >= 0) {
      number.clear();
      AppendInt(&number, hops);
      Data(&out, "v_hops", number);
    }
    out.append("    </node>\n");
    return buf.MaybeFlush();
  });
  ok = ok && internal::ForEachRelation(kg, sg, [&](Edge e, const EdgeRec& p) {
    const RelationInfo& info = Relation(p.type);
    out.append("    <edge id=\"e");
    AppendInt(&out, p.id);
    out.append("\" source=\"n");
    AppendInt(&out, g[boost::source(e, g)].id);
    out.append("\" target=\"n");
    AppendInt(&out, g[boost::target(e, g)].id);
    out.append("\">\n");
    Data(&out, "e_relation", info.name);
    Data(&out, "e_coarse", info.coarse);
    Data(&out, "e_cameo", kg.Cameo(p));
    Data(&out, "e_negated", p.negated() ? "true" : "false");
    number.clear();
    AppendInt(&number, p.evidence_count);
    Data(&out, "e_evidence_count", number);
    DateData(&out, "e_first_date", p.first_date);
    DateData(&out, "e_last_date", p.last_date);
    Data(&out, "e_modality", ModalityName(p.modality()));
    out.append("    </edge>\n");
    return buf.MaybeFlush();
  });
  out.append("  </graph>\n</graphml>\n");
  ok = ok && buf.Flush();
  os.flush();
  if (!ok || !os) return Status::IoError("writing GraphML failed");
  return Status::Ok();
}

Status WriteGraphml(const KnowledgeGraph& kg, std::ostream& os) {
  Subgraph all;
  all.whole = true;
  return WriteGraphml(kg, all, os);
}

}  // namespace geokg
