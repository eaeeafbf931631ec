// geokg import and geokg load: files into the database through the bulk writer.

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli_util.h"
#include "commands.h"
#include "geokg/graph/import.h"
#include "geokg/ontology.h"
#include "geokg/store/bulk.h"
#include "geokg/store/store.h"

namespace geokg {
namespace {

using cli::Failure;
using cli::FinishOutput;
using cli::kExitFailure;
using cli::kExitOk;
using cli::ParsedArgs;
using cli::UsageError;

constexpr const char* kImportHelp =
    "Usage: geokg import [--db FILE] [options] FILE.graphml...\n"
    "\n"
    "Merges GraphML graphs into the database (created when absent), streaming: memory grows\n"
    "with the number of nodes, not with the size of the file.\n"
    "\n"
    "Nodes become actors, merged by their 'key' attribute (a node without one is matched by\n"
    "its name, then keyed '<type>:<name>'); edges become relations, merged by (subject,\n"
    "relation, object, negated), their 'evidence_count' and dates added to what is stored.\n"
    "geokg's own exports carry every attribute; other files need at least a 'relation' (or\n"
    "'label') naming a relation type on each edge, or --relation. A file already imported\n"
    "(same bytes) adds nothing.\n"
    "\n"
    "Options:\n"
    "  --db FILE          the database (default geokg.db)\n"
    "  --relation TYPE    the type of edges that name none (CONSULT, ASSAULT ...)\n"
    "  --batch N          relations per transaction (default 200000)\n"
    "  --quiet            no summary on stderr\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 everything went in, 1 some edges were refused (each named on stderr) or\n"
    "a file could not be read, 2 wrong usage.\n";

constexpr const char* kLoadHelp =
    "Usage: geokg load [--db FILE] [options] FILE.jsonl...\n"
    "\n"
    "Merges triples JSON Lines into the database (created when absent): the output of\n"
    "'geokg extract', of 'geokg export --format jsonl', or the evaluation's bare format\n"
    "({\"doc\", \"subject\": {\"name\", \"type\"}, \"relation\", \"object\": {...},\n"
    "\"negated\"}). FILE may be - for standard input.\n"
    "\n"
    "Actors merge by their 'key' (a side without one is matched by its name, then keyed\n"
    "'<type>:<name>'); each line is one evidence of its (subject, relation, object, negated)\n"
    "relation. A document already loaded is skipped, so loading a file twice adds nothing.\n"
    "\n"
    "Options:\n"
    "  --db FILE          the database (default geokg.db)\n"
    "  --batch N          triples per transaction (default 200000)\n"
    "  --quiet            no summary on stderr\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 every line went in, 1 some lines were refused (each named on stderr\n"
    "with its file and line; the others go in) or a file could not be read, 2 wrong usage.\n";

constexpr int kMaxMessages = 100;

// Reports refused lines on stderr, at most kMaxMessages of them.
struct ErrorPrinter {
  int64_t count = 0;
  void operator()(const Status& st) {
    if (++count <= kMaxMessages) std::cerr << "geokg: " << cli::Clip(st.message(), 500) << "\n";
    if (count == kMaxMessages + 1) std::cerr << "geokg: (more refused lines not shown)\n";
  }
};

// Parses the options shared by import and load; returns -1 to go on, else the exit code.
int CommonArgs(const char* command, const char* help, int argc, char** argv, ParsedArgs* args,
               BulkOptions* bulk) {
  const auto specs =
      cli::Options({"--db", "--batch", "--relation"}, {"--quiet"}, {{"-q", false, "--quiet"}});
  if (int rc = cli::ParseCommandLine(command, help, argc, argv, specs, args); rc >= 0) return rc;
  if (args->positional.empty()) return UsageError(command, "no input file");
  int64_t batch = 200000;
  if (args->Has("--batch") && !cli::ParseInt(args->Value("--batch"), 1, 100000000, &batch))
    return UsageError(command, "--batch needs a number from 1 to 100000000");
  bulk->batch_size = static_cast<size_t>(batch);
  return -1;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int RunImport(int argc, char** argv) {
  ParsedArgs args;
  BulkOptions bulk;
  if (int rc = CommonArgs("import", kImportHelp, argc, argv, &args, &bulk); rc >= 0) return rc;
  GraphmlImportOptions options;
  if (args.Has("--relation")) {
    std::string name = args.Value("--relation");
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!RelationFromName(name, &options.default_relation))
      return UsageError("import", "unknown relation type '" + name + "'");
    options.has_default_relation = true;
  }
  ErrorPrinter printer;
  options.on_error = [&](const Status& st) { printer(st); };

  const std::string db = args.Value("--db", cli::kDefaultDb);
  std::unique_ptr<Store> store;
  Status st = Store::Open(db, StoreOptions{}, &store);
  if (!st.ok()) return Failure(st);
  int failed = 0;
  for (const std::string& path : args.positional) {
    const auto start = std::chrono::steady_clock::now();
    GraphmlImportStats stats;
    // Each file's refusals are named after it.
    options.on_error = [&](const Status& e) { printer(e.WithContext(path)); };
    st = ImportGraphml(path, store.get(), options, bulk, &stats);
    if (!st.ok()) {
      Failure(st);
      ++failed;
      continue;
    }
    if (stats.refused > 0) ++failed;
    if (args.Has("--quiet")) continue;
    if (stats.store.articles_skipped > 0) {
      std::cerr << "geokg import: " << path << " was imported before; nothing added\n";
      continue;
    }
    char secs[32];
    std::snprintf(secs, sizeof(secs), "%.1f", Seconds(start));
    std::cerr << "geokg import: " << path << ": " << stats.nodes << " nodes, " << stats.edges
              << " edges (" << stats.refused << " refused) -> " << stats.store.entities_added
              << " new actors, " << stats.store.relations_added << " new relations in " << secs
              << " s -> " << db << "\n";
  }
  return failed > 0 ? kExitFailure : kExitOk;
}

int RunLoad(int argc, char** argv) {
  ParsedArgs args;
  BulkOptions bulk;
  if (int rc = CommonArgs("load", kLoadHelp, argc, argv, &args, &bulk); rc >= 0) return rc;
  if (args.Has("--relation")) return UsageError("load", "--relation applies to import only");
  TriplesLoadOptions options;
  options.bulk = bulk;
  ErrorPrinter printer;
  options.on_error = [&](const Status& st) { printer(st); };

  const std::string db = args.Value("--db", cli::kDefaultDb);
  std::unique_ptr<Store> store;
  Status st = Store::Open(db, StoreOptions{}, &store);
  if (!st.ok()) return Failure(st);
  const auto start = std::chrono::steady_clock::now();
  TriplesLoadStats stats;
  st = LoadTriplesJsonl(args.positional, store.get(), options, &stats);
  if (!st.ok()) Failure(st);
  if (!args.Has("--quiet")) {
    const double secs = Seconds(start);
    char rate[64];
    std::snprintf(rate, sizeof(rate), "%.1f s, %.0f triples/s", secs,
                  secs > 0 ? static_cast<double>(stats.store.triples) / secs : 0.0);
    std::cerr << "geokg load: " << stats.lines << " lines (" << stats.refused << " refused), "
              << stats.store.evidence_added << " triples added";
    if (stats.store.skipped > 0)
      std::cerr << ", " << stats.store.skipped << " of " << stats.store.articles_skipped
                << " documents loaded before";
    char cpu[128];
    std::snprintf(cpu, sizeof(cpu), "; CPU %.2f s reading, %.2f s writing, %.2f s indexing",
                  stats.read_cpu_seconds, stats.store.write_cpu_seconds,
                  stats.store.index_cpu_seconds);
    std::cerr << "; " << stats.store.entities_added << " new actors, "
              << stats.store.relations_added << " new relations (" << rate << cpu << ") -> " << db
              << "\n";
  }
  return !st.ok() || stats.refused > 0 ? kExitFailure : kExitOk;
}

}  // namespace geokg
