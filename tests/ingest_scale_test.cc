// Ingest at archive scale: RSS and Atom feeds, near-duplicate detection, byte counting and
// stopping in the reader, and the ordered parallel pipeline.

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../src/ingest/reader_internal.h"
#include "geokg/ingest/dedup.h"
#include "geokg/ingest/parallel.h"
#include "geokg/ingest/reader.h"
#include "test_util.h"

namespace geokg {
namespace {

using testing::TempDir;
using testing::WriteTextFile;

struct ReadResult {
  std::vector<Article> articles;
  std::vector<std::string> errors;
  int failed = 0;
};

ReadResult Read(const std::vector<std::string>& inputs, const ReadOptions& options = {}) {
  ReadResult r;
  r.failed = ReadInputs(
      inputs, options, [&](Article& a) { r.articles.push_back(std::move(a)); },
      [&](const Status& s) { r.errors.push_back(s.message()); });
  return r;
}

std::string Gzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---------------------------------------------------------------------------------------
// Feeds

const char kRss[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>  Le   Monde international </title>
    <link>https://example.org/</link>
    <language>fr-FR</language>
    <description>Toute l'actualité</description>
    <item>
      <title>La Russie frappe Alep</title>
      <link>https://example.org/a1</link>
      <guid isPermaLink="false">urn:example:a1</guid>
      <pubDate>Wed, 30 Sep 2015 18:04:00 +0200</pubDate>
      <description>Un résumé &lt;b&gt;court&lt;/b&gt;.</description>
      <content:encoded><![CDATA[<p>Des avions russes ont frappé Alep mercredi.</p><p>Le Kremlin a confirmé l'opération&nbsp;militaire.</p><script>alert(1)</script>]]></content:encoded>
    </item>
    <item>
      <title>Sans contenu</title>
      <link>https://example.org/a2</link>
      <dc:date>2015-10-01T08:00:00Z</dc:date>
      <description>&lt;p&gt;Washington a condamné les frappes &amp;amp; appelé au calme.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Titre seul : Moscou et Ankara se parlent</title>
    </item>
    <item>
      <link>https://example.org/empty</link>
    </item>
  </channel>
</rss>
)";

TEST(Feeds, ReadsRss2Items) {
  TempDir dir;
  const std::string path = dir.File("monde.rss");
  WriteTextFile(path, kRss);
  ReadResult r = Read({path});
  ASSERT_EQ(r.articles.size(), 3u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.id, "urn:example:a1");
  EXPECT_EQ(a.title, "La Russie frappe Alep");
  EXPECT_EQ(a.url, "https://example.org/a1");
  EXPECT_EQ(a.date, "2015-09-30");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(a.source, "Le Monde international");
  EXPECT_EQ(a.text,
            "Des avions russes ont frappé Alep mercredi.\n\nLe Kremlin a confirmé l'opération "
            "militaire.");
  EXPECT_EQ(a.origin, path + ":9");

  const Article& b = r.articles[1];
  EXPECT_EQ(b.id, "https://example.org/a2");  // no guid: the link
  EXPECT_EQ(b.date, "2015-10-01");
  EXPECT_EQ(b.text, "Washington a condamné les frappes & appelé au calme.");

  const Article& c = r.articles[2];
  EXPECT_EQ(c.id, "monde#3");  // neither guid nor link: the file name and the item number
  EXPECT_EQ(c.text, "Titre seul : Moscou et Ankara se parlent");

  // The fourth item has no text at all: one error naming its line.
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], path + ":26: empty feed item (no content, description or title)");
  EXPECT_EQ(r.failed, 1);
}

TEST(Feeds, ReadsAtomEntries) {
  TempDir dir;
  const std::string path = dir.File("wire.atom");
  WriteTextFile(path, R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">World Wire</title>
  <id>urn:wire</id>
  <entry>
    <title>NATO meets in Madrid</title>
    <link rel="self" href="https://wire.example/self/1"/>
    <link rel="alternate" type="text/html" href="https://wire.example/1"/>
    <id>tag:wire.example,2022:1</id>
    <updated>2022-06-30T10:00:00Z</updated>
    <published>2022-06-29T09:00:00Z</published>
    <summary>Short summary.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>NATO leaders invited Finland and Sweden to join.</p><p>Turkey lifted its veto.</p></div></content>
  </entry>
  <entry xml:lang="fr">
    <title>Une dépêche</title>
    <id>tag:wire.example,2022:2</id>
    <updated>2022-07-01T10:00:00Z</updated>
    <summary type="html">&lt;p&gt;L'OTAN a invité la Finlande.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <id>tag:wire.example,2022:3</id>
    <content type="text">Plain   text content
with a line break.</content>
  </entry>
</feed>
)");
  ReadResult r = Read({path});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  ASSERT_EQ(r.articles.size(), 3u);
  EXPECT_EQ(r.articles[0].id, "tag:wire.example,2022:1");
  EXPECT_EQ(r.articles[0].url, "https://wire.example/1");
  EXPECT_EQ(r.articles[0].date, "2022-06-29");  // published before updated
  EXPECT_EQ(r.articles[0].lang, "en");
  EXPECT_EQ(r.articles[0].source, "World Wire");
  EXPECT_EQ(r.articles[0].text,
            "NATO leaders invited Finland and Sweden to join.\n\nTurkey lifted its veto.");
  EXPECT_EQ(r.articles[1].lang, "fr");
  EXPECT_EQ(r.articles[1].date, "2022-07-01");
  EXPECT_EQ(r.articles[1].text, "L'OTAN a invité la Finlande.");
  EXPECT_EQ(r.articles[2].text, "Plain   text content\nwith a line break.");
}

TEST(Feeds, ReadsRss1Rdf) {
  TempDir dir;
  const std::string path = dir.File("old.xml");
  WriteTextFile(path, R"(<?xml version="1.0"?>
<!-- an RSS 1.0 feed -->
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old News</title><dc:language>en</dc:language></channel>
  <item rdf:about="https://old.example/7">
    <title>Talks resume</title>
    <link>https://old.example/7</link>
    <dc:date>2003-03-20</dc:date>
    <description>Iran and the EU resumed talks.</description>
  </item>
</rdf:RDF>
)");
  ReadResult r = Read({path});
  ASSERT_TRUE(r.errors.empty()) << r.errors[0];
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].id, "https://old.example/7");
  EXPECT_EQ(r.articles[0].date, "2003-03-20");
  EXPECT_EQ(r.articles[0].source, "Old News");
  EXPECT_EQ(r.articles[0].text, "Iran and the EU resumed talks.");
}

