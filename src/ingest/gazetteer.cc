// Gazetteer files: see docs/GAZETTEER.md for the format.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "geokg/common/text.h"
#include "geokg/ontology.h"
#include "nlp_internal.h"

namespace geokg::internal {
namespace {

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= s.size()) {
    size_t e = s.find(sep, b);
    if (e == std::string_view::npos) e = s.size();
    std::string_view part = Trim(s.substr(b, e - b));
    if (!part.empty()) out.emplace_back(part);
    b = e + 1;
  }
  return out;
}

std::vector<std::string> Columns(const std::string& line) {
  std::vector<std::string> cols;
  size_t b = 0;
  while (true) {
    size_t e = line.find('\t', b);
    if (e == std::string::npos) {
      cols.push_back(line.substr(b));
      break;
    }
    cols.push_back(line.substr(b, e - b));
    b = e + 1;
  }
  return cols;
}

}  // namespace

void Gazetteer::AddForm(int entry, FormKind kind, const std::string& form) {
  // Gazetteer forms are tokenised like English text: proper names are written alike in both
  // languages, and French elisions inside names ("Côte d'Ivoire") stay whole this way.
  std::vector<std::string> toks = FoldedTokens(form, "en");
  if (toks.empty()) return;
  std::string key;
  for (const std::string& t : toks) {
    if (!key.empty()) key += ' ';
    key += t;
  }
  for (size_t sp = key.find(' '); sp != std::string::npos; sp = key.find(' ', sp + 1))
    forms_[key.substr(0, sp)].longer = true;
  std::vector<FormHit>& hits = forms_[key].hits;
  for (const FormHit& h : hits)
    if (h.entry == entry && h.kind == kind && h.form == form) return;
  hits.push_back({entry, kind, form});
  max_tokens_ = std::max(max_tokens_, static_cast<int>(toks.size()));
}

Status Gazetteer::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot open gazetteer file");
  Status st = LoadStream(in, path);
  IndexForms();  // what a bad line left loaded stays usable
  return st;
}

Status Gazetteer::LoadText(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  Status st = LoadStream(in, name);
  IndexForms();
  return st;
}

void Gazetteer::IndexForms() {
  size_t size = 16;
  while (size < forms_.size() * 2) size <<= 1;
  index_.assign(size, Slot{});
  for (const auto& form : forms_) {
    const uint64_t h = ShortKeyHash(form.first);
    size_t slot = h & (size - 1);
    while (index_[slot].form != nullptr) slot = (slot + 1) & (size - 1);
    index_[slot] = Slot{h, &form};
  }
}

Status Gazetteer::LoadStream(std::istream& in, const std::string& path) {
  std::string line;
  if (!std::getline(in, line) || line.rfind("#geokg-gazetteer\t", 0) != 0)
    return Status::InvalidInput(path +
                                ":1: not a geokg gazetteer (expected '#geokg-gazetteer\\t1')");
  if (Trim(line.substr(17)) != "1")
    return Status::SchemaMismatch(path + ":1: gazetteer version " + line.substr(17) +
                                  " is not supported (this build reads version 1)");
  int lineno = 1;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> c = Columns(line);
    if (c.size() != 8)
      return Status::InvalidInput(path + ":" + std::to_string(lineno) +
                                  ": expected 8 columns, got " + std::to_string(c.size()));
    EntityType type = EntityTypeFromName(c[1]);
    if (c[0].empty() || c[3].empty() || type == EntityType::kUnknown)
      return Status::InvalidInput(path + ":" + std::to_string(lineno) +
                                  ": needs a key, a known type and a name");
    int idx;
    auto it = by_key_.find(c[0]);
    if (it != by_key_.end()) {
      idx = it->second;
    } else {
      idx = static_cast<int>(entries_.size());
      GazetteerEntry e;
      e.key = c[0];
      e.type = type;
      e.country = c[2];
      e.name = c[3];
      if (type == EntityType::kOrg) orgs_by_country_[e.country].emplace_back(idx, Fold(e.name));
      entries_.push_back(std::move(e));
      by_key_.emplace(c[0], idx);
      AddForm(idx, FormKind::kName, c[3]);
    }
    GazetteerEntry& e = entries_[static_cast<size_t>(idx)];
    for (const std::string& a : SplitOn(c[4], '|')) {
      e.aliases.push_back(a);
      AddForm(idx, FormKind::kName, a);
    }
    for (const std::string& d : SplitOn(c[5], '|')) AddForm(idx, FormKind::kDemonym, d);
    for (const std::string& m : SplitOn(c[6], '|')) AddForm(idx, FormKind::kMetonym, m);
    for (const std::string& r : SplitOn(c[7], ';')) {
      std::vector<std::string> f;
      size_t b = 0;
      while (true) {
        size_t p = r.find('>', b);
        f.push_back(r.substr(b, p == std::string::npos ? std::string::npos : p - b));
        if (p == std::string::npos) break;
        b = p + 1;
      }
      GazetteerEntry::Role role;
      if (f.size() < 3 || !RelationFromName(f[0], &role.relation))
        return Status::InvalidInput(path + ":" + std::to_string(lineno) + ": bad role '" + r + "'");
      role.org_key = f[1];
      role.title = f[2];
      if (f.size() > 3) role.from = f[3];
      if (f.size() > 4) role.to = f[4];
      std::vector<int>& holders = role_holders_[role.org_key];
      auto at = std::lower_bound(holders.begin(), holders.end(), idx);
      if (at == holders.end() || *at != idx) holders.insert(at, idx);
      e.roles.push_back(std::move(role));
    }
  }
  return Status::Ok();
}

