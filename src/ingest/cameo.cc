// CAMEO actor dictionaries (geokg/ingest/cameo.h): reading, and conversion into gazetteer
// entries merged against the gazetteer already loaded.
#include "geokg/ingest/cameo.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "cameo_internal.h"
#include "geokg/common/paths.h"
#include "geokg/common/text.h"
#include "nlp_internal.h"

namespace geokg {
namespace {

std::string Where(const std::string& file, int line) { return file + ":" + std::to_string(line); }

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// YYYYMMDD or YYMMDD -> YYYY-MM-DD; "" when it is not a valid date.
std::string CameoDate(std::string_view s) {
  if (!IsDigits(s) || (s.size() != 6 && s.size() != 8)) return "";
  int year, month, day;
  if (s.size() == 8) {
    year = std::stoi(std::string(s.substr(0, 4)));
    s.remove_prefix(4);
  } else {
    year = std::stoi(std::string(s.substr(0, 2)));
    year += year <= 30 ? 2000 : 1900;
    s.remove_prefix(2);
  }
  month = std::stoi(std::string(s.substr(0, 2)));
  day = std::stoi(std::string(s.substr(2, 2)));
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return "";
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return "";
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
  return buf;
}

bool IsCode(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

// One bracket's content: "CODE", "CODE >D", "CODE <D", "CODE D-D". Returns "" and fills
// *role (role->code empty for the null code ---), or the reason it is bad.
std::string ParseBracket(std::string_view in, CameoRole* role) {
  std::string_view s = Trim(in);
  size_t sp = s.find_first_of(" \t");
  std::string_view code = s.substr(0, sp);
  std::string_view rest = sp == std::string_view::npos ? std::string_view() : Trim(s.substr(sp));
  *role = CameoRole();
  if (code == "---") return "";
  if (!IsCode(code)) return "bad code '" + std::string(code) + "'";
  role->code = std::string(code);
  if (rest.empty()) return "";
  if (rest[0] == '<' || rest[0] == '>') {
    std::string d = CameoDate(Trim(rest.substr(1)));
    if (d.empty()) return "bad date in [" + std::string(s) + "]";
    (rest[0] == '<' ? role->to : role->from) = d;
    return "";
  }
  size_t dash = rest.find('-');
  if (dash == std::string_view::npos)
    return "a date needs <, > or a range in [" + std::string(s) + "]";
  role->from = CameoDate(Trim(rest.substr(0, dash)));
  role->to = CameoDate(Trim(rest.substr(dash + 1)));
  if (role->from.empty() || role->to.empty()) return "bad date in [" + std::string(s) + "]";
  if (role->to < role->from) return "end before start in [" + std::string(s) + "]";
  return "";
}

// Small words that stay in lower case inside a name.
bool LowerWord(const std::string& w) {
  static const std::set<std::string> kWords = {"of", "the", "and", "for", "in",  "on",  "at",
                                               "to", "de",  "du",  "des", "la",  "le",  "el",
                                               "al", "bin", "ibn", "von", "van", "der", "y"};
  return kWords.count(w) > 0;
}

bool HasVowel(const std::string& w) { return w.find_first_of("AEIOUYaeiouy") != std::string::npos; }

}  // namespace

std::string CameoDisplayName(const std::string& phrase) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : phrase) {
    if (c == '_' || c == ' ' || c == '\t') {
      if (!cur.empty()) words.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) words.push_back(cur);
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    std::string lower = Lower(w);
    std::string shown;
    const bool acronym =
        (!HasVowel(w) && w.find('.') == std::string::npos) || (words.size() == 1 && w.size() <= 4);
    if (acronym) {
      shown = w;
    } else if (i > 0 && LowerWord(lower)) {
      shown = lower;
    } else {
      // Capital at the start of each hyphen or apostrophe part: "Al-Assad", "O'Brien".
      // After an apostrophe only behind one letter: "O'Brien", "D'Ivoire", not "John'S".
      bool start = true;
      size_t part = 0;  // letters since the last break
      for (char c : lower) {
        shown.push_back(start && c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
        start = c == '-' || c == '(' || c == '.' || (c == '\'' && part == 1);
        part = start || c == '\'' ? 0 : part + 1;
      }
    }
    if (!out.empty()) out.push_back(' ');
    out += shown;
  }
  return out;
}

bool IsCameoActorFile(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return false;
  return line.rfind("#geokg-gazetteer", 0) != 0;
}

Status ReadCameoActors(const std::string& path, std::vector<CameoActor>* out,
                       std::vector<std::string>* problems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open actor dictionary");
  std::string raw;
  int lineno = 0;
  bool in_comment = false;
  CameoActor* cur = nullptr;
  auto problem = [&](const std::string& why) {
    problems->push_back(Where(path, lineno) + ": " + why);
  };
  // Adds a phrase (primary or synonym); false when it is unusable.
  auto usable = [&](const std::string& phrase) {
    if (phrase.find("\xEF\xBF\xBD") != std::string::npos) {
      problem("phrase '" + phrase + "' holds a replacement character (U+FFFD): skipped");
      return false;
    }
    if (!IsValidUtf8(phrase)) {
      problem("phrase is not UTF-8: skipped");
      return false;
    }
    return true;
  };
  auto brackets = [&](std::string_view s, bool primary) {
    size_t at = 0;
    while ((at = s.find('[', at)) != std::string_view::npos) {
      size_t end = s.find(']', at);
      if (end == std::string_view::npos) {
        problem("unclosed '[': skipped");
        return;
      }
      CameoRole role;
      std::string why = ParseBracket(s.substr(at + 1, end - at - 1), &role);
      at = end + 1;
      if (!why.empty()) {
        problem(why + ": skipped");
        continue;
      }
      if (role.code.empty()) continue;  // [---]
      role.line = lineno;
      // The first undated code on the primary line is the actor's default code.
      if (primary && cur->code.empty() && role.from.empty() && role.to.empty() &&
          cur->roles.empty()) {
        cur->code = role.code;
      } else {
        cur->roles.push_back(role);
      }
    }
  };
  while (std::getline(in, raw)) {
    ++lineno;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    std::string line = raw;
    // <!-- ... --> comments, possibly over several lines.
    if (in_comment) {
      size_t e = line.find("-->");
      if (e == std::string::npos) continue;
      line = line.substr(e + 3);
      in_comment = false;
    }
    for (size_t b; (b = line.find("<!--")) != std::string::npos;) {
      size_t e = line.find("-->", b + 4);
      if (e == std::string::npos) {
        line.resize(b);
        in_comment = true;
        break;
      }
      line.erase(b, e + 3 - b);
    }
    if (line.find("---STOP---") != std::string::npos) break;
    line = line.substr(0, line.find_first_of("#;"));
    std::string_view body = Trim(line);
    if (body.empty()) continue;
    const bool indented = line[0] == ' ' || line[0] == '\t';
    if (body[0] == '+') {
      if (cur == nullptr) {
        problem("synonym before any actor: skipped");
        continue;
      }
      std::string_view phrase = body.substr(1);
      size_t br = phrase.find('[');
      std::string p(Trim(phrase.substr(0, br)));
      if (br != std::string_view::npos) brackets(phrase.substr(br), false);
      if (!p.empty() && usable(p)) cur->synonyms.push_back(CameoDisplayName(p));
      continue;
    }
    if (indented && body[0] == '[') {
      if (cur == nullptr) {
        problem("code line before any actor: skipped");
        continue;
      }
      brackets(body, false);
      continue;
    }
    if (body[0] == '[') {
      problem("a code with no actor phrase: skipped");
      cur = nullptr;
      continue;
    }
    size_t br = body.find('[');
    std::string p(Trim(body.substr(0, br)));
    if (!usable(p)) {
      cur = nullptr;
      continue;
    }
    out->emplace_back();
    cur = &out->back();
    cur->name = CameoDisplayName(p);
    cur->file = path;
    cur->line = lineno;
    if (br != std::string_view::npos) brackets(body.substr(br), true);
  }
  if (in.bad()) return Status::IoError(path + ": read error");
  return Status::Ok();
}

namespace internal {
namespace {

// CAMEO country codes that are not ISO 3166 alpha-3, mapped to ours ("" = no state today).
const std::map<std::string, std::string>& CameoCountryAliases() {
  static const std::map<std::string, std::string> kAliases = {
      {"KSV", "XKX"}, {"TMP", "TLS"}, {"ZAR", "COD"}, {"ROM", "ROU"},
      {"USR", ""},    {"YUG", ""},    {"CSK", ""},    {"DDR", ""}};
  return kAliases;
}

// CAMEO's regions: a place, not a state.
bool IsRegion(const std::string& s) {
  static const std::set<std::string> kRegions = {
      "AFR", "ASA", "BLK", "BFR", "CAS", "CAU", "CFR", "CRB", "EAF", "EEU",
      "EIN", "EUR", "LAM", "MEA", "MDT", "NAF", "NMR", "PGS", "SAF", "SAM",
      "SAS", "SCN", "SEA", "WAF", "WEU", "WST", "EAS", "NAT", "GAF"};
  return kRegions.count(s) > 0;
}

// What a sector code means, for role titles.
const char* SectorWord(const std::string& s) {
  static const std::map<std::string, const char*> kWords = {
      {"GOV", "government"},
      {"MIL", "military"},
      {"REB", "rebels"},
      {"OPP", "opposition"},
      {"PTY", "political party"},
      {"JUD", "judiciary"},
      {"LEG", "legislature"},
      {"COP", "police"},
      {"SPY", "intelligence"},
      {"MED", "media"},
      {"BUS", "business"},
      {"EDU", "education"},
      {"HLH", "health"},
      {"AGR", "agriculture"},
      {"LAB", "labour"},
      {"ENV", "environment"},
      {"HRI", "human rights"},
      {"REF", "refugees"},
      {"DEV", "development"},
      {"CVL", "civilians"},
      {"ELI", "elite"},
      {"CRM", "criminal"},
      {"UAF", "armed forces"},
      {"INS", "insurgents"},
      {"SEP", "separatists"},
      {"IGO", "international organisation"},
      {"NGO", "non-governmental organisation"},
      {"MNC", "company"},
      {"IMG", "international militarised group"},
      {"ATG", "attorney general"}};
  auto it = kWords.find(s);
  return it == kWords.end() ? nullptr : it->second;
}

std::vector<std::string> Segments(const std::string& code) {
  std::vector<std::string> out;
  for (size_t i = 0; i + 3 <= code.size(); i += 3) out.push_back(code.substr(i, 3));
  return out;
}

class Converter {
 public:
  Converter(const Gazetteer& base, const Lexicon* names, CameoImport* out)
      : base_(base), names_(names), out_(out) {}

