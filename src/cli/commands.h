// The geokg subcommands, each a thin shell over the libraries.
//
// Each Run* takes the arguments from the subcommand name on (argv[0] is "query", "export"
// or "stats") and returns the process exit code: 0 success, 1 failure (unknown actor, missing
// or unreadable database, write error), 2 wrong usage. Messages go to stderr as one line
// starting with "geokg: ". They throw only for broken invariants, which main() catches.
#pragma once

namespace geokg {

// geokg query [--db FILE] [--json] [--evidence N] neighbors NAME [--type T[,T..]]
//             [--direction out|in|both] [--negated]
// geokg query [--db FILE] [--json] [--evidence N] between A B [--negated]
// geokg query [--db FILE] [--json] [--evidence N] path A B
int RunQuery(int argc, char** argv);

// geokg export [--db FILE] --format graphml|jsonl [-o FILE]
int RunExport(int argc, char** argv);

// geokg stats [--db FILE] [--json]
int RunStats(int argc, char** argv);

}  // namespace geokg
