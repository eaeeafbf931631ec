// Saved RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per item, read with libxml2's
// streaming xmlTextReader so that memory follows the largest item, not the feed.
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "geokg/common/text.h"
#include "reader_internal.h"

namespace geokg::reader_internal {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kRdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view View(const xmlChar* s) {
  return s != nullptr ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

// Takes ownership of a string libxml2 allocated.
std::string Take(xmlChar* s) {
  std::string out(View(s));
  xmlFree(s);
  return out;
}

// What the read callback needs: the byte source and the first error it met.
struct IoContext {
  ByteSource* source = nullptr;
  Status status;
};

int ReadCallback(void* ctx, char* buf, int len) {
  auto* io = static_cast<IoContext*>(ctx);
  size_t n = 0;
  Status st = io->source->Read(buf, static_cast<size_t>(std::max(len, 0)), &n);
  if (!st.ok()) {
    if (io->status.ok()) io->status = st;
    return -1;
  }
  return static_cast<int>(n);
}

int CloseCallback(void*) { return 0; }

// The first error libxml2 reported, with its line.
struct ErrorContext {
  std::string message;
  int line = 0;
};

void OnXmlError(void* ctx, xmlErrorPtr error) {
  auto* e = static_cast<ErrorContext*>(ctx);
  if (error == nullptr || !e->message.empty() || error->level < XML_ERR_ERROR) return;
  std::string msg(error->message != nullptr ? error->message : "malformed XML");
  while (!msg.empty() && IsSpace(msg.back())) msg.pop_back();
  e->message = RepairUtf8(msg);
  e->line = error->line;
}

struct ReaderFree {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};

// The fields of one item as read.
struct Item {
  int line = 0;
  std::string lang;
  std::string id, link, title, date, updated, content, summary;
  size_t bytes = 0;
};

// Squeezes white space (feeds indent their titles across lines).
std::string Squeeze(std::string_view s) { return HtmlFragmentText(s); }

// Text of a description or content element: HTML reduced to text unless it is plain.
std::string BodyText(std::string_view raw, bool plain) {
  if (plain) {
    std::string s(Trim(raw));
    NormalizeNewlines(&s);
    return RepairUtf8(s);
  }
  return HtmlFragmentText(raw);
}

class FeedReader {
 public:
  FeedReader(xmlTextReader* reader, const std::string& origin, const std::string& default_id,
             const ArticleSink& on_article, const ErrorSink& on_error,
             const std::atomic<bool>* stop)
      : r_(reader),
        origin_(origin),
        default_id_(default_id),
        on_article_(on_article),
        on_error_(on_error),
        stop_(stop) {}

  // Reads to the end; returns false when the XML stopped being readable (ret -1).
  int Run() {
    int ret = xmlTextReaderRead(r_);
    while (ret == 1) {
      if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) return 0;
      bool advanced = false;
      const int type = xmlTextReaderNodeType(r_);
      if (type == XML_READER_TYPE_ELEMENT) {
        if (!root_seen_) {
          root_seen_ = true;
          if (!Root()) return -2;
        } else {
          advanced = Element(&ret);
        }
      } else if (type == XML_READER_TYPE_END_ELEMENT && in_item_ &&
                 xmlTextReaderDepth(r_) == item_depth_) {
        EndItem();
      }
      if (!advanced) ret = xmlTextReaderRead(r_);
    }
    if (ret == 0 && !root_seen_) return -3;
    return ret;
  }

  int errors() const { return errors_; }
  const std::string& root_name() const { return root_name_; }

 private:
  std::string_view Local() const { return View(xmlTextReaderConstLocalName(r_)); }
  std::string_view Ns() const { return View(xmlTextReaderConstNamespaceUri(r_)); }
  int Line() const {
    xmlNode* n = xmlTextReaderCurrentNode(r_);
    long line = n != nullptr ? xmlGetLineNo(n) : -1;
    if (line <= 0 || line > INT_MAX) line = xmlTextReaderGetParserLineNumber(r_);
    return static_cast<int>(line);
  }
  std::string Attribute(const char* name) const {
    return Take(xmlTextReaderGetAttribute(r_, reinterpret_cast<const xmlChar*>(name)));
  }
  std::string XmlLang() const { return NormalizeLang(View(xmlTextReaderConstXmlLang(r_))); }

  void Error(int line, std::string_view reason) {
    ++errors_;
    on_error_(Status::InvalidInput(origin_ + ":" + std::to_string(line) + ": " +
                                   std::string(reason)));
  }

