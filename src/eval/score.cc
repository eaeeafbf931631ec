// The scorer of ../shared/eval/score.py, rule for rule (see geokg/eval/score.h).
#include "geokg/eval/score.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace geokg::eval {
namespace {

constexpr std::array<const char*, 6> kClasses = {"COMMUNICATE", "COOPERATE",  "CONFLICT",
                                                 "CONTROL",     "MEMBERSHIP", "LOCATION"};
constexpr const char* kUnknown = "(unknown type)";

const std::unordered_map<std::string, std::string>& FineToClass() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, std::string>();
    const std::pair<const char*, const char*> rows[] = {
        {"COMMUNICATE", "CONSULT REQUEST"},
        {"COOPERATE", "AGREE SUPPORT COOPERATE AID CONCEDE RETREAT ALLY_OF"},
        {"CONFLICT", "ACCUSE REJECT THREATEN PROTEST SANCTION COERCE ASSAULT OPPOSES"},
        {"CONTROL", "LEADS CONTROLS"},
        {"MEMBERSHIP", "HOLDS_ROLE MEMBER_OF PART_OF"},
        {"LOCATION", "LOCATED_IN MOBILIZE"}};
    for (const auto& [cls, fines] : rows) {
      std::istringstream in(fines);
      std::string f;
      while (in >> f) (*t)[f] = cls;
    }
    return t;
  }();
  return *table;
}

const std::unordered_map<std::string, std::string>& TypeFold() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, std::string>();
    const std::pair<const char*, const char*> rows[] = {
        {"PER", "PER PERS PERSON PERSONNE PEOPLE INDIVIDUAL CIVILIAN"},
        {"ORG",
         "ORG ORGANIZATION ORGANISATION GROUP ARMED_GROUP IGO NGO COALITION GOVERNMENT "
         "MILITARY ARMY POLICE PARTY COMPANY MEDIA INSTITUTION AGENCY MINISTRY COURT "
         "ALLIANCE UNION"},
        {"LOC",
         "LOC LOCATION PLACE GPE STATE COUNTRY NATION CITY TOWN REGION PROVINCE AREA "
         "TERRITORY"}};
    for (const auto& [folded, names] : rows) {
      std::istringstream in(names);
      std::string n;
      while (in >> n) (*t)[n] = folded;
    }
    return t;
  }();
  return *table;
}

bool IsClass(const std::string& s) {
  return std::find(kClasses.begin(), kClasses.end(), s) != kClasses.end();
}
int ClassIndex(const std::string& s) {
  return static_cast<int>(std::find(kClasses.begin(), kClasses.end(), s) - kClasses.begin());
}
bool IsSymmetric(const std::string& cls) {
  return cls == "COMMUNICATE" || cls == "COOPERATE" || cls == "CONFLICT";
}

// ---- Python's string semantics, on code points.

// str.isspace(): bidirectional class WS, B or S, or category Zs.
bool PySpace(UChar32 c) {
  return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 ||
         c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f ||
         c == 0x205f || c == 0x3000;
}

// Strict UTF-8 decoding, as Python's codec does it (no overlongs, surrogates or > U+10FFFF).
// Returns false at the first bad byte (its offset in *bad).
bool DecodeStrict(std::string_view s, std::u32string* out, size_t* bad) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    char32_t cp;
    size_t n;
    if (b0 < 0x80) {
      cp = b0;
      n = 1;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      cp = b0 & 0x1f;
      n = 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      cp = b0 & 0x0f;
      n = 3;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      cp = b0 & 0x07;
      n = 4;
    } else {
      if (bad) *bad = i;
      return false;
    }
    if (i + n > s.size()) {
      if (bad) *bad = i;
      return false;
    }
    for (size_t k = 1; k < n; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xc0) != 0x80) {
        if (bad) *bad = i;
        return false;
      }
      cp = (cp << 6) | (b & 0x3f);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10ffff))) {
      if (bad) *bad = i;
      return false;
    }
    if (out) out->push_back(cp);
    i += n;
  }
  return true;
}

std::u32string ToU32(const icu::UnicodeString& u) {
  std::u32string out;
  out.reserve(static_cast<size_t>(u.length()));
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    out.push_back(static_cast<char32_t>(c));
    i += U16_LENGTH(c);
  }
  return out;
}

icu::UnicodeString FromU32(const std::u32string& s) {
  icu::UnicodeString u;
  for (char32_t c : s) u.append(static_cast<UChar32>(c));
  return u;
}

std::string ToUtf8(const std::u32string& s) {
  std::string out;
  FromU32(s).toUTF8String(out);
  return out;
}

