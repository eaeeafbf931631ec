// `geokg ingest` and `geokg extract`: the reader on the calling thread, extraction on N
// workers (one Extractor each), and one consumer that writes the database or standard
// output in input order (ingest_pipeline.h).
#include "ingest_commands.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <deque>
#include <iostream>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "geokg/common/text.h"
#include "geokg/ingest/dedup.h"
#include "geokg/ingest/extractor.h"
#include "geokg/ingest/jsonl.h"
#include "geokg/ingest/reader.h"
#include "geokg/store/store.h"
#include "geokg/store/sqlite.h"
#include "geokg/ingest/parallel.h"
#include "progress.h"

namespace geokg {
namespace {

constexpr const char* kIngestHelp =
    "usage: geokg ingest [--db FILE] [options] INPUT...\n"
    "\n"
    "Reads articles, extracts actors and relations and merges them into the database.\n"
    "INPUT is a file (.txt, .html, .jsonl, .jsonl.gz, .jsonl.zst, an RSS or Atom feed saved\n"
    "as .rss, .atom or .xml), a directory (read recursively) or - for standard input.\n"
    "\n"
    "Articles are extracted on --jobs threads and written by one thread in input order,\n"
    "in batches, each article all or nothing: an interrupted run (Ctrl-C, a crash, a full\n"
    "disk) leaves whole articles only, and the same command run again skips the articles already\n"
    "in (same text) and goes on. A near-duplicate of an earlier article (the same wire story\n"
    "on another site) is not extracted again: it is recorded as another source of that story.\n"
    "\n"
    "options:\n"
    "  --db FILE          the database (default geokg.db; created when absent)\n"
    "  -j, --jobs N       extraction threads (default: the number of cores)\n"
    "  --include GLOB     in directories, read only files whose name matches (repeatable)\n"
    "  --keep-duplicates  extract near-duplicates as articles of their own\n"
    "  --dedup-window N   stories remembered for near-duplicate checks (default 65536,\n"
    "                     about 50 MB)\n"
    "  --gazetteer FILE   an extra gazetteer file: geokg TSV or a CAMEO actor dictionary\n"
    "                     (PETRARCH Phoenix.*.actors.txt), repeatable; docs/GAZETTEER.md\n"
    "  --lexicon FILE     an extra relation lexicon (repeatable; see docs/LEXICON.md)\n"
    "  -q, --quiet        no progress bar and no summary on stderr\n"
    "\n"
    "On a terminal, a progress bar on stderr shows MB/s, articles/s, relations found and the\n"
    "time left; a summary follows at the end (articles added, near-duplicates, already in,\n"
    "failed by reason, relations).\n"
    "\n"
    "exit status: 0 all inputs went in, 1 some failed (each named on stderr), 2 usage,\n"
    "130 interrupted (run the same command again to go on).\n";

constexpr const char* kExtractHelp =
    "usage: geokg extract [options] [INPUT...]\n"
    "\n"
    "Extracts relations without a database and writes them to standard output as JSON\n"
    "Lines (one triple a line: doc, subject, relation, object, negated, cameo, modality,\n"
    "date, sentence, span, evidence ...), in input order. Reads standard input when no\n"
    "INPUT is given, so it runs as the map step of Hadoop Streaming or Spark's RDD.pipe\n"
    "(docs/SCALING.md); 'geokg load' merges its output into a database.\n"
    "\n"
    "options:\n"
    "  --entities         write the entities found instead of the triples\n"
    "  --tokens           write each sentence's words with their lemma and part of speech\n"
    "                     (universal tags: NOUN, VERB:Part ...) instead of the triples\n"
    "  --statements       one line per statement of a triple, each with all its fields,\n"
    "                     instead of one per distinct triple with the other statements\n"
    "                     under \"also\": what 'geokg load' needs to rebuild exactly the\n"
    "                     evidence 'geokg ingest' stores (use it for map/reduce runs)\n"
    "  -j, --jobs N       extraction threads (default: the number of cores)\n"
    "  --include GLOB     in directories, read only files whose name matches (repeatable)\n"
    "  --gazetteer FILE   an extra gazetteer file, geokg TSV or CAMEO actors (repeatable)\n"
    "  --lexicon FILE     an extra relation lexicon (repeatable)\n"
    "  --stats            at the end, print on stderr what was read and how fast\n"
    "  -q, --quiet        no progress bar (it shows only when stderr is a terminal and\n"
    "                     standard output is not)\n"
    "\n"
    "exit status: 0 all inputs read, 1 some failed (each named on stderr), 2 usage.\n";

struct Options {
  std::string db = "geokg.db";
  bool entities = false;
  bool tokens = false;
  bool statements = false;
  bool quiet = false;
  bool stats = false;
  bool keep_duplicates = false;
  int jobs = 0;  // 0: the number of cores
  size_t dedup_window = NearDuplicateOptions().capacity;
  ReadOptions read;
  ExtractorOptions extractor;
  std::vector<std::string> inputs;
};

bool ParseCount(const std::string& s, int64_t lo, int64_t hi, int64_t* out) {
  if (s.empty() || s.size() > 12) return false;
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) return false;
  *out = v;
  return true;
}

// Parses the options of ingest (`ingest`) or extract. Returns -1 to go on, else an exit code.
int ParseArgs(int argc, char** argv, bool ingest, Options* c) {
  const char* help = ingest ? kIngestHelp : kExtractHelp;
  const std::string cmd = ingest ? "ingest" : "extract";
  auto usage = [&](const std::string& msg) {
    std::cerr << "geokg " << cmd << ": " << msg << " (see geokg " << cmd << " --help)\n";
    return 2;
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string inline_value;
    bool has_inline = false;
    if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
      if (size_t eq = a.find('='); eq != std::string::npos) {
        inline_value = a.substr(eq + 1);
        a.resize(eq);
        has_inline = true;
      }
    } else if (a.size() > 2 && a.compare(0, 2, "-j") == 0) {  // -j4, as make takes it
      inline_value = a.substr(2);
      a = "-j";
      has_inline = true;
    }
    std::string v;
    auto value = [&]() {
      if (has_inline) {
        v = inline_value;
        return true;
      }
      if (i + 1 >= argc) return false;
      v = argv[++i];
      return true;
    };
    const bool takes_value = a == "--db" || a == "--include" || a == "--gazetteer" ||
                             a == "--lexicon" || a == "--jobs" || a == "-j" ||
                             a == "--dedup-window";
    if (takes_value && !value()) return usage(a + " needs a value");
    if (a == "-h" || a == "--help") {
      std::cout << help;
      return 0;
    } else if (ingest && a == "--db") {
      c->db = v;
    } else if (a == "--include") {
      c->read.include.push_back(v);
    } else if (a == "--gazetteer") {
      c->extractor.extra_gazetteers.push_back(v);
    } else if (a == "--lexicon") {
      c->extractor.extra_lexicons.push_back(v);
    } else if (a == "--jobs" || a == "-j") {
      int64_t n = 0;
      if (!ParseCount(v, 1, 1024, &n)) return usage("--jobs wants a number from 1 to 1024");
      c->jobs = static_cast<int>(n);
    } else if (ingest && a == "--dedup-window") {
      int64_t n = 0;
      if (!ParseCount(v, 1, int64_t{1} << 30, &n)) return usage("--dedup-window wants a positive number");
      c->dedup_window = static_cast<size_t>(n);
    } else if (ingest && a == "--keep-duplicates") {
      c->keep_duplicates = true;
    } else if (a == "--quiet" || a == "-q") {
      c->quiet = true;
    } else if (!ingest && a == "--entities") {
      c->entities = true;
    } else if (!ingest && a == "--tokens") {
      c->tokens = true;
    } else if (!ingest && a == "--statements") {
      c->statements = true;
    } else if (!ingest && a == "--stats") {
      c->stats = true;
    } else if (a == "--") {
      for (++i; i < argc; ++i) c->inputs.push_back(argv[i]);
    } else if (a.size() > 1 && a[0] == '-') {
      return usage("unknown option '" + a + "'");
    } else {
      c->inputs.push_back(a);
    }
  }
  if (ingest && c->inputs.empty()) return usage("no input");
  if (c->inputs.empty()) c->inputs.push_back("-");
  if (c->jobs == 0) c->jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return -1;
}

