// geokg query, export and stats: argument parsing and output; the work is in geokg_graph.

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "commands.h"
#include "geokg/common/text.h"
#include "geokg/graph/export.h"
#include "geokg/graph/graph.h"
#include "geokg/ontology.h"
#include "geokg/store/store.h"

namespace geokg {
namespace {

// Keys in the order written, so that documents read top-down.
using json = nlohmann::ordered_json;

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

constexpr const char* kDefaultDb = "geokg.db";
constexpr int kDefaultEvidence = 3;
constexpr size_t kSentenceWidth = 160;
constexpr size_t kNameWidth = 40;

constexpr const char* kQueryHelp =
    "Usage: geokg query [--db FILE] [--json] [--evidence N] neighbors NAME\n"
    "                   [--type T[,T..]] [--direction out|in|both] [--negated]\n"
    "       geokg query [--db FILE] [--json] [--evidence N] between A B [--negated]\n"
    "       geokg query [--db FILE] [--json] [--evidence N] path A B\n"
    "\n"
    "Answers questions about the actors of a geokg database.\n"
    "\n"
    "  neighbors NAME   the relations of one actor, strongest first\n"
    "  between A B      the relations between two actors, in both directions\n"
    "  path A B         a shortest chain of relations linking two actors (any direction,\n"
    "                   denied relations excluded)\n"
    "\n"
    "Names are matched in French or English, without regard to case, accents or a leading\n"
    "article (\"la Russie\", \"russia\"), then by prefix (\"Poutine\", \"Lattaq\"); an entity\n"
    "key (\"state:RUS\") also works. An ambiguous name lists the actors it could mean.\n"
    "\n"
    "Options:\n"
    "  --db FILE          the database (default geokg.db)\n"
    "  --json             print one JSON document instead of a table\n"
    "  --evidence N       sentences shown per relation (default 3; -1 for all)\n"
    "  --type T[,T..]     keep these relation types or classes (ASSAULT, CONFLICT ...)\n"
    "  --direction D      out (actor is the subject), in (the object) or both (default)\n"
    "  --negated          also show relations the text denies (\"did not meet\")\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 answered, 1 unknown or ambiguous actor, no path, bad database,\n"
    "2 wrong usage.\n";

constexpr const char* kExportHelp =
    "Usage: geokg export [--db FILE] --format graphml|jsonl [-o FILE]\n"
    "\n"
    "Writes the whole database in another format, to FILE or standard output.\n"
    "\n"
    "  graphml   a directed GraphML graph: actors as nodes (entity_id, key, name, type,\n"
    "            country), relations as edges (relation, coarse, cameo, negated,\n"
    "            evidence_count, first_date, last_date, modality). Loads in networkx, igraph,\n"
    "            Gephi, Cytoscape.\n"
    "  jsonl     one triple a line per evidence, in the evaluation's triples format\n"
    "\n"
    "Options:\n"
    "  --db FILE       the database (default geokg.db)\n"
    "  --format F      graphml or jsonl\n"
    "  -o, --output F  the file to write (written whole, then renamed into place);\n"
    "                  standard output when absent or \"-\"\n"
    "  -h, --help      show this help\n";

constexpr const char* kStatsHelp =
    "Usage: geokg stats [--db FILE] [--json]\n"
    "\n"
    "Counts what a geokg database holds: articles by language, actors by type, relations\n"
    "by class and type, evidence.\n"
    "\n"
    "Options:\n"
    "  --db FILE   the database (default geokg.db)\n"
    "  --json      print one JSON document\n"
    "  -h, --help  show this help\n";

// ---------------------------------------------------------------- terminal text

// Display width, roughly: code points, not counting combining marks.
size_t Width(std::string_view s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = DecodeUtf8(s, &i);
    if (!(cp >= 0x300 && cp <= 0x36F)) ++width;
  }
  return width;
}

bool IsControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// Text for a terminal: control characters (which could carry escape sequences from an
// article) dropped, white space runs as one space, at most `max` code points with "…" marking
// a cut.
std::string Clip(std::string_view s, size_t max) {
  std::string flat;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    const size_t start = i;
    const char32_t cp = DecodeUtf8(s, &i);
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
      space = !flat.empty();
      continue;
    }
    if (IsControl(cp)) continue;
    if (space) flat.push_back(' ');
    space = false;
    flat.append(s, start, i - start);
  }
  if (Width(flat) <= max) return flat;
  std::string out;
  size_t n = 0;
  for (size_t i = 0; i < flat.size() && n + 1 < max;) {
    size_t start = i;
    char32_t cp = DecodeUtf8(flat, &i);
    if (!(cp >= 0x300 && cp <= 0x36F)) ++n;
    out.append(flat, start, i - start);
  }
  return out + "…";
}

