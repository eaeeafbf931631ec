// French extraction rules, each on sentences we wrote about real events: coreference of
// role nouns, place nouns and "sur place", the scene of a local story, and location read
// through the places that contain one another.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "geokg/ingest/extractor.h"
#include "geokg/ingest/jsonl.h"
#include "geokg/ontology.h"

namespace geokg {
namespace {

class French : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    Status st = Extractor::Create({}, &extractor_);
    ASSERT_TRUE(st.ok()) << st.message();
  }
  static void TearDownTestSuite() { extractor_.reset(); }

  // "Subject|RELATION|Object" lines (names; a side not named by the text shows its mention
  // in brackets: "[pompiers]"), negated ones with "|neg".
  std::set<std::string> Run(const std::string& text, const std::string& date = "") {
    Article a;
    a.id = "t";
    a.lang = "fr";
    a.date = date;
    a.text = text;
    a.origin = "test";
    Status st = extractor_->Process(a, &doc_);
    EXPECT_TRUE(st.ok()) << st.message();
    std::set<std::string> out;
    for (const Triple& t : doc_.triples)
      out.insert(Side(t.subject) + "|" + std::string(Relation(t.relation).name) + "|" +
                 Side(t.object) + (t.negated ? "|neg" : ""));
    return out;
  }
  std::string Side(int entity) const {
    const Entity& e = doc_.entities[static_cast<size_t>(entity)];
    return e.key.rfind("generic:", 0) == 0 ? "[" + e.name + "]" : e.name;
  }
  // The entity name behind the mention whose text is `text`, or "" when there is none.
  std::string EntityOf(const std::string& text) const {
    for (const Mention& m : doc_.mentions)
      if (m.text == text && m.entity >= 0) return Side(m.entity);
    return "";
  }
  static std::unique_ptr<Extractor> extractor_;
  Document doc_;
};
std::unique_ptr<Extractor> French::extractor_;

// Whoever is in a place is in the places that contain it.
TEST_F(French, LocationIsTransitive) {
  auto r = Run(
      "Le 12 août 2015, des explosions ont détruit des entrepôts de produits chimiques. Elles ont "
      "fait plus de cent morts. Des pompiers sont intervenus toute la nuit dans le port de "
      "Tianjin.");
  EXPECT_TRUE(r.count("[pompiers]|LOCATED_IN|[port]")) << ::testing::PrintToString(r);
  EXPECT_TRUE(r.count("[port]|LOCATED_IN|Tianjin")) << ::testing::PrintToString(r);
  EXPECT_TRUE(r.count("[pompiers]|LOCATED_IN|Tianjin")) << ::testing::PrintToString(r);
  bool implied = false;
  for (const Triple& t : doc_.triples) implied = implied || t.trigger == "transitive";
  EXPECT_TRUE(implied);
}

// "X, le président de Y": the role noun names X, there and later; Y is what X leads, never
// the role noun itself.
TEST_F(French, AppositionRoleNounIsThePerson) {
  auto r =
      Run("Monsieur Patrick Pelloux, le président de l'Association des médecins urgentistes de "
          "France, a "
          "alerté le gouvernement en janvier 2023. Le président a ensuite rencontré le ministre de "
          "la Santé.");
  for (const std::string& t : r) EXPECT_EQ(t.find("|[président]"), std::string::npos) << t;
  EXPECT_EQ(EntityOf("président"), "Patrick Pelloux");
  EXPECT_TRUE(r.count("Patrick Pelloux|CONSULT|[gouvernement]")) << ::testing::PrintToString(r);
  bool leads = false;
  for (const std::string& t : r)
    leads = leads || t.rfind("Patrick Pelloux|LEADS|Association", 0) == 0;
  EXPECT_TRUE(leads) << ::testing::PrintToString(r);
  // The same role with another owner is someone else, who received him.
  r = Run("Patrick Pelloux, le président de l'association, a parlé. Le président de la "
          "République l'a reçu.");
  for (const Mention& m : doc_.mentions)
    if (m.sentence == 1 && m.entity >= 0 && m.text.find("président") != std::string::npos) {
      EXPECT_NE(Side(m.entity), "Patrick Pelloux") << m.text;
    }
  EXPECT_TRUE(r.count("[président]|CONSULT|Patrick Pelloux")) << ::testing::PrintToString(r);
}

