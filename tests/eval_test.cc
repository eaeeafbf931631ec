// The scorer (geokg/eval/score.h) on our own hand-made gold and predictions. The figures
// below are score.py's on the same files; tests/scripts/test_eval_agrees.sh checks the two
// scorers against each other whenever ../shared/eval is present.
#include "geokg/eval/score.h"

#include <gtest/gtest.h>

#include <string>

namespace geokg::eval {
namespace {

const std::string kDir = std::string(GEOKG_TEST_DIR) + "/data/eval/";

std::string Read(const std::string& name) {
  std::string text;
  Status st = ReadUtf8File(kDir + name, &text);
  EXPECT_TRUE(st.ok()) << st.message();
  return text;
}

TEST(EvalFold, FoldsAsScorePy) {
  EXPECT_EQ(FoldGoldName("L\u2019\u00c9tat-major"), "etat-major");
  EXPECT_EQ(FoldGoldName("l'Ordre"), "ordre");
  EXPECT_EQ(FoldGoldName("  The   Union.  "), "union");
  EXPECT_EQ(FoldGoldName("\u00ab Les Verts \u00bb"), "verts");
  EXPECT_EQ(FoldGoldName("Jean Le Gall"), "jean le gall");  // an article inside stays
  EXPECT_EQ(FoldGoldName("Le Gall"), "gall");               // a leading one goes, as in score.py
  EXPECT_EQ(FoldGoldName("la"), "la");                      // an article alone stays
  EXPECT_EQ(FoldGoldName("l'"), "l");  // the apostrophe is surrounding punctuation
  EXPECT_EQ(FoldGoldName("..."), "");
  EXPECT_EQ(FoldGoldName("\u0130stanbul"), "istanbul");  // İ lowers to i + a combining dot
  EXPECT_EQ(FoldGoldName("\u039f\u0394\u03a5\u03a3\u03a3\u0395\u0391\u03a3"),
            "\u03bf\u03b4\u03c5\u03c3\u03c3\u03b5\u03b1\u03c2");  // final sigma
  EXPECT_EQ(FoldGoldName("a\u2028b\u00a0c"), "a b c");
}

TEST(EvalFold, TypesAndClasses) {
  EXPECT_EQ(FoldEntityType(" person "), "PER");
  EXPECT_EQ(FoldEntityType("armed_group"), "ORG");
  EXPECT_EQ(FoldEntityType("STATE"), "LOC");
  EXPECT_EQ(FoldEntityType("Monument"), "MONUMENT");
  EXPECT_EQ(FoldEntityType(""), "");
  EXPECT_EQ(CoarseClass("MOBILIZE"), "LOCATION");
  EXPECT_EQ(CoarseClass("CONFLICT"), "CONFLICT");
  EXPECT_EQ(CoarseClass("HUGS"), "");
}

TEST(EvalScore, RelationsCoarse) {
  RelationScore s;
  Status st = ScoreRelations(Read("relations.gold.jsonl"), "gold", Read("relations.pred.jsonl"),
                             "pred", false, &s);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(s.docs, 6);
  EXPECT_EQ(s.gold_relations, 14);
  EXPECT_EQ(s.gold_optional, 1);
  EXPECT_EQ(s.optional_matched, 1);
  EXPECT_EQ(s.total.tp, 12);
  EXPECT_EQ(s.total.fp, 5);
  EXPECT_EQ(s.total.fn, 2);
  EXPECT_EQ(s.stats.lines, 34);
  EXPECT_EQ(s.stats.malformed, 10);
  EXPECT_EQ(s.stats.negated, 1);
  EXPECT_EQ(s.stats.outside_gold_docs, 2);
  EXPECT_EQ(s.stats.out_of_scope, 1);
  EXPECT_EQ(s.stats.duplicates, 2);
  EXPECT_EQ(s.per_label.at("CONFLICT").tp, 6);
  EXPECT_EQ(s.per_label.at("CONFLICT").fp, 3);
  EXPECT_EQ(s.per_label.at("CONTROL").fn, 1);  // the wrong direction
  EXPECT_EQ(s.per_label.at("(unknown type)").fp, 1);
  EXPECT_EQ(s.per_label.count("LOCATION"), 0u);  // outside the gold's classes
  const std::string table = FormatTable(s);
  EXPECT_NE(table.find("\nF1 0.774 P 0.706 R 0.857\n"), std::string::npos) << table;
}

TEST(EvalScore, RelationsFine) {
  RelationScore s;
  ASSERT_TRUE(ScoreRelations(Read("relations.gold.jsonl"), "gold", Read("relations.pred.jsonl"),
                             "pred", true, &s)
                  .ok());
  EXPECT_EQ(s.gold_relations, 15);  // fine types keep THREATEN and ASSAULT gold apart
  EXPECT_EQ(s.total.tp, 11);
  EXPECT_EQ(s.total.fp, 7);
  EXPECT_EQ(s.total.fn, 4);
  EXPECT_EQ(s.per_label.at("ASSAULT").fn, 1);
  EXPECT_EQ(s.per_label.at("COOPERATE").fp, 1);  // a class name meets fine gold: no match
  EXPECT_EQ(s.stats.duplicates, 1);
}

TEST(EvalScore, Entities) {
  EntityScore s;
  ASSERT_TRUE(
      ScoreEntities(Read("entities.gold.jsonl"), "gold", Read("entities.pred.jsonl"), "pred", &s)
          .ok());
  EXPECT_EQ(s.gold_entities, 7);
  EXPECT_EQ(s.untyped.tp, 7);
  EXPECT_EQ(s.untyped.fp, 2);
  EXPECT_EQ(s.untyped.fn, 0);
  EXPECT_EQ(s.typed.tp, 6);
  EXPECT_EQ(s.typed.fp, 3);
  EXPECT_EQ(s.typed.fn, 1);
  EXPECT_EQ(s.per_type.at("PER").fp, 3);
  EXPECT_EQ(s.per_type.at("").tp, 1);  // no type on either side matches
  EXPECT_EQ(s.stats.malformed, 3);
  EXPECT_EQ(s.stats.duplicates, 1);
}

TEST(EvalScore, LargestMatchingAndOptional) {
  // "A" alone could take either gold; the matching leaves the required one to "B".
  const std::string gold =
      R"({"doc": "d", "subject": ["A", "B"], "relation": "CONFLICT", "object": ["X"]})"
      "\n"
      R"({"doc": "d", "subject": ["A"], "relation": "CONFLICT", "object": ["X"], "optional": true})"
      "\n";
  const std::string pred = R"({"doc": "d", "subject": "A", "relation": "ASSAULT", "object": "X"})"
                           "\n"
                           R"({"doc": "d", "subject": "B", "relation": "ASSAULT", "object": "X"})"
                           "\n";
  RelationScore s;
  ASSERT_TRUE(ScoreRelations(gold, "g", pred, "p", false, &s).ok());
  EXPECT_EQ(s.total.tp, 1);
  EXPECT_EQ(s.total.fp, 0);
  EXPECT_EQ(s.total.fn, 0);
  EXPECT_EQ(s.optional_matched, 1);
}

TEST(EvalScore, BadGoldNamesItsLine) {
  RelationScore s;
  Status st = ScoreRelations(
      "\n{\"doc\": \"d\", \"subject\": [\"A\"], \"relation\": \"HUGS\", "
      "\"object\": [\"B\"]}\n",
      "g.jsonl", "", "p", false, &s);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind("g.jsonl:2:", 0), 0u) << st.message();
  st = ScoreRelations("{\"doc\": \"d\", \"names\": [\"A\"]}\n", "g.jsonl", "", "p", false, &s);
  EXPECT_NE(st.message().find("--entities"), std::string::npos);
  st = ScoreRelations(
      "{\"doc\": \"d\", \"subject\": [\"A\"], \"relation\": \"CONFLICT\", "
      "\"object\": [\"B\"], \"fine\": \"CONSULT\"}\n",
      "g.jsonl", "", "p", false, &s);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(DetectGoldKind(Read("entities.gold.jsonl")), GoldKind::kEntities);
  EXPECT_EQ(DetectGoldKind(Read("relations.gold.jsonl")), GoldKind::kRelations);
  EXPECT_EQ(DetectGoldKind(""), GoldKind::kUnknown);
}

}  // namespace
}  // namespace geokg::eval
