// Unit tests of the extraction stages, on sentences we write.
#include <gtest/gtest.h>

#include <memory>

#include "geokg/common/text.h"
#include "geokg/ingest/extractor.h"
#include "geokg/ingest/jsonl.h"
#include "geokg/ontology.h"
#include "nlp_internal.h"

namespace geokg {
namespace {

using internal::Span;

std::vector<std::string> Words(const std::string& text, const std::string& lang) {
  std::vector<Sentence> sents;
  internal::Segment(text, {Span{0, static_cast<uint32_t>(text.size())}}, lang, &sents);
  std::vector<std::string> out;
  for (const Sentence& s : sents)
    for (const Token& t : s.tokens) out.push_back(t.text);
  return out;
}

TEST(Segment, SplitsFrenchElisionsWithBothApostrophes) {
  std::vector<std::string> w = Words("l'OTAN et l’ONU qu'ils disent", "fr");
  std::vector<std::string> want{"l'", "OTAN", "et", "l’", "ONU", "qu'", "ils", "disent"};
  EXPECT_EQ(w, want);
}

TEST(Segment, KeepsHyphenatedNamesAndSplitsInversions) {
  std::vector<std::string> w = Words("Les États-Unis, a-t-il dit, et Jean-Yves.", "fr");
  std::vector<std::string> want{"Les", "États-Unis", ",", "a", "il", "dit", ",", "et", "Jean-Yves", "."};
  EXPECT_EQ(w, want);
}

TEST(Segment, SplitsEnglishContractions) {
  std::vector<std::string> w = Words("Russia's army didn't move.", "en");
  std::vector<std::string> want{"Russia", "'s", "army", "did", "n't", "move", "."};
  EXPECT_EQ(w, want);
}

TEST(Segment, DoesNotBreakSentencesAfterTitles) {
  std::string text = "M. Fabius a rencontré Mme Merkel. Ils ont parlé.";
  std::vector<Sentence> sents;
  internal::Segment(text, {Span{0, static_cast<uint32_t>(text.size())}}, "fr", &sents);
  EXPECT_EQ(sents.size(), 2u);
}

TEST(Clean, DropsChromeTeasersAndRepeats) {
  std::string body1 =
      "Le ministre a rencontré son homologue lundi à Paris pour discuter de la crise, a "
      "indiqué le ministère dans un communiqué publié en fin de journée.";
  std::string body2 =
      "Les deux hommes ont évoqué la situation humanitaire et les moyens de relancer les "
      "négociations, selon plusieurs diplomates présents à la rencontre.";
  std::string text = body1 + "\n" + body2 + "\nDernières infos\nUn autre titre sans point\n" +
                     body1.substr(0, 80) + "...\nLes plus lus\nUne question en titre ?\n";
  std::vector<Span> paras = internal::BodyParagraphs(text);
  ASSERT_EQ(paras.size(), 2u);
  EXPECT_EQ(text.substr(paras[1].first, paras[1].second - paras[1].first), body2);
}

TEST(Clean, KeepsShortParagraphsBetweenBodyParagraphs) {
  std::string long_para =
      "Un paragraphe assez long pour compter comme du texte courant, avec plusieurs "
      "propositions et une vingtaine de mots au moins pour être sûr.";
  std::string other =
      "Un second paragraphe de texte courant, différent du premier, qui raconte la suite des "
      "événements avec assez de mots pour être retenu.";
  std::string text = long_para + "\n\nIl a refusé de commenter.\n\n" + other;
  EXPECT_EQ(internal::BodyParagraphs(text).size(), 3u);
}

TEST(Clean, KeepsTheLineThatIntroducesAQuotation) {
  // The lead, then "X said:" on its own line, then the quotation: all story.
  std::string lead = "The two ministers met in Madrid on Monday to talk about the border.";
  std::string quote =
      "\xE2\x80\x9CWe discussed the crossings, the trade rules and the fishing rights at length, "
      "and we agreed to meet again in the spring to sign a first text on all of them,\xE2\x80\x9D he said.";
  std::string text = lead + "\nA ministry spokesman said:\n" + quote + "\nShare this:\nRelated\n";
  std::vector<Span> paras = internal::BodyParagraphs(text);
  ASSERT_EQ(paras.size(), 3u);
  EXPECT_EQ(text.substr(paras[0].first, paras[0].second - paras[0].first), lead);
  // A colon line before no quotation stays chrome.
  EXPECT_EQ(text.substr(paras[2].first, paras[2].second - paras[2].first), quote);
}

TEST(Dates, FindsDatelinesInBothLanguages) {
  EXPECT_EQ(internal::FindDateline("AFP / le 29 septembre 2015 à 22h56"), "2015-09-29");
  EXPECT_EQ(internal::FindDateline("Published 1 October 2015"), "2015-10-01");
  EXPECT_EQ(internal::FindDateline("WASHINGTON, March 3, 2014 -"), "2014-03-03");
  EXPECT_EQ(internal::FindDateline("Publié le 1er mars 2014"), "2014-03-01");
  EXPECT_EQ(internal::FindDateline("no date here"), "");
}

TEST(Dates, ResolvesWeekdaysAndRelativeExpressions) {
  Document doc;
  doc.date = "2015-09-29";  // a Tuesday
  auto date_of = [&](const std::string& text, const std::string& lang) {
    doc.article.text = text;
    doc.sentences.clear();
    internal::Segment(text, {Span{0, static_cast<uint32_t>(text.size())}}, lang, &doc.sentences);
    return internal::EventDate(doc, doc.sentences[0]);
  };
  EXPECT_EQ(date_of("Il l'a dit mardi.", "fr"), "2015-09-29");
  EXPECT_EQ(date_of("Il l'a dit lundi.", "fr"), "2015-09-28");
  EXPECT_EQ(date_of("He said it on Wednesday.", "en"), "2015-09-23");
  EXPECT_EQ(date_of("Il y a une dizaine de jours, ils ont parlé.", "fr"), "2015-09-19");
  EXPECT_EQ(date_of("They met three days ago.", "en"), "2015-09-26");
  EXPECT_EQ(date_of("They met last week.", "en"), "2015-09-22");
  EXPECT_EQ(date_of("Ils ont parlé.", "fr"), "2015-09-29");
}

TEST(Language, DetectsFrenchAndEnglish) {
  EXPECT_EQ(internal::DetectLanguage("La Russie a déployé des troupes en Syrie.", "en"), "fr");
  EXPECT_EQ(internal::DetectLanguage("Russia deployed troops to Syria on Tuesday.", "fr"), "en");
  EXPECT_EQ(internal::DetectLanguage("12345", "fr"), "fr");
}

class Extraction : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    Status st = Extractor::Create({}, &extractor_);
    ASSERT_TRUE(st.ok()) << st.message();
  }
  static void TearDownTestSuite() { extractor_.reset(); }