  void Run(const std::vector<CameoActor>& actors) {
    // Non-person actors first, so that people's roles can point at them by code.
    std::vector<const CameoActor*> order;
    for (const CameoActor& a : actors)
      if (!IsPerson(a)) order.push_back(&a);
    for (const CameoActor& a : actors)
      if (IsPerson(a)) order.push_back(&a);
    for (const CameoActor* a : order) Add(*a);
    Write();
  }

 private:
  struct Row {
    std::string key, type, country, name;
    std::vector<std::string> aliases, metonyms, roles;
    EntityType etype = EntityType::kUnknown;
    bool existing = false;
    std::string origin;  // file:line of the first actor
  };

  // A state key of ours for a CAMEO country segment, or "".
  std::string StateOf(const std::string& seg) const {
    std::string iso = seg;
    if (auto it = CameoCountryAliases().find(seg); it != CameoCountryAliases().end())
      iso = it->second;
    if (iso.empty()) return "";
    return base_.Find("state:" + iso) >= 0 ? iso : "";
  }

  static bool HasSegment(const std::string& code, const char* seg) {
    for (const std::string& s : Segments(code))
      if (s == seg) return true;
    return false;
  }

  // Companies and NGOs (MNC, NGO, NGM codes), whatever their dates or names.
  static bool IsCompany(const CameoActor& a) {
    auto org = [](const std::string& c) {
      return c.rfind("MNC", 0) == 0 || c.rfind("NGO", 0) == 0 || c.rfind("NGM", 0) == 0;
    };
    if (org(a.code)) return true;
    for (const CameoRole& r : a.roles)
      if (org(r.code)) return true;
    return false;
  }