// The owner of a role may stand behind an article ("de l'ONG X"), and the name behind a
// title after the comma ("M. Olivier Faure").
TEST_F(French, RoleOwnersAndTitledNamesInAppositions) {
  auto r = Run(
      "Madame Cécile Duflot, la directrice de l'ONG Oxfam France, a dénoncé les inégalités en "
      "janvier "
      "2019. Le premier secrétaire du Parti socialiste, M. Olivier Faure, a salué la décision.");
  EXPECT_TRUE(r.count("Cécile Duflot|LEADS|Oxfam")) << ::testing::PrintToString(r);
  EXPECT_TRUE(r.count("Olivier Faure|HOLDS_ROLE|Parti socialiste")) << ::testing::PrintToString(r);
  EXPECT_EQ(EntityOf("directrice"), "Cécile Duflot");
  for (const Entity& e : doc_.entities) EXPECT_NE(e.name.rfind("M.", 0), 0u) << e.name;
}

// A noun that names an actor brings its adjectives and a bare complement: the phrase is the
// mention, the noun as written its name.
TEST_F(French, NounPhrasesNameTheirActors) {
  Run("En juillet 2021, les agents de police et l'équipe médicale ont secouru une vieille dame "
      "dans "
      "le centre de Liège.");
  std::set<std::string> mentions;
  for (const Mention& m : doc_.mentions)
    if (m.entity >= 0) mentions.insert(m.text);
  for (const char* want : {"agents de police", "équipe médicale", "vieille dame"})
    EXPECT_TRUE(mentions.count(want)) << want << " " << ::testing::PrintToString(mentions);
  EXPECT_FALSE(mentions.count("police")) << ::testing::PrintToString(mentions);
  EXPECT_EQ(EntityOf("équipe médicale"), "[équipe]");
  // An infinitive after "de" is no complement: "a demandé aux policiers de partir".
  Run("Le préfet a demandé aux manifestants de quitter la place en mars 2023.");
  bool bare = false;
  for (const Mention& m : doc_.mentions) bare = bare || m.text == "manifestants";
  EXPECT_TRUE(bare);
}

// An object pronoun before the verb is its object, never its subject.
TEST_F(French, ObjectCliticsAreObjects) {
  auto r =
      Run("Les policiers ont retrouvé Salah Abdeslam à Molenbeek le 18 mars 2016. Ils l'ont arrêté "
          "après une fusillade.");
  EXPECT_TRUE(r.count("[policiers]|COERCE|Salah Abdeslam")) << ::testing::PrintToString(r);
  for (const std::string& t : r)
    EXPECT_EQ(t.rfind("Salah Abdeslam|COERCE", 0), std::string::npos) << t;
}

// A one-word name no list knows after "de" or "entre" is a place; a nationality noun is not.
TEST_F(French, UnknownWordAfterDeIsAPlace) {
  Run("Le train reliant Quimper à Paris a été retardé entre Quimperlé et Rosporden ; la gare de "
      "Ploërmel a réagi, comme la Britannique Theresa May.");
  std::set<std::string> places;
  for (const Mention& m : doc_.mentions)
    if (m.entity >= 0 && m.type == EntityType::kPlace) places.insert(m.text);
  for (const char* want : {"Quimperlé", "Ploërmel"})
    EXPECT_TRUE(places.count(want)) << want << " " << ::testing::PrintToString(places);
  EXPECT_FALSE(places.count("Britannique")) << ::testing::PrintToString(places);
}

