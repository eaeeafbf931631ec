// geokg_graph_bench: synthetic knowledge graphs with skewed degrees, and timings of the graph
// side on them. Never run by ctest; bench/run_graph_bench.sh drives it next to igraph.
//
//   geokg_graph_bench gen --actors N --relations M --triples T [--seed S] -o FILE.jsonl
//       writes T triples (`geokg extract` format) over M distinct relations among N actors
//   geokg_graph_bench store --actors N --relations M --triples T [--seed S] --db FILE
//       generates the same triples in memory, then times the store layer alone (BulkWriter)
//   geokg_graph_bench ops --db FILE [--reps R] [--graphml OUT] [--betweenness 0|1]
//       times graph operations on a loaded database, one JSON line per operation
//   geokg_graph_bench read-graphml FILE
//       times reading a GraphML file into memory (alone in its process, for its peak memory)
//
// Every timing line is {"op", "seconds": [each run], "median", ...}; "rss_mb" is the process's
// resident memory after the operation and "peak_mb" its peak so far.

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "geokg/graph/analytics.h"
#include "geokg/graph/export.h"
#include "geokg/graph/graph.h"
#include "geokg/graph/import.h"
#include "geokg/ontology.h"
#include "geokg/store/bulk.h"
#include "geokg/store/store.h"

namespace geokg::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double RssMb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * 4096.0 / (1 << 20);
}

double PeakMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// One JSON line: the wall times of the runs and, when given, their CPU times (user + system of
// the whole process: the ones that matter on a shared machine, where wall times also count
// the waits for a core).
void Report(const std::string& op, const std::vector<double>& secs, const std::string& extra = "",
            const std::vector<double>& cpu = {}) {
  std::printf("{\"op\": \"%s\", \"seconds\": [", op.c_str());
  for (size_t i = 0; i < secs.size(); ++i) std::printf("%s%.4f", i ? ", " : "", secs[i]);
  std::printf("], \"median\": %.4f", Median(secs));
  if (!cpu.empty()) {
    std::printf(", \"cpu\": [");
    for (size_t i = 0; i < cpu.size(); ++i) std::printf("%s%.4f", i ? ", " : "", cpu[i]);
    std::printf("]");
  }
  std::printf(", \"rss_mb\": %.0f, \"peak_mb\": %.0f%s%s}\n", RssMb(), PeakMb(),
              extra.empty() ? "" : ", ", extra.c_str());
  std::fflush(stdout);
}

// Runs fn `reps` times and reports the timings.
void Time(const std::string& op, int reps, const std::function<void()>& fn,
          const std::string& extra = "") {
  std::vector<double> secs, cpu;
  for (int r = 0; r < reps; ++r) {
    const auto t = Clock::now();
    const double c = CpuSeconds();
    fn();
    secs.push_back(Since(t));
    cpu.push_back(CpuSeconds() - c);
  }
  Report(op, secs, extra, cpu);
}

[[noreturn]] void Die(const std::string& msg) {
  std::cerr << "geokg_graph_bench: " << msg << "\n";
  std::exit(1);
}

void Check(const Status& st) {
  if (!st.ok()) Die(st.message());
}

// ---------------------------------------------------------------- the generator

// Sizes and seed of a synthetic corpus.
struct Spec {
  int64_t actors = 100000;
  int64_t relations = 500000;
  int64_t triples = 600000;
  uint64_t seed = 42;
};

// One generated triple, owning its strings.
struct GenTriple {
  std::string doc, date, sentence, trigger, subject_mention, object_mention, cameo;
  uint32_t subject, object;
  RelationType relation;
  bool negated;
  Modality modality;
  int64_t sentence_index, begin, end;
};