// ---------------------------------------------------------------- arguments

struct OptionSpec {
  std::string_view name;  // "--db", "-o"
  bool takes_value;
  std::string_view canonical;  // the name values are filed under
};

struct ParsedArgs {
  std::map<std::string, std::vector<std::string>, std::less<>> options;
  std::vector<std::string> positional;

  bool Has(std::string_view name) const { return options.find(name) != options.end(); }
  // The last value given for `name`, or `fallback`.
  std::string Value(std::string_view name, std::string fallback = "") const {
    auto it = options.find(name);
    return it == options.end() || it->second.empty() ? fallback : it->second.back();
  }
};

// Parses argv[1..] (argv[0] is the subcommand). Options may come before or after the
// positional arguments; "--opt=value" and "--opt value" both work; "--" ends the options.
// Returns kUsage with a message on an unknown option or a missing value.
Status ParseArgs(int argc, char** argv, const std::vector<OptionSpec>& specs, ParsedArgs* out) {
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (options_done || arg.size() < 2 || arg[0] != '-') {
      out->positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    std::string name = arg, value;
    bool inline_value = false;
    if (size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      inline_value = true;
    }
    auto spec = std::find_if(specs.begin(), specs.end(),
                             [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) return Status::Usage("unknown option '" + name + "'");
    if (spec->takes_value && !inline_value) {
      if (i + 1 >= argc) return Status::Usage("option " + name + " needs a value");
      value = argv[++i];
    } else if (!spec->takes_value && inline_value) {
      return Status::Usage("option " + name + " takes no value");
    }
    out->options[std::string(spec->canonical)].push_back(value);
  }
  return Status::Ok();
}

int UsageError(std::string_view command, std::string_view message) {
  std::cerr << "geokg " << command << ": " << Clip(message, 2000) << "\n"
            << "Try 'geokg " << command << " --help'.\n";
  return kExitUsage;
}

int Failure(const Status& st) {
  std::cerr << "geokg: " << Clip(st.message(), 2000) << "\n";
  return kExitFailure;
}

// Opens `path` for reading. A missing file is "FILE: no such database".
Status OpenDatabase(const std::string& path, std::unique_ptr<Store>* store) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::NotFound(path + ": no such database");
  StoreOptions options;
  options.read_only = true;
  return Store::Open(path, options, store);
}

// Parses a whole string as an integer in [-1, 1000000].
bool ParseInt(const std::string& s, int* out) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < -1 || v > 1000000) return false;
  *out = v;
  return true;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Fills `filter` from "--type ASSAULT,conflict". Returns kUsage naming a bad type.
Status ParseTypes(const std::vector<std::string>& values, NeighborFilter* filter) {
  for (const std::string& value : values) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      const std::string name = Upper(Trim(std::string_view(value).substr(start, comma - start)));
      start = comma + 1;
      if (name.empty()) continue;
      RelationType t;
      if (RelationFromName(name, &t)) {
        filter->types.push_back(t);
      } else if (IsCoarseClass(name)) {
        filter->coarse.push_back(name);
      } else {
        std::string known;
        for (int i = 0; i < static_cast<int>(RelationType::kCount); ++i)
          known += (i ? ", " : "") + std::string(Relation(static_cast<RelationType>(i)).name);
        return Status::Usage("unknown relation type '" + name + "' (types: " + known +
                             "; classes: COMMUNICATE, COOPERATE, CONFLICT, CONTROL, MEMBERSHIP, "
                             "LOCATION)");
      }
    }
  }
  return Status::Ok();
}

// ---------------------------------------------------------------- text output