  // Extracts from `text` and returns "Subject|RELATION|Object|neg" lines with canonical names.
  std::set<std::string> Run(const std::string& text, const std::string& lang, const std::string& date = "") {
    Article a;
    a.id = "t";
    a.lang = lang;
    a.date = date;
    a.text = text;
    a.origin = "test";
    Status st = extractor_->Process(a, &doc_);
    EXPECT_TRUE(st.ok()) << st.message();
    std::set<std::string> out;
    for (const Triple& t : doc_.triples) {
      out.insert(doc_.entities[static_cast<size_t>(t.subject)].name + "|" +
                 std::string(Relation(t.relation).name) + "|" +
                 doc_.entities[static_cast<size_t>(t.object)].name + (t.negated ? "|neg" : ""));
    }
    return out;
  }
  static std::unique_ptr<Extractor> extractor_;
  Document doc_;
};
std::unique_ptr<Extractor> Extraction::extractor_;

// A trigger's part of speech must agree with the word's in the sentence: "aid convoys" and
// "air strikes" are nouns, not the verbs "aid" and "strike"; "leaders meeting in Madrid" is
// a verb, not the noun "meeting".
TEST_F(Extraction, TriggerMatchesOnlyItsPartOfSpeech) {
  auto r = Run("Syrian government forces and opposition fighters must stop attacks on each other, and "
               "aid convoys must reach Aleppo. If the truce holds, the US and Russian militaries "
               "would coordinate air strikes against the Nusra Front. Several European governments, "
               "including France and Germany, have halted arms exports to Turkey. Russia and Turkey "
               "will aid Syria.",
               "en");
  EXPECT_FALSE(r.count("Syrian Arab Army|AID|Aleppo")) << ::testing::PrintToString(r);
  EXPECT_FALSE(r.count("Russia|ASSAULT|United States")) << ::testing::PrintToString(r);
  EXPECT_FALSE(r.count("France|AID|Germany")) << ::testing::PrintToString(r);
  EXPECT_TRUE(r.count("Russia|ASSAULT|Al-Nusra Front")) << ::testing::PrintToString(r);
  EXPECT_TRUE(r.count("Russia|AID|Syria")) << ::testing::PrintToString(r);
  auto f = Run("Le Tchad est l'un des principaux alliés de la France.", "fr");
  EXPECT_TRUE(f.count("Chad|ALLY_OF|France")) << ::testing::PrintToString(f);
}

