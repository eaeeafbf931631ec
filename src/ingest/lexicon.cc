// Relation lexicon files: see docs/LEXICON.md for the format.
#include <algorithm>
#include <fstream>

#include "geokg/common/text.h"
#include "geokg/ontology.h"
#include "nlp_internal.h"

namespace geokg::internal {
namespace {

std::vector<std::string> Split(std::string_view s, char sep) {
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

// Lexicon patterns are written as lemmas; they are matched on lower-case lemmas.
std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  for (const std::string& w : Split(s, ' ')) out.push_back(Lower(w));
  return out;
}

}  // namespace

Status Lexicon::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IoError(path + ": cannot open lexicon file");
  std::string line;
  if (!std::getline(in, line) || line.rfind("#geokg-lexicon\t", 0) != 0)
    return Status::InvalidInput(path + ":1: not a geokg lexicon (expected '#geokg-lexicon\\t1\\tLANG')");
  std::vector<std::string> head = Split(line, '\t');
  if (head.size() < 3) return Status::InvalidInput(path + ":1: header needs a version and a language");
  if (head[1] != "1")
    return Status::SchemaMismatch(path + ":1: lexicon version " + head[1] +
                                  " is not supported (this build reads version 1)");
  // A file for "*" serves every language (names, name keywords).
  if (head[2] != "*") {
    if (!lang.empty() && head[2] != lang)
      return Status::InvalidInput(path + ":1: lexicon for '" + head[2] + "' loaded as '" + lang + "'");
    lang = head[2];
  }
  int lineno = 1;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty() || line[0] == '#') continue;
    std::vector<std::string> c;
    {
      size_t b = 0;
      while (true) {
        size_t e = line.find('\t', b);
        c.push_back(std::string(Trim(line.substr(b, e == std::string::npos ? std::string::npos : e - b))));
        if (e == std::string::npos) break;
        b = e + 1;
      }
    }
    auto bad = [&](const std::string& why) {
      return Status::InvalidInput(path + ":" + std::to_string(lineno) + ": " + why);
    };
    const std::string& kind = c[0];
    if (kind == "VERB" || kind == "NOUN") {
      if (c.size() < 5) return bad("VERB and NOUN lines need: kind, pattern, type, cameo, object");
      Trigger t;
      t.kind = kind == "VERB" ? TriggerKind::kVerb : TriggerKind::kNoun;
      t.pattern = Words(c[1]);
      if (!t.pattern.empty() && (t.pattern[0] == "se" || t.pattern[0] == "s'")) {
        t.pronominal = true;
        t.pattern.erase(t.pattern.begin());
      }
      if (t.pattern.empty()) return bad("empty pattern");
      if (!RelationFromName(c[2], &t.relation)) return bad("unknown relation type '" + c[2] + "'");
      t.cameo = c[3] == "-" ? std::string(Relation(t.relation).cameo) : c[3];
      if (c[4] == "direct") {
        t.object_preps.push_back("");
      } else if (c[4] != "-") {
        for (const std::string& p : Split(c[4], '|')) t.object_preps.push_back(p == "direct" ? "" : Lower(p));
      }
      if (c.size() > 5) {
        for (const std::string& flag : Split(c[5], ',')) {
          if (flag == "self") {
            t.subject_is_self = true;
          } else if (flag.rfind("mode=", 0) == 0) {
            t.mode = flag.substr(5);
          } else if (flag == "nopassive") {
            t.object_is_subject_of_passive = false;
          } else if (flag == "inverse") {
            t.inverse = true;
          } else if (flag == "copula") {
            t.copula = true;
          } else if (flag == "locates") {
            t.locates = true;
          } else if (flag.rfind("person=", 0) == 0 || flag.rfind("state=", 0) == 0) {
            bool person = flag[0] == 'p';
            RelationType r;
            if (!RelationFromName(flag.substr(person ? 7 : 6), &r)) return bad("unknown relation in flag '" + flag + "'");
            (person ? t.person_relation : t.state_relation) = r;
          } else {
            return bad("unknown flag '" + flag + "'");
          }
        }
      }
      int idx = static_cast<int>(triggers.size());
      by_first[t.pattern[0]].push_back(idx);
      triggers.push_back(std::move(t));
    } else if (kind == "MODAL") {
      if (c.size() < 3) return bad("MODAL lines need: kind, pattern, modality [, flags]");
      Modal m;
      m.pattern = Words(c[1]);
      if (m.pattern.empty()) return bad("empty pattern");
      if (!ModalityFromName(c[2], &m.modality)) return bad("unknown modality '" + c[2] + "'");
      if (c.size() > 3) {
        for (const std::string& flag : Split(c[3], ',')) {
          if (flag == "threaten") {
            m.to_threaten = true;
          } else if (flag == "negates") {
            m.negates = true;
          } else {
            return bad("unknown flag '" + flag + "'");
          }
        }
      }
      modal_by_first[m.pattern[0]].push_back(static_cast<int>(modals.size()));
      modals.push_back(std::move(m));
    } else if (kind == "CLASS") {
      if (c.size() < 3) return bad("CLASS lines need: kind, class name, words");
      for (const std::string& w : Split(c[2], '|')) classes[c[1]].insert(Lower(w));
    } else if (kind == "ROLE") {
      if (c.size() < 3) return bad("ROLE lines need: kind, role noun, relation");
      RelationType r;
      if (!RelationFromName(c[2], &r)) return bad("unknown relation type '" + c[2] + "'");
      std::string role = Lower(c[1]);
      role_relation[role] = r;
      classes["role"].insert(role);
    } else if (kind == "PORTFOLIO") {
      if (c.size() < 3) return bad("PORTFOLIO lines need: kind, words, search word");
      portfolios.push_back({Words(c[1]), Lower(c[2])});
    } else if (kind == "MODE") {
      if (c.size() < 3) return bad("MODE lines need: kind, word, mode");
      mode_words[Lower(c[1])] = c[2];
    } else {
      return bad("unknown line kind '" + kind + "'");
    }
  }
  IndexClasses();
  return Status::Ok();
}

