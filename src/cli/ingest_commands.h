// The reading side of the CLI: `geokg ingest` and `geokg extract`.
//
// Both take the arguments from the subcommand name on and return the exit code: 0 when every
// input went in, 1 when some failed (each reported on stderr as one line naming the file and
// line), 2 for wrong usage.
#pragma once

namespace geokg {

// geokg ingest [--db FILE] [--gazetteer FILE]... [--lexicon FILE]... [--quiet] INPUT...
int RunIngest(int argc, char** argv);

// geokg extract [--entities] [--gazetteer FILE]... [--lexicon FILE]... [INPUT...]
int RunExtract(int argc, char** argv);

}  // namespace geokg
