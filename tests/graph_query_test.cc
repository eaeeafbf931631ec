// The graph's richer queries (date windows, evidence thresholds, ego networks, weighted
// paths, timelines, search, selections) and analytics (degrees, PageRank, betweenness),
// checked on the fixture database and on small hand-built graphs, and against Boost.Graph's
// own algorithms.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "fixture_db.h"
#include "fixture_graph.h"
#include "geokg/graph/analytics.h"
#include "geokg/graph/graph.h"
#include "geokg/ontology.h"
#include "test_util.h"

namespace geokg {
namespace {

using testing::TempDir;

class QueryTest : public testing::FixtureGraphTest {
 protected:
  Vertex V(const std::string& name) {
    Vertex v = 0;
    EXPECT_TRUE(kg_->FindVertex(Id(name), &v));
    return v;
  }

  static RelationFilter Window(const std::string& from, const std::string& to) {
    RelationFilter f;
    Status st = MakeDateRange(from, to, &f.dates);
    EXPECT_TRUE(st.ok()) << st.message();
    return f;
  }

  static std::vector<std::string> Lines(const std::vector<RelationFact>& facts) {
    std::vector<std::string> out;
    for (const RelationFact& f : facts) {
      out.push_back(f.subject.name + (f.relation.negated ? " NOT " : " ") +
                    std::string(Relation(f.relation.type).name) + " " + f.object.name);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  std::vector<std::string> Names(const std::vector<Vertex>& vs) {
    std::vector<std::string> out;
    for (Vertex v : vs) out.emplace_back(kg_->Name(v));
    std::sort(out.begin(), out.end());
    return out;
  }
};

// ---------------------------------------------------------------- dates

TEST(DatesTest, ParseAndFormatRoundTrip) {
  int32_t d = -1;
  ASSERT_TRUE(ParseDate("2015-09-30", &d));
  EXPECT_EQ(d, 20150930);
  EXPECT_EQ(FormatDate(d), "2015-09-30");
  ASSERT_TRUE(ParseDate("2015-09", &d));
  EXPECT_EQ(d, 20150900);
  EXPECT_EQ(FormatDate(d), "2015-09");
  ASSERT_TRUE(ParseDate("2015", &d));
  EXPECT_EQ(FormatDate(d), "2015");
  ASSERT_TRUE(ParseDate("", &d));
  EXPECT_EQ(d, 0);
  EXPECT_EQ(FormatDate(0), "");
  d = 7;
  for (const char* bad : {"2015-13-01", "2015-00", "2015-09-32", "15-09-30", "2015/09/30",
                          "2015-9-30", "0000", "yesterday", "2015-09-30T10:00"}) {
    EXPECT_FALSE(ParseDate(bad, &d)) << bad;
  }
  EXPECT_EQ(d, 7);
}

TEST(DatesTest, RangesWidenToWholePeriods) {
  DateRange r;
  ASSERT_TRUE(MakeDateRange("2015-10", "2015-10", &r).ok());
  EXPECT_TRUE(r.Contains(20151001));
  EXPECT_TRUE(r.Contains(20151031));
  EXPECT_TRUE(r.Contains(20151000));  // an evidence dated "2015-10"
  EXPECT_FALSE(r.Contains(20150930));
  EXPECT_FALSE(r.Contains(20151101));
  EXPECT_FALSE(r.Contains(0));  // undated evidence is never in a window
  ASSERT_TRUE(MakeDateRange("", "2015", &r).ok());
  EXPECT_TRUE(r.Contains(20151231));
  EXPECT_FALSE(r.Contains(20160101));
  ASSERT_TRUE(MakeDateRange("", "", &r).ok());
  EXPECT_FALSE(r.bounded());
  EXPECT_EQ(MakeDateRange("2016", "2015", &r).code(), Status::Code::kUsage);
  EXPECT_EQ(MakeDateRange("soon", "", &r).code(), Status::Code::kUsage);
}

// ---------------------------------------------------------------- filters

TEST_F(QueryTest, DateWindowsKeepTheEvidenceInside) {
  std::vector<RelationFact> facts;
  const int64_t russia = Id("Russia");
  ASSERT_TRUE(kg_->Neighbors(russia, Window("2015-10-01", ""), {}, &facts).ok());
  EXPECT_EQ(Lines(facts),
            (std::vector<std::string>{"Russia ASSAULT Islamic State", "Russia SUPPORT Syria",
                                      "United States ACCUSE Russia"}));
  // The strike counts the one report inside the window, and shows only it.
  auto strike = std::find_if(facts.begin(), facts.end(), [](const RelationFact& f) {
    return f.relation.type == RelationType::kAssault;
  });
  ASSERT_NE(strike, facts.end());
  EXPECT_EQ(strike->relation.evidence_count, 1);
  EXPECT_EQ(strike->relation.first_date, "2015-10-02");
  EXPECT_EQ(strike->relation.last_date, "2015-10-02");
  EXPECT_EQ(strike->relation.modality, Modality::kAsserted);
  ASSERT_EQ(strike->evidence.size(), 1u);
  EXPECT_EQ(strike->evidence[0].article, "bbc-2015-10-02");

  ASSERT_TRUE(kg_->Neighbors(russia, Window("", "2015-09"), {}, &facts).ok());
  EXPECT_EQ(Lines(facts),
            (std::vector<std::string>{"Russia ASSAULT Islamic State", "Russia MOBILIZE Latakia",
                                      "Vladimir Putin LEADS Russia"}));
  strike = std::find_if(facts.begin(), facts.end(), [](const RelationFact& f) {
    return f.relation.type == RelationType::kAssault;
  });
  EXPECT_EQ(strike->relation.modality, Modality::kReported);  // the one report inside

  // A year holds both days; the undated NATO criticism is in no window.
  ASSERT_TRUE(kg_->Neighbors(russia, Window("2015", "2015"), {}, &facts).ok());
  EXPECT_EQ(facts.size(), 5u);
  ASSERT_TRUE(kg_->Neighbors(russia, Window("2016", ""), {}, &facts).ok());
  EXPECT_TRUE(facts.empty());
}

TEST_F(QueryTest, MinimumEvidenceAndTypesCombine) {
  std::vector<RelationFact> facts;
  RelationFilter strong;
  strong.min_evidence = 2;
  ASSERT_TRUE(kg_->Neighbors(Id("Russia"), strong, {}, &facts).ok());
  EXPECT_EQ(Lines(facts), (std::vector<std::string>{"Russia ASSAULT Islamic State"}));
  // Inside a one-day window the strike has one report only.
  strong.dates = Window("2015-10-02", "2015-10-02").dates;
  ASSERT_TRUE(kg_->Neighbors(Id("Russia"), strong, {}, &facts).ok());
  EXPECT_TRUE(facts.empty());

  RelationFilter leads;
  leads.types = {RelationType::kLeads};
  ASSERT_TRUE(kg_->Between(Id("Syria"), Id("Bashar al-Assad"), leads, {}, &facts).ok());
  EXPECT_EQ(Lines(facts), (std::vector<std::string>{"Bashar al-Assad LEADS Syria"}));
  RelationFilter membership;
  membership.coarse = {"MEMBERSHIP"};
  ASSERT_TRUE(kg_->Between(Id("Syria"), Id("Bashar al-Assad"), membership, {}, &facts).ok());
  EXPECT_EQ(Lines(facts), (std::vector<std::string>{"Bashar al-Assad HOLDS_ROLE Syria"}));

  QueryOptions none;
  none.max_evidence = 0;
  ASSERT_TRUE(kg_->Neighbors(Id("Russia"), {}, none, &facts).ok());
  for (const RelationFact& f : facts) EXPECT_TRUE(f.evidence.empty());
}

// ---------------------------------------------------------------- ego networks

TEST_F(QueryTest, EgoNetworksGrowByHops) {
  Subgraph sg;
  ASSERT_TRUE(kg_->EgoNetwork(Id("Russia"), 1, {}, 0, &sg).ok());
  EXPECT_EQ(Names(sg.actors),
            (std::vector<std::string>{"Islamic State", "Latakia", "NATO", "Russia", "Syria",
                                      "United States", "Vladimir Putin"}));
  EXPECT_FALSE(sg.truncated);
  EXPECT_FALSE(sg.whole);
  // Every relation among them, Latakia -> Syria included.
  EXPECT_EQ(sg.relations.size(), 7u);
  ASSERT_EQ(sg.hops.size(), sg.actors.size());
  for (size_t i = 0; i < sg.actors.size(); ++i)
    EXPECT_EQ(sg.hops[i], kg_->Name(sg.actors[i]) == "Russia" ? 0 : 1);
  EXPECT_TRUE(std::is_sorted(sg.actors.begin(), sg.actors.end()));
  for (size_t i = 1; i < sg.relations.size(); ++i)
    EXPECT_LT(sg.relations[i - 1].agg.id, sg.relations[i].agg.id);

  ASSERT_TRUE(kg_->EgoNetwork(Id("Russia"), 2, {}, 0, &sg).ok());
  EXPECT_EQ(sg.actors.size(), 9u);  // + Bashar al-Assad and France
  EXPECT_EQ(sg.relations.size(), 11u);

  // The denied meeting brings Iceland in only when asked for.
  RelationFilter negated;
  negated.include_negated = true;
  ASSERT_TRUE(kg_->EgoNetwork(Id("Russia"), 1, negated, 0, &sg).ok());
  EXPECT_EQ(sg.actors.size(), 8u);

  RelationFilter out;
  out.direction = Direction::kOut;
  ASSERT_TRUE(kg_->EgoNetwork(Id("Russia"), 1, out, 0, &sg).ok());
  EXPECT_EQ(Names(sg.actors),
            (std::vector<std::string>{"Islamic State", "Latakia", "Russia", "Syria"}));

  // A cap keeps the nearest actors, lowest ids first.
  ASSERT_TRUE(kg_->EgoNetwork(Id("Russia"), 2, {}, 3, &sg).ok());
  EXPECT_TRUE(sg.truncated);
  EXPECT_EQ(Names(sg.actors),
            (std::vector<std::string>{"Islamic State", "Russia", "Vladimir Putin"}));

  ASSERT_TRUE(kg_->EgoNetwork(Id("Hafez al-Assad"), 3, {}, 0, &sg).ok());
  EXPECT_EQ(sg.actors.size(), 1u);
  EXPECT_TRUE(sg.relations.empty());
  EXPECT_TRUE(kg_->EgoNetwork(987654, 1, {}, 0, &sg).IsNotFound());
}

TEST_F(QueryTest, EgoNetworksFollowTheWindow) {
  Subgraph sg;
  ASSERT_TRUE(kg_->EgoNetwork(Id("Russia"), 1, Window("2015-10", "2015-10"), 0, &sg).ok());
  EXPECT_EQ(Names(sg.actors),
            (std::vector<std::string>{"Islamic State", "Russia", "Syria", "United States"}));
  for (const Subgraph::Rel& r : sg.relations) EXPECT_EQ(r.agg.first_date, 20151002);
}

// ---------------------------------------------------------------- paths

// A -1- B -1- D and A -10- C -10- E -10- D: fewest hops through B, least cost through C, E.
std::unique_ptr<KnowledgeGraph> Detour() {
  KnowledgeGraph::Builder b;
  for (int i = 1; i <= 5; ++i) {
    const std::string name(1, static_cast<char>('A' + i - 1));
    EXPECT_TRUE(b.AddActor(i, "t:" + name, name, EntityType::kState, "").ok());
  }
  int64_t id = 1;
  auto rel = [&](int64_t s, int64_t o, int64_t count) {
    EXPECT_TRUE(b.AddRelation(id++, s, o, RelationType::kConsult, false, "", count, "2015-01-01",
                              "2015-01-02", Modality::kAsserted)
                    .ok());
  };
  rel(1, 2, 1);
  rel(2, 4, 1);
  rel(1, 3, 10);
  rel(5, 3, 10);  // against the arrow: paths ignore direction
  rel(5, 4, 10);
  std::unique_ptr<KnowledgeGraph> kg;
  EXPECT_TRUE(b.Build(&kg).ok());
  return kg;
}

TEST(PathTest, WeightedPathsPreferWellAttestedLinks) {
  auto kg = Detour();
  ASSERT_TRUE(kg);
  PathResult path;
  ASSERT_TRUE(kg->ShortestPath(1, 4, {}, &path).ok());
  ASSERT_EQ(path.actors.size(), 3u);
  EXPECT_EQ(path.actors[1].name, "B");
  EXPECT_DOUBLE_EQ(path.cost, 2);
  PathOptions weighted;
  weighted.weighted = true;
  ASSERT_TRUE(kg->ShortestPath(1, 4, weighted, &path).ok());
  ASSERT_EQ(path.actors.size(), 4u);
  EXPECT_EQ(path.actors[1].name, "C");
  EXPECT_EQ(path.actors[2].name, "E");
  EXPECT_NEAR(path.cost, 0.3, 1e-6);
  ASSERT_EQ(path.hops.size(), 3u);
  EXPECT_EQ(path.hops[1].size(), 1u);             // E -> C, found from C's side
  EXPECT_TRUE(path.hops[1][0].evidence.empty());  // no store: no evidence
}

TEST_F(QueryTest, WeightedPathOnTheFixture) {
  PathOptions weighted;
  weighted.weighted = true;
  PathResult path;
  ASSERT_TRUE(kg_->ShortestPath(Id("org:cafe-noir"), Id("Russia"), weighted, &path).ok());
  ASSERT_EQ(path.hops.size(), 3u);
  // 1 (AID) + 1 (ASSAULT by France) + 1/2 (two Russian strikes).
  EXPECT_NEAR(path.cost, 2.5, 1e-6);
  EXPECT_TRUE(kg_->ShortestPath(Id("Iceland"), Id("Russia"), weighted, &path).IsNotFound());
}

TEST_F(QueryTest, SingleSourceDistancesAgreeWithBoost) {
  std::vector<uint32_t> hops;
  SingleSourceHops(*kg_, V("Russia"), &hops);
  EXPECT_EQ(hops[V("Russia")], 0u);
  EXPECT_EQ(hops[V("Latakia")], 1u);
  EXPECT_EQ(hops[V("Bashar al-Assad")], 2u);
  EXPECT_EQ(hops[V("org:cafe-noir")], 3u);
  EXPECT_EQ(hops[V("Iceland")], UINT32_MAX);
  std::vector<double> ours, boost;
  SingleSourceCosts(*kg_, V("Russia"), &ours);
  BoostSingleSourceCosts(*kg_, V("Russia"), &boost);
  ASSERT_EQ(ours.size(), boost.size());
  for (size_t i = 0; i < ours.size(); ++i) {
    if (std::isinf(ours[i])) {
      EXPECT_TRUE(std::isinf(boost[i]) || boost[i] > 1e30) << i;
    } else {
      EXPECT_NEAR(ours[i], boost[i], 1e-9) << i;
    }
  }
  EXPECT_NEAR(ours[V("Islamic State")], 0.5, 1e-9);
}

// ---------------------------------------------------------------- timelines

TEST_F(QueryTest, TimelinesListReportsInDateOrder) {
  Timeline tl;
  ASSERT_TRUE(kg_->ActorTimeline(Id("Russia"), {}, 0, &tl).ok());
  EXPECT_EQ(tl.actor.key, "state:RUS");
  EXPECT_EQ(tl.total, 7);
  ASSERT_EQ(tl.entries.size(), 7u);
  using Months = std::vector<std::pair<std::string, int64_t>>;
  EXPECT_EQ(tl.by_month, (Months{{"2015-09", 3}, {"2015-10", 3}, {"undated", 1}}));
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(tl.entries[i].evidence.date, "2015-09-30");
  EXPECT_EQ(tl.entries[6].evidence.date, "");
  EXPECT_EQ(tl.entries[6].subject.name, "NATO");
  // The relation is shown with its own totals.
  for (const TimelineEntry& e : tl.entries) {
    if (e.relation.type == RelationType::kAssault) {
      EXPECT_EQ(e.relation.evidence_count, 2);
    }
  }

  ASSERT_TRUE(kg_->ActorTimeline(Id("Russia"), {}, 2, &tl).ok());
  EXPECT_EQ(tl.total, 7);
  EXPECT_EQ(tl.entries.size(), 2u);

  RelationFilter conflict;
  conflict.coarse = {"CONFLICT"};
  ASSERT_TRUE(kg_->ActorTimeline(Id("Russia"), conflict, 0, &tl).ok());
  EXPECT_EQ(tl.total, 4);
  conflict.include_negated = true;
  conflict.coarse.push_back("COMMUNICATE");
  ASSERT_TRUE(kg_->ActorTimeline(Id("Russia"), conflict, 0, &tl).ok());
  EXPECT_EQ(tl.total, 5);  // + the denied meeting with Iceland
  RelationFilter out = Window("2015-10", "");
  out.direction = Direction::kOut;
  ASSERT_TRUE(kg_->ActorTimeline(Id("Russia"), out, 0, &tl).ok());
  EXPECT_EQ(tl.total, 2);  // the second strike and the support
  EXPECT_EQ(tl.by_month, (Months{{"2015-10", 2}}));
}

// ---------------------------------------------------------------- search

TEST_F(QueryTest, SearchFindsNamesByPrefixInEitherLanguage) {
  std::vector<ActorMatch> found;
  ASSERT_TRUE(kg_->SearchActors("ass", 10, &found).ok());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].actor.name, "Bashar al-Assad");  // more relations first
  EXPECT_EQ(found[0].degree, 3);
  EXPECT_EQ(found[1].actor.name, "Hafez al-Assad");
  EXPECT_EQ(found[1].degree, 0);

