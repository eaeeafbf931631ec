// Reading articles: inputs, directories, standard input, JSON Lines and plain text.
// HTML pages are in html.cc, byte streams in reader_stream.cc.
#include "geokg/ingest/reader.h"

#include <fnmatch.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "geokg/common/text.h"
#include "reader_internal.h"

namespace geokg {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
using reader_internal::ByteSource;

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Makes text safe for a one-line message: control characters become spaces, bad UTF-8 is
// repaired, and it is cut to about `max` bytes.
std::string OneLine(std::string_view s, size_t max) {
  std::string out;
  size_t i = 0;
  while (i < s.size() && out.size() < max) {
    char32_t cp = DecodeUtf8(s, &i);
    AppendUtf8(cp < 0x20 || cp == 0x7F ? U' ' : cp, &out);
  }
  if (i < s.size()) out += "...";
  return out;
}

// A path as shown in messages and Article::origin: control characters (a newline in a file
// name would break the one-line messages) become '?', bad UTF-8 becomes U+FFFD.
std::string Shown(const std::string& path) {
  std::string out;
  size_t i = 0;
  while (i < path.size()) {
    char32_t cp = DecodeUtf8(path, &i);
    AppendUtf8(cp < 0x20 || cp == 0x7F ? U'?' : cp, &out);
  }
  return out;
}

Status Invalid(const std::string& origin, std::string_view reason) {
  return Status::InvalidInput(origin + ": " + std::string(reason));
}

// A SAX handler that accepts everything; the base for the two below.
class NullSax : public nlohmann::json_sax<json> {
 public:
  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t&) override { return Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool start_object(std::size_t) override {
    ++depth_;
    return true;
  }
  bool key(string_t& k) override {
    key_ = k;
    return true;
  }
  bool end_object() override {
    --depth_;
    return Value();
  }
  bool start_array(std::size_t) override {
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return Value();
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 protected:
  bool Value() {
    if (depth_ == 1) key_.clear();
    return true;
  }
  int depth_ = 0;
  std::string key_;  // the current key of the top-level object
};

// Records nlohmann's description of the first error.
class ErrorSax : public NullSax {
 public:
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    message_ = ex.what();
    return false;
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

// Records the literal text of a top-level "id" number: nlohmann keeps only a double for a
// fraction, an exponent or an integer past 64 bits, and the id must stay as written.
class IdLiteralSax : public NullSax {
 public:
  bool number_float(number_float_t, const string_t& literal) override {
    if (depth_ == 1 && key_ == "id") literal_ = literal;
    return Value();
  }
  const std::string& literal() const { return literal_; }

 private:
  std::string literal_;
};

// "malformed JSON (column 5: syntax error while parsing value - invalid literal; ...)".
std::string DescribeJsonError(std::string_view line) {
  ErrorSax sax;
  json::sax_parse(line.begin(), line.end(), &sax);
  std::string msg = sax.message();
  // Drop "[json.exception.parse_error.101] " and "parse error at line 1, ".
  if (size_t p = msg.find("] "); !msg.empty() && msg[0] == '[' && p != std::string::npos) {
    msg.erase(0, p + 2);
  }
  if (msg.rfind("parse error at line 1, ", 0) == 0) msg.erase(0, 23);
  if (msg.empty()) return "malformed JSON";
  return "malformed JSON (" + OneLine(msg, 200) + ")";
}

// Reads an optional string field; null and absent give "".
Status OptionalString(const json& obj, const char* field, const std::string& origin,
                      std::string* out) {
  out->clear();
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return Status::Ok();
  if (!it->is_string()) {
    return Invalid(origin, std::string("\"") + field + "\" must be a string or null");
  }
  *out = std::string(Trim(it->get_ref<const std::string&>()));
  return Status::Ok();
}

bool LooksBinary(std::string_view s, size_t* nul_at) {
  *nul_at = std::string_view::npos;
  size_t control = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) {
      *nul_at = i;
      return true;
    }
    if ((c < 0x20 && !IsSpace(static_cast<char>(c)) && c != 0x1B) || c == 0x7F) ++control;
  }
  // More than one byte in 20 is a control character: not text.
  return control > 8 && control * 20 > s.size();
}

// Checks that a whole file is text; the message names the first problem.
Status CheckText(std::string_view content, const std::string& origin) {
  if (content.size() >= 2 && ((content[0] == '\xFF' && content[1] == '\xFE') ||
                              (content[0] == '\xFE' && content[1] == '\xFF'))) {
    return Invalid(origin, "UTF-16 text is not supported (convert it to UTF-8)");
  }
  size_t nul_at = 0;
  if (LooksBinary(content, &nul_at)) {
    if (nul_at != std::string_view::npos) {
      return Invalid(origin,
                     "binary data, not text (NUL byte at byte " + std::to_string(nul_at) + ")");
    }
    return Invalid(origin, "binary data, not text (many control characters)");
  }
  size_t bad = 0;
  if (!IsValidUtf8(content, &bad)) {
    return Invalid(origin, "invalid UTF-8 at byte " + std::to_string(bad));
  }
  return Status::Ok();
}

// True when text starts (after a BOM and white space) like an HTML document.
bool LooksLikeHtml(std::string_view s) {
  if (s.substr(0, 3) == kBom) s.remove_prefix(3);
  size_t i = 0;
  while (i < s.size() && i < 4096 && IsSpace(s[i])) ++i;
  std::string head = AsciiLower(s.substr(i, 64));
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0;
}

// kXml: a feed when its content says so (LooksLikeFeed), else an error.
enum class Format { kJsonLines, kHtml, kFeed, kXml, kText };
enum class Compression { kNone, kGzip, kZstd };

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Chooses the format from the file name; *id is the name without extensions.
void Classify(const std::string& path, Format* format, Compression* compression, std::string* id) {
  std::string base = fs::path(path).filename().string();
  std::string lower = AsciiLower(base);
  *compression = Compression::kNone;
  for (auto [suffix, kind] :
       {std::pair{".gz", Compression::kGzip}, std::pair{".zst", Compression::kZstd},
        std::pair{".zstd", Compression::kZstd}}) {
    if (EndsWith(lower, suffix) && lower.size() > std::string_view(suffix).size()) {
      *compression = kind;
      lower.resize(lower.size() - std::string_view(suffix).size());
      base.resize(lower.size());
      break;
    }
  }
  std::string ext;
  size_t dot = lower.rfind('.');
  if (dot != std::string::npos && dot > 0) {
    ext = lower.substr(dot + 1);
    base.resize(dot);
  }
  if (ext == "jsonl" || ext == "ndjson" || ext == "json") {
    *format = Format::kJsonLines;
  } else if (ext == "html" || ext == "htm" || ext == "xhtml") {
    *format = Format::kHtml;
  } else if (ext == "rss" || ext == "atom") {
    *format = Format::kFeed;
  } else if (ext == "xml") {
    *format = Format::kXml;
  } else {
    *format = Format::kText;
  }
  *id = base.empty() ? fs::path(path).filename().string() : base;
}

bool IsHidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// Reads from `source` until `head` holds `want` bytes or the stream ends.
Status Peek(ByteSource* source, size_t want, std::string* head) {
  std::string chunk(64 << 10, '\0');
  while (head->size() < want) {
    size_t n = 0;
    GEOKG_RETURN_IF_ERROR(source->Read(chunk.data(), chunk.size(), &n));
    if (n == 0) break;
    head->append(chunk.data(), n);
  }
  return Status::Ok();
}

class Reader {
 public:
  Reader(const ReadOptions& options, const ArticleSink& on_article, const ErrorSink& on_error)
      : options_(options), on_article_(on_article), on_error_(on_error) {}

