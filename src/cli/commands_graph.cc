// geokg query, export and stats: argument parsing and output; the work is in geokg_graph.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli_util.h"
#include "commands.h"
#include "geokg/common/text.h"
#include "geokg/graph/analytics.h"
#include "geokg/graph/export.h"
#include "geokg/graph/graph.h"
#include "geokg/ontology.h"
#include "geokg/store/store.h"

namespace geokg {
namespace {

using cli::Clip;
using cli::Failure;
using cli::FinishOutput;
using cli::kDefaultDb;
using cli::kExitOk;
using cli::Pad;
using cli::PadLeft;
using cli::ParsedArgs;
using cli::UsageError;
using cli::Width;

// Keys in the order written, so that documents read top-down.
using json = nlohmann::ordered_json;

constexpr int kDefaultEvidence = 3;
constexpr size_t kSentenceWidth = 160;
constexpr size_t kNameWidth = 40;

constexpr const char* kQueryHelp =
    "Usage: geokg query [--db FILE] [--json] QUERY ARGS [options]\n"
    "\n"
    "Answers questions about the actors of a geokg database.\n"
    "\n"
    "Queries:\n"
    "  neighbors NAME   the relations of one actor, strongest first\n"
    "  between A B      the relations between two actors, in both directions\n"
    "  ego NAME         the actors within --hops relations of NAME and the relations among\n"
    "                   them\n"
    "  path A B         a shortest chain of relations linking two actors (any direction,\n"
    "                   denied relations excluded); --weighted prefers well-attested links\n"
    "  timeline NAME    the evidence about one actor in date order, with counts per month\n"
    "  top              the most central actors (--by degree|in|out|evidence|pagerank|\n"
    "                   betweenness)\n"
    "  search PREFIX    actors whose name, in any language, starts with PREFIX (or has a\n"
    "                   word that does)\n"
    "  window           the relations reported between --from and --to, strongest first\n"
    "\n"
    "Names are matched in French or English, without regard to case, accents or a leading\n"
    "article (\"la Russie\", \"russia\"), then by prefix (\"Poutine\", \"Lattaq\"); an entity\n"
    "key (\"state:RUS\") also works. An ambiguous name lists the actors it could mean.\n"
    "\n"
    "Options:\n"
    "  --db FILE          the database (default geokg.db)\n"
    "  --json             print one JSON document instead of a table\n"
    "  --evidence N       sentences shown per relation (default 3; -1 for all)\n"
    "                     [neighbors, between, path, window]\n"
    "Filters [neighbors, between, ego, timeline, window]:\n"
    "  --type T[,T..]     keep these relation types or classes (ASSAULT, CONFLICT ...;\n"
    "                     COOPERATE is the class)\n"
    "  --direction D      out (actor is the subject), in (the object) or both (default)\n"
    "                     [neighbors, ego, timeline]\n"
    "  --from DATE        keep relations with evidence dated on or after DATE\n"
    "  --to DATE          ... on or before DATE (YYYY-MM-DD, YYYY-MM or YYYY); relations\n"
    "                     then show the count and dates of the evidence inside the window\n"
    "  --min-evidence N   keep relations with at least N evidence (default 1)\n"
    "  --negated          also show relations the text denies (\"did not meet\")\n"
    "Other options:\n"
    "  --hops K           ego: how far from the centre (default 1)\n"
    "  --max-actors N     ego: stop at N actors, nearest first (default 500; 0: no limit)\n"
    "  --weighted         path: least total cost, a link costing 1 / its evidence\n"
    "  --limit N          rows shown [timeline 50, top 20, search 20, window 50; 0: all]\n"
    "  --by MEASURE       top: degree (default), in, out, evidence, pagerank, betweenness\n"
    "  --actor-type T,..  top: only actors of these types (STATE, PERSON ...)\n"
    "  --samples K        top --by betweenness: estimate from K random sources (default:\n"
    "                     exact up to 20000 actors, else 1000 samples)\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 answered, 1 unknown or ambiguous actor, no path, bad database,\n"
    "2 wrong usage.\n";

constexpr const char* kExportHelp =
    "Usage: geokg export [--db FILE] --format FORMAT [-o FILE] [selection]\n"
    "\n"
    "Writes the graph, or part of it, in another format, to FILE or standard output.\n"
    "\n"
    "Formats:\n"
    "  graphml    directed GraphML: actors as nodes (entity_id, key, name, type, country),\n"
    "             relations as edges (relation, coarse, cameo, negated, evidence_count,\n"
    "             first_date, last_date, modality). networkx, igraph, Gephi, Cytoscape, yEd.\n"
    "  gexf       GEXF 1.3 for Gephi, each relation living from its first to its last date\n"
    "             (the timeline plays the news); weight = evidence count\n"
    "  json       node-link JSON for d3 (networkx.node_link_graph reads it)\n"
    "  cytoscape  Cytoscape.js elements JSON\n"
    "  csv        neo4j-admin import CSV: -o DIR writes DIR/actors.csv and\n"
    "             DIR/relations.csv (neo4j-admin database import full\n"
    "             --nodes=DIR/actors.csv --relationships=DIR/relations.csv DB)\n"
    "  jsonl      one triple a line per evidence (the format geokg load reads)\n"
    "\n"
    "Selection (default: everything, denied relations included and marked):\n"
    "  --ego NAME         the ego network of NAME ...\n"
    "  --hops K           ... within K relations (default 1)\n"
    "  --max-actors N     ... at most N actors, nearest first (default 0: no limit)\n"
    "  --from DATE        relations with evidence dated on or after DATE (YYYY[-MM[-DD]]),\n"
    "  --to DATE          ... on or before DATE; counts and dates are then the window's\n"
    "  --type T[,T..]     relation types or classes (ASSAULT, CONFLICT ...)\n"
    "  --min-evidence N   relations with at least N evidence\n"
    "  --no-negated       leave out the relations the text denies\n"
    "\n"
    "Options:\n"
    "  --db FILE       the database (default geokg.db)\n"
    "  --format F      graphml, gexf, json, cytoscape, csv or jsonl\n"
    "  -o, --output F  the file (for csv: the folder) to write, written whole then renamed\n"
    "                  into place; standard output when absent or \"-\" (not for csv)\n"
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

// ---------------------------------------------------------------- arguments

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Splits "A,B, C" into its non-empty, trimmed parts.
std::vector<std::string> SplitList(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const std::string& value : values) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string part(Trim(std::string_view(value).substr(start, comma - start)));
      start = comma + 1;
      if (!part.empty()) out.push_back(std::move(part));
    }
  }
  return out;
}

