// `geokg gazetteer import`: CAMEO actor dictionaries to a geokg gazetteer file
// (geokg/ingest/cameo.h does the work).
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "geokg/ingest/cameo.h"

namespace geokg {
namespace {

constexpr const char* kGazetteerHelp =
    "usage: geokg gazetteer import [options] FILE... -o OUT.tsv\n"
    "\n"
    "Converts CAMEO actor dictionaries (the TABARI/PETRARCH format of Phoenix.*.actors.txt:\n"
    "actor phrases, +synonyms, date-ranged codes such as [USAGOV 19900101-20000101]) into a\n"
    "geokg gazetteer file (docs/GAZETTEER.md), to pass with --gazetteer OUT.tsv or to copy\n"
    "into a data folder. An actor already in the gazetteer (same name or alias after\n"
    "folding, compatible type) is merged into that entry, not duplicated; a phrase that\n"
    "another entry already uses is left out and reported. CAMEO codes give the type and\n"
    "country (AFG: a state; AFGMIL: an organisation; SYRREB, IMG...: armed groups; IGO...:\n"
    "international organisations; actors with dated codes: people) and people's dated\n"
    "codes become MEMBER_OF roles with their dates.\n"
    "\n"
    "'--gazetteer Phoenix.Countries.actors.txt' on ingest, extract and eval does the same\n"
    "conversion on load; importing once gives a file to review, edit and version.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE   the gazetteer file to write (required; - for standard output)\n"
    "  --conflicts FILE    write every phrase left out, with its file and line, to FILE\n"
    "  --gazetteer FILE    merge against this geokg gazetteer file too (repeatable)\n"
    "\n"
    "Bad lines (a date that is no date, an end before its start, a code before any actor)\n"
    "are named on stderr with their file and line and skipped; the rest is converted.\n"
    "\n"
    "exit status: 0 converted, 1 a file unreadable or some lines skipped (OUT is written\n"
    "all the same), 2 usage.\n";

}  // namespace

int RunGazetteer(int argc, char** argv) {
  auto usage = [](const std::string& msg) {
    std::cerr << "geokg gazetteer: " << msg << " (see geokg gazetteer --help)\n";
    return 2;
  };
  if (argc < 2) return usage("which subcommand? (import)");
  const std::string sub = argv[1];
  if (sub == "-h" || sub == "--help") {
    std::cout << kGazetteerHelp;
    return 0;
  }
  if (sub != "import") return usage("unknown subcommand '" + sub + "'");
  std::string output, conflicts_path;
  std::vector<std::string> files, extra;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    std::string v;
    bool has_inline = false;
    if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
      if (size_t eq = a.find('='); eq != std::string::npos) {
        v = a.substr(eq + 1);
        a.resize(eq);
        has_inline = true;
      }
    }
    const bool takes_value =
        a == "-o" || a == "--output" || a == "--conflicts" || a == "--gazetteer";
    if (takes_value && !has_inline) {
      if (i + 1 >= argc) return usage(a + " needs a value");
      v = argv[++i];
    }
    if (a == "-h" || a == "--help") {
      std::cout << kGazetteerHelp;
      return 0;
    } else if (a == "-o" || a == "--output") {
      output = v;
    } else if (a == "--conflicts") {
      conflicts_path = v;
    } else if (a == "--gazetteer") {
      extra.push_back(v);
    } else if (a.size() > 1 && a[0] == '-') {
      return usage("unknown option '" + a + "'");
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) return usage("no actor dictionary given");
  if (output.empty()) return usage("-o OUT.tsv is required");

  CameoImport result;
  if (Status st = ImportCameoActors(files, "", extra, &result); !st.ok()) {
    std::cerr << "geokg: " << st.message() << "\n";
    return 1;
  }
  for (const std::string& p : result.problems) std::cerr << "geokg: " << p << "\n";
  if (output == "-") {
    std::cout << result.tsv;
    std::cout.flush();
  } else {
    std::ofstream out(output, std::ios::binary);
    out << result.tsv;
    if (!out.flush()) {
      std::cerr << "geokg: " << output << ": cannot write\n";
      return 1;
    }
  }
  if (!conflicts_path.empty()) {
    std::ofstream out(conflicts_path, std::ios::binary);
    for (const std::string& c : result.conflicts) out << c << "\n";
    if (!out.flush()) {
      std::cerr << "geokg: " << conflicts_path << ": cannot write\n";
      return 1;
    }
  }
  std::cerr << "geokg gazetteer import: " << result.actors << " actors: " << result.added
            << " new entries, " << result.merged << " merged with known ones, " << result.dropped
            << " left with no free name; " << result.problems.size() << " bad lines skipped, "
            << result.conflicts.size() << " phrases already taken"
            << (conflicts_path.empty() ? " (--conflicts FILE lists them)" : "") << "\n";
  return result.problems.empty() ? 0 : 1;
}

}  // namespace geokg
