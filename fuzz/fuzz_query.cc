// Fuzzes the query argument parser and the queries behind it, through `geokg query` itself
// (geokg::RunQuery) on the fixture database of tests/fixture_db.h. The input is the argument
// list, one argument a line; "--db" is always the fixture.
//
// Checks: the exit code is 0, 1 or 2 (3 would be an internal error; exceptions are crashes
// here), errors are one line on stderr starting with "geokg", --json output parses, and
// names full of SQL (quotes, LIKE wildcards, "; DROP TABLE") are only ever data.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_util.h"
#include "commands.h"
#include "fixture_db.h"
#include "fuzz_util.h"

namespace {

std::string g_db;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_db = geokg::fuzz::ScratchDir() + "/fixture.db";
  geokg::Status st = geokg::testing::WriteFixtureDb(g_db);
  if (!st.ok()) geokg::fuzz::Fail("cannot write the fixture database: " + st.message());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  geokg::fuzz::Bytes in(data, size);
  std::vector<std::string> args = {"query", "--db", g_db};
  while (!in.empty() && args.size() < 16) {
    std::string a = in.Until('\n');
    // Another database would be a file the fuzzer guesses: keep to the fixture.
    if (a == "--db" || a.rfind("--db=", 0) == 0) continue;
    args.push_back(std::move(a));
  }
  const geokg::fuzz::CliResult r = geokg::fuzz::RunCli(geokg::RunQuery, args);
  FUZZ_CHECK(r.code == 0 || r.code == 1 || r.code == 2, "exit code " + std::to_string(r.code));
  if (r.code != 0) {
    FUZZ_CHECK(r.err.rfind("geokg", 0) == 0, r.err);
    FUZZ_CHECK(r.out.empty(), "no output on a failure");
  } else if (!r.out.empty() && (r.out[0] == '{' || r.out[0] == '[')) {
    FUZZ_CHECK(nlohmann::json::accept(r.out), r.out);  // --json
  }

  // The database is never written by a query.
  FUZZ_CHECK(std::filesystem::file_size(g_db) > 0, "fixture still there");
  return 0;
}