// Fills `filter` from "--type ASSAULT,conflict". Returns kUsage naming a bad type.
Status ParseTypes(const std::vector<std::string>& values, RelationFilter* filter) {
  for (const std::string& part : SplitList(values)) {
    const std::string name = Upper(part);
    RelationType t;
    // COOPERATE names both a class and a type of it: the class, which holds the type.
    if (IsCoarseClass(name)) {
      filter->coarse.push_back(name);
    } else if (RelationFromName(name, &t)) {
      filter->types.push_back(t);
    } else {
      std::string known;
      for (int i = 0; i < static_cast<int>(RelationType::kCount); ++i)
        known += (i ? ", " : "") + std::string(Relation(static_cast<RelationType>(i)).name);
      return Status::Usage("unknown relation type '" + name + "' (types: " + known +
                           "; classes: COMMUNICATE, COOPERATE, CONFLICT, CONTROL, MEMBERSHIP, "
                           "LOCATION)");
    }
  }
  return Status::Ok();
}

Status ParseDirection(const std::string& value, Direction* out) {
  if (value == "out") {
    *out = Direction::kOut;
  } else if (value == "in") {
    *out = Direction::kIn;
  } else if (value == "both") {
    *out = Direction::kBoth;
  } else {
    return Status::Usage("--direction must be out, in or both, not '" + value + "'");
  }
  return Status::Ok();
}

std::string_view DirectionName(Direction d) {
  return d == Direction::kOut ? "out" : d == Direction::kIn ? "in" : "both";
}

// The filter options shared by queries and exports. `negated_default` is whether denied
// relations are kept without --negated / --no-negated.
Status ParseFilter(const ParsedArgs& args, bool negated_default, RelationFilter* filter) {
  if (auto it = args.options.find("--type"); it != args.options.end())
    GEOKG_RETURN_IF_ERROR(ParseTypes(it->second, filter));
  if (args.Has("--direction"))
    GEOKG_RETURN_IF_ERROR(ParseDirection(args.Value("--direction"), &filter->direction));
  GEOKG_RETURN_IF_ERROR(MakeDateRange(args.Value("--from"), args.Value("--to"), &filter->dates));
  if (args.Has("--min-evidence") &&
      !cli::ParseInt(args.Value("--min-evidence"), 0, INT64_MAX, &filter->min_evidence)) {
    return Status::Usage("--min-evidence needs a number (0 or more)");
  }
  filter->include_negated = negated_default;
  if (args.Has("--negated")) filter->include_negated = true;
  if (args.Has("--no-negated")) filter->include_negated = false;
  return Status::Ok();
}

// Reads --NAME as an integer in [lo, hi], `fallback` when absent.
Status IntOption(const ParsedArgs& args, std::string_view name, int64_t lo, int64_t hi,
                 int64_t fallback, int64_t* out) {
  *out = fallback;
  if (!args.Has(name)) return Status::Ok();
  if (!cli::ParseInt(args.Value(name), lo, hi, out)) {
    return Status::Usage(std::string(name) + " needs a number from " + std::to_string(lo) + " to " +
                         std::to_string(hi));
  }
  return Status::Ok();
}

// ---------------------------------------------------------------- text output