TEST_F(Extraction, FrenchMeetingWithPronounSubject) {
  auto r = Run(
      "Le ministre russe des Affaires étrangères, Sergueï Lavrov, est arrivé à Paris. "
      "Il s'est entretenu lundi avec Laurent Fabius.",
      "fr", "2015-10-05");
  EXPECT_TRUE(r.count("Sergey Lavrov|CONSULT|Laurent Fabius")) << ::testing::PrintToString(r);
}

TEST_F(Extraction, NegationIsMarked) {
  auto r = Run("Barack Obama n'a pas rencontré Vladimir Poutine à Pékin.", "fr");
  EXPECT_TRUE(r.count("Barack Obama|CONSULT|Vladimir Putin|neg")) << ::testing::PrintToString(r);
  auto e = Run("Barack Obama did not meet Vladimir Putin in Beijing.", "en");
  EXPECT_TRUE(e.count("Barack Obama|CONSULT|Vladimir Putin|neg")) << ::testing::PrintToString(e);
}

TEST_F(Extraction, NotExcludingStrikesIsAPossibleThreatNotADenial) {
  auto r = Run("La Turquie n'a pas exclu de mener des frappes contre le PKK.", "fr");
  bool threat = false;
  for (const Triple& t : doc_.triples) {
    if (t.relation == RelationType::kThreaten) {
      threat = true;
      EXPECT_FALSE(t.negated);
      EXPECT_EQ(t.modality, Modality::kPossible);
    }
  }
  EXPECT_TRUE(threat) << ::testing::PrintToString(r);
}

TEST_F(Extraction, PassiveVoiceGivesTheAgentAsSubject) {
  auto r = Run("La coalition contre l'État islamique, dirigée par les États-Unis, frappe en Irak.", "fr");
  EXPECT_TRUE(r.count("United States|LEADS|coalition")) << ::testing::PrintToString(r);
  auto e = Run("The town was attacked by Islamic State fighters, and the coalition is led by the United States.", "en");
  EXPECT_TRUE(e.count("United States|LEADS|coalition")) << ::testing::PrintToString(e);
}

TEST_F(Extraction, RoleAppositionIntroducesAnUnknownPerson) {
  auto r = Run("Le porte-parole du Pentagone, Jeff Davis, a démenti l'information.", "fr");
  bool found = false;
  for (const Triple& t : doc_.triples) {
    if (t.relation == RelationType::kHoldsRole &&
        doc_.entities[static_cast<size_t>(t.subject)].name == "Jeff Davis")
      found = true;
  }
  EXPECT_TRUE(found) << ::testing::PrintToString(r);
}

TEST_F(Extraction, DeploymentsWithLocativeObjects) {
  auto r = Run("Russia deployed troops to Syria last week.", "en", "2015-09-29");
  EXPECT_TRUE(r.count("Russia|MOBILIZE|Syria")) << ::testing::PrintToString(r);
  ASSERT_FALSE(doc_.triples.empty());
  EXPECT_EQ(doc_.triples[0].date, "2015-09-22");
}

// Named mentions as "type:text" lines, for the entity tests below.
std::set<std::string> NamedMentions(const Document& doc) {
  std::set<std::string> out;
  for (const Mention& m : doc.mentions)
    if (m.named && m.entity >= 0)
      out.insert(std::string(EntityTypeName(doc.entities[static_cast<size_t>(m.entity)].type)) + ":" + m.text);
  return out;
}

TEST_F(Extraction, CoordinatedNamesAreTwoPeople) {
  Run("Au sprint, Camille Dubreuil devance Hugo Lemaire et Inès Barbier sur la ligne d'arrivée.", "fr");
  auto m = NamedMentions(doc_);
  EXPECT_TRUE(m.count("PERSON:Hugo Lemaire")) << ::testing::PrintToString(m);
  EXPECT_TRUE(m.count("PERSON:Inès Barbier")) << ::testing::PrintToString(m);
  // An organisation's name may hold "et".
  Run("Il a rejoint le Parti communiste et républicain en mai.", "fr");
  m = NamedMentions(doc_);
  EXPECT_TRUE(m.count("ORG:Parti communiste et républicain") || m.count("ORG:Parti communiste")) << ::testing::PrintToString(m);
}