TEST(Feeds, CompressedFeedsAndIncludePatterns) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "feeds" / "sub");
  WriteTextFile(dir.File("feeds/sub/a.rss.gz"), Gzip(kRss));
  WriteTextFile(dir.File("feeds/b.txt"), "A text that the pattern leaves out.");
  ReadOptions options;
  options.include = {"*.rss", "*.rss.gz"};
  ReadResult r = Read({dir.File("feeds")}, options);
  EXPECT_EQ(r.articles.size(), 3u);
  EXPECT_EQ(r.failed, 1);  // the empty item
  EXPECT_EQ(r.articles[0].id, "urn:example:a1");
}

TEST(Feeds, XmlThatIsNotAFeedAndMalformedFeeds) {
  TempDir dir;
  WriteTextFile(dir.File("data.xml"), "<?xml version=\"1.0\"?><catalog><book/></catalog>");
  ReadResult r = Read({dir.File("data.xml")});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], dir.File("data.xml") + ": XML that is not an RSS or Atom feed");

  // Cut in the middle: the items before the cut are read, then one error names a line.
  std::string cut(kRss);
  cut.resize(cut.find("<item>", cut.find("</item>")) + 20);
  WriteTextFile(dir.File("cut.rss"), cut);
  r = Read({dir.File("cut.rss")});
  ASSERT_GE(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].id, "urn:example:a1");
  ASSERT_FALSE(r.errors.empty());
  EXPECT_TRUE(Contains(r.errors.back(), "cut.rss:")) << r.errors.back();

  // An .rss whose root is something else.
  WriteTextFile(dir.File("page.rss"), "<html><body><p>Not a feed</p></body></html>");
  r = Read({dir.File("page.rss")});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], dir.File("page.rss") + ": not an RSS or Atom feed (root element <html>)");
}

