// Exports (GraphML, GEXF, node-link and Cytoscape JSON, neo4j CSV, triples) of whole graphs
// and selections, and the streaming GraphML reader: our own files round-trip, foreign ones
// are read, broken ones are refused with their line.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "fixture_db.h"
#include "fixture_graph.h"
#include "geokg/graph/export.h"
#include "geokg/graph/graph.h"
#include "geokg/graph/import.h"
#include "geokg/ontology.h"
#include "test_util.h"

namespace geokg {
namespace {

using testing::TempDir;

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// A relation as every format can tell it: both keys, type, negation and aggregates.
using RelKey = std::tuple<std::string, std::string, std::string, bool, int64_t, std::string,
                          std::string, std::string, std::string>;

std::multiset<RelKey> Relations(const KnowledgeGraph& kg) {
  std::multiset<RelKey> out;
  const Graph& g = kg.graph();
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const EdgeProps p = kg.Props(*e);
    out.emplace(std::string(kg.Key(boost::source(*e, g))),
                std::string(kg.Key(boost::target(*e, g))), std::string(Relation(p.type).name),
                p.negated, p.evidence_count, p.first_date, p.last_date,
                std::string(ModalityName(p.modality)), p.cameo);
  }
  return out;
}

// `s` without the control characters XML 1.0 cannot carry (exports drop them).
std::string XmlSafe(const std::string& s) {
  std::string out;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
  return out;
}

std::set<std::tuple<int64_t, std::string, std::string, std::string, std::string>> Actors(
    const KnowledgeGraph& kg) {
  std::set<std::tuple<int64_t, std::string, std::string, std::string, std::string>> out;
  for (Vertex v = 0; v < kg.num_actors(); ++v) {
    const VertexProps a = kg.Actor(v);
    out.emplace(a.id, a.key, XmlSafe(a.name), std::string(EntityTypeName(a.type)), a.country);
  }
  return out;
}

bool HaveXmllint() { return std::system("xmllint --version >/dev/null 2>&1") == 0; }

class ExportTest : public testing::FixtureGraphTest {
 protected:
  void SetUp() override {
    FixtureGraphTest::SetUp();
    if (HasFatalFailure()) return;
    whole_.whole = true;
  }

  // Validates `file` against ../shared/eval/schemas/<schema>; skips when impossible.
  void Validate(const std::string& file, const std::string& schema) {
    const std::string xsd = std::string(GEOKG_SHARED_DIR) + "/eval/schemas/" + schema;
    if (!std::filesystem::exists(xsd) || !HaveXmllint())
      GTEST_SKIP() << "no " << xsd << " or xmllint";
    const std::string err = tmp_.File("xmllint.err");
    const std::string cmd =
        "xmllint --noout --nonet --schema '" + xsd + "' '" + file + "' 2>'" + err + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << testing::ReadTextFile(err);
  }

  std::string Write(const std::string& name,
                    Status (*fn)(const KnowledgeGraph&, const Subgraph&, std::ostream&),
                    const Subgraph& sg) {
    const std::string file = tmp_.File(name);
    std::ofstream out(file, std::ios::binary);
    Status st = fn(*kg_, sg, out);
    EXPECT_TRUE(st.ok()) << st.message();
    out.close();
    return file;
  }