  int errors() const { return errors_; }

  void ReadInput(const std::string& input) {
    if (Stopped()) return;
    if (input == "-") {
      ReadStdin();
      return;
    }
    if (input.empty()) {
      Error(Status::NotFound("\"\": no such file or directory"));
      return;
    }
    std::error_code ec;
    fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      if (!ec || ec == std::errc::no_such_file_or_directory) {
        Error(Status::NotFound(Shown(input) + ": no such file or directory"));
      } else {
        Error(Status::IoError(Shown(input) + ": " + ec.message()));
      }
      return;
    }
    if (fs::is_directory(st)) {
      ReadDirectory(input);
    } else {
      ReadFile(input);
    }
  }

 private:
  bool Stopped() const {
    return options_.stop != nullptr && options_.stop->load(std::memory_order_relaxed);
  }

  void Deliver(Article& article) {
    if (!Stopped()) on_article_(article);
  }

  std::unique_ptr<ByteSource> Counted(std::unique_ptr<ByteSource> source) const {
    return reader_internal::CountingSource(std::move(source), options_.on_bytes);
  }

  void Error(const Status& status) {
    ++errors_;
    on_error_(status);
  }

  bool Included(const std::string& name) const {
    if (options_.include.empty()) return true;
    for (const std::string& pattern : options_.include) {
      if (fnmatch(pattern.c_str(), name.c_str(), 0) == 0) return true;
    }
    return false;
  }