// Actors are "type:actor-<i>" with degrees drawn from a power law: actor i is picked with
// weight (i + 10)^-0.8 (Chung-Lu), which gives degree tails like those of news graphs (a few
// states and leaders in thousands of relations, most actors in one or two). Ranks are
// shuffled so that hubs are spread over the ids.
class Generator {
 public:
  explicit Generator(const Spec& spec) : spec_(spec), rng_(spec.seed) {
    const auto n = static_cast<size_t>(spec.actors);
    cumulative_.resize(n);
    double total = 0;
    for (size_t i = 0; i < n; ++i) {
      total += std::pow(static_cast<double>(i) + 10.0, -0.8);
      cumulative_[i] = total;
    }
    rank_to_actor_.resize(n);
    for (size_t i = 0; i < n; ++i) rank_to_actor_[i] = static_cast<uint32_t>(i);
    std::shuffle(rank_to_actor_.begin(), rank_to_actor_.end(), rng_);
    static constexpr EntityType kTypes[] = {
        EntityType::kPerson,     EntityType::kPerson, EntityType::kPerson, EntityType::kPerson,
        EntityType::kOrg,        EntityType::kOrg,    EntityType::kPlace,  EntityType::kGroup,
        EntityType::kArmedGroup, EntityType::kState,  EntityType::kIgo,    EntityType::kPerson};
    static constexpr const char* kCountries[] = {"RUS", "USA", "FRA", "SYR", "IRQ", "TUR",
                                                 "IRN", "GBR", "DEU", "UKR", "CHN", "ISR",
                                                 "EGY", "LBN", "JOR", "SAU", ""};
    types_.resize(n);
    countries_.resize(n);
    for (size_t i = 0; i < n; ++i) {
      types_[i] = kTypes[rng_() % std::size(kTypes)];
      countries_[i] = kCountries[rng_() % std::size(kCountries)];
    }
  }

  std::string Key(uint32_t a) const {
    std::string t(EntityTypeName(types_[a]));
    for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t + ":actor-" + std::to_string(a);
  }
  std::string Name(uint32_t a) const { return "Actor " + std::to_string(a); }
  EntityType Type(uint32_t a) const { return types_[a]; }
  const char* Country(uint32_t a) const { return countries_[a]; }

  // Calls fn(const GenTriple&) for each triple, in document order.
  template <typename Fn>
  void Run(Fn&& fn) {
    const auto m = static_cast<size_t>(spec_.relations);
    // The distinct relations: (subject, object, type, negated) drawn until M are found.
    struct Rel {
      uint32_t s, o;
      uint8_t type;
      bool negated;
    };
    std::vector<Rel> rels;
    rels.reserve(m);
    std::unordered_set<uint64_t> seen;
    seen.reserve(m * 2);
    std::uniform_int_distribution<int> type(0, static_cast<int>(RelationType::kCount) - 1);
    while (rels.size() < m) {
      Rel r{Pick(), Pick(), static_cast<uint8_t>(type(rng_)), rng_() % 50 == 0};
      if (r.s == r.o) continue;
      const uint64_t key = (static_cast<uint64_t>(r.s) << 32 | r.o) * 31 + r.type * 2 + r.negated;
      if (!seen.insert(key).second) continue;
      rels.push_back(r);
    }
    std::unordered_set<uint64_t>().swap(seen);
    // Each relation once, then the extra triples on popular relations (low indexes).
    const auto t = static_cast<size_t>(std::max(spec_.triples, spec_.relations));
    std::vector<uint32_t> order(t);
    for (size_t i = 0; i < m; ++i) order[i] = static_cast<uint32_t>(i);
    std::uniform_real_distribution<double> unit(0, 1);
    for (size_t i = m; i < t; ++i) {
      const double u = unit(rng_);
      order[i] = static_cast<uint32_t>(static_cast<double>(m) * u * u * u);
    }
    std::shuffle(order.begin(), order.end(), rng_);

    static constexpr const char* kTriggers[] = {"met",      "attacked", "supported", "accused",
                                                "rejected", "deployed", "leads",     "joined"};
    GenTriple g;
    std::string date;
    for (size_t i = 0; i < t; ++i) {
      const Rel& r = rels[order[i]];
      if (i % 10 == 0) {  // a new article every ten triples
        g.doc = "doc-" + std::to_string(i / 10);
        const int day = static_cast<int>(rng_() % (11 * 365));
        const int y = 2010 + day / 365, mo = 1 + (day % 365) / 31 % 12, d = 1 + day % 28;
        char buf[16];
        std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, mo, d);
        date = buf;
      }
      g.date = date;
      g.subject = r.s;
      g.object = r.o;
      g.relation = static_cast<RelationType>(r.type);
      g.negated = r.negated;
      const uint32_t mod = static_cast<uint32_t>(rng_() % 100);
      g.modality = mod < 85   ? Modality::kAsserted
                   : mod < 95 ? Modality::kReported
                   : mod < 98 ? Modality::kIntended
                   : mod < 99 ? Modality::kPossible
                              : Modality::kConditional;
      g.cameo = std::string(Relation(g.relation).cameo);
      g.trigger = kTriggers[rng_() % std::size(kTriggers)];
      g.subject_mention = rng_() % 3 == 0 ? "l'Acteur " + std::to_string(r.s) : Name(r.s);
      g.object_mention = rng_() % 3 == 0 ? "A. " + std::to_string(r.o) : Name(r.o);
      g.sentence = g.subject_mention + " " + g.trigger + " " + g.object_mention + " on " + date +
                   ", officials said in a statement about the situation in the region.";
      g.sentence_index = static_cast<int64_t>(i % 10);
      g.begin = g.sentence_index * 130;
      g.end = g.begin + static_cast<int64_t>(g.sentence.size());
      fn(g);
    }
  }

 private:
  uint32_t Pick() {
    std::uniform_real_distribution<double> u(0, cumulative_.back());
    const size_t rank =
        std::lower_bound(cumulative_.begin(), cumulative_.end(), u(rng_)) - cumulative_.begin();
    return rank_to_actor_[std::min(rank, rank_to_actor_.size() - 1)];
  }

  Spec spec_;
  std::mt19937_64 rng_;
  std::vector<double> cumulative_;
  std::vector<uint32_t> rank_to_actor_;
  std::vector<EntityType> types_;
  std::vector<const char*> countries_;
};