TEST(Feeds, ExternalEntitiesAreNotLoaded) {
  TempDir dir;
  WriteTextFile(dir.File("secret.txt"), "SECRET-CONTENT");
  WriteTextFile(dir.File("evil.rss"),
                "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"file://" +
                    dir.File("secret.txt") +
                    "\">]>\n<rss><channel><item><title>T</title><description>before &x; "
                    "after</description></item></channel></rss>\n");
  ReadResult r = Read({dir.File("evil.rss")});
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_FALSE(Contains(r.articles[0].text, "SECRET")) << r.articles[0].text;
  EXPECT_TRUE(Contains(r.articles[0].text, "before")) << r.articles[0].text;
}

TEST(Feeds, SniffsFeedsByContent) {
  EXPECT_TRUE(reader_internal::LooksLikeFeed("\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<rss>"));
  EXPECT_TRUE(reader_internal::LooksLikeFeed("<!-- c --><!DOCTYPE x><feed xmlns=\"a\">"));
  EXPECT_TRUE(reader_internal::LooksLikeFeed("  <rdf:RDF xmlns:rdf=\"x\">"));
  EXPECT_FALSE(reader_internal::LooksLikeFeed("<!DOCTYPE html><html><body>"));
  EXPECT_FALSE(reader_internal::LooksLikeFeed("plain text <rss>"));
  EXPECT_FALSE(reader_internal::LooksLikeFeed("<?xml version=\"1.0\""));

  // A .txt file holding a feed is read as a feed.
  TempDir dir;
  WriteTextFile(dir.File("saved.txt"), kRss);
  ReadResult r = Read({dir.File("saved.txt")});
  EXPECT_EQ(r.articles.size(), 3u);
}

// Standard input holding a feed (also gzip-compressed) is sniffed as a feed.
TEST(Feeds, StandardInput) {
  TempDir dir;
  WriteTextFile(dir.File("feed.rss"), kRss);
  WriteTextFile(dir.File("feed.rss.gz"), Gzip(kRss));
  for (const char* name : {"feed.rss", "feed.rss.gz"}) {
    std::fflush(stdin);
    const int saved = dup(0);
    FILE* f = std::fopen(dir.File(name).c_str(), "rb");
    ASSERT_NE(f, nullptr);
    dup2(fileno(f), 0);
    std::fclose(f);
    clearerr(stdin);
    ReadResult r = Read({"-"});
    dup2(saved, 0);
    close(saved);
    clearerr(stdin);
    ASSERT_EQ(r.articles.size(), 3u) << name;
    EXPECT_EQ(r.articles[0].id, "urn:example:a1");
    EXPECT_EQ(r.articles[0].origin, "stdin:9");
  }
}

TEST(Feeds, HtmlFragmentText) {
  EXPECT_EQ(reader_internal::HtmlFragmentText("  plain \n text  "), "plain text");
  EXPECT_EQ(reader_internal::HtmlFragmentText("<p>One</p><p>Two <b>bold</b></p>"),
            "One\n\nTwo bold");
  EXPECT_EQ(reader_internal::HtmlFragmentText("A &amp; B<br>C<style>x{}</style>"), "A & B\nC");
  EXPECT_EQ(reader_internal::HtmlFragmentText(""), "");
}

// A feed far larger than the item limit streams through: memory follows the item.
TEST(Feeds, LargeFeedStreams) {
  TempDir dir;
  const std::string path = dir.File("big.rss");
  {
    std::ofstream out(path);
    out << "<rss><channel><title>Big</title>";
    for (int i = 0; i < 20000; ++i) {
      out << "<item><guid>g" << i << "</guid><description>Item number " << i
          << " says that Russia and China held talks.</description></item>\n";
    }
    out << "</channel></rss>\n";
  }
  size_t n = 0;
  int failed = ReadInputs(
      {path}, {}, [&](Article& a) { n += a.id == "g" + std::to_string(n) ? 1 : 0; },
      [](const Status&) {});
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(n, 20000u);
}