// The Extractors, one per worker, made by the workers themselves (all at once).
class Extractors {
 public:
  // `message` prints a line on stderr (a warning), from any thread.
  Extractors(const Options& c, std::function<void(const std::string&)> message)
      : options_(c.extractor), all_(static_cast<size_t>(c.jobs)), message_(std::move(message)) {}

  // Creates worker `worker`'s Extractor; called on that worker's thread.
  Status Init(int worker) {
    ExtractorOptions options = options_;
    if (worker == 0) options.on_warning = [this](const std::string& m) { message_("geokg: " + m); };
    Status st = Extractor::Create(options, &all_[static_cast<size_t>(worker)]);
    if (st.ok() && worker == 0 && !all_[0]->has_french_morphology()) {
      message_("geokg: warning: French dictionary (hunspell-fr) not found; French verbs are "
               "matched by their written form only");
    }
    if (st.ok() && worker == 0 && !all_[0]->has_english_morphology()) {
      message_("geokg: warning: WordNet (wordnet-base) or the English part-of-speech model "
               "(festlex-poslex) not found; English words are matched by their written form only");
    }
    return st;
  }
  Extractor* at(int worker) { return all_[static_cast<size_t>(worker)].get(); }

 private:
  const ExtractorOptions options_;
  std::vector<std::unique_ptr<Extractor>> all_;
  std::function<void(const std::string&)> message_;
};

