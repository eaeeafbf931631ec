// Schema migrations: schema/NNN_name.sql files applied in order, recorded with
// PRAGMA user_version. Internal to the store module.
#pragma once

#include <sqlite3.h>

#include <string>
#include <vector>

#include "geokg/common/status.h"

namespace geokg {

// Marks a SQLite file as geokg's (PRAGMA application_id): "GeKG".
inline constexpr int kGeokgApplicationId = 0x47654B47;

struct Migration {
  int version = 0;   // NNN
  std::string path;  // full path of the .sql file
};

// The folder holding the migrations: DataRoot() + "/schema", or "" when there is none.
std::string SchemaDir();

// Lists the migrations in `dir` in version order. Files not named NNN_name.sql are ignored.
// Fails with kIoError when the folder cannot be read or holds no migration, kCorruption
// when two files share a number or the numbers do not run 1, 2, 3 ... without a gap.
Status ListMigrations(const std::string& dir, std::vector<Migration>* out);

// Checks that `db` (opened from `name`, used in messages) is a geokg database no newer than
// `migrations`, and applies the missing migrations in one transaction unless `read_only`.
// Sets *version to the schema version the database ends at.
// Fails with kSchemaMismatch for another application's database, a newer schema, or an older
// schema opened read-only; kNotFound for an empty database (no table, no version) opened
// read-only; kCorruption for a file that is not SQLite or a migration that does not run;
// kBusy when another writer holds the lock.
Status Migrate(sqlite3* db, const std::string& name, const std::vector<Migration>& migrations,
               bool read_only, int* version);

}  // namespace geokg
