// Page chrome removal and dateline dates.
//
// A scraped page is the article plus navigation, headline lists and teasers. The article is
// made of "anchor" paragraphs (long, several sentences); short lines are kept only between
// anchors or just before one when they read as a sentence. Teasers repeat the start of
// the body and are dropped.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <unordered_map>

#include "geokg/common/text.h"
#include "nlp_internal.h"

namespace geokg::internal {
namespace {

int CountWords(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

// Letters and digits only, folded: the key used to spot repeated text.
std::string Squeeze(std::string_view s) {
  std::string f = Fold(s), out;
  out.reserve(f.size());
  for (char c : f)
    if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80))
      out.push_back(c);
  return out;
}

bool EndsAsSentence(std::string_view p) {
  p = Trim(p);
  if (p.empty()) return false;
  // Closing quotes and brackets after the final mark.
  while (!p.empty()) {
    unsigned char c = static_cast<unsigned char>(p.back());
    if (c == '"' || c == ')' || c == '\'') {
      p.remove_suffix(1);
    } else if (p.size() >= 2 && p.substr(p.size() - 2) == "\xC2\xBB") {  // »
      p.remove_suffix(2);
    } else if (p.size() >= 3 && p.substr(p.size() - 3) == "\xE2\x80\x9D") {  // ”
      p.remove_suffix(3);
    } else {
      break;
    }
    p = Trim(p);
  }
  return !p.empty() && (p.back() == '.' || p.back() == '!');
}

bool EndsWithEllipsis(std::string_view p) {
  p = Trim(p);
  return (p.size() >= 3 && p.substr(p.size() - 3) == "...") ||
         (p.size() >= 3 && p.substr(p.size() - 3) == "\xE2\x80\xA6");
}

int CountSentenceEnds(std::string_view p) {
  int n = 0;
  for (size_t i = 0; i + 1 < p.size(); ++i)
    if ((p[i] == '.' || p[i] == '!' || p[i] == '?') && (p[i + 1] == ' ' || p[i + 1] == '"'))
      ++n;
  return n + (EndsAsSentence(p) ? 1 : 0);
}

// The text kept so far, and whether a piece stands anywhere in it. Past a few pages the
// search goes through an index of the 16-byte runs at every 8th offset, so that a long
// article costs time in proportion to its length, not to its length squared.
class SeenText {
 public:
  void Append(std::string_view s) {
    text_ += s;
    if (text_.size() < kIndexFrom) return;
    for (; next_ + kGram <= text_.size(); next_ += kStep) {
      uint32_t& head = heads_[Hash(next_)];
      chain_.push_back(head);  // chain_[q / kStep]: the previous offset with that hash, plus 1
      head = static_cast<uint32_t>(next_) + 1;
    }
  }

  // Same answer as text.find(piece) != npos, for pieces of at least kGram + kStep - 1 bytes.
  bool Contains(std::string_view piece) const {
    if (text_.size() < kIndexFrom || piece.size() < kGram + kStep - 1)
      return text_.find(piece) != std::string::npos;
    // An occurrence at P has an indexed run at P + j for the j < kStep that makes it a
    // multiple of kStep, and at P + j + kStep ... as far as the piece goes. Per j, the
    // candidates come from the shortest of those chains (walked in step to find it).
    for (size_t j = 0; j < kStep; ++j) {
      std::array<uint32_t, 20> head{}, cur{};
      std::array<size_t, 20> off{};
      size_t n = 0;
      bool absent = false;
      for (size_t o = j; o + kGram <= piece.size() && n < head.size(); o += kStep, ++n) {
        auto it = heads_.find(HashOf(piece.substr(o, kGram)));
        if (it == heads_.end()) {
          absent = true;
          break;
        }
        head[n] = cur[n] = it->second;
        off[n] = o;
      }
      if (absent || n == 0) continue;
      size_t best = n;
      while (best == n) {
        for (size_t i = 0; i < n && best == n; ++i)
          if (cur[i] == 0) best = i;
        for (size_t i = 0; i < n && best == n; ++i) cur[i] = chain_[(cur[i] - 1) / kStep];
      }
      for (uint32_t q = head[best]; q != 0; q = chain_[(q - 1) / kStep]) {
        size_t at = q - 1;
        if (at < off[best]) continue;
        at -= off[best];
        if (at + piece.size() <= text_.size() && text_.compare(at, piece.size(), piece) == 0)
          return true;
      }
    }
    return false;
  }