std::string Pad(const std::string& s, size_t width) {
  size_t w = Width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string PadLeft(const std::string& s, size_t width) {
  size_t w = Width(s);
  return w >= width ? s : std::string(width - w, ' ') + s;
}

std::string RelationLabel(const EdgeProps& r) {
  std::string name(Relation(r.type).name);
  return r.negated ? "NOT " + name : name;
}

std::string Or(const std::string& s, const char* fallback) { return s.empty() ? fallback : s; }

// Prints facts as an aligned table, each row followed by its evidence sentences.
void PrintFacts(const std::vector<RelationFact>& facts, std::ostream& os) {
  const std::vector<std::string> header = {"SUBJECT", "RELATION", "OBJECT",  "COUNT",
                                           "FIRST",   "LAST",     "MODALITY"};
  std::vector<std::vector<std::string>> rows;
  for (const RelationFact& f : facts) {
    rows.push_back({Clip(f.subject.name, kNameWidth), RelationLabel(f.relation),
                    Clip(f.object.name, kNameWidth), std::to_string(f.relation.evidence_count),
                    Or(f.relation.first_date, "-"), Or(f.relation.last_date, "-"),
                    std::string(ModalityName(f.relation.modality))});
  }
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) {
    width[c] = Width(header[c]);
    for (const auto& row : rows) width[c] = std::max(width[c], Width(row[c]));
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) line += "  ";
      line += c == 3 ? PadLeft(row[c], width[c]) : Pad(row[c], width[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    os << line << "\n";
  };
  size_t article_width = 0;
  for (const RelationFact& f : facts)
    for (const EvidenceRow& ev : f.evidence)
      article_width = std::max(article_width, Width(Clip(ev.article, kNameWidth)));
  print_row(header);
  for (size_t i = 0; i < facts.size(); ++i) {
    print_row(rows[i]);
    for (const EvidenceRow& ev : facts[i].evidence) {
      os << "    " << Pad(Clip(ev.article, kNameWidth), article_width) << "  "
         << Pad(Or(ev.date, "-"), 10) << "  ";
      if (ev.modality != Modality::kAsserted) os << "(" << ModalityName(ev.modality) << ") ";
      os << Clip(ev.sentence, kSentenceWidth) << "\n";
    }
    const int64_t more =
        facts[i].relation.evidence_count - static_cast<int64_t>(facts[i].evidence.size());
    if (!facts[i].evidence.empty() && more > 0) os << "    ... and " << more << " more\n";
  }
}

std::string ActorLine(const VertexProps& a) {
  std::string out = Clip(a.name, kNameWidth) + " (" + std::string(EntityTypeName(a.type));
  if (!a.country.empty() && a.type != EntityType::kState) out += ", " + a.country;
  return out + ", " + Clip(a.key, kNameWidth) + ")";
}

// ---------------------------------------------------------------- JSON output

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json ActorJson(const VertexProps& a) {
  return {{"id", a.id},
          {"key", a.key},
          {"name", a.name},
          {"type", EntityTypeName(a.type)},
          {"country", OrNull(a.country)}};
}

json FactJson(const RelationFact& f) {
  json evidence = json::array();
  for (const EvidenceRow& ev : f.evidence) {
    evidence.push_back({{"id", ev.id},
                        {"article", ev.article},
                        {"date", OrNull(ev.date)},
                        {"sentence", ev.sentence},
                        {"modality", ModalityName(ev.modality)},
                        {"negated", ev.negated},
                        {"trigger", OrNull(ev.trigger)},
                        {"subject_mention", OrNull(ev.subject_mention)},
                        {"object_mention", OrNull(ev.object_mention)},
                        {"cameo", OrNull(ev.cameo)},
                        {"mode", OrNull(ev.mode)},
                        {"role", OrNull(ev.role)},
                        {"confidence", ev.confidence}});
  }
  const RelationInfo& info = Relation(f.relation.type);
  return {{"id", f.relation.id},
          {"subject", ActorJson(f.subject)},
          {"relation", info.name},
          {"coarse", info.coarse},
          {"object", ActorJson(f.object)},
          {"negated", f.relation.negated},
          {"cameo", OrNull(f.relation.cameo)},
          {"evidence_count", f.relation.evidence_count},
          {"first_date", OrNull(f.relation.first_date)},
          {"last_date", OrNull(f.relation.last_date)},
          {"modality", ModalityName(f.relation.modality)},
          {"evidence", std::move(evidence)}};
}

json FactsJson(const std::vector<RelationFact>& facts) {
  json out = json::array();
  for (const RelationFact& f : facts) out.push_back(FactJson(f));
  return out;
}

void PrintJson(const json& doc) {
  // Stored text is valid UTF-8; replace rather than throw should a row say otherwise.
  std::cout << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

// ---------------------------------------------------------------- commands

int FinishOutput() {
  std::cout.flush();
  if (!std::cout) return Failure(Status::IoError("cannot write to standard output"));
  return kExitOk;
}

struct QueryContext {
  std::unique_ptr<Store> store;
  std::unique_ptr<KnowledgeGraph> graph;
  QueryOptions options;
  bool json = false;
};

int QueryNeighbors(QueryContext& ctx, const ParsedArgs& args) {
  NeighborFilter filter;
  if (auto it = args.options.find("--type"); it != args.options.end()) {
    Status st = ParseTypes(it->second, &filter);
    if (!st.ok()) return UsageError("query", st.message());
  }
  const std::string direction = args.Value("--direction", "both");
  if (direction == "out") {
    filter.direction = Direction::kOut;
  } else if (direction == "in") {
    filter.direction = Direction::kIn;
  } else if (direction != "both") {
    return UsageError("query", "--direction must be out, in or both, not '" + direction + "'");
  }

  VertexProps actor;
  Status st = ctx.graph->ResolveActor(args.positional[1], &actor);
  if (!st.ok()) return Failure(st);
  std::vector<RelationFact> facts;
  st = ctx.graph->Neighbors(actor.id, filter, ctx.options, &facts);
  if (!st.ok()) return Failure(st);

  if (ctx.json) {
    json types = json::array();
    for (RelationType t : filter.types) types.push_back(Relation(t).name);
    for (const std::string& c : filter.coarse) types.push_back(c);
    PrintJson({{"query", "neighbors"},
               {"actor", ActorJson(actor)},
               {"direction", direction},
               {"types", types},
               {"include_negated", ctx.options.include_negated},
               {"relations", FactsJson(facts)}});
    return FinishOutput();
  }
  std::cout << ActorLine(actor) << ": " << facts.size()
            << (facts.size() == 1 ? " relation" : " relations") << "\n";
  if (!facts.empty()) {
    std::cout << "\n";
    PrintFacts(facts, std::cout);
  }
  return FinishOutput();
}

// Resolves the two names of "between A B" and "path A B".
Status ResolvePair(const QueryContext& ctx, const ParsedArgs& args, VertexProps* a,
                   VertexProps* b) {
  GEOKG_RETURN_IF_ERROR(ctx.graph->ResolveActor(args.positional[1], a));
  return ctx.graph->ResolveActor(args.positional[2], b);
}

int QueryBetween(QueryContext& ctx, const ParsedArgs& args) {
  VertexProps a, b;
  Status st = ResolvePair(ctx, args, &a, &b);
  if (!st.ok()) return Failure(st);
  std::vector<RelationFact> facts;
  st = ctx.graph->Between(a.id, b.id, ctx.options, &facts);
  if (!st.ok()) return Failure(st);
  if (ctx.json) {
    PrintJson({{"query", "between"},
               {"a", ActorJson(a)},
               {"b", ActorJson(b)},
               {"include_negated", ctx.options.include_negated},
               {"relations", FactsJson(facts)}});
    return FinishOutput();
  }
  std::cout << ActorLine(a) << " and " << ActorLine(b) << ": " << facts.size()
            << (facts.size() == 1 ? " relation" : " relations") << "\n";
  if (!facts.empty()) {
    std::cout << "\n";
    PrintFacts(facts, std::cout);
  }
  return FinishOutput();
}

int QueryPath(QueryContext& ctx, const ParsedArgs& args) {
  VertexProps a, b;
  Status st = ResolvePair(ctx, args, &a, &b);
  if (!st.ok()) return Failure(st);
  PathResult path;
  st = ctx.graph->ShortestPath(a.id, b.id, ctx.options, &path);
  if (!st.ok()) return Failure(st);
  if (ctx.json) {
    json actors = json::array(), hops = json::array();
    for (const VertexProps& v : path.actors) actors.push_back(ActorJson(v));
    for (const auto& hop : path.hops) hops.push_back(FactsJson(hop));
    PrintJson({{"query", "path"},
               {"from", ActorJson(a)},
               {"to", ActorJson(b)},
               {"length", path.hops.size()},
               {"actors", std::move(actors)},
               {"hops", std::move(hops)}});
    return FinishOutput();
  }
  std::string chain;
  for (size_t i = 0; i < path.actors.size(); ++i)
    chain += (i ? " -> " : "") + Clip(path.actors[i].name, kNameWidth);
  std::cout << chain << "  (" << path.hops.size() << (path.hops.size() == 1 ? " hop" : " hops")
            << ")\n";
  std::vector<RelationFact> all;
  for (const auto& hop : path.hops) all.insert(all.end(), hop.begin(), hop.end());
  if (!all.empty()) {
    std::cout << "\n";
    PrintFacts(all, std::cout);
  }
  return FinishOutput();
}

// Writes `path` through a temporary file beside it, renamed into place only when complete:
// a failure leaves no half-written file, and an existing file stays as it was.
template <typename WriteFn>
Status WriteFileAtomically(const std::string& path, WriteFn write) {
  const std::string tmp = path + ".tmp-" + std::to_string(getpid());
  // O_EXCL: never write through someone else's file or link; 0666 lets umask decide.
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) return Status::IoError(path + ": cannot write: " + std::strerror(errno));
  ::close(fd);
  Status st;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    st = out ? write(out) : Status::IoError("cannot open " + tmp);
    if (st.ok()) {
      out.close();
      if (!out) st = Status::IoError("write failed");
    }
  }
  if (st.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
    st = Status::IoError(std::string("cannot rename the temporary file into place: ") +
                         std::strerror(errno));
  }
  if (!st.ok()) {
    std::remove(tmp.c_str());
    return st.WithContext(path);
  }
  return st;
}

}  // namespace

