#include "geokg/store/sqlite.h"

#include <utility>

namespace geokg {

Status SqliteStatus(sqlite3* db, int rc, std::string_view what) {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return Status::Ok();
  std::string msg(what);
  if (!msg.empty()) msg += ": ";
  // sqlite3_errmsg describes the last call on `db`, which is the one that gave `rc`.
  msg += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Busy(std::move(msg));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption(std::move(msg));
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return Status::AlreadyExists(std::move(msg));
      return Status::InvalidInput(std::move(msg));
    default:
      return Status::IoError(std::move(msg));
  }
}

Status ExecSql(sqlite3* db, const char* sql) {
  // sqlite3_exec leaves its error message on the connection, where SqliteStatus reads it.
  return SqliteStatus(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), "");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Status Statement::Prepare(sqlite3* db, std::string_view sql, Statement* out) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return SqliteStatus(db, rc, "preparing a query");
  }
  *out = Statement();
  out->db_ = db;
  out->stmt_ = stmt;
  return Status::Ok();
}

void Statement::Reset() {
  GEOKG_ASSERT(stmt_ != nullptr);
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

void Statement::BindInt(int index, int64_t value) {
  GEOKG_ASSERT(sqlite3_bind_int64(stmt_, index, value) == SQLITE_OK);
}

void Statement::BindDouble(int index, double value) {
  GEOKG_ASSERT(sqlite3_bind_double(stmt_, index, value) == SQLITE_OK);
}

void Statement::BindText(int index, std::string_view value) {
  GEOKG_ASSERT(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                   SQLITE_UTF8) == SQLITE_OK);
}

void Statement::BindTextOrNull(int index, std::string_view value) {
  if (value.empty()) {
    BindNull(index);
  } else {
    BindText(index, value);
  }
}

void Statement::BindTextOrNullNoCopy(int index, std::string_view value) {
  if (value.empty()) {
    BindNull(index);
    return;
  }
  GEOKG_ASSERT(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC,
                                   SQLITE_UTF8) == SQLITE_OK);
}

void Statement::BindNull(int index) { GEOKG_ASSERT(sqlite3_bind_null(stmt_, index) == SQLITE_OK); }

Status Statement::Step(bool* has_row) {
  GEOKG_ASSERT(stmt_ != nullptr);
  int rc = sqlite3_step(stmt_);
  *has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE) return Status::Ok();
  Status st = SqliteStatus(db_, rc, "running a query");
  sqlite3_reset(stmt_);
  return st;
}

Status Statement::Run() {
  bool row = true;
  while (row) GEOKG_RETURN_IF_ERROR(Step(&row));
  return Status::Ok();
}

int64_t Statement::ColumnInt(int col) const { return sqlite3_column_int64(stmt_, col); }

double Statement::ColumnDouble(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Statement::ColumnText(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string_view Statement::ColumnView(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return std::string_view();
  return std::string_view(reinterpret_cast<const char*>(p),
                          static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

bool Statement::ColumnIsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

Transaction::~Transaction() {
  if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::Begin() {
  GEOKG_ASSERT(!open_);
  GEOKG_RETURN_IF_ERROR(ExecSql(db_, "BEGIN IMMEDIATE"));
  open_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  GEOKG_ASSERT(open_);
  Status st = ExecSql(db_, "COMMIT");
  // A failed COMMIT (e.g. SQLITE_BUSY) leaves the transaction open; the destructor rolls it
  // back. sqlite3_get_autocommit tells whether it is still open.
  if (st.ok() || sqlite3_get_autocommit(db_) != 0) open_ = false;
  return st;
}

ReadSnapshot::~ReadSnapshot() {
  if (open_) sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
}

Status ReadSnapshot::Begin() {
  GEOKG_ASSERT(!open_);
  GEOKG_RETURN_IF_ERROR(ExecSql(db_, "BEGIN"));
  open_ = true;
  return Status::Ok();
}

}  // namespace geokg