void Lexicon::KeyIndex::Build() {
  size_t size = 16;
  while (size < keys.size() * 2) size <<= 1;
  slots.assign(size, Slot{});
  for (size_t i = 0; i < keys.size(); ++i) {
    const uint64_t h = ShortKeyHash(keys[i]);
    size_t slot = h & (size - 1);
    while (slots[slot].index >= 0) slot = (slot + 1) & (size - 1);
    slots[slot] = Slot{h, static_cast<int32_t>(i)};
  }
}

void Lexicon::IndexClasses() {
  std::vector<std::string>& names = class_index_.keys;
  names.clear();
  for (const auto& [name, words] : classes) names.push_back(name);
  std::sort(names.begin(), names.end());
  class_index_.Build();
  mask_words_ = (names.size() + 63) / 64;
  StringMap<size_t> at;
  std::vector<std::string>& words = word_index_.keys;
  words.clear();
  masks_.clear();
  for (size_t c = 0; c < names.size(); ++c) {
    for (const std::string& w : classes.find(names[c])->second) {
      auto [it, added] = at.emplace(w, words.size());
      if (added) {
        words.push_back(w);
        masks_.resize(masks_.size() + mask_words_, 0);
      }
      masks_[it->second * mask_words_ + (c >> 6)] |= uint64_t{1} << (c & 63);
    }
  }
  word_index_.Build();
}

const uint64_t* Lexicon::WordMask(std::string_view word) const {
  const int32_t i = word_index_.Find(word);
  return i < 0 ? nullptr : &masks_[static_cast<size_t>(i) * mask_words_];
}

void Lexicon::MarkClasses(std::vector<Sentence>* sentences) const {
  for (Sentence& s : *sentences)
    for (Token& t : s.tokens) {
      t.lower_classes = word_index_.Find(t.lower);
      t.lemma_classes = t.lemma == t.lower ? t.lower_classes : word_index_.Find(t.lemma);
    }
}

void Lexicon::CollectVocabulary(std::unordered_set<std::string>* out) const {
  for (const Trigger& t : triggers) out->insert(t.pattern.begin(), t.pattern.end());
  for (const Modal& m : modals) out->insert(m.pattern.begin(), m.pattern.end());
  for (const auto& [role, rel] : role_relation) out->insert(role);
  for (const auto& [w, mode] : mode_words) out->insert(w);
  for (const auto& [name, words] : classes)
    if (name == "group_head" || name == "np_head" || name == "role" || name == "group" || name == "weapon_head")
      out->insert(words.begin(), words.end());
}

}  // namespace geokg::internal