// Entity lines list names: a description the gazetteer knows ("le gouvernement français")
// is none, and a title before a person's name is no part of it.
TEST_F(French, EntityLinesListNames) {
  Run("Le gouvernement français a salué la visite du pape François à Marseille en septembre 2023.");
  std::set<std::string> lines;
  for (const auto& j : EntityJson(doc_))
    lines.insert(j["type"].get<std::string>() + ":" + j["mention"].get<std::string>());
  EXPECT_TRUE(lines.count("PERSON:François")) << ::testing::PrintToString(lines);
  EXPECT_TRUE(lines.count("PLACE:Marseille")) << ::testing::PrintToString(lines);
  for (const std::string& l : lines) EXPECT_EQ(l.find("gouvernement"), std::string::npos) << l;
}

// "la compagnie" points back to the company named with that kind; a code after a vehicle
// noun is no organisation; a number counts people; idioms and social media are no actors.
TEST_F(French, KindNounsNumbersAndIdioms) {
  Run("Le 24 mars 2015, le vol de la compagnie Germanwings s'est écrasé dans les Alpes. La "
      "compagnie "
      "a ensuite reçu les familles. L'enquête sur l'avion AF447 d'Air France avait duré trois "
      "ans.");
  std::string company = EntityOf("compagnie");
  EXPECT_FALSE(company.empty());
  EXPECT_EQ(company.find('['), std::string::npos) << company;
  for (const Mention& m : doc_.mentions) EXPECT_NE(m.text, "AF447");
  Run("Le 13 novembre 2015, les terroristes ont tué 130 personnes à Paris. Le plan Vigipirate a "
      "été "
      "mis en place et la nouvelle a circulé sur les réseaux sociaux.");
  std::set<std::string> mentions;
  for (const Mention& m : doc_.mentions)
    if (m.entity >= 0) mentions.insert(m.text);
  EXPECT_TRUE(mentions.count("personnes")) << ::testing::PrintToString(mentions);
  EXPECT_FALSE(mentions.count("place")) << ::testing::PrintToString(mentions);
  EXPECT_FALSE(mentions.count("réseaux sociaux")) << ::testing::PrintToString(mentions);
}

// An organisation named by its kind and a name ("l'université Harvard", "le diocèse de
// Belley-Ars"); the place it is named after is listed too. The line's name is the phrase,
// its mention the words from the capital on.
TEST_F(French, OrganisationsNamedByTheirKind) {
  Run("En 2019, l'université Harvard a accueilli l'évêque du diocèse de Belley-Ars.");
  std::set<std::string> lines;
  for (const auto& j : EntityJson(doc_))
    lines.insert(j["type"].get<std::string>() + ":" + j["name"].get<std::string>() + "|" +
                 j["mention"].get<std::string>());
  for (const char* want : {"ORG:université Harvard|Harvard", "ORG:diocèse de Belley-Ars|Belley-Ars",
                           "PLACE:Belley-Ars|Belley-Ars"})
    EXPECT_TRUE(lines.count(want)) << want << " " << ::testing::PrintToString(lines);
}

// Words that type a name no list knows: a hotel or a club is an organisation, a foreign
// article opens a title (a newspaper), an arena or a lodge is a place.
TEST_F(French, KindWordsTypeUnknownNames) {
  Run("En juillet 2018, l'Hôtel Lutetia a rouvert à Paris, selon The Guardian ; le concert a eu "
      "lieu "
      "dans l'Accor Arena.");
  std::set<std::string> lines;
  for (const auto& j : EntityJson(doc_))
    lines.insert(j["type"].get<std::string>() + ":" + j["mention"].get<std::string>());
  for (const char* want : {"ORG:Hôtel Lutetia", "ORG:The Guardian", "PLACE:Accor Arena"})
    EXPECT_TRUE(lines.count(want)) << want << " " << ::testing::PrintToString(lines);
}

