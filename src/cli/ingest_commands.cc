#include "ingest_commands.h"

#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "geokg/common/text.h"
#include "geokg/ingest/extractor.h"
#include "geokg/ingest/jsonl.h"
#include "geokg/ingest/reader.h"
#include "geokg/store/store.h"

namespace geokg {
namespace {

constexpr const char* kIngestHelp =
    "usage: geokg ingest [--db FILE] [options] INPUT...\n"
    "\n"
    "Reads articles, extracts actors and relations and merges them into the database.\n"
    "INPUT is a file (.txt, .html, .jsonl, .jsonl.gz, .jsonl.zst), a directory (read\n"
    "recursively) or - for standard input. An article already in (same text) is skipped.\n"
    "\n"
    "options:\n"
    "  --db FILE          the database (default geokg.db; created when absent)\n"
    "  --include GLOB     in directories, read only files whose name matches (repeatable)\n"
    "  --gazetteer FILE   an extra gazetteer file (repeatable; see docs/GAZETTEER.md)\n"
    "  --lexicon FILE     an extra relation lexicon (repeatable; see docs/LEXICON.md)\n"
    "  --quiet            no summary on stderr\n"
    "\n"
    "exit status: 0 all inputs went in, 1 some failed (each named on stderr), 2 usage.\n";

constexpr const char* kExtractHelp =
    "usage: geokg extract [options] [INPUT...]\n"
    "\n"
    "Extracts relations without a database and writes them to standard output as JSON\n"
    "Lines (one triple a line: doc, subject, relation, object, negated, cameo, modality,\n"
    "date, sentence, span, evidence ...). Reads standard input when no INPUT is given.\n"
    "\n"
    "options:\n"
    "  --entities         write the entities found instead of the triples\n"
    "  --include GLOB     in directories, read only files whose name matches (repeatable)\n"
    "  --gazetteer FILE   an extra gazetteer file (repeatable)\n"
    "  --lexicon FILE     an extra relation lexicon (repeatable)\n"
    "\n"
    "exit status: 0 all inputs read, 1 some failed (each named on stderr), 2 usage.\n";

struct Common {
  std::string db = "geokg.db";
  bool entities = false;
  bool quiet = false;
  ReadOptions read;
  ExtractorOptions extractor;
  std::vector<std::string> inputs;
};

// Parses the shared options. Returns -1 to go on, else an exit code.
int ParseArgs(int argc, char** argv, bool ingest, Common* c) {
  const char* help = ingest ? kIngestHelp : kExtractHelp;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "-h" || a == "--help") {
      std::cout << help;
      return 0;
    } else if (ingest && a == "--db") {
      if (!value(&c->db)) break;
    } else if (a == "--include") {
      if (!value(&v)) break;
      c->read.include.push_back(v);
    } else if (a == "--gazetteer") {
      if (!value(&v)) break;
      c->extractor.extra_gazetteers.push_back(v);
    } else if (a == "--lexicon") {
      if (!value(&v)) break;
      c->extractor.extra_lexicons.push_back(v);
    } else if (a == "--quiet" || a == "-q") {
      c->quiet = true;
    } else if (!ingest && a == "--entities") {
      c->entities = true;
    } else if (a == "--") {
      for (++i; i < argc; ++i) c->inputs.push_back(argv[i]);
    } else if (a.size() > 1 && a[0] == '-') {
      std::cerr << "geokg " << argv[0] << ": unknown option '" << a << "' (see geokg " << argv[0]
                << " --help)\n";
      return 2;
    } else {
      c->inputs.push_back(a);
    }
    continue;
  }
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if ((a == "--db" || a == "--include" || a == "--gazetteer" || a == "--lexicon") && i + 1 >= argc) {
      std::cerr << "geokg " << argv[0] << ": " << a << " needs a value\n";
      return 2;
    }
  }
  if (ingest && c->inputs.empty()) {
    std::cerr << "geokg ingest: no input (see geokg ingest --help)\n";
    return 2;
  }
  if (c->inputs.empty()) c->inputs.push_back("-");
  return -1;
}

bool MakeExtractor(const Common& c, std::unique_ptr<Extractor>* ex) {
  Status st = Extractor::Create(c.extractor, ex);
  if (!st.ok()) {
    std::cerr << "geokg: " << st.message() << "\n";
    return false;
  }
  if (!(*ex)->has_french_morphology())
    std::cerr << "geokg: warning: French dictionary (hunspell-fr) not found; French verbs are "
                 "matched by their written form only\n";
  return true;
}

}  // namespace

int RunExtract(int argc, char** argv) {
  Common c;
  if (int rc = ParseArgs(argc, argv, false, &c); rc >= 0) return rc;
  std::unique_ptr<Extractor> ex;
  if (!MakeExtractor(c, &ex)) return 1;
  int failed = 0;
  Document doc;
  auto on_error = [&](const Status& st) {
    std::cerr << "geokg: " << st.message() << "\n";
  };
  failed += ReadInputs(
      c.inputs, c.read,
      [&](Article& a) {
        Status st = ex->Process(a, &doc, c.entities);
        if (!st.ok()) {
          ++failed;
          on_error(st);
          return;
        }
        if (c.entities) {
          for (const nlohmann::json& j : EntityJson(doc)) std::cout << j.dump() << '\n';
        } else {
          for (const nlohmann::json& j : TriplesJson(doc)) std::cout << j.dump() << '\n';
        }
      },
      on_error);
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "geokg extract: cannot write to standard output\n";
    return 1;
  }
  return failed > 0 ? 1 : 0;
}

int RunIngest(int argc, char** argv) {
  Common c;
  if (int rc = ParseArgs(argc, argv, true, &c); rc >= 0) return rc;
  std::unique_ptr<Extractor> ex;
  if (!MakeExtractor(c, &ex)) return 1;
  std::unique_ptr<Store> store;
  Status st = Store::Open(c.db, StoreOptions{}, &store);
  if (!st.ok()) {
    std::cerr << "geokg: " << st.message() << "\n";
    return 1;
  }
  int failed = 0, added = 0, skipped = 0, relations = 0, evidence = 0;
  Document doc;
  auto on_error = [&](const Status& err) { std::cerr << "geokg: " << err.message() << "\n"; };
  failed += ReadInputs(
      c.inputs, c.read,
      [&](Article& a) {
        std::string hash = ContentHash(a.text);
        bool present = false;
        Status s = store->HasArticle(hash, &present);
        if (s.ok() && present) {
          ++skipped;
          return;
        }
        if (s.ok()) s = ex->Process(a, &doc);
        AddStats stats;
        if (s.ok()) s = store->AddDocument(doc, hash, &stats);
        if (s.IsAlreadyExists()) {
          ++skipped;
          return;
        }
        if (!s.ok()) {
          ++failed;
          on_error(s.message().rfind(a.origin, 0) == 0 ? s : s.WithContext(a.origin));
          return;
        }
        ++added;
        relations += stats.relations_added;
        evidence += stats.evidence_added;
      },
      on_error);
  if (!c.quiet)
    std::cerr << "geokg ingest: " << added << " articles added, " << skipped << " already in, "
              << failed << " failed; " << evidence << " relations found (" << relations
              << " new edges) -> " << c.db << "\n";
  return failed > 0 ? 1 : 0;
}

}  // namespace geokg