  Subgraph whole_;
};

// ---------------------------------------------------------------- GraphML

TEST_F(ExportTest, GraphmlOfAnEgoNetworkValidatesAndCarriesHops) {
  Subgraph ego;
  ASSERT_TRUE(kg_->EgoNetwork(Id("Russia"), 1, {}, 0, &ego).ok());
  const std::string file = Write("ego.graphml", WriteGraphml, ego);
  const std::string xml = testing::ReadTextFile(file);
  EXPECT_EQ(Count(xml, "<node id="), 7u);
  EXPECT_EQ(Count(xml, "<edge id="), 7u);
  EXPECT_NE(xml.find("attr.name=\"hops\" attr.type=\"int\""), std::string::npos);
  EXPECT_NE(xml.find("parse.nodes=\"7\" parse.edges=\"7\""), std::string::npos);
  Validate(file, "graphml/graphml.xsd");
}

TEST_F(ExportTest, GraphmlOfAWindowCarriesTheWindowsCounts) {
  RelationFilter filter;
  ASSERT_TRUE(MakeDateRange("2015-09", "2015-09", &filter.dates).ok());
  Subgraph sg;
  ASSERT_TRUE(kg_->Select(filter, false, &sg).ok());
  const std::string xml = testing::ReadTextFile(Write("window.graphml", WriteGraphml, sg));
  EXPECT_EQ(Count(xml, "<edge id="), 5u);
  EXPECT_EQ(Count(xml, "2015-10-02"), 0u);  // the strike shows its September report only
  EXPECT_EQ(Count(xml, "<data key=\"e_evidence_count\">2</data>"), 0u);
}

TEST_F(ExportTest, GraphmlRoundTripsThroughTheStreamingReader) {
  const std::string file = Write("all.graphml", WriteGraphml, whole_);
  std::unique_ptr<KnowledgeGraph> back;
  GraphmlImportStats stats;
  Status st = ReadGraphmlGraph(file, {}, &back, &stats);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(stats.nodes, testing::kFixtureEntities);
  EXPECT_EQ(stats.edges, testing::kFixtureRelations);
  EXPECT_EQ(stats.refused, 0);
  EXPECT_EQ(Actors(*back), Actors(*kg_));
  EXPECT_EQ(Relations(*back), Relations(*kg_));
  // The relation ids come back too (from "e<id>").
  for (auto [e, end] = boost::edges(kg_->graph()); e != end; ++e) {
    Edge found;
    EXPECT_TRUE(back->FindEdge(kg_->graph()[*e].id, &found));
  }
  // And writing it again gives the same document.
  std::ostringstream again;
  ASSERT_TRUE(WriteGraphml(*back, again).ok());
  EXPECT_EQ(again.str(), testing::ReadTextFile(file));
}

TEST_F(ExportTest, GraphmlReaderReadsForeignFiles) {
  // What networkx or yEd write: keys with defaults, an undirected graph, labels instead of
  // names, an edge before its nodes, another vocabulary's elements, CDATA and entities.
  const std::string file = tmp_.File("foreign.graphml");
  testing::WriteTextFile(file, R"(<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key id="d0" for="node" attr.name="label" attr.type="string"/>
  <key id="d1" for="edge" attr.name="relation" attr.type="string"><default>CONSULT</default></key>
  <key id="d2" for="edge" attr.name="weight" attr.type="double"/>
  <key id="d3" for="node" attr.name="type" attr.type="string"><default>STATE</default></key>
  <graph edgedefault="undirected">
    <edge source="a" target="b"><data key="d2">3.0</data></edge>
    <node id="a"><data key="d0">R&amp;D <![CDATA[<Lab>]]></data><y:ShapeNode/></node>
    <node id="b"><data key="d0">Beta</data><data key="d3">IGO</data></node>
    <node id="c"/>
    <edge source="b" target="c"><data key="d1">ASSAULT</data></edge>
    <edge source="c" target="a"><data key="d1">nonsense</data></edge>
  </graph>
</graphml>
)");
  std::vector<std::string> errors;
  GraphmlImportOptions options;
  options.on_error = [&](const Status& s) { errors.push_back(s.message()); };
  std::unique_ptr<KnowledgeGraph> kg;
  GraphmlImportStats stats;
  Status st = ReadGraphmlGraph(file, options, &kg, &stats);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(stats.nodes, 3);
  EXPECT_EQ(stats.edges, 2);
  EXPECT_EQ(stats.refused, 1);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("unknown relation type 'nonsense'"), std::string::npos) << errors[0];
  std::set<std::string> names;
  for (Vertex v = 0; v < kg->num_actors(); ++v) names.emplace(kg->Name(v));
  EXPECT_EQ(names, (std::set<std::string>{"R&D <Lab>", "Beta", "c"}));
  std::multiset<std::string> rels;
  for (auto [e, end] = boost::edges(kg->graph()); e != end; ++e) {
    const EdgeProps p = kg->Props(*e);
    rels.insert(std::string(Relation(p.type).name) + " " + std::to_string(p.evidence_count));
  }
  EXPECT_EQ(rels, (std::multiset<std::string>{"CONSULT 3", "ASSAULT 1"}));
  VertexProps beta;
  ASSERT_TRUE(kg->ResolveActor("beta", &beta).ok());
  EXPECT_EQ(beta.type, EntityType::kIgo);

