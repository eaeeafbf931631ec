#include "progress.h"

#include <fnmatch.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <utility>

namespace geokg::cli {
namespace {

namespace fs = std::filesystem;

std::string Printf(const char* format, double value) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), format, value);
  return buf;
}

size_t TerminalWidth() {
  struct winsize ws {};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
  return 80;
}

bool Included(const ReadOptions& read, const std::string& name) {
  if (read.include.empty()) return true;
  for (const std::string& pattern : read.include) {
    if (fnmatch(pattern.c_str(), name.c_str(), 0) == 0) return true;
  }
  return false;
}

// The bytes of the included regular files below `dir`, as the reader walks it: hidden
// entries and symbolic links to directories are skipped.
uint64_t DirectoryBytes(const fs::path& dir, const ReadOptions& read) {
  uint64_t total = 0;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code e2;
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory(e2)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink(e2) && it->is_directory(e2)) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(e2) && Included(read, name)) {
      const uintmax_t size = it->file_size(e2);
      if (!e2) total += size;
    }
  }
  return total;
}

}  // namespace

std::string HumanBytes(double bytes) {
  if (bytes < 1000) return Printf("%.0f B", bytes);
  if (bytes < 1e6) return Printf("%.1f kB", bytes / 1e3);
  if (bytes < 1e9) return Printf("%.1f MB", bytes / 1e6);
  return Printf("%.2f GB", bytes / 1e9);
}

std::string HumanCount(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string HumanDuration(double seconds) {
  if (!(seconds >= 0)) seconds = 0;
  const auto s = static_cast<uint64_t>(seconds + 0.5);
  char buf[48];
  if (s >= 3600) {
    std::snprintf(buf, sizeof(buf), "%llu:%02llu:%02llu",
                  static_cast<unsigned long long>(s / 3600),
                  static_cast<unsigned long long>(s / 60 % 60),
                  static_cast<unsigned long long>(s % 60));
  } else {
    std::snprintf(buf, sizeof(buf), "%llu:%02llu", static_cast<unsigned long long>(s / 60),
                  static_cast<unsigned long long>(s % 60));
  }
  return buf;
}

namespace {

std::string Megabytes(double bytes) {
  return Printf(bytes < 10e6 ? "%.2f" : "%.1f", bytes / 1e6);
}

}  // namespace

std::string FormatProgress(const std::string& label, const ProgressSnapshot& s, size_t width) {
  const bool total = s.total_bytes > 0;
  const double done =
      total ? std::min(1.0, static_cast<double>(s.bytes) / static_cast<double>(s.total_bytes)) : 0;
  // Two renderings, long words first; groups are dropped from the end when neither fits.
  for (const bool short_words : {false, true}) {
    std::vector<std::string> groups;
    if (total) {
      groups.push_back(Printf("%3.0f%%", done * 100) + " " +
                       Megabytes(static_cast<double>(s.bytes)) + "/" +
                       Megabytes(static_cast<double>(s.total_bytes)) + " MB");
    } else {
      groups.push_back(Megabytes(static_cast<double>(s.bytes)) + " MB");
    }
    groups.push_back(Megabytes(s.bytes_per_s) + " MB/s");
    groups.push_back(HumanCount(s.articles) + (short_words ? " art " : " articles ") +
                     Printf("%.0f/s", s.articles_per_s));
    groups.push_back(HumanCount(s.relations) + (short_words ? " rel" : " relations"));
    if (s.failed > 0) groups.push_back(HumanCount(s.failed) + " failed");
    if (total && s.bytes_per_s > 0 && s.bytes < s.total_bytes) {
      groups.push_back("ETA " + HumanDuration(static_cast<double>(s.total_bytes - s.bytes) /
                                              s.bytes_per_s));
    }
    std::string line = label;
    for (const std::string& g : groups) line += "  " + g;
    if (line.size() > width && !short_words) continue;
    while (line.size() > width && groups.size() > 1) {
      groups.pop_back();
      line = label;
      for (const std::string& g : groups) line += "  " + g;
    }
    if (line.size() > width) line.resize(width);
    // The bar takes the room left, 10 to 30 columns.
    if (total && line.size() + 13 <= width) {
      const size_t inner = std::min<size_t>(30, width - line.size() - 3);
      const auto full = static_cast<size_t>(done * static_cast<double>(inner));
      const bool tip = full < inner;
      line.insert(label.size(), " [" + std::string(full, '=') + (tip ? ">" : "") +
                                    std::string(inner - full - (tip ? 1 : 0), ' ') + "]");
    }
    return line;
  }
  return label;
}

bool StderrIsTerminal() { return isatty(STDERR_FILENO) == 1; }

uint64_t TotalInputBytes(const std::vector<std::string>& inputs, const ReadOptions& read,
                         bool* known) {
  *known = true;
  uint64_t total = 0;
  for (const std::string& input : inputs) {
    if (input == "-") {
      *known = false;
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(input, ec);
    if (ec) continue;  // the reader reports it
    if (fs::is_directory(st)) {
      total += DirectoryBytes(input, read);
    } else if (fs::is_regular_file(st)) {
      const uintmax_t size = fs::file_size(input, ec);
      if (!ec) total += size;
    } else {
      *known = false;  // a pipe or a device
    }
  }
  return total;
}

ProgressBar::ProgressBar(std::string label, const RunCounters* counters, uint64_t total_bytes,
                         bool enabled)
    : label_(std::move(label)),
      counters_(counters),
      total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()) {
  if (enabled) thread_ = std::thread([this] { Loop(); });
}

ProgressBar::~ProgressBar() { Stop(); }

void ProgressBar::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  if (drawn_) {
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
    drawn_ = false;
  }
}