  // People are the actors with dated codes or an elite code (ELI), and those named by a
  // first name or a title ("Kofi Annan", "Lady Catherine Ashton") without an organisation
  // word ("Abdullah Azzam Brigades").
  bool IsPerson(const CameoActor& a) const {
    // A bare country code is a country, whose codes may change with time ([IRQOCC ...]).
    if (a.code.size() == 3) return false;
    if (IsCompany(a)) return false;  // ABN AMRO [NLDGOVBUS >081004] [MNCNLD]
    for (const CameoRole& r : a.roles)
      if (((!r.from.empty() || !r.to.empty()) && r.code.size() > 3) || HasSegment(r.code, "ELI"))
        return true;
    if (HasSegment(a.code, "ELI")) return true;
    if (names_ == nullptr || IsCompany(a)) return false;
    std::vector<std::string> words;
    std::istringstream in(Lower(a.name));
    for (std::string w; in >> w;) words.push_back(w);
    if (words.size() < 2 || words.size() > 5) return false;
    if (!names_->In("first_name", words[0]) && !names_->In("person_title", words[0])) return false;
    for (const std::string& w : words)
      if (names_->In("org_word", w) || names_->In("place_word", w)) return false;
    return true;
  }

  // Type and country of a non-person actor from its code.
  EntityType TypeOf(const std::string& code, std::string* country) const {
    std::vector<std::string> seg = Segments(code);
    country->clear();
    if (seg.empty()) return EntityType::kOrg;
    const std::string& first = seg[0];
    if (first == "IGO") return EntityType::kIgo;
    if (first == "IMG") return EntityType::kArmedGroup;
    if (first == "NGO" || first == "NGM" || first == "MNC") {
      if (seg.size() > 1) *country = StateOf(seg[1]);
      return EntityType::kOrg;
    }
    const std::string state = StateOf(first);
    const bool place_like = !state.empty() || IsRegion(first) || CameoCountryAliases().count(first);
    *country = state;
    if (seg.size() == 1) return !state.empty() ? EntityType::kState : EntityType::kPlace;
    const std::string& s = seg[1];
    if (s == "REB" || s == "INS" || s == "SEP" || s == "UAF" || s == "IMG")
      return EntityType::kArmedGroup;
    if (s == "CVL" || s == "REF") return EntityType::kGroup;
    if (place_like && !SectorWord(s)) return EntityType::kPlace;  // GBRFLK: a territory
    return EntityType::kOrg;
  }