  // Depth first, each directory's entries sorted by name; hidden entries and symbolic links
  // to directories are skipped.
  void ReadDirectory(const std::string& root) {
    std::vector<std::vector<fs::path>> stack;  // entries still to visit, reversed
    auto list = [&](const fs::path& dir) {
      std::vector<fs::path> entries;
      std::error_code ec;
      fs::directory_iterator it(dir, ec), end;
      while (!ec && it != end) {
        if (!IsHidden(it->path())) entries.push_back(it->path());
        it.increment(ec);
      }
      if (ec) Error(Status::IoError(Shown(dir.string()) + ": " + ec.message()));
      std::sort(entries.begin(), entries.end(), [](const fs::path& a, const fs::path& b) {
        return a.filename().string() > b.filename().string();
      });
      stack.push_back(std::move(entries));
    };
    list(root);
    while (!stack.empty() && !Stopped()) {
      if (stack.back().empty()) {
        stack.pop_back();
        continue;
      }
      fs::path entry = std::move(stack.back().back());
      stack.back().pop_back();
      std::error_code ec;
      fs::file_status link = fs::symlink_status(entry, ec);
      fs::file_status st = fs::status(entry, ec);
      if (ec) {
        Error(Status::IoError(Shown(entry.string()) + ": " + ec.message()));
        continue;
      }
      if (fs::is_directory(st)) {
        if (!fs::is_symlink(link)) list(entry);
      } else if (fs::is_regular_file(st) && Included(entry.filename().string())) {
        ReadFile(entry.string());
      }
    }
  }

