// Article extraction from HTML pages with libxml2's HTML parser.
//
// The page is parsed into a tree, which is walked without recursion (pages may nest
// elements thousands deep). Every element gets a NodeInfo in a vector, in document order;
// xmlNode::_private holds its index + 1. Then:
//   1. boilerplate is marked: some tags always (script, style ...); navigation-like tags
//      (nav, header, footer, aside, form) and elements whose class, id or role names
//      boilerplate (menu, cookie, related, comment ...) unless they hold the main content;
//   2. text and link text are counted bottom-up, boilerplate excluded;
//   3. the container is chosen: the <article> (or <main>, role=main) holding most of the
//      paragraph text, else the element whose paragraphs weigh most (text density);
//   4. its text is written out, paragraphs separated by blank lines, link-heavy blocks and
//      "Lire aussi" teasers left out.
// When this leaves (almost) nothing, step 1 is redone without the class/id rules.
#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "geokg/common/text.h"
#include "geokg/ingest/reader.h"
#include "reader_internal.h"

namespace geokg {
namespace {

using reader_internal::NormalizeDate;
using reader_internal::NormalizeLang;

// ---------------------------------------------------------------------------------------
// Small string helpers.

bool IsAsciiSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

std::string_view Name(const xmlNode* n) {
  return n->name != nullptr ? std::string_view(reinterpret_cast<const char*>(n->name))
                            : std::string_view();
}

std::string_view Content(const xmlNode* n) {
  return n->content != nullptr ? std::string_view(reinterpret_cast<const char*>(n->content))
                               : std::string_view();
}

std::string_view AttrName(const xmlAttr* a) {
  return a->name != nullptr ? std::string_view(reinterpret_cast<const char*>(a->name))
                            : std::string_view();
}

std::string AttrValue(const xmlAttr* a) {
  std::string s;
  for (const xmlNode* c = a->children; c != nullptr; c = c->next) s += Content(c);
  return s;
}

// The value of attribute `name` (lower-case) of element `n`, or "".
std::string Attr(const xmlNode* n, std::string_view name) {
  for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
    if (AsciiLower(AttrName(a)) == name) return AttrValue(a);
  }
  return {};
}

// Visits the subtree of `root` in document order without recursion. `enter(node)` returns
// whether to visit the node's children; `leave(node)` is called after them, for every node
// entered.
template <typename Enter, typename Leave>
void Walk(xmlNode* root, Enter&& enter, Leave&& leave) {
  xmlNode* n = root;
  bool down = enter(n);
  while (true) {
    if (down && n->children != nullptr) {
      n = n->children;
      down = enter(n);
      continue;
    }
    leave(n);
    while (n != root && n->next == nullptr) {
      n = n->parent;
      leave(n);
    }
    if (n == root) return;
    n = n->next;
    down = enter(n);
  }
}

// Builds text with white space squeezed and paragraph breaks between blocks.
class TextBuilder {
 public:
  // Asks for a line break (1) or a paragraph break (2) before the next text.
  void Break(int level) { pending_ = std::max(pending_, level); }
  // A <br>: a line break, and a paragraph break when two come in a row.
  void LineBreak() { pending_ = std::min(2, pending_ + 1); }
  // Asks for a space before the next text (unless a break comes first).
  void Space() { space_ = true; }

