#include "geokg/graph/export.h"

#include <string_view>

#include "geokg/common/text.h"
#include "geokg/ontology.h"

namespace geokg {
namespace {

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

// Writes <data key="key">value</data>, or nothing when `value` is empty.
void Data(std::ostream& os, std::string_view key, std::string_view value) {
  if (value.empty()) return;
  os << "      <data key=\"" << key << "\">" << XmlEscape(value) << "</data>\n";
}

}  // namespace

Status WriteGraphml(const KnowledgeGraph& kg, std::ostream& os) {
  const Graph& g = kg.graph();
  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
        "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
        "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        "  <desc>geokg knowledge graph: actors and the relations found between them</desc>\n";
  for (const KeyDecl& k : kKeys) {
    os << "  <key id=\"" << k.id << "\" for=\"" << k.domain << "\" attr.name=\"" << k.name
       << "\" attr.type=\"" << k.type << "\"/>\n";
  }
  os << "  <graph id=\"G\" edgedefault=\"directed\" parse.nodes=\"" << boost::num_vertices(g)
     << "\" parse.edges=\"" << boost::num_edges(g) << "\" parse.order=\"nodesfirst\">\n";

  for (auto [v, end] = boost::vertices(g); v != end; ++v) {
    const VertexProps& p = g[*v];
    os << "    <node id=\"n" << p.id << "\">\n";
    Data(os, "v_entity_id", std::to_string(p.id));
    Data(os, "v_key", p.key);
    Data(os, "v_name", p.name);
    Data(os, "v_type", EntityTypeName(p.type));
    Data(os, "v_country", p.country);
    os << "    </node>\n";
  }
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const EdgeProps& p = g[*e];
    const RelationInfo& info = Relation(p.type);
    os << "    <edge id=\"e" << p.id << "\" source=\"n" << g[boost::source(*e, g)].id
       << "\" target=\"n" << g[boost::target(*e, g)].id << "\">\n";
    Data(os, "e_relation", info.name);
    Data(os, "e_coarse", info.coarse);
    Data(os, "e_cameo", p.cameo);
    Data(os, "e_negated", p.negated ? "true" : "false");
    Data(os, "e_evidence_count", std::to_string(p.evidence_count));
    Data(os, "e_first_date", p.first_date);
    Data(os, "e_last_date", p.last_date);
    Data(os, "e_modality", ModalityName(p.modality));
    os << "    </edge>\n";
    if (!os) break;
  }
  os << "  </graph>\n</graphml>\n";
  os.flush();
  if (!os) return Status::IoError("writing GraphML failed");
  return Status::Ok();
}

}  // namespace geokg
