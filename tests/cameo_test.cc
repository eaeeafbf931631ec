// CAMEO actor dictionaries (geokg/ingest/cameo.h): the reader on our own invented fixture
// (tests/data/cameo/actors.txt: every line kind and the bad lines the format allows), the
// conversion merged against the shipped gazetteer, and the real PETRARCH dictionaries in
// ../shared/dictionaries when they are there.
#include "geokg/ingest/cameo.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "geokg/ingest/extractor.h"
#include "test_util.h"

namespace geokg {
namespace {

const std::string kFixture = std::string(GEOKG_TEST_DIR) + "/data/cameo/actors.txt";
const std::string kPetrarch = std::string(GEOKG_SHARED_DIR) + "/dictionaries/petrarch/";

bool Contains(const std::vector<std::string>& v, const std::string& needle) {
  return std::any_of(v.begin(), v.end(),
                     [&](const std::string& s) { return s.find(needle) != std::string::npos; });
}

// The line of `tsv` whose key is `key`, split on tabs; empty when absent.
std::vector<std::string> Line(const std::string& tsv, const std::string& key) {
  std::istringstream in(tsv);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key + "\t", 0) != 0) continue;
    std::vector<std::string> cols;
    std::istringstream cs(line);
    for (std::string c; std::getline(cs, c, '\t');) cols.push_back(c);
    while (cols.size() < 8) cols.emplace_back();
    return cols;
  }
  return {};
}

TEST(CameoReader, ReadsEveryLineKindAndNamesBadLines) {
  std::vector<CameoActor> actors;
  std::vector<std::string> problems;
  ASSERT_TRUE(ReadCameoActors(kFixture, &actors, &problems).ok());
  ASSERT_EQ(actors.size(), 8u);  // nothing after ---STOP---, nothing from the comments
  EXPECT_EQ(actors[0].name, "Republique Francaise");
  EXPECT_EQ(actors[0].code, "FRA");
  EXPECT_EQ(actors[0].synonyms, (std::vector<std::string>{"Etat Francais", "Strelsau"}));
  const CameoActor& rudolf = actors[1];
  EXPECT_EQ(rudolf.name, "Rudolf Elphberg");
  ASSERT_EQ(rudolf.roles.size(), 3u);
  EXPECT_EQ(rudolf.roles[0].code, "FRAGOV");
  EXPECT_EQ(rudolf.roles[0].from, "1987-01-01");  // YYMMDD: 87 is 1987 ...
  EXPECT_EQ(rudolf.roles[0].to, "1992-12-31");
  EXPECT_EQ(rudolf.roles[1].from, "1993-01-01");  // >date: from then on
  EXPECT_EQ(rudolf.roles[1].to, "");
  const CameoActor& flavia = actors[2];
  ASSERT_EQ(flavia.roles.size(), 3u);
  EXPECT_EQ(flavia.roles[0].to, "2020-10-05");  // ... and 20 is 2020; <date: until then
  EXPECT_EQ(flavia.roles[1].code, "FRALEG");
  EXPECT_EQ(flavia.roles[2].from, "2004-02-29");  // indented with spaces and a tab
  EXPECT_EQ(actors[6].roles.size(), 1u);          // inline brackets; [---] codes nothing
  const std::string f = kFixture + ":";
  for (const char* want :
       {"14: bad date", "15: end before start", "17: bad date", "18: a date needs <, > or a range",
        "19: bad code 'ruR'", "20: unclosed '['", "30: a code with no actor phrase",
        "31: synonym before any actor"})
    EXPECT_TRUE(Contains(problems, f + want)) << want;
  EXPECT_EQ(problems.size(), 8u);
}

TEST(CameoReader, DisplayNames) {
  EXPECT_EQ(CameoDisplayName("AL-QAEDA_IN_THE_ISLAMIC_MAGHREB_"),
            "Al-Qaeda in the Islamic Maghreb");
  EXPECT_EQ(CameoDisplayName("NATO"), "NATO");
  EXPECT_EQ(CameoDisplayName("COTE_D'IVOIRE"), "Cote D'Ivoire");
  EXPECT_EQ(CameoDisplayName("ST._JOHN'S"), "St. John's");
  EXPECT_EQ(CameoDisplayName("ANSF"), "ANSF");
  EXPECT_EQ(CameoDisplayName("LIBYAN_NTC_"), "Libyan NTC");
}

