// The knowledge graph over the fixture database: actor resolution, queries, exports.

#include "geokg/graph/graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "fixture_db.h"
#include "fixture_graph.h"
#include "geokg/graph/export.h"
#include "geokg/ontology.h"
#include "test_util.h"

namespace geokg {
namespace {

using testing::TempDir;

class GraphTest : public testing::FixtureGraphTest {
 protected:
  // "Subject RELATION Object" for each fact, sorted, for order-free comparisons.
  static std::vector<std::string> Lines(const std::vector<RelationFact>& facts) {
    std::vector<std::string> out;
    for (const RelationFact& f : facts) {
      out.push_back(f.subject.name + (f.relation.negated ? " NOT " : " ") +
                    std::string(Relation(f.relation.type).name) + " " + f.object.name);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(GraphTest, LoadsEveryActorAndRelation) {
  EXPECT_EQ(kg_->num_actors(), static_cast<size_t>(testing::kFixtureEntities));
  EXPECT_EQ(kg_->num_relations(), static_cast<size_t>(testing::kFixtureRelations));
  VertexProps russia;
  ASSERT_TRUE(kg_->FindActor(Id("Russia"), &russia));
  EXPECT_EQ(russia.key, "state:RUS");
  EXPECT_EQ(russia.type, EntityType::kState);
  EXPECT_EQ(russia.country, "RUS");
  EXPECT_FALSE(kg_->FindActor(987654, &russia));
}

TEST_F(GraphTest, ResolvesActorsInEitherLanguage) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Russia", "state:RUS"},
      {"russie", "state:RUS"},
      {"la Russie", "state:RUS"},
      {"  RUSSIE  ", "state:RUS"},
      {"state:RUS", "state:RUS"},
      {"Poutine", "person:vladimir-putin"},
      {"vladimir poutine", "person:vladimir-putin"},
      {"Putin", "person:vladimir-putin"},  // a word of "vladimir putin"
      {"ETAT ISLAMIQUE", "armed_group:islamic-state"},
      {"l’État islamique", "armed_group:islamic-state"},
      {"the Islamic State", "armed_group:islamic-state"},
      {"Daech", "armed_group:islamic-state"},
      {"Lattaq", "place:latakia"},  // a prefix
      {"Lattaquie", "place:latakia"},
      {"l'OTAN", "igo:nato"},
      {"Islande", "state:ISL"},
      {"Etats-Unis", "state:USA"},
  };
  for (const auto& [query, key] : cases) {
    VertexProps v;
    Status st = kg_->ResolveActor(query, &v);
    ASSERT_TRUE(st.ok()) << query << ": " << st.message();
    EXPECT_EQ(v.key, key) << query;
  }
}

TEST_F(GraphTest, AnAmbiguousNameListsItsCandidates) {
  VertexProps v;
  std::vector<VertexProps> candidates;
  Status st = kg_->ResolveActor("Assad", &v, &candidates);
  EXPECT_TRUE(st.IsNotFound());
  EXPECT_NE(st.message().find("ambiguous"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("Bashar al-Assad (PERSON, person:bashar-al-assad)"),
            std::string::npos)
      << st.message();
  EXPECT_NE(st.message().find("Hafez al-Assad"), std::string::npos) << st.message();
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[0].name, "Bashar al-Assad");
  EXPECT_EQ(candidates[1].name, "Hafez al-Assad");
  // The longer name settles it.
  EXPECT_EQ(Id("Bachar al-Assad"), candidates[0].id);
}

TEST_F(GraphTest, AnUnknownNameIsNotFound) {
  VertexProps v;
  std::vector<VertexProps> candidates;
  Status st = kg_->ResolveActor("Atlantis", &v, &candidates);
  EXPECT_TRUE(st.IsNotFound());
  EXPECT_EQ(st.message(), "no actor matches 'Atlantis'");
  EXPECT_TRUE(candidates.empty());
  EXPECT_TRUE(kg_->ResolveActor("", &v).IsNotFound());
  EXPECT_TRUE(kg_->ResolveActor(" -- ", &v).IsNotFound());
}

TEST_F(GraphTest, AMisspeltNameGetsSuggestions) {
  VertexProps v;
  v.id = -7;
  std::vector<VertexProps> candidates;
  Status st = kg_->ResolveActor("Rusia", &v, &candidates);
  EXPECT_TRUE(st.IsNotFound());
  EXPECT_EQ(st.message(), "no actor matches 'Rusia'; did you mean Russia (STATE, state:RUS)?");
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].key, "state:RUS");
  EXPECT_EQ(v.id, -7);
  // A piece from the middle of a name.
  st = kg_->ResolveActor("lamique", &v, &candidates);
  EXPECT_TRUE(st.IsNotFound());
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].key, "armed_group:islamic-state");
}

