// The article reader: JSON Lines (plain, gzip, zstd), plain text, HTML pages, directories,
// standard input, and the errors each of them reports.

#include "geokg/ingest/reader.h"

#include <gtest/gtest.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "../src/ingest/reader_internal.h"
#include "geokg/common/text.h"
#include "test_util.h"

namespace geokg {
namespace {

using testing::TempDir;
using testing::WriteTextFile;

const std::string kDataDir = std::string(GEOKG_TEST_DIR) + "/data/reader/";

// Everything one ReadInputs call produced.
struct ReadResult {
  std::vector<Article> articles;
  std::vector<Status> errors;
  int failed = 0;

  std::vector<std::string> Ids() const {
    std::vector<std::string> ids;
    for (const Article& a : articles) ids.push_back(a.id);
    return ids;
  }
  std::vector<std::string> Messages() const {
    std::vector<std::string> m;
    for (const Status& s : errors) m.push_back(s.message());
    return m;
  }
};

ReadResult Read(const std::vector<std::string>& inputs, const ReadOptions& options = {}) {
  ReadResult r;
  r.failed = ReadInputs(
      inputs, options, [&](Article& a) { r.articles.push_back(std::move(a)); },
      [&](const Status& s) { r.errors.push_back(s); });
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

std::string Zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// Replaces standard input with a file for the life of the object.
class ScopedStdin {
 public:
  explicit ScopedStdin(const std::string& path) {
    std::fflush(stdin);
    saved_ = dup(0);
    FILE* f = std::fopen(path.c_str(), "rb");
    EXPECT_NE(f, nullptr);
    dup2(fileno(f), 0);
    std::fclose(f);
    clearerr(stdin);
  }
  ~ScopedStdin() {
    dup2(saved_, 0);
    close(saved_);
    clearerr(stdin);
  }
  ScopedStdin(const ScopedStdin&) = delete;
  ScopedStdin& operator=(const ScopedStdin&) = delete;

 private:
  int saved_ = -1;
};

// A source that hands out at most `step` bytes a call, to cross every buffer boundary.
class DribbleSource : public reader_internal::ByteSource {
 public:
  DribbleSource(std::string data, size_t step) : data_(std::move(data)), step_(step) {}
  Status Read(char* buf, size_t cap, size_t* n) override {
    *n = std::min({cap, step_, data_.size() - pos_});
    data_.copy(buf, *n, pos_);
    pos_ += *n;
    return Status::Ok();
  }

 private:
  std::string data_;
  size_t step_;
  size_t pos_ = 0;
};

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---------------------------------------------------------------------------------------
// JSON Lines

TEST(ReaderJsonl, ReadsGoodLinesWithAllFields) {
  TempDir dir;
  std::string path = dir.File("in.jsonl");
  WriteTextFile(
      path,
      "\xEF\xBB\xBF{\"id\": \"a1\", \"lang\": \"fr-FR\", \"date\": \"2017-01-13T10:00:00Z\","
      " \"title\": \" Titre \", \"url\": \"http://x/1\", \"source\": \"AFP\","
      " \"text\": \"Paris a condamn\xC3\xA9 l'attaque.\", \"extra\": [1, 2]}\r\n"
      "\r\n"
      "   \n"
      "{\"id\": 42, \"text\": \"Line one\\r\\nLine two\", \"lang\": null, \"date\": null,"
      " \"title\": null, \"url\": null, \"source\": null}\n"
      "{\"id\": \"b\", \"text\": \"x\", \"lang\": \"de\", \"date\": \"not a date\"}");
  ReadResult r = Read({path});
  ASSERT_TRUE(r.errors.empty()) << r.Messages()[0];
  EXPECT_EQ(r.failed, 0);
  ASSERT_EQ(r.articles.size(), 3u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.id, "a1");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(a.date, "2017-01-13");
  EXPECT_EQ(a.title, "Titre");
  EXPECT_EQ(a.url, "http://x/1");
  EXPECT_EQ(a.source, "AFP");
  EXPECT_EQ(a.text, "Paris a condamn\xC3\xA9 l'attaque.");
  EXPECT_EQ(a.origin, path + ":1");
  const Article& b = r.articles[1];
  EXPECT_EQ(b.id, "42");
  EXPECT_EQ(b.text, "Line one\nLine two");
  EXPECT_EQ(b.lang, "");
  EXPECT_EQ(b.date, "");
  EXPECT_EQ(b.title, "");
  EXPECT_EQ(b.origin, path + ":4");
  EXPECT_EQ(r.articles[2].lang, "");  // only fr and en are kept
  EXPECT_EQ(r.articles[2].date, "");
  EXPECT_EQ(r.articles[2].origin, path + ":5");  // the last line has no newline
}

TEST(ReaderJsonl, ReportsBadLinesWithTheirNumbers) {
  TempDir dir;
  std::string path = dir.File("bad.ndjson");
  const std::vector<std::pair<std::string, std::string>> lines = {
      {R"({"id": "ok1", "text": "good"})", ""},
      {R"({"id": "x", "text": "unterminated)", "malformed JSON"},
      {R"({"id": tru, "text": "x"})", "malformed JSON"},
      {R"(["id", "text"])", "not a JSON object"},
      {R"("just a string")", "not a JSON object"},
      {R"({"text": "no id"})", "missing \"id\""},
      {R"({"id": null, "text": "null id"})", "missing \"id\""},
      {R"({"id": true, "text": "x"})", "\"id\" must be a string or a number"},
      {R"({"id": {"a": 1}, "text": "x"})", "\"id\" must be a string or a number"},
      {R"({"id": "  ", "text": "x"})", "empty \"id\""},
      {R"({"id": "t1"})", "missing \"text\""},
      {R"({"id": "t2", "text": 12})", "\"text\" must be a string"},
      {R"({"id": "t3", "text": ""})", "empty article"},
      {R"({"id": "t4", "text": " \n\t "})", "empty article"},
      {R"({"id": "t5", "text": "x", "title": 5})", "\"title\" must be a string or null"},
      {R"({"id": "t6", "text": "x", "lang": ["fr"]})", "\"lang\" must be a string or null"},
      {R"({"id": "t7", "text": "x", "date": 20170113})", "\"date\" must be a string or null"},
      {R"({"id": "t8", "text": "x", "url": false})", "\"url\" must be a string or null"},
      {R"({"id": "t9", "text": "x", "source": {}})", "\"source\" must be a string or null"},
      {"{\"id\": \"u1\", \"text\": \"caf\xE9\"}", "invalid UTF-8 at byte 25"},
      {R"({"id": "u2", "text": "lone \ud800 surrogate"})", "malformed JSON"},
      {R"({"id": "ok2", "text": "still read"} trailing)", "malformed JSON"},
      {R"({"id": "ok3", "text": "good again"})", ""},
  };
  std::string content;
  for (const auto& [line, _] : lines) content += line + "\n";
  WriteTextFile(path, content);
  ReadResult r = Read({path});
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"ok1", "ok3"}));
  std::vector<std::string> expected;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].second.empty()) {
      expected.push_back(path + ":" + std::to_string(i + 1) + ": " + lines[i].second);
    }
  }
  std::vector<std::string> got = r.Messages();
  ASSERT_EQ(got.size(), expected.size());
  EXPECT_EQ(r.failed, static_cast<int>(expected.size()));
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].rfind(expected[i], 0), 0u) << got[i] << "\nexpected " << expected[i];
    EXPECT_EQ(got[i].find('\n'), std::string::npos) << got[i];
    EXPECT_EQ(r.errors[i].code(), Status::Code::kInvalidInput);
  }
}

