// Progress and summaries for the long-running commands (`geokg ingest`, `geokg extract`):
// a one-line progress bar on stderr while they run, and the tally of failures by reason.
// Internal to src/cli.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "geokg/common/status.h"
#include "geokg/ingest/reader.h"

namespace geokg::cli {

// Counters the pipeline threads update and the progress bar reads.
struct RunCounters {
  std::atomic<uint64_t> bytes_read{0};  // input bytes read, as stored (compressed for .gz)
  // Input bytes read up to the last article finished: what the progress bar shows (the
  // reader runs ahead of the workers by what the pipeline holds).
  std::atomic<uint64_t> bytes_done{0};
  std::atomic<uint64_t> articles{0};    // articles finished, whatever became of them
  std::atomic<uint64_t> relations{0};   // triples found in them
  std::atomic<uint64_t> failed{0};      // inputs, lines or articles that failed
};

// What one line of progress shows.
struct ProgressSnapshot {
  double elapsed = 0;        // seconds since the start
  uint64_t bytes = 0;        // input bytes done
  uint64_t total_bytes = 0;  // 0 when unknown (standard input)
  uint64_t articles = 0;
  uint64_t relations = 0;
  uint64_t failed = 0;
  double bytes_per_s = 0;     // recent rates
  double articles_per_s = 0;
};

// The progress line for `s`, at most `width` columns: the label, the share done and a bar
// when the total is known, MB read, MB/s, articles and articles/s, relations, failures,
// and the time left when the total is known. Parts are dropped from the end to fit.
std::string FormatProgress(const std::string& label, const ProgressSnapshot& s, size_t width);

// "950 B", "12.3 kB", "4.5 MB", "1.2 GB" (powers of 1000).
std::string HumanBytes(double bytes);
// "1,234,567".
std::string HumanCount(uint64_t n);
// "0:07", "12:34", "1:02:03".
std::string HumanDuration(double seconds);

// True when standard error is a terminal.
bool StderrIsTerminal();

// The total size of what ReadInputs would read from `inputs` with `read` (files, and the
// included files of directories, as stored). Sets *known to false when an input's size
// cannot be known in advance (standard input, a pipe).
uint64_t TotalInputBytes(const std::vector<std::string>& inputs, const ReadOptions& read,
                         bool* known);

// Draws the progress line on stderr about four times a second from its own thread, while
// it lives and `enabled` is true; erases it when stopped.
class ProgressBar {
 public:
  ProgressBar(std::string label, const RunCounters* counters, uint64_t total_bytes,
              bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // Stops drawing and erases the line. Idempotent.
  void Stop();

  // Writes `line` (and a newline) on stderr without tearing the progress line: the bar is
  // erased first and drawn again at its next tick. Safe from any thread.
  void Message(const std::string& line);

 private:
  void Loop();
  void Draw();

  const std::string label_;
  const RunCounters* counters_;
  const uint64_t total_bytes_;
  const std::chrono::steady_clock::time_point start_;
  struct Sample {
    double t;
    uint64_t bytes, articles;
  };
  std::vector<Sample> samples_;  // the last ten seconds or so, for the rates
  std::mutex mu_;  // guards stop_ and every write to stderr
  std::condition_variable cv_;
  bool stop_ = false;
  bool drawn_ = false;  // a progress line is on the screen
  std::thread thread_;
};

// Failures counted by reason: "3 malformed JSON, 1 empty article". The reason is the last
// part of a message ("file:12: malformed JSON (column 5 ...)" -> "malformed JSON"), with
// numbers replaced by N so that "invalid UTF-8 at byte 12" and "... at byte 40" agree
// (digits inside a word, as in "UTF-8", stay), cut to 80 bytes on a UTF-8 boundary.
class FailureTally {
 public:
  void Add(const Status& st);
  uint64_t total() const { return total_; }
  // The reasons, most frequent first, as "N reason" joined by ", "; at most `max` of them,
  // then "and K more".
  std::string Summary(size_t max = 6) const;
  // The reason Add files `st` under.
  static std::string Reason(const Status& st);

 private:
  std::map<std::string, uint64_t> counts_;
  uint64_t total_ = 0;
};

}  // namespace geokg::cli