  ASSERT_TRUE(kg_->SearchActors("États", 10, &found).ok());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].actor.key, "state:USA");
  EXPECT_EQ(found[0].alias, "États-Unis");
  EXPECT_EQ(found[0].quality, 1);

  ASSERT_TRUE(kg_->SearchActors("la Russie", 10, &found).ok());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].quality, 0);

  // A word inside a name: "islamique" in "État islamique".
  ASSERT_TRUE(kg_->SearchActors("islamiq", 10, &found).ok());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].actor.key, "armed_group:islamic-state");
  EXPECT_EQ(found[0].quality, 2);

  ASSERT_TRUE(kg_->SearchActors("a", 3, &found).ok());
  EXPECT_EQ(found.size(), 3u);
  ASSERT_TRUE(kg_->SearchActors("zzz", 10, &found).ok());
  EXPECT_TRUE(found.empty());
  ASSERT_TRUE(kg_->SearchActors(" - ", 10, &found).ok());
  EXPECT_TRUE(found.empty());
}

// ---------------------------------------------------------------- selections

TEST_F(QueryTest, SelectionsByClassAndWindow) {
  Subgraph sg;
  RelationFilter everything;
  everything.include_negated = true;
  everything.min_evidence = 0;
  ASSERT_TRUE(kg_->Select(everything, true, &sg).ok());
  EXPECT_TRUE(sg.whole);

  RelationFilter conflict;
  conflict.coarse = {"CONFLICT"};
  ASSERT_TRUE(kg_->Select(conflict, false, &sg).ok());
  EXPECT_FALSE(sg.whole);
  EXPECT_EQ(sg.relations.size(), 4u);
  EXPECT_EQ(Names(sg.actors), (std::vector<std::string>{"France", "Islamic State", "NATO", "Russia",
                                                        "United States"}));
  ASSERT_TRUE(kg_->Select(conflict, true, &sg).ok());
  EXPECT_EQ(sg.actors.size(), kg_->num_actors());

  RelationFilter october = Window("2015-10", "2015-10");
  ASSERT_TRUE(kg_->Select(october, false, &sg).ok());
  EXPECT_EQ(sg.relations.size(), 7u);
  for (const Subgraph::Rel& r : sg.relations) {
    EXPECT_EQ(r.agg.evidence_count, 1u);
    EXPECT_EQ(r.agg.first_date, 20151002);
  }
  october.include_negated = true;
  ASSERT_TRUE(kg_->Select(october, false, &sg).ok());
  EXPECT_EQ(sg.relations.size(), 8u);
  for (size_t i = 1; i < sg.relations.size(); ++i)
    EXPECT_LT(sg.relations[i - 1].agg.id, sg.relations[i].agg.id);
}