  bool Root() {
    root_name_ = std::string(View(xmlTextReaderConstName(r_)));
    const std::string local = AsciiLower(Local());
    if (local == "rss") {
      atom_ = false;
    } else if (local == "feed") {
      atom_ = true;
      feed_lang_ = XmlLang();
    } else if (local == "rdf" && (Ns() == kRdfNs || Ns().empty())) {
      atom_ = false;
    } else {
      return false;
    }
    return true;
  }

  // Reads the text of the current element and moves past it. Sets *ret to what the move
  // returned.
  std::string ReadAndSkip(int* ret, bool inner_xml = false) {
    std::string s = Take(inner_xml ? xmlTextReaderReadInnerXml(r_) : xmlTextReaderReadString(r_));
    *ret = xmlTextReaderNext(r_);
    return s;
  }

  // Handles an element start. Returns true when it moved the reader itself.
  bool Element(int* ret) {
    const int depth = xmlTextReaderDepth(r_);
    const std::string_view local = Local();
    if (!in_item_) {
      if (local == "item" || local == "entry") {
        StartItem(depth);
        if (xmlTextReaderIsEmptyElement(r_)) EndItem();
        return false;
      }
      // Channel or feed metadata: <rss><channel><title>, <feed><title>.
      const int meta_depth = atom_ ? 1 : 2;
      if (depth == meta_depth && local == "title" && source_.empty()) {
        source_ = Squeeze(ReadAndSkip(ret));
        return true;
      }
      if (depth == meta_depth && local == "language" && channel_lang_.empty()) {
        channel_lang_ = NormalizeLang(ReadAndSkip(ret));
        return true;
      }
      return false;
    }
    if (depth != item_depth_ + 1) return false;
    const std::string_view ns = Ns();
    Item& it = item_;
    std::string* field = nullptr;
    bool inner = false;
    if (local == "link") {
      // Atom: <link rel="alternate" href="..."/>; RSS: <link>URL</link>.
      std::string href = Attribute("href");
      std::string rel = Attribute("rel");
      if (!href.empty()) {
        if ((rel.empty() || rel == "alternate") && it.link.empty()) it.link = std::string(Trim(href));
        *ret = xmlTextReaderNext(r_);
        return true;
      }
      field = &it.link;
    } else if (local == "guid" || (atom_ && local == "id")) {
      field = &it.id;
    } else if (local == "title") {
      field = &it.title;
    } else if (local == "pubDate" || local == "published" || (local == "date" && ns == kDcNs)) {
      field = &it.date;
    } else if (local == "updated" || local == "modified") {
      field = &it.updated;
    } else if ((local == "encoded" && ns == kContentNs) || (atom_ && local == "content")) {
      field = &it.content;
      if (atom_) {
        std::string type = Attribute("type");
        content_plain_ = type.empty() || type == "text";
        inner = type == "xhtml";
        if (inner) content_plain_ = false;
      } else {
        content_plain_ = false;
      }
    } else if (local == "description" || local == "summary") {
      field = &it.summary;
      if (atom_) {
        std::string type = Attribute("type");
        summary_plain_ = type.empty() || type == "text";
        inner = type == "xhtml";
        if (inner) summary_plain_ = false;
      } else {
        summary_plain_ = false;
      }
    }
    if (field == nullptr) return false;
    std::string value = ReadAndSkip(ret, inner);
    it.bytes += value.size();
    if (it.bytes > kMaxFeedItemBytes) {
      too_big_ = true;
      return true;
    }
    if (field->empty()) *field = std::move(value);
    return true;
  }

  void StartItem(int depth) {
    in_item_ = true;
    item_depth_ = depth;
    item_ = Item();
    item_.line = Line();
    item_.lang = XmlLang();
    if (!atom_) item_.id = std::string(Trim(Attribute("rdf:about")));
    too_big_ = false;
    content_plain_ = summary_plain_ = false;
    ++count_;
  }

  void EndItem() {
    in_item_ = false;
    if (stop_ != nullptr && stop_->load(std::memory_order_relaxed)) return;
    Item& it = item_;
    if (too_big_) {
      Error(it.line, "feed item larger than " + SizeText(kMaxFeedItemBytes));
      return;
    }
    Article a;
    a.title = Squeeze(it.title);
    a.text = BodyText(it.content, content_plain_);
    if (Trim(a.text).empty()) a.text = BodyText(it.summary, summary_plain_);
    if (Trim(a.text).empty()) a.text = a.title;
    if (Trim(a.text).empty()) {
      Error(it.line, "empty feed item (no content, description or title)");
      return;
    }
    a.url = RepairUtf8(Trim(it.link));
    a.id = RepairUtf8(Trim(it.id));
    if (a.id.empty()) a.id = a.url;
    if (a.id.empty()) a.id = default_id_ + "#" + std::to_string(count_);
    a.date = NormalizeDate(it.date);
    if (a.date.empty()) a.date = NormalizeDate(it.updated);
    a.lang = !it.lang.empty() ? it.lang : !channel_lang_.empty() ? channel_lang_ : feed_lang_;
    a.source = source_;
    a.origin = origin_ + ":" + std::to_string(it.line);
    on_article_(a);
  }

