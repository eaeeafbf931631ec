// Thin RAII helpers over the SQLite C API, shared by the store and graph modules.
//
// Not a general-purpose wrapper: just what geokg needs to run prepared statements and turn
// SQLite result codes into Status. Values are always bound, never spliced into SQL text.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "geokg/common/status.h"

namespace geokg {

// Maps a SQLite result code to a Status: BUSY/LOCKED -> kBusy, CORRUPT/NOTADB ->
// kCorruption, a UNIQUE or PRIMARY KEY violation -> kAlreadyExists, other constraints ->
// kInvalidInput, anything else -> kIoError. The message is `what: <sqlite's message>` (just
// SQLite's message when `what` is empty). `db` may be null. Returns Ok for OK/ROW/DONE.
// Needs extended result codes on `db` (Store::Open turns them on).
Status SqliteStatus(sqlite3* db, int rc, std::string_view what);

// Runs one or more SQL statements that take no parameters and return no rows we need.
Status ExecSql(sqlite3* db, const char* sql);

// A prepared statement. Movable, not copyable; finalized on destruction.
class Statement {
 public:
  Statement() = default;
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Compiles `sql` on `db` into *out (replacing what it held). Fails with the SQLite error
  // mapped by SqliteStatus, e.g. when the database lacks a table.
  static Status Prepare(sqlite3* db, std::string_view sql, Statement* out);

  bool valid() const { return stmt_ != nullptr; }

  // Resets the statement so it can run again and clears every binding. Callers reset
  // before binding, so a statement left half-run by an exception is harmless.
  void Reset();

  // Parameters are 1-based. Text is copied by SQLite. A bad index is a broken invariant.
  void BindInt(int index, int64_t value);
  void BindDouble(int index, double value);
  void BindText(int index, std::string_view value);
  // Binds NULL when `value` is empty, the text otherwise.
  void BindTextOrNull(int index, std::string_view value);
  // As BindTextOrNull, without a copy: `value` must stay alive and unchanged until the
  // statement is stepped to its end or reset.
  void BindTextOrNullNoCopy(int index, std::string_view value);
  void BindNull(int index);

  // Steps once. Sets *has_row to true when a row is ready to read, false when done.
  Status Step(bool* has_row);
  // Steps until done, ignoring rows.
  Status Run();
  // Steps through every row, calling `on_row()` (which returns a Status) on each while the
  // statement sits on it. Stops at the first error, from SQLite or from `on_row`.
  template <typename Fn>
  Status ForEachRow(Fn&& on_row) {
    bool row = false;
    while (true) {
      GEOKG_RETURN_IF_ERROR(Step(&row));
      if (!row) return Status::Ok();
      GEOKG_RETURN_IF_ERROR(on_row());
    }
  }

  // Column readers for the current row; columns are 0-based. NULL reads as 0 or "".
  int64_t ColumnInt(int col) const;
  double ColumnDouble(int col) const;
  std::string ColumnText(int col) const;
  // The text of `col` without a copy: valid until the next Step, Reset or column read of
  // the same column as another type. NULL reads as "".
  std::string_view ColumnView(int col) const;
  bool ColumnIsNull(int col) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// A write transaction (BEGIN IMMEDIATE) that rolls back on destruction unless committed,
// including when an exception unwinds through it.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Takes the write lock. Fails with kBusy when another writer keeps it past busy_timeout.
  Status Begin();
  // Commits. After a failure the transaction is rolled back by the destructor.
  Status Commit();

 private:
  sqlite3* db_;
  bool open_ = false;
};

// A read transaction: every statement run on the connection while it lives reads one
// snapshot of the database, whatever other connections commit meanwhile (WAL). Begin fails
// when the connection is already inside a transaction; the destructor ends the read.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(sqlite3* db) : db_(db) {}
  ~ReadSnapshot();
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

  Status Begin();

 private:
  sqlite3* db_;
  bool open_ = false;
};

}  // namespace geokg
