// Shared plumbing of the graph-side commands (query, export, stats, import, load): argument
// parsing, messages, terminal text, atomic file writes. Internal to src/cli.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "geokg/common/status.h"
#include "geokg/store/store.h"

namespace geokg::cli {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

constexpr const char* kDefaultDb = "geokg.db";

struct OptionSpec {
  std::string_view name;  // "--db", "-o"
  bool takes_value;
  std::string_view canonical;  // the name values are filed under
};

struct ParsedArgs {
  std::map<std::string, std::vector<std::string>, std::less<>> options;
  std::vector<std::string> positional;

  bool Has(std::string_view name) const { return options.find(name) != options.end(); }
  // The last value given for `name`, or `fallback`.
  std::string Value(std::string_view name, std::string fallback = "") const {
    auto it = options.find(name);
    return it == options.end() || it->second.empty() ? fallback : it->second.back();
  }
};

// Parses argv[1..] (argv[0] is the subcommand). Options may come before or after the
// positional arguments; "--opt=value" and "--opt value" both work; "--" ends the options.
// Returns kUsage with a message on an unknown option or a missing value.
Status ParseArgs(int argc, char** argv, const std::vector<OptionSpec>& specs, ParsedArgs* out);

// The specs of a command's options: each of `values` takes a value, each of `flags` does
// not, and both are filed under their own names; `aliases` are other spellings ("-o" for
// "--output"). -h and --help are always accepted.
std::vector<OptionSpec> Options(std::initializer_list<std::string_view> values,
                                std::initializer_list<std::string_view> flags,
                                std::initializer_list<OptionSpec> aliases = {});

// Parses argv with `specs` (ParseArgs) and answers --help by printing `help`. Returns -1 when
// the command should go on with *args, else its exit code: that of printing the help, or
// kExitUsage after a usage error naming `command`.
int ParseCommandLine(std::string_view command, std::string_view help, int argc, char** argv,
                     const std::vector<OptionSpec>& specs, ParsedArgs* args);

// Prints "geokg COMMAND: message" and the --help hint on stderr; returns kExitUsage.
int UsageError(std::string_view command, std::string_view message);

// Prints "geokg: message" on stderr; returns kExitFailure.
int Failure(const Status& st);

// Flushes standard output; kExitOk, or a failure when it cannot be written.
int FinishOutput();

// Display width, roughly: code points, not counting combining marks.
size_t Width(std::string_view s);

// Text for a terminal: control characters (which could carry escape sequences from an
// article) dropped, white space runs as one space, at most `max` code points with "…"
// marking a cut.
std::string Clip(std::string_view s, size_t max);

std::string Pad(const std::string& s, size_t width);
std::string PadLeft(const std::string& s, size_t width);

// Parses a whole string as an integer in [lo, hi].
bool ParseInt(const std::string& s, int64_t lo, int64_t hi, int64_t* out);

// Opens `path` for reading. A missing file is "FILE: no such database".
Status OpenDatabase(const std::string& path, std::unique_ptr<Store>* store);

// Writes `path` through a temporary file beside it, renamed into place only when complete:
// a failure leaves no half-written file, and an existing file stays as it was.
// write(std::ostream&) returns a Status.
template <typename WriteFn>
Status WriteFileAtomically(const std::string& path, WriteFn write) {
  const std::string tmp = path + ".tmp-" + std::to_string(getpid());
  // O_EXCL: never write through someone else's file or link; 0666 lets umask decide.
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return Status::IoError(path + ": cannot write: " + std::strerror(errno));
  ::close(fd);
  Status st;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    st = out ? write(out) : Status::IoError("cannot open " + tmp);
    if (st.ok()) {
      out.close();
      if (!out) st = Status::IoError("write failed");
    }
  }
  if (st.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
    st = Status::IoError(std::string("cannot rename the temporary file into place: ") +
                         std::strerror(errno));
  }
  if (!st.ok()) {
    std::remove(tmp.c_str());
    return st.WithContext(path);
  }
  return st;
}

}  // namespace geokg::cli
