// The geokg subcommands on the graph side, each a thin shell over the libraries.
//
// Each Run* takes the arguments from the subcommand name on (argv[0] is "query", "export",
// "stats", "import" or "load") and returns the process exit code: 0 success, 1 failure
// (unknown actor, missing or unreadable database, write error, some input lines refused),
// 2 wrong usage. Messages go to stderr as lines starting with "geokg: ". They throw only for
// broken invariants, which main() catches.
#pragma once

namespace geokg {

// geokg query [--db FILE] [--json] QUERY ARGS [options], QUERY one of
//   neighbors NAME, between A B, ego NAME, path A B, timeline NAME, top, search PREFIX,
//   window (see kQueryHelp in commands_graph.cc for the options of each).
int RunQuery(int argc, char** argv);

// geokg export [--db FILE] --format graphml|gexf|json|cytoscape|csv|jsonl [-o FILE|DIR]
//              [--ego NAME [--hops K] [--max-actors N]] [--from D] [--to D] [--type T,..]
//              [--min-evidence N] [--no-negated]
int RunExport(int argc, char** argv);

// geokg stats [--db FILE] [--json]
int RunStats(int argc, char** argv);

// geokg import [--db FILE] FILE.graphml...: merges GraphML graphs into the database.
int RunImport(int argc, char** argv);

// geokg load [--db FILE] FILE.jsonl...: merges triples JSON Lines into the database.
int RunLoad(int argc, char** argv);

// geokg eval --gold FILE [--fine] [--entities] [--json] [--pred FILE | INPUT...]: scores
// extraction (run in process, or a predictions file) by the rules of ../shared/eval/score.py.
int RunEval(int argc, char** argv);

// geokg gazetteer import FILE... -o OUT.tsv: converts CAMEO actor dictionaries (PETRARCH's
// Phoenix.*.actors.txt) into a geokg gazetteer file, merged against the shipped gazetteer.
int RunGazetteer(int argc, char** argv);

}  // namespace geokg
