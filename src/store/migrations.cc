#include "migrations.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "geokg/common/paths.h"
#include "geokg/store/sqlite.h"

namespace geokg {
namespace {

namespace fs = std::filesystem;

// Parses "NNN_name.sql" (three or more digits, a name of [a-z0-9_]) into its number.
bool ParseMigrationName(const std::string& file, int* version) {
  constexpr std::string_view kExt = ".sql";
  if (file.size() <= kExt.size() || file.compare(file.size() - kExt.size(), kExt.size(), kExt) != 0)
    return false;
  size_t digits = 0;
  while (digits < file.size() && std::isdigit(static_cast<unsigned char>(file[digits]))) ++digits;
  if (digits < 3 || digits > 6 || file[digits] != '_') return false;
  for (size_t i = digits + 1; i < file.size() - kExt.size(); ++i) {
    char c = file[i];
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      return false;
  }
  *version = std::stoi(file.substr(0, digits));
  return true;
}

// Reads the header fields that say whose database this is, in one statement: one snapshot,
// even while another process creates the database (three reads could see its application
// id from before the commit and its version from after). A file that is not SQLite fails
// here, on the first read.
Status ReadIdentity(sqlite3* db, const std::string& name, int* app_id, int* version, int* objects) {
  Statement stmt;
  Status st = Statement::Prepare(db,
                                 "SELECT (SELECT application_id FROM pragma_application_id), "
                                 "(SELECT user_version FROM pragma_user_version), "
                                 "(SELECT count(*) FROM sqlite_master)",
                                 &stmt);
  bool row = false;
  if (st.ok()) st = stmt.Step(&row);
  if (st.ok()) {
    *app_id = row ? static_cast<int>(stmt.ColumnInt(0)) : 0;
    *version = row ? static_cast<int>(stmt.ColumnInt(1)) : 0;
    *objects = row ? static_cast<int>(stmt.ColumnInt(2)) : 0;
  }
  if (st.code() == Status::Code::kCorruption) {
    return Status::Corruption(name + " is not a SQLite database (" + st.message() + ")");
  }
  return st.WithContext(name);
}

Status ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot read");
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": read error");
  *out = buf.str();
  return Status::Ok();
}

}  // namespace

std::string SchemaDir() {
  std::string root = DataRoot();
  if (root.empty()) return std::string();
  return root + "/schema";
}

Status ListMigrations(const std::string& dir, std::vector<Migration>* out) {
  out->clear();
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return Status::IoError(dir + ": cannot read the schema folder: " + ec.message());
  for (const fs::directory_entry& entry : it) {
    int version = 0;
    if (!entry.is_regular_file(ec)) continue;
    if (!ParseMigrationName(entry.path().filename().string(), &version)) continue;
    out->push_back(Migration{version, entry.path().string()});
  }
  if (out->empty()) return Status::IoError(dir + ": no migration (NNN_name.sql) found");
  std::sort(out->begin(), out->end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (size_t i = 0; i < out->size(); ++i) {
    int expected = static_cast<int>(i) + 1;
    if ((*out)[i].version != expected) {
      return Status::Corruption(dir +
                                ": migrations must be numbered 1, 2, 3 ... without gaps or "
                                "duplicates; found " +
                                (*out)[i].path + " where " + std::to_string(expected) +
                                " was expected");
    }
  }
  return Status::Ok();
}

Status Migrate(sqlite3* db, const std::string& name, const std::vector<Migration>& migrations,
               bool read_only, int* version) {
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  int app_id = 0, current = 0, objects = 0;
  GEOKG_RETURN_IF_ERROR(ReadIdentity(db, name, &app_id, &current, &objects));

  auto check = [&]() -> Status {
    if (app_id != 0 && app_id != kGeokgApplicationId) {
      return Status::SchemaMismatch(name +
                                    " is a SQLite database of another application "
                                    "(application_id " +
                                    std::to_string(app_id) + ")");
    }
    if (app_id == 0 && (current != 0 || objects != 0)) {
      return Status::SchemaMismatch(name + " is a SQLite database, but not a geokg one");
    }
    if (current > latest) {
      return Status::SchemaMismatch("database " + name + " was written by a newer geokg (schema " +
                                    std::to_string(current) + ", this build knows " +
                                    std::to_string(latest) + ")");
    }
    return Status::Ok();
  };
  GEOKG_RETURN_IF_ERROR(check());
  if (current == latest) {
    *version = current;
    return Status::Ok();
  }
  if (read_only && app_id == 0 && current == 0 && objects == 0) {
    return Status::NotFound(name + " is an empty database: no geokg data yet");
  }
  if (read_only) {
    return Status::SchemaMismatch("database " + name + " has schema " + std::to_string(current) +
                                  " and this build needs " + std::to_string(latest) +
                                  "; open it once for writing (geokg ingest) to upgrade it");
  }

  Transaction txn(db);
  GEOKG_RETURN_IF_ERROR(txn.Begin().WithContext(name));
  // Another process may have migrated between the first read and the lock: read again.
  GEOKG_RETURN_IF_ERROR(ReadIdentity(db, name, &app_id, &current, &objects));
  GEOKG_RETURN_IF_ERROR(check());
  for (const Migration& m : migrations) {
    if (m.version <= current) continue;
    std::string sql;
    GEOKG_RETURN_IF_ERROR(ReadFile(m.path, &sql));
    Status st = ExecSql(db, sql.c_str());
    if (!st.ok()) {
      if (st.code() == Status::Code::kBusy) return st.WithContext(name);
      return Status::Corruption(m.path + ": migration failed: " + st.message());
    }
  }
  // Both values are integers of our own, not user input.
  std::string stamp = "PRAGMA user_version = " + std::to_string(latest) + ";";
  if (app_id == 0) stamp += "PRAGMA application_id = " + std::to_string(kGeokgApplicationId) + ";";
  GEOKG_RETURN_IF_ERROR(ExecSql(db, stamp.c_str()).WithContext(name));
  GEOKG_RETURN_IF_ERROR(txn.Commit().WithContext(name));
  *version = latest;
  return Status::Ok();
}

}  // namespace geokg