  void ReadFile(const std::string& path) {
    Format format;
    Compression compression;
    std::string id;
    Classify(path, &format, &compression, &id);
    FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      int err = errno;
      if (err == ENOENT) {
        Error(Status::NotFound(Shown(path) + ": no such file or directory"));
      } else {
        Error(Status::IoError(Shown(path) + ": " + std::strerror(err)));
      }
      return;
    }
    std::unique_ptr<ByteSource> source = Counted(reader_internal::FileSource(f, true));
    std::error_code ec;
    if (format == Format::kText && compression == Compression::kNone &&
        !fs::is_regular_file(path, ec)) {
      // A pipe or a device ("<(zcat a.jsonl.gz)"): its name tells nothing, its content does.
      ReadSniffed(std::move(source), Shown(path), id);
      return;
    }
    if (compression == Compression::kGzip) {
      source = reader_internal::GzipSource(std::move(source));
    } else if (compression == Compression::kZstd) {
      source = reader_internal::ZstdSource(std::move(source));
    }
    ReadSource(source.get(), format, Shown(path), id);
  }

  void ReadStdin() {
    ReadSniffed(Counted(reader_internal::FileSource(stdin, false)), "stdin", "stdin");
  }

  // A stream whose name says nothing: gzip or zstd by magic number, then JSON Lines when it
  // starts with '{', HTML when it starts with '<', plain text otherwise.
  void ReadSniffed(std::unique_ptr<ByteSource> source, const std::string& origin,
                   const std::string& id) {
    std::string head;
    Status st = Peek(source.get(), 4, &head);
    if (!st.ok()) return Error(st.WithContext(origin));
    bool gzip = head.size() >= 2 && head[0] == '\x1F' && head[1] == '\x8B';
    bool zstd = head.size() >= 4 && head.compare(0, 4, "\x28\xB5\x2F\xFD") == 0;
    source = reader_internal::PrefixedSource(std::move(head), std::move(source));
    if (gzip) source = reader_internal::GzipSource(std::move(source));
    if (zstd) source = reader_internal::ZstdSource(std::move(source));

    // Peek until the first character that is not white space (or a BOM).
    head.clear();
    st = Peek(source.get(), 3, &head);
    if (!st.ok()) return Error(st.WithContext(origin));
    size_t scanned = std::string_view(head).substr(0, 3) == kBom ? 3 : 0;
    char first = 0;
    while (true) {
      while (scanned < head.size() && IsSpace(head[scanned])) ++scanned;
      if (scanned < head.size()) {
        first = head[scanned];
        break;
      }
      if (head.size() >= (size_t{1} << 20)) break;  // a mega-byte of white space: text
      size_t before = head.size();
      st = Peek(source.get(), before + 1, &head);
      if (!st.ok()) return Error(st.WithContext(origin));
      if (head.size() == before) break;  // end of input
    }
    Format format = first == '{' ? Format::kJsonLines : Format::kText;
    if (first == '<') {
      // Markup: a feed when its root element says so (after a declaration, comments ...).
      st = Peek(source.get(), 4096, &head);
      if (!st.ok()) return Error(st.WithContext(origin));
      format = reader_internal::LooksLikeFeed(head) ? Format::kFeed : Format::kHtml;
    }
    source = reader_internal::PrefixedSource(std::move(head), std::move(source));
    ReadSource(source.get(), format, origin, id);
  }

  void ReadSource(ByteSource* source, Format format, const std::string& origin,
                  const std::string& id) {
    const ArticleSink deliver = [this](Article& a) { Deliver(a); };
    if (format == Format::kJsonLines) {
      errors_ += reader_internal::ReadJsonLines(source, origin, reader_internal::kMaxLineBytes,
                                                deliver, on_error_, options_.stop);
      return;
    }
    if (format == Format::kXml || format == Format::kText) {
      // Feeds are told by their root element: peek at the start.
      std::string head;
      Status st = Peek(source, 4096, &head);
      if (!st.ok()) return Error(st.WithContext(origin));
      const bool feed = reader_internal::LooksLikeFeed(head);
      if (format == Format::kXml && !feed) {
        return Error(Invalid(origin, "XML that is not an RSS or Atom feed"));
      }
      if (feed) format = Format::kFeed;
      auto rest = reader_internal::PrefixedSource(std::move(head), Borrowed(source));
      if (format == Format::kFeed) {
        errors_ += reader_internal::ReadFeed(rest.get(), origin, id, deliver, on_error_,
                                             options_.stop);
        return;
      }
      return ReadWhole(rest.get(), format, origin, id);
    }
    if (format == Format::kFeed) {
      errors_ += reader_internal::ReadFeed(source, origin, id, deliver, on_error_, options_.stop);
      return;
    }
    ReadWhole(source, format, origin, id);
  }

  // A view of a source owned elsewhere.
  static std::unique_ptr<ByteSource> Borrowed(ByteSource* source) {
    class View : public ByteSource {
     public:
      explicit View(ByteSource* s) : s_(s) {}
      Status Read(char* buf, size_t cap, size_t* n) override { return s_->Read(buf, cap, n); }

     private:
      ByteSource* s_;
    };
    return std::make_unique<View>(source);
  }

  // A page or a text: one article from the whole stream.
  void ReadWhole(ByteSource* source, Format format, const std::string& origin,
                 const std::string& id) {
    std::string content;
    size_t cap =
        format == Format::kHtml ? reader_internal::kMaxHtmlBytes : reader_internal::kMaxTextBytes;
    Status st = reader_internal::ReadAll(source, cap, &content);
    if (!st.ok()) return Error(st.WithContext(origin));
    if (format == Format::kText && LooksLikeHtml(content)) {
      if (content.size() > reader_internal::kMaxHtmlBytes) {
        return Error(Invalid(
            origin,
            "HTML page larger than " + reader_internal::SizeText(reader_internal::kMaxHtmlBytes)));
      }
      format = Format::kHtml;
    }
    Article article;
    if (format == Format::kHtml) {
      st = ReadHtml(content, origin, &article);
    } else {
      st = ReadText(std::move(content), origin, &article);
    }
    if (!st.ok()) return Error(st);
    article.id = id;
    article.origin = origin;
    Deliver(article);
  }

  static Status ReadText(std::string content, const std::string& origin, Article* out) {
    GEOKG_RETURN_IF_ERROR(CheckText(content, origin));
    if (std::string_view(content).substr(0, 3) == kBom) content.erase(0, 3);
    reader_internal::NormalizeNewlines(&content);
    std::string_view text = Trim(content);
    if (text.empty()) return Invalid(origin, "empty article");
    out->text = std::string(text);
    return Status::Ok();
  }

  static Status ReadHtml(const std::string& content, const std::string& origin, Article* out) {
    bool utf16 = content.size() >= 2 && ((content[0] == '\xFF' && content[1] == '\xFE') ||
                                         (content[0] == '\xFE' && content[1] == '\xFF'));
    size_t nul_at = 0;
    if (!utf16 && LooksBinary(content, &nul_at)) {
      return Invalid(origin, "binary data, not an HTML page");
    }
    return ParseHtmlArticle(content, origin, out);
  }

  const ReadOptions& options_;
  const ArticleSink& on_article_;
  const ErrorSink& on_error_;
  int errors_ = 0;
};

}  // namespace