TEST_F(GraphTest, NeighborsFollowTheFilter) {
  const int64_t russia = Id("Russia");
  std::vector<RelationFact> facts;
  ASSERT_TRUE(kg_->Neighbors(russia, {}, {}, &facts).ok());
  EXPECT_EQ(Lines(facts), (std::vector<std::string>{
                              "NATO ACCUSE Russia",
                              "Russia ASSAULT Islamic State",
                              "Russia MOBILIZE Latakia",
                              "Russia SUPPORT Syria",
                              "United States ACCUSE Russia",
                              "Vladimir Putin LEADS Russia",
                          }));
  // Strongest first: the strike has two reports.
  EXPECT_EQ(Relation(facts[0].relation.type).name, "ASSAULT");

  RelationFilter with_negated;
  with_negated.include_negated = true;
  ASSERT_TRUE(kg_->Neighbors(russia, with_negated, {}, &facts).ok());
  EXPECT_EQ(facts.size(), 7u);
  EXPECT_EQ(std::count_if(facts.begin(), facts.end(),
                          [](const RelationFact& f) { return f.relation.negated; }),
            1);

  RelationFilter out;
  out.direction = Direction::kOut;
  ASSERT_TRUE(kg_->Neighbors(russia, out, {}, &facts).ok());
  EXPECT_EQ(Lines(facts),
            (std::vector<std::string>{"Russia ASSAULT Islamic State", "Russia MOBILIZE Latakia",
                                      "Russia SUPPORT Syria"}));

  RelationFilter conflict_in;
  conflict_in.coarse = {"CONFLICT"};
  conflict_in.direction = Direction::kIn;
  ASSERT_TRUE(kg_->Neighbors(russia, conflict_in, {}, &facts).ok());
  EXPECT_EQ(Lines(facts),
            (std::vector<std::string>{"NATO ACCUSE Russia", "United States ACCUSE Russia"}));

  RelationFilter types;
  types.types = {RelationType::kLeads, RelationType::kSupport};
  ASSERT_TRUE(kg_->Neighbors(russia, types, {}, &facts).ok());
  EXPECT_EQ(Lines(facts),
            (std::vector<std::string>{"Russia SUPPORT Syria", "Vladimir Putin LEADS Russia"}));

  EXPECT_TRUE(kg_->Neighbors(987654, {}, {}, &facts).IsNotFound());
}

TEST_F(GraphTest, FactsCarryTheirEvidence) {
  std::vector<RelationFact> facts;
  ASSERT_TRUE(kg_->Between(Id("Russia"), Id("Daech"), {}, {}, &facts).ok());
  ASSERT_EQ(facts.size(), 1u);
  const RelationFact& strike = facts[0];
  EXPECT_EQ(strike.relation.evidence_count, 2);
  EXPECT_EQ(strike.relation.first_date, "2015-09-30");
  EXPECT_EQ(strike.relation.last_date, "2015-10-02");
  EXPECT_EQ(strike.relation.modality, Modality::kAsserted);
  EXPECT_EQ(strike.relation.cameo, "195");
  ASSERT_EQ(strike.evidence.size(), 2u);
  // Newest first.
  EXPECT_EQ(strike.evidence[0].article, "bbc-2015-10-02");
  EXPECT_EQ(strike.evidence[0].date, "2015-10-02");
  EXPECT_EQ(strike.evidence[0].sentence, "Russian jets struck Islamic State targets on Friday.");
  EXPECT_EQ(strike.evidence[0].modality, Modality::kAsserted);
  EXPECT_EQ(strike.evidence[1].article, "afp-2015-09-30");
  EXPECT_EQ(strike.evidence[1].sentence,
            "Moscou a bombardé l'État islamique en Syrie, selon le Kremlin.");
  EXPECT_EQ(strike.evidence[1].modality, Modality::kReported);
  EXPECT_EQ(strike.evidence[1].trigger, "bombardé");
  EXPECT_FALSE(strike.evidence[1].negated);

  QueryOptions one;
  one.max_evidence = 1;
  ASSERT_TRUE(kg_->Between(Id("Russia"), Id("Daech"), {}, one, &facts).ok());
  ASSERT_EQ(facts[0].evidence.size(), 1u);
  EXPECT_EQ(facts[0].evidence[0].article, "bbc-2015-10-02");

  // A structural type without a code of its own has none.
  ASSERT_TRUE(kg_->Between(Id("Latakia"), Id("Syria"), {}, {}, &facts).ok());
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].relation.cameo, "");
  // An event type falls back on its default code.
  ASSERT_TRUE(kg_->Between(Id("Syria"), Id("Russia"), {}, {}, &facts).ok());
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].relation.cameo, "051");
}