TEST(ReaderJsonl, MalformedJsonMessageSaysWhere) {
  Article a;
  Status st = ParseJsonArticle(R"({"id": "x", "text": tru})", "f.jsonl:7", &a);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind("f.jsonl:7: malformed JSON (column ", 0), 0u) << st.message();
  EXPECT_TRUE(Contains(st.message(), "tru")) << st.message();
}

TEST(ReaderJsonl, NumericIdsKeepTheirLiteralText) {
  struct Case {
    std::string id_json;
    std::string want;
  };
  for (const Case& c : std::vector<Case>{
           {"0", "0"},
           {"-42", "-42"},
           {"18446744073709551615", "18446744073709551615"},
           {"-9223372036854775808", "-9223372036854775808"},
           {"123456789012345678901234567890", "123456789012345678901234567890"},
           {"1.50", "1.50"},
           {"6.02e23", "6.02e23"},
       }) {
    Article a;
    Status st = ParseJsonArticle(
        "{\"text\": \"t\", \"nested\": {\"id\": 1.0}, \"id\": " + c.id_json + "}", "o", &a);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(a.id, c.want);
  }
  Article a;
  Status st = ParseJsonArticle(R"({"id": 1e400, "text": "t"})", "o:3", &a);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message().rfind("o:3: malformed JSON", 0), 0u) << st.message();
  EXPECT_TRUE(Contains(st.message(), "1e400")) << st.message();
}

TEST(ReaderJsonl, FailedParseLeavesTheArticleAlone) {
  Article a;
  a.id = "keep";
  EXPECT_FALSE(ParseJsonArticle(R"({"id": "new"})", "o", &a).ok());
  EXPECT_EQ(a.id, "keep");
}

TEST(ReaderJsonl, DeeplyNestedLineIsAnErrorNotACrash) {
  std::string deep = "{\"id\": \"d\", \"text\": \"t\", \"x\": " + std::string(100000, '[') +
                     std::string(100000, ']') + "}";
  Article a;
  EXPECT_TRUE(ParseJsonArticle(deep, "o", &a).ok());
  std::string open_only = "{\"id\": \"d\", \"x\": " + std::string(100000, '[');
  EXPECT_FALSE(ParseJsonArticle(open_only, "o", &a).ok());
}

TEST(ReaderJsonl, TooLongLineIsReportedAndSkipped) {
  std::string data = R"({"id": "a", "text": "short"})"
                     "\n{\"id\": \"b\", \"text\": \"" +
                     std::string(500, 'x') + "\"}\n" + R"({"id": "c", "text": "after"})" + "\n";
  DribbleSource source(data, 7);
  std::vector<std::string> ids, errors;
  int failed = reader_internal::ReadJsonLines(
      &source, "big.jsonl", 100, [&](Article& a) { ids.push_back(a.id + "@" + a.origin); },
      [&](const Status& s) { errors.push_back(s.message()); });
  EXPECT_EQ(failed, 1);
  EXPECT_EQ(ids, (std::vector<std::string>{"a@big.jsonl:1", "c@big.jsonl:3"}));
  EXPECT_EQ(errors, (std::vector<std::string>{"big.jsonl:2: line longer than 100 bytes"}));
}

TEST(ReaderJsonl, LongLinesAcrossBufferBoundaries) {
  // A 3 MiB line crosses several 1 MiB reads.
  TempDir dir;
  std::string text(3 << 20, 'a');
  std::string path = dir.File("long.jsonl");
  WriteTextFile(path,
                R"({"id": "long", "text": ")" + text + "\"}\n" + R"({"id": "next", "text": "n"})");
  ReadResult r = Read({path});
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].text, text);
  EXPECT_EQ(r.articles[1].origin, path + ":2");
}

TEST(ReaderLines, SplitsOnNewlinesWhateverTheChunks) {
  for (size_t step : {1u, 2u, 3u, 5u, 64u}) {
    DribbleSource source("one\r\ntwo\n\nthree\r\n\rfour", step);
    reader_internal::LineReader lines(&source, 1000);
    std::vector<std::string> got;
    std::string line;
    while (lines.Next(&line) == reader_internal::LineReader::Result::kLine) got.push_back(line);
    EXPECT_EQ(got, (std::vector<std::string>{"one", "two", "", "three", "\rfour"}));
    EXPECT_EQ(lines.line_number(), 5u);
  }
}

// ---------------------------------------------------------------------------------------
// Compressed JSON Lines

std::string SampleLines(int n) {
  std::string s;
  for (int i = 1; i <= n; ++i) {
    s += "{\"id\": \"n" + std::to_string(i) + "\", \"text\": \"Article number " +
         std::to_string(i) + "\"}\n";
  }
  return s;
}