int RunQuery(int argc, char** argv) {
  ParsedArgs args;
  Status st = ParseArgs(argc, argv,
                        {{"--db", true, "--db"},
                         {"--json", false, "--json"},
                         {"--evidence", true, "--evidence"},
                         {"--type", true, "--type"},
                         {"--direction", true, "--direction"},
                         {"--negated", false, "--negated"},
                         {"--help", false, "--help"},
                         {"-h", false, "--help"}},
                        &args);
  if (!st.ok()) return UsageError("query", st.message());
  if (args.Has("--help")) {
    std::cout << kQueryHelp;
    return FinishOutput();
  }
  if (args.positional.empty())
    return UsageError("query", "missing what to ask: neighbors, between or path");
  const std::string what = args.positional[0];
  const size_t want = what == "neighbors" ? 2 : (what == "between" || what == "path") ? 3 : 0;
  if (want == 0) {
    return UsageError("query", "unknown query '" + what + "' (neighbors, between or path)");
  }
  if (args.positional.size() != want) {
    return UsageError("query",
                      what + (want == 2 ? " takes one actor name" : " takes two actor names"));
  }
  if (what != "neighbors" && (args.Has("--type") || args.Has("--direction"))) {
    return UsageError("query", "--type and --direction apply to neighbors only");
  }
  if (what == "path" && args.Has("--negated")) {
    return UsageError("query", "path never follows denied relations; --negated does not apply");
  }

  QueryContext ctx;
  ctx.json = args.Has("--json");
  ctx.options.include_negated = args.Has("--negated");
  ctx.options.max_evidence = kDefaultEvidence;
  if (args.Has("--evidence") && !ParseInt(args.Value("--evidence"), &ctx.options.max_evidence)) {
    return UsageError("query", "--evidence needs a number (-1 for all)");
  }
  st = OpenDatabase(args.Value("--db", kDefaultDb), &ctx.store);
  if (!st.ok()) return Failure(st);
  st = KnowledgeGraph::Load(ctx.store.get(), &ctx.graph);
  if (!st.ok()) return Failure(st);

  if (what == "neighbors") return QueryNeighbors(ctx, args);
  if (what == "between") return QueryBetween(ctx, args);
  return QueryPath(ctx, args);
}

