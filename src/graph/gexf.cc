// The GEXF 1.3 writer: a dynamic graph whose relations live from their first to their last
// date, for Gephi's timeline.
#include <algorithm>
#include <limits>
#include <string_view>
#include <vector>

#include "geokg/graph/export.h"
#include "geokg/ontology.h"
#include "graph_internal.h"

namespace geokg {
namespace {

using internal::AppendInt;
using internal::AppendXml;

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}

// A packed date as a full xsd:date: a missing month or day becomes the first (for a start)
// or the last (for an end) of the period; a day past the month's end ("2015-09-31", kept
// by databases written before datelines were checked) its last day.
void AppendFullDate(std::string* out, int32_t packed, bool end) {
  int y = packed / 10000, m = (packed / 100) % 100, d = packed % 100;
  if (m == 0) m = end ? 12 : 1;
  if (d == 0) d = end ? DaysInMonth(y, m) : 1;
  d = std::min(d, DaysInMonth(y, m));
  internal::AppendDate(out, y * 10000 + m * 100 + d);
}

// Appends ` start="..." end="..."` for a span, nothing when there is none.
void AppendSpan(std::string* out, int32_t first, int32_t last) {
  if (first == 0 || last == 0) return;
  out->append(" start=\"");
  AppendFullDate(out, first, false);
  out->append("\" end=\"");
  AppendFullDate(out, last, true);
  out->push_back('"');
}

void AttValue(std::string* out, std::string_view id, std::string_view value) {
  out->append("          <attvalue for=\"");
  out->append(id);
  out->append("\" value=\"");
  AppendXml(out, value);
  out->append("\"/>\n");
}

}  // namespace

Status WriteGexf(const KnowledgeGraph& kg, const Subgraph& sg, std::ostream& os) {
  const Graph& g = kg.graph();
  const uint32_t n = static_cast<uint32_t>(kg.num_actors());

  // Each actor's span: from the first to the last date of the relations written.
  std::vector<std::pair<int32_t, int32_t>> span(n, {std::numeric_limits<int32_t>::max(), 0});
  int32_t graph_first = std::numeric_limits<int32_t>::max(), graph_last = 0;
  internal::ForEachRelation(kg, sg, [&](Edge e, const EdgeRec& p) {
    if (p.first_date == 0) return true;
    for (Vertex v : {boost::source(e, g), boost::target(e, g)}) {
      span[v].first = std::min(span[v].first, p.first_date);
      span[v].second = std::max(span[v].second, p.last_date);
    }
    graph_first = std::min(graph_first, p.first_date);
    graph_last = std::max(graph_last, p.last_date);
    return true;
  });

  internal::OutBuffer buf(os);
  std::string& out = buf.str();
  out.append(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
      "version=\"1.3\">\n"
      "  <meta>\n"
      "    <creator>geokg</creator>\n"
      "    <description>geokg knowledge graph: actors and the relations found between them, "
      "each relation living from its first to its last report</description>\n"
      "  </meta>\n"
      "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\"");
  if (graph_last != 0) AppendSpan(&out, graph_first, graph_last);
  out.append(">\n");
  auto declare = [&](std::string_view cls, const auto& attributes) {
    out.append("    <attributes class=\"").append(cls).append("\" mode=\"static\">\n");
    for (const internal::AttributeDecl& a : attributes) {
      if (a.gexf_type.empty()) continue;
      out.append("      <attribute id=\"").append(a.name).append("\" title=\"").append(a.name);
      out.append("\" type=\"").append(a.gexf_type).append("\"/>\n");
    }
    out.append("    </attributes>\n");
  };
  declare("node", internal::kActorAttributes);
  declare("edge", internal::kRelationAttributes);
  out.append("    <nodes count=\"");
  AppendInt(&out, internal::ActorCount(kg, sg));
  out.append("\">\n");

  std::string number;
  bool ok = internal::ForEachActor(kg, sg, [&](Vertex v, int) {
    const VertexRec& p = g[v];
    out.append("      <node id=\"n");
    AppendInt(&out, p.id);
    out.append("\" label=\"");
    AppendXml(&out, kg.Name(v));
    out.push_back('"');
    if (span[v].second != 0) AppendSpan(&out, span[v].first, span[v].second);
    out.append(">\n        <attvalues>\n");
    internal::ForEachActorAttribute(kg, v, &number,
                                    [&](std::string_view name, std::string_view value) {
                                      if (name != "name") AttValue(&out, name, value);  // the label
                                    });
    out.append("        </attvalues>\n      </node>\n");
    return buf.MaybeFlush();
  });
  out.append("    </nodes>\n    <edges count=\"");
  AppendInt(&out, internal::RelationCount(kg, sg));
  out.append("\">\n");
  ok = ok && internal::ForEachRelation(kg, sg, [&](Edge e, const EdgeRec& p) {
         const RelationInfo& info = Relation(p.type);
         internal::AppendXmlEdgeOpen(&out, "      ", g, e, p);
         out.append(" type=\"directed\" label=\"");
         if (p.negated()) out.append("NOT ");
         out.append(info.name);
         out.append("\" kind=\"");
         out.append(info.name);
         out.append("\" weight=\"");
         AppendInt(&out, p.evidence_count);
         out.push_back('"');
         AppendSpan(&out, p.first_date, p.last_date);
         out.append(">\n        <attvalues>\n");
         internal::ForEachRelationAttribute(
             kg, p, &number,
             [&](std::string_view name, std::string_view value) { AttValue(&out, name, value); });
         out.append("        </attvalues>\n      </edge>\n");
         return buf.MaybeFlush();
       });
  out.append("    </edges>\n  </graph>\n</gexf>\n");
  ok = ok && buf.Flush();
  os.flush();
  if (!ok || !os) return Status::IoError("writing GEXF failed");
  return Status::Ok();
}

}  // namespace geokg