std::string RelationLabel(const EdgeProps& r) {
  std::string name(Relation(r.type).name);
  return r.negated ? "NOT " + name : name;
}

std::string Or(const std::string& s, const char* fallback) { return s.empty() ? fallback : s; }

// A printer of rows aligned under `header`, columns wide enough for the header and every row
// of `rows`; columns listed in `right` are aligned right.
auto TableRowPrinter(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows, std::set<size_t> right,
                     std::ostream& os) {
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) {
    width[c] = Width(header[c]);
    for (const auto& row : rows) width[c] = std::max(width[c], Width(row[c]));
  }
  return [width, right = std::move(right), &os](const std::vector<std::string>& row) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) line += "  ";
      line += right.count(c) ? PadLeft(row[c], width[c]) : Pad(row[c], width[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    os << line << "\n";
  };
}

// Prints rows as an aligned table; columns listed in `right` are aligned right.
void PrintTable(const std::vector<std::string>& header,
                const std::vector<std::vector<std::string>>& rows, const std::set<size_t>& right,
                std::ostream& os) {
  auto print_row = TableRowPrinter(header, rows, right, os);
  print_row(header);
  for (const auto& row : rows) print_row(row);
}

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
  auto print_row = TableRowPrinter(header, rows, {3}, os);
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