TEST_F(QueryTest, EveryRelationIsFoundByItsId) {
  for (auto [e, end] = boost::edges(kg_->graph()); e != end; ++e) {
    Edge found;
    ASSERT_TRUE(kg_->FindEdge(kg_->graph()[*e].id, &found));
    EXPECT_EQ(found.idx, e->idx);
    EXPECT_EQ(found.src, e->src);
  }
  Edge e;
  EXPECT_FALSE(kg_->FindEdge(987654, &e));
  EXPECT_FALSE(kg_->FindEdge(0, &e));
}

// ---------------------------------------------------------------- analytics

TEST_F(QueryTest, DegreesCountRelationsNotDenials) {
  std::vector<double> d;
  Degrees(*kg_, Measure::kDegree, &d);
  EXPECT_EQ(d[V("Russia")], 6);
  EXPECT_EQ(d[V("Iceland")], 0);
  Degrees(*kg_, Measure::kEvidence, &d);
  EXPECT_EQ(d[V("Russia")], 7);
  Degrees(*kg_, Measure::kInDegree, &d);
  EXPECT_EQ(d[V("Syria")], 4);
  Degrees(*kg_, Measure::kOutDegree, &d);
  EXPECT_EQ(d[V("Russia")], 3);

  TopOptions top;
  top.measure = Measure::kInDegree;
  top.limit = 1;
  std::vector<ActorScore> best;
  ASSERT_TRUE(TopActors(*kg_, top, &best).ok());
  ASSERT_EQ(best.size(), 1u);
  EXPECT_EQ(best[0].actor.name, "Syria");
  EXPECT_EQ(best[0].score, 4);
  EXPECT_EQ(best[0].degree, 4);
  top.measure = Measure::kDegree;
  top.limit = 10;
  top.types = {EntityType::kPerson};
  ASSERT_TRUE(TopActors(*kg_, top, &best).ok());
  ASSERT_EQ(best.size(), 3u);
  EXPECT_EQ(best[0].actor.name, "Bashar al-Assad");
  EXPECT_EQ(best[1].actor.name, "Vladimir Putin");
  EXPECT_EQ(best[2].actor.name, "Hafez al-Assad");
  Measure m;
  EXPECT_TRUE(MeasureFromName("pagerank", &m));
  EXPECT_EQ(m, Measure::kPageRank);
  EXPECT_FALSE(MeasureFromName("fame", &m));
}