  // With a default relation the third edge goes in too.
  options.has_default_relation = true;
  options.default_relation = RelationType::kAid;
  ASSERT_TRUE(ReadGraphmlGraph(file, options, &kg, &stats).ok());
  EXPECT_EQ(stats.edges, 3);
  EXPECT_EQ(stats.refused, 0);
}

TEST_F(ExportTest, GraphmlReaderTellsNumberedIdsApart) {
  // "n42" and "n042" are two nodes; huge numbers and plain names work too.
  const std::string file = tmp_.File("ids.graphml");
  testing::WriteTextFile(file, R"(<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="r" for="edge" attr.name="relation" attr.type="string"><default>AID</default></key>
  <graph edgedefault="directed">
    <node id="n42"/><node id="n042"/><node id="n99999999999"/><node id="x"/><node id="n0"/>
    <edge source="n042" target="n42"/>
    <edge source="x" target="n99999999999"/>
    <edge source="n0" target="n042"/>
  </graph>
</graphml>
)");
  std::unique_ptr<KnowledgeGraph> kg;
  GraphmlImportStats stats;
  ASSERT_TRUE(ReadGraphmlGraph(file, {}, &kg, &stats).ok());
  EXPECT_EQ(stats.nodes, 5);
  EXPECT_EQ(stats.edges, 3);
  std::multiset<std::string> ends;
  for (auto [e, end] = boost::edges(kg->graph()); e != end; ++e)
    ends.insert(std::string(kg->Name(boost::source(*e, kg->graph()))) + ">" +
                std::string(kg->Name(boost::target(*e, kg->graph()))));
  EXPECT_EQ(ends, (std::multiset<std::string>{"n042>n42", "x>n99999999999", "n0>n042"}));
  testing::WriteTextFile(file,
                         "<graphml><graph><node id=\"n042\"/><node id=\"n42\"/>"
                         "<node id=\"n042\"/></graph></graphml>");
  Status st = ReadGraphmlGraph(file, {}, &kg, nullptr);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_NE(st.message().find("two nodes have the id 'n042'"), std::string::npos) << st.message();
}

TEST_F(ExportTest, GraphmlReaderRefusesBrokenFiles) {
  std::unique_ptr<KnowledgeGraph> kg;
  const std::string bad = tmp_.File("bad.graphml");
  testing::WriteTextFile(bad,
                         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                         "<graph edgedefault=\"directed\">\n"
                         "<node id=\"a\"></graph>\n");
  Status st = ReadGraphmlGraph(bad, {}, &kg, nullptr);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_NE(st.message().find(bad + ": line 3"), std::string::npos) << st.message();

  testing::WriteTextFile(bad, "<gexf><graph/></gexf>\n");
  st = ReadGraphmlGraph(bad, {}, &kg, nullptr);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_NE(st.message().find("not GraphML"), std::string::npos) << st.message();

  testing::WriteTextFile(bad,
                         "<graphml><graph><node id=\"a\"><data key=\"nokey\">x</data></node>"
                         "</graph></graphml>\n");
  st = ReadGraphmlGraph(bad, {}, &kg, nullptr);
  EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
  EXPECT_NE(st.message().find("undeclared key 'nokey'"), std::string::npos) << st.message();

  testing::WriteTextFile(bad, "<graphml><graph><node id=\"a\"/><node id=\"a\"/></graph></graphml>");
  EXPECT_EQ(ReadGraphmlGraph(bad, {}, &kg, nullptr).code(), Status::Code::kInvalidInput);

  EXPECT_EQ(ReadGraphmlGraph(tmp_.File("missing.graphml"), {}, &kg, nullptr).code(),
            Status::Code::kIoError);
}

// ---------------------------------------------------------------- GEXF