void JsonString(std::string* out, std::string_view s) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

void Side(const Generator& gen, uint32_t a, const std::string& mention, std::string* out) {
  out->append("{\"name\":");
  JsonString(out, gen.Name(a));
  out->append(",\"mention\":");
  JsonString(out, mention);
  out->append(",\"type\":\"");
  out->append(EntityTypeName(gen.Type(a)));
  out->append("\",\"key\":");
  JsonString(out, gen.Key(a));
  if (*gen.Country(a)) {
    out->append(",\"country\":\"");
    out->append(gen.Country(a));
    out->push_back('"');
  }
  out->push_back('}');
}

int Gen(const Spec& spec, const std::string& path) {
  Generator gen(spec);
  std::ofstream out(path, std::ios::binary);
  if (!out) Die("cannot write " + path);
  std::string line, buf;
  int64_t n = 0;
  const auto t = Clock::now();
  gen.Run([&](const GenTriple& g) {
    line.clear();
    line.append("{\"doc\":");
    JsonString(&line, g.doc);
    line.append(",\"subject\":");
    Side(gen, g.subject, g.subject_mention, &line);
    line.append(",\"relation\":\"");
    line.append(Relation(g.relation).name);
    line.append("\",\"object\":");
    Side(gen, g.object, g.object_mention, &line);
    line.append(g.negated ? ",\"negated\":true" : ",\"negated\":false");
    line.append(",\"coarse\":\"");
    line.append(Relation(g.relation).coarse);
    line.push_back('"');
    if (!g.cameo.empty()) line.append(",\"cameo\":\"" + g.cameo + "\"");
    line.append(",\"modality\":\"");
    line.append(ModalityName(g.modality));
    line.append("\",\"date\":\"" + g.date + "\",\"article_date\":\"" + g.date +
                "\",\"lang\":\"en\",\"sentence\":" + std::to_string(g.sentence_index) +
                ",\"span\":[" + std::to_string(g.begin) + "," + std::to_string(g.end) +
                "],\"evidence\":");
    JsonString(&line, g.sentence);
    line.append(",\"trigger\":");
    JsonString(&line, g.trigger);
    line.append(",\"confidence\":0.9}\n");
    buf.append(line);
    if (buf.size() > (1 << 22)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
    ++n;
  });
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
  out.close();
  if (!out) Die("write failed: " + path);
  std::fprintf(stderr, "generated %" PRId64 " triples in %.1f s -> %s\n", n, Since(t),
               path.c_str());
  return 0;
}

// ---------------------------------------------------------------- the store layer

int StoreBench(const Spec& spec, const std::string& db, size_t batch) {
  Generator gen(spec);
  std::vector<GenTriple> triples;
  triples.reserve(static_cast<size_t>(spec.triples));
  gen.Run([&](const GenTriple& g) { triples.push_back(g); });
  // Keys, names and countries, made once (a loader has them from its input).
  std::vector<std::string> keys(static_cast<size_t>(spec.actors)), names(keys.size());
  for (uint32_t a = 0; a < keys.size(); ++a) {
    keys[a] = gen.Key(a);
    names[a] = gen.Name(a);
  }
  std::fprintf(stderr, "%zu triples in memory\n", triples.size());

  std::unique_ptr<Store> store;
  Check(Store::Open(db, StoreOptions{}, &store));
  BulkOptions options;
  options.batch_size = batch;
  options.origin = "bench";
  std::unique_ptr<BulkWriter> writer;
  const auto t = Clock::now();
  Check(NewBulkWriter(store.get(), options, &writer));
  BulkTriple b;
  for (const GenTriple& g : triples) {
    b.doc = g.doc;
    b.article_date = g.date;
    b.lang = "en";
    b.subject = BulkSide{keys[g.subject], names[g.subject], gen.Type(g.subject),
                         gen.Country(g.subject), g.subject_mention};
    b.object = BulkSide{keys[g.object], names[g.object], gen.Type(g.object), gen.Country(g.object),
                        g.object_mention};
    b.relation = g.relation;
    b.negated = g.negated;
    b.modality = g.modality;
    b.cameo = g.cameo;
    b.date = g.date;
    b.sentence = g.sentence;
    b.trigger = g.trigger;
    b.sentence_index = g.sentence_index;
    b.begin = g.begin;
    b.end = g.end;
    b.confidence = 0.9;
    Check(writer->AddTriple(b));
  }
  const double queued = Since(t);
  BulkStats stats;
  Check(writer->Finish(&stats));
  const double secs = Since(t);
  char extra[256];
  std::snprintf(
      extra, sizeof(extra),
      "\"triples\": %zu, \"per_second\": %.0f, \"queued_s\": %.2f, \"relations\": %" PRId64
      ", \"actors\": %" PRId64
      ", \"write_cpu_s\": %.2f, \"index_s\": %.2f, "
      "\"index_cpu_s\": %.2f, \"per_write_cpu_second\": %.0f, "
      "\"per_cpu_second_with_indexes\": %.0f",
      triples.size(), static_cast<double>(triples.size()) / secs, queued, stats.relations_added,
      stats.entities_added, stats.write_cpu_seconds, stats.index_seconds, stats.index_cpu_seconds,
      static_cast<double>(triples.size()) / stats.write_cpu_seconds,
      static_cast<double>(triples.size()) / (stats.write_cpu_seconds + stats.index_cpu_seconds));
  Report("store_triples", {secs}, extra);
  return 0;
}

// ---------------------------------------------------------------- graph operations

// The same vertices as bench/igraph_bench.py: (i * 7919) mod n.
std::vector<Vertex> Sample(size_t n, size_t k) {
  std::vector<Vertex> out(k);
  for (size_t i = 0; i < k; ++i) out[i] = static_cast<Vertex>((i * 7919) % n);
  return out;
}

int Ops(const std::string& db, int reps, const std::string& graphml, bool betweenness) {
  std::unique_ptr<Store> store;
  StoreOptions ro;
  ro.read_only = true;
  Check(Store::Open(db, ro, &store));
  std::unique_ptr<KnowledgeGraph> kg;
  const double before = RssMb();
  Time("load_sqlite", reps, [&] {
    kg.reset();
    Check(KnowledgeGraph::Load(store.get(), &kg));
  });
  const size_t n = kg->num_actors();
  char extra[256];
  std::snprintf(extra, sizeof(extra),
                "\"actors\": %zu, \"relations\": %zu, \"graph_mb\": %.0f, \"rss_delta_mb\": %.0f",
                n, kg->num_relations(), static_cast<double>(kg->MemoryBytes()) / (1 << 20),
                RssMb() - before);
  Report("graph_memory", {0.0}, extra);

  Time("undirected_index", 1, [&] { kg->Undirected(); });
  std::snprintf(extra, sizeof(extra), "\"graph_mb\": %.0f",
                static_cast<double>(kg->MemoryBytes()) / (1 << 20));
  Report("graph_memory_with_undirected", {0.0}, extra);

  // Neighbours of 10,000 actors: the relations (not negated) either way.
  const std::vector<Vertex> sample = Sample(n, 10000);
  const Graph& g = kg->graph();
  uint64_t total = 0;
  Time("neighbors_10k", reps, [&] {
    total = 0;
    for (Vertex v : sample) {
      for (auto [e, end] = boost::out_edges(v, g); e != end; ++e)
        if (!g[*e].negated()) total += boost::target(*e, g);
      for (auto [e, end] = boost::in_edges(v, g); e != end; ++e)
        if (!g[*e].negated()) total += boost::source(*e, g);
    }
  });
  // The same through the query API (facts with names, no evidence read).
  QueryOptions no_evidence;
  no_evidence.max_evidence = 0;
  std::vector<RelationFact> facts;
  Time("neighbors_api_10k", reps, [&] {
    for (Vertex v : sample) Check(kg->Neighbors(g[v].id, {}, no_evidence, &facts));
  });
  RelationFilter filtered;
  filtered.coarse = {"CONFLICT"};
  Check(MakeDateRange("2015", "2016", &filtered.dates));
  filtered.min_evidence = 2;
  const std::vector<Vertex> small = Sample(n, 1000);
  Time("neighbors_filtered_1k", reps, [&] {
    for (Vertex v : small) Check(kg->Neighbors(g[v].id, filtered, no_evidence, &facts));
  });

  // Breadth-first from 5 sources over the whole graph.
  const std::vector<Vertex> sources = Sample(n, 5);
  std::vector<uint32_t> hops;
  Time("bfs_5_sources", reps, [&] {
    for (Vertex s : sources) SingleSourceHops(*kg, s, &hops);
  });
  size_t reached = 0;
  for (uint32_t h : hops) reached += h != UINT32_MAX;
  // Shortest paths between 100 pairs (stopping at the target).
  std::vector<std::pair<int64_t, int64_t>> pairs;
  for (size_t i = 0; i < 100; ++i)
    pairs.emplace_back(g[static_cast<Vertex>((i * 7919) % n)].id,
                       g[static_cast<Vertex>((i * 104729 + 17) % n)].id);
  PathOptions plain;
  plain.max_evidence = 0;
  PathResult path;
  int found = 0;
  Time("path_100_pairs", reps, [&] {
    found = 0;
    for (const auto& [a, b] : pairs) found += kg->ShortestPath(a, b, plain, &path).ok();
  });
  // Weighted paths explore most of the graph when the ends are far apart: 20 pairs.
  PathOptions weighted = plain;
  weighted.weighted = true;
  Time("path_weighted_20_pairs", reps, [&] {
    for (size_t i = 0; i < 20; ++i)
      kg->ShortestPath(pairs[i].first, pairs[i].second, weighted, &path);
  });
  std::vector<double> cost;
  Time("dijkstra_5_sources", reps, [&] {
    for (Vertex s : sources) SingleSourceCosts(*kg, s, &cost);
  });
  Time("dijkstra_boost_5_sources", reps, [&] {
    for (Vertex s : sources) BoostSingleSourceCosts(*kg, s, &cost);
  });
  std::snprintf(extra, sizeof(extra), "\"reached\": %zu, \"paths_found\": %d", reached, found);
  Report("path_stats", {0.0}, extra);

  // PageRank: ours to convergence (1e-10) on one and two threads; Boost's 20 iterations.
  std::vector<double> pr;
  int iterations = 0;
  PageRankOptions one;
  std::vector<double> secs, cpu;
  for (int r = 0; r < reps; ++r) {
    const auto t = Clock::now();
    const double c = CpuSeconds();
    Check(PageRank(*kg, one, &pr, &iterations));
    secs.push_back(Since(t));
    cpu.push_back(CpuSeconds() - c);
  }
  Report("pagerank", secs, "\"iterations\": " + std::to_string(iterations), cpu);
  PageRankOptions two;
  two.threads = 2;
  Time("pagerank_2_threads", reps, [&] { Check(PageRank(*kg, two, &pr, &iterations)); });
  PageRankOptions twenty;
  twenty.max_iterations = 20;
  twenty.tolerance = 0;
  Time("pagerank_20_iterations", reps, [&] { Check(PageRank(*kg, twenty, &pr)); });
  Time("pagerank_boost_20_iterations", reps, [&] { BoostPageRank(*kg, 20, &pr); });

  // Betweenness estimated from 100 sources (skipped with --betweenness 0: it is long, and
  // igraph has no sampled estimate to compare it with).
  if (betweenness) {
    BetweennessOptions sampled;
    sampled.samples = std::min<size_t>(100, n);
    std::vector<double> bc;
    Time("betweenness_100_sources", 1, [&] { Check(Betweenness(*kg, sampled, &bc)); });
  }

  Subgraph all;
  all.whole = true;
  if (!graphml.empty()) {
    Time("graphml_write", reps, [&] {
      std::ofstream out(graphml, std::ios::binary);
      Check(WriteGraphml(*kg, all, out));
    });
  }
  return 0;
}

int ReadGraphmlOp(const std::string& path) {
  std::unique_ptr<KnowledgeGraph> kg;
  GraphmlImportStats stats;
  const auto t = Clock::now();
  const double cpu = CpuSeconds();
  Check(ReadGraphmlGraph(path, {}, &kg, &stats));
  const double secs = Since(t);
  const double cpu_secs = CpuSeconds() - cpu;
  char extra[200];
  std::snprintf(
      extra, sizeof(extra),
      "\"cpu_s\": %.2f, \"nodes\": %" PRId64 ", \"edges\": %" PRId64 ", \"graph_mb\": %.0f",
      cpu_secs, stats.nodes, stats.edges, static_cast<double>(kg->MemoryBytes()) / (1 << 20));
  Report("graphml_read", {secs}, extra, {cpu_secs});
  return 0;
}

int Usage() {
  std::cerr << "usage: geokg_graph_bench gen|store|ops|read-graphml ... (see bench/README.md)\n";
  return 2;
}

int Main(int argc, char** argv) {
  if (argc < 2) return Usage();
  const std::string cmd = argv[1];
  std::map<std::string, std::string> opt;
  std::vector<std::string> positional;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("-", 0) == 0 && i + 1 < argc) {
      opt[a] = argv[++i];
    } else {
      positional.push_back(a);
    }
  }
  auto num = [&](const char* name, int64_t fallback) {
    return opt.count(name) ? std::stoll(opt[name]) : fallback;
  };
  Spec spec;
  spec.actors = num("--actors", spec.actors);
  spec.relations = num("--relations", spec.relations);
  spec.triples = num("--triples", spec.relations * 6 / 5);
  spec.seed = static_cast<uint64_t>(num("--seed", 42));
  if (cmd == "gen" && opt.count("-o")) return Gen(spec, opt["-o"]);
  if (cmd == "store" && opt.count("--db"))
    return StoreBench(spec, opt["--db"], static_cast<size_t>(num("--batch", 200000)));
  if (cmd == "ops" && opt.count("--db"))
    return Ops(opt["--db"], static_cast<int>(num("--reps", 3)),
               opt.count("--graphml") ? opt["--graphml"] : "", num("--betweenness", 1) != 0);
  if (cmd == "read-graphml" && positional.size() == 1) return ReadGraphmlOp(positional[0]);
  return Usage();
}

}  // namespace
}  // namespace geokg::bench

int main(int argc, char** argv) { return geokg::bench::Main(argc, argv); }