TEST_F(QueryTest, PageRankIsADistribution) {
  std::vector<double> pr;
  int iterations = 0;
  ASSERT_TRUE(PageRank(*kg_, {}, &pr, &iterations).ok());
  ASSERT_EQ(pr.size(), kg_->num_actors());
  EXPECT_NEAR(std::accumulate(pr.begin(), pr.end(), 0.0), 1.0, 1e-12);
  EXPECT_GT(iterations, 5);
  EXPECT_LT(iterations, 200);
  // Syria is where relations end; Iceland's only relation is denied, so it has the
  // teleport share only, like the other actors nobody points at.
  EXPECT_EQ(std::max_element(pr.begin(), pr.end()) - pr.begin(), V("Syria"));
  EXPECT_NEAR(pr[V("Iceland")], pr[V("Hafez al-Assad")], 1e-12);
  // Two threads give the same figures.
  PageRankOptions two;
  two.threads = 2;
  std::vector<double> pr2;
  ASSERT_TRUE(PageRank(*kg_, two, &pr2).ok());
  for (size_t i = 0; i < pr.size(); ++i) EXPECT_NEAR(pr[i], pr2[i], 1e-12);
  // Weighted by evidence, the doubly reported strike lifts the Islamic State.
  PageRankOptions weighted;
  weighted.weighted = true;
  ASSERT_TRUE(PageRank(*kg_, weighted, &pr2).ok());
  EXPECT_GT(pr2[V("Islamic State")], pr[V("Islamic State")]);
  PageRankOptions bad;
  bad.damping = 1.5;
  EXPECT_EQ(PageRank(*kg_, bad, &pr2).code(), Status::Code::kUsage);
}