TEST(ReaderCompressed, GzipJsonLines) {
  TempDir dir;
  std::string path = dir.File("a.jsonl.gz");
  WriteTextFile(path, Gzip(SampleLines(3) + "{bad\n" + SampleLines(1)));
  ReadResult r = Read({path});
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"n1", "n2", "n3", "n1"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message().rfind(path + ":4: malformed JSON", 0), 0u);
  EXPECT_EQ(r.articles[3].origin, path + ":5");
}

TEST(ReaderCompressed, GzipConcatenatedMembers) {
  TempDir dir;
  std::string path = dir.File("b.ndjson.GZ");
  WriteTextFile(path, Gzip(SampleLines(2)) + Gzip(SampleLines(1)));
  EXPECT_EQ(Read({path}).Ids(), (std::vector<std::string>{"n1", "n2", "n1"}));
}

TEST(ReaderCompressed, TruncatedAndCorruptGzip) {
  TempDir dir;
  std::string gz = Gzip(SampleLines(2000));
  std::string truncated = dir.File("t.jsonl.gz");
  WriteTextFile(truncated, gz.substr(0, gz.size() / 2));
  ReadResult r = Read({truncated});
  EXPECT_GT(r.articles.size(), 100u);
  EXPECT_LT(r.articles.size(), 2000u);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.failed, 1);
  EXPECT_EQ(r.errors[0].message().rfind(truncated + ": after line ", 0), 0u);
  EXPECT_TRUE(Contains(r.errors[0].message(), "truncated gzip data"));

  std::string notgz = dir.File("n.jsonl.gz");
  WriteTextFile(notgz, SampleLines(2));
  r = Read({notgz});
  EXPECT_TRUE(r.articles.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message().rfind(notgz + ": corrupt gzip data", 0), 0u)
      << r.errors[0].message();

  std::string empty = dir.File("e.jsonl.gz");
  WriteTextFile(empty, "");
  r = Read({empty});
  EXPECT_TRUE(r.articles.empty());
  EXPECT_TRUE(r.errors.empty());
}

TEST(ReaderCompressed, ZstdJsonLines) {
  TempDir dir;
  std::string path = dir.File("c.json.zst");
  WriteTextFile(path, Zstd(SampleLines(2)) + Zstd(SampleLines(3)));  // two frames
  ReadResult r = Read({path});
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"n1", "n2", "n1", "n2", "n3"}));
  EXPECT_EQ(r.articles[4].origin, path + ":5");
  EXPECT_TRUE(r.errors.empty());
}

TEST(ReaderCompressed, TruncatedAndCorruptZstd) {
  TempDir dir;
  std::string z = Zstd(SampleLines(2000));
  std::string truncated = dir.File("t.jsonl.zst");
  WriteTextFile(truncated, z.substr(0, z.size() - 10));
  ReadResult r = Read({truncated});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_TRUE(Contains(r.errors[0].message(), "truncated zstd data")) << r.errors[0].message();
  EXPECT_LT(r.articles.size(), 2000u);

  std::string bad = dir.File("b.jsonl.zst");
  WriteTextFile(bad, "this is not zstd at all\n");
  r = Read({bad});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_TRUE(Contains(r.errors[0].message(), "corrupt zstd data")) << r.errors[0].message();
}

TEST(ReaderCompressed, ManyLinesStream) {
  // 200,000 lines through gzip and zstd: read in order, each with its own line number.
  TempDir dir;
  std::string lines = SampleLines(200000);
  WriteTextFile(dir.File("many.jsonl.gz"), Gzip(lines));
  WriteTextFile(dir.File("many.jsonl.zst"), Zstd(lines));
  for (const char* name : {"many.jsonl.gz", "many.jsonl.zst"}) {
    size_t count = 0;
    bool in_order = true;
    int failed = ReadInputs(
        {dir.File(name)}, {},
        [&](Article& a) {
          ++count;
          in_order = in_order && a.id == "n" + std::to_string(count) &&
                     a.origin == dir.File(name) + ":" + std::to_string(count);
        },
        [](const Status&) {});
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(count, 200000u);
    EXPECT_TRUE(in_order);
  }
}

TEST(ReaderCompressed, CompressedTextAndHtml) {
  TempDir dir;
  WriteTextFile(dir.File("note.txt.gz"), Gzip("Une d\xC3\xA9p\xC3\xAA"
                                              "che.\n"));
  WriteTextFile(dir.File("page.html.zst"),
                Zstd("<html><body><p>Le texte de la page.</p></body></html>"));
  ReadResult r = Read({dir.File("note.txt.gz"), dir.File("page.html.zst")});
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "note");
  EXPECT_EQ(r.articles[0].text,
            "Une d\xC3\xA9p\xC3\xAA"
            "che.");
  EXPECT_EQ(r.articles[1].id, "page");
  EXPECT_EQ(r.articles[1].text, "Le texte de la page.");
}

// ---------------------------------------------------------------------------------------
// Plain text files

TEST(ReaderText, BomAndCrlfAreNormalised) {
  TempDir dir;
  std::string path = dir.File("depeche.txt");
  WriteTextFile(path, "\xEF\xBB\xBFPARIS (AFP) - Premier paragraphe.\r\n\r\nSecond.\rTrois.\r\n");
  ReadResult r = Read({path});
  ASSERT_TRUE(r.errors.empty());
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.id, "depeche");
  EXPECT_EQ(a.origin, path);
  EXPECT_EQ(a.text, "PARIS (AFP) - Premier paragraphe.\n\nSecond.\nTrois.");
  EXPECT_EQ(a.lang, "");
}

TEST(ReaderText, IdIsTheStem) {
  TempDir dir;
  WriteTextFile(dir.File("report.2017.md"), "text");
  WriteTextFile(dir.File("README"), "text");
  WriteTextFile(dir.File(".txt"), "text");
  ReadResult r = Read({dir.File("report.2017.md"), dir.File("README"), dir.File(".txt")});
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"report.2017", "README", ".txt"}));
}

