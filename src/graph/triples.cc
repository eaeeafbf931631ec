// The triples JSON Lines export: one evidence row a line.
#include <algorithm>
#include <charconv>
#include <string_view>
#include <vector>

#include "geokg/common/text.h"
#include "geokg/graph/export.h"
#include "geokg/ontology.h"
#include "geokg/store/sqlite.h"
#include "graph_internal.h"

namespace geokg {
namespace {

using internal::AppendInt;

constexpr const char* kSelectTriples =
    "SELECT a.ext_id, s.name, s.type, s.key, s.country, e.subject_mention, "
    "       r.type, o.name, o.type, o.key, o.country, e.object_mention, "
    "       r.negated, e.date, e.modality, e.cameo, e.mode, e.role, a.date, a.lang, "
    "       t.sentence_index, t.char_begin, t.char_end, t.text, e.trigger, e.confidence, "
    "       e.relation_id "
    "FROM evidence e "
    "JOIN sentences t ON t.id = e.sentence_id "
    "JOIN articles a ON a.id = e.article_id "
    "JOIN relations r ON r.id = e.relation_id "
    "JOIN entities s ON s.id = r.subject_id "
    "JOIN entities o ON o.id = r.object_id "
    "WHERE (?1 = '' OR e.date >= ?1) AND (?2 = '~' OR e.date <= ?2) "
    "ORDER BY e.id";

void Field(std::string* out, std::string_view name, std::string_view value) {
  if (value.empty()) return;
  out->append(",\"").append(name).append("\":");
  AppendJsonString(out, value);
}

// {"name", "mention", "type", "key", "country"} from columns starting at `col`.
void Side(const Statement& st, int col, std::string* out) {
  const std::string_view name = st.ColumnView(col);
  out->append("{\"name\":");
  AppendJsonString(out, name);
  const std::string_view mention = st.ColumnView(col + 4);
  out->append(",\"mention\":");
  AppendJsonString(out, mention.empty() ? name : mention);
  Field(out, "type", st.ColumnView(col + 1));
  Field(out, "key", st.ColumnView(col + 2));
  Field(out, "country", st.ColumnView(col + 3));
  out->push_back('}');
}

}  // namespace

Status WriteTriplesJsonl(Store* store, const TripleSelection& selection, std::ostream& os) {
  // The relations to keep, as a sorted list of ids (none: all of them).
  std::vector<int64_t> keep;
  const bool filtered = selection.subgraph != nullptr && !selection.subgraph->whole;
  if (filtered) {
    GEOKG_ASSERT(selection.graph != nullptr);
    keep.reserve(selection.subgraph->relations.size());
    for (const Subgraph::Rel& r : selection.subgraph->relations) keep.push_back(r.agg.id);
    std::sort(keep.begin(), keep.end());
  }

  Statement st;
  GEOKG_RETURN_IF_ERROR(Statement::Prepare(store->Handle(), kSelectTriples, &st));
  st.BindText(1, internal::LowerBoundText(selection.dates));
  st.BindText(2, internal::UpperBoundText(selection.dates));
  internal::OutBuffer buf(os);
  std::string& out = buf.str();
  GEOKG_RETURN_IF_ERROR(st.ForEachRow([&]() -> Status {
    if (filtered && !std::binary_search(keep.begin(), keep.end(), st.ColumnInt(26)))
      return Status::Ok();
    out.append("{\"doc\":");
    AppendJsonString(&out, st.ColumnView(0));
    out.append(",\"subject\":");
    Side(st, 1, &out);
    const std::string_view relation = st.ColumnView(6);
    out.append(",\"relation\":");
    AppendJsonString(&out, relation);
    out.append(",\"object\":");
    Side(st, 7, &out);
    out.append(st.ColumnInt(12) != 0 ? ",\"negated\":true" : ",\"negated\":false");
    RelationType type;
    if (RelationFromName(relation, &type)) Field(&out, "coarse", Relation(type).coarse);
    Field(&out, "cameo", st.ColumnView(15));
    Field(&out, "modality", st.ColumnView(14));
    Field(&out, "mode", st.ColumnView(16));
    Field(&out, "role", st.ColumnView(17));
    Field(&out, "date", st.ColumnView(13));
    Field(&out, "article_date", st.ColumnView(18));
    Field(&out, "lang", st.ColumnView(19));
    out.append(",\"sentence\":");
    AppendInt(&out, st.ColumnInt(20));
    out.append(",\"span\":[");
    AppendInt(&out, st.ColumnInt(21));
    out.push_back(',');
    AppendInt(&out, st.ColumnInt(22));
    out.append("],\"evidence\":");
    AppendJsonString(&out, st.ColumnView(23));
    Field(&out, "trigger", st.ColumnView(24));
    // Confidences are stored from floats: print the float's shortest form ("0.9").
    char num[32];
    auto [end, ec] =
        std::to_chars(num, num + sizeof(num), static_cast<float>(st.ColumnDouble(25)));
    out.append(",\"confidence\":");
    out.append(num, ec == std::errc() ? static_cast<size_t>(end - num) : 0);
    if (ec != std::errc()) out.push_back('1');
    out.append("}\n");
    if (!buf.MaybeFlush()) return Status::IoError("writing triples failed");
    return Status::Ok();
  }));
  if (!buf.Flush()) return Status::IoError("writing triples failed");
  os.flush();
  if (!os) return Status::IoError("writing triples failed");
  return Status::Ok();
}

Status WriteTriplesJsonl(Store* store, std::ostream& os) {
  return WriteTriplesJsonl(store, TripleSelection(), os);
}

}  // namespace geokg