// UTF-8 in, code points out; bad bytes dropped.
std::u32string Decode(std::string_view s) {
  std::u32string out;
  if (DecodeStrict(s, &out, nullptr)) return out;
  out.clear();
  size_t i = 0;
  while (i < s.size()) {
    size_t bad = 0;
    std::u32string part;
    if (DecodeStrict(s.substr(i), &part, &bad)) {
      out += part;
      break;
    }
    DecodeStrict(s.substr(i, bad), &part, nullptr);
    out += part;
    i += bad + 1;
  }
  return out;
}

// " ".join(s.split())
std::u32string Squeeze(const std::u32string& s) {
  std::u32string out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && PySpace(static_cast<UChar32>(s[i]))) ++i;
    size_t j = i;
    while (j < s.size() && !PySpace(static_cast<UChar32>(s[j]))) ++j;
    if (j > i) {
      if (!out.empty()) out.push_back(U' ');
      out.append(s, i, j - i);
    }
    i = j;
  }
  return out;
}

// score.py's _strip_punct: white space and punctuation (categories P*) at both ends.
std::u32string StripPunct(const std::u32string& s) {
  auto drop = [](char32_t c) {
    return PySpace(static_cast<UChar32>(c)) || u_ispunct(static_cast<UChar32>(c));
  };
  size_t i = 0, j = s.size();
  while (i < j && drop(s[i])) ++i;
  while (j > i && drop(s[j - 1])) --j;
  return s.substr(i, j - i);
}

// str.strip(): white space at both ends.
std::u32string PyStrip(const std::u32string& s) {
  size_t i = 0, j = s.size();
  while (i < j && PySpace(static_cast<UChar32>(s[i]))) ++i;
  while (j > i && PySpace(static_cast<UChar32>(s[j - 1]))) --j;
  return s.substr(i, j - i);
}

