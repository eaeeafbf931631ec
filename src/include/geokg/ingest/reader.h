// Reading articles from files, directories, archives and standard input.
//
// Formats, chosen per file by extension and then by content:
//   .jsonl / .json / .ndjson (optionally .gz or .zst): one article per line, the format of
//       ../shared/eval/README.md section 1 ({"id", "text"} required; "lang", "date",
//       "title", "url", "source" optional, may be null);
//   .html / .htm (or content that starts with markup): a web page; boilerplate (navigation,
//       headers, footers, scripts, related links) is dropped, title and date kept;
//   .rss / .atom / .xml (optionally .gz or .zst; or content whose root element is <rss>,
//       <feed> or <rdf:RDF>): a saved RSS 2.0, RSS 1.0 or Atom feed, one article per item
//       or entry (title, link, date, author, description or summary, content:encoded or
//       content; HTML in them is reduced to its text), read as a stream;
//   anything else: plain UTF-8 text, one article per file; id = the file name without
//       extension.
// A directory is read recursively in a stable (sorted) order. "-" reads standard input,
// sniffing the format from its content.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "geokg/common/status.h"
#include "geokg/model.h"

namespace geokg {

struct ReadOptions {
  // File-name patterns (shell globs on the base name, e.g. "*.jsonl") kept when reading a
  // directory; empty keeps every regular file.
  std::vector<std::string> include;

  // Called from the reading thread with the number of bytes just read from an input file
  // or standard input, as stored (compressed bytes for .gz and .zst), so that the sum over
  // a run is the total size of the inputs read. May be empty.
  std::function<void(uint64_t bytes)> on_bytes;

  // When set and it becomes true, reading stops at the next article boundary: the article
  // being read is not delivered and no further input is opened. Not owned.
  const std::atomic<bool>* stop = nullptr;
};

// Called once per good article. The callee may move from the article.
using ArticleSink = std::function<void(Article&)>;
// Called once per failure, with a one-line message that starts with "file:" or
// "file:line:". Reading goes on after it.
using ErrorSink = std::function<void(const Status&)>;

// Reads every article of every input in order, streaming: memory does not grow with the size
// of a JSON Lines file. Bad inputs (missing or unreadable file, invalid UTF-8, binary data,
// an empty article, a malformed JSON line, a missing "id" or "text") go to `on_error`, and
// nothing of that article reaches `on_article`.
// Returns the number of inputs or lines that failed.
int ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& options,
               const ArticleSink& on_article, const ErrorSink& on_error);

// Parses one JSON line into an article. `origin` is used in messages ("file:12").
// Returns kInvalidInput with a one-line reason on a malformed line.
Status ParseJsonArticle(const std::string& line, const std::string& origin, Article* out);

// Extracts the article from an HTML page: title, date (from <meta> or <time>), and the
// main text as paragraphs separated by blank lines, boilerplate dropped.
// Returns kInvalidInput when no text is left.
Status ParseHtmlArticle(const std::string& html, const std::string& origin, Article* out);

}  // namespace geokg