// Ctrl-C and SIGTERM during an ingest: the first asks for a clean stop (the articles in
// flight are committed, the rest is left for the next run); the second kills.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void OnStopSignal(int sig) {
  if (g_stop.exchange(true)) {
    signal(sig, SIG_DFL);
    raise(sig);
  }
}

class StopSignals {
 public:
  StopSignals() {
    g_stop = false;
    struct sigaction sa {};
    sa.sa_handler = &OnStopSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string Seconds(double secs) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f s", secs);
  return buf;
}

std::string Rate(double n, double secs, const char* unit) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.1f %s/s", secs > 0 ? n / secs : 0.0, unit);
  return buf;
}

// Stories recently added to the near-duplicate index, by seq: their ids (for the record
// of a duplicate) and whether a duplicate of them was seen. Forgets in the order the index
// does (oldest story first), so it never holds more than the index.
class StoryNames {
 public:
  explicit StoryNames(size_t capacity) : capacity_(capacity) {}
  void Add(uint64_t seq, const std::string& id) {
    names_.emplace(seq, Entry{id, false});
    order_.push_back(seq);
    if (order_.size() > capacity_) {
      names_.erase(order_.front());
      order_.pop_front();
    }
  }
  // The story's id; *first is true the first time a duplicate of it is reported.
  std::string Duplicate(uint64_t seq, bool* first) {
    auto it = names_.find(seq);
    *first = false;
    if (it == names_.end()) return "?";
    *first = !it->second.has_duplicate;
    it->second.has_duplicate = true;
    return it->second.id;
  }

 private:
  struct Entry {
    std::string id;
    bool has_duplicate;
  };
  size_t capacity_;
  std::unordered_map<uint64_t, Entry> names_;
  std::deque<uint64_t> order_;
};

// The total size of the inputs, or 0 when it cannot be known (standard input, a pipe).
uint64_t KnownTotal(const Options& c) {
  bool known = false;
  const uint64_t total = cli::TotalInputBytes(c.inputs, c.read, &known);
  return known ? total : 0;
}

PipelineOptions MakePipelineOptions(int jobs) {
  PipelineOptions p;
  p.jobs = jobs;
  p.max_items = static_cast<size_t>(jobs) * 8 + 16;
  p.max_bytes = size_t{64} << 20;
  return p;
}

// True for store failures that will fail every later article as well.
bool IsFatalStoreError(const Status& st) {
  switch (st.code()) {
    case Status::Code::kIoError:
    case Status::Code::kBusy:
    case Status::Code::kCorruption:
    case Status::Code::kSchemaMismatch:
      return true;
    default:
      return false;
  }
}

}  // namespace

int RunExtract(int argc, char** argv) { return RunExtractInto(argc, argv, nullptr); }