// A random graph where every actor has an outgoing relation: Boost's page_rank (which
// ignores dangling actors) then computes the same thing as ours.
std::unique_ptr<KnowledgeGraph> RandomGraph(int n, int m, bool every_vertex_out, uint64_t seed) {
  std::mt19937_64 rng(seed);
  KnowledgeGraph::Builder b;
  for (int i = 1; i <= n; ++i)
    EXPECT_TRUE(
        b.AddActor(i, "k" + std::to_string(i), "n" + std::to_string(i), EntityType::kState, "")
            .ok());
  int64_t id = 1;
  std::uniform_int_distribution<int> pick(1, n);
  if (every_vertex_out) {
    for (int i = 1; i <= n; ++i) {
      EXPECT_TRUE(b.AddRelation(id++, i, i % n + 1, RelationType::kConsult, false, "", 1, "", "",
                                Modality::kAsserted)
                      .ok());
    }
  }
  for (int k = 0; k < m; ++k) {
    EXPECT_TRUE(b.AddRelation(id++, pick(rng), pick(rng),
                              static_cast<RelationType>(k % static_cast<int>(RelationType::kCount)),
                              k % 17 == 0, "", 1 + k % 3, "", "", Modality::kAsserted)
                    .ok());
  }
  std::unique_ptr<KnowledgeGraph> kg;
  EXPECT_TRUE(b.Build(&kg).ok());
  return kg;
}