std::string Count(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// The upper bound of a window as the user wrote it: 20151099 is "2015-10".
std::string HiText(int32_t hi) {
  if ((hi / 100) % 100 == 99) return FormatDate(hi / 10000 * 10000);
  if (hi % 100 == 99) return FormatDate(hi - 99);
  return FormatDate(hi);
}

std::string WindowText(const RelationFilter& filter) {
  if (!filter.dates.bounded()) return std::string();
  const std::string from = filter.dates.lo ? FormatDate(filter.dates.lo) : "...";
  const std::string to = filter.dates.hi < 99999999 ? HiText(filter.dates.hi) : "...";
  return from + " .. " + to;
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

json EvidenceJson(const EvidenceRow& ev) {
  return {{"id", ev.id},
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
          {"confidence", ev.confidence}};
}

json FactJson(const RelationFact& f, bool with_evidence = true) {
  json evidence = json::array();
  for (const EvidenceRow& ev : f.evidence) evidence.push_back(EvidenceJson(ev));
  const RelationInfo& info = Relation(f.relation.type);
  json out = {{"id", f.relation.id},
              {"subject", ActorJson(f.subject)},
              {"relation", info.name},
              {"coarse", info.coarse},
              {"object", ActorJson(f.object)},
              {"negated", f.relation.negated},
              {"cameo", OrNull(f.relation.cameo)},
              {"evidence_count", f.relation.evidence_count},
              {"first_date", OrNull(f.relation.first_date)},
              {"last_date", OrNull(f.relation.last_date)},
              {"modality", ModalityName(f.relation.modality)}};
  if (with_evidence) out["evidence"] = std::move(evidence);
  return out;
}

json FactsJson(const std::vector<RelationFact>& facts, bool with_evidence = true) {
  json out = json::array();
  for (const RelationFact& f : facts) out.push_back(FactJson(f, with_evidence));
  return out;
}

json FilterJson(const RelationFilter& filter, bool with_direction) {
  json types = json::array();
  for (RelationType t : filter.types) types.push_back(Relation(t).name);
  for (const std::string& c : filter.coarse) types.push_back(c);
  json out = {{"types", std::move(types)}};
  if (with_direction) out["direction"] = DirectionName(filter.direction);
  out["from"] = filter.dates.lo ? json(FormatDate(filter.dates.lo)) : json(nullptr);
  out["to"] = filter.dates.hi < 99999999 ? json(HiText(filter.dates.hi)) : json(nullptr);
  out["min_evidence"] = filter.min_evidence;
  out["include_negated"] = filter.include_negated;
  return out;
}

// Adds the fields of FilterJson to `doc`.
void AddFilter(const RelationFilter& filter, bool with_direction, json* doc) {
  const json fields = FilterJson(filter, with_direction);
  for (auto it = fields.begin(); it != fields.end(); ++it) (*doc)[it.key()] = it.value();
}

void PrintJson(const json& doc) {
  // Stored text is valid UTF-8; replace rather than throw should a row say otherwise.
  std::cout << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

// ---------------------------------------------------------------- queries

struct QueryContext {
  std::unique_ptr<Store> store;
  std::unique_ptr<KnowledgeGraph> graph;
  QueryOptions options;
  RelationFilter filter;
  bool json = false;
};

int QueryNeighbors(QueryContext& ctx, const ParsedArgs& args) {
  VertexProps actor;
  Status st = ctx.graph->ResolveActor(args.positional[1], &actor);
  if (!st.ok()) return Failure(st);
  std::vector<RelationFact> facts;
  st = ctx.graph->Neighbors(actor.id, ctx.filter, ctx.options, &facts);
  if (!st.ok()) return Failure(st);

  if (ctx.json) {
    json doc = {{"query", "neighbors"}, {"actor", ActorJson(actor)}};
    AddFilter(ctx.filter, true, &doc);
    doc["relations"] = FactsJson(facts);
    PrintJson(doc);
    return FinishOutput();
  }
  std::cout << ActorLine(actor) << ": " << Count(facts.size(), "relation", "relations");
  if (ctx.filter.dates.bounded()) std::cout << " in " << WindowText(ctx.filter);
  std::cout << "\n";
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
  st = ctx.graph->Between(a.id, b.id, ctx.filter, ctx.options, &facts);
  if (!st.ok()) return Failure(st);
  if (ctx.json) {
    json doc = {{"query", "between"}, {"a", ActorJson(a)}, {"b", ActorJson(b)}};
    AddFilter(ctx.filter, false, &doc);
    doc["relations"] = FactsJson(facts);
    PrintJson(doc);
    return FinishOutput();
  }
  std::cout << ActorLine(a) << " and " << ActorLine(b) << ": "
            << Count(facts.size(), "relation", "relations") << "\n";
  if (!facts.empty()) {
    std::cout << "\n";
    PrintFacts(facts, std::cout);
  }
  return FinishOutput();
}

int QueryEgo(QueryContext& ctx, const ParsedArgs& args) {
  int64_t hops = 1, max_actors = 500;
  Status st = IntOption(args, "--hops", 0, 10, 1, &hops);
  if (st.ok()) st = IntOption(args, "--max-actors", 0, INT64_MAX, 500, &max_actors);
  if (!st.ok()) return UsageError("query", st.message());
  VertexProps center;
  st = ctx.graph->ResolveActor(args.positional[1], &center);
  if (!st.ok()) return Failure(st);
  Subgraph sg;
  st = ctx.graph->EgoNetwork(center.id, static_cast<int>(hops), ctx.filter,
                             static_cast<size_t>(max_actors), &sg);
  if (!st.ok()) return Failure(st);
  std::vector<RelationFact> facts;
  for (const Subgraph::Rel& r : sg.relations) facts.push_back(ctx.graph->Fact(r.edge, r.agg));
  std::stable_sort(facts.begin(), facts.end(), [](const RelationFact& x, const RelationFact& y) {
    return x.relation.evidence_count > y.relation.evidence_count;
  });

  if (ctx.json) {
    json actors = json::array();
    for (size_t i = 0; i < sg.actors.size(); ++i) {
      json a = ActorJson(ctx.graph->Actor(sg.actors[i]));
      a["hops"] = sg.hops[i];
      actors.push_back(std::move(a));
    }
    json doc = {{"query", "ego"}, {"center", ActorJson(center)}, {"hops", hops}};
    AddFilter(ctx.filter, true, &doc);
    doc["truncated"] = sg.truncated;
    doc["actors"] = std::move(actors);
    doc["relations"] = FactsJson(facts, false);
    PrintJson(doc);
    return FinishOutput();
  }
  std::cout << ActorLine(center) << ": " << Count(sg.actors.size(), "actor", "actors") << " within "
            << Count(static_cast<size_t>(hops), "hop", "hops") << ", "
            << Count(facts.size(), "relation", "relations");
  if (sg.truncated) std::cout << " (stopped at --max-actors " << max_actors << ")";
  std::cout << "\n\n";
  std::vector<std::vector<std::string>> rows;
  std::vector<size_t> order(sg.actors.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return sg.hops[x] < sg.hops[y]; });
  for (size_t i : order) {
    const VertexProps a = ctx.graph->Actor(sg.actors[i]);
    rows.push_back({std::to_string(sg.hops[i]), Clip(a.name, kNameWidth),
                    std::string(EntityTypeName(a.type)), Clip(a.key, kNameWidth)});
  }
  PrintTable({"HOPS", "ACTOR", "TYPE", "KEY"}, rows, {0}, std::cout);
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
  PathOptions options;
  options.weighted = args.Has("--weighted");
  options.max_evidence = ctx.options.max_evidence;
  PathResult path;
  st = ctx.graph->ShortestPath(a.id, b.id, options, &path);
  if (!st.ok()) return Failure(st);
  if (ctx.json) {
    json actors = json::array(), hops = json::array();
    for (const VertexProps& v : path.actors) actors.push_back(ActorJson(v));
    for (const auto& hop : path.hops) hops.push_back(FactsJson(hop));
    PrintJson({{"query", "path"},
               {"from", ActorJson(a)},
               {"to", ActorJson(b)},
               {"weighted", options.weighted},
               {"length", path.hops.size()},
               {"cost", path.cost},
               {"actors", std::move(actors)},
               {"hops", std::move(hops)}});
    return FinishOutput();
  }
  std::string chain;
  for (size_t i = 0; i < path.actors.size(); ++i)
    chain += (i ? " -> " : "") + Clip(path.actors[i].name, kNameWidth);
  std::cout << chain << "  (" << Count(path.hops.size(), "hop", "hops");
  if (options.weighted) {
    char cost[32];
    std::snprintf(cost, sizeof(cost), "%.3g", path.cost);
    std::cout << ", cost " << cost;
  }
  std::cout << ")\n";
  std::vector<RelationFact> all;
  for (const auto& hop : path.hops) all.insert(all.end(), hop.begin(), hop.end());
  if (!all.empty()) {
    std::cout << "\n";
    PrintFacts(all, std::cout);
  }
  return FinishOutput();
}

int QueryTimeline(QueryContext& ctx, const ParsedArgs& args) {
  int64_t limit = 50;
  Status st = IntOption(args, "--limit", 0, INT64_MAX, 50, &limit);
  if (!st.ok()) return UsageError("query", st.message());
  VertexProps actor;
  st = ctx.graph->ResolveActor(args.positional[1], &actor);
  if (!st.ok()) return Failure(st);
  Timeline tl;
  st = ctx.graph->ActorTimeline(actor.id, ctx.filter, static_cast<size_t>(limit), &tl);
  if (!st.ok()) return Failure(st);
  if (ctx.json) {
    json months = json::object();
    for (const auto& [month, n] : tl.by_month) months[month] = n;
    json entries = json::array();
    for (const TimelineEntry& e : tl.entries) {
      json entry = {{"date", OrNull(e.evidence.date)},
                    {"subject", ActorJson(e.subject)},
                    {"relation", Relation(e.relation.type).name},
                    {"object", ActorJson(e.object)},
                    {"negated", e.relation.negated},
                    {"relation_id", e.relation.id}};
      json ev = EvidenceJson(e.evidence);
      entry["evidence"] = std::move(ev);
      entries.push_back(std::move(entry));
    }
    json doc = {{"query", "timeline"}, {"actor", ActorJson(actor)}};
    AddFilter(ctx.filter, true, &doc);
    doc["total"] = tl.total;
    doc["by_month"] = std::move(months);
    doc["entries"] = std::move(entries);
    PrintJson(doc);
    return FinishOutput();
  }
  std::cout << ActorLine(actor) << ": "
            << Count(static_cast<size_t>(tl.total), "report", "reports");
  if (static_cast<int64_t>(tl.entries.size()) < tl.total)
    std::cout << " (the first " << tl.entries.size() << " shown)";
  std::cout << "\n";
  if (!tl.entries.empty()) std::cout << "\n";
  for (const TimelineEntry& e : tl.entries) {
    std::cout << Pad(Or(e.evidence.date, "undated"), 10) << "  " << Clip(e.subject.name, kNameWidth)
              << " " << RelationLabel(e.relation) << " " << Clip(e.object.name, kNameWidth);
    if (e.evidence.modality != Modality::kAsserted)
      std::cout << " (" << ModalityName(e.evidence.modality) << ")";
    std::cout << "  [" << Clip(e.evidence.article, kNameWidth) << "]\n    "
              << Clip(e.evidence.sentence, kSentenceWidth) << "\n";
  }
  if (!tl.by_month.empty()) {
    std::cout << "\nby month:";
    for (const auto& [month, n] : tl.by_month) std::cout << "  " << month << " " << n;
    std::cout << "\n";
  }
  return FinishOutput();
}

int QueryTop(QueryContext& ctx, const ParsedArgs& args) {
  TopOptions options;
  int64_t limit = 20;
  Status st = IntOption(args, "--limit", 0, INT64_MAX, 20, &limit);
  if (!st.ok()) return UsageError("query", st.message());
  options.limit = limit == 0 ? SIZE_MAX : static_cast<size_t>(limit);
  const std::string by = args.Value("--by", "degree");
  if (!MeasureFromName(by, &options.measure)) {
    return UsageError("query",
                      "--by must be degree, in, out, evidence, pagerank or betweenness, "
                      "not '" +
                          by + "'");
  }
  for (const std::string& t :
       SplitList(args.options.count("--actor-type") ? args.options.at("--actor-type")
                                                    : std::vector<std::string>())) {
    const EntityType type = EntityTypeFromName(Upper(t));
    if (type == EntityType::kUnknown && Upper(t) != "UNKNOWN")
      return UsageError("query", "unknown actor type '" + t + "'");
    options.types.push_back(type);
  }
  const size_t n = ctx.graph->num_actors();
  int64_t samples = n > 20000 ? 1000 : 0;
  st = IntOption(args, "--samples", 0, INT64_MAX, samples, &samples);
  if (!st.ok()) return UsageError("query", st.message());
  options.betweenness.samples = static_cast<size_t>(samples);
  options.betweenness.threads = 2;
  options.pagerank.threads = 2;
  std::vector<ActorScore> top;
  st = TopActors(*ctx.graph, options, &top);
  if (!st.ok()) return Failure(st);
  const bool exact =
      options.measure != Measure::kBetweenness || samples == 0 || static_cast<size_t>(samples) >= n;
  if (ctx.json) {
    json actors = json::array();
    for (const ActorScore& s : top) {
      json a = ActorJson(s.actor);
      a["score"] = s.score;
      a["degree"] = s.degree;
      actors.push_back(std::move(a));
    }
    json doc = {{"query", "top"}, {"by", MeasureName(options.measure)}};
    if (options.measure == Measure::kBetweenness) doc["samples"] = exact ? 0 : samples;
    doc["actors"] = std::move(actors);
    PrintJson(doc);
    return FinishOutput();
  }
  std::cout << "top " << Count(top.size(), "actor", "actors") << " by "
            << MeasureName(options.measure);
  if (!exact) std::cout << " (estimated from " << samples << " sources)";
  std::cout << "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < top.size(); ++i) {
    char score[32];
    if (options.measure == Measure::kPageRank) {
      std::snprintf(score, sizeof(score), "%.6f", top[i].score);
    } else {
      std::snprintf(score, sizeof(score), "%.6g", top[i].score);
    }
    rows.push_back({std::to_string(i + 1), Clip(top[i].actor.name, kNameWidth),
                    std::string(EntityTypeName(top[i].actor.type)), score,
                    std::to_string(top[i].degree), Clip(top[i].actor.key, kNameWidth)});
  }
  PrintTable({"#", "ACTOR", "TYPE", "SCORE", "DEGREE", "KEY"}, rows, {0, 3, 4}, std::cout);
  return FinishOutput();
}

int QuerySearch(QueryContext& ctx, const ParsedArgs& args) {
  int64_t limit = 20;
  Status st = IntOption(args, "--limit", 0, INT64_MAX, 20, &limit);
  if (!st.ok()) return UsageError("query", st.message());
  std::vector<ActorMatch> found;
  st = ctx.graph->SearchActors(args.positional[1],
                               limit == 0 ? SIZE_MAX : static_cast<size_t>(limit), &found);
  if (!st.ok()) return Failure(st);
  static constexpr const char* kQuality[] = {"name", "prefix", "word"};
  if (ctx.json) {
    json actors = json::array();
    for (const ActorMatch& m : found) {
      json a = ActorJson(m.actor);
      a["alias"] = m.alias;
      a["match"] = kQuality[std::clamp(m.quality, 0, 2)];
      a["degree"] = m.degree;
      actors.push_back(std::move(a));
    }
    PrintJson({{"query", "search"}, {"prefix", args.positional[1]}, {"actors", std::move(actors)}});
    return FinishOutput();
  }
  std::cout << Count(found.size(), "actor", "actors") << " for '"
            << Clip(args.positional[1], kNameWidth) << "'\n";
  if (found.empty()) return FinishOutput();
  std::cout << "\n";
  std::vector<std::vector<std::string>> rows;
  for (const ActorMatch& m : found) {
    rows.push_back({Clip(m.actor.name, kNameWidth), std::string(EntityTypeName(m.actor.type)),
                    Clip(m.actor.key, kNameWidth), Clip(m.alias, kNameWidth),
                    std::to_string(m.degree)});
  }
  PrintTable({"ACTOR", "TYPE", "KEY", "MATCHED", "DEGREE"}, rows, {4}, std::cout);
  return FinishOutput();
}

int QueryWindow(QueryContext& ctx, const ParsedArgs& args) {
  if (!ctx.filter.dates.bounded()) return UsageError("query", "window needs --from or --to");
  int64_t limit = 50;
  Status st = IntOption(args, "--limit", 0, INT64_MAX, 50, &limit);
  if (!st.ok()) return UsageError("query", st.message());
  Subgraph sg;
  st = ctx.graph->Select(ctx.filter, false, &sg);
  if (!st.ok()) return Failure(st);
  std::vector<Subgraph::Rel> rels = sg.relations;
  auto stronger = [](const Subgraph::Rel& x, const Subgraph::Rel& y) {
    if (x.agg.evidence_count != y.agg.evidence_count)
      return x.agg.evidence_count > y.agg.evidence_count;
    if (x.agg.last_date != y.agg.last_date) return x.agg.last_date > y.agg.last_date;
    return x.agg.id < y.agg.id;
  };
  const size_t shown = limit == 0 ? rels.size() : std::min(rels.size(), static_cast<size_t>(limit));
  std::partial_sort(rels.begin(), rels.begin() + static_cast<std::ptrdiff_t>(shown), rels.end(),
                    stronger);
  std::vector<RelationFact> facts(shown);
  for (size_t i = 0; i < shown; ++i) {
    facts[i] = ctx.graph->Fact(rels[i].edge, rels[i].agg);
    st = ctx.graph->ReadEvidence(rels[i].agg.id, ctx.options.max_evidence, ctx.filter.dates,
                                 &facts[i].evidence);
    if (!st.ok()) return Failure(st);
    for (EvidenceRow& ev : facts[i].evidence) ev.negated = facts[i].relation.negated;
  }
  if (ctx.json) {
    json doc = {{"query", "window"}};
    AddFilter(ctx.filter, false, &doc);
    doc["actors"] = sg.actors.size();
    doc["relation_count"] = sg.relations.size();
    doc["relations"] = FactsJson(facts);
    PrintJson(doc);
    return FinishOutput();
  }
  std::cout << WindowText(ctx.filter) << ": " << Count(sg.relations.size(), "relation", "relations")
            << " among " << Count(sg.actors.size(), "actor", "actors");
  if (shown < sg.relations.size()) std::cout << " (the " << shown << " strongest shown)";
  std::cout << "\n";
  if (!facts.empty()) {
    std::cout << "\n";
    PrintFacts(facts, std::cout);
  }
  return FinishOutput();
}

struct QuerySpec {
  std::string_view name;
  size_t names;                           // positional arguments after the query name
  std::vector<std::string_view> options;  // the options it accepts beyond --db/--json
};

const std::vector<QuerySpec>& QuerySpecs() {
  static const std::vector<std::string_view> kFilter = {"--type", "--from", "--to",
                                                        "--min-evidence", "--negated"};
  auto with = [](std::vector<std::string_view> a, const std::vector<std::string_view>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
  };
  static const std::vector<QuerySpec> kSpecs = {
      {"neighbors", 1, with({"--evidence", "--direction"}, kFilter)},
      {"between", 2, with({"--evidence"}, kFilter)},
      {"ego", 1, with({"--direction", "--hops", "--max-actors"}, kFilter)},
      {"path", 2, {"--evidence", "--weighted"}},
      {"timeline", 1, with({"--direction", "--limit"}, kFilter)},
      {"top", 0, {"--by", "--limit", "--actor-type", "--samples"}},
      {"search", 1, {"--limit"}},
      {"window", 0, with({"--evidence", "--limit"}, kFilter)},
  };
  return kSpecs;
}

}  // namespace

