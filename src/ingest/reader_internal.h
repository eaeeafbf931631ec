// Internals of the article reader (reader.cc, reader_stream.cc, html.cc), exposed for tests.
// Not part of the public interface: everything here may change.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "geokg/common/status.h"
#include "geokg/ingest/reader.h"

namespace geokg::reader_internal {

// Largest article text accepted, from a text file or a JSON "text": news articles are
// kilobytes, a book a few megabytes; extraction takes some 20 times the text's size in
// memory, so a larger "article" is refused with an error rather than extracted.
inline constexpr size_t kMaxTextBytes = size_t{32} << 20;
// Longest JSON line accepted (room for escapes around a text of kMaxTextBytes); a longer
// line is reported and skipped without being kept in memory.
inline constexpr size_t kMaxLineBytes = size_t{64} << 20;
// Largest HTML page accepted (the parsed tree costs many times the page's size).
inline constexpr size_t kMaxHtmlBytes = size_t{32} << 20;

// A stream of bytes: a file, standard input, or a decompressor over another stream.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to `cap` bytes into `buf`, sets *n to the count; *n == 0 with an ok status
  // means the end of the stream. Errors (a read error, corrupt compressed data) carry a
  // message without the file name.
  virtual Status Read(char* buf, size_t cap, size_t* n) = 0;
};

// Reads from an open FILE. Takes ownership (fclose) when `owned`.
std::unique_ptr<ByteSource> FileSource(FILE* file, bool owned);
// Gives `prefix` first, then the rest of `rest`.
std::unique_ptr<ByteSource> PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest);
// Decompresses gzip (or zlib) data, concatenated members included.
std::unique_ptr<ByteSource> GzipSource(std::unique_ptr<ByteSource> compressed);
// Decompresses Zstandard data, several frames included.
std::unique_ptr<ByteSource> ZstdSource(std::unique_ptr<ByteSource> compressed);

// Splits a stream into lines ('\n'; a '\r' before it is dropped) with bounded memory.
class LineReader {
 public:
  enum class Result {
    kLine,     // *line holds the next line
    kTooLong,  // the line was longer than max_line bytes; it was skipped
    kEnd,      // no more lines
    kError,    // the stream failed; see status()
  };

  LineReader(ByteSource* source, size_t max_line);

  // Reads the next line into *line. line_number() is its 1-based number afterwards.
  Result Next(std::string* line);
  size_t line_number() const { return line_number_; }
  const Status& status() const { return status_; }

 private:
  bool Fill();  // false at the end of the stream or on an error

  ByteSource* source_;
  size_t max_line_;
  std::string buf_;
  size_t pos_ = 0;  // start of unread data in buf_
  size_t end_ = 0;  // end of valid data in buf_
  bool eof_ = false;
  size_t line_number_ = 0;
  Status status_;
};

// Counts what passes through: calls `on_bytes` (which may be empty) with the size of each
// chunk read from `inner`.
std::unique_ptr<ByteSource> CountingSource(std::unique_ptr<ByteSource> inner,
                                           std::function<void(uint64_t)> on_bytes);

// Reads the whole of `source` into *out. Fails with kInvalidInput when it holds more than
// `max_bytes`.
Status ReadAll(ByteSource* source, size_t max_bytes, std::string* out);

// Reads JSON Lines from `source`: one article per non-blank line, errors per line as
// "origin:LINE: reason". Stops early when `stop` (may be null) becomes true. Returns the
// number of errors reported.
int ReadJsonLines(ByteSource* source, const std::string& origin, size_t max_line,
                  const ArticleSink& on_article, const ErrorSink& on_error,
                  const std::atomic<bool>* stop = nullptr);

// Largest item (the sum of its fields) accepted in a feed.
inline constexpr size_t kMaxFeedItemBytes = size_t{32} << 20;

// True when `head`, the first bytes of a document, starts (after a byte-order mark, white
// space, an XML declaration, comments and a DOCTYPE) with an <rss>, <feed> or <rdf:RDF>
// root element.
bool LooksLikeFeed(std::string_view head);

// Reads a saved RSS 2.0, RSS 1.0 (RDF) or Atom feed from `source` as a stream (memory is
// bounded by the largest item, not the feed). One article per <item> or <entry>:
//   id      guid (RSS) or id (Atom), else the link, else "<default_id>#<N>" (N from 1);
//   title   title; url: link (Atom: rel="alternate" or no rel);
//   date    pubDate, dc:date, published, else updated (normalised to YYYY-MM-DD);
//   lang    xml:lang of the item, else the channel's <language> or the feed's xml:lang;
//   source  the channel's or feed's title;
//   text    content:encoded or Atom content, else description or summary, else the title;
//           HTML in them is reduced to its text (HtmlFragmentText);
//   origin  "origin:LINE", the line where the item starts.
// An item without any text, or larger than kMaxFeedItemBytes, is reported as
// "origin:LINE: reason" and skipped; a document that is not well-formed XML or has no
// feed root is one error naming its line. Stops early when `stop` (may be null) becomes
// true. Returns the number of errors reported.
int ReadFeed(ByteSource* source, const std::string& origin, const std::string& default_id,
             const ArticleSink& on_article, const ErrorSink& on_error,
             const std::atomic<bool>* stop = nullptr);

// The text of an HTML fragment (a feed item's description): tags dropped, scripts and
// styles left out, entities decoded, white space squeezed, blocks separated by blank
// lines. Text without '<' or '&' comes back with its white space squeezed. Never fails;
// bad UTF-8 is repaired.
std::string HtmlFragmentText(std::string_view html);

// Normalises a date as found in metadata ("2024-03-05T10:00:00Z", "2024/03/05", "20240305",
// "5 mars 2024", "March 5, 2024", "Tue, 05 Mar 2024 10:00:00 GMT") to YYYY-MM-DD.
// Returns "" when it is not a valid calendar date.
std::string NormalizeDate(std::string_view s);

// Maps a language tag ("fr", "fr-FR", "en_GB", "EN") to "fr" or "en"; anything else to "".
std::string NormalizeLang(std::string_view tag);

// "256 MiB" for whole MiB, else "1000 bytes".
std::string SizeText(size_t bytes);

// Replaces every invalid UTF-8 sequence with U+FFFD.
std::string RepairUtf8(std::string_view s);

// Replaces "\r\n" and lone "\r" by "\n" in place.
void NormalizeNewlines(std::string* s);

}  // namespace geokg::reader_internal