// A role noun with no name is a person of the story who holds what follows "de"; a word
// inside a quoted name is neither a place nor a trigger; orders and announcements are
// communication.
TEST_F(French, UnnamedRolesQuotedNamesAndOrders) {
  auto r =
      Run("Le 16 mars 2020, le porte-parole du gouvernement a annoncé le confinement aux "
          "journalistes.");
  EXPECT_TRUE(r.count("[porte-parole]|HOLDS_ROLE|[gouvernement]")) << ::testing::PrintToString(r);
  EXPECT_TRUE(r.count("[porte-parole]|CONSULT|[journalistes]")) << ::testing::PrintToString(r);
  r =
      Run("En 2019, l'association « France Nature Environnement » et l'ONG « Aide et Action » ont "
          "publié un rapport. La police a ordonné aux manifestants de se disperser.");
  for (const Mention& m : doc_.mentions) {
    if (m.entity >= 0) {
      EXPECT_NE(Side(m.entity), "France") << m.text;
    }
  }
  for (const std::string& t : r) EXPECT_EQ(t.find("|AID|"), std::string::npos) << t;
  EXPECT_TRUE(r.count("[police]|REQUEST|[manifestants]")) << ::testing::PrintToString(r);
}

// "la victime" is the person the story is about; "la ville de X" is X.
TEST_F(French, VictimAndTownOf) {
  Run("Le 16 octobre 2020, Samuel Paty a été assassiné près de son collège. La victime enseignait "
      "l'histoire. En septembre 2017, un séisme a frappé la ville de Puebla.");
  EXPECT_EQ(EntityOf("victime"), "Samuel Paty");
  EXPECT_EQ(EntityOf("ville"), EntityOf("Puebla"));
  EXPECT_FALSE(EntityOf("Puebla").empty());
}

// "sur place" is the place where the story is; "sur la place" is a square.
TEST_F(French, SurPlaceIsTheLastPlaceNamed) {
  Run("Le 15 avril 2019, un incendie a ravagé la toiture de Notre-Dame à Paris. Les pompiers "
      "arrivés "
      "sur place ont sauvé les reliques.");
  EXPECT_EQ(EntityOf("sur place"), "Paris");
  Run("Des milliers de manifestants se sont rassemblés sur la place de la République à Paris.");
  EXPECT_EQ(EntityOf("sur place"), "");
}

// "le pays", "la ville" without a complement: the state or town last named; "la ville
// voisine" is another one.
TEST_F(French, DefinitePlaceNounsPointBack) {
  Run("Un séisme a frappé la Turquie le 6 février 2023. Le pays a demandé l'aide internationale.");
  EXPECT_EQ(EntityOf("pays"), "Turkey");
  Run("Les inondations ont touché Valence en octobre 2024. La ville a reçu l'aide de l'armée ; la "
      "ville voisine aussi.");
  EXPECT_EQ(EntityOf("ville"), "Valencia");
  int generic = 0;
  for (const Mention& m : doc_.mentions)
    if (m.text == "ville" && m.entity >= 0 && Side(m.entity) == "[ville]") ++generic;
  EXPECT_EQ(generic, 1);
}

// A local story's first sentence says where it happens; its people are there.
TEST_F(French, TheOpeningSentenceSetsTheScene) {
  // A locative.
  auto r =
      Run("Le 14 juillet 2016, un camion a foncé sur la foule à Nice. Les secouristes ont soigné "
          "des centaines de blessés.");
  EXPECT_TRUE(r.count("[secouristes]|LOCATED_IN|Nice")) << ::testing::PrintToString(r);
  // A named place after "de".
  r = Run(
      "Le 26 mars 2024, la police de Marseille a interpellé des trafiquants. Les enquêteurs ont "
      "saisi de la cocaïne.");
  EXPECT_TRUE(r.count("[enquêteurs]|LOCATED_IN|Marseille")) << ::testing::PrintToString(r);
  // The place the sentence acts upon.
  r = Run(
      "En juillet 2021, des inondations ont dévasté la Wallonie. Les habitants ont été évacués par "
      "les pompiers.");
  EXPECT_TRUE(r.count("[habitants]|LOCATED_IN|Walloon Region")) << ::testing::PrintToString(r);
}

