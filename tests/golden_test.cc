// Golden tests: each examples/ article against tests/golden/<name>.expected.jsonl, one
// GoogleTest case per article (registered at start-up from the files).
//
// An article's case fails when extraction produces a relation its file marks "absent"
// (precision), or finds fewer expected relations than tests/golden/floor.json records for it
// (a ratchet: the floor only goes up; raise it when extraction improves). Misses are
// printed so the gap stays visible.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "geokg/common/text.h"
#include "geokg/ingest/extractor.h"
#include "geokg/ingest/reader.h"
#include "geokg/ontology.h"

namespace geokg {
namespace {

namespace fs = std::filesystem;
const fs::path kTests = GEOKG_TEST_DIR;
const fs::path kExamples = kTests.parent_path() / "examples";

Extractor& SharedExtractor() {
  static std::unique_ptr<Extractor> ex = [] {
    std::unique_ptr<Extractor> e;
    Status st = Extractor::Create({}, &e);
    if (!st.ok()) throw std::runtime_error(st.message());
    return e;
  }();
  return *ex;
}

std::set<std::string> Names(const nlohmann::json& line, const char* side) {
  std::set<std::string> out{FoldName(line.at(side).get<std::string>())};
  std::string alt = std::string(side) + "_alt";
  if (line.contains(alt))
    for (const auto& a : line[alt]) out.insert(FoldName(a.get<std::string>()));
  return out;
}

struct Found {
  std::set<std::string> subject, object;
  RelationType relation;
  bool negated;
};

bool Matches(const nlohmann::json& exp, const Found& f) {
  RelationType rel;
  if (!RelationFromName(exp.at("relation").get<std::string>(), &rel) || rel != f.relation) return false;
  if (exp.value("negated", false) != f.negated) return false;
  auto overlap = [](const std::set<std::string>& a, const std::set<std::string>& b) {
    for (const std::string& x : a)
      if (b.count(x)) return true;
    return false;
  };
  std::set<std::string> s = Names(exp, "subject"), o = Names(exp, "object");
  if (overlap(s, f.subject) && overlap(o, f.object)) return true;
  return Relation(rel).symmetric && overlap(s, f.object) && overlap(o, f.subject);
}

Article LoadArticle(const std::string& name) {
  Article found;
  fs::path txt = kExamples / (name + ".txt");
  std::vector<std::string> inputs{fs::exists(txt) ? txt.string() : (kExamples / "news.jsonl").string()};
  ReadInputs(inputs, {}, [&](Article& a) {
    if (a.id == name) found = a;
  }, [](const Status&) {});
  return found;
}

void RunGolden(const std::string& name, const fs::path& expected_file, int floor) {
  Article article = LoadArticle(name);
  ASSERT_FALSE(article.text.empty()) << "no article '" << name << "' in examples/";
  Document doc;
  ASSERT_TRUE(SharedExtractor().Process(article, &doc).ok());
  std::vector<Found> found;
  for (const Triple& t : doc.triples) {
    Found f;
    const Entity& s = doc.entities[static_cast<size_t>(t.subject)];
    const Entity& o = doc.entities[static_cast<size_t>(t.object)];
    f.subject = {FoldName(s.name), FoldName(t.subject_mention)};
    f.object = {FoldName(o.name), FoldName(t.object_mention)};
    f.relation = t.relation;
    f.negated = t.negated;
    found.push_back(std::move(f));
  }
  std::ifstream in(expected_file);
  std::string line;
  int expected = 0, hits = 0;
  std::ostringstream misses;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    nlohmann::json exp = nlohmann::json::parse(line);
    bool hit = false;
    for (const Found& f : found) hit = hit || Matches(exp, f);
    if (exp.value("absent", false)) {
      EXPECT_FALSE(hit) << "produced a relation the text does not state: " << line;
      continue;
    }
    ++expected;
    if (hit) {
      ++hits;
    } else {
      misses << "  missed: " << exp["subject"] << " " << exp["relation"] << " " << exp["object"]
             << (exp.value("negated", false) ? " (negated)" : "") << "\n";
    }
  }
  std::cout << name << ": " << hits << " of " << expected << " expected relations found\n"
            << misses.str();
  EXPECT_GE(hits, floor) << name << " found fewer expected relations than its floor";
}

class GoldenCase : public testing::Test {
 public:
  GoldenCase(std::string name, fs::path file, int floor)
      : name_(std::move(name)), file_(std::move(file)), floor_(floor) {}
  void TestBody() override { RunGolden(name_, file_, floor_); }

 private:
  std::string name_;
  fs::path file_;
  int floor_;
};

// Registers one case per tests/golden/*.expected.jsonl before main runs.
const bool kRegistered = [] {
  fs::path dir = kTests / "golden";
  nlohmann::json floors = nlohmann::json::object();
  if (std::ifstream f(dir / "floor.json"); f) floors = nlohmann::json::parse(f);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string fname = e.path().filename().string();
    if (fname.size() > 15 && fname.compare(fname.size() - 15, 15, ".expected.jsonl") == 0)
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    std::string fname = p.filename().string();
    std::string name = fname.substr(0, fname.size() - 15);
    int floor = floors.value(name, 1);
    std::string test_name = name;
    for (char& ch : test_name)
      if (ch == '-') ch = '_';
    testing::RegisterTest("Golden", test_name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          [=]() -> testing::Test* { return new GoldenCase(name, p, floor); });
  }
  return true;
}();

}  // namespace
}  // namespace geokg
