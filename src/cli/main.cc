// geokg: news articles in, a queryable knowledge graph of geopolitical actors out.
// main() only dispatches; the work is in the libraries. Exceptions (broken invariants)
// stop here.
#include <cstring>
#include <exception>
#include <iostream>
#include <string>

#include "commands.h"
#include "ingest_commands.h"

namespace {

constexpr const char* kHelp =
    "usage: geokg COMMAND [--db FILE] [options] [args]\n"
    "\n"
    "Turns French and English news into a knowledge graph of actors and relations.\n"
    "\n"
    "commands:\n"
    "  ingest INPUT...     read articles and merge their relations into the database\n"
    "  extract [INPUT...]  write relations (or --entities) as JSON Lines, no database\n"
    "  query ...           neighbors NAME | between A B | path A B\n"
    "  export ...          write the graph (--format graphml|jsonl)\n"
    "  stats               summarise a database\n"
    "  import FILE.graphml merge a GraphML graph into the database\n"
    "  load FILE.jsonl     merge triples JSON Lines into the database\n"
    "  eval --gold FILE    score extraction against gold (P/R/F1 per class)\n"
    "  gazetteer import    convert CAMEO actor dictionaries (PETRARCH) to a gazetteer\n"
    "\n"
    "Every command that uses a database takes --db FILE (default geokg.db) right after its\n"
    "name. 'geokg COMMAND --help' documents each command.\n"
    "\n"
    "exit status: 0 success, 1 failure (some inputs failed, not found ...), 2 wrong usage.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kHelp;
    return 2;
  }
  std::string cmd = argv[1];
  try {
    if (cmd == "-h" || cmd == "--help" || cmd == "help") {
      std::cout << kHelp;
      return 0;
    }
    if (cmd == "--version") {
      std::cout << "geokg 0.1.0\n";
      return 0;
    }
    if (cmd == "ingest") return geokg::RunIngest(argc - 1, argv + 1);
    if (cmd == "extract") return geokg::RunExtract(argc - 1, argv + 1);
    if (cmd == "query") return geokg::RunQuery(argc - 1, argv + 1);
    if (cmd == "export") return geokg::RunExport(argc - 1, argv + 1);
    if (cmd == "stats") return geokg::RunStats(argc - 1, argv + 1);
    if (cmd == "import") return geokg::RunImport(argc - 1, argv + 1);
    if (cmd == "load") return geokg::RunLoad(argc - 1, argv + 1);
    if (cmd == "eval") return geokg::RunEval(argc - 1, argv + 1);
    if (cmd == "gazetteer") return geokg::RunGazetteer(argc - 1, argv + 1);
    std::cerr << "geokg: unknown command '" << cmd << "' (see geokg --help)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "geokg: internal error: " << e.what() << "\n";
    return 3;
  }
}