namespace reader_internal {

int ReadJsonLines(ByteSource* source, const std::string& origin, size_t max_line,
                  const ArticleSink& on_article, const ErrorSink& on_error,
                  const std::atomic<bool>* stop) {
  int errors = 0;
  LineReader lines(source, max_line);
  std::string line;
  while (stop == nullptr || !stop->load(std::memory_order_relaxed)) {
    LineReader::Result r = lines.Next(&line);
    if (r == LineReader::Result::kEnd) break;
    std::string where = origin + ":" + std::to_string(lines.line_number());
    if (r == LineReader::Result::kError) {
      ++errors;
      on_error(lines.status().WithContext(lines.line_number() == 0
                                              ? origin
                                              : origin + ": after line " +
                                                    std::to_string(lines.line_number())));
      break;
    }
    if (r == LineReader::Result::kTooLong) {
      ++errors;
      on_error(Status::InvalidInput(where + ": line longer than " + SizeText(max_line)));
      continue;
    }
    if (lines.line_number() == 1 && std::string_view(line).substr(0, 3) == kBom) {
      line.erase(0, 3);
    }
    if (Trim(line).empty()) continue;
    Article article;
    Status st = ParseJsonArticle(line, where, &article);
    if (!st.ok()) {
      ++errors;
      on_error(st);
      continue;
    }
    on_article(article);
  }
  return errors;
}

void NormalizeNewlines(std::string* s) {
  if (s->find('\r') == std::string::npos) return;
  size_t w = 0;
  for (size_t r = 0; r < s->size(); ++r) {
    char c = (*s)[r];
    if (c == '\r') {
      if (r + 1 < s->size() && (*s)[r + 1] == '\n') continue;  // the '\n' follows
      c = '\n';
    }
    (*s)[w++] = c;
  }
  s->resize(w);
}

std::string RepairUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 16);
  size_t i = 0;
  while (i < s.size()) AppendUtf8(DecodeUtf8(s, &i), &out);
  return out;
}