TEST_F(Extraction, FrenchDepartmentsRegionsAndTowns) {
  Run("Les crues ont touché la Haute-Savoie et le Finistère ; en Occitanie, Carcassonne est inondée.", "fr");
  auto m = NamedMentions(doc_);
  for (const char* want : {"PLACE:Haute-Savoie", "PLACE:Finistère", "PLACE:Occitanie", "PLACE:Carcassonne"})
    EXPECT_TRUE(m.count(want)) << want << " " << ::testing::PrintToString(m);
}

TEST_F(Extraction, TownNameInsideAPersonsName) {
  Run("L'ancienne première dame Nancy Reagan est morte en Californie.", "fr");
  auto m = NamedMentions(doc_);
  EXPECT_TRUE(m.count("PERSON:Nancy Reagan")) << ::testing::PrintToString(m);
}

TEST_F(Extraction, FrenchOrganisationNamesWithLowerCaseWords) {
  Run("Les résultats ont été publiés par l'Institut national de la statistique et la Fédération "
      "internationale de ski a reporté l'épreuve.",
      "fr");
  auto m = NamedMentions(doc_);
  EXPECT_TRUE(m.count("ORG:Institut national de la statistique")) << ::testing::PrintToString(m);
  EXPECT_TRUE(m.count("ORG:Fédération internationale de ski")) << ::testing::PrintToString(m);
}

TEST_F(Extraction, EntityLinesListAPersonOnceNotEachShortForm) {
  Run("La chanteuse Carla Bruni a sorti un album. Bruni le présentera à Lyon.", "fr");
  std::vector<nlohmann::json> lines = EntityJson(doc_);
  int person_lines = 0;
  for (const auto& j : lines)
    if (j["type"] == "PERSON") ++person_lines;
  EXPECT_EQ(person_lines, 1) << ::testing::PrintToString(lines.size());
  bool short_form_resolved = false;
  for (const Mention& m : doc_.mentions)
    short_form_resolved = short_form_resolved || (m.text == "Bruni" && m.entity >= 0);
  EXPECT_TRUE(short_form_resolved);
}

TEST_F(Extraction, NationalityNounBeforeAFirstNameIsNotPartOfTheName) {
  Run("Au départ de la course, la Suissesse Mette Kristensen devance la Marocaine Salma Idrissi.", "fr");
  auto m = NamedMentions(doc_);
  EXPECT_TRUE(m.count("PERSON:Mette Kristensen")) << ::testing::PrintToString(m);
  EXPECT_TRUE(m.count("PERSON:Salma Idrissi")) << ::testing::PrintToString(m);
}

TEST_F(Extraction, CeDernierPointsToTheLastActorNamed) {
  auto r = Run("Sophie Martin a appelé Louis Garnier lundi. Ce dernier a ensuite reçu les pompiers.", "fr");
  EXPECT_TRUE(r.count("Louis Garnier|CONSULT|pompiers")) << ::testing::PrintToString(r);
  EXPECT_FALSE(r.count("Sophie Martin|CONSULT|pompiers")) << ::testing::PrintToString(r);
}

TEST_F(Extraction, FrenchRoadNumbersButNotAircraft) {
  Run("Un camion s'est renversé sur l'A7 puis la circulation a été coupée sur la RN 88 ; "
      "l'A380 d'Air France a atterri.",
      "fr");
  auto m = NamedMentions(doc_);
  EXPECT_TRUE(m.count("PLACE:A7")) << ::testing::PrintToString(m);
  EXPECT_TRUE(m.count("PLACE:RN 88")) << ::testing::PrintToString(m);
  EXPECT_FALSE(m.count("PLACE:A380")) << ::testing::PrintToString(m);
}

TEST_F(Extraction, EveryTripleCarriesProvenance) {
  std::string text = "La France a condamné l'Iran. Paris a ensuite sanctionné Téhéran.";
  Run(text, "fr", "2019-01-02");
  ASSERT_FALSE(doc_.triples.empty());
  for (const Triple& t : doc_.triples) {
    EXPECT_GE(t.sentence, 0);
    EXPECT_LT(t.begin, t.end);
    EXPECT_LE(t.end, text.size());
    EXPECT_FALSE(t.date.empty());
    nlohmann::json j = TripleJson(doc_, t);
    EXPECT_EQ(j["doc"], "t");
    EXPECT_EQ(j["evidence"].get<std::string>(), text.substr(t.begin, t.end - t.begin));
  }
}