TEST_F(GraphTest, BetweenLooksBothWays) {
  std::vector<RelationFact> ab, ba;
  ASSERT_TRUE(kg_->Between(Id("Vladimir Putin"), Id("Bashar al-Assad"), {}, {}, &ab).ok());
  ASSERT_TRUE(kg_->Between(Id("Bashar al-Assad"), Id("Vladimir Putin"), {}, {}, &ba).ok());
  EXPECT_EQ(Lines(ab), (std::vector<std::string>{"Vladimir Putin CONSULT Bashar al-Assad"}));
  EXPECT_EQ(Lines(ab), Lines(ba));

  // The denied meeting shows only when asked for, marked as such.
  std::vector<RelationFact> facts;
  ASSERT_TRUE(kg_->Between(Id("Russia"), Id("Iceland"), {}, {}, &facts).ok());
  EXPECT_TRUE(facts.empty());
  RelationFilter with_negated;
  with_negated.include_negated = true;
  ASSERT_TRUE(kg_->Between(Id("Russia"), Id("Iceland"), with_negated, {}, &facts).ok());
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_TRUE(facts[0].relation.negated);
  ASSERT_EQ(facts[0].evidence.size(), 1u);
  EXPECT_TRUE(facts[0].evidence[0].negated);
  EXPECT_EQ(facts[0].evidence[0].sentence, "Iceland did not meet Russian envoys.");

  ASSERT_TRUE(kg_->Between(Id("France"), Id("Russia"), {}, {}, &facts).ok());
  EXPECT_TRUE(facts.empty());

  // Two relations between the same pair are two edges.
  ASSERT_TRUE(kg_->Between(Id("Syria"), Id("Bashar al-Assad"), {}, {}, &facts).ok());
  EXPECT_EQ(Lines(facts), (std::vector<std::string>{"Bashar al-Assad HOLDS_ROLE Syria",
                                                    "Bashar al-Assad LEADS Syria"}));
}

TEST_F(GraphTest, ShortestPathIgnoresDirectionButNotDenial) {
  PathResult path;
  ASSERT_TRUE(kg_->ShortestPath(Id("Poutine"), Id("Lattaquié"), {}, &path).ok());
  ASSERT_EQ(path.actors.size(), 3u);
  EXPECT_EQ(path.actors[0].name, "Vladimir Putin");
  EXPECT_EQ(path.actors[1].name, "Russia");
  EXPECT_EQ(path.actors[2].name, "Latakia");
  ASSERT_EQ(path.hops.size(), 2u);
  EXPECT_EQ(Lines(path.hops[0]), (std::vector<std::string>{"Vladimir Putin LEADS Russia"}));
  EXPECT_EQ(Lines(path.hops[1]), (std::vector<std::string>{"Russia MOBILIZE Latakia"}));
  EXPECT_FALSE(path.hops[0][0].evidence.empty());

  // Against the arrows: the café -AID-> France -ASSAULT-> IS <-ASSAULT- Russia.
  ASSERT_TRUE(kg_->ShortestPath(Id("org:cafe-noir"), Id("Russia"), {}, &path).ok());
  EXPECT_EQ(path.hops.size(), 3u);

  // Iceland is linked to Russia only by a denied meeting.
  Status st = kg_->ShortestPath(Id("Iceland"), Id("Russia"), {}, &path);
  EXPECT_TRUE(st.IsNotFound());
  EXPECT_EQ(st.message(), "no path links Iceland and Russia");
  EXPECT_TRUE(path.actors.empty());
  EXPECT_TRUE(kg_->ShortestPath(Id("Russia"), Id("Hafez el-Assad"), {}, &path).IsNotFound());

  ASSERT_TRUE(kg_->ShortestPath(Id("Russia"), Id("Russia"), {}, &path).ok());
  EXPECT_EQ(path.actors.size(), 1u);
  EXPECT_TRUE(path.hops.empty());
}