  xmlTextReader* r_;
  const std::string& origin_;
  const std::string& default_id_;
  const ArticleSink& on_article_;
  const ErrorSink& on_error_;
  const std::atomic<bool>* stop_;

  bool root_seen_ = false;
  std::string root_name_;
  bool atom_ = false;
  std::string source_, channel_lang_, feed_lang_;
  bool in_item_ = false;
  int item_depth_ = 0;
  Item item_;
  bool too_big_ = false;
  bool content_plain_ = false, summary_plain_ = false;
  int count_ = 0;
  int errors_ = 0;
};

}  // namespace

bool LooksLikeFeed(std::string_view head) {
  if (head.substr(0, 3) == kBom) head.remove_prefix(3);
  size_t i = 0;
  while (i < head.size()) {
    while (i < head.size() && IsSpace(head[i])) ++i;
    if (i >= head.size() || head[i] != '<') return false;
    std::string_view rest = head.substr(i);
    size_t end = std::string_view::npos;
    if (rest.substr(0, 2) == "<?") {
      end = rest.find("?>");
      if (end != std::string_view::npos) end += 2;
    } else if (rest.substr(0, 4) == "<!--") {
      end = rest.find("-->");
      if (end != std::string_view::npos) end += 3;
    } else if (rest.substr(0, 2) == "<!") {
      end = rest.find('>');
      if (end != std::string_view::npos) end += 1;
    } else {
      size_t n = 1;
      while (n < rest.size() && !IsSpace(rest[n]) && rest[n] != '>' && rest[n] != '/') ++n;
      const std::string name = AsciiLower(rest.substr(1, n - 1));
      return name == "rss" || name == "feed" || name == "rdf:rdf" ||
             (name.size() > 4 && name.substr(name.size() - 4) == ":rdf") ||
             (name.size() > 5 && name.substr(name.size() - 5) == ":feed");
    }
    if (end == std::string_view::npos) return false;
    i += end;
  }
  return false;
}

int ReadFeed(ByteSource* source, const std::string& origin, const std::string& default_id,
             const ArticleSink& on_article, const ErrorSink& on_error,
             const std::atomic<bool>* stop) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  IoContext io{source, Status::Ok()};
  ErrorContext err;
  // No network, no DTD loading, no entity substitution (so no external or exploding
  // entities); CDATA arrives as text. RECOVER reads on past the undeclared HTML entities
  // (&nbsp;) that many feeds carry.
  const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
                      XML_PARSE_NOWARNING | XML_PARSE_COMPACT | XML_PARSE_RECOVER;
  std::unique_ptr<xmlTextReader, ReaderFree> reader(
      xmlReaderForIO(&ReadCallback, &CloseCallback, &io, nullptr, nullptr, options));
  if (!reader) {
    on_error(Status::IoError(origin + ": cannot start the XML reader"));
    return 1;
  }
  xmlTextReaderSetStructuredErrorHandler(reader.get(), &OnXmlError, &err);
  FeedReader feed(reader.get(), origin, default_id, on_article, on_error, stop);
  const int ret = feed.Run();
  int errors = feed.errors();
  if (ret == -2) {
    on_error(Status::InvalidInput(origin + ": not an RSS or Atom feed (root element <" +
                                  RepairUtf8(feed.root_name()) + ">)"));
    ++errors;
  } else if (ret == -3) {
    on_error(Status::InvalidInput(origin + ": not an RSS or Atom feed (no XML element)"));
    ++errors;
  } else if (ret < 0) {
    if (!io.status.ok()) {
      on_error(io.status.WithContext(origin));
    } else {
      std::string where = err.line > 0 ? origin + ":" + std::to_string(err.line) : origin;
      on_error(Status::InvalidInput(
          where + ": malformed XML" + (err.message.empty() ? "" : " (" + err.message + ")")));
    }
    ++errors;
  }
  return errors;
}

}  // namespace geokg::reader_internal