 private:
  static constexpr size_t kGram = 16, kStep = 8, kIndexFrom = 1 << 16;
  static uint64_t HashOf(std::string_view s) {
    uint64_t h = 1469598103934665603ull;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
  }
  uint64_t Hash(size_t at) const { return HashOf(std::string_view(text_).substr(at, kGram)); }
  std::string text_;
  size_t next_ = 0;                               // the next offset to index
  std::unordered_map<uint64_t, uint32_t> heads_;  // hash -> last offset with it, plus 1
  std::vector<uint32_t> chain_;
};

}  // namespace

std::vector<Span> BodyParagraphs(std::string_view text, bool keep_all) {
  // Paragraphs are blank-line separated blocks; text with no blank line has one per line.
  bool blank_lines = text.find("\n\n") != std::string_view::npos ||
                     text.find("\n \n") != std::string_view::npos ||
                     text.find("\r\n\r\n") != std::string_view::npos;
  std::vector<Span> paras;
  size_t start = 0;
  while (start < text.size()) {
    size_t end;
    if (blank_lines) {
      end = start;
      for (;;) {
        size_t nl = text.find('\n', end);
        if (nl == std::string_view::npos) {
          end = text.size();
          break;
        }
        size_t next = text.find('\n', nl + 1);
        std::string_view between =
            text.substr(nl + 1, (next == std::string_view::npos ? text.size() : next) - nl - 1);
        if (next != std::string_view::npos && Trim(between).empty()) {
          end = nl;
          break;
        }
        end = nl + 1;
      }
    } else {
      end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
    }
    std::string_view p = text.substr(start, end - start);
    size_t b = start, e = end;
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    if (e > b && !Trim(p).empty()) paras.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    start = end + 1;
  }

  // Drop repeats and teasers: a paragraph whose opening (up to 160 folded characters,
  // ellipsis removed) already stands in the text kept so far.
  std::vector<Span> unique;
  SeenText seen;
  for (const Span& sp : paras) {
    std::string_view p = text.substr(sp.first, sp.second - sp.first);
    std::string key = Squeeze(p);
    if (EndsWithEllipsis(p) && key.size() > 40) key.resize(key.size() - 10);
    std::string probe = key.substr(0, std::min<size_t>(key.size(), 160));
    if (probe.size() >= 24 && seen.Contains(probe)) continue;
    seen.Append(key);
    seen.Append("|");
    unique.push_back(sp);
  }

  if (keep_all) return unique;

  // Anchors: paragraphs that are plainly running text.
  std::vector<bool> anchor(unique.size());
  bool any_anchor = false;
  for (size_t i = 0; i < unique.size(); ++i) {
    std::string_view p = text.substr(unique[i].first, unique[i].second - unique[i].first);
    int words = CountWords(p);
    anchor[i] = words >= 25 || (words >= 12 && CountSentenceEnds(p) >= 2);
    any_anchor = any_anchor || anchor[i];
  }
  if (!any_anchor) return unique;

  // Around each anchor, the paragraphs that read as sentences belong to the story until the
  // first one that does not (a headline, "Read more", a menu). Between two anchors, any
  // paragraph of a few words is kept (a short quote, a one-line paragraph).
  auto sentence_like = [&](size_t i) {
    std::string_view p = text.substr(unique[i].first, unique[i].second - unique[i].first);
    if (EndsAsSentence(p) && CountWords(p) >= 6) return true;
    // "A Foreign Office spokesman said:" before a quotation introduces it.
    if (p.back() != ':' || CountWords(p) < 3 || i + 1 >= unique.size()) return false;
    std::string_view next = text.substr(unique[i + 1].first, unique[i + 1].second - unique[i + 1].first);
    for (std::string_view q : {"\"", "\xE2\x80\x9C", "\xC2\xAB", "\xE2\x80\x98", "'"})
      if (next.substr(0, q.size()) == q) return true;
    return false;
  };
  std::vector<bool> keep = anchor;
  for (size_t i = 0; i < unique.size(); ++i) {
    if (!anchor[i]) continue;
    for (size_t j = i + 1; j < unique.size() && !anchor[j] && sentence_like(j); ++j) keep[j] = true;
    for (size_t j = i; j-- > 0 && !anchor[j] && sentence_like(j);) keep[j] = true;
  }
  size_t first = unique.size(), last = 0;
  for (size_t i = 0; i < unique.size(); ++i) {
    if (!anchor[i]) continue;
    first = std::min(first, i);
    last = i;
  }
  for (size_t i = first; i < last; ++i) {
    std::string_view p = text.substr(unique[i].first, unique[i].second - unique[i].first);
    if (!keep[i] && CountWords(p) >= 8) keep[i] = true;
  }
  std::vector<Span> body;
  for (size_t i = 0; i < unique.size(); ++i)
    if (keep[i]) body.push_back(unique[i]);
  return body;
}