TEST_F(ExportTest, GexfGivesRelationsTheirTimeIntervals) {
  const std::string file = Write("kg.gexf", WriteGexf, whole_);
  const std::string xml = testing::ReadTextFile(file);
  EXPECT_NE(xml.find("xmlns=\"http://gexf.net/1.3\""), std::string::npos);
  EXPECT_NE(
      xml.find("mode=\"dynamic\" timeformat=\"date\" start=\"2015-09-30\" end=\"2015-10-02\""),
      std::string::npos);
  EXPECT_NE(xml.find("<nodes count=\"12\">"), std::string::npos);
  EXPECT_NE(xml.find("<edges count=\"13\">"), std::string::npos);
  EXPECT_EQ(Count(xml, "<node id="), 12u);
  EXPECT_EQ(Count(xml, "<edge id="), 13u);
  // The strike spans both reports and weighs two.
  EXPECT_NE(xml.find("label=\"ASSAULT\" kind=\"ASSAULT\" weight=\"2\" start=\"2015-09-30\" "
                     "end=\"2015-10-02\""),
            std::string::npos);
  EXPECT_NE(xml.find("label=\"NOT CONSULT\""), std::string::npos);
  // Russia lives from its first to its last dated relation; Hafez al-Assad has no span.
  EXPECT_NE(xml.find("label=\"Russia\" start=\"2015-09-30\" end=\"2015-10-02\""),
            std::string::npos);
  EXPECT_NE(xml.find("label=\"Hafez al-Assad\">"), std::string::npos);
  EXPECT_NE(xml.find("label=\"Cafe &lt;Noir&gt; &amp; &quot;Fils&quot; &apos;Ltd&apos;\""),
            std::string::npos);
  Validate(file, "gexf/1.3/gexf.xsd");
}

TEST_F(ExportTest, GexfWidensPartialDates) {
  KnowledgeGraph::Builder b;
  ASSERT_TRUE(b.AddActor(1, "a", "A", EntityType::kState, "").ok());
  ASSERT_TRUE(b.AddActor(2, "b", "B", EntityType::kState, "").ok());
  ASSERT_TRUE(b.AddRelation(1, 1, 2, RelationType::kAid, false, "", 1, "2016-02", "2016",
                            Modality::kAsserted)
                  .ok());
  std::unique_ptr<KnowledgeGraph> kg;
  ASSERT_TRUE(b.Build(&kg).ok());
  std::ostringstream os;
  Subgraph all;
  all.whole = true;
  ASSERT_TRUE(WriteGexf(*kg, all, os).ok());
  EXPECT_NE(os.str().find("start=\"2016-02-01\" end=\"2016-12-31\""), std::string::npos)
      << os.str();
}

// ---------------------------------------------------------------- JSON

TEST_F(ExportTest, NodeLinkJsonIsWhatD3AndNetworkxRead) {
  std::ostringstream os;
  ASSERT_TRUE(WriteNodeLinkJson(*kg_, whole_, os).ok());
  const nlohmann::json j = nlohmann::json::parse(os.str());
  EXPECT_TRUE(j.at("directed").get<bool>());
  EXPECT_TRUE(j.at("multigraph").get<bool>());
  ASSERT_EQ(j.at("nodes").size(), 12u);
  ASSERT_EQ(j.at("links").size(), 13u);
  std::set<std::string> ids;
  for (const auto& n : j.at("nodes")) {
    ids.insert(n.at("id").get<std::string>());
    EXPECT_EQ(n.at("id").get<std::string>(),
              "n" + std::to_string(n.at("entity_id").get<int64_t>()));
  }
  for (const auto& l : j.at("links")) {
    EXPECT_TRUE(ids.count(l.at("source").get<std::string>()));
    EXPECT_TRUE(ids.count(l.at("target").get<std::string>()));
    EXPECT_EQ(l.at("key"), l.at("id"));
    RelationType t;
    EXPECT_TRUE(RelationFromName(l.at("relation").get<std::string>(), &t));
  }
  // The odd name survives, control characters dropped by nothing: JSON escapes them.
  EXPECT_NE(os.str().find("\"Cafe <Noir> & \\\"Fils\\\" 'Ltd'\\u0001\\u001f\""), std::string::npos);
}

TEST_F(ExportTest, CytoscapeJsonHasElements) {
  Subgraph ego;
  ASSERT_TRUE(kg_->EgoNetwork(Id("Syria"), 1, {}, 0, &ego).ok());
  std::ostringstream os;
  ASSERT_TRUE(WriteCytoscapeJson(*kg_, ego, os).ok());
  const nlohmann::json j = nlohmann::json::parse(os.str());
  const auto& nodes = j.at("elements").at("nodes");
  const auto& edges = j.at("elements").at("edges");
  EXPECT_EQ(nodes.size(), ego.actors.size());
  EXPECT_EQ(edges.size(), ego.relations.size());
  for (const auto& n : nodes) {
    EXPECT_EQ(n.at("data").at("id"), n.at("data").at("value"));
    EXPECT_TRUE(n.at("data").contains("hops"));
  }
  for (const auto& e : edges) EXPECT_EQ(e.at("data").at("id"), e.at("data").at("key"));
}

