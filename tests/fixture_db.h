// A small, hand-made corpus of three documents (French and English) about the Russian
// intervention in Syria, built as extraction would output it, for the store and graph tests
// and for tests/make_fixture_db.cc. Nothing here runs the extraction pipeline.
//
// Its graph (12 actors, 13 relations, 14 evidence rows):
//   Vladimir Putin -LEADS-> Russia          Russia -ASSAULT(x2)-> Islamic State
//   Russia -MOBILIZE-> Latakia              Latakia -LOCATED_IN-> Syria
//   Vladimir Putin -CONSULT-> Bashar al-Assad   Bashar al-Assad -LEADS-> Syria
//   Bashar al-Assad -HOLDS_ROLE-> Syria (a second edge between the same two actors)
//   Russia -SUPPORT-> Syria                 United States -ACCUSE-> Russia
//   Iceland -CONSULT(negated)-> Russia      France -ASSAULT-> Islamic State
//   Cafe <Noir>... -AID-> France            NATO -ACCUSE-> Russia
//   Hafez al-Assad: no relation.
#pragma once

#include <string>
#include <vector>

#include "geokg/common/status.h"
#include "geokg/common/text.h"
#include "geokg/model.h"
#include "geokg/store/store.h"

namespace geokg::testing {

inline constexpr int kFixtureArticles = 3;
inline constexpr int kFixtureEntities = 12;
inline constexpr int kFixtureRelations = 13;
inline constexpr int kFixtureEvidence = 14;

// XML-special and control characters, to test the exports' escaping.
inline const std::string kOddName = "Cafe <Noir> & \"Fils\" 'Ltd'\x01\x1F";

// Builds a document sentence by sentence, keeping byte spans right.
class DocBuilder {
 public:
  DocBuilder(std::string id, std::string lang, std::string date) {
    doc_.article.id = std::move(id);
    doc_.article.lang = lang;
    doc_.article.date = date;
    doc_.article.origin = "fixture";
    doc_.lang = std::move(lang);
    doc_.date = std::move(date);
  }

  // Adds an entity and returns its index.
  int Entity(const std::string& key, const std::string& name, EntityType type,
             const std::string& country, std::vector<std::string> aliases) {
    geokg::Entity e;
    e.key = key;
    e.name = name;
    e.type = type;
    e.country = country;
    e.aliases = std::move(aliases);
    doc_.entities.push_back(std::move(e));
    return static_cast<int>(doc_.entities.size()) - 1;
  }

  // Appends a sentence and returns its index.
  int Sentence(const std::string& text) {
    if (!doc_.article.text.empty()) doc_.article.text += " ";
    geokg::Sentence s;
    s.begin = static_cast<uint32_t>(doc_.article.text.size());
    doc_.article.text += text;
    s.end = static_cast<uint32_t>(doc_.article.text.size());
    doc_.sentences.push_back(s);
    return static_cast<int>(doc_.sentences.size()) - 1;
  }

  // Records a mention (only its text and pronoun flag matter to the store).
  void Mention(int sentence, int entity, const std::string& text, bool pronoun) {
    geokg::Mention m;
    m.sentence = sentence;
    m.entity = entity;
    m.text = text;
    m.pronoun = pronoun;
    doc_.mentions.push_back(std::move(m));
  }

  Triple& Add(int subject, RelationType rel, int object, int sentence,
              const std::string& subject_mention, const std::string& object_mention,
              const std::string& trigger) {
    Triple t;
    t.subject = subject;
    t.object = object;
    t.relation = rel;
    t.sentence = sentence;
    t.begin = doc_.sentences[static_cast<size_t>(sentence)].begin;
    t.end = doc_.sentences[static_cast<size_t>(sentence)].end;
    t.date = doc_.date;
    t.subject_mention = subject_mention;
    t.object_mention = object_mention;
    t.trigger = trigger;
    doc_.triples.push_back(std::move(t));
    return doc_.triples.back();
  }

  Document Build() const { return doc_; }

