#include "geokg/ingest/jsonl.h"

#include <map>
#include <set>
#include <tuple>

#include "geokg/common/text.h"
#include "geokg/ontology.h"

namespace geokg {
namespace {

nlohmann::json Side(const Document& doc, int entity, const std::string& mention) {
  const Entity& e = doc.entities.at(static_cast<size_t>(entity));
  nlohmann::json j;
  j["name"] = e.name;
  j["mention"] = mention;
  j["type"] = std::string(EntityTypeName(e.type));
  j["key"] = e.key;
  if (!e.country.empty()) j["country"] = e.country;
  return j;
}

}  // namespace

nlohmann::json TripleJson(const Document& doc, const Triple& t) {
  const RelationInfo& info = Relation(t.relation);
  nlohmann::json j;
  j["doc"] = doc.article.id;
  j["subject"] = Side(doc, t.subject, t.subject_mention);
  j["relation"] = std::string(info.name);
  j["object"] = Side(doc, t.object, t.object_mention);
  j["negated"] = t.negated;
  j["coarse"] = std::string(info.coarse);
  if (!t.cameo.empty()) j["cameo"] = t.cameo;
  j["modality"] = std::string(ModalityName(t.modality));
  if (!t.mode.empty()) j["mode"] = t.mode;
  if (!t.role.empty()) j["role"] = t.role;
  if (!t.date.empty()) j["date"] = t.date;
  if (!doc.date.empty()) j["article_date"] = doc.date;
  j["lang"] = doc.lang;
  j["sentence"] = t.sentence;
  j["span"] = {t.begin, t.end};
  j["evidence"] = doc.article.text.substr(t.begin, t.end - t.begin);
  j["trigger"] = t.trigger;
  j["confidence"] = t.confidence;
  return j;
}

std::vector<nlohmann::json> TriplesJson(const Document& doc) {
  std::vector<nlohmann::json> out;
  std::map<std::tuple<int, int, int, bool>, size_t> index;
  for (const Triple& t : doc.triples) {
    auto key = std::make_tuple(t.subject, static_cast<int>(t.relation), t.object, t.negated);
    auto it = index.find(key);
    if (it == index.end()) {
      index.emplace(key, out.size());
      nlohmann::json j = TripleJson(doc, t);
      j["evidence_count"] = 1;
      out.push_back(std::move(j));
      continue;
    }
    nlohmann::json& j = out[it->second];
    j["evidence_count"] = j["evidence_count"].get<int>() + 1;
    j["also"].push_back({{"sentence", t.sentence},
                         {"span", {t.begin, t.end}},
                         {"subject_mention", t.subject_mention},
                         {"object_mention", t.object_mention},
                         {"trigger", t.trigger}});
  }
  return out;
}

namespace {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF): what nlohmann::json's dump() accepts.
bool WellFormedUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return false;
    for (size_t k = 2; k < len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return false;
    i += len;
  }
  return true;
}

// `s` as a JSON string, escaped as dump() escapes it (ensure_ascii off).
void AppendString(std::string_view s, std::string* out) {
  if (!WellFormedUtf8(s)) {
    *out += nlohmann::json(std::string(s)).dump();  // throws as dump() does
    return;
  }
  AppendJsonString(out, s);
}

void AppendKey(std::string_view key, std::string* out) {
  out->push_back('"');
  out->append(key);
  out->append("\":");
}

// `,"key":`, a key after another.
void AppendNextKey(std::string_view key, std::string* out) {
  out->append(",\"");
  out->append(key);
  out->append("\":");
}

// `"key":"value",` before a field that follows; nothing when `value` is empty.
void AppendLeadingField(std::string_view key, std::string_view value, std::string* out) {
  if (value.empty()) return;
  AppendKey(key, out);
  AppendString(value, out);
  out->push_back(',');
}

// `,"key":"value"` after a field written before; nothing when `value` is empty.
void AppendOptionalField(std::string_view key, std::string_view value, std::string* out) {
  if (value.empty()) return;
  AppendNextKey(key, out);
  AppendString(value, out);
}

void AppendSpan(const Triple& t, std::string* out) {
  out->push_back('[');
  out->append(std::to_string(t.begin));
  out->push_back(',');
  out->append(std::to_string(t.end));
  out->push_back(']');
}

// Side() dumped: its keys in dump()'s (sorted) order.
void AppendSide(const Document& doc, int entity, const std::string& mention, std::string* out) {
  const Entity& e = doc.entities.at(static_cast<size_t>(entity));
  out->push_back('{');
  AppendLeadingField("country", e.country, out);
  AppendKey("key", out);
  AppendString(e.key, out);
  AppendNextKey("mention", out);
  AppendString(mention, out);
  AppendNextKey("name", out);
  AppendString(e.name, out);
  AppendNextKey("type", out);
  AppendString(EntityTypeName(e.type), out);
  out->push_back('}');
}

