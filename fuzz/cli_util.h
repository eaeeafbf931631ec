// Running a `geokg` subcommand (RunQuery, RunExport ...) inside a fuzz target: argv built
// from strings, standard output and error captured.
#pragma once

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_util.h"

namespace geokg::fuzz {

struct CliResult {
  int code = 0;
  std::string out;
  std::string err;
};

// Calls run(argc, argv) with `args` (args[0] is the subcommand name), std::cout and std::cerr
// redirected to strings.
template <typename Fn>
CliResult RunCli(Fn run, const std::vector<std::string>& args) {
  std::vector<std::string> copies = args;
  std::vector<char*> argv;
  for (std::string& a : copies) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::ostringstream out, err;
  std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  CliResult r;
  try {
    r.code = run(static_cast<int>(argv.size()) - 1, argv.data());
  } catch (...) {
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    throw;
  }
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  std::cout.clear();
  r.out = out.str();
  r.err = err.str();
  return r;
}

// A temporary folder for the life of the process (removed at exit).
inline const std::string& ScratchDir() {
  // A pointer never freed: the exit handler below may run after static destructors.
  static const std::string* const dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "geokg-fuzz-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) Fail("mkdtemp failed");
    auto* path = new std::string(tmpl);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(ScratchDir(), ec);
    });
    return path;
  }();
  return *dir;
}

}  // namespace geokg::fuzz