// Entity lines of one article, as "TYPE:mention".
std::set<std::string> EntityLines(const Document& doc) {
  std::set<std::string> lines;
  for (const auto& j : EntityJson(doc))
    lines.insert(j["type"].get<std::string>() + ":" + j["mention"].get<std::string>());
  return lines;
}

// A list of road codes names roads without an article before each; a town whose name goes
// on after "-en-" or "-sur-la-" is one word; a person named again keeps the given name.
TEST_F(French, RoadListsCompoundTownsAndNamesAgain) {
  Run("Pendant la grève de 2010, les routiers ont bloqué : A10, A63, A320 (près de Bayonne) et "
      "N7. Le convoi est parti de Villeneuve-sur-Lot pour Bagnoles-de-l'Orne et Mantes-la-Jolie, "
      "puis de Carhaix vers Lamotte-en-Santerre. La ministre Roselyne Bachelot a parlé. Le départ "
      "de Roselyne Bachelot a surpris.");
  std::set<std::string> lines = EntityLines(doc_);
  for (const char* want : {"PLACE:A10", "PLACE:A63", "PLACE:A320", "PLACE:N7", "PLACE:Villeneuve-sur-Lot",
                           "PLACE:Lamotte-en-Santerre"})
    EXPECT_TRUE(lines.count(want)) << want << " " << ::testing::PrintToString(lines);
  for (const std::string& l : lines) {
    EXPECT_NE(l, "PLACE:Roselyne");
    EXPECT_NE(l, "PLACE:Lamotte");
  }
  // An inversion still splits off its pronoun.
  Run("« Que va-t-il faire ? » a demandé le maire de Lyon en 2012.");
  std::set<std::string> words;
  for (const Token& t : doc_.sentences[0].tokens) words.insert(t.text);
  EXPECT_TRUE(words.count("il")) << ::testing::PrintToString(words);
}

// Kinds before a name: a bank or a group stays out of the company's name, a street or a
// square keeps its kind in the place's name; a minister's portfolio written with a capital
// names the ministry.
TEST_F(French, StreetsBanksAndPortfolios) {
  Run("En mai 2019, la banque Rothschild et le groupe Danone ont ouvert des bureaux rue Lepic, "
      "près de la place de la Nation et du lac d'Annecy. Le ministre des Sports Jean-François Lamour "
      "a salué l'accord.");
  std::set<std::string> lines;
  for (const auto& j : EntityJson(doc_))
    lines.insert(j["type"].get<std::string>() + ":" + j["name"].get<std::string>() + "|" +
                 j["mention"].get<std::string>());
  for (const char* want : {"ORG:Rothschild|Rothschild", "ORG:Danone|Danone", "PLACE:rue Lepic|Lepic",
                           "PLACE:place de la Nation|Nation", "ORG:Sports|Sports",
                           "PERSON:Jean-François Lamour|Jean-François Lamour"})
    EXPECT_TRUE(lines.count(want)) << want << " " << ::testing::PrintToString(lines);
  // The idiom is no square.
  Run("En 2020, le préfet a parlé à la place de Jean Castex.");
  for (const auto& j : EntityJson(doc_)) EXPECT_EQ(j["name"].get<std::string>().find("place"), std::string::npos);
}