TEST(ReaderText, BinaryAndBadFilesAreErrors) {
  TempDir dir;
  WriteTextFile(dir.File("nul.txt"), std::string("abc\0def", 7));
  WriteTextFile(dir.File("ctrl.txt"), std::string(200, '\x01') + "some text");
  WriteTextFile(dir.File("latin1.txt"), "Caf\xE9 cr\xE8me");
  WriteTextFile(dir.File("empty.txt"), "");
  WriteTextFile(dir.File("blank.txt"), " \r\n\t\n");
  WriteTextFile(dir.File("bom_only.txt"), "\xEF\xBB\xBF\n");
  WriteTextFile(dir.File("utf16.txt"), std::string("\xFF\xFEh\0i\0", 6));
  ReadResult r = Read({dir.File("nul.txt"), dir.File("ctrl.txt"), dir.File("latin1.txt"),
                       dir.File("empty.txt"), dir.File("blank.txt"), dir.File("bom_only.txt"),
                       dir.File("utf16.txt")});
  EXPECT_TRUE(r.articles.empty());
  EXPECT_EQ(r.failed, 7);
  EXPECT_EQ(r.Messages(),
            (std::vector<std::string>{
                dir.File("nul.txt") + ": binary data, not text (NUL byte at byte 3)",
                dir.File("ctrl.txt") + ": binary data, not text (many control characters)",
                dir.File("latin1.txt") + ": invalid UTF-8 at byte 3",
                dir.File("empty.txt") + ": empty article",
                dir.File("blank.txt") + ": empty article",
                dir.File("bom_only.txt") + ": empty article",
                dir.File("utf16.txt") + ": UTF-16 text is not supported (convert it to UTF-8)",
            }));
}

TEST(ReaderText, MissingFileIsNotFoundAndReadingGoesOn) {
  TempDir dir;
  WriteTextFile(dir.File("ok.txt"), "fine");
  std::string missing = dir.File("missing.jsonl");
  ReadResult r = Read({missing, dir.File("ok.txt"), dir.File("nodir/x.txt")});
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"ok"}));
  ASSERT_EQ(r.errors.size(), 2u);
  EXPECT_EQ(r.failed, 2);
  EXPECT_EQ(r.errors[0].message(), missing + ": no such file or directory");
  EXPECT_TRUE(r.errors[0].IsNotFound());
  EXPECT_TRUE(r.errors[1].IsNotFound());
}

TEST(ReaderText, MessagesStayOnOneLineWhateverTheFileName) {
  TempDir dir;
  std::string path = dir.File("bad\nname\xFF.txt");
  WriteTextFile(path, "");
  ReadResult r = Read({path, dir.File("missing\r.txt")});
  EXPECT_EQ(r.Messages(), (std::vector<std::string>{
                              dir.File("bad?name\xEF\xBF\xBD.txt") + ": empty article",
                              dir.File("missing?.txt") + ": no such file or directory",
                          }));
}

TEST(ReaderText, UnreadableFileIsAnIoError) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads every file";
  TempDir dir;
  std::string path = dir.File("secret.txt");
  WriteTextFile(path, "text");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  ReadResult r = Read({path});
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Status::Code::kIoError);
  EXPECT_EQ(r.errors[0].message().rfind(path + ": ", 0), 0u);
}

TEST(ReaderText, TextThatIsHtmlIsReadAsHtml) {
  TempDir dir;
  WriteTextFile(dir.File("saved.txt"),
                "\n  <!DOCTYPE HTML><html lang=en><body><nav>Menu</nav>"
                "<p>The body text.</p></body></html>");
  ReadResult r = Read({dir.File("saved.txt")});
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].text, "The body text.");
  EXPECT_EQ(r.articles[0].lang, "en");
  EXPECT_EQ(r.articles[0].id, "saved");
}

// ---------------------------------------------------------------------------------------
// Directories

TEST(ReaderDirectory, RecursiveSortedSkippingHiddenFiles) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "b" / "sub");
  std::filesystem::create_directories(dir.path() / ".git");
  WriteTextFile(dir.File("z.txt"), "z");
  WriteTextFile(dir.File("a.txt"), "a");
  WriteTextFile(dir.File("b/sub/deep.txt"), "deep");
  WriteTextFile(dir.File("b/m.jsonl"), R"({"id": "m1", "text": "m"})");
  WriteTextFile(dir.File("B.txt"), "upper");
  WriteTextFile(dir.File(".hidden.txt"), "hidden");
  WriteTextFile(dir.File(".git/config.txt"), "hidden too");
  ReadResult r = Read({dir.path().string()});
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"B", "a", "m1", "deep", "z"}));
  EXPECT_EQ(r.articles[3].origin, dir.File("b/sub/deep.txt"));

  // The same again: the order is stable.
  EXPECT_EQ(Read({dir.path().string()}).Ids(), r.Ids());
}

TEST(ReaderDirectory, IncludePatternsApplyToDirectoriesOnly) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "d" / "e");
  WriteTextFile(dir.File("d/one.jsonl"), R"({"id": "j1", "text": "x"})");
  WriteTextFile(dir.File("d/e/two.jsonl.gz"), Gzip(R"({"id": "j2", "text": "x"})"));
  WriteTextFile(dir.File("d/e/note.txt"), "note");
  WriteTextFile(dir.File("d/image.png"), std::string("\x89PNG\r\n\x1A\n\0\0", 10));
  WriteTextFile(dir.File("explicit.png"), "named on the command line");
  ReadOptions options;
  options.include = {"*.jsonl", "*.jsonl.gz"};
  ReadResult r = Read({dir.File("d"), dir.File("explicit.png")}, options);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"j2", "j1", "explicit"}));

  // Without patterns the PNG is read too, and reported as binary.
  r = Read({dir.File("d")});
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"note", "j2", "j1"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_TRUE(Contains(r.errors[0].message(), "image.png: binary data")) << r.errors[0].message();
}

TEST(ReaderDirectory, UnreadableSubdirectoryIsReportedAndSkipped) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads every folder";
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "a");
  std::filesystem::create_directories(dir.path() / "b");
  WriteTextFile(dir.File("a/x.txt"), "x");
  WriteTextFile(dir.File("b/y.txt"), "y");
  std::filesystem::permissions(dir.path() / "a", std::filesystem::perms::none);
  ReadResult r = Read({dir.path().string()});
  std::filesystem::permissions(dir.path() / "a", std::filesystem::perms::owner_all);
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"y"}));
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].code(), Status::Code::kIoError);
  EXPECT_EQ(r.errors[0].message().rfind(dir.File("a") + ": ", 0), 0u) << r.errors[0].message();
}

