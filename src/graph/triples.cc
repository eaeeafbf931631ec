#include <nlohmann/json.hpp>

#include "geokg/graph/export.h"
#include "geokg/store/sqlite.h"

namespace geokg {
namespace {

constexpr const char* kSelectTriples =
    "SELECT a.ext_id, s.name, s.type, coalesce(e.subject_mention, ''), r.type, o.name, "
    "       o.type, coalesce(e.object_mention, ''), r.negated, coalesce(e.date, ''), "
    "       e.modality, coalesce(e.cameo, ''), e.confidence "
    "FROM evidence e "
    "JOIN articles a ON a.id = e.article_id "
    "JOIN relations r ON r.id = e.relation_id "
    "JOIN entities s ON s.id = r.subject_id "
    "JOIN entities o ON o.id = r.object_id "
    "ORDER BY e.article_id, e.id";

nlohmann::json Side(const std::string& name, const std::string& mention, const std::string& type) {
  return {{"name", name}, {"mention", mention.empty() ? name : mention}, {"type", type}};
}

}  // namespace

Status WriteTriplesJsonl(Store* store, std::ostream& os) {
  Statement st;
  GEOKG_RETURN_IF_ERROR(Statement::Prepare(store->Handle(), kSelectTriples, &st));
  GEOKG_RETURN_IF_ERROR(st.ForEachRow([&]() -> Status {
    nlohmann::json line = {
        {"doc", st.ColumnText(0)},
        {"subject", Side(st.ColumnText(1), st.ColumnText(3), st.ColumnText(2))},
        {"relation", st.ColumnText(4)},
        {"object", Side(st.ColumnText(5), st.ColumnText(7), st.ColumnText(6))},
        {"negated", st.ColumnInt(8) != 0},
        {"modality", st.ColumnText(10)},
        {"confidence", st.ColumnDouble(12)},
    };
    if (!st.ColumnText(9).empty()) line["date"] = st.ColumnText(9);
    if (!st.ColumnText(11).empty()) line["cameo"] = st.ColumnText(11);
    // Stored text is valid UTF-8; replace rather than throw should a row say otherwise.
    os << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    if (!os) return Status::IoError("writing triples failed");
    return Status::Ok();
  }));
  os.flush();
  if (!os) return Status::IoError("writing triples failed");
  return Status::Ok();
}

}  // namespace geokg