TEST(AnalyticsTest, PageRankMatchesBoostWithoutDanglingActors) {
  auto kg = RandomGraph(300, 1200, true, 7);
  std::vector<double> ours, boost;
  PageRankOptions options;
  options.tolerance = 1e-14;
  options.max_iterations = 1000;
  ASSERT_TRUE(PageRank(*kg, options, &ours).ok());
  BoostPageRank(*kg, 300, &boost);
  ASSERT_EQ(ours.size(), boost.size());
  for (size_t i = 0; i < ours.size(); ++i) EXPECT_NEAR(ours[i], boost[i], 1e-9) << i;
}

TEST(AnalyticsTest, BetweennessMatchesBoost) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    auto kg = RandomGraph(120, 200, false, seed);
    std::vector<double> ours, boost;
    ASSERT_TRUE(Betweenness(*kg, {}, &ours).ok());
    BoostBetweenness(*kg, &boost);
    ASSERT_EQ(ours.size(), boost.size());
    for (size_t i = 0; i < ours.size(); ++i) EXPECT_NEAR(ours[i], boost[i], 1e-7) << i;
    BetweennessOptions two;
    two.threads = 2;
    std::vector<double> parallel;
    ASSERT_TRUE(Betweenness(*kg, two, &parallel).ok());
    for (size_t i = 0; i < ours.size(); ++i) EXPECT_NEAR(ours[i], parallel[i], 1e-7) << i;
  }
}