TEST_F(GraphTest, StatsCountTheDatabase) {
  StoreStats stats;
  ASSERT_TRUE(ReadStats(store_.get(), &stats).ok());
  EXPECT_EQ(stats.schema_version, LatestSchemaVersion());
  EXPECT_EQ(stats.articles, testing::kFixtureArticles);
  EXPECT_EQ(stats.entities, testing::kFixtureEntities);
  EXPECT_EQ(stats.relations, testing::kFixtureRelations);
  EXPECT_EQ(stats.negated_relations, 1);
  EXPECT_EQ(stats.evidence, testing::kFixtureEvidence);
  EXPECT_EQ(stats.first_date, "2015-09-30");
  EXPECT_EQ(stats.last_date, "2015-10-02");
  using Groups = std::vector<std::pair<std::string, int64_t>>;
  EXPECT_EQ(stats.articles_by_lang, (Groups{{"fr", 2}, {"en", 1}}));
  EXPECT_EQ(
      stats.entities_by_type,
      (Groups{
          {"STATE", 5}, {"PERSON", 3}, {"ARMED_GROUP", 1}, {"IGO", 1}, {"ORG", 1}, {"PLACE", 1}}));
  EXPECT_EQ(stats.relations_by_coarse, (Groups{{"CONFLICT", 4},
                                               {"COMMUNICATE", 2},
                                               {"CONTROL", 2},
                                               {"COOPERATE", 2},
                                               {"LOCATION", 2},
                                               {"MEMBERSHIP", 1}}));
  EXPECT_EQ(stats.relations_by_type.front(), (std::pair<std::string, int64_t>{"ACCUSE", 2}));
}

TEST_F(GraphTest, GraphmlEscapesNamesAndDeclaresItsKeys) {
  std::ostringstream os;
  ASSERT_TRUE(WriteGraphml(*kg_, os).ok());
  const std::string xml = os.str();
  auto count = [&](const std::string& needle) {
    size_t n = 0;
    for (size_t at = xml.find(needle); at != std::string::npos; at = xml.find(needle, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("<node id=\"n"), static_cast<size_t>(testing::kFixtureEntities));
  EXPECT_EQ(count("<edge id=\"e"), static_cast<size_t>(testing::kFixtureRelations));
  EXPECT_EQ(count("<key "), 13u);
  EXPECT_NE(xml.find("attr.name=\"entity_id\" attr.type=\"long\""), std::string::npos);
  EXPECT_NE(xml.find("attr.name=\"negated\" attr.type=\"boolean\""), std::string::npos);
  EXPECT_NE(xml.find("attr.name=\"evidence_count\" attr.type=\"int\""), std::string::npos);
  EXPECT_NE(xml.find("edgedefault=\"directed\""), std::string::npos);
  // The odd name: markup escaped, control characters dropped.
  EXPECT_NE(xml.find("Cafe &lt;Noir&gt; &amp; &quot;Fils&quot; &apos;Ltd&apos;</data>"),
            std::string::npos);
  for (char c : xml) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_TRUE(u >= 0x20 || c == '\n') << "control byte " << static_cast<int>(u);
  }
  const int64_t russia = Id("Russia");
  EXPECT_NE(xml.find("<node id=\"n" + std::to_string(russia) + "\">"), std::string::npos);
  EXPECT_NE(xml.find("<data key=\"e_negated\">true</data>"), std::string::npos);
}

TEST_F(GraphTest, GraphmlValidatesAgainstTheSchema) {
  const std::string xsd = std::string(GEOKG_SHARED_DIR) + "/eval/schemas/graphml/graphml.xsd";
  if (!std::filesystem::exists(xsd)) GTEST_SKIP() << "no " << xsd;
  if (std::system("xmllint --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no xmllint";
  const std::string out = tmp_.File("kg.graphml");
  {
    std::ofstream file(out);
    ASSERT_TRUE(WriteGraphml(*kg_, file).ok());
  }
  const std::string cmd =
      "xmllint --noout --nonet --schema '" + xsd + "' '" + out + "' 2>" + tmp_.File("xmllint.err");
  EXPECT_EQ(std::system(cmd.c_str()), 0) << testing::ReadTextFile(tmp_.File("xmllint.err"));
}

TEST_F(GraphTest, TriplesExportFollowsTheEvaluationFormat) {
  std::ostringstream os;
  ASSERT_TRUE(WriteTriplesJsonl(store_.get(), os).ok());
  std::istringstream in(os.str());
  std::string line;
  int lines = 0, negated = 0;
  std::set<std::string> docs;
  while (std::getline(in, line)) {
    ++lines;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    docs.insert(j.at("doc").get<std::string>());
    RelationType t;
    EXPECT_TRUE(RelationFromName(j.at("relation").get<std::string>(), &t)) << line;
    EXPECT_FALSE(j.at("subject").at("name").get<std::string>().empty());
    EXPECT_FALSE(j.at("object").at("mention").get<std::string>().empty());
    if (j.at("negated").get<bool>()) ++negated;
  }
  EXPECT_EQ(lines, testing::kFixtureEvidence);
  EXPECT_EQ(negated, 1);
  EXPECT_EQ(docs.size(), static_cast<size_t>(testing::kFixtureArticles));
  EXPECT_NE(os.str().find("\"mention\":\"Moscou\""), std::string::npos);
}

}  // namespace
}  // namespace geokg