int RunQuery(int argc, char** argv) {
  ParsedArgs args;
  const auto specs = cli::Options(
      {"--db", "--evidence", "--type", "--direction", "--from", "--to", "--min-evidence", "--hops",
       "--max-actors", "--limit", "--by", "--actor-type", "--samples"},
      {"--json", "--negated", "--weighted"});
  if (int rc = cli::ParseCommandLine("query", kQueryHelp, argc, argv, specs, &args); rc >= 0)
    return rc;
  std::string names;
  for (const QuerySpec& q : QuerySpecs())
    names += (names.empty() ? "" : ", ") + std::string(q.name);
  if (args.positional.empty()) return UsageError("query", "missing what to ask: " + names);
  const std::string what = args.positional[0];
  auto spec = std::find_if(QuerySpecs().begin(), QuerySpecs().end(),
                           [&](const QuerySpec& q) { return q.name == what; });
  if (spec == QuerySpecs().end())
    return UsageError("query", "unknown query '" + what + "' (" + names + ")");
  if (args.positional.size() != spec->names + 1) {
    static constexpr const char* kTakes[] = {"takes no argument", "takes one actor name",
                                             "takes two actor names"};
    return UsageError("query",
                      what + " " + (what == "search" ? "takes one prefix" : kTakes[spec->names]));
  }
  for (const auto& [option, values] : args.options) {
    if (option == "--db" || option == "--json") continue;
    if (std::find(spec->options.begin(), spec->options.end(), option) == spec->options.end()) {
      if (what == "path" && option == "--negated")
        return UsageError("query", "path never follows denied relations; --negated does not apply");
      return UsageError("query", option + " does not apply to " + what);
    }
  }

  QueryContext ctx;
  ctx.json = args.Has("--json");
  int64_t evidence = kDefaultEvidence;
  Status st = IntOption(args, "--evidence", -1, 1000000, kDefaultEvidence, &evidence);
  if (!st.ok()) return UsageError("query", "--evidence needs a number (-1 for all)");
  ctx.options.max_evidence = static_cast<int>(evidence);
  st = ParseFilter(args, false, &ctx.filter);
  if (!st.ok()) return UsageError("query", st.message());

  st = cli::OpenDatabase(args.Value("--db", kDefaultDb), &ctx.store);
  if (!st.ok()) return Failure(st);
  st = KnowledgeGraph::Load(ctx.store.get(), &ctx.graph);
  if (!st.ok()) return Failure(st);

  if (what == "neighbors") return QueryNeighbors(ctx, args);
  if (what == "between") return QueryBetween(ctx, args);
  if (what == "ego") return QueryEgo(ctx, args);
  if (what == "path") return QueryPath(ctx, args);
  if (what == "timeline") return QueryTimeline(ctx, args);
  if (what == "top") return QueryTop(ctx, args);
  if (what == "search") return QuerySearch(ctx, args);
  return QueryWindow(ctx, args);
}