TEST(AnalyticsTest, SampledBetweennessEstimatesTheExactOne) {
  auto kg = RandomGraph(400, 1600, true, 11);
  std::vector<double> exact, all, sampled;
  ASSERT_TRUE(Betweenness(*kg, {}, &exact).ok());
  BetweennessOptions every;
  every.samples = 400;  // every source: exact again
  ASSERT_TRUE(Betweenness(*kg, every, &all).ok());
  for (size_t i = 0; i < exact.size(); ++i) EXPECT_NEAR(exact[i], all[i], 1e-7);
  BetweennessOptions half;
  half.samples = 200;
  ASSERT_TRUE(Betweenness(*kg, half, &sampled).ok());
  const double total = std::accumulate(exact.begin(), exact.end(), 0.0);
  const double estimate = std::accumulate(sampled.begin(), sampled.end(), 0.0);
  EXPECT_NEAR(estimate / total, 1.0, 0.15);
  // The most central actor is found either way.
  EXPECT_EQ(std::max_element(exact.begin(), exact.end()) - exact.begin(),
            std::max_element(sampled.begin(), sampled.end()) - sampled.begin());
}

TEST_F(QueryTest, BetweennessOnTheFixture) {
  std::vector<double> bc;
  ASSERT_TRUE(Betweenness(*kg_, {}, &bc).ok());
  // Russia sits between its six neighbours and the rest; the leaves carry nothing.
  EXPECT_EQ(std::max_element(bc.begin(), bc.end()) - bc.begin(), V("Russia"));
  EXPECT_EQ(bc[V("NATO")], 0);
  EXPECT_EQ(bc[V("Iceland")], 0);
  std::vector<double> boost;
  BoostBetweenness(*kg_, &boost);
  for (size_t i = 0; i < bc.size(); ++i) EXPECT_NEAR(bc[i], boost[i], 1e-9);
}

