// Status: the one way expected failures travel in geokg.
//
// Expected failures (a bad article, an unknown actor, a locked or foreign database) are
// returned as a Status. Exceptions are reserved for broken invariants (GEOKG_ASSERT) and are
// caught only at the CLI boundary.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace geokg {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kNotFound,         // a name, article or file that does not exist
    kInvalidInput,     // malformed article, bad UTF-8, bad JSON line, empty text
    kIoError,          // a file that cannot be read or written
    kAlreadyExists,    // e.g. an article already ingested (same content hash)
    kSchemaMismatch,   // a database from a newer schema, a data file of another version
    kBusy,             // the database is locked by another writer
    kCorruption,       // a file that is not what it claims to be
    kUsage,            // wrong command-line usage
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status InvalidInput(std::string msg) {
    return Status(Code::kInvalidInput, std::move(msg));
  }
  static Status IoError(std::string msg) { return Status(Code::kIoError, std::move(msg)); }
  static Status AlreadyExists(std::string msg) {
    return Status(Code::kAlreadyExists, std::move(msg));
  }
  static Status SchemaMismatch(std::string msg) {
    return Status(Code::kSchemaMismatch, std::move(msg));
  }
  static Status Busy(std::string msg) { return Status(Code::kBusy, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status Usage(std::string msg) { return Status(Code::kUsage, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsAlreadyExists() const { return code_ == Code::kAlreadyExists; }

  // Returns a copy whose message is prefixed with `context: ` (a file name, a line).
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A broken invariant: a bug in geokg, never bad input.
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

}  // namespace geokg

#define GEOKG_ASSERT(cond)                                                              \
  do {                                                                                  \
    if (!(cond))                                                                        \
      throw ::geokg::InternalError(std::string("assertion failed: ") + #cond + " at " + \
                                   __FILE__ + ":" + std::to_string(__LINE__));          \
  } while (0)

#define GEOKG_RETURN_IF_ERROR(expr)    \
  do {                                 \
    ::geokg::Status _st = (expr);      \
    if (!_st.ok()) return _st;         \
  } while (0)