// str.upper() (full case mapping), after str.strip().
std::string StripUpper(std::string_view s) {
  icu::UnicodeString u = FromU32(PyStrip(Decode(s)));
  u.toUpper(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

// str.upper() alone.
std::string Upper(std::string_view s) {
  icu::UnicodeString u = FromU32(Decode(s));
  u.toUpper(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

// ---- Lines and JSON, as score.py reads them.

// str.splitlines(): \n, \r, \r\n, \v, \f, \x1c-\x1e, U+0085, U+2028, U+2029 end a line.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0, i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t len = 0;  // bytes of the line break at i
    if (c == '\n' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e)) {
      len = 1;
    } else if (c == '\r') {
      len = (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
    } else if (c == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x85) {
      len = 2;
    } else if (c == 0xe2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xa8 ||
                static_cast<unsigned char>(text[i + 2]) == 0xa9)) {
      len = 3;
    }
    if (len == 0) {
      ++i;
      continue;
    }
    lines.push_back(text.substr(start, i - start));
    i += len;
    start = i;
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

bool IsBlank(std::string_view line) { return PyStrip(Decode(line)).empty(); }

// NaN, Infinity and -Infinity outside strings (which json.loads accepts) become a large
// number: like them a float, true, and not null.
std::string ReplaceNonFinite(std::string_view line) {
  std::string out;
  bool in_string = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && i + 1 < line.size()) {
        out.push_back(line[++i]);
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (line.compare(i, 3, "NaN") == 0) {
      out += "1e308";
      i += 2;
    } else if (line.compare(i, 8, "Infinity") == 0) {
      out += "1e308";
      i += 7;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// json.loads(line); false when it raises.
bool ParseJson(std::string_view line, nlohmann::json* out) {
  if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) return false;  // BOM
  *out = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
  if (!out->is_discarded()) return true;
  if (line.find("NaN") == std::string_view::npos && line.find("Infinity") == std::string_view::npos)
    return false;
  const std::string fixed = ReplaceNonFinite(line);
  *out = nlohmann::json::parse(fixed, nullptr, false);
  return !out->is_discarded();
}

const nlohmann::json* Get(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

// isinstance(v, (str, int)) and str(v); bool is an int in Python.
bool DocId(const nlohmann::json* v, std::string* out) {
  if (v == nullptr) return false;
  if (v->is_string()) {
    *out = v->get<std::string>();
  } else if (v->is_boolean()) {
    *out = v->get<bool>() ? "True" : "False";
  } else if (v->is_number_unsigned()) {
    *out = std::to_string(v->get<uint64_t>());
  } else if (v->is_number_integer()) {
    *out = std::to_string(v->get<int64_t>());
  } else {
    return false;
  }
  return true;
}

bool IsTrue(const nlohmann::json* v) { return v != nullptr && v->is_boolean() && v->get<bool>(); }

// Python truthiness of a JSON value.
bool Truthy(const nlohmann::json* v) {
  if (v == nullptr || v->is_null()) return false;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_number()) return v->get<double>() != 0;
  if (v->is_string() || v->is_array() || v->is_object()) return !v->empty();
  return true;
}

std::string Repr(const nlohmann::json* v) { return v == nullptr ? "None" : v->dump(); }

// A set of folded names, sorted.
using Names = std::vector<std::string>;

void Normalize(Names* n) {
  std::sort(n->begin(), n->end());
  n->erase(std::unique(n->begin(), n->end()), n->end());
}

bool Intersects(const Names& a, const Names& b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) return true;
    if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return false;
}

std::string FoldJson(const nlohmann::json* v) {
  return v != nullptr && v->is_string() ? FoldGoldName(v->get<std::string>()) : std::string();
}

// _names(): a string or a list of strings; nullopt when neither (non-strings in the list
// are skipped).
std::optional<Names> GoldNames(const nlohmann::json* v) {
  Names out;
  if (v != nullptr && v->is_string()) {
    if (std::string f = FoldGoldName(v->get<std::string>()); !f.empty()) out.push_back(f);
    return out;
  }
  if (v == nullptr || !v->is_array()) return std::nullopt;
  for (const auto& n : *v)
    if (n.is_string())
      if (std::string f = FoldGoldName(n.get<std::string>()); !f.empty()) out.push_back(f);
  Normalize(&out);
  return out;
}

// pred_side(): a dict with name/mention (a bare string is the name); empty when unusable.
Names PredSide(const nlohmann::json* v) {
  Names out;
  if (v == nullptr) return out;
  if (v->is_string()) {
    if (std::string f = FoldGoldName(v->get<std::string>()); !f.empty()) out.push_back(f);
    return out;
  }
  if (!v->is_object()) return out;
  for (const char* k : {"name", "mention"})
    if (std::string f = FoldJson(Get(*v, k)); !f.empty()) out.push_back(f);
  Normalize(&out);
  return out;
}

void AppendKeyPart(const std::string& s, std::string* key) {
  *key += std::to_string(s.size());
  key->push_back(':');
  *key += s;
}

void AppendNames(const Names& n, std::string* key) {
  *key += std::to_string(n.size());
  key->push_back('[');
  for (const std::string& s : n) AppendKeyPart(s, key);
}

// (doc, label, sides) with the sides in a fixed order for symmetric classes.
std::string TripleKey(const std::string& doc, const std::string& label, const Names& s,
                      const Names& o, bool symmetric) {
  std::string key;
  AppendKeyPart(doc, &key);
  AppendKeyPart(label, &key);
  const bool swap = symmetric && o < s;
  AppendNames(swap ? o : s, &key);
  AppendNames(swap ? s : o, &key);
  return key;
}

// Largest one-to-one matching, found exactly as score.py's max_matching (Kuhn's algorithm,
// left vertices in order, each one's edges in order, depth first), so that the same pairs
// are matched. Returns, for each right vertex, its left vertex or -1.
std::vector<int> MaxMatching(const std::vector<std::vector<int>>& edges, size_t n_right) {
  std::vector<int> match_r(n_right, -1);
  std::vector<char> seen(n_right);
  std::vector<std::pair<int, size_t>> stack;  // (left vertex, next edge)
  std::vector<std::pair<int, int>> path;
  for (size_t i = 0; i < edges.size(); ++i) {
    std::fill(seen.begin(), seen.end(), 0);
    stack.assign(1, {static_cast<int>(i), 0});
    path.clear();
    bool found = false;
    while (!stack.empty() && !found) {
      const int u = stack.back().first;
      bool advanced = false;
      const std::vector<int>& adj = edges[static_cast<size_t>(u)];
      while (stack.back().second < adj.size()) {
        const int v = adj[stack.back().second++];
        if (seen[static_cast<size_t>(v)]) continue;
        seen[static_cast<size_t>(v)] = 1;
        path.emplace_back(u, v);
        if (match_r[static_cast<size_t>(v)] < 0) {
          found = true;
        } else {
          stack.emplace_back(match_r[static_cast<size_t>(v)], 0);
          advanced = true;
        }
        break;
      }
      if (found) break;
      if (!advanced) {
        stack.pop_back();
        if (!path.empty()) path.pop_back();
      }
    }
    if (found)
      for (const auto& [u, v] : path) match_r[static_cast<size_t>(v)] = u;
  }
  return match_r;
}

Status LineError(const std::string& name, size_t line, const std::string& why) {
  return Status::InvalidInput(name + ":" + std::to_string(line) + ": " + why);
}

struct GoldTriple {
  std::string cls, fine, label;
  Names s, o;
  bool optional = false;
};

struct PredTriple {
  std::string cls, rel, label;  // cls "" for an unknown type
  Names s, o;
};

bool Compatible(const PredTriple& p, const GoldTriple& g, bool fine) {
  if (p.cls != g.cls) return false;
  if (fine && !g.fine.empty() && p.rel != g.fine) return false;
  if (Intersects(p.s, g.s) && Intersects(p.o, g.o)) return true;
  return IsSymmetric(g.cls) && Intersects(p.s, g.o) && Intersects(p.o, g.s);
}

// Labels in score.py's order: classes, then fine types by class, then the rest by name.
std::vector<std::string> OrderLabels(const std::map<std::string, Counts>& rows) {
  std::vector<std::tuple<int, int, std::string>> keys;
  const auto& f2c = FineToClass();
  for (const auto& [label, c] : rows) {
    if (IsClass(label)) {
      keys.emplace_back(ClassIndex(label), 0, label);
    } else if (auto it = f2c.find(label); it != f2c.end()) {
      keys.emplace_back(ClassIndex(it->second), 1, label);
    } else {
      keys.emplace_back(static_cast<int>(kClasses.size()), 2, label);
    }
  }
  std::sort(keys.begin(), keys.end());
  std::vector<std::string> out;
  for (auto& k : keys) out.push_back(std::get<2>(k));
  return out;
}

std::string Padded(const std::string& s, size_t width) {
  size_t n = Decode(s).size();
  std::string out = s;
  if (n < width) out.append(width - n, ' ');
  return out;
}

std::string Row(const std::string& label, const Counts& c) {
  char buf[160];
  std::snprintf(buf, sizeof(buf), " %6lld %6lld %6lld %7.3f %7.3f %7.3f\n",
                static_cast<long long>(c.tp), static_cast<long long>(c.fp),
                static_cast<long long>(c.fn), c.precision, c.recall, c.f1);
  return Padded(label, 20) + buf;
}

std::string Table(const std::map<std::string, Counts>& rows, const Counts& total,
                  const std::string& title) {
  char head[160];
  std::snprintf(head, sizeof(head), " %6s %6s %6s %7s %7s %7s\n", "TP", "FP", "FN", "P", "R", "F1");
  std::string out = Padded(title, 20) + head;
  for (const std::string& label : OrderLabels(rows)) out += Row(label, rows.at(label));
  out += Row("ALL", total);
  return out;
}

std::string LastLine(const Counts& c) {
  char buf[80];
  std::snprintf(buf, sizeof(buf), "F1 %.3f P %.3f R %.3f\n", c.f1, c.precision, c.recall);
  return buf;
}

nlohmann::json CountsJson(const Counts& c) {
  return {{"tp", c.tp},         {"fp", c.fp}, {"fn", c.fn}, {"precision", c.precision},
          {"recall", c.recall}, {"f1", c.f1}};
}

Counts Sum(const std::map<std::string, Counts>& rows) {
  Counts t;
  for (const auto& [label, c] : rows) {
    t.tp += c.tp;
    t.fp += c.fp;
    t.fn += c.fn;
  }
  t.Finish();
  return t;
}

}  // namespace

void Counts::Finish() {
  const auto d = [](int64_t a) { return static_cast<double>(a); };
  precision = tp + fp ? d(tp) / d(tp + fp) : 0.0;
  recall = tp + fn ? d(tp) / d(tp + fn) : 0.0;
  f1 = precision + recall != 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

std::string FoldGoldName(std::string_view name) {
  icu::UnicodeString u = FromU32(Decode(name));
  u.toLower(icu::Locale::getRoot());
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  if (U_SUCCESS(err)) {
    icu::UnicodeString d = nfd->normalize(u, err);
    if (U_SUCCESS(err)) u = d;
  }
  std::u32string s;
  for (char32_t c : ToU32(u)) {
    if (u_getCombiningClass(static_cast<UChar32>(c)) != 0) continue;
    if (c == 0x2019 || c == 0x02bc) c = U'\'';
    s.push_back(c);
  }
  s = StripPunct(Squeeze(s));
  bool article = false;
  for (const char32_t* art : {U"le ", U"la ", U"les ", U"the "}) {
    const std::u32string a(art);
    if (s.compare(0, a.size(), a) == 0) {
      s.erase(0, a.size());
      article = true;
      break;
    }
  }
  if (!article && s.size() > 2 && s.compare(0, 2, U"l'") == 0) s.erase(0, 2);
  return ToUtf8(Squeeze(StripPunct(s)));
}

std::string FoldEntityType(std::string_view type) {
  std::string t = StripUpper(type);
  auto it = TypeFold().find(t);
  return it == TypeFold().end() ? t : it->second;
}

std::string CoarseClass(std::string_view relation) {
  std::string r(relation);
  if (IsClass(r)) return r;
  auto it = FineToClass().find(r);
  return it == FineToClass().end() ? std::string() : it->second;
}

GoldKind DetectGoldKind(std::string_view gold_text) {
  for (std::string_view line : SplitLines(gold_text)) {
    nlohmann::json g;
    if (IsBlank(line) || !ParseJson(line, &g) || !g.is_object()) continue;
    if (!g.contains("doc") || IsTrue(Get(g, "none"))) continue;
    if (g.contains("names") && !g.contains("subject")) return GoldKind::kEntities;
    return GoldKind::kRelations;
  }
  return GoldKind::kUnknown;
}

Status ReadUtf8File(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IoError(path + ": read error");
  *out = ss.str();
  size_t bad = 0;
  if (!DecodeStrict(*out, nullptr, &bad))
    return Status::InvalidInput(path + ": not UTF-8 (bad byte at offset " + std::to_string(bad) +
                                ")");
  return Status::Ok();
}

Status ScoreRelations(std::string_view gold_text, const std::string& gold_name,
                      std::string_view pred_text, const std::string& pred_name, bool fine,
                      RelationScore* out) {
  *out = RelationScore();
  out->fine = fine;
  out->gold_name = gold_name;
  out->pred_name = pred_name;
  const auto& f2c = FineToClass();
  size_t bad = 0;
  if (!DecodeStrict(gold_text, nullptr, &bad))
    return Status::InvalidInput(gold_name + ": not UTF-8 (offset " + std::to_string(bad) + ")");
  if (!DecodeStrict(pred_text, nullptr, &bad))
    return Status::InvalidInput(pred_name + ": not UTF-8 (offset " + std::to_string(bad) + ")");

  // ---- gold (load_gold)
  std::set<std::string> docs;
  std::map<std::string, std::vector<GoldTriple>> gold;
  std::optional<std::set<std::string>> scope;
  std::unordered_map<std::string, std::pair<std::string, size_t>> seen_gold;
  size_t ln = 0;
  for (std::string_view line : SplitLines(gold_text)) {
    ++ln;
    if (IsBlank(line)) continue;
    nlohmann::json g;
    if (!ParseJson(line, &g)) return LineError(gold_name, ln, "not JSON");
    if (!g.is_object()) return LineError(gold_name, ln, "not an object");
    if (!g.contains("doc") && g.contains("classes")) {
      const nlohmann::json& cl = g["classes"];
      bool ok = cl.is_array();
      if (ok)
        for (const auto& c : cl) ok = ok && c.is_string() && IsClass(c.get<std::string>());
      if (!ok) return LineError(gold_name, ln, "classes must list coarse classes");
      scope.emplace();
      for (const auto& c : cl) scope->insert(c.get<std::string>());
      continue;
    }
    std::string doc;
    if (!DocId(Get(g, "doc"), &doc)) return LineError(gold_name, ln, "no doc");
    docs.insert(doc);
    if (IsTrue(Get(g, "none"))) continue;
    if (g.contains("names") && !g.contains("subject"))
      return LineError(gold_name, ln, "entity gold; use --entities");
    const nlohmann::json* relv = Get(g, "relation");
    const nlohmann::json* finev = Get(g, "fine");
    std::string rel, fine_type;
    bool has_fine = finev != nullptr && !finev->is_null();
    if (relv != nullptr && relv->is_string()) {
      rel = Upper(relv->get<std::string>());
      if (auto it = f2c.find(rel); it != f2c.end()) {
        if (!Truthy(finev)) {  // fine = fine or relation
          fine_type = rel;
          has_fine = true;
          finev = nullptr;
        }
        rel = it->second;
      }
    }
    if (relv == nullptr || !relv->is_string() || !IsClass(rel))
      return LineError(gold_name, ln, "relation " + Repr(relv) + " is not a class");
    if (has_fine && finev != nullptr) {
      if (!finev->is_string())
        return LineError(gold_name, ln, "fine " + Repr(finev) + " not in class " + rel);
      fine_type = Upper(finev->get<std::string>());
      auto it = f2c.find(fine_type);
      if (it == f2c.end() || it->second != rel)
        return LineError(gold_name, ln, "fine " + Repr(finev) + " not in class " + rel);
    }
    std::optional<Names> s = GoldNames(Get(g, "subject")), o = GoldNames(Get(g, "object"));
    if (!s || !o || s->empty() || o->empty())
      return LineError(gold_name, ln, "subject and object need names");
    GoldTriple item;
    item.cls = rel;
    item.fine = fine_type;
    item.label = (fine && !fine_type.empty()) ? fine_type : rel;
    item.s = std::move(*s);
    item.o = std::move(*o);
    item.optional = IsTrue(Get(g, "optional"));
    const std::string key = TripleKey(doc, item.label, item.s, item.o, IsSymmetric(rel));
    if (auto it = seen_gold.find(key); it != seen_gold.end()) {
      if (!item.optional) gold[it->second.first][it->second.second].optional = false;
      continue;
    }
    std::vector<GoldTriple>& list = gold[doc];
    seen_gold.emplace(key, std::make_pair(doc, list.size()));
    list.push_back(std::move(item));
  }

  // ---- predictions (load_pred)
  PredStats& st = out->stats;
  std::map<std::string, std::vector<PredTriple>> preds;
  std::unordered_set<std::string> seen_pred;
  for (std::string_view line : SplitLines(pred_text)) {
    if (IsBlank(line)) continue;
    ++st.lines;
    nlohmann::json p;
    std::string doc;
    if (!ParseJson(line, &p) || !p.is_object() || !DocId(Get(p, "doc"), &doc) ||
        !p.contains("relation") || !p["relation"].is_string()) {
      ++st.malformed;
      continue;
    }
    Names s = PredSide(Get(p, "subject")), o = PredSide(Get(p, "object"));
    if (s.empty() || o.empty()) {
      ++st.malformed;
      continue;
    }
    if (IsTrue(Get(p, "negated"))) {
      ++st.negated;
      continue;
    }
    if (!docs.count(doc)) {
      ++st.outside_gold_docs;
      continue;
    }
    PredTriple item;
    item.rel = StripUpper(p["relation"].get<std::string>());
    item.cls = CoarseClass(item.rel);
    if (scope && !item.cls.empty() && !scope->count(item.cls)) {
      ++st.out_of_scope;
      continue;
    }
    item.label = item.cls.empty() ? kUnknown : (fine ? item.rel : item.cls);
    const std::string key = TripleKey(doc, item.label, s, o, IsSymmetric(item.cls));
    if (!seen_pred.insert(key).second) {
      ++st.duplicates;
      continue;
    }
    item.s = std::move(s);
    item.o = std::move(o);
    preds[doc].push_back(std::move(item));
  }

  // ---- matching (score_relations)
  std::map<std::string, Counts>& rows = out->per_label;
  static const std::vector<GoldTriple> kNoGold;
  static const std::vector<PredTriple> kNoPred;
  for (const std::string& doc : docs) {
    auto git = gold.find(doc);
    auto pit = preds.find(doc);
    const auto& gl = git == gold.end() ? kNoGold : git->second;
    const auto& pl = pit == preds.end() ? kNoPred : pit->second;
    std::vector<const GoldTriple*> gs;
    for (const auto& g : gl)
      if (!g.optional) gs.push_back(&g);
    const size_t n_req = gs.size();
    for (const auto& g : gl)
      if (g.optional) gs.push_back(&g);
    out->gold_relations += static_cast<int64_t>(n_req);
    out->gold_optional += static_cast<int64_t>(gs.size() - n_req);
    std::vector<std::vector<int>> edges(gs.size());
    for (size_t j = 0; j < gs.size(); ++j)
      for (size_t i = 0; i < pl.size(); ++i)
        if (Compatible(pl[i], *gs[j], fine)) edges[j].push_back(static_cast<int>(i));
    const std::vector<int> match = MaxMatching(edges, pl.size());
    std::vector<char> gold_hit(gs.size());
    for (int m : match)
      if (m >= 0) gold_hit[static_cast<size_t>(m)] = 1;
    for (size_t j = n_req; j < gs.size(); ++j) out->optional_matched += gold_hit[j];
    for (size_t j = 0; j < n_req; ++j) {
      Counts& r = rows[gs[j]->label];
      if (gold_hit[j]) {
        ++r.tp;
      } else {
        ++r.fn;
      }
    }
    for (size_t i = 0; i < pl.size(); ++i)
      if (match[i] < 0) ++rows[pl[i].label].fp;
  }
  if (!fine)
    for (const char* c : kClasses)
      if (!scope || scope->count(c)) rows[c];
  for (auto& [label, c] : rows) c.Finish();
  out->total = Sum(rows);
  out->docs = static_cast<int64_t>(docs.size());
  if (scope) out->scope = std::vector<std::string>(scope->begin(), scope->end());
  return Status::Ok();
}

Status ScoreEntities(std::string_view gold_text, const std::string& gold_name,
                     std::string_view pred_text, const std::string& pred_name, EntityScore* out) {
  *out = EntityScore();
  out->gold_name = gold_name;
  out->pred_name = pred_name;
  size_t bad = 0;
  if (!DecodeStrict(gold_text, nullptr, &bad))
    return Status::InvalidInput(gold_name + ": not UTF-8 (offset " + std::to_string(bad) + ")");
  if (!DecodeStrict(pred_text, nullptr, &bad))
    return Status::InvalidInput(pred_name + ": not UTF-8 (offset " + std::to_string(bad) + ")");

  struct Ent {
    Names names;
    std::string type;
  };
  std::set<std::string> docs;
  std::map<std::string, std::vector<Ent>> gold;
  std::unordered_set<std::string> seen;
  size_t ln = 0;
  for (std::string_view line : SplitLines(gold_text)) {
    ++ln;
    if (IsBlank(line)) continue;
    nlohmann::json g;
    if (!ParseJson(line, &g)) return LineError(gold_name, ln, "not JSON");
    std::string doc;
    if (!g.is_object() || !DocId(Get(g, "doc"), &doc)) return LineError(gold_name, ln, "no doc");
    docs.insert(doc);
    if (IsTrue(Get(g, "none"))) continue;
    std::optional<Names> names = GoldNames(Get(g, "names"));
    if (!names || names->empty())
      return LineError(gold_name, ln, "no names (relation gold? drop --entities)");
    const nlohmann::json* tv = Get(g, "type");
    Ent e{std::move(*names), tv && tv->is_string() ? FoldEntityType(tv->get<std::string>()) : ""};
    std::string key;
    AppendKeyPart(doc, &key);
    AppendNames(e.names, &key);
    AppendKeyPart(e.type, &key);
    if (!seen.insert(key).second) continue;
    gold[doc].push_back(std::move(e));
    ++out->gold_entities;
  }

  PredStats& st = out->stats;
  std::map<std::string, std::vector<Ent>> preds;
  seen.clear();
  for (std::string_view line : SplitLines(pred_text)) {
    if (IsBlank(line)) continue;
    ++st.lines;
    nlohmann::json p;
    std::string doc;
    if (!ParseJson(line, &p) || !p.is_object() || !DocId(Get(p, "doc"), &doc)) {
      ++st.malformed;
      continue;
    }
    Names names = PredSide(&p);
    if (names.empty()) {
      ++st.malformed;
      continue;
    }
    if (!docs.count(doc)) {
      ++st.outside_gold_docs;
      continue;
    }
    const nlohmann::json* tv = Get(p, "type");
    std::string type = tv && tv->is_string() ? FoldEntityType(tv->get<std::string>()) : "";
    std::string key;
    AppendKeyPart(doc, &key);
    AppendKeyPart(FoldJson(Get(p, "name")), &key);
    AppendKeyPart(FoldJson(Get(p, "mention")), &key);
    AppendKeyPart(type, &key);
    if (!seen.insert(key).second) {
      ++st.duplicates;
      continue;
    }
    preds[doc].push_back({std::move(names), std::move(type)});
  }

  static const std::vector<Ent> kNone;
  for (bool typed : {false, true}) {
    std::map<std::string, Counts> rows;
    for (const std::string& doc : docs) {
      auto git = gold.find(doc);
      auto pit = preds.find(doc);
      const auto& gl = git == gold.end() ? kNone : git->second;
      const auto& pl = pit == preds.end() ? kNone : pit->second;
      std::vector<std::vector<int>> edges(gl.size());
      for (size_t j = 0; j < gl.size(); ++j)
        for (size_t i = 0; i < pl.size(); ++i)
          if (Intersects(pl[i].names, gl[j].names) && (!typed || pl[i].type == gl[j].type))
            edges[j].push_back(static_cast<int>(i));
      const std::vector<int> match = MaxMatching(edges, pl.size());
      std::vector<char> hit(gl.size());
      for (int m : match)
        if (m >= 0) hit[static_cast<size_t>(m)] = 1;
      for (size_t j = 0; j < gl.size(); ++j) {
        Counts& r = rows[typed ? gl[j].type : "ALL"];
        if (hit[j]) {
          ++r.tp;
        } else {
          ++r.fn;
        }
      }
      for (size_t i = 0; i < pl.size(); ++i)
        if (match[i] < 0) ++rows[typed ? pl[i].type : "ALL"].fp;
    }
    for (auto& [label, c] : rows) c.Finish();
    if (typed) {
      out->typed = Sum(rows);
      out->per_type = std::move(rows);
    } else {
      out->untyped = Sum(rows);
    }
  }
  out->docs = static_cast<int64_t>(docs.size());
  return Status::Ok();
}

nlohmann::json ToJson(const RelationScore& s) {
  nlohmann::json j = CountsJson(s.total);
  j["mode"] = s.fine ? "fine" : "coarse";
  j["gold"] = s.gold_name;
  j["pred"] = s.pred_name;
  j["docs"] = s.docs;
  j["gold_relations"] = s.gold_relations;
  j["gold_optional"] = s.gold_optional;
  j["optional_matched"] = s.optional_matched;
  j["scope"] = s.scope && !s.scope->empty() ? nlohmann::json(*s.scope) : nlohmann::json();
  nlohmann::json per = nlohmann::json::object();
  for (const auto& [label, c] : s.per_label) per[label] = CountsJson(c);
  j["per_class"] = per;
  j["pred_stats"] = {{"lines", s.stats.lines},
                     {"malformed", s.stats.malformed},
                     {"negated", s.stats.negated},
                     {"outside_gold_docs", s.stats.outside_gold_docs},
                     {"out_of_scope", s.stats.out_of_scope},
                     {"duplicates", s.stats.duplicates}};
  return j;
}

nlohmann::json ToJson(const EntityScore& s) {
  nlohmann::json j = CountsJson(s.typed);
  j["mode"] = "entities";
  j["gold"] = s.gold_name;
  j["pred"] = s.pred_name;
  j["docs"] = s.docs;
  j["gold_entities"] = s.gold_entities;
  j["pred_stats"] = {{"lines", s.stats.lines},
                     {"malformed", s.stats.malformed},
                     {"outside_gold_docs", s.stats.outside_gold_docs},
                     {"duplicates", s.stats.duplicates}};
  j["untyped"] = CountsJson(s.untyped);
  nlohmann::json typed = CountsJson(s.typed);
  nlohmann::json per = nlohmann::json::object();
  for (const auto& [label, c] : s.per_type) per[label] = CountsJson(c);
  typed["per_type"] = per;
  j["typed"] = typed;
  return j;
}

std::string FormatTable(const RelationScore& s) {
  std::string out = "gold: " + s.gold_name + "  (" + std::to_string(s.docs) + " docs, " +
                    std::to_string(s.gold_relations) + " relations, " +
                    std::to_string(s.gold_optional) + " optional";
  if (s.scope && !s.scope->empty()) {
    out += ", classes ";
    for (size_t i = 0; i < s.scope->size(); ++i) out += (i ? "," : "") + (*s.scope)[i];
  }
  out += ")\n";
  const PredStats& st = s.stats;
  out += "pred: " + s.pred_name + "  (" + std::to_string(st.lines) +
         " lines: " + std::to_string(st.malformed) + " malformed, " + std::to_string(st.negated) +
         " negated, " + std::to_string(st.outside_gold_docs) + " outside gold docs, " +
         std::to_string(st.out_of_scope) + " out of scope, " + std::to_string(st.duplicates) +
         " duplicates; " + std::to_string(s.optional_matched) + " matched optional gold)\n";
  out += std::string("scored on ") + (s.fine ? "fine types" : "coarse classes") + "\n";
  out += Table(s.per_label, s.total, s.fine ? "type" : "class");
  out += LastLine(s.total);
  return out;
}

std::string FormatTable(const EntityScore& s) {
  const PredStats& st = s.stats;
  std::string out = "gold: " + s.gold_name + "  (" + std::to_string(s.docs) + " docs, " +
                    std::to_string(s.gold_entities) + " entities)\n";
  out += "pred: " + s.pred_name + "  (" + std::to_string(st.lines) +
         " lines: " + std::to_string(st.malformed) + " malformed, " +
         std::to_string(st.outside_gold_docs) + " outside gold docs, " +
         std::to_string(st.duplicates) + " duplicates)\n";
  char buf[200];
  const Counts& u = s.untyped;
  std::snprintf(buf, sizeof(buf), "without type: TP %lld FP %lld FN %lld  P %.3f R %.3f F1 %.3f\n",
                static_cast<long long>(u.tp), static_cast<long long>(u.fp),
                static_cast<long long>(u.fn), u.precision, u.recall, u.f1);
  out += buf;
  out += "with type:\n";
  out += Table(s.per_type, s.typed, "type");
  out += LastLine(s.typed);
  return out;
}

}  // namespace geokg::eval