int RunExport(int argc, char** argv) {
  ParsedArgs args;
  const auto specs = cli::Options({"--db", "--format", "--output", "--ego", "--hops",
                                   "--max-actors", "--from", "--to", "--type", "--min-evidence"},
                                  {"--no-negated"}, {{"-o", true, "--output"}});
  if (int rc = cli::ParseCommandLine("export", kExportHelp, argc, argv, specs, &args); rc >= 0)
    return rc;
  if (!args.positional.empty()) {
    return UsageError("export", "unexpected argument '" + args.positional[0] + "'");
  }
  static const std::set<std::string> kFormats = {"graphml",   "gexf", "json",
                                                 "cytoscape", "csv",  "jsonl"};
  const std::string format = args.Value("--format");
  if (format.empty()) {
    return UsageError("export", "missing --format (graphml, gexf, json, cytoscape, csv or jsonl)");
  }
  if (!kFormats.count(format)) {
    return UsageError(
        "export", "unknown format '" + format + "' (graphml, gexf, json, cytoscape, csv or jsonl)");
  }
  const std::string output = args.Value("--output", "-");
  if (format == "csv" && output == "-")
    return UsageError("export", "--format csv writes two files: give a folder with -o DIR");
  if ((args.Has("--hops") || args.Has("--max-actors")) && !args.Has("--ego"))
    return UsageError("export", "--hops and --max-actors go with --ego");
  RelationFilter filter;
  Status st = ParseFilter(args, true, &filter);
  if (!st.ok()) return UsageError("export", st.message());
  filter.min_evidence = args.Has("--min-evidence") ? filter.min_evidence : 0;
  int64_t hops = 1, max_actors = 0;
  st = IntOption(args, "--hops", 0, 10, 1, &hops);
  if (st.ok()) st = IntOption(args, "--max-actors", 0, INT64_MAX, 0, &max_actors);
  if (!st.ok()) return UsageError("export", st.message());

  std::unique_ptr<Store> store;
  st = cli::OpenDatabase(args.Value("--db", kDefaultDb), &store);
  if (!st.ok()) return Failure(st);
  std::unique_ptr<KnowledgeGraph> graph;
  st = KnowledgeGraph::Load(store.get(), &graph);
  if (!st.ok()) return Failure(st);
  Subgraph sg;
  if (args.Has("--ego")) {
    VertexProps center;
    st = graph->ResolveActor(args.Value("--ego"), &center);
    if (st.ok()) {
      st = graph->EgoNetwork(center.id, static_cast<int>(hops), filter,
                             static_cast<size_t>(max_actors), &sg);
    }
  } else {
    const bool filtered = !filter.types.empty() || !filter.coarse.empty() ||
                          filter.dates.bounded() || filter.min_evidence > 0 ||
                          !filter.include_negated;
    st = graph->Select(filter, !filtered, &sg);
  }
  if (!st.ok()) return Failure(st);

  auto write = [&](std::ostream& os) -> Status {
    if (format == "graphml") return WriteGraphml(*graph, sg, os);
    if (format == "gexf") return WriteGexf(*graph, sg, os);
    if (format == "json") return WriteNodeLinkJson(*graph, sg, os);
    if (format == "cytoscape") return WriteCytoscapeJson(*graph, sg, os);
    TripleSelection selection;
    selection.graph = graph.get();
    selection.subgraph = &sg;
    selection.dates = filter.dates;
    return WriteTriplesJsonl(store.get(), selection, os);
  };

  if (format == "csv") {
    std::error_code ec;
    std::filesystem::create_directories(output, ec);
    if (ec) return Failure(Status::IoError(output + ": cannot create the folder: " + ec.message()));
    // The relations are written while the actors file is held open, then both are renamed.
    const std::string actors = (std::filesystem::path(output) / "actors.csv").string();
    const std::string relations = (std::filesystem::path(output) / "relations.csv").string();
    st = cli::WriteFileAtomically(actors, [&](std::ostream& actors_os) {
      return cli::WriteFileAtomically(relations, [&](std::ostream& relations_os) {
        return WriteNeo4jCsv(*graph, sg, actors_os, relations_os);
      });
    });
    if (!st.ok()) return Failure(st);
    return kExitOk;
  }
  if (output == "-") {
    st = write(std::cout);
    if (!st.ok()) return Failure(st.WithContext("standard output"));
    return FinishOutput();
  }
  st = cli::WriteFileAtomically(output, write);
  if (!st.ok()) return Failure(st);
  return kExitOk;
}

int RunStats(int argc, char** argv) {
  ParsedArgs args;
  if (int rc = cli::ParseCommandLine("stats", kStatsHelp, argc, argv,
                                     cli::Options({"--db"}, {"--json"}), &args);
      rc >= 0)
    return rc;
  if (!args.positional.empty()) {
    return UsageError("stats", "unexpected argument '" + args.positional[0] + "'");
  }
  const std::string path = args.Value("--db", kDefaultDb);
  std::unique_ptr<Store> store;
  Status st = cli::OpenDatabase(path, &store);
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