  static bool Compatible(EntityType a, EntityType b) {
    auto org_like = [](EntityType t) {
      return t == EntityType::kOrg || t == EntityType::kIgo || t == EntityType::kArmedGroup ||
             t == EntityType::kGroup;
    };
    return a == b || (org_like(a) && org_like(b));
  }

  static std::string FormKey(const std::string& form) {
    std::string key;
    for (const std::string& t : FoldedTokens(form, "en")) {
      if (!key.empty()) key += ' ';
      key += t;
    }
    return key;
  }

  // The base entry a form names (name or alias) with a compatible type, or -1; *other is
  // set when the form is taken by an entry of another kind.
  int BaseMatch(const std::string& key, EntityType type, std::string* other) const {
    const std::vector<FormHit>* hits = base_.Lookup(key);
    if (hits == nullptr) return -1;
    for (const FormHit& h : *hits)
      if (h.kind == FormKind::kName &&
          Compatible(base_.entries()[static_cast<size_t>(h.entry)].type, type))
        return h.entry;
    const GazetteerEntry& e = base_.entries()[static_cast<size_t>(hits->front().entry)];
    *other = e.key + " (" + std::string(EntityTypeName(e.type)) + ")";
    return -1;
  }

  std::string Slug(const std::string& name) const {
    std::string slug;
    for (char c : Fold(name)) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        slug.push_back(c);
      } else if (!slug.empty() && slug.back() != '-') {
        slug.push_back('-');
      }
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.empty() ? "actor" : slug;
  }