// TripleJson(doc, first) with "evidence_count" and "also" as TriplesJson sets them, dumped.
void AppendTripleLine(const Document& doc, const std::vector<const Triple*>& group, std::string* out) {
  const Triple& t = *group.front();
  const RelationInfo& info = Relation(t.relation);
  out->push_back('{');
  if (group.size() > 1) {
    AppendKey("also", out);
    out->push_back('[');
    for (size_t k = 1; k < group.size(); ++k) {
      const Triple& a = *group[k];
      if (k > 1) out->push_back(',');
      out->push_back('{');
      AppendKey("object_mention", out);
      AppendString(a.object_mention, out);
      AppendNextKey("sentence", out);
      out->append(std::to_string(a.sentence));
      AppendNextKey("span", out);
      AppendSpan(a, out);
      AppendNextKey("subject_mention", out);
      AppendString(a.subject_mention, out);
      AppendNextKey("trigger", out);
      AppendString(a.trigger, out);
      out->push_back('}');
    }
    out->append("],");
  }
  AppendLeadingField("article_date", doc.date, out);
  AppendLeadingField("cameo", t.cameo, out);
  AppendKey("coarse", out);
  AppendString(info.coarse, out);
  AppendNextKey("confidence", out);
  out->append(nlohmann::json(t.confidence).dump());
  AppendOptionalField("date", t.date, out);
  AppendNextKey("doc", out);
  AppendString(doc.article.id, out);
  AppendNextKey("evidence", out);
  AppendString(std::string_view(doc.article.text).substr(t.begin, t.end - t.begin), out);
  AppendNextKey("evidence_count", out);
  out->append(std::to_string(static_cast<int>(group.size())));
  AppendNextKey("lang", out);
  AppendString(doc.lang, out);
  AppendNextKey("modality", out);
  AppendString(ModalityName(t.modality), out);
  AppendOptionalField("mode", t.mode, out);
  AppendNextKey("negated", out);
  out->append(t.negated ? "true" : "false");
  AppendNextKey("object", out);
  AppendSide(doc, t.object, t.object_mention, out);
  AppendNextKey("relation", out);
  AppendString(info.name, out);
  AppendOptionalField("role", t.role, out);
  AppendNextKey("sentence", out);
  out->append(std::to_string(t.sentence));
  AppendNextKey("span", out);
  AppendSpan(t, out);
  AppendNextKey("subject", out);
  AppendSide(doc, t.subject, t.subject_mention, out);
  AppendNextKey("trigger", out);
  AppendString(t.trigger, out);
  out->append("}\n");
}

}  // namespace

void AppendTriplesJsonl(const Document& doc, std::string* out) {
  std::vector<std::vector<const Triple*>> groups;
  std::map<std::tuple<int, int, int, bool>, size_t> index;
  for (const Triple& t : doc.triples) {
    auto key = std::make_tuple(t.subject, static_cast<int>(t.relation), t.object, t.negated);
    auto [it, added] = index.emplace(key, groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(&t);
  }
  for (const auto& group : groups) AppendTripleLine(doc, group, out);
}

std::vector<nlohmann::json> EntityJson(const Document& doc) {
  std::vector<nlohmann::json> out;
  std::set<std::pair<int, std::string>> seen;
  std::set<int> listed;
  for (const Mention& m : doc.mentions) {
    if (m.entity < 0 || m.pronoun || !m.named) continue;
    const Entity& e = doc.entities[static_cast<size_t>(m.entity)];
    // "Bruni" after "Carla Bruni" is the person already listed, not another name.
    if (e.type == EntityType::kPerson && listed.count(m.entity) && m.text.find(' ') == std::string::npos &&
        e.name.find(' ') != std::string::npos)
      continue;
    // A name has a capital: "gouvernement français", "autorités turques" describe an actor
    // the gazetteer knows without naming it. A title before a person's name is no part of
    // it: "pape François" names François.
    std::string text = m.text;
    size_t cap = text.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ\xC3");
    while (cap != std::string::npos && static_cast<unsigned char>(text[cap]) == 0xC3 &&
           !(cap + 1 < text.size() && static_cast<unsigned char>(text[cap + 1]) >= 0x80 &&
             static_cast<unsigned char>(text[cap + 1]) <= 0x9E))
      cap = text.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ\xC3", cap + 1);
    if (cap == std::string::npos) continue;
    if (e.type == EntityType::kPerson && cap > 0 && text[cap - 1] == ' ') text = text.substr(cap);
    // A place or organisation of this article named after a lower-case kind ("rue Vignon",
    // "ministère de l'Intérieur", "lac du Bourget"): the phrase is its name, the words from
    // the capital on are how the text names it.
    std::string name = e.name;
    const bool local = e.key.rfind("place:", 0) == 0 || e.key.rfind("org:", 0) == 0;
    if (local && e.type != EntityType::kPerson && cap > 0 && text[cap - 1] == ' ') {
      name = text;
      text = text.substr(cap);
    }
    if (!seen.insert({m.entity, text}).second) continue;
    listed.insert(m.entity);
    nlohmann::json j;
    j["doc"] = doc.article.id;
    j["name"] = name;
    j["mention"] = text;
    j["type"] = std::string(EntityTypeName(e.type));
    j["key"] = e.key;
    j["span"] = {m.begin, m.end};
    out.push_back(std::move(j));
  }
  return out;
}

std::vector<nlohmann::json> TokensJson(const Document& doc) {
  static constexpr const char* kForms[] = {"", ":Fin", ":Inf", ":Part", ":Ger"};
  std::vector<nlohmann::json> out;
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const Sentence& sentence = doc.sentences[s];
    nlohmann::json tokens = nlohmann::json::array();
    for (const Token& t : sentence.tokens) {
      std::string pos(PosName(t.pos));
      pos += kForms[static_cast<size_t>(t.verb_form)];
      tokens.push_back({t.text, t.lemma, pos});
    }
    nlohmann::json j;
    j["doc"] = doc.article.id;
    j["sentence"] = s;
    j["span"] = {sentence.begin, sentence.end};
    j["tokens"] = std::move(tokens);
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace geokg