TEST(ReaderDirectory, SymlinkedDirectoriesAreNotFollowed) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "d");
  WriteTextFile(dir.File("d/x.txt"), "x");
  std::filesystem::create_directory_symlink(dir.path() / "d", dir.path() / "d" / "loop");
  ReadResult r = Read({dir.File("d")});
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"x"}));
}

// ---------------------------------------------------------------------------------------
// Standard input

TEST(ReaderStdin, SniffsJsonLines) {
  TempDir dir;
  WriteTextFile(dir.File("in"), "\xEF\xBB\xBF\n  \n" + SampleLines(2) + "[1]\n");
  ScopedStdin in(dir.File("in"));
  ReadResult r = Read({"-"});
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"n1", "n2"}));
  EXPECT_EQ(r.articles[0].origin, "stdin:3");
  EXPECT_EQ(r.Messages(), (std::vector<std::string>{"stdin:5: not a JSON object"}));
}

TEST(ReaderStdin, SniffsHtmlAndText) {
  TempDir dir;
  WriteTextFile(dir.File("page"), "  <div><p>Du texte dans une page.</p></div>");
  WriteTextFile(dir.File("text"), "Just text, {not json}.\r\n");
  {
    ScopedStdin in(dir.File("page"));
    ReadResult r = Read({"-"});
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].text, "Du texte dans une page.");
    EXPECT_EQ(r.articles[0].id, "stdin");
  }
  {
    ScopedStdin in(dir.File("text"));
    ReadResult r = Read({"-"});
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].text, "Just text, {not json}.");
    EXPECT_EQ(r.articles[0].origin, "stdin");
  }
}

TEST(ReaderStdin, CompressedInput) {
  TempDir dir;
  WriteTextFile(dir.File("gz"), Gzip("\n" + SampleLines(2)));
  WriteTextFile(dir.File("zst"), Zstd(SampleLines(1)));
  {
    ScopedStdin in(dir.File("gz"));
    ReadResult r = Read({"-"});
    EXPECT_EQ(r.Ids(), (std::vector<std::string>{"n1", "n2"}));
    EXPECT_EQ(r.articles[1].origin, "stdin:3");
  }
  {
    ScopedStdin in(dir.File("zst"));
    EXPECT_EQ(Read({"-"}).Ids(), (std::vector<std::string>{"n1"}));
  }
}

TEST(ReaderStdin, PipesAreSniffedLikeStandardInput) {
  TempDir dir;
  std::string fifo = dir.File("pipe");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] { WriteTextFile(fifo, Gzip(SampleLines(2))); });
  ReadResult r = Read({fifo});
  writer.join();
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"n1", "n2"}));
  EXPECT_EQ(r.articles[1].origin, fifo + ":2");
}

TEST(ReaderStdin, EmptyInputIsAnError) {
  TempDir dir;
  WriteTextFile(dir.File("empty"), "");
  ScopedStdin in(dir.File("empty"));
  ReadResult r = Read({"-"});
  EXPECT_EQ(r.Messages(), (std::vector<std::string>{"stdin: empty article"}));
}

// ---------------------------------------------------------------------------------------
// HTML pages

TEST(ReaderHtml, NewsPageKeepsTheArticleAndDropsTheChrome) {
  ReadResult r = Read({kDataDir + "news_fr.html"});
  ASSERT_TRUE(r.errors.empty()) << r.Messages()[0];
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.id, "news_fr");
  EXPECT_EQ(a.origin, kDataDir + "news_fr.html");
  EXPECT_EQ(a.title, "Syrie : Moscou renforce sa base de Lattaqui\xC3\xA9");
  EXPECT_EQ(a.date, "2015-09-21");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(a.url, "https://quotidien-levant.example/monde/syrie-moscou-lattaquie");
  EXPECT_EQ(a.source, "Le Quotidien du Levant");

  // The article's paragraphs, entities decoded, in order, separated by blank lines.
  const std::string& t = a.text;
  EXPECT_TRUE(Contains(t,
                       "MOSCOU (AFP) \xE2\x80\x93 La Russie a d\xC3\xA9ploy\xC3\xA9 de "
                       "nouveaux avions de combat sur la base a\xC3\xA9rienne de "
                       "Lattaqui\xC3\xA9, dans l'ouest de la Syrie"))
      << t;
  EXPECT_TRUE(Contains(t, "Sergue\xC3\xAF Cho\xC3\xAFgou"));
  EXPECT_TRUE(Contains(t, "leurs forces & celles de la coalition."));
  EXPECT_TRUE(Contains(t, "coalition.\n\nUne t\xC3\xAAte de pont\n\nMoscou dispose")) << t;
  EXPECT_TRUE(Contains(t, "analystes, qui y voient"));  // no-break space squeezed
  EXPECT_TRUE(Contains(t, "Par Claire Martin"));        // the byline is part of the body
  EXPECT_LT(t.find("MOSCOU (AFP)"), t.find("Ashton Carter"));
  EXPECT_LT(t.find("Ashton Carter"), t.find("Selon le Pentagone"));
  EXPECT_FALSE(Contains(t, "\n\n\n"));
  EXPECT_FALSE(Contains(t, "  "));

  for (const char* chrome :
       {"SCRIPT TEXT", "COOKIE_CHROME", "Accepter", "NAV_CHROME", "BREADCRUMB_CHROME",
        "SHARE_CHROME", "ADVERT_CHROME", "RELATED_INLINE_CHROME", "RELATED_CHROME",
        "COMMENT_CHROME", "commentaires", "NEWSLETTER_CHROME", "FOOTER_CHROME",
        "Mentions l\xC3\xA9gales", "font-family", "dataLayer"}) {
    EXPECT_FALSE(Contains(t, chrome)) << chrome << " in:\n" << t;
  }
  // The headline is the title, not repeated as the first paragraph.
  EXPECT_FALSE(Contains(t, "renforce sa base"));
}

TEST(ReaderHtml, PageWithoutSemanticMarkupUsesTextDensity) {
  ReadResult r = Read({kDataDir + "news_en_plain.html"});
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Syria accuses Israel of bombardment");
  EXPECT_EQ(a.date, "2017-01-13");
  EXPECT_EQ(a.lang, "en");
  EXPECT_EQ(a.text.rfind("Syria has accused Israel of bombarding a military airport", 0), 0u)
      << a.text;
  EXPECT_TRUE(Contains(a.text, "military operations in Syria."));
  EXPECT_EQ(std::count(a.text.begin(), a.text.end(), '\n'), 6);  // four paragraphs
  for (const char* chrome :
       {"MENU_CHROME", "LINKS_CHROME", "Most read", "BOTTOM_CHROME", "Copyright", "World Report"}) {
    EXPECT_FALSE(Contains(a.text, chrome)) << chrome << " in:\n" << a.text;
  }
}