std::string NormalizeLang(std::string_view tag) {
  std::string t = AsciiLower(Trim(tag));
  size_t cut = t.find_first_of("-_;, ");
  if (cut != std::string::npos) t.resize(cut);
  if (t == "fr" || t == "fra" || t == "fre" || t == "french" ||
      t == "fran\xC3\xA7"
           "ais") {
    return "fr";
  }
  if (t == "en" || t == "eng" || t == "english") return "en";
  return "";
}

}  // namespace reader_internal

Status ParseJsonArticle(const std::string& line, const std::string& origin, Article* out) {
  std::string_view view = line;
  if (view.substr(0, 3) == kBom) view.remove_prefix(3);
  size_t bad = 0;
  if (!IsValidUtf8(view, &bad)) {
    return Invalid(origin, "invalid UTF-8 at byte " + std::to_string(bad));
  }
  json obj = json::parse(view.begin(), view.end(), nullptr, false);
  if (obj.is_discarded()) return Invalid(origin, DescribeJsonError(view));
  if (!obj.is_object()) return Invalid(origin, "not a JSON object");

  Article a;
  auto id = obj.find("id");
  if (id == obj.end() || id->is_null()) return Invalid(origin, "missing \"id\"");
  if (id->is_string()) {
    a.id = id->get<std::string>();
    if (Trim(a.id).empty()) return Invalid(origin, "empty \"id\"");
  } else if (id->is_number_unsigned()) {
    a.id = std::to_string(id->get<uint64_t>());
  } else if (id->is_number_integer()) {
    a.id = std::to_string(id->get<int64_t>());
  } else if (id->is_number_float()) {
    IdLiteralSax sax;
    json::sax_parse(view.begin(), view.end(), &sax);
    a.id = sax.literal().empty() ? id->dump() : sax.literal();
  } else {
    return Invalid(origin, "\"id\" must be a string or a number");
  }

  auto text = obj.find("text");
  if (text == obj.end() || text->is_null()) return Invalid(origin, "missing \"text\"");
  if (!text->is_string()) return Invalid(origin, "\"text\" must be a string");
  if (text->get_ref<const std::string&>().size() > reader_internal::kMaxTextBytes) {
    return Invalid(origin, "article text larger than " +
                               reader_internal::SizeText(reader_internal::kMaxTextBytes));
  }
  a.text = std::move(text->get_ref<std::string&>());
  reader_internal::NormalizeNewlines(&a.text);
  if (Trim(a.text).empty()) return Invalid(origin, "empty article");

  std::string lang, date;
  GEOKG_RETURN_IF_ERROR(OptionalString(obj, "lang", origin, &lang));
  GEOKG_RETURN_IF_ERROR(OptionalString(obj, "date", origin, &date));
  GEOKG_RETURN_IF_ERROR(OptionalString(obj, "title", origin, &a.title));
  GEOKG_RETURN_IF_ERROR(OptionalString(obj, "url", origin, &a.url));
  GEOKG_RETURN_IF_ERROR(OptionalString(obj, "source", origin, &a.source));
  a.lang = reader_internal::NormalizeLang(lang);
  a.date = reader_internal::NormalizeDate(date);
  a.origin = origin;
  *out = std::move(a);
  return Status::Ok();
}

int ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& options,
               const ArticleSink& on_article, const ErrorSink& on_error) {
  Reader reader(options, on_article, on_error);
  for (const std::string& input : inputs) reader.ReadInput(input);
  return reader.errors();
}

}  // namespace geokg