int RunExport(int argc, char** argv) {
  ParsedArgs args;
  Status st = ParseArgs(argc, argv,
                        {{"--db", true, "--db"},
                         {"--format", true, "--format"},
                         {"-o", true, "--output"},
                         {"--output", true, "--output"},
                         {"--help", false, "--help"},
                         {"-h", false, "--help"}},
                        &args);
  if (!st.ok()) return UsageError("export", st.message());
  if (args.Has("--help")) {
    std::cout << kExportHelp;
    return FinishOutput();
  }
  if (!args.positional.empty()) {
    return UsageError("export", "unexpected argument '" + args.positional[0] + "'");
  }
  const std::string format = args.Value("--format");
  if (format.empty()) return UsageError("export", "missing --format (graphml or jsonl)");
  if (format != "graphml" && format != "jsonl") {
    return UsageError("export", "unknown format '" + format + "' (graphml or jsonl)");
  }

  std::unique_ptr<Store> store;
  st = OpenDatabase(args.Value("--db", kDefaultDb), &store);
  if (!st.ok()) return Failure(st);
  std::unique_ptr<KnowledgeGraph> graph;
  if (format == "graphml") {
    st = KnowledgeGraph::Load(store.get(), &graph);
    if (!st.ok()) return Failure(st);
  }
  auto write = [&](std::ostream& os) {
    return format == "graphml" ? WriteGraphml(*graph, os) : WriteTriplesJsonl(store.get(), os);
  };

  const std::string output = args.Value("--output", "-");
  if (output == "-") {
    st = write(std::cout);
    if (!st.ok()) return Failure(st.WithContext("standard output"));
    return FinishOutput();
  }
  st = WriteFileAtomically(output, write);
  if (!st.ok()) return Failure(st);
  return kExitOk;
}