Article ParseOrDie(const std::string& html) {
  Article a;
  Status st = ParseHtmlArticle(html, "page.html", &a);
  EXPECT_TRUE(st.ok()) << st.message();
  return a;
}

TEST(ReaderHtml, BlocksBecomeParagraphs) {
  Article a = ParseOrDie(
      "<body><article><div>Premier bloc<br>ligne deux<br><br>apr\xC3\xA8s</div>"
      "<ul><li>un</li><li>deux <b>gras</b></li></ul><h2>Titre   de\n section</h2>"
      "<blockquote>Une citation</blockquote><p>Fin<span>collée</span> "
      "<i>italique</i>.</p><pre>a  b\nc</pre><table><tr><td>x</td><td>y</td></tr></table>"
      "</article></body>");
  EXPECT_EQ(a.text,
            "Premier bloc\nligne deux\n\napr\xC3\xA8s\n\nun\n\ndeux gras\n\nTitre de "
            "section\n\nUne citation\n\nFin"
            "coll\xC3\xA9"
            "e italique.\n\na b\nc\n\nx y");
}

TEST(ReaderHtml, HiddenAndInteractiveElementsAreDropped) {
  Article a = ParseOrDie(
      "<body><p>Visible paragraph one.</p><p style='display: none'>HIDDEN1</p>"
      "<p hidden>HIDDEN2</p><div aria-hidden=true>HIDDEN3</div><span class=sr-only>HIDDEN4</span>"
      "<noscript>HIDDEN5</noscript><template><p>HIDDEN6</p></template>"
      "<select><option>HIDDEN7</option></select><svg><text>HIDDEN8</text></svg>"
      "<iframe>HIDDEN9</iframe><p>Visible paragraph two.</p></body>");
  EXPECT_EQ(a.text, "Visible paragraph one.\n\nVisible paragraph two.");
}

TEST(ReaderHtml, DeepNestingDoesNotCrash) {
  // 10,000 nested divs, both closed and left open.
  for (bool close : {true, false}) {
    std::string html = "<html><body>";
    for (int i = 0; i < 10000; ++i) html += "<div class=\"level\">";
    html +=
        "<p>Deep inside the page, a paragraph of text survives the nesting.</p>"
        "<p>A second paragraph at the same depth ends the story.</p>";
    if (close) {
      for (int i = 0; i < 10000; ++i) html += "</div>";
    }
    html += "</body></html>";
    Article a = ParseOrDie(html);
    EXPECT_EQ(a.text,
              "Deep inside the page, a paragraph of text survives the nesting.\n\n"
              "A second paragraph at the same depth ends the story.")
        << close;
  }
}

// Runs `fn` on a thread with a small stack, so that deep recursion would crash.
template <typename Fn>
void RunWithSmallStack(Fn fn) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 << 10);
  pthread_t thread;
  auto trampoline = [](void* arg) -> void* {
    (*static_cast<Fn*>(arg))();
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, trampoline, &fn), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
}

TEST(ReaderHtml, VeryDeepNestingOnASmallStack) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += i % 3 == 0 ? "<div>" : i % 3 == 1 ? "<span>" : "<b>";
  html += "Deep text at the bottom of a very deep page, long enough to count.";
  html += "</body></html>";
  Status st;
  Article a;
  RunWithSmallStack([&] { st = ParseHtmlArticle(html, "deep.html", &a); });
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(a.text, "Deep text at the bottom of a very deep page, long enough to count.");
}

TEST(ReaderHtml, DeepNestingInsideAnArticleStaysFast) {
  // Checking every level for "Lire aussi" teasers must not walk the levels below each.
  std::string html = "<html><body><article>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "<p>Deep text at the bottom of a very deep article, long enough to count.</p>";
  html += "</article></body></html>";
  auto start = std::chrono::steady_clock::now();
  Article a = ParseOrDie(html);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
  EXPECT_EQ(a.text, "Deep text at the bottom of a very deep article, long enough to count.");
}

TEST(ReaderHtml, TagFloodIsRefused) {
  std::string html = "<p>Text of the page.</p>";
  for (int i = 0; i < 1000001; ++i) html += "<b>";
  Article a;
  Status st = ParseHtmlArticle(html, "flood.html", &a);
  EXPECT_EQ(st.message(), "flood.html: HTML page with more than 1000000 tags");
}

TEST(ReaderHtml, DateSources) {
  auto date_of = [](const std::string& head, const std::string& body) {
    return ParseOrDie("<html><head>" + head + "</head><body>" + body +
                      "<p>Some text of the article.</p></body></html>")
        .date;
  };
  EXPECT_EQ(date_of("<meta name=\"DC.date.issued\" content=\"2016/3/7\">", ""), "2016-03-07");
  EXPECT_EQ(date_of("<meta itemprop=datePublished content=\"2016-03-08T00:00\">", ""),
            "2016-03-08");
  EXPECT_EQ(date_of("<script type=\"application/ld+json\">{\"@graph\": [{\"@type\": "
                    "\"NewsArticle\", \"datePublished\": \"2016-03-09T12:00:00Z\"}]}</script>",
                    ""),
            "2016-03-09");
  EXPECT_EQ(date_of("",
                    "<aside><time datetime=\"2001-01-01\">old</time></aside>"
                    "<article><p>x</p><time datetime=\"2016-03-10\">10 mars</time>"
                    "<p>Long enough article paragraph for the density score.</p></article>"),
            "2016-03-10");
  EXPECT_EQ(date_of("", "<time datetime=\"20160311\">11 mars</time>"), "2016-03-11");
  EXPECT_EQ(date_of("<meta name=date content=\"12 f\xC3\xA9vrier 2016\">", ""), "2016-02-12");
  EXPECT_EQ(date_of("<meta name=date content=\"sometime\">", ""), "");
  // article:published_time wins over the others.
  EXPECT_EQ(date_of("<meta name=date content=\"2010-01-01\"><meta "
                    "property=\"article:published_time\" content=\"2016-03-13\">",
                    ""),
            "2016-03-13");
}