// ---------------------------------------------------------------------------------------
// Byte counting and stopping

TEST(ReaderScale, CountsBytesAsStored) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 3000; ++i) {
    jsonl += "{\"id\": \"a" + std::to_string(i) + "\", \"text\": \"Some text number " +
             std::to_string(i) + " about talks.\"}\n";
  }
  WriteTextFile(dir.File("a.jsonl"), jsonl);
  WriteTextFile(dir.File("b.jsonl.gz"), Gzip(jsonl));
  for (const char* name : {"a.jsonl", "b.jsonl.gz"}) {
    uint64_t bytes = 0;
    ReadOptions options;
    options.on_bytes = [&](uint64_t n) { bytes += n; };
    ReadResult r = Read({dir.File(name)}, options);
    EXPECT_EQ(r.articles.size(), 3000u);
    EXPECT_EQ(bytes, std::filesystem::file_size(dir.File(name))) << name;
  }
}

TEST(ReaderScale, StopsAtTheNextArticle) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 1000; ++i) jsonl += "{\"id\": \"" + std::to_string(i) + "\", \"text\": \"x\"}\n";
  WriteTextFile(dir.File("a.jsonl"), jsonl);
  WriteTextFile(dir.File("b.txt"), "never read");
  std::atomic<bool> stop{false};
  ReadOptions options;
  options.stop = &stop;
  std::vector<std::string> ids;
  ReadInputs(
      {dir.File("a.jsonl"), dir.File("b.txt")}, options,
      [&](Article& a) {
        ids.push_back(a.id);
        if (ids.size() == 10) stop = true;
      },
      [](const Status&) {});
  EXPECT_EQ(ids.size(), 10u);
}

// ---------------------------------------------------------------------------------------
// Near-duplicates

std::string ExampleText(const std::string& name) {
  return ReadWholeFile(std::string(GEOKG_TEST_DIR) + "/../examples/" + name);
}

const std::vector<std::string> kExamples = {
    "en-crimea-g8-suspension-2014.txt", "en-mosul-victory-2017.txt",
    "en-nato-madrid-summit-2022.txt",   "en-turkey-syria-pause-2019.txt",
    "fr-accords-abraham-2020.txt",      "fr-arabie-iran-mediation-chine-2023.txt",
    "fr-barkhane-retrait-mali-2022.txt", "fr-syrie-frappes-russes-2015.txt"};

// A republication: another headline, different spacing and punctuation, the last
// paragraph dropped, a "Lire aussi" line added.
std::string Republish(const std::string& text) {
  std::string t = text;
  t.erase(0, t.find('\n'));  // drop the headline
  t = "Breaking: " + t;
  t.erase(t.rfind("\n\n"));  // drop the last paragraph
  for (char& c : t) {
    if (c == ',') c = ';';
  }
  return t + "\n\nLire aussi : nos autres articles sur le sujet.";
}

TEST(NearDuplicates, SketchIgnoresCaseSpacingAndPunctuation) {
  TextSketch a, b, c;
  SketchText("Russia and China held talks in Beijing on Monday, officials said.", &a);
  SketchText("RUSSIA  and china held talks -- in Beijing on Monday; officials said!", &b);
  SketchText("Turkey and Syria agreed on a pause in the fighting near the border.", &c);
  EXPECT_EQ(a.shingles, 9u);
  EXPECT_DOUBLE_EQ(EstimateJaccard(a, b), 1.0);
  EXPECT_LT(EstimateJaccard(a, c), 0.2);
}