  // Appends text; runs of white space (no-break spaces included) become one space. In
  // preformatted text, a newline is a line break.
  void Add(std::string_view s, bool pre = false) {
    size_t i = 0;
    while (i < s.size()) {
      auto c = static_cast<unsigned char>(s[i]);
      if (IsAsciiSpace(c)) {
        if (pre && c == '\n') {
          Break(1);
        } else {
          space_ = true;
        }
        ++i;
        continue;
      }
      // No-break and other wide spaces count as white space; soft hyphens and zero-width
      // spaces vanish.
      size_t skip = 0;
      bool as_space = false;
      auto at = [&](size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
      if (c == 0xC2 && (at(i + 1) == 0xA0 || at(i + 1) == 0xAD)) {
        skip = 2;
        as_space = at(i + 1) == 0xA0;
      } else if (c == 0xE2 && at(i + 1) == 0x80 &&
                 ((at(i + 2) >= 0x80 && at(i + 2) <= 0x8B) || at(i + 2) == 0xAF)) {
        skip = 3;
        as_space = at(i + 2) != 0x8B;
      }
      if (skip > 0) {
        space_ = space_ || as_space;
        i += skip;
        continue;
      }
      if (!out_.empty()) {
        if (pending_ > 0) {
          out_.append(static_cast<size_t>(pending_), '\n');
        } else if (space_) {
          out_ += ' ';
        }
      }
      pending_ = 0;
      space_ = false;
      // Copy the run of ordinary bytes in one go.
      size_t j = i + 1;
      while (j < s.size()) {
        auto d = static_cast<unsigned char>(s[j]);
        if (IsAsciiSpace(d) || d == 0xC2 || d == 0xE2) break;
        ++j;
      }
      out_.append(s.substr(i, j - i));
      i = j;
    }
  }

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  int pending_ = 0;
  bool space_ = false;
};

// The text of a subtree, white space squeezed, with no regard for boilerplate.
std::string PlainText(xmlNode* root, size_t max = SIZE_MAX) {
  TextBuilder b;
  Walk(
      root,
      [&](xmlNode* n) {
        if (n->type == XML_TEXT_NODE) b.Add(Content(n));
        return n->type == XML_ELEMENT_NODE && b.text().size() < max;
      },
      [](xmlNode*) {});
  return b.Take();
}

// The first `max` bytes (or so) of text below `root`, looking at no more than `steps`
// nodes, so that checking every element of a deep page stays linear.
std::string LeadText(xmlNode* root, size_t max, int steps) {
  TextBuilder b;
  xmlNode* n = root;
  while (steps-- > 0 && b.text().size() < max) {
    if (n->type == XML_TEXT_NODE) b.Add(Content(n));
    if (n->type == XML_ELEMENT_NODE && n->children != nullptr) {
      n = n->children;
      continue;
    }
    while (n != root && n->next == nullptr) n = n->parent;
    if (n == root) break;
    n = n->next;
  }
  return b.Take();
}

// ---------------------------------------------------------------------------------------
// Tags, classes and ids.

enum TagFlag : uint32_t {
  kStrong = 1u << 0,     // never text: script, style ...
  kWeak = 1u << 1,       // page chrome: nav, header, footer, aside, form
  kBlock = 1u << 2,      // a paragraph break before and after
  kLine = 1u << 3,       // a line break before and after
  kCell = 1u << 4,       // a space before
  kParagraph = 1u << 5,  // p, pre: its text scores its parent
  kHeading = 1u << 6,
  kPre = 1u << 7,
  kLinkCheck = 1u << 8,  // dropped when mostly links
  kForm = 1u << 9,
};

uint32_t TagFlags(std::string_view tag) {
  static const auto* const kTags = new std::unordered_map<std::string_view, uint32_t>{
      {"script", kStrong},
      {"style", kStrong},
      {"noscript", kStrong},
      {"template", kStrong},
      {"svg", kStrong},
      {"math", kStrong},
      {"iframe", kStrong},
      {"frame", kStrong},
      {"frameset", kStrong},
      {"object", kStrong},
      {"embed", kStrong},
      {"applet", kStrong},
      {"canvas", kStrong},
      {"video", kStrong},
      {"audio", kStrong},
      {"picture", kStrong},
      {"img", kStrong},
      {"map", kStrong},
      {"button", kStrong},
      {"select", kStrong},
      {"option", kStrong},
      {"textarea", kStrong},
      {"input", kStrong},
      {"head", kStrong},
      {"title", kStrong},
      {"meta", kStrong},
      {"link", kStrong},
      {"dialog", kStrong},
      {"nav", kWeak | kBlock},
      {"header", kWeak | kBlock},
      {"footer", kWeak | kBlock},
      {"aside", kWeak | kBlock},
      {"menu", kWeak | kBlock},
      {"figcaption", kWeak | kBlock},
      {"form", kWeak | kForm | kBlock},
      {"p", kBlock | kParagraph},
      {"pre", kBlock | kParagraph | kPre},
      {"div", kBlock | kLinkCheck},
      {"section", kBlock | kLinkCheck},
      {"article", kBlock},
      {"main", kBlock},
      {"blockquote", kBlock},
      {"address", kBlock},
      {"center", kBlock},
      {"details", kBlock},
      {"summary", kBlock},
      {"fieldset", kBlock},
      {"figure", kBlock},
      {"hgroup", kBlock},
      {"hr", kBlock},
      {"ul", kBlock | kLinkCheck},
      {"ol", kBlock | kLinkCheck},
      {"dl", kBlock | kLinkCheck},
      {"li", kBlock},
      {"table", kBlock | kLinkCheck},
      {"caption", kBlock},
      {"h1", kBlock | kHeading},
      {"h2", kBlock | kHeading},
      {"h3", kBlock | kHeading},
      {"h4", kBlock | kHeading},
      {"h5", kBlock | kHeading},
      {"h6", kBlock | kHeading},
      {"tr", kLine},
      {"dt", kLine},
      {"dd", kLine},
      {"br", kLine},
      {"td", kCell},
      {"th", kCell},
  };
  auto it = kTags->find(tag);
  return it == kTags->end() ? 0 : it->second;
}

// Words of class and id values that mark boilerplate ("comments" matches "comment").
bool IsBoilerplateWord(std::string_view w) {
  static const auto* const kWords = new std::unordered_set<std::string_view>{
      "nav",        "navbar",        "navigation",     "menu",        "menubar", "footer",
      "header",     "masthead",      "sidebar",        "related",     "comment", "share",
      "sharing",    "sharebar",      "social",         "cookie",      "consent", "gdpr",
      "banner",     "newsletter",    "promo",          "breadcrumb",  "widget",  "ad",
      "advert",     "advertisement", "advertising",    "adsbygoogle", "sponsor", "sponsored",
      "subscribe",  "subscription",  "outbrain",       "taboola",     "popup",   "modal",
      "pagination", "pager",         "toolbar",        "skip",        "signup",  "login",
      "trending",   "recommended",   "recommendation", "commentaire", "partage", "partager",
      "publicite",  "abonnement",    "abonnez",        "topbar",      "topnav"};
  if (kWords->count(w) > 0) return true;
  // "ads", "comments", "widgets" ...
  return w.size() > 2 && w.back() == 's' && kWords->count(w.substr(0, w.size() - 1)) > 0;
}

// Two adjacent words that together mark boilerplate ("read-more", "lire_aussi", "sr-only").
bool IsBoilerplatePair(std::string_view a, std::string_view b) {
  static const std::array<std::pair<std::string_view, std::string_view>, 13> kPairs = {{
      {"read", "more"},
      {"lire", "aussi"},
      {"a", "lire"},
      {"voir", "aussi"},
      {"see", "also"},
      {"also", "read"},
      {"most", "read"},
      {"most", "popular"},
      {"plus", "lus"},
      {"sr", "only"},
      {"screen", "reader"},
      {"more", "stories"},
      {"visually", "hidden"},
  }};
  for (const auto& [x, y] : kPairs) {
    if (a == x && b == y) return true;
  }
  return false;
}

// Splits class or id values into lower-case words: on spaces, '-', '_', ':', '.', digits
// and camelCase boundaries ("relatedArticles__list-2" -> related, articles, list).
std::vector<std::string> AttrWords(std::string_view v) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&]() {
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
  };
  for (size_t i = 0; i < v.size(); ++i) {
    char c = v[i];
    bool lower = c >= 'a' && c <= 'z';
    bool upper = c >= 'A' && c <= 'Z';
    if (!lower && !upper) {
      flush();
      if (c == ' ' || c == '\t' || c == '\n') words.emplace_back();  // token boundary
      continue;
    }
    if (upper && !cur.empty() && v[i - 1] >= 'a' && v[i - 1] <= 'z') flush();
    cur += static_cast<char>(upper ? c - 'A' + 'a' : c);
  }
  flush();
  return words;
}