TEST(ReaderHtml, TitleAndLanguageFallbacks) {
  Article a = ParseOrDie(
      "<html lang=de><head><title> Le titre | Le Site </title>"
      "<meta property=og:locale content=fr_FR></head><body><p>Texte.</p></body></html>");
  EXPECT_EQ(a.title, "Le titre");
  EXPECT_EQ(a.lang, "");  // <html lang> wins, and German is not kept
  a = ParseOrDie(
      "<html><head><meta property=og:locale content=en_US><meta property=og:site_name "
      "content=\"The Post\"><title>Talks resume - The Post</title></head><body><p>Text.</p>"
      "</body></html>");
  EXPECT_EQ(a.title, "Talks resume");
  EXPECT_EQ(a.lang, "en");
  a = ParseOrDie("<body><h1>Only a heading</h1><p>And text.</p></body>");
  EXPECT_EQ(a.title, "Only a heading");
  EXPECT_EQ(a.text, "And text.");
}

TEST(ReaderHtml, LegacyEncodings) {
  // Declared Latin-1.
  Article a = ParseOrDie(
      "<html><head><meta charset=\"iso-8859-1\"></head><body><p>L'\xC9lys\xE9"
      "e a "
      "r\xE9"
      "agi.</p></body></html>");
  EXPECT_EQ(a.text,
            "L'\xC3\x89lys\xC3\xA9"
            "e a r\xC3\xA9"
            "agi.");
  // Undeclared Windows-1252 (curly quotes).
  a = ParseOrDie("<p>\x93Non\x94, a dit le pr\xE9sident.</p>");
  EXPECT_EQ(a.text, "\xE2\x80\x9CNon\xE2\x80\x9D, a dit le pr\xC3\xA9sident.");
  // UTF-8 with one stray byte: the rest stays UTF-8.
  a = ParseOrDie("<p>D\xC3\xA9j\xC3\xA0 \xFF vu, \xC3\xA9t\xC3\xA9.</p>");
  EXPECT_EQ(a.text, "D\xC3\xA9j\xC3\xA0 \xEF\xBF\xBD vu, \xC3\xA9t\xC3\xA9.");
  // UTF-8 declared but some bytes Latin-1: always valid UTF-8 out.
  a = ParseOrDie("<meta charset=utf-8><p>Caf\xE9 \xC3\xA9t\xC3\xA9</p>");
  EXPECT_TRUE(IsValidUtf8(a.text));
  // Another declared charset is left to libxml2: ISO-8859-15 has the euro sign at 0xA4.
  a = ParseOrDie(
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-15\">"
      "<p>Prix : 5 \xA4</p>");
  EXPECT_EQ(a.text, "Prix : 5 \xE2\x82\xAC");
  // Bytes Windows-1252 leaves unassigned, and no noise from libxml2 on stderr.
  ::testing::internal::CaptureStderr();
  a = ParseOrDie("<p>Un \x9D octet \xE9trange \x81.</p>");
  std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(a.text, "Un \xEF\xBF\xBD octet \xC3\xA9trange \xEF\xBF\xBD.");
  EXPECT_EQ(err, "");
  ::testing::internal::CaptureStderr();
  a = ParseOrDie("<meta charset=windows-1251><p>\xCF\xF3\xF2\xE8\xED \x98 text</p>");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_TRUE(IsValidUtf8(a.text));
}

TEST(ReaderHtml, Utf16PageWithBom) {
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("<html><body><p>Bonjour \xE9t\xE9</p></body></html>")) {
    utf16 += c;  // Latin-1 bytes are their own code points
    utf16 += '\0';
  }
  EXPECT_EQ(ParseOrDie(utf16).text, "Bonjour \xC3\xA9t\xC3\xA9");
}

TEST(ReaderHtml, PageWithNoTextIsAnError) {
  for (const std::string& html :
       {std::string(""), std::string("   "), std::string("<html><body></body></html>"),
        std::string("<body><nav><a href=/>Home</a></nav><script>var x = 1;</script></body>"),
        std::string("<!-- only a comment -->")}) {
    Article a;
    Status st = ParseHtmlArticle(html, "p.html", &a);
    ASSERT_FALSE(st.ok()) << html;
    EXPECT_EQ(st.code(), Status::Code::kInvalidInput);
    EXPECT_EQ(st.message().rfind("p.html: empty article", 0), 0u) << st.message();
  }
}

TEST(ReaderHtml, WrapperThatLooksLikeChromeDoesNotHideTheArticle) {
  std::string body =
      "<p>The first paragraph of the story has quite a few words in it, to be sure.</p>"
      "<p>The second paragraph of the story goes on with more words and details.</p>";
  // A layout class on the wrapper, no <article> or <main>.
  Article a = ParseOrDie("<body><div class=\"layout with-sidebar\"><div class=\"col\">" + body +
                         "</div><div class=\"sidebar\"><p>SIDEBAR text that should not "
                         "appear anywhere.</p></div></div></body>");
  EXPECT_TRUE(Contains(a.text, "first paragraph")) << a.text;
  EXPECT_TRUE(Contains(a.text, "second paragraph"));
  // An ASP.NET-style form around the whole page.
  a = ParseOrDie("<body><form id=aspnetForm><div id=content>" + body + "</div></form></body>");
  EXPECT_TRUE(Contains(a.text, "first paragraph")) << a.text;
  // A protected <main> inside a wrapper named "page-header-fixed".
  a = ParseOrDie("<body><div class=page-header-fixed><main>" + body +
                 "</main><footer>FOOTER</footer></div></body>");
  EXPECT_TRUE(Contains(a.text, "second paragraph")) << a.text;
  EXPECT_FALSE(Contains(a.text, "FOOTER"));
}

TEST(ReaderHtml, TeaserArticlesDoNotWinOverTheStory) {
  Article a = ParseOrDie(
      "<body><div id=story><p>The real story paragraph one, with a good number of words in "
      "it.</p><p>The real story paragraph two, with a good number of words in it too.</p>"
      "<p>The real story paragraph three, again with a good number of words.</p></div>"
      "<article><p>A teaser for another story, quite short.</p></article></body>");
  EXPECT_EQ(a.text.rfind("The real story paragraph one", 0), 0u) << a.text;
  EXPECT_FALSE(Contains(a.text, "teaser"));
}