  std::string NewKey(EntityType t, const std::string& name) {
    const char* prefix = "org:";
    switch (t) {
      case EntityType::kPerson:
        prefix = "person:";
        break;
      case EntityType::kIgo:
        prefix = "igo:";
        break;
      case EntityType::kArmedGroup:
        prefix = "armed:";
        break;
      case EntityType::kGroup:
        prefix = "armed:";
        break;  // as in armed_groups.tsv
      case EntityType::kPlace:
        prefix = "place:";
        break;
      case EntityType::kState:
        prefix = "place:";
        break;
      default:
        break;
    }
    std::string base = std::string(prefix) + "cameo-" + Slug(name), key = base;
    for (int n = 2; keys_.count(key) || base_.Find(key) >= 0; ++n)
      key = base + "-" + std::to_string(n);
    keys_.insert(key);
    return key;
  }

  // The entity key a role code points to: a body of ours or of the import, else the state.
  std::string RoleKey(const std::string& code, std::string* title) {
    std::vector<std::string> seg = Segments(code);
    title->clear();
    if (seg.empty()) return "";
    std::string words;
    for (size_t i = 0; i < seg.size(); ++i)
      if (const char* w = SectorWord(seg[i]); w && !(i == 0 && seg.size() > 1 && seg[0] == "IGO")) {
        if (!words.empty()) words += ", ";
        words += w;
      }
    *title = (words.empty() ? std::string("member") : words) + " (CAMEO " + code + ")";
    for (size_t n = seg.size(); n > 0; --n) {
      std::string prefix;
      for (size_t i = 0; i < n; ++i) prefix += seg[i];
      if (auto it = by_code_.find(prefix); it != by_code_.end()) return it->second;
    }
    const std::string state = StateOf(seg[0]);
    if (state.empty()) return "";
    const std::string lower = Lower(state);
    auto body = [&](const char* suffix) -> std::string {
      std::string k = "org:" + lower + suffix;
      return base_.Find(k) >= 0 ? k : "";
    };
    std::string k;
    if (seg.size() >= 3 && seg[1] == "GOV" && seg[2] == "MIL") k = body("-defense");
    if (k.empty() && seg.size() >= 2 && seg[1] == "GOV") k = body("-government");
    if (k.empty() && seg.size() >= 2 && seg[1] == "MIL") k = body("-armed-forces");
    return k.empty() ? "state:" + state : k;
  }

  void Conflict(const CameoActor& a, const std::string& why) {
    out_->conflicts.push_back(Where(a.file, a.line) + ": " + why);
  }