int RunExtractInto(int argc, char** argv, std::string* capture) {
  Options c;
  if (int rc = ParseArgs(argc, argv, false, &c); rc >= 0) return rc;
  const auto start = std::chrono::steady_clock::now();
  cli::RunCounters counters;
  std::atomic<uint64_t> sentences{0}, text_bytes{0};
  std::atomic<bool> write_failed{false};

  // The progress line shows when stderr is a terminal and the triples go elsewhere.
  const bool bar = !c.quiet && cli::StderrIsTerminal() && isatty(STDOUT_FILENO) != 1;
  cli::ProgressBar progress("extract", &counters, bar ? KnownTotal(c) : 0, bar);
  auto message = [&](const std::string& line) { progress.Message(line); };
  Extractors extractors(c, message);

  auto work = [&](int worker, WorkItem* item) {
    item->status = extractors.at(worker)->Process(item->article, &item->doc, c.entities);
    if (!item->status.ok()) return;
    std::vector<nlohmann::json> lines;
    if (c.entities) {
      lines = EntityJson(item->doc);
    } else if (c.tokens) {
      lines = TokensJson(item->doc);
    } else if (c.statements) {
      for (const Triple& t : item->doc.triples) {
        lines.push_back(TripleJson(item->doc, t));
        lines.back()["evidence_count"] = 1;
      }
    } else {
      AppendTriplesJsonl(item->doc, &item->output);
    }
    for (const nlohmann::json& j : lines) {
      item->output += j.dump();
      item->output += '\n';
    }
    item->sentences = item->doc.sentences.size();
    item->doc = Document();
  };
  auto consume = [&](std::unique_ptr<WorkItem> item) {
    counters.articles.fetch_add(1, std::memory_order_relaxed);
    counters.bytes_done.store(item->input_position, std::memory_order_relaxed);
    if (!item->status.ok()) {
      counters.failed.fetch_add(1, std::memory_order_relaxed);
      message("geokg: " + item->status.message());
      return;
    }
    sentences.fetch_add(item->sentences, std::memory_order_relaxed);
    text_bytes.fetch_add(item->article.text.size(), std::memory_order_relaxed);
    if (!c.entities && !c.tokens) {
      counters.relations.fetch_add(
          static_cast<uint64_t>(std::count(item->output.begin(), item->output.end(), '\n')),
          std::memory_order_relaxed);
    }
    if (capture != nullptr) {
      *capture += item->output;
    } else if (!item->output.empty() &&
               std::fwrite(item->output.data(), 1, item->output.size(), stdout) !=
                   item->output.size()) {
      write_failed = true;
    }
  };

  OrderedPipeline pipeline(MakePipelineOptions(c.jobs), work, consume);
  Status st = pipeline.Start([&](int worker) { return extractors.Init(worker); });
  if (!st.ok()) {
    progress.Stop();
    std::cerr << "geokg: " << st.message() << "\n";
    return 1;
  }
  std::atomic<bool> stop{false};
  c.read.stop = &stop;
  c.read.on_bytes = [&](uint64_t n) { counters.bytes_read.fetch_add(n, std::memory_order_relaxed); };
  ReadInputs(
      c.inputs, c.read,
      [&](Article& a) {
        if (write_failed) {  // standard output is gone (a closed pipe): stop reading
          stop = true;
          return;
        }
        auto item = std::make_unique<WorkItem>();
        item->input_position = counters.bytes_read.load(std::memory_order_relaxed);
        item->article = std::move(a);
        if (!pipeline.Push(std::move(item))) stop = true;
      },
      [&](const Status& err) {
        counters.failed.fetch_add(1, std::memory_order_relaxed);
        message("geokg: " + err.message());
      });
  pipeline.Finish();
  progress.Stop();
  std::fflush(stdout);
  if (write_failed || std::ferror(stdout)) {
    std::cerr << "geokg extract: cannot write to standard output\n";
    return 1;
  }
  if (c.stats) {
    const double secs = SecondsSince(start);
    std::cerr << "geokg extract: " << cli::HumanCount(counters.articles) << " articles, "
              << cli::HumanCount(sentences) << " sentences, "
              << cli::HumanBytes(static_cast<double>(text_bytes.load())) << " of text, "
              << cli::HumanCount(counters.relations) << " triples in " << Seconds(secs)
              << " with " << c.jobs << (c.jobs == 1 ? " job" : " jobs") << ": "
              << Rate(static_cast<double>(text_bytes.load()) / 1e6, secs, "MB") << ", "
              << Rate(static_cast<double>(sentences.load()), secs, "sentences") << ", "
              << Rate(static_cast<double>(counters.articles.load()), secs, "articles") << "\n";
  }
  return counters.failed > 0 ? 1 : 0;
}