namespace {

constexpr std::array<std::pair<std::string_view, int>, 24> kMonths{{
    {"janvier", 1},  {"fevrier", 2}, {"mars", 3},     {"avril", 4},     {"mai", 5},
    {"juin", 6},     {"juillet", 7}, {"aout", 8},     {"septembre", 9}, {"octobre", 10},
    {"novembre", 11}, {"decembre", 12}, {"january", 1}, {"february", 2},  {"march", 3},
    {"april", 4},    {"may", 5},     {"june", 6},     {"july", 7},      {"august", 8},
    {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
}};

int MonthNumber(std::string_view w) {
  for (const auto& [name, n] : kMonths)
    if (w == name) return n;
  return 0;
}

std::string FormatDate(int y, int m, int d) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

// A day of the Gregorian calendar: "31 septembre" or "February 29, 2015" is a typo, not a
// date (the store and the GEXF export take dates as xs:date).
bool IsCalendarDay(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y <= 1900 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m != 2 || d != 29 || leap;
}

bool IsNumber(std::string_view w, int* out) {
  if (w.empty() || w.size() > 4) return false;
  int v = 0;
  for (char c : w) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

std::string FindDateline(std::string_view text) {
  // Work on folded words so "29 septembre 2015", "1er mars 2014" and "March 1, 2014" match.
  std::string f = Fold(text.substr(0, std::min<size_t>(text.size(), 200000)));
  std::vector<std::string_view> words;
  std::string_view fv(f);
  size_t i = 0;
  while (i < fv.size()) {
    while (i < fv.size() && !std::isalnum(static_cast<unsigned char>(fv[i])) &&
           !(static_cast<unsigned char>(fv[i]) & 0x80) && fv[i] != '-')
      ++i;
    size_t b = i;
    while (i < fv.size() && (std::isalnum(static_cast<unsigned char>(fv[i])) ||
                             (static_cast<unsigned char>(fv[i]) & 0x80) || fv[i] == '-'))
      ++i;
    if (i > b) words.push_back(fv.substr(b, i - b));
  }
  for (size_t k = 0; k < words.size(); ++k) {
    std::string_view w = words[k];
    // ISO date.
    if (w.size() == 10 && w[4] == '-' && w[7] == '-') {
      int y, m, d;
      if (IsNumber(w.substr(0, 4), &y) && IsNumber(w.substr(5, 2), &m) &&
          IsNumber(w.substr(8, 2), &d) && IsCalendarDay(y, m, d))
        return FormatDate(y, m, d);
    }
    int m = MonthNumber(w);
    if (m == 0 || k + 1 >= words.size()) continue;
    int d = 0, y = 0;
    std::string_view prev = k > 0 ? words[k - 1] : std::string_view();
    if (prev == "1er") prev = "1";
    if (IsNumber(prev, &d) && IsNumber(words[k + 1], &y) && IsCalendarDay(y, m, d))
      return FormatDate(y, m, d);
    if (k + 2 < words.size() && IsNumber(words[k + 1], &d) && IsNumber(words[k + 2], &y) &&
        IsCalendarDay(y, m, d))
      return FormatDate(y, m, d);
  }
  return "";
}

}  // namespace geokg::internal