TEST(NearDuplicates, FindsRepublishedStoriesOnly) {
  NearDuplicateIndex index;
  uint64_t story = 0;
  for (size_t i = 0; i < kExamples.size(); ++i) {
    TextSketch s;
    SketchText(ExampleText(kExamples[i]), &s);
    ASSERT_GT(s.shingles, 100u);
    EXPECT_FALSE(index.FindOrAdd(s, 100 + i, &story)) << kExamples[i] << " matched " << story;
  }
  EXPECT_EQ(index.size(), kExamples.size());
  for (size_t i = 0; i < kExamples.size(); ++i) {
    TextSketch s;
    SketchText(Republish(ExampleText(kExamples[i])), &s);
    ASSERT_TRUE(index.FindOrAdd(s, 200 + i, &story)) << kExamples[i];
    EXPECT_EQ(story, 100 + i);
  }
  // Duplicates are not added as stories.
  EXPECT_EQ(index.size(), kExamples.size());
}

// A longer version of an earlier story (the dispatch, then the full article) adds text: it
// is a story of its own. The dispatch after the full article adds nothing: a duplicate.
TEST(NearDuplicates, LongerVersionsAreStoriesShorterOnesDuplicates) {
  const std::string full = ExampleText(kExamples[0]);
  const std::string dispatch = full.substr(0, full.size() * 55 / 100);
  TextSketch s_full, s_dispatch;
  SketchText(full, &s_full);
  SketchText(dispatch, &s_dispatch);
  uint64_t story = 0;
  {
    NearDuplicateIndex index;
    EXPECT_FALSE(index.FindOrAdd(s_dispatch, 1, &story));
    EXPECT_FALSE(index.FindOrAdd(s_full, 2, &story)) << "the full article was taken for a copy";
  }
  {
    NearDuplicateIndex index;
    EXPECT_FALSE(index.FindOrAdd(s_full, 1, &story));
    ASSERT_TRUE(index.FindOrAdd(s_dispatch, 2, &story));
    EXPECT_EQ(story, 1u);
  }
}

TEST(NearDuplicates, ShortTextsAreNeverMatched) {
  NearDuplicateIndex index;
  TextSketch s;
  SketchText("Russia strikes Aleppo.", &s);
  uint64_t story = 0;
  EXPECT_FALSE(index.FindOrAdd(s, 1, &story));
  EXPECT_FALSE(index.FindOrAdd(s, 2, &story));
  EXPECT_EQ(index.size(), 0u);
}

TEST(NearDuplicates, ForgetsTheOldestStoryWhenFull) {
  NearDuplicateOptions options;
  options.capacity = 3;
  NearDuplicateIndex index(options);
  std::vector<TextSketch> sketches(5);
  uint64_t story = 0;
  for (size_t i = 0; i < 5; ++i) {
    SketchText(ExampleText(kExamples[i]), &sketches[i]);
    EXPECT_FALSE(index.FindOrAdd(sketches[i], i, &story));
  }
  EXPECT_EQ(index.size(), 3u);
  // 0 and 1 are forgotten (re-added as new stories), 2..4 are found.
  TextSketch again;
  SketchText(Republish(ExampleText(kExamples[0])), &again);
  EXPECT_FALSE(index.FindOrAdd(again, 10, &story));
  for (size_t i = 3; i < 5; ++i) {
    ASSERT_TRUE(index.FindOrAdd(sketches[i], 20 + i, &story));
    EXPECT_EQ(story, i);
  }
  // Adding story 10 pushed out story 2.
  EXPECT_FALSE(index.FindOrAdd(sketches[2], 30, &story));
}

// Many distinct texts built from a shared vocabulary: no false matches, and the index
// keeps finding copies after many evictions.
TEST(NearDuplicates, NoFalseMatchesAmongManyTexts) {
  std::mt19937 rng(7);
  std::vector<std::string> words;
  for (int i = 0; i < 3000; ++i) words.push_back("w" + std::to_string(i));
  auto text = [&](int n) {
    std::string t;
    for (int i = 0; i < n; ++i) t += words[rng() % words.size()] + (i % 12 == 11 ? ". " : " ");
    return t;
  };
  NearDuplicateOptions options;
  options.capacity = 500;
  NearDuplicateIndex index(options);
  uint64_t story = 0;
  std::vector<std::string> texts;
  for (int i = 0; i < 3000; ++i) {
    texts.push_back(text(150 + static_cast<int>(rng() % 400)));
    TextSketch s;
    SketchText(texts.back(), &s);
    ASSERT_FALSE(index.FindOrAdd(s, static_cast<uint64_t>(i), &story)) << i << " ~ " << story;
  }
  EXPECT_EQ(index.size(), 500u);
  EXPECT_LT(index.MemoryBytes(), size_t{2} << 20);
  int found = 0;
  for (int i = 2600; i < 3000; ++i) {
    std::string copy = "Update. " + texts[static_cast<size_t>(i)].substr(0, texts[static_cast<size_t>(i)].size() * 9 / 10);
    TextSketch s;
    SketchText(copy, &s);
    if (index.FindOrAdd(s, 100000 + static_cast<uint64_t>(i), &story) &&
        story == static_cast<uint64_t>(i)) {
      ++found;
    }
  }
  EXPECT_GE(found, 396);  // recall >= 99% for 90% copies
}