int RunStats(int argc, char** argv) {
  ParsedArgs args;
  Status st = ParseArgs(argc, argv,
                        {{"--db", true, "--db"},
                         {"--json", false, "--json"},
                         {"--help", false, "--help"},
                         {"-h", false, "--help"}},
                        &args);
  if (!st.ok()) return UsageError("stats", st.message());
  if (args.Has("--help")) {
    std::cout << kStatsHelp;
    return FinishOutput();
  }
  if (!args.positional.empty()) {
    return UsageError("stats", "unexpected argument '" + args.positional[0] + "'");
  }
  const std::string path = args.Value("--db", kDefaultDb);
  std::unique_ptr<Store> store;
  st = OpenDatabase(path, &store);
  if (!st.ok()) return Failure(st);
  StoreStats stats;
  st = ReadStats(store.get(), &stats);
  if (!st.ok()) return Failure(st.WithContext(path));

  using Groups = std::vector<std::pair<std::string, int64_t>>;
  if (args.Has("--json")) {
    auto object = [](const Groups& groups) {
      json out = json::object();
      for (const auto& [name, count] : groups) out[name.empty() ? "unknown" : name] = count;
      return out;
    };
    PrintJson({{"database", path},
               {"schema_version", stats.schema_version},
               {"articles", stats.articles},
               {"articles_by_lang", object(stats.articles_by_lang)},
               {"first_date", OrNull(stats.first_date)},
               {"last_date", OrNull(stats.last_date)},
               {"entities", stats.entities},
               {"entities_by_type", object(stats.entities_by_type)},
               {"aliases", stats.aliases},
               {"relations", stats.relations},
               {"negated_relations", stats.negated_relations},
               {"relations_by_coarse", object(stats.relations_by_coarse)},
               {"relations_by_type", object(stats.relations_by_type)},
               {"evidence", stats.evidence}});
    return FinishOutput();
  }

  auto line = [](const std::string& label, int64_t count, const std::string& note = "") {
    std::cout << Pad(label, 24) << PadLeft(std::to_string(count), 8);
    if (!note.empty()) std::cout << "  " << note;
    std::cout << "\n";
  };
  auto groups = [&](const Groups& gs) {
    for (const auto& [name, count] : gs) line("  " + Or(name, "unknown"), count);
  };
  std::cout << "database  " << path << " (schema " << stats.schema_version << ")\n\n";
  std::string dates;
  if (!stats.first_date.empty()) dates = stats.first_date + " .. " + stats.last_date;
  line("articles", stats.articles, dates);
  groups(stats.articles_by_lang);
  line("actors", stats.entities);
  groups(stats.entities_by_type);
  line("aliases", stats.aliases);
  line("relations", stats.relations,
       stats.negated_relations ? std::to_string(stats.negated_relations) + " negated" : "");
  groups(stats.relations_by_coarse);
  line("relations by type", stats.relations);
  groups(stats.relations_by_type);
  line("evidence", stats.evidence);
  return FinishOutput();
}

}  // namespace geokg