void ProgressBar::Message(const std::string& line) {
  std::lock_guard<std::mutex> lock(mu_);
  if (drawn_) {
    std::fputs("\r\x1b[K", stderr);
    drawn_ = false;
  }
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

void ProgressBar::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_; })) {
    Draw();
  }
}

// Called with mu_ held.
void ProgressBar::Draw() {
  ProgressSnapshot s;
  s.elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  s.bytes = counters_->bytes_done.load(std::memory_order_relaxed);
  s.total_bytes = total_bytes_;
  s.articles = counters_->articles.load(std::memory_order_relaxed);
  s.relations = counters_->relations.load(std::memory_order_relaxed);
  s.failed = counters_->failed.load(std::memory_order_relaxed);
  // Rates over the last ten seconds (since the start before that).
  samples_.push_back({s.elapsed, s.bytes, s.articles});
  while (samples_.size() > 2 && samples_.front().t < s.elapsed - 10) samples_.erase(samples_.begin());
  const Sample& first = samples_.size() > 1 ? samples_.front() : Sample{0, 0, 0};
  const double dt = s.elapsed - first.t;
  if (dt > 0) {
    s.bytes_per_s = static_cast<double>(s.bytes - first.bytes) / dt;
    s.articles_per_s = static_cast<double>(s.articles - first.articles) / dt;
  }
  const std::string line = FormatProgress(label_, s, TerminalWidth() - 1);
  std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  std::fflush(stderr);
  drawn_ = true;
}

std::string FailureTally::Reason(const Status& st) {
  std::string m = st.message();
  // Cut the details in parentheses, then keep what follows the last "X: " prefix (file,
  // line, article id).
  if (size_t p = m.find(" ("); p != std::string::npos) m.resize(p);
  if (size_t p = m.rfind(": "); p != std::string::npos) m.erase(0, p + 2);
  // A number of its own becomes N; digits that are part of a name stay ("UTF-8", "x86").
  auto letter = [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u >= 0x80;
  };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::string out;
  for (size_t i = 0; i < m.size();) {
    if (!digit(m[i])) {
      out += m[i++];
      continue;
    }
    size_t end = i;
    while (end < m.size() && digit(m[end])) ++end;
    const bool in_name = (i > 0 && letter(m[i - 1])) ||
                         (i > 1 && (m[i - 1] == '-' || m[i - 1] == '_') && letter(m[i - 2])) ||
                         (end < m.size() && letter(m[end]));
    if (in_name) {
      out.append(m, i, end - i);
    } else {
      out += 'N';
    }
    i = end;
  }
  if (out.size() > 80) {  // cut at a character boundary, never inside a UTF-8 sequence
    size_t cut = 80;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
  }
  return out.empty() ? "error" : out;
}

void FailureTally::Add(const Status& st) {
  ++counts_[Reason(st)];
  ++total_;
}

std::string FailureTally::Summary(size_t max) const {
  std::vector<std::pair<uint64_t, std::string>> v;
  for (const auto& [reason, n] : counts_) v.emplace_back(n, reason);
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::string out;
  for (size_t i = 0; i < v.size() && i < max; ++i) {
    if (!out.empty()) out += ", ";
    out += HumanCount(v[i].first) + " " + v[i].second;
  }
  if (v.size() > max) out += ", and " + std::to_string(v.size() - max) + " more";
  return out;
}

}  // namespace geokg::cli