 private:
  Document doc_;
};

inline std::vector<Document> FixtureDocuments() {
  using ET = EntityType;
  using RT = RelationType;
  std::vector<Document> docs;

  {  // French, AFP style.
    DocBuilder b("afp-2015-09-30", "fr", "2015-09-30");
    int rus = b.Entity("state:RUS", "Russia", ET::kState, "RUS", {"Russie", "la Russie"});
    int putin = b.Entity("person:vladimir-putin", "Vladimir Putin", ET::kPerson, "RUS",
                         {"Vladimir Poutine", "Poutine"});
    int is = b.Entity("armed_group:islamic-state", "Islamic State", ET::kArmedGroup, "",
                      {"État islamique", "l'État islamique", "Daech"});
    int syr = b.Entity("state:SYR", "Syria", ET::kState, "SYR", {"Syrie"});
    int lat = b.Entity("place:latakia", "Latakia", ET::kPlace, "SYR", {"Lattaquié"});
    int bashar = b.Entity("person:bashar-al-assad", "Bashar al-Assad", ET::kPerson, "SYR",
                          {"Bachar al-Assad", "Assad"});
    int s0 = b.Sentence("Vladimir Poutine dirige la Russie d'une main de fer.");
    int s1 = b.Sentence("Moscou a bombardé l'État islamique en Syrie, selon le Kremlin.");
    int s2 = b.Sentence("Les avions russes sont déployés à Lattaquié, en Syrie.");
    int s3 = b.Sentence("Lattaquié se trouve dans l'ouest de la Syrie.");
    int s4 = b.Sentence("Il a rencontré Bachar al-Assad à Moscou.");
    b.Mention(s4, putin, "Il", /*pronoun=*/true);
    b.Add(putin, RT::kLeads, rus, s0, "Vladimir Poutine", "la Russie", "dirige");
    Triple& strike = b.Add(rus, RT::kAssault, is, s1, "Moscou", "l'État islamique", "bombardé");
    strike.modality = Modality::kReported;
    strike.cameo = "195";
    b.Add(rus, RT::kMobilize, lat, s2, "Les avions russes", "Lattaquié", "déployés");
    b.Add(lat, RT::kLocatedIn, syr, s3, "Lattaquié", "la Syrie", "se trouve");
    Triple& meet = b.Add(putin, RT::kConsult, bashar, s4, "Il", "Bachar al-Assad", "rencontré");
    meet.mode = "visit";
    docs.push_back(b.Build());
  }
  {  // English, BBC style.
    DocBuilder b("bbc-2015-10-02", "en", "2015-10-02");
    int rus = b.Entity("state:RUS", "Russia", ET::kState, "RUS", {"Russian Federation"});
    int is = b.Entity("armed_group:islamic-state", "Islamic State", ET::kArmedGroup, "",
                      {"ISIS", "the Islamic State"});
    int usa = b.Entity("state:USA", "United States", ET::kState, "USA", {"US", "États-Unis"});
    int isl = b.Entity("state:ISL", "Iceland", ET::kState, "ISL", {"Islande"});
    int bashar = b.Entity("person:bashar-al-assad", "Bashar al-Assad", ET::kPerson, "SYR", {});
    int syr = b.Entity("state:SYR", "Syria", ET::kState, "SYR", {"the Syrian Arab Republic"});
    int fra = b.Entity("state:FRA", "France", ET::kState, "FRA", {});
    int odd = b.Entity("org:cafe-noir", kOddName, ET::kOrg, "FRA", {});
    int s0 = b.Sentence("Russian jets struck Islamic State targets on Friday.");
    int s1 = b.Sentence("The United States accused Russia of hitting moderate rebels.");
    int s2 = b.Sentence("Iceland did not meet Russian envoys.");
    int s3 = b.Sentence("Bashar al-Assad leads Syria with an iron fist.");
    int s4 = b.Sentence("Russia backs Syria, officials said.");
    int s5 = b.Sentence("France struck the Islamic State in Raqqa.");
    int s6 = b.Sentence("Cafe <Noir> & \"Fils\" supplied France.");
    int s7 = b.Sentence("President Bashar al-Assad of Syria spoke on television.");
    b.Add(rus, RT::kAssault, is, s0, "Russian jets", "Islamic State", "struck");
    b.Add(usa, RT::kAccuse, rus, s1, "The United States", "Russia", "accused");
    b.Add(isl, RT::kConsult, rus, s2, "Iceland", "Russian envoys", "did not meet").negated = true;
    b.Add(bashar, RT::kLeads, syr, s3, "Bashar al-Assad", "Syria", "leads");
    b.Add(rus, RT::kSupport, syr, s4, "Russia", "Syria", "backs").modality = Modality::kReported;
    b.Add(fra, RT::kAssault, is, s5, "France", "the Islamic State", "struck");
    b.Add(odd, RT::kAid, fra, s6, "Cafe <Noir> & \"Fils\"", "France", "supplied");
    b.Add(bashar, RT::kHoldsRole, syr, s7, "Bashar al-Assad", "Syria", "President").role =
        "President";
    docs.push_back(b.Build());
  }
  {  // French, no date: an isolated actor and NATO.
    DocBuilder b("lemonde-otan", "fr", "");
    int nato = b.Entity("igo:nato", "NATO", ET::kIgo, "", {"OTAN", "l'OTAN"});
    int rus = b.Entity("state:RUS", "Russia", ET::kState, "RUS", {});
    b.Entity("person:hafez-al-assad", "Hafez al-Assad", ET::kPerson, "SYR",
             {"Hafez el-Assad", "Assad"});
    int s0 = b.Sentence("L'OTAN a critiqué la Russie.");
    b.Sentence("Hafez el-Assad avait gouverné la Syrie.");
    b.Add(nato, RT::kAccuse, rus, s0, "L'OTAN", "la Russie", "critiqué");
    docs.push_back(b.Build());
  }
  return docs;
}

// Writes the fixture corpus into the database at `path` (created when missing).
inline Status WriteFixtureDb(const std::string& path) {
  std::unique_ptr<Store> store;
  GEOKG_RETURN_IF_ERROR(Store::Open(path, StoreOptions{}, &store));
  for (const Document& doc : FixtureDocuments()) {
    AddStats stats;
    GEOKG_RETURN_IF_ERROR(store->AddDocument(doc, ContentHash(doc.article.text), &stats));
  }
  return Status::Ok();
}

}  // namespace geokg::testing