// ---------------------------------------------------------------- CSV

TEST_F(ExportTest, Neo4jCsvQuotesAndTypesItsColumns) {
  std::ostringstream actors, relations;
  ASSERT_TRUE(WriteNeo4jCsv(*kg_, whole_, actors, relations).ok());
  std::istringstream a(actors.str()), r(relations.str());
  std::string line;
  std::getline(a, line);
  EXPECT_EQ(line, "actorId:ID(Actor),entity_id:long,key,name,type,country,:LABEL");
  std::vector<std::string> rows;
  while (std::getline(a, line)) rows.push_back(line);
  EXPECT_EQ(rows.size(), 12u);
  const int64_t russia = Id("Russia");
  EXPECT_NE(actors.str().find("n" + std::to_string(russia) + "," + std::to_string(russia) +
                              ",\"state:RUS\",\"Russia\",STATE,\"RUS\",Actor;STATE"),
            std::string::npos);
  // Quotes doubled, control characters as spaces, nothing on a second line.
  EXPECT_NE(actors.str().find("\"Cafe <Noir> & \"\"Fils\"\" 'Ltd'  \""), std::string::npos);
  std::getline(r, line);
  EXPECT_EQ(line,
            ":START_ID(Actor),:END_ID(Actor),:TYPE,relation_id:long,coarse,cameo,"
            "negated:boolean,evidence_count:long,first_date:date,last_date:date,modality");
  rows.clear();
  while (std::getline(r, line)) rows.push_back(line);
  EXPECT_EQ(rows.size(), 13u);
  EXPECT_NE(
      relations.str().find(",ASSAULT,2,CONFLICT,\"195\",false,2,2015-09-30,2015-10-02,asserted"),
      std::string::npos);
  // The undated NATO criticism: empty date fields (null for neo4j).
  EXPECT_NE(relations.str().find(",false,1,,,asserted"), std::string::npos);
}

// ---------------------------------------------------------------- triples

TEST_F(ExportTest, TriplesOfASelection) {
  Subgraph ego;
  ASSERT_TRUE(kg_->EgoNetwork(Id("Syria"), 1, {}, 0, &ego).ok());
  TripleSelection sel;
  sel.graph = kg_.get();
  sel.subgraph = &ego;
  std::ostringstream os;
  ASSERT_TRUE(WriteTriplesJsonl(store_.get(), sel, os).ok());
  std::set<std::string> members;
  for (Vertex v : ego.actors) members.emplace(kg_->Name(v));
  std::istringstream in(os.str());
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    const nlohmann::json j = nlohmann::json::parse(line);
    EXPECT_TRUE(members.count(j.at("subject").at("name").get<std::string>())) << line;
    EXPECT_TRUE(members.count(j.at("object").at("name").get<std::string>())) << line;
    EXPECT_TRUE(j.contains("span"));
    EXPECT_TRUE(j.contains("evidence"));
    EXPECT_TRUE(j.at("subject").contains("key"));
  }
  EXPECT_EQ(static_cast<size_t>(n), ego.relations.size());  // one report each

  sel.subgraph = nullptr;
  ASSERT_TRUE(MakeDateRange("2015-10-02", "2015-10-02", &sel.dates).ok());
  std::ostringstream dated;
  ASSERT_TRUE(WriteTriplesJsonl(store_.get(), sel, dated).ok());
  EXPECT_EQ(Count(dated.str(), "\n"), 8u);  // the English article's eight triples
}

TEST_F(ExportTest, WritersReportAFailingStream) {
  std::ostringstream os;
  os.setstate(std::ios::badbit);
  EXPECT_EQ(WriteGraphml(*kg_, whole_, os).code(), Status::Code::kIoError);
  EXPECT_EQ(WriteGexf(*kg_, whole_, os).code(), Status::Code::kIoError);
  EXPECT_EQ(WriteNodeLinkJson(*kg_, whole_, os).code(), Status::Code::kIoError);
  EXPECT_EQ(WriteCytoscapeJson(*kg_, whole_, os).code(), Status::Code::kIoError);
  std::ostringstream fine;
  EXPECT_EQ(WriteNeo4jCsv(*kg_, whole_, fine, os).code(), Status::Code::kIoError);
  EXPECT_EQ(WriteTriplesJsonl(store_.get(), os).code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace geokg
