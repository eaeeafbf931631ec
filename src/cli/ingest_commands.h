// The reading side of the CLI: `geokg ingest` and `geokg extract`.
//
// Both take the arguments from the subcommand name on and return the exit code: 0 when every
// input went in, 1 when some failed (each reported on stderr as one line naming the file and
// line), 2 for wrong usage.
#pragma once

#include <string>

namespace geokg {

// geokg ingest [--db FILE] [--jobs N] [--include GLOB]... [--keep-duplicates]
//              [--dedup-window N] [--gazetteer FILE]... [--lexicon FILE]... [--quiet] INPUT...
// Extracts on N threads and writes in input order, one transaction per batch of articles
// and a savepoint per article (each article all or nothing); exit 130 after Ctrl-C or
// SIGTERM (the articles in flight are committed first).
int RunIngest(int argc, char** argv);

// geokg extract [--entities | --statements] [--jobs N] [--include GLOB]...
//               [--gazetteer FILE]... [--lexicon FILE]... [--stats] [--quiet] [INPUT...]
// Writes JSON Lines to standard output in input order, whatever N.
int RunExtract(int argc, char** argv);

// RunExtract with the JSON Lines appended to *capture instead of standard output (nullptr:
// standard output). `geokg eval` runs extraction through it.
int RunExtractInto(int argc, char** argv, std::string* capture);

}  // namespace geokg