// Companies, media, agencies and unions the gazetteer knows are organisations.
TEST_F(French, CompaniesAndMediaAreOrganisations) {
  Run("Selon l'Insee, cité par France Inter et Le Canard enchaîné, la CGT et Pôle emploi ont "
      "contesté en 2019 les chiffres d'Airbus.");
  std::set<std::string> lines = EntityLines(doc_);
  for (const char* want : {"ORG:Insee", "ORG:France Inter", "ORG:Le Canard enchaîné", "ORG:CGT", "ORG:Pôle emploi",
                           "ORG:Airbus"})
    EXPECT_TRUE(lines.count(want)) << want << " " << ::testing::PrintToString(lines);
  EXPECT_FALSE(lines.count("STATE:France")) << ::testing::PrintToString(lines);
}

// A title that opens with an article is a name only when its next word is capitalised:
// at the head of a sentence "Le monde" and "Le point" are common nouns.
TEST_F(French, ArticleTitlesNeedTheirCapital) {
  Run("Le monde entier regarde la Syrie. Le point de passage a été fermé. Selon Le Monde et "
      "Le Point, la frontière reste close.");
  std::set<std::string> lines = EntityLines(doc_);
  EXPECT_TRUE(lines.count("ORG:Le Monde")) << ::testing::PrintToString(lines);
  EXPECT_TRUE(lines.count("ORG:Le Point")) << ::testing::PrintToString(lines);
  size_t orgs = 0;
  for (const Mention& m : doc_.mentions)
    if (m.type == EntityType::kOrg) ++orgs;
  EXPECT_EQ(orgs, 2u) << ::testing::PrintToString(lines);
}

// A quote opened inside a sentence does not start one: its first capital is the name's. A
// daily's one-word name that is also a common word is a word of the longer name around it.
TEST_F(French, QuotedNamesAndNamesInsideNames) {
  Run("En 2012, le journaliste avait été enlevé par le \"Mouvement de Lutte pour la Terre\" au "
      "Mali. Il a été libéré par le Front de Libération du Nord, selon Libération.");
  std::set<std::string> lines = EntityLines(doc_);
  EXPECT_TRUE(lines.count("ORG:Mouvement de Lutte pour la Terre")) << ::testing::PrintToString(lines);
  EXPECT_TRUE(lines.count("ORG:Front de Libération du Nord")) << ::testing::PrintToString(lines);
  size_t liberation = 0;
  for (const Mention& m : doc_.mentions)
    if (m.entity >= 0 && m.text == "Libération") ++liberation;
  EXPECT_EQ(liberation, 1u) << ::testing::PrintToString(lines);  // the daily, named on its own
}

// A town after the kind of a square or a bridge, capitalised, is a word of that place's name:
// "le Parc de la Fontaine" is no "Fontaine" (a town in Isère).
TEST_F(French, TownInsideAParkName) {
  Run("Samedi, des milliers de personnes se sont retrouvées au Parc de la Fontaine. Le Parc de "
      "la Fontaine a fermé à minuit.");
  std::set<std::string> lines = EntityLines(doc_);
  EXPECT_TRUE(lines.count("PLACE:Parc de la Fontaine")) << ::testing::PrintToString(lines);
  EXPECT_EQ(lines.size(), 1u) << ::testing::PrintToString(lines);
}

// "président de la République" is an office, not an organisation called "République"; a
// capital that is also a first name, before a capitalised word, opens a person's name.
TEST_F(French, RepublicInTitlesAndFirstNamesThatAreTowns) {
  Run("Le président de la République a reçu la championne Sofia Velikaya, puis le procureur de la "
      "République Pierre Sennès s'est rendu à Sofia.");
  std::set<std::string> lines = EntityLines(doc_);
  EXPECT_TRUE(lines.count("PERSON:Sofia Velikaya")) << ::testing::PrintToString(lines);
  EXPECT_TRUE(lines.count("PERSON:Pierre Sennès")) << ::testing::PrintToString(lines);
  for (const std::string& l : lines) EXPECT_EQ(l.find("République"), std::string::npos) << l;
}

}  // namespace
}  // namespace geokg