// ---------------------------------------------------------------- builder

TEST(BuilderTest, RefusesInconsistentGraphs) {
  {
    KnowledgeGraph::Builder b;
    ASSERT_TRUE(b.AddActor(1, "a", "A", EntityType::kState, "").ok());
    ASSERT_TRUE(b.AddActor(1, "b", "B", EntityType::kState, "").ok());
    std::unique_ptr<KnowledgeGraph> kg;
    EXPECT_EQ(b.Build(&kg).code(), Status::Code::kInvalidInput);
  }
  {
    KnowledgeGraph::Builder b;
    ASSERT_TRUE(b.AddActor(1, "a", "A", EntityType::kState, "").ok());
    ASSERT_TRUE(
        b.AddRelation(1, 1, 2, RelationType::kAid, false, "", 1, "", "", Modality::kAsserted).ok());
    std::unique_ptr<KnowledgeGraph> kg;
    Status st = b.Build(&kg);
    EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
    EXPECT_NE(st.message().find("missing actor"), std::string::npos);
  }
  {
    KnowledgeGraph::Builder b;
    EXPECT_EQ(
        b.AddRelation(1, 1, 1, RelationType::kAid, false, "", 1, "2015-31", "", Modality::kAsserted)
            .code(),
        Status::Code::kInvalidInput);
  }
}

TEST(BuilderTest, KeepsIdsSparseOrDense) {
  KnowledgeGraph::Builder b;
  // Added out of order, with sparse ids.
  ASSERT_TRUE(b.AddActor(5000000000, "far", "Far", EntityType::kPlace, "FRA").ok());
  ASSERT_TRUE(b.AddActor(3, "near", "Near", EntityType::kUnknown, "").ok());
  ASSERT_TRUE(b.AddRelation(900000000000, 5000000000, 3, RelationType::kLocatedIn, false, "", 2,
                            "2015", "2016-02", Modality::kPossible)
                  .ok());
  std::unique_ptr<KnowledgeGraph> kg;
  ASSERT_TRUE(b.Build(&kg).ok());
  EXPECT_FALSE(kg->has_store());
  VertexProps far;
  ASSERT_TRUE(kg->FindActor(5000000000, &far));
  EXPECT_EQ(far.key, "far");
  EXPECT_EQ(far.country, "FRA");
  Edge e;
  ASSERT_TRUE(kg->FindEdge(900000000000, &e));
  const EdgeProps p = kg->Props(e);
  EXPECT_EQ(p.first_date, "2015");
  EXPECT_EQ(p.last_date, "2016-02");
  EXPECT_EQ(p.modality, Modality::kPossible);
  EXPECT_EQ(p.evidence_count, 2);
  // Without a store: names resolve by key and name, and there is no timeline.
  VertexProps v;
  ASSERT_TRUE(kg->ResolveActor("near", &v).ok());
  EXPECT_EQ(v.id, 3);
  ASSERT_TRUE(kg->ResolveActor("FAR", &v).ok());
  EXPECT_EQ(v.id, 5000000000);
  Timeline tl;
  EXPECT_TRUE(kg->ActorTimeline(3, {}, 0, &tl).IsNotFound());
  // A window uses the relation's own span.
  RelationFilter w;
  ASSERT_TRUE(MakeDateRange("2016-01", "", &w.dates).ok());
  std::vector<RelationFact> facts;
  ASSERT_TRUE(kg->Neighbors(3, w, {}, &facts).ok());
  EXPECT_EQ(facts.size(), 1u);
}

}  // namespace
}  // namespace geokg
