// The GraphML writer: streaming, in large blocks.
#include <string_view>

#include "geokg/graph/export.h"
#include "geokg/ontology.h"
#include "graph_internal.h"

namespace geokg {
namespace {

using internal::AppendInt;
using internal::AppendXml;

// Appends <data key="PREFIX_NAME">value</data>.
void Data(std::string* out, char prefix, std::string_view name, std::string_view value) {
  out->append("      <data key=\"");
  out->push_back(prefix);
  out->push_back('_');
  out->append(name);
  out->append("\">");
  AppendXml(out, value);
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
  // Key ids are the attribute names with v_ (actors) or e_ (relations) before them.
  auto declare = [&](std::string_view domain, std::string_view name, std::string_view type) {
    out.append("  <key id=\"").append(1, domain[0]).append("_").append(name);
    out.append("\" for=\"").append(domain == "v" ? "node" : "edge");
    out.append("\" attr.name=\"").append(name).append("\" attr.type=\"").append(type);
    out.append("\"/>\n");
  };
  for (const auto& a : internal::kActorAttributes) declare("v", a.name, a.graphml_type);
  for (const auto& a : internal::kRelationAttributes) declare("e", a.name, a.graphml_type);
  if (ego) declare("v", "hops", "int");
  out.append("  <graph id=\"G\" edgedefault=\"directed\" parse.nodes=\"");
  AppendInt(&out, internal::ActorCount(kg, sg));
  out.append("\" parse.edges=\"");
  AppendInt(&out, internal::RelationCount(kg, sg));
  out.append("\" parse.order=\"nodesfirst\">\n");

  std::string number;
  bool ok = internal::ForEachActor(kg, sg, [&](Vertex v, int hops) {
    out.append("    <node id=\"n");
    AppendInt(&out, g[v].id);
    out.append("\">\n");
    internal::ForEachActorAttribute(
        kg, v, &number,
        [&](std::string_view name, std::string_view value) { Data(&out, 'v', name, value); });
    if (ego && hops >= 0) {
      number.clear();
      AppendInt(&number, hops);
      Data(&out, 'v', "hops", number);
    }
    out.append("    </node>\n");
    return buf.MaybeFlush();
  });
  ok = ok && internal::ForEachRelation(kg, sg, [&](Edge e, const EdgeRec& p) {
         internal::AppendXmlEdgeOpen(&out, "    ", g, e, p);
         out.append(">\n");
         internal::ForEachRelationAttribute(
             kg, p, &number,
             [&](std::string_view name, std::string_view value) { Data(&out, 'e', name, value); });
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