Status Gazetteer::LoadDir(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> files;
  for (const auto& de : std::filesystem::directory_iterator(dir, ec))
    if (de.path().extension() == ".tsv") files.push_back(de.path().string());
  if (ec) return Status::IoError(dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  Status st = Status::Ok();
  for (const std::string& f : files) {
    std::ifstream in(f);
    if (!in) {
      st = Status::IoError(f + ": cannot open gazetteer file");
      break;
    }
    st = LoadStream(in, f);
    if (!st.ok()) break;
  }
  IndexForms();
  return st;
}

const std::vector<FormHit>* Gazetteer::Lookup(std::string_view folded) const {
  bool longer;
  return Step(folded, &longer);
}

const std::vector<FormHit>* Gazetteer::Step(std::string_view folded, bool* longer) const {
  *longer = false;
  if (index_.empty()) return nullptr;
  const uint64_t h = ShortKeyHash(folded);
  const size_t mask = index_.size() - 1;
  for (size_t slot = h & mask;; slot = (slot + 1) & mask) {
    const Slot& s = index_[slot];
    if (s.form == nullptr) return nullptr;
    if (s.hash == h && SameShortKey(s.form->first, folded)) {
      const Form& f = s.form->second;
      *longer = f.longer;
      return f.hits.empty() ? nullptr : &f.hits;
    }
  }
}

int Gazetteer::Find(const std::string& key) const {
  auto it = by_key_.find(key);
  return it == by_key_.end() ? -1 : it->second;
}

std::vector<int> Gazetteer::RoleHolders(const std::string& org_key, const std::string& date,
                                        RelationType relation) const {
  std::vector<int> out;
  if (date.empty()) return out;
  auto holders = role_holders_.find(org_key);
  if (holders == role_holders_.end()) return out;
  for (int i : holders->second) {
    for (const GazetteerEntry::Role& r : entries_[static_cast<size_t>(i)].roles) {
      if (r.org_key != org_key || r.relation != relation) continue;
      if (!r.from.empty() && date < r.from) continue;
      if (!r.to.empty() && date > r.to) continue;
      out.push_back(i);
      break;
    }
  }
  return out;
}

int Gazetteer::FindMinistry(const std::string& country, std::string_view portfolio) const {
  if (country.empty()) return -1;
  // Ministries follow the key pattern org:<iso3>-<portfolio> (docs/GAZETTEER.md).
  std::string key = "org:" + Lower(country) + "-" + std::string(portfolio);
  if (int k = Find(key); k >= 0) return k;
  int best = -1;
  auto orgs = orgs_by_country_.find(country);
  if (orgs == orgs_by_country_.end()) return -1;
  for (const auto& [i, n] : orgs->second) {
    const GazetteerEntry& e = entries_[static_cast<size_t>(i)];
    bool ministry = n.find("ministry") != std::string::npos ||
                    n.find("department") != std::string::npos ||
                    n.find("office") != std::string::npos;
    if (ministry && n.find(portfolio) != std::string::npos) {
      // Prefer the shortest name: the ministry itself over its agencies.
      if (best < 0 || e.name.size() < entries_[static_cast<size_t>(best)].name.size()) best = i;
    }
  }
  return best;
}

}  // namespace geokg::internal