  void Add(const CameoActor& a) {
    ++out_->actors;
    const bool person = IsPerson(a);
    std::string country;
    EntityType type = EntityType::kPerson;
    if (person) {
      for (const CameoRole& r : a.roles)
        if (std::string s = StateOf(Segments(r.code).empty() ? "" : Segments(r.code)[0]);
            !s.empty()) {
          country = s;
          break;
        }
    } else {
      std::string code = !a.code.empty() ? a.code : (a.roles.empty() ? "" : a.roles[0].code);
      type = TypeOf(code, &country);
    }
    std::vector<std::string> forms = {a.name};
    forms.insert(forms.end(), a.synonyms.begin(), a.synonyms.end());
    if (!person && names_ != nullptr) {
      // "US Secretary of State", "Prime Minister of X": a post, which the extractor reads
      // as a role of the person named next to it, not an actor.
      std::istringstream in(Lower(a.name));
      for (std::string w; in >> w;)
        if (names_->In("person_title", w)) {
          Conflict(a, "'" + a.name + "' names a post, not an actor: left out");
          ++out_->dropped;
          return;
        }
    }
    // A single first name ("Albert") would cut person names short.
    if (names_ != nullptr)
      forms.erase(std::remove_if(forms.begin(), forms.end(),
                                 [&](const std::string& f) {
                                   if (f.find(' ') != std::string::npos ||
                                       !names_->In("first_name", Lower(f)))
                                     return false;
                                   Conflict(a, "'" + f + "' is a first name: left out");
                                   return true;
                                 }),
                  forms.end());

    // The entry this actor is: one of ours, or one made earlier by this import. A bare
    // country code is that state, whatever the phrase ("Al 'Iraq").
    int row = -1;
    if (type == EntityType::kState) row = RowForBase(base_.Find("state:" + country));
    for (size_t i = 0; i < forms.size() && row < 0; ++i) {
      const std::string& f = forms[i];
      std::string key = FormKey(f), other;
      if (key.empty()) continue;
      if (auto it = forms_.find(key); it != forms_.end()) {
        if (Compatible(rows_[static_cast<size_t>(it->second)].etype, type)) {
          row = it->second;
          break;
        }
        continue;
      }
      int e = BaseMatch(key, type, &other);
      if (e >= 0) {
        row = RowForBase(e);
        break;
      }
    }
    if (row >= 0) ++out_->merged;
    // Claims each form; the ones another entry holds are conflicts.
    std::vector<std::string> kept;
    for (const std::string& f : forms) {
      std::string key = FormKey(f), other;
      if (key.empty()) continue;
      if (auto it = forms_.find(key); it != forms_.end()) {
        if (it->second != row)
          Conflict(a, "'" + f + "' is already " + rows_[static_cast<size_t>(it->second)].key);
        continue;
      }
      if (const std::vector<FormHit>* hits = base_.Lookup(key)) {
        // Silent when the form already belongs to this very entry (a name, a demonym ...).
        const std::string* mine = row >= 0 ? &rows_[static_cast<size_t>(row)].key : nullptr;
        bool same = false;
        for (const FormHit& h : *hits)
          same = same || (mine && base_.entries()[static_cast<size_t>(h.entry)].key == *mine);
        if (!same) {
          const GazetteerEntry& e = base_.entries()[static_cast<size_t>(hits->front().entry)];
          Conflict(a, "'" + f + "' is already " + e.key + " (" +
                          std::string(EntityTypeName(e.type)) + ")");
        }
        continue;
      }
      if (std::find(kept.begin(), kept.end(), f) == kept.end()) kept.push_back(f);
    }
    if (row < 0) {
      if (kept.empty()) {
        ++out_->dropped;
        return;
      }
      Row r;
      r.etype = type;
      r.type = std::string(EntityTypeName(type == EntityType::kState ? EntityType::kPlace : type));
      if (type == EntityType::kState) r.etype = EntityType::kPlace;  // a state we do not list
      r.country = country;
      r.name = kept.front();
      r.key = NewKey(r.etype, r.name);
      r.origin = Where(a.file, a.line);
      forms_.emplace(FormKey(r.name), static_cast<int>(rows_.size()));
      kept.erase(kept.begin());
      row = static_cast<int>(rows_.size());
      rows_.push_back(std::move(r));
      ++out_->added;
    }
    Row& r = rows_[static_cast<size_t>(row)];
    for (const std::string& f : kept) {
      if (!forms_.emplace(FormKey(f), row).second) continue;
      // A state's other phrases are its cities, provinces and misspellings: metonyms.
      (r.etype == EntityType::kState ? r.metonyms : r.aliases).push_back(f);
    }
    if (!person) {
      std::string code = !a.code.empty() ? a.code : (a.roles.empty() ? "" : a.roles[0].code);
      if (!code.empty()) by_code_.emplace(code, r.key);
      return;
    }
    if (r.existing) return;  // curated roles win
    for (const CameoRole& role : a.roles) {
      std::string title, key = RoleKey(role.code, &title);
      if (key.empty() || HasSegment(role.code, "ELI")) continue;
      std::string text = "MEMBER_OF>" + key + ">" + title + ">" + role.from + ">" + role.to;
      if (std::find(r.roles.begin(), r.roles.end(), text) == r.roles.end()) r.roles.push_back(text);
    }
  }

  int RowForBase(int entry) {
    if (auto it = base_rows_.find(entry); it != base_rows_.end()) return it->second;
    const GazetteerEntry& e = base_.entries()[static_cast<size_t>(entry)];
    Row r;
    r.key = e.key;
    r.etype = e.type;
    r.type = std::string(EntityTypeName(e.type));
    r.country = e.country;
    r.name = e.name;
    r.existing = true;
    int row = static_cast<int>(rows_.size());
    rows_.push_back(std::move(r));
    base_rows_.emplace(entry, row);
    return row;
  }