// ---------------------------------------------------------------------------------------
// The ordered pipeline

TEST(OrderedPipeline, ConsumesInPushOrderWithBoundedMemory) {
  for (int jobs : {1, 3}) {
    PipelineOptions options;
    options.jobs = jobs;
    options.max_items = 5;
    options.max_bytes = 1000;
    std::atomic<int> in_flight{0}, peak{0};
    std::vector<uint64_t> order;
    std::vector<std::string> outputs;
    std::mutex mu;
    std::set<int> inits;
    OrderedPipeline pipeline(
        options,
        [&](int worker, WorkItem* item) {
          // Later items finish first now and then.
          std::this_thread::sleep_for(std::chrono::microseconds((item->seq * 7919) % 500));
          item->output = item->article.text + "/" + std::to_string(worker >= 0);
        },
        [&](std::unique_ptr<WorkItem> item) {
          order.push_back(item->seq);
          outputs.push_back(item->output);
          --in_flight;
        });
    ASSERT_TRUE(pipeline
                    .Start([&](int worker) {
                      std::lock_guard<std::mutex> lock(mu);
                      inits.insert(worker);
                      return Status::Ok();
                    })
                    .ok());
    EXPECT_EQ(inits.size(), static_cast<size_t>(jobs));
    for (int i = 0; i < 300; ++i) {
      auto item = std::make_unique<WorkItem>();
      item->article.text = std::string(static_cast<size_t>(i % 400), 'x');
      if (i % 10 == 3) item->action = WorkItem::Action::kSkip;
      const int now = ++in_flight;
      int p = peak;
      while (now > p && !peak.compare_exchange_weak(p, now)) {
      }
      ASSERT_TRUE(pipeline.Push(std::move(item)));
    }
    pipeline.Finish();
    ASSERT_EQ(order.size(), 300u);
    for (size_t i = 0; i < order.size(); ++i) ASSERT_EQ(order[i], i);
    EXPECT_EQ(outputs[3], "");  // skipped: no work done
    EXPECT_EQ(outputs[4], "xxxx/1");
    EXPECT_LE(peak, 6);  // max_items, plus the one being pushed
  }
}

TEST(OrderedPipeline, InitFailureAndExceptionsReachTheCaller) {
  PipelineOptions options;
  options.jobs = 2;
  {
    OrderedPipeline pipeline(options, [](int, WorkItem*) {}, [](std::unique_ptr<WorkItem>) {});
    Status st = pipeline.Start([](int worker) {
      return worker == 1 ? Status::NotFound("no data") : Status::Ok();
    });
    EXPECT_EQ(st.message(), "no data");
  }
  {
    OrderedPipeline pipeline(
        options, [](int, WorkItem* item) { GEOKG_ASSERT(item->seq != 5); },
        [](std::unique_ptr<WorkItem>) {});
    ASSERT_TRUE(pipeline.Start([](int) { return Status::Ok(); }).ok());
    int pushed = 0;
    for (int i = 0; i < 1000; ++i) {
      if (!pipeline.Push(std::make_unique<WorkItem>())) break;
      ++pushed;
    }
    EXPECT_GT(pushed, 5);
    EXPECT_THROW(pipeline.Finish(), InternalError);
  }
}

}  // namespace
}  // namespace geokg
