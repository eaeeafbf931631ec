// Dates, filters and output helpers shared by the graph module.
#include <algorithm>
#include <limits>
#include <ostream>

#include "geokg/common/text.h"
#include "geokg/ontology.h"
#include "graph_internal.h"

namespace geokg {
namespace {

bool Digits(std::string_view s, size_t at, size_t n, int* out) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

bool ParseDate(std::string_view text, int32_t* packed) {
  if (text.empty()) {
    *packed = 0;
    return true;
  }
  int y = 0, m = 0, d = 0;
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return false;
  if (!Digits(text, 0, 4, &y) || y == 0) return false;
  if (text.size() >= 7) {
    if (text[4] != '-' || !Digits(text, 5, 2, &m) || m < 1 || m > 12) return false;
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !Digits(text, 8, 2, &d) || d < 1 || d > 31) return false;
  }
  *packed = y * 10000 + m * 100 + d;
  return true;
}

std::string FormatDate(int32_t packed) {
  std::string out;
  internal::AppendDate(&out, packed);
  return out;
}

Status MakeDateRange(std::string_view from, std::string_view to, DateRange* out) {
  DateRange r;
  int32_t lo = 0, hi = 0;
  if (!ParseDate(from, &lo))
    return Status::Usage("'" + std::string(from) + "' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
  if (!ParseDate(to, &hi))
    return Status::Usage("'" + std::string(to) + "' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
  if (lo != 0) r.lo = lo;
  if (hi != 0) {
    // Widen a month or a year to its end.
    if (hi % 100 == 0) hi += 99;
    if ((hi / 100) % 100 == 0) hi += 9900;
    r.hi = hi;
  }
  if (r.lo > r.hi) {
    return Status::Usage("the window starts (" + std::string(from) + ") after it ends (" +
                         std::string(to) + ")");
  }
  *out = r;
  return Status::Ok();
}

namespace internal {

void AppendDate(std::string* out, int32_t packed) {
  if (packed <= 0) return;
  const int y = packed / 10000, m = (packed / 100) % 100, d = packed % 100;
  char buf[10] = {static_cast<char>('0' + y / 1000),
                  static_cast<char>('0' + y / 100 % 10),
                  static_cast<char>('0' + y / 10 % 10),
                  static_cast<char>('0' + y % 10),
                  '-',
                  static_cast<char>('0' + m / 10),
                  static_cast<char>('0' + m % 10),
                  '-',
                  static_cast<char>('0' + d / 10),
                  static_cast<char>('0' + d % 10)};
  out->append(buf, m == 0 ? 4 : d == 0 ? 7 : 10);
}

std::string LowerBoundText(const DateRange& range) {
  return range.lo == 0 ? std::string() : FormatDate(range.lo);
}

std::string UpperBoundText(const DateRange& range) {
  if (range.hi >= 99999999) return "~";
  // "2015-10-99" sorts after every day of October 2015 and before "2015-11".
  const int y = range.hi / 10000, m = (range.hi / 100) % 100, d = range.hi % 100;
  std::string out;
  AppendInt(&out, y);
  out += m < 10 ? "-0" : "-";
  AppendInt(&out, m);
  out += d < 10 ? "-0" : "-";
  AppendInt(&out, d);
  return out;
}

bool Stronger(const RelationFact& a, const RelationFact& b) {
  if (a.relation.evidence_count != b.relation.evidence_count)
    return a.relation.evidence_count > b.relation.evidence_count;
  if (a.relation.last_date != b.relation.last_date)
    return a.relation.last_date > b.relation.last_date;
  return a.relation.id < b.relation.id;
}

bool TypeMatches(const EdgeRec& e, const RelationFilter& filter) {
  if (filter.types.empty() && filter.coarse.empty()) return true;
  if (std::find(filter.types.begin(), filter.types.end(), e.type) != filter.types.end())
    return true;
  const std::string_view coarse = Relation(e.type).coarse;
  return std::find(filter.coarse.begin(), filter.coarse.end(), coarse) != filter.coarse.end();
}

namespace {

// A 4-ary min-heap of vertices with their keys stored beside them (no indirection through the
// distance array while sifting), and each vertex's position kept so that a key can decrease
// in place.
class QuaternaryHeap {
 public:
  explicit QuaternaryHeap(size_t n) : pos_(n, kAbsent) {}
  bool empty() const { return heap_.empty(); }
  uint32_t Pop() {
    const uint32_t top = heap_[0].v;
    pos_[top] = kAbsent;
    const Entry last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) Down(0, last);
    return top;
  }
  // Adds `v` with `key`, or moves it up after its key decreased to `key`.
  void Push(uint32_t v, double key) {
    uint32_t i = pos_[v];
    if (i == kAbsent) {
      i = static_cast<uint32_t>(heap_.size());
      heap_.push_back({key, v});
    }
    Up(i, {key, v});
  }

 private:
  struct Entry {
    double key;
    uint32_t v;
  };
  static constexpr uint32_t kAbsent = std::numeric_limits<uint32_t>::max();
  void Up(uint32_t i, Entry e) {
    while (i > 0) {
      const uint32_t parent = (i - 1) / 4;
      if (heap_[parent].key <= e.key) break;
      heap_[i] = heap_[parent];
      pos_[heap_[i].v] = i;
      i = parent;
    }
    heap_[i] = e;
    pos_[e.v] = i;
  }
  void Down(uint32_t i, Entry e) {
    const uint32_t n = static_cast<uint32_t>(heap_.size());
    while (true) {
      const uint32_t first = 4 * i + 1;
      if (first >= n) break;
      uint32_t best = first;
      double best_key = heap_[first].key;
      const uint32_t last = std::min(first + 4, n);
      for (uint32_t c = first + 1; c < last; ++c) {
        if (heap_[c].key < best_key) {
          best = c;
          best_key = heap_[c].key;
        }
      }
      if (best_key >= e.key) break;
      heap_[i] = heap_[best];
      pos_[heap_[i].v] = i;
      i = best;
    }
    heap_[i] = e;
    pos_[e.v] = i;
  }

  std::vector<Entry> heap_;
  std::vector<uint32_t> pos_;
};

}  // namespace

bool Dijkstra(const UndirectedGraph& u, uint32_t source, uint32_t goal, std::vector<double>* dist,
              std::vector<uint32_t>* pred) {
  const size_t n = boost::num_vertices(u);
  dist->assign(n, std::numeric_limits<double>::infinity());
  if (pred != nullptr) pred->assign(n, std::numeric_limits<uint32_t>::max());
  if (source >= n) return false;
  const auto& rowstart = u.m_forward.m_rowstart;
  const auto& column = u.m_forward.m_column;
  const auto& weight = u.m_forward.m_edge_properties;
  std::vector<double>& d = *dist;
  QuaternaryHeap heap(n);
  d[source] = 0;
  if (pred != nullptr) (*pred)[source] = source;
  heap.Push(source, 0);
  while (!heap.empty()) {
    const uint32_t x = heap.Pop();
    if (x == goal) return true;
    const double dx = d[x];
    for (uint32_t k = rowstart[x]; k < rowstart[x + 1]; ++k) {
      const uint32_t y = column[k];
      const double nd = dx + static_cast<double>(weight[k]);
      if (nd < d[y]) {
        d[y] = nd;
        if (pred != nullptr) (*pred)[y] = x;
        heap.Push(y, nd);
      }
    }
  }
  return false;
}

bool OutBuffer::Flush() {
  if (!buf_.empty()) {
    os_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }
  return static_cast<bool>(os_);
}

void AppendXml(std::string* out, std::string_view s) {
  // Fast path: printable ASCII without markup characters goes as it is.
  size_t plain = 0;
  while (plain < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[plain]);
    if (c < 0x20 || c >= 0x80 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') break;
    ++plain;
  }
  out->append(s.data(), plain);
  for (size_t i = plain; i < s.size();) {
    const size_t start = i;
    const char32_t cp = DecodeUtf8(s, &i);
    if (cp == 0xFFFD && i == start + 1) continue;  // an invalid byte: dropped
    switch (cp) {
      case '&':
        out->append("&amp;");
        continue;
      case '<':
        out->append("&lt;");
        continue;
      case '>':
        out->append("&gt;");
        continue;
      case '"':
        out->append("&quot;");
        continue;
      case '\'':
        out->append("&apos;");
        continue;
      // Written as references so that parsers give them back as they were (a raw tab or
      // newline in an attribute value reads as a space, a raw CR as nothing).
      case '\t':
        out->append("&#9;");
        continue;
      case '\n':
        out->append("&#10;");
        continue;
      case '\r':
        out->append("&#13;");
        continue;
      default:
        break;
    }
    const bool allowed = (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
                         (cp >= 0x10000 && cp <= 0x10FFFF);
    if (allowed) out->append(s.data() + start, i - start);
  }
}

}  // namespace internal
}  // namespace geokg