TEST(CameoImport, MergesIntoTheGazetteerAndMapsCodes) {
  CameoImport r;
  Status st = ImportCameoActors({kFixture}, "", {}, &r);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(r.actors, 8);
  EXPECT_EQ(r.merged, 1);  // the [FRA] actor is our France, whatever its phrase
  EXPECT_EQ(r.added, 7);
  EXPECT_EQ(r.problems.size(), 8u);
  // The synonym "France" of another actor is France's already: left out and reported.
  EXPECT_TRUE(Contains(r.conflicts, "actors.txt:28: 'France' is already state:FRA"));
  std::vector<std::string> fra = Line(r.tsv, "state:FRA");
  ASSERT_FALSE(fra.empty());
  EXPECT_EQ(fra[6], "Etat Francais|Strelsau");  // a country's other phrases: metonyms
  std::vector<std::string> rudolf = Line(r.tsv, "person:cameo-rudolf-elphberg");
  ASSERT_FALSE(rudolf.empty());
  EXPECT_EQ(rudolf[1], "PERSON");
  EXPECT_EQ(rudolf[2], "FRA");
  EXPECT_EQ(rudolf[4], "King Rudolf");
  EXPECT_NE(rudolf[7].find("MEMBER_OF>"), std::string::npos);
  EXPECT_NE(rudolf[7].find(">1987-01-01>1992-12-31"), std::string::npos);
  EXPECT_EQ(rudolf[7].find("ELI"), std::string::npos);  // elite is no role
  EXPECT_EQ(Line(r.tsv, "armed:cameo-rupert-hentzau-brigade")[1], "ARMED_GROUP");
  EXPECT_EQ(Line(r.tsv, "org:cameo-ostmark-consortium")[2], "FRA");
  EXPECT_EQ(Line(r.tsv, "igo:cameo-league-of-zenda")[1], "IGO");
  // A role coded with an organisation's code points at that organisation's entry.
  EXPECT_NE(Line(r.tsv, "person:cameo-john-zenda")[7].find("MEMBER_OF>igo:cameo-league-of-zenda>"),
            std::string::npos);
  // An actor already present is not made twice (the synonym repeats the primary phrase).
  EXPECT_EQ(Line(r.tsv, "armed:cameo-rupert-hentzau-brigade")[4], "Hentzau");
}

TEST(CameoImport, ExtractorReadsTheDictionaryDirectly) {
  ExtractorOptions options;
  options.extra_gazetteers = {kFixture};
  std::vector<std::string> warnings;
  options.on_warning = [&](const std::string& w) { warnings.push_back(w); };
  std::unique_ptr<Extractor> ex;
  Status st = Extractor::Create(options, &ex);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(Contains(warnings, "actors.txt:14: bad date"));
  EXPECT_TRUE(Contains(warnings, "CAMEO actor dictionary: 8 actors"));
  Article a;
  a.id = "t";
  a.lang = "en";
  a.date = "2004-05-01";
  a.text = "The Rupert Hentzau Brigade attacked the Zenda Gendarmerie near the border.\n";
  Document doc;
  ASSERT_TRUE(ex->Process(a, &doc).ok());
  std::set<std::string> keys;
  for (const Entity& e : doc.entities) keys.insert(e.key);
  EXPECT_TRUE(keys.count("armed:cameo-rupert-hentzau-brigade")) << doc.entities.size();
  EXPECT_TRUE(keys.count("org:cameo-zenda-gendarmerie"));
}

TEST(CameoImport, PetrarchDictionaries) {
  const std::vector<std::string> files = {kPetrarch + "Phoenix.Countries.actors.txt",
                                          kPetrarch + "Phoenix.International.actors.txt",
                                          kPetrarch + "Phoenix.MilNonState.actors.txt"};
  for (const std::string& f : files)
    if (!std::filesystem::exists(f)) GTEST_SKIP() << "no " << f;
  CameoImport r;
  Status st = ImportCameoActors(files, "", {}, &r);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_GT(r.actors, 25000);
  EXPECT_GT(r.added, 20000);
  EXPECT_GT(r.merged, 1000);  // states, IGOs, leaders we list already
  EXPECT_LT(r.problems.size(), 50u);
  // Every key once; known actors keep their key and gain names, no cameo- twin.
  std::istringstream in(r.tsv);
  std::set<std::string> keys;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::string key = line.substr(0, line.find('\t'));
    EXPECT_TRUE(keys.insert(key).second) << key;
  }
  EXPECT_TRUE(keys.count("state:AFG"));
  EXPECT_FALSE(keys.count("person:cameo-ban-ki-moon"));
  EXPECT_FALSE(keys.count("igo:cameo-united-nations"));
  EXPECT_FALSE(keys.count("place:cameo-iraq"));
  // The result loads as a gazetteer.
  testing::TempDir dir;
  const std::string tsv = dir.File("cameo.tsv");
  std::ofstream(tsv) << r.tsv;
  ExtractorOptions options;
  options.extra_gazetteers = {tsv};
  std::unique_ptr<Extractor> ex;
  st = Extractor::Create(options, &ex);
  EXPECT_TRUE(st.ok()) << st.message();
}

}  // namespace
}  // namespace geokg