TEST_F(Extraction, EmptyArticleIsAnError) {
  Article a;
  a.id = "x";
  a.text = "   \n  ";
  a.origin = "x.txt";
  Status st = extractor_->Process(a, &doc_);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("x.txt"), std::string::npos);
}

// A state's offices of one kind are many: "secretary" must not resolve to whoever holds
// another US office on the date (the vice-president), only to a holder whose title says it.
TEST_F(Extraction, AStateOfficeResolvesOnlyToAHolderOfThatTitle) {
  auto r = Run("The talks went on in Vienna, said the US secretary.", "en", "2015-07-14");
  for (const std::string& t : r) EXPECT_EQ(t.find("Joe Biden"), std::string::npos) << t;
  // The one head of state still resolves.
  auto v = Run("The US president arrived in Kyiv on Monday.", "en", "2015-12-07");
  EXPECT_TRUE(v.count("Barack Obama|LEADS|United States")) << ::testing::PrintToString(v);
}


// Extraction writes triples straight to text; the bytes must be those of the JSON objects
// dumped, for every field, duplicates ("also"), escapes and non-ASCII text.
TEST(TriplesJsonl, WritesTheBytesOfTheDumpedObjects) {
  Document doc;
  doc.article.id = "id \"1\"\\";
  doc.article.text = "Tab\there, quote \" and \x01 control; é, 日本, 😀 end.\nLine\r\f\b";
  doc.lang = "fr";
  doc.date = "2020-01-02";
  Entity a;
  a.key = "state:FRA";
  a.name = "France";
  a.type = EntityType::kState;
  a.country = "FRA";
  Entity b;
  b.key = "person:x";
  b.name = "Zoé \"Z\"";
  b.type = EntityType::kPerson;
  doc.entities = {a, b};
  const uint32_t size = static_cast<uint32_t>(doc.article.text.size());
  auto triple = [&](int s, int o, RelationType r, bool neg, uint32_t begin, uint32_t end) {
    Triple t;
    t.subject = s;
    t.object = o;
    t.relation = r;
    t.negated = neg;
    t.begin = begin;
    t.end = end;
    t.sentence = static_cast<int>(doc.triples.size());
    t.subject_mention = "la \"France\"";
    t.object_mention = "Zoé\t" + std::to_string(t.sentence);
    t.trigger = "a rencontré";
    return t;
  };
  doc.triples.push_back(triple(0, 1, RelationType::kConsult, false, 0, size));
  doc.triples.back().cameo = "040";
  doc.triples.back().mode = "phone";
  doc.triples.back().date = "2020-01-01";
  doc.triples.back().confidence = 0.8f;
  doc.triples.push_back(triple(1, 0, RelationType::kHoldsRole, false, 3, 9));
  doc.triples.back().role = "porte-parole";
  doc.triples.back().modality = Modality::kPossible;
  doc.triples.push_back(triple(0, 1, RelationType::kConsult, false, 5, 20));
  doc.triples.push_back(triple(0, 1, RelationType::kConsult, true, 5, size + 10));
  doc.triples.back().confidence = 1.0f;
  doc.triples.push_back(triple(0, 1, RelationType::kConsult, false, 0, 1));
  std::string expected;
  for (const nlohmann::json& j : TriplesJson(doc)) expected += j.dump() + "\n";
  std::string written;
  AppendTriplesJsonl(doc, &written);
  EXPECT_EQ(written, expected);
  EXPECT_NE(written.find("\"also\""), std::string::npos);
  EXPECT_NE(written.find("\\u0001"), std::string::npos);

  // Text that is not UTF-8 fails as dump() fails.
  doc.triples.front().trigger = "bad \xC3\x28 byte";
  std::string out;
  EXPECT_THROW(AppendTriplesJsonl(doc, &out), nlohmann::json::type_error);
  for (std::string bad : {"\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xC0\xAF", "\xE2\x82"}) {
    doc.triples.front().trigger = bad;
    EXPECT_THROW(AppendTriplesJsonl(doc, &out), nlohmann::json::type_error) << bad.size();
  }
}

}  // namespace
}  // namespace geokg
