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
  if (value.empty()) return;
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
  out.append(
      ">\n"
      "    <attributes class=\"node\" mode=\"static\">\n"
      "      <attribute id=\"entity_id\" title=\"entity_id\" type=\"long\"/>\n"
      "      <attribute id=\"key\" title=\"key\" type=\"string\"/>\n"
      "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
      "      <attribute id=\"country\" title=\"country\" type=\"string\"/>\n"
      "    </attributes>\n"
      "    <attributes class=\"edge\" mode=\"static\">\n"
      "      <attribute id=\"relation\" title=\"relation\" type=\"string\"/>\n"
      "      <attribute id=\"coarse\" title=\"coarse\" type=\"string\"/>\n"
      "      <attribute id=\"cameo\" title=\"cameo\" type=\"string\"/>\n"
      "      <attribute id=\"negated\" title=\"negated\" type=\"boolean\"/>\n"
      "      <attribute id=\"evidence_count\" title=\"evidence_count\" type=\"long\"/>\n"
      "      <attribute id=\"first_date\" title=\"first_date\" type=\"string\"/>\n"
      "      <attribute id=\"last_date\" title=\"last_date\" type=\"string\"/>\n"
      "      <attribute id=\"modality\" title=\"modality\" type=\"string\"/>\n"
      "    </attributes>\n"
      "    <nodes count=\"");
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
    number.clear();
    AppendInt(&number, p.id);
    AttValue(&out, "entity_id", number);
    AttValue(&out, "key", kg.Key(v));
    AttValue(&out, "type", EntityTypeName(p.type));
    AttValue(&out, "country", kg.Country(v));
    out.append("        </attvalues>\n      </node>\n");
    return buf.MaybeFlush();
  });
  out.append("    </nodes>\n    <edges count=\"");
  AppendInt(&out, internal::RelationCount(kg, sg));
  out.append("\">\n");
  std::string date;
  ok = ok && internal::ForEachRelation(kg, sg, [&](Edge e, const EdgeRec& p) {
    const RelationInfo& info = Relation(p.type);
    out.append("      <edge id=\"e");
    AppendInt(&out, p.id);
    out.append("\" source=\"n");
    AppendInt(&out, g[boost::source(e, g)].id);
    out.append("\" target=\"n");
    AppendInt(&out, g[boost::target(e, g)].id);
    out.append("\" type=\"directed\" label=\"");
    if (p.negated()) out.append("NOT ");
    out.append(info.name);
    out.append("\" kind=\"");
    out.append(info.name);
    out.append("\" weight=\"");
    AppendInt(&out, p.evidence_count);
    out.push_back('"');
    AppendSpan(&out, p.first_date, p.last_date);
    out.append(">\n        <attvalues>\n");
    AttValue(&out, "relation", info.name);
    AttValue(&out, "coarse", info.coarse);
    AttValue(&out, "cameo", kg.Cameo(p));
    AttValue(&out, "negated", p.negated() ? "true" : "false");
    number.clear();
    AppendInt(&number, p.evidence_count);
    AttValue(&out, "evidence_count", number);
    date.clear();
    internal::AppendDate(&date, p.first_date);
    AttValue(&out, "first_date", date);
    date.clear();
    internal::AppendDate(&date, p.last_date);
    AttValue(&out, "last_date", date);
    AttValue(&out, "modality", ModalityName(p.modality()));
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
