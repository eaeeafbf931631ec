#include "geokg/ingest/jsonl.h"

#include <map>
#include <set>
#include <tuple>

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