TEST(ReaderHtml, LinkListsAndTeasersInsideTheArticleAreDropped) {
  Article a = ParseOrDie(
      "<article><p>Opening paragraph with enough words to be a paragraph of text.</p>"
      "<ul><li><a href=1>Link one</a></li><li><a href=2>Link two</a></li></ul>"
      "<p><strong>Lire aussi :</strong> <a href=3>Un autre article</a></p>"
      "<p>\xC3\x80 lire aussi la suite</p>"
      "<p><a href=4>A long paragraph that is nothing but a link to another story</a></p>"
      "<p>Closing paragraph, with <a href=5>one link</a> in the middle of words.</p>"
      "</article>");
  EXPECT_EQ(a.text,
            "Opening paragraph with enough words to be a paragraph of text.\n\n"
            "Closing paragraph, with one link in the middle of words.");
}

TEST(ReaderHtml, BoilerplateClassWords) {
  // Whole words only: "commentary" and "shadow" are not "comment" and "ad".
  Article a = ParseOrDie(
      "<article><div class=commentary><p>Commentary body that is article text.</p></div>"
      "<div class=shadow-box><p>Shadow box text kept.</p></div>"
      "<div class=\"relatedArticles\"><p>RELATED camelCase</p></div>"
      "<div id=\"taboola-below\"><p>TABOOLA</p></div>"
      "<div class=\"ads\"><p>ADS</p></div><div class=\"c-Ad__slot\"><p>ADSLOT</p></div>"
      "<div class=\"social-links\"><p>SOCIAL</p></div>"
      "<div class=\"newsletterBox\"><p>NEWSLETTER</p></div></article>");
  EXPECT_EQ(a.text, "Commentary body that is article text.\n\nShadow box text kept.");
}

TEST(ReaderHtml, HtmlFilesThroughReadInputs) {
  TempDir dir;
  WriteTextFile(dir.File("Page.HTM"), "<p>Texte court.</p>");
  WriteTextFile(dir.File("doc.xhtml"),
                "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\" "
                "xml:lang=\"en\"><body><p>XHTML text.</p></body></html>");
  WriteTextFile(dir.File("bin.html"), std::string("<p>\0\0\0</p>", 10));
  ReadResult r = Read({dir.File("Page.HTM"), dir.File("doc.xhtml"), dir.File("bin.html")});
  EXPECT_EQ(r.Ids(), (std::vector<std::string>{"Page", "doc"}));
  EXPECT_EQ(r.articles[0].text, "Texte court.");
  EXPECT_EQ(r.articles[1].text, "XHTML text.");
  EXPECT_EQ(r.Messages(),
            (std::vector<std::string>{dir.File("bin.html") + ": binary data, not an HTML page"}));
}

// ---------------------------------------------------------------------------------------
// Helpers

TEST(ReaderHelpers, NormalizeDate) {
  using reader_internal::NormalizeDate;
  EXPECT_EQ(NormalizeDate("2017-01-13"), "2017-01-13");
  EXPECT_EQ(NormalizeDate(" 2017-01-13T23:59:59-05:00 "), "2017-01-13");
  EXPECT_EQ(NormalizeDate("2017/1/3"), "2017-01-03");
  EXPECT_EQ(NormalizeDate("2017.01.03"), "2017-01-03");
  EXPECT_EQ(NormalizeDate("20170113"), "2017-01-13");
  EXPECT_EQ(NormalizeDate("20170113T101500Z"), "2017-01-13");
  EXPECT_EQ(NormalizeDate("2016-02-29"), "2016-02-29");
  EXPECT_EQ(NormalizeDate("2017-02-29"), "");
  EXPECT_EQ(NormalizeDate("2017-13-01"), "");
  EXPECT_EQ(NormalizeDate("2017-01-32"), "");
  EXPECT_EQ(NormalizeDate("2017-01"), "");
  EXPECT_EQ(NormalizeDate("201701131"), "");
  EXPECT_EQ(NormalizeDate("5 mars 2024"), "2024-03-05");
  EXPECT_EQ(NormalizeDate("1er ao\xC3\xBBt 2024"), "2024-08-01");
  EXPECT_EQ(NormalizeDate("mardi 17 D\xC3\x89"
                          "CEMBRE 2024 \xC3\xA0 10h"),
            "2024-12-17");
  EXPECT_EQ(NormalizeDate("Tue, 05 Mar 2024 10:00:00 GMT"), "2024-03-05");
  EXPECT_EQ(NormalizeDate("March 5, 2024"), "2024-03-05");
  EXPECT_EQ(NormalizeDate("Sept. 30 2024"), "2024-09-30");
  EXPECT_EQ(NormalizeDate("May 2024"), "");
  EXPECT_EQ(NormalizeDate(""), "");
  EXPECT_EQ(NormalizeDate("yesterday"), "");
}

TEST(ReaderHelpers, NormalizeLang) {
  using reader_internal::NormalizeLang;
  EXPECT_EQ(NormalizeLang("fr"), "fr");
  EXPECT_EQ(NormalizeLang("FR-fr"), "fr");
  EXPECT_EQ(NormalizeLang("fr_CA"), "fr");
  EXPECT_EQ(NormalizeLang("fra"), "fr");
  EXPECT_EQ(NormalizeLang("en-GB"), "en");
  EXPECT_EQ(NormalizeLang(" English "), "en");
  EXPECT_EQ(NormalizeLang("de"), "");
  EXPECT_EQ(NormalizeLang(""), "");
}

TEST(ReaderHelpers, RepairUtf8AndNewlines) {
  EXPECT_EQ(reader_internal::RepairUtf8("a\xFF"
                                        "b\xC3"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_EQ(reader_internal::RepairUtf8("d\xC3\xA9j\xC3\xA0"), "d\xC3\xA9j\xC3\xA0");
  std::string s = "a\r\nb\rc\n\r\n";
  reader_internal::NormalizeNewlines(&s);
  EXPECT_EQ(s, "a\nb\nc\n\n");
}

}  // namespace
}  // namespace geokg