  static std::string Clean(const std::string& s) {
    std::string out;
    for (char c : s) out.push_back(c == '\t' || c == '|' || c == ';' || c == '>' ? ' ' : c);
    return out;
  }

  static std::string Join(const std::vector<std::string>& v, const char* sep, bool clean) {
    std::string out;
    for (const std::string& s : v) {
      if (!out.empty()) out += sep;
      out += clean ? Clean(s) : s;
    }
    return out;
  }

  // Short single words match their case exactly and CAMEO writes all in capitals: a
  // 4-letter word with a vowel may be an acronym ("ISIS") or a name ("Ghor"), so both go in.
  static void AddCaseVariants(const std::string& name, std::vector<std::string>* forms) {
    std::vector<std::string> extra;
    auto variant = [&](const std::string& f) {
      if (f.size() != 4 || !HasVowel(f) ||
          !std::all_of(f.begin(), f.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return;
      std::string t = Lower(f);
      t[0] = static_cast<char>(t[0] - 32);
      extra.push_back(t);
    };
    variant(name);
    for (const std::string& f : *forms) variant(f);
    forms->insert(forms->end(), extra.begin(), extra.end());
  }

  void Write() {
    std::ostringstream os;
    os << "#geokg-gazetteer\t1\n"
       << "# Converted by 'geokg gazetteer import' from CAMEO actor dictionaries (PETRARCH "
          "format).\n"
       << "# Lines with an existing key add names to that entry; cameo- keys are new actors.\n";
    std::vector<const Row*> sorted;
    for (const Row& r : rows_) sorted.push_back(&r);
    std::sort(sorted.begin(), sorted.end(),
              [](const Row* a, const Row* b) { return a->key < b->key; });
    for (const Row* rp : sorted) {
      Row r = *rp;
      if (r.existing && r.aliases.empty() && r.metonyms.empty()) continue;
      AddCaseVariants(r.existing ? std::string() : r.name,
                      r.etype == EntityType::kState ? &r.metonyms : &r.aliases);
      os << r.key << '\t' << r.type << '\t' << r.country << '\t' << Clean(r.name) << '\t'
         << Join(r.aliases, "|", true) << "\t\t" << Join(r.metonyms, "|", true) << '\t'
         << Join(r.roles, ";", false) << '\n';
    }
    out_->tsv = os.str();
  }

  const Gazetteer& base_;
  const Lexicon* names_;  // first names, titles and organisation words; may be null
  CameoImport* out_;
  std::vector<Row> rows_;
  std::unordered_map<std::string, int> forms_;            // folded form -> row
  std::unordered_map<int, int> base_rows_;                // base entry -> row
  std::unordered_map<std::string, std::string> by_code_;  // CAMEO code -> key
  std::set<std::string> keys_;
};

}  // namespace

Status ConvertCameoActors(const std::vector<std::string>& files, const Gazetteer& base,
                          const Lexicon* names, CameoImport* out) {
  *out = CameoImport();
  std::vector<CameoActor> actors;
  for (const std::string& f : files)
    GEOKG_RETURN_IF_ERROR(ReadCameoActors(f, &actors, &out->problems));
  Converter(base, names, out).Run(actors);
  return Status::Ok();
}

}  // namespace internal

Status ImportCameoActors(const std::vector<std::string>& files, const std::string& data_root,
                         const std::vector<std::string>& extra_gazetteers, CameoImport* out) {
  std::string root = data_root.empty() ? DataRoot() : data_root;
  if (root.empty()) return Status::NotFound("cannot find geokg's data files (set GEOKG_DATA)");
  internal::Gazetteer base;
  GEOKG_RETURN_IF_ERROR(base.LoadDir(root + "/data/gazetteer"));
  for (const std::string& g : extra_gazetteers) GEOKG_RETURN_IF_ERROR(base.LoadFile(g));
  internal::Lexicon names;
  GEOKG_RETURN_IF_ERROR(names.LoadFile(root + "/data/lexicon/names.tsv"));
  return internal::ConvertCameoActors(files, base, &names, out);
}

}  // namespace geokg