// True when class or id words name boilerplate. Empty strings in `words` separate tokens.
bool WordsLookBoilerplate(const std::vector<std::string>& words) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].empty()) continue;
    if (IsBoilerplateWord(words[i])) return true;
    if (i + 1 < words.size() && IsBoilerplatePair(words[i], words[i + 1])) return true;
  }
  return false;
}

bool WordsHave(const std::vector<std::string>& words, std::initializer_list<std::string_view> any) {
  for (const std::string& w : words) {
    for (std::string_view a : any) {
      if (w == a) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// The analysis.

struct NodeInfo {
  xmlNode* node = nullptr;
  int parent = -1;
  uint32_t flags = 0;
  // Facts about the element itself.
  bool attr_weak = false;  // class, id, role or hidden say boilerplate
  bool protect = false;    // html, body, main, role=main, articleBody: never weak-dropped
  bool mainish = false;    // main content: main, role=main, articleBody, a plain <article>
  bool article = false;    // <article> or itemprop=articleBody
  bool byline = false;     // author or dateline: exempt from the link rules
  // Computed per pass.
  bool main_below = false;  // a mainish element lies below
  bool drop = false;        // this subtree is boilerplate
  bool region = false;      // dropped here or above
  bool skipped = false;     // left out of the output (set while writing)
  size_t text = 0;          // non-space bytes of text below, dropped parts excluded
  size_t link = 0;          // of which inside <a>
  size_t links = 0;         // <a> elements below
  size_t direct = 0;        // non-space bytes of the element's own text nodes
  double own = 0;           // paragraph text this element adds
  double score = 0;         // paragraph text credited to it as a container
  double para = 0;          // paragraph text below
};

size_t NonSpace(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += IsAsciiSpace(static_cast<unsigned char>(c)) ? 0 : 1;
  return n;
}

class Analysis {
 public:
  explicit Analysis(xmlNode* root) : root_(root) { Collect(); }

  // Marks boilerplate, counts text and scores containers. `strict` applies the class, id,
  // role and <form> rules.
  void Run(bool strict) {
    for (NodeInfo& e : infos_) {
      e.main_below = e.drop = e.region = e.skipped = false;
      e.text = e.link = e.links = e.direct = 0;
      e.own = e.score = e.para = 0;
    }
    // Bottom-up: the children of an element come after it in document order.
    for (size_t i = infos_.size(); i-- > 0;) {
      NodeInfo& e = infos_[i];
      for (xmlNode* c = e.node->children; c != nullptr; c = c->next) {
        if (c->type == XML_TEXT_NODE) e.direct += NonSpace(Content(c));
      }
      e.text += e.direct;
      bool weak = (e.flags & kWeak) != 0 && (strict || (e.flags & kForm) == 0);
      if (strict && e.attr_weak) weak = true;
      e.drop = (e.flags & kStrong) != 0 || (weak && !e.protect && !e.main_below);
      if (Name(e.node) == "a") {
        e.link = e.text;
        e.links += 1;
      }
      if (e.parent >= 0) {
        NodeInfo& p = infos_[static_cast<size_t>(e.parent)];
        bool counts = e.mainish && (e.protect || !(strict && e.attr_weak));
        p.main_below = p.main_below || e.main_below || counts;
        if (!e.drop) {
          p.text += e.text;
          p.link += e.link;
          p.links += e.links;
        }
      }
    }
    // Top-down: regions, then paragraph scores.
    for (NodeInfo& e : infos_) {
      e.region = e.drop || (e.parent >= 0 && infos_[static_cast<size_t>(e.parent)].region);
      if (e.region) continue;
      int target = -1;
      if ((e.flags & kParagraph) != 0) {
        double c = static_cast<double>(e.text) - static_cast<double>(e.link);
        if (c >= 20) e.own = c;
        target = e.parent;
      } else if (e.direct >= 25 && (e.flags & (kBlock | kCell)) != 0) {
        e.own = static_cast<double>(e.direct);
        e.score += e.own;
        target = e.parent;
      }
      if (e.own > 0 && target >= 0) {
        NodeInfo& p = infos_[static_cast<size_t>(target)];
        p.score += e.own * ((e.flags & kParagraph) != 0 ? 1.0 : 0.5);
        if ((e.flags & kParagraph) != 0 && p.parent >= 0) {
          NodeInfo& g = infos_[static_cast<size_t>(p.parent)];
          if (!g.region) g.score += e.own * 0.5;
        }
      }
    }
    for (size_t i = infos_.size(); i-- > 0;) {
      NodeInfo& e = infos_[i];
      e.para += e.own;
      if (e.parent >= 0) infos_[static_cast<size_t>(e.parent)].para += e.para;
    }
  }

  // The elements whose text is the article, in document order: one semantic container
  // (<article>, <main>) when it holds a good share of the page's paragraph text, else the
  // best-scoring element and those of its siblings that score well too or are paragraphs.
  std::vector<xmlNode*> ChooseContainers() const {
    if (infos_.empty()) return {root_};
    double total = infos_[0].para;
    const NodeInfo* best_article = nullptr;
    const NodeInfo* best_main = nullptr;
    const NodeInfo* best_score = nullptr;
    for (const NodeInfo& e : infos_) {
      if (e.region) continue;
      if (e.article && (best_article == nullptr || e.para > best_article->para)) {
        best_article = &e;
      }
      if (e.mainish && !e.article && (best_main == nullptr || e.para > best_main->para)) {
        best_main = &e;
      }
      if (e.score > 0 && (best_score == nullptr || e.score > best_score->score)) {
        best_score = &e;
      }
    }
    for (const NodeInfo* c : {best_article, best_main}) {
      if (c != nullptr && c->para > 0 && c->para >= 0.4 * total) return {c->node};
    }
    if (best_score != nullptr) return WithSiblings(*best_score);
    for (const NodeInfo* c : {best_article, best_main}) {
      if (c != nullptr && c->text > 0) return {c->node};
    }
    for (const NodeInfo& e : infos_) {
      if (Name(e.node) == "body" && !e.region) return {e.node};
    }
    return {root_};
  }

  // Writes the text of `containers`, paragraphs separated by blank lines. A first <h1>
  // equal to `title` is left out.
  std::string Extract(const std::vector<xmlNode*>& containers, const std::string& title) {
    TextBuilder b;
    bool h1_seen = false;
    for (xmlNode* container : containers) {
      b.Break(2);
      Extract(container, title, &h1_seen, &b);
    }
    return b.Take();
  }

  // The first <time datetime> inside `containers`, normalised.
  std::string DateIn(const std::vector<xmlNode*>& containers) const {
    for (xmlNode* c : containers) {
      std::string d = DateIn(c);
      if (!d.empty()) return d;
    }
    return "";
  }

 private:
  void Extract(xmlNode* container, const std::string& title, bool* h1_seen, TextBuilder* out) {
    TextBuilder& b = *out;
    int pre = 0;
    Walk(
        container,
        [&](xmlNode* n) {
          if (n->type == XML_TEXT_NODE) {
            b.Add(Content(n), pre > 0);
            return false;
          }
          if (n->type != XML_ELEMENT_NODE) return false;
          NodeInfo* e = Info(n);
          if (e == nullptr) return false;
          e->skipped = Skip(*e, n == container, title, h1_seen);
          if (e->skipped) {
            if ((e->flags & (kBlock | kLine)) != 0) b.Space();
            return false;
          }
          if ((e->flags & kBlock) != 0) b.Break(2);
          if (Name(n) == "br") {
            b.LineBreak();
          } else if ((e->flags & kLine) != 0) {
            b.Break(1);
          }
          if ((e->flags & kCell) != 0) b.Space();
          if ((e->flags & kPre) != 0) ++pre;
          return true;
        },
        [&](xmlNode* n) {
          if (n->type != XML_ELEMENT_NODE) return;
          NodeInfo* e = Info(n);
          if (e == nullptr || e->skipped) return;
          if ((e->flags & kBlock) != 0) b.Break(2);
          if ((e->flags & kLine) != 0 && Name(n) != "br") b.Break(1);
          if ((e->flags & kPre) != 0) --pre;
        });
  }

  std::vector<xmlNode*> WithSiblings(const NodeInfo& top) const {
    if (top.parent < 0) return {top.node};
    double threshold = std::max(10.0, 0.2 * top.score);
    std::vector<xmlNode*> out;
    for (xmlNode* c = top.node->parent->children; c != nullptr; c = c->next) {
      if (c == top.node) {
        out.push_back(c);
        continue;
      }
      const NodeInfo* e = Info(c);
      // Another <article> is another story.
      if (e == nullptr || e->region || e->article) continue;
      bool paragraph = (e->flags & kParagraph) != 0 && e->own > 0 && e->link * 4 < e->text;
      if (e->score >= threshold || paragraph) out.push_back(c);
    }
    return out;
  }

  std::string DateIn(xmlNode* container) const {
    std::string found;
    Walk(
        container,
        [&](xmlNode* n) {
          if (!found.empty() || n->type != XML_ELEMENT_NODE) return false;
          if (Name(n) == "time") {
            found = NormalizeDate(Attr(n, "datetime"));
          }
          return found.empty();
        },
        [](xmlNode*) {});
    return found;
  }

  NodeInfo* Info(const xmlNode* n) {
    return const_cast<NodeInfo*>(static_cast<const Analysis*>(this)->Info(n));
  }
  const NodeInfo* Info(const xmlNode* n) const {
    if (n->type != XML_ELEMENT_NODE) return nullptr;
    auto idx = reinterpret_cast<uintptr_t>(n->_private);
    if (idx == 0 || idx > infos_.size()) return nullptr;
    const NodeInfo* e = &infos_[idx - 1];
    return e->node == n ? e : nullptr;
  }

  void Collect() {
    std::vector<int> open;  // indices of the open elements (the current path)
    Walk(
        root_,
        [&](xmlNode* n) {
          if (n->type != XML_ELEMENT_NODE) return false;
          NodeInfo e;
          e.node = n;
          e.parent = open.empty() ? -1 : open.back();
          Describe(&e);
          infos_.push_back(e);
          n->_private = reinterpret_cast<void*>(static_cast<uintptr_t>(infos_.size()));
          open.push_back(static_cast<int>(infos_.size() - 1));
          return true;
        },
        [&](xmlNode* n) {
          if (n->type == XML_ELEMENT_NODE) open.pop_back();
        });
  }

  // Sets the facts about the element itself from its tag and attributes.
  static void Describe(NodeInfo* e) {
    std::string_view tag = Name(e->node);
    e->flags = TagFlags(tag);
    std::string cls, id, role, itemprop, style;
    bool hidden = false;
    for (const xmlAttr* a = e->node->properties; a != nullptr; a = a->next) {
      std::string name = AsciiLower(AttrName(a));
      if (name == "class") {
        cls = AttrValue(a);
      } else if (name == "id") {
        id = AttrValue(a);
      } else if (name == "role") {
        role = AsciiLower(AttrValue(a));
      } else if (name == "itemprop") {
        itemprop = AsciiLower(AttrValue(a));
      } else if (name == "style") {
        style = AsciiLower(AttrValue(a));
      } else if (name == "hidden") {
        hidden = true;
      } else if (name == "aria-hidden") {
        hidden = hidden || AsciiLower(AttrValue(a)) == "true";
      }
    }
    std::vector<std::string> words = AttrWords(cls);
    words.emplace_back();
    std::vector<std::string> id_words = AttrWords(id);
    words.insert(words.end(), id_words.begin(), id_words.end());

    style.erase(std::remove_if(style.begin(), style.end(),
                               [](char c) { return IsAsciiSpace(static_cast<unsigned char>(c)); }),
                style.end());
    if (style.find("display:none") != std::string::npos ||
        style.find("visibility:hidden") != std::string::npos) {
      hidden = true;
    }
    bool role_weak = role == "navigation" || role == "banner" || role == "contentinfo" ||
                     role == "complementary" || role == "search" || role == "menu" ||
                     role == "menubar" || role == "dialog" || role == "alertdialog";
    e->attr_weak = hidden || role_weak || WordsLookBoilerplate(words);
    bool body_prop = itemprop == "articlebody";
    e->protect = tag == "html" || tag == "body" || tag == "main" || role == "main" || body_prop;
    e->article = tag == "article" || body_prop;
    e->mainish = e->protect && tag != "html" && tag != "body";
    if (tag == "article") e->mainish = true;
    e->byline = WordsHave(words, {"byline", "author", "authors", "dateline", "signature", "auteur",
                                  "auteurs"}) ||
                itemprop == "author";
  }

  // Whether to leave an element (and its subtree) out of the text.
  bool Skip(const NodeInfo& e, bool is_container, const std::string& title, bool* h1_seen) {
    if (e.drop) return true;
    if (is_container) return false;
    std::string_view tag = Name(e.node);
    if (tag == "h1" && !*h1_seen) {
      *h1_seen = true;
      if (!title.empty() && PlainText(e.node, title.size() + 8) == title) return true;
    }
    if (e.byline) return false;
    // Mostly links: menus, lists of related articles, tag clouds.
    if ((e.flags & (kLinkCheck | kParagraph)) != 0 && e.text > 0 && e.links >= 2 &&
        e.link * 2 > e.text) {
      return true;
    }
    if ((e.flags & kParagraph) != 0 && e.text >= 40 && e.link * 10 >= e.text * 9) return true;
    // "Lire aussi : ..." teasers.
    if ((e.flags & (kBlock | kParagraph)) != 0 && e.text > 0 && e.text < 300) {
      std::string lead = Lower(LeadText(e.node, 40, 64));
      static constexpr std::string_view kTeasers[] = {
          "lire aussi",
          "\xC3\xA0 lire aussi",
          "a lire aussi",
          "lire \xC3\xA9galement",
          "voir aussi",
          "\xC3\xA0 voir aussi",
          "sur le m\xC3\xAAme sujet",
          "read more",
          "read also",
          "also read",
          "see also",
          "related:",
          "related articles",
          "more on this",
      };
      for (std::string_view t : kTeasers) {
        if (StartsWith(lead, t)) return true;
      }
    }
    return false;
  }

  xmlNode* root_;
  std::vector<NodeInfo> infos_;
};

// ---------------------------------------------------------------------------------------
// Metadata: title, date, language, URL, site name.

struct PageMeta {
  std::string lang;
  std::string title_tag;
  std::string og_title;
  std::string twitter_title;
  std::string ld_headline;
  std::string site;
  std::string canonical;
  std::string og_url;
  std::string meta_lang;
  std::string locale;
  std::string published;  // article:published_time
  std::string item_date;  // itemprop=datePublished
  std::string meta_date;  // <meta name="date"> and friends
  std::string ld_date;
  std::string first_time;
  xmlNode* first_h1 = nullptr;
};

bool IsDateMetaName(std::string_view n) {
  static constexpr std::string_view kNames[] = {"date",
                                                "dc.date",
                                                "dc.date.issued",
                                                "dc.date.created",
                                                "dcterms.date",
                                                "dcterms.issued",
                                                "dcterms.created",
                                                "pubdate",
                                                "publishdate",
                                                "publish-date",
                                                "publish_date",
                                                "publication_date",
                                                "publication-date",
                                                "article.published",
                                                "article:published_time",
                                                "og:published_time",
                                                "sailthru.date",
                                                "parsely-pub-date",
                                                "citation_publication_date",
                                                "citation_date",
                                                "datepublished",
                                                "date.published"};
  for (std::string_view k : kNames) {
    if (n == k) return true;
  }
  return false;
}

// Finds "datePublished" and "headline" in a JSON-LD block, without recursion.
void ScanJsonLd(std::string_view text, PageMeta* meta) {
  using json = nlohmann::json;
  json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) return;
  std::vector<const json*> stack = {&doc};
  while (!stack.empty()) {
    const json* j = stack.back();
    stack.pop_back();
    if (j->is_object()) {
      auto d = j->find("datePublished");
      if (meta->ld_date.empty() && d != j->end() && d->is_string()) {
        meta->ld_date = d->get<std::string>();
      }
      auto h = j->find("headline");
      if (meta->ld_headline.empty() && h != j->end() && h->is_string()) {
        meta->ld_headline = std::string(Trim(h->get<std::string>()));
      }
      for (const auto& [k, v] : j->items()) {
        if (v.is_structured()) stack.push_back(&v);
      }
    } else if (j->is_array()) {
      for (auto it = j->rbegin(); it != j->rend(); ++it) {
        if (it->is_structured()) stack.push_back(&*it);
      }
    }
  }
}

PageMeta ReadMeta(xmlNode* root) {
  PageMeta m;
  m.lang = Attr(root, "lang");
  if (m.lang.empty()) m.lang = Attr(root, "xml:lang");
  Walk(
      root,
      [&](xmlNode* n) {
        if (n->type != XML_ELEMENT_NODE) return false;
        std::string_view tag = Name(n);
        if (tag == "title") {
          if (m.title_tag.empty() && n->parent != nullptr && Name(n->parent) == "head") {
            m.title_tag = PlainText(n);
          }
          return false;
        }
        if (tag == "meta") {
          std::string content = Attr(n, "content");
          std::string key = AsciiLower(Attr(n, "property"));
          std::string name = AsciiLower(Attr(n, "name"));
          std::string itemprop = AsciiLower(Attr(n, "itemprop"));
          std::string equiv = AsciiLower(Attr(n, "http-equiv"));
          auto is = [&](std::string_view k) { return key == k || name == k; };
          auto set = [&](std::string* field) {
            if (field->empty()) *field = std::string(Trim(content));
          };
          if (is("og:title")) set(&m.og_title);
          if (is("twitter:title")) set(&m.twitter_title);
          if (is("og:site_name")) set(&m.site);
          if (is("og:url")) set(&m.og_url);
          if (is("og:locale")) set(&m.locale);
          if (is("article:published_time")) set(&m.published);
          if (itemprop == "datepublished") set(&m.item_date);
          if (IsDateMetaName(name) || IsDateMetaName(key)) set(&m.meta_date);
          if (equiv == "content-language" || name == "language" || name == "dc.language") {
            set(&m.meta_lang);
          }
          return false;
        }
        if (tag == "link") {
          std::vector<std::string> rel = AttrWords(Attr(n, "rel"));
          if (m.canonical.empty() && WordsHave(rel, {"canonical"})) {
            m.canonical = std::string(Trim(Attr(n, "href")));
          }
          return false;
        }
        if (tag == "script") {
          if (AsciiLower(Trim(Attr(n, "type"))) == "application/ld+json") {
            std::string text;
            for (xmlNode* c = n->children; c != nullptr; c = c->next) text += Content(c);
            ScanJsonLd(text, &m);
          }
          return false;
        }
        if (tag == "time" && m.first_time.empty()) {
          m.first_time = NormalizeDate(Attr(n, "datetime"));
        }
        if (m.item_date.empty() && AsciiLower(Attr(n, "itemprop")) == "datepublished") {
          std::string v = Attr(n, "datetime");
          if (v.empty()) v = Attr(n, "content");
          m.item_date = std::string(Trim(v));
        }
        if (tag == "h1" && m.first_h1 == nullptr) m.first_h1 = n;
        return true;
      },
      [](xmlNode*) {});
  return m;
}

// "Title - Site" -> "Title" when the site name is known; "Title | Anything" -> "Title".
std::string StripSiteName(const std::string& title, const std::string& site) {
  if (size_t bar = title.rfind(" | "); bar != std::string::npos && bar > 0) {
    return std::string(Trim(std::string_view(title).substr(0, bar)));
  }
  if (site.empty() || title.size() <= site.size()) return title;
  if (title.compare(title.size() - site.size(), site.size(), site) != 0) return title;
  std::string_view rest = std::string_view(title).substr(0, title.size() - site.size());
  static constexpr std::string_view kSeparators[] = {
      " - ", " | ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " : ", " \xC2\xB7 "};
  std::string_view trimmed = rest;
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
  for (std::string_view sep : kSeparators) {
    std::string_view s = Trim(sep);
    if (trimmed.size() > s.size() && trimmed.substr(trimmed.size() - s.size()) == s) {
      return std::string(Trim(trimmed.substr(0, trimmed.size() - s.size())));
    }
  }
  return title;
}

// Windows-1252 (a superset of ISO-8859-1, as browsers read both) to UTF-8. The five
// unassigned bytes become U+FFFD.
std::string Cp1252ToUtf8(std::string_view s) {
  static constexpr char16_t kHigh[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else {
      AppendUtf8(c < 0xA0 ? kHigh[c - 0x80] : static_cast<char32_t>(c), &out);
    }
  }
  return out;
}

// The charset a page declares in its first bytes ("iso-8859-1"), lower case, or "".
std::string DeclaredCharset(std::string_view html) {
  std::string head = AsciiLower(html.substr(0, 8192));
  size_t at = head.find("charset");
  while (at != std::string::npos) {
    size_t v = head.find_first_not_of(" \t\n\r=\"'", at + 7);
    if (v != std::string::npos && v > at + 7 && head.find('=', at + 7) < v) {
      size_t e = v;
      while (e < head.size() &&
             (std::isalnum(static_cast<unsigned char>(head[e])) || head[e] == '-' ||
              head[e] == '_' || head[e] == ':' || head[e] == '.')) {
        ++e;
      }
      if (e > v) return head.substr(v, e - v);
    }
    at = head.find("charset", at + 7);
  }
  return "";
}

// Chooses the encoding to give libxml2, converting the page to UTF-8 in *converted where
// that is safer than libxml2's own conversion. nullptr lets libxml2 follow the page's
// <meta charset>.
const char* ChooseEncoding(const std::string& html, std::string* converted) {
  if (html.size() >= 2 &&
      ((html[0] == '\xFF' && html[1] == '\xFE') || (html[0] == '\xFE' && html[1] == '\xFF'))) {
    return nullptr;  // UTF-16 with a BOM: libxml2 detects it
  }
  if (IsValidUtf8(html)) return "UTF-8";
  std::string declared = DeclaredCharset(html);
  static constexpr std::string_view kWestern[] = {
      "iso-8859-1",   "iso8859-1", "iso_8859-1", "latin1",   "latin-1", "l1",
      "windows-1252", "cp1252",    "x-cp1252",   "us-ascii", "ascii"};
  bool western =
      std::find(std::begin(kWestern), std::end(kWestern), declared) != std::end(kWestern);
  if (!declared.empty() && declared != "utf-8" && declared != "utf8" && !western) {
    return nullptr;  // another legacy charset: libxml2 (iconv) converts it
  }
  if (declared.empty() || declared == "utf-8" || declared == "utf8") {
    // Mostly well-formed UTF-8 with a few stray bytes is repaired, not reinterpreted.
    size_t good = 0, bad = 0, i = 0;
    while (i < html.size()) {
      if (static_cast<unsigned char>(html[i]) < 0x80) {
        ++i;
        continue;
      }
      size_t before = i;
      char32_t cp = DecodeUtf8(html, &i);
      if (cp == 0xFFFD && i == before + 1) {
        ++bad;
      } else {
        ++good;
      }
    }
    if (good > bad) {
      *converted = reader_internal::RepairUtf8(html);
      return "UTF-8";
    }
  }
  *converted = Cp1252ToUtf8(html);
  return "UTF-8";
}

// Silences libxml2's error output on this thread for its lifetime (HTML_PARSE_NOERROR does
// not cover encoding errors).
class QuietLibxml {
 public:
  QuietLibxml()
      : generic_(xmlGenericError),
        generic_ctx_(xmlGenericErrorContext),
        structured_(xmlStructuredError),
        structured_ctx_(xmlStructuredErrorContext) {
    xmlSetGenericErrorFunc(nullptr, &Ignore);
    xmlSetStructuredErrorFunc(nullptr, &IgnoreStructured);
  }
  ~QuietLibxml() {
    xmlSetGenericErrorFunc(generic_ctx_, generic_);
    xmlSetStructuredErrorFunc(structured_ctx_, structured_);
  }
  QuietLibxml(const QuietLibxml&) = delete;
  QuietLibxml& operator=(const QuietLibxml&) = delete;

 private:
  static void Ignore(void*, const char*, ...) {}
  static void IgnoreStructured(void*, xmlErrorPtr) {}

  xmlGenericErrorFunc generic_;
  void* generic_ctx_;
  xmlStructuredErrorFunc structured_;
  void* structured_ctx_;
};

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

}  // namespace

namespace reader_internal {

std::string NormalizeDate(std::string_view s) {
  s = Trim(s);
  auto valid = [](int y, int m, int d) {
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
  };
  auto format = [](int y, int m, int d) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
    return std::string(buf);
  };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto number = [&](std::string_view t, size_t at, size_t len) {
    int v = 0;
    for (size_t k = at; k < at + len; ++k) v = v * 10 + (t[k] - '0');
    return v;
  };

  // ISO forms: 2024-03-05, 2024/3/5, 2024.03.05, 20240305, each with anything after.
  if (s.size() >= 8 && digit(s[0]) && digit(s[1]) && digit(s[2]) && digit(s[3])) {
    int y = number(s, 0, 4);
    if (s[4] == '-' || s[4] == '/' || s[4] == '.') {
      char sep = s[4];
      size_t i = 5, j = i;
      while (j < s.size() && digit(s[j]) && j - i < 2) ++j;
      if (j > i && j < s.size() && s[j] == sep) {
        int m = number(s, i, j - i);
        size_t k = j + 1, l = k;
        while (l < s.size() && digit(s[l]) && l - k < 2) ++l;
        if (l > k && (l == s.size() || !digit(s[l]))) {
          int d = number(s, k, l - k);
          if (valid(y, m, d)) return format(y, m, d);
        }
      }
      return "";
    }
    if (digit(s[4]) && digit(s[5]) && digit(s[6]) && digit(s[7]) &&
        (s.size() == 8 || !digit(s[8]))) {
      int m = number(s, 4, 2), d = number(s, 6, 2);
      if (valid(y, m, d)) return format(y, m, d);
      return "";
    }
  }

  // Textual forms: "5 mars 2024", "1er mars 2024", "Tue, 05 Mar 2024 10:00:00 GMT",
  // "March 5, 2024", "mardi 5 mars 2024 à 10h".
  // clang-format off
  static constexpr std::pair<std::string_view, int> kMonths[] = {
      {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
      {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7}, {"jul", 7},
      {"august", 8}, {"aug", 8}, {"september", 9}, {"sep", 9}, {"sept", 9}, {"october", 10},
      {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
      {"janvier", 1}, {"janv", 1}, {"f\xC3\xA9vrier", 2}, {"fevrier", 2}, {"f\xC3\xA9v", 2},
      {"f\xC3\xA9vr", 2}, {"fevr", 2}, {"mars", 3}, {"avril", 4}, {"avr", 4}, {"mai", 5},
      {"juin", 6}, {"juillet", 7}, {"juil", 7}, {"ao\xC3\xBBt", 8}, {"aout", 8},
      {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"d\xC3\xA9" "cembre", 12},
      {"decembre", 12}, {"d\xC3\xA9" "c", 12}};
  // clang-format on
  auto month_of = [](std::string_view word) {
    for (const auto& [name, month] : kMonths) {
      if (word == name) return month;
    }
    return 0;
  };
  std::string lower = Lower(s.substr(0, 200));
  std::vector<std::string> tokens;  // runs of digits or of letters (non-ASCII included)
  for (size_t i = 0; i < lower.size();) {
    auto c = static_cast<unsigned char>(lower[i]);
    bool is_digit = digit(lower[i]);
    bool is_letter = (c >= 'a' && c <= 'z') || c >= 0x80;
    if (!is_digit && !is_letter) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < lower.size()) {
      auto d = static_cast<unsigned char>(lower[j]);
      bool dd = digit(lower[j]);
      bool dl = (d >= 'a' && d <= 'z') || d >= 0x80;
      if (is_digit ? !dd : !dl) break;
      ++j;
    }
    tokens.push_back(lower.substr(i, j - i));
    i = j;
  }
  auto as_number = [&](size_t k, size_t min_len, size_t max_len) {
    if (k >= tokens.size()) return -1;
    const std::string& t = tokens[k];
    if (t.size() < min_len || t.size() > max_len || !digit(t[0])) return -1;
    return number(t, 0, t.size());
  };
  for (size_t k = 0; k < tokens.size(); ++k) {
    int m = month_of(tokens[k]);
    if (m == 0) continue;
    // Day before the month ("5 mars", "1er mars"), year after.
    size_t before = k;
    if (before > 0 && tokens[before - 1] == "er") --before;
    int d = before > 0 ? as_number(before - 1, 1, 2) : -1;
    int y = as_number(k + 1, 4, 4);
    if (d > 0 && y > 0 && valid(y, m, d)) return format(y, m, d);
    // Day after the month ("March 5, 2024").
    d = as_number(k + 1, 1, 2);
    y = as_number(k + 2, 4, 4);
    if (d > 0 && y > 0 && valid(y, m, d)) return format(y, m, d);
  }
  return "";
}

std::string HtmlFragmentText(std::string_view html) {
  if (html.find_first_of("<&") == std::string_view::npos) {
    TextBuilder plain;
    plain.Add(html);
    return RepairUtf8(plain.Take());
  }
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  const std::string input = RepairUtf8(html);
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NOIMPLIED |
                      XML_PARSE_HUGE;
  std::unique_ptr<xmlDoc, DocFree> doc;
  {
    QuietLibxml quiet;
    doc.reset(
        htmlReadMemory(input.data(), static_cast<int>(input.size()), nullptr, "UTF-8", options));
  }
  if (!doc) return {};
  TextBuilder b;
  // A fragment may parse into several top-level nodes: walk each.
  for (xmlNode* top = doc->children; top != nullptr; top = top->next) {
    Walk(
        top,
        [&](xmlNode* n) {
          if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            b.Add(Content(n));
            return false;
          }
          if (n->type != XML_ELEMENT_NODE) return false;
          const uint32_t flags = TagFlags(AsciiLower(Name(n)));
          if (flags & kStrong) return false;
          if (flags & kBlock) b.Break(2);
          if (flags & kLine) Name(n) == "br" ? b.LineBreak() : b.Break(1);
          if (flags & kCell) b.Space();
          return true;
        },
        [&](xmlNode* n) {
          if (n->type != XML_ELEMENT_NODE) return;
          const uint32_t flags = TagFlags(AsciiLower(Name(n)));
          if (flags & kBlock) b.Break(2);
          if ((flags & kLine) && Name(n) != "br") b.Break(1);
        });
  }
  return RepairUtf8(Trim(b.text()));
}

}  // namespace reader_internal

Status ParseHtmlArticle(const std::string& html, const std::string& origin, Article* out) {
  if (html.size() > reader_internal::kMaxHtmlBytes) {
    return Status::InvalidInput(origin + ": HTML page larger than " +
                                reader_internal::SizeText(reader_internal::kMaxHtmlBytes));
  }
  // A flood of tags costs far more memory than its bytes (a tree node per "<b>").
  constexpr size_t kMaxTags = 1000000;
  if (static_cast<size_t>(std::count(html.begin(), html.end(), '<')) > kMaxTags) {
    return Status::InvalidInput(origin + ": HTML page with more than " + std::to_string(kMaxTags) +
                                " tags");
  }
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });

  std::string converted;
  const char* encoding = ChooseEncoding(html, &converted);
  const std::string& input = converted.empty() ? html : converted;
  // HUGE lifts libxml2's nesting limit of 256, past which it would stop parsing; the tree
  // is only ever walked without recursion here.
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                HTML_PARSE_COMPACT | XML_PARSE_HUGE;
  std::unique_ptr<xmlDoc, DocFree> doc;
  {
    QuietLibxml quiet;
    doc.reset(
        htmlReadMemory(input.data(), static_cast<int>(input.size()), nullptr, encoding, options));
  }
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) return Status::InvalidInput(origin + ": empty article");

  PageMeta meta = ReadMeta(root);
  Article a;
  a.title = !meta.og_title.empty()        ? meta.og_title
            : !meta.twitter_title.empty() ? meta.twitter_title
            : !meta.ld_headline.empty()   ? meta.ld_headline
                                          : StripSiteName(meta.title_tag, meta.site);
  if (a.title.empty() && meta.first_h1 != nullptr) a.title = PlainText(meta.first_h1);
  a.title = reader_internal::RepairUtf8(a.title);

  Analysis analysis(root);
  analysis.Run(/*strict=*/true);
  std::vector<xmlNode*> containers = analysis.ChooseContainers();
  std::string text = analysis.Extract(containers, a.title);
  if (NonSpace(text) < 100) {
    // Almost nothing: perhaps a class or a <form> wraps the whole page. Retry without
    // those rules and keep the result if it is much longer.
    analysis.Run(/*strict=*/false);
    std::vector<xmlNode*> c2 = analysis.ChooseContainers();
    std::string t2 = analysis.Extract(c2, a.title);
    if (NonSpace(t2) >= 3 * NonSpace(text) && NonSpace(t2) > NonSpace(text)) {
      text = std::move(t2);
      containers = std::move(c2);
    }
  }
  text = reader_internal::RepairUtf8(Trim(text));
  if (text.empty()) {
    return Status::InvalidInput(origin + ": empty article (no text found in the page)");
  }
  a.text = std::move(text);

  for (const std::string* d : {&meta.published, &meta.item_date, &meta.meta_date, &meta.ld_date}) {
    a.date = NormalizeDate(*d);
    if (!a.date.empty()) break;
  }
  if (a.date.empty()) a.date = analysis.DateIn(containers);
  if (a.date.empty()) a.date = meta.first_time;

  // A page that declares another language stays unknown (then detected).
  const std::string& lang_tag = !meta.lang.empty()        ? meta.lang
                                : !meta.meta_lang.empty() ? meta.meta_lang
                                                          : meta.locale;
  a.lang = NormalizeLang(lang_tag);
  a.url = reader_internal::RepairUtf8(!meta.canonical.empty() ? meta.canonical : meta.og_url);
  a.source = reader_internal::RepairUtf8(meta.site);
  a.origin = origin;
  *out = std::move(a);
  return Status::Ok();
}

}  // namespace geokg
