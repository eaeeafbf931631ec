#include "geokg/graph/graph.h"

namespace geokg {
namespace {

Status CountRows(sqlite3* db, const char* sql, int64_t* out) {
  Statement st;
  GEOKG_RETURN_IF_ERROR(Statement::Prepare(db, sql, &st));
  bool row = false;
  GEOKG_RETURN_IF_ERROR(st.Step(&row));
  *out = row ? st.ColumnInt(0) : 0;
  return Status::Ok();
}

// Runs a query of (name, count) rows.
Status CountGroups(sqlite3* db, const char* sql,
                   std::vector<std::pair<std::string, int64_t>>* out) {
  out->clear();
  Statement st;
  GEOKG_RETURN_IF_ERROR(Statement::Prepare(db, sql, &st));
  return st.ForEachRow([&] {
    out->emplace_back(st.ColumnText(0), st.ColumnInt(1));
    return Status::Ok();
  });
}

}  // namespace

Status ReadStats(Store* store, StoreStats* out) {
  sqlite3* db = store->Handle();
  *out = StoreStats();
  out->schema_version = store->SchemaVersion();
  // One snapshot for every count, so that they add up while an ingest commits.
  ReadSnapshot snapshot(db);
  GEOKG_RETURN_IF_ERROR(snapshot.Begin());
  GEOKG_RETURN_IF_ERROR(CountRows(db, "SELECT count(*) FROM articles", &out->articles));
  GEOKG_RETURN_IF_ERROR(CountRows(db, "SELECT count(*) FROM entities", &out->entities));
  GEOKG_RETURN_IF_ERROR(CountRows(db, "SELECT count(*) FROM aliases", &out->aliases));
  GEOKG_RETURN_IF_ERROR(CountRows(db, "SELECT count(*) FROM relations", &out->relations));
  GEOKG_RETURN_IF_ERROR(
      CountRows(db, "SELECT count(*) FROM relations WHERE negated = 1", &out->negated_relations));
  GEOKG_RETURN_IF_ERROR(CountRows(db, "SELECT count(*) FROM evidence", &out->evidence));

  Statement dates;
  GEOKG_RETURN_IF_ERROR(Statement::Prepare(
      db, "SELECT coalesce(min(date), ''), coalesce(max(date), '') FROM articles", &dates));
  bool row = false;
  GEOKG_RETURN_IF_ERROR(dates.Step(&row));
  if (row) {
    out->first_date = dates.ColumnText(0);
    out->last_date = dates.ColumnText(1);
  }

  GEOKG_RETURN_IF_ERROR(CountGroups(db,
                                    "SELECT coalesce(lang, ''), count(*) FROM articles "
                                    "GROUP BY 1 ORDER BY 2 DESC, 1",
                                    &out->articles_by_lang));
  GEOKG_RETURN_IF_ERROR(
      CountGroups(db, "SELECT type, count(*) FROM entities GROUP BY type ORDER BY 2 DESC, 1",
                  &out->entities_by_type));
  GEOKG_RETURN_IF_ERROR(
      CountGroups(db, "SELECT type, count(*) FROM relations GROUP BY type ORDER BY 2 DESC, 1",
                  &out->relations_by_type));
  GEOKG_RETURN_IF_ERROR(CountGroups(db,
                                    "SELECT t.coarse, count(*) FROM relations r "
                                    "JOIN relation_types t ON t.name = r.type "
                                    "GROUP BY t.coarse ORDER BY 2 DESC, 1",
                                    &out->relations_by_coarse));
  return Status::Ok();
}

}  // namespace geokg