int RunIngest(int argc, char** argv) {
  Options c;
  if (int rc = ParseArgs(argc, argv, true, &c); rc >= 0) return rc;
  const auto start = std::chrono::steady_clock::now();

  std::unique_ptr<Store> store;
  Status st = Store::Open(c.db, StoreOptions{}, &store);
  if (!st.ok()) {
    std::cerr << "geokg: " << st.message() << "\n";
    return 1;
  }
  // A larger page cache for the writer: the indexes of a growing database stop fitting in
  // SQLite's default 2 MB, and each article then rereads pages (-8% CPU on 10 MB of text).
  // Checkpoints every 10,000 pages (80 MB of log) rather than 1,000: each copies the pages
  // written since the last one into the file, the same index pages over and over
  // (-15% CPU for 5 MB of text into a database of 45 MB).
  st = ExecSql(store->Handle(),
               "PRAGMA cache_size = -65536; "  // KiB: 64 MB at most
               "PRAGMA wal_autocheckpoint = 10000");
  if (!st.ok()) {
    std::cerr << "geokg: " << c.db << ": " << st.message() << "\n";
    return 1;
  }
  // The reader checks what is already in through a connection of its own (the writer's
  // belongs to the consumer thread); WAL lets it read while the writer commits.
  std::unique_ptr<Store> lookup;
  StoreOptions read_only;
  read_only.read_only = true;
  st = Store::Open(c.db, read_only, &lookup);
  if (!st.ok()) {
    std::cerr << "geokg: " << st.message() << "\n";
    return 1;
  }

  cli::RunCounters counters;
  const bool bar = !c.quiet && cli::StderrIsTerminal();
  cli::ProgressBar progress("ingest", &counters, bar ? KnownTotal(c) : 0, bar);
  // Failures come from the reader thread (unreadable inputs) and the writer thread
  // (extraction and store failures): each is printed and counted under this mutex.
  std::mutex failures_mu;
  cli::FailureTally failures;
  auto fail = [&](const Status& err) {
    std::lock_guard<std::mutex> lock(failures_mu);
    progress.Message("geokg: " + err.message());
    failures.Add(err);
    counters.failed.fetch_add(1, std::memory_order_relaxed);
  };
  Extractors extractors(c, [&](const std::string& line) { progress.Message(line); });

  // Written by the consumer thread only; read after Finish.
  uint64_t added = 0, skipped = 0, duplicates = 0, evidence = 0, new_edges = 0, new_actors = 0;
  Status writer_fatal;  // a store failure that stopped the run
  bool writer_stopped = false;

  auto work = [&](int worker, WorkItem* item) {
    item->status = extractors.at(worker)->Process(item->article, &item->doc);
    item->sentences = item->doc.sentences.size();
    // The store needs the article (in doc), its entities, mentions and triples only.
    std::vector<Sentence>().swap(item->doc.sentences);
    std::string().swap(item->article.text);
  };
  // The consumer writes articles in batches: one transaction for up to kBatchArticles
  // articles (or kBatchBytes of text, or what came in kBatchSeconds), each article all or
  // nothing (Store::BeginBatch), so that a commit is paid per batch, not per
  // article: in a large database each batch writes pages all over the indexes, many of
  // them again in the next batch (4,096 articles or 4 s rather than 1,024 or 1 s: -7% CPU
  // for 50 MB of text on one core, where the second ended most batches). A crash loses the batch being written, whole articles
  // only; the next run adds them. A batch also goes out when no article came for
  // kIdleMillis (a slow input), so readers see what was read.
  constexpr size_t kBatchArticles = 4096;
  constexpr size_t kBatchBytes = size_t{32} << 20;
  constexpr double kBatchSeconds = 4.0;
  constexpr int kIdleMillis = 100;
  std::vector<std::unique_ptr<WorkItem>> batch;
  size_t batch_bytes = 0;
  auto batch_start = std::chrono::steady_clock::now();
  auto stop_writer = [&](const Status& s) {
    writer_fatal = s;
    writer_stopped = true;
    g_stop = true;
  };
  auto write = [&](WorkItem& item, AddStats* stats) {
    if (item.action == WorkItem::Action::kExtract) {
      return store->AddDocument(item.doc, item.hash, stats);
    }
    // A near-duplicate: its own row (the extra source), without evidence. The document
    // lives in the item, as the store may write it again until the batch commits.
    item.doc.article = item.article;
    item.doc.article.origin += " (near-duplicate of " + item.story + ")";
    return store->AddDocument(item.doc, item.hash, stats);
  };
  auto flush = [&] {
    if (batch.empty() || writer_stopped) {
      batch.clear();
      batch_bytes = 0;
      return;
    }
    std::vector<Status> results(batch.size());
    std::vector<AddStats> stats(batch.size());
    size_t written = 0;
    Status article_fatal;  // the store failure of an article that stopped the batch
    Status s = store->BeginBatch();
    if (s.ok()) {
      for (; written < batch.size(); ++written) {
        results[written] = write(*batch[written], &stats[written]);
        if (IsFatalStoreError(results[written])) {
          article_fatal = results[written];
          break;
        }
      }
      s = store->CommitBatch();
    }
    if (s.ok()) {
      for (size_t i = 0; i < written; ++i) {
        const WorkItem& item = *batch[i];
        const Status& r = results[i];
        const bool extracted = item.action == WorkItem::Action::kExtract;
        const std::string& origin = extracted ? item.doc.article.origin : item.article.origin;
        if (r.IsAlreadyExists()) {  // the same text earlier in this run
          ++skipped;
        } else if (r.ok() && !extracted) {
          ++duplicates;
        } else if (r.ok()) {
          ++added;
          evidence += static_cast<uint64_t>(stats[i].evidence_added);
          new_edges += static_cast<uint64_t>(stats[i].relations_added);
          new_actors += static_cast<uint64_t>(stats[i].entities_added);
          counters.relations.fetch_add(static_cast<uint64_t>(stats[i].evidence_added),
                                       std::memory_order_relaxed);
        } else {
          fail(r.message().rfind(origin, 0) == 0 ? r : r.WithContext(origin));
        }
      }
      // The store failure that stopped the batch early: the articles before it are in.
      if (!article_fatal.ok()) stop_writer(article_fatal);
    } else {
      // Nothing of the batch is in: left for the next run. Say why with the failure of
      // an article when one caused it.
      stop_writer(!article_fatal.ok() ? article_fatal : s);
    }
    batch.clear();
    batch_bytes = 0;
  };
  auto consume = [&](std::unique_ptr<WorkItem> item) {
    counters.articles.fetch_add(1, std::memory_order_relaxed);
    counters.bytes_done.store(item->input_position, std::memory_order_relaxed);
    if (writer_stopped) return;  // after a fatal store error: left for the next run
    const bool extracted = item->action == WorkItem::Action::kExtract;
    if (item->action == WorkItem::Action::kSkip) {
      ++skipped;
      return;
    }
    if (extracted && !item->status.ok()) {
      const std::string& origin = item->doc.article.origin;
      fail(item->status.message().rfind(origin, 0) == 0 ? item->status
                                                         : item->status.WithContext(origin));
      return;
    }
    if (batch.empty()) batch_start = std::chrono::steady_clock::now();
    batch_bytes += extracted ? item->doc.article.text.size() : item->article.text.size();
    batch.push_back(std::move(item));
    if (batch.size() >= kBatchArticles || batch_bytes >= kBatchBytes ||
        SecondsSince(batch_start) >= kBatchSeconds) {
      flush();
    }
  };

  StopSignals signals;
  OrderedPipeline pipeline(MakePipelineOptions(c.jobs), work, consume);
  pipeline.OnIdle(kIdleMillis, flush);
  st = pipeline.Start([&](int worker) { return extractors.Init(worker); });
  if (!st.ok()) {
    progress.Stop();
    std::cerr << "geokg: " << st.message() << "\n";
    return 1;
  }

  // Near-duplicates are decided here, on the reader thread, in input order.
  NearDuplicateOptions dedup_options;
  dedup_options.capacity = c.dedup_window;
  NearDuplicateIndex dedup(dedup_options);
  StoryNames stories(c.dedup_window);
  uint64_t stories_with_duplicates = 0;
  TextSketch sketch;
  uint64_t seq = 0;
  Status reader_fatal;

  c.read.stop = &g_stop;
  c.read.on_bytes = [&](uint64_t n) { counters.bytes_read.fetch_add(n, std::memory_order_relaxed); };
  ReadInputs(
      c.inputs, c.read,
      [&](Article& a) {
        auto item = std::make_unique<WorkItem>();
        item->input_position = counters.bytes_read.load(std::memory_order_relaxed);
        item->hash = ContentHash(a.text);
        bool present = false;
        Status s = lookup->HasArticle(item->hash, &present);
        if (!s.ok()) {
          reader_fatal = s;
          g_stop = true;
          return;
        }
        // Every article goes through the index in input order, those already stored too,
        // so that a rerun takes the same decisions as the run it completes.
        bool duplicate = false;
        if (!c.keep_duplicates) {
          SketchText(a.text, &sketch);
          uint64_t story = 0;
          if (dedup.FindOrAdd(sketch, seq, &story)) {
            duplicate = true;
            bool first = false;
            item->story = stories.Duplicate(story, &first);
            item->story_seq = story;
            if (first && !present) ++stories_with_duplicates;
          } else if (sketch.shingles >= dedup_options.min_shingles) {
            stories.Add(seq, a.id);
          }
        }
        item->action = present     ? WorkItem::Action::kSkip
                       : duplicate ? WorkItem::Action::kDuplicate
                                   : WorkItem::Action::kExtract;
        item->article = std::move(a);
        if (!pipeline.Push(std::move(item))) {
          g_stop = true;
          return;
        }
        ++seq;
      },
      fail);
  pipeline.Finish();
  flush();  // the last batch (the consumer thread is done: the store is this thread's now)
  progress.Stop();

  const Status fatal = !writer_fatal.ok() ? writer_fatal : reader_fatal;
  const bool interrupted = g_stop && fatal.ok();
  if (!fatal.ok()) std::cerr << "geokg: " << fatal.message() << "\n";
  if (!c.quiet) {
    const double secs = SecondsSince(start);
    const uint64_t articles = added + duplicates + skipped + failures.total();
    std::cerr << "geokg ingest: " << cli::HumanCount(added)
              << (added == 1 ? " article" : " articles") << " added";
    if (duplicates > 0) {
      std::cerr << ", " << cli::HumanCount(duplicates)
                << (duplicates == 1 ? " near-duplicate" : " near-duplicates")
                << " (more sources of " << cli::HumanCount(stories_with_duplicates)
                << (stories_with_duplicates == 1 ? " story)" : " stories)");
    }
    std::cerr << ", " << cli::HumanCount(skipped) << " already in, "
              << cli::HumanCount(failures.total()) << " failed; " << cli::HumanCount(evidence)
              << " relations found (" << cli::HumanCount(new_edges) << " new edges, "
              << cli::HumanCount(new_actors) << " new actors) in " << Seconds(secs) << " ("
              << Rate(static_cast<double>(articles), secs, "articles") << ", "
              << Rate(static_cast<double>(counters.bytes_read.load()) / 1e6, secs, "MB")
              << ") -> " << c.db << "\n";
    if (failures.total() > 0) std::cerr << "geokg ingest: failed: " << failures.Summary() << "\n";
    if (interrupted || !fatal.ok()) {
      std::cerr << "geokg ingest: stopped after " << cli::HumanCount(seq)
                << " articles; run the same command again to go on\n";
    }
  }
  if (!fatal.ok()) return 1;
  if (interrupted) return 130;
  return failures.total() > 0 ? 1 : 0;
}

}  // namespace geokg
