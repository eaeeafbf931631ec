// geokg load: triples JSON Lines into the store, through the bulk writer.
#include <time.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "geokg/graph/import.h"
#include "geokg/ontology.h"
#include "json_scan.h"

namespace geokg {
namespace {

using internal::JsonLine;
using Kind = JsonLine::Kind;

// Reads a file line by line in large blocks. Lines are views valid until the next call.
class LineReader {
 public:
  ~LineReader() {
    if (file_ != nullptr && file_ != stdin) std::fclose(file_);
  }
  Status Open(const std::string& path) {
    if (path == "-") {
      file_ = stdin;
    } else {
      file_ = std::fopen(path.c_str(), "rb");
      if (file_ == nullptr) return Status::IoError(path + ": cannot read: " + std::strerror(errno));
    }
    path_ = path;
    buf_.resize(kBlock);
    return Status::Ok();
  }
  // Whether the next line is whole in the buffer: Next then returns it without moving the
  // lines it returned before, which stay valid.
  bool Buffered() const {
    return eof_ || std::memchr(buf_.data() + begin_, '\n', end_ - begin_) != nullptr;
  }
  // Sets *line to the next line (without its newline); false at the end of the file.
  bool Next(std::string_view* line, Status* st) {
    while (true) {
      const char* nl = static_cast<const char*>(
          std::memchr(buf_.data() + begin_, '\n', end_ - begin_));
      if (nl != nullptr) {
        const size_t at = static_cast<size_t>(nl - buf_.data());
        *line = std::string_view(buf_.data() + begin_, at - begin_);
        begin_ = at + 1;
        return true;
      }
      if (eof_) {
        if (begin_ == end_) return false;
        *line = std::string_view(buf_.data() + begin_, end_ - begin_);
        begin_ = end_;
        return true;
      }
      // Keep the partial line and read more after it.
      std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
      if (end_ + kBlock / 2 > buf_.size()) buf_.resize(buf_.size() * 2);
      const size_t got = std::fread(buf_.data() + end_, 1, buf_.size() - end_, file_);
      end_ += got;
      if (got == 0) {
        if (std::ferror(file_)) {
          *st = Status::IoError(path_ + ": read error");
          return false;
        }
        eof_ = true;
      }
    }
  }

 private:
  static constexpr size_t kBlock = 8 << 20;
  FILE* file_ = nullptr;
  std::string path_;
  std::string buf_;
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
};

// Reads optional string member `name` of object `obj` into *out ("" when absent or null).
bool Str(const JsonLine& j, uint32_t obj, std::string_view name, std::string_view* out,
         std::string* why) {
  *out = std::string_view();
  const uint32_t i = j.Find(obj, name);
  if (i == UINT32_MAX || j.node(i).kind == Kind::kNull) return true;
  if (j.node(i).kind != Kind::kString) {
    *why = "\"" + std::string(name) + "\" is not a string";
    return false;
  }
  *out = j.node(i).text;
  return true;
}

bool IntField(const JsonLine& j, uint32_t obj, std::string_view name, int64_t* out,
              std::string* why) {
  const uint32_t i = j.Find(obj, name);
  if (i == UINT32_MAX || j.node(i).kind == Kind::kNull) return true;
  if (!j.Int(i, out)) {
    *why = "\"" + std::string(name) + "\" is not an integer";
    return false;
  }
  return true;
}

// [begin, end] into the two integers.
bool Span(const JsonLine& j, uint32_t obj, int64_t* begin, int64_t* end, std::string* why) {
  const uint32_t i = j.Find(obj, "span");
  if (i == UINT32_MAX || j.node(i).kind == Kind::kNull) return true;
  const uint32_t a = i + 1;
  if (j.node(i).kind != Kind::kArray || a >= j.node(i).end || j.node(a).end >= j.node(i).end ||
      j.node(j.node(a).end).end != j.node(i).end || !j.Int(a, begin) ||
      !j.Int(j.node(a).end, end)) {
    *why = "\"span\" is not [begin, end]";
    return false;
  }
  return true;
}

bool ParseSide(const JsonLine& j, uint32_t root, std::string_view name, BulkSide* side,
               std::string* why) {
  const uint32_t s = j.Find(root, name);
  if (s == UINT32_MAX || j.node(s).kind != Kind::kObject) {
    *why = "no \"" + std::string(name) + "\" object";
    return false;
  }
  std::string_view type;
  if (!Str(j, s, "name", &side->name, why) || !Str(j, s, "key", &side->key, why) ||
      !Str(j, s, "mention", &side->mention, why) || !Str(j, s, "country", &side->country, why) ||
      !Str(j, s, "type", &type, why))
    return false;
  if (side->name.empty() && side->key.empty()) {
    *why = "\"" + std::string(name) + "\" has neither name nor key";
    return false;
  }
  side->type = EntityTypeFromName(type);
  return true;
}

// Fills *t from the line; "also" entries are left to the caller. False with *why on a
// line that cannot be a triple.
bool ParseTriple(const JsonLine& j, BulkTriple* t, std::string* why) {
  if (j.node(0).kind != Kind::kObject) {
    *why = "not a JSON object";
    return false;
  }
  *t = BulkTriple();
  std::string_view relation, modality;
  // The document id: a string, or a number as some corpora have.
  const uint32_t d = j.Find(0, "doc");
  if (d != UINT32_MAX && (j.node(d).kind == Kind::kString || j.node(d).kind == Kind::kNumber))
    t->doc = j.node(d).text;
  if (!Str(j, 0, "relation", &relation, why) ||
      !Str(j, 0, "modality", &modality, why) || !Str(j, 0, "cameo", &t->cameo, why) ||
      !Str(j, 0, "mode", &t->mode, why) || !Str(j, 0, "role", &t->role, why) ||
      !Str(j, 0, "date", &t->date, why) || !Str(j, 0, "article_date", &t->article_date, why) ||
      !Str(j, 0, "lang", &t->lang, why) || !Str(j, 0, "evidence", &t->sentence, why) ||
      !Str(j, 0, "trigger", &t->trigger, why))
    return false;
  if (t->doc.empty()) {
    *why = "no \"doc\"";
    return false;
  }
  if (!RelationFromName(relation, &t->relation)) {
    *why = relation.empty() ? "no \"relation\""
                            : "unknown relation type \"" + std::string(relation) + "\"";
    return false;
  }
  if (!modality.empty() && !ModalityFromName(modality, &t->modality)) {
    *why = "unknown modality \"" + std::string(modality) + "\"";
    return false;
  }
  const uint32_t neg = j.Find(0, "negated");
  if (neg != UINT32_MAX) {
    const Kind k = j.node(neg).kind;
    if (k != Kind::kTrue && k != Kind::kFalse && k != Kind::kNull) {
      *why = "\"negated\" is not true or false";
      return false;
    }
    t->negated = k == Kind::kTrue;
  }
  if (!ParseSide(j, 0, "subject", &t->subject, why) ||
      !ParseSide(j, 0, "object", &t->object, why) ||
      !IntField(j, 0, "sentence", &t->sentence_index, why) ||
      !Span(j, 0, &t->begin, &t->end, why))
    return false;
  const uint32_t conf = j.Find(0, "confidence");
  if (conf != UINT32_MAX && j.node(conf).kind != Kind::kNull &&
      (!j.Double(conf, &t->confidence) || !(t->confidence >= 0 && t->confidence <= 1))) {
    *why = "\"confidence\" is not a number from 0 to 1";
    return false;
  }
  return true;
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

Status LoadTriplesJsonl(const std::vector<std::string>& paths, Store* store,
                        const TriplesLoadOptions& options, TriplesLoadStats* stats) {
  TriplesLoadStats local;
  std::unique_ptr<BulkWriter> writer;
  BulkOptions bulk = options.bulk;
  if (bulk.origin.empty() && paths.size() == 1) bulk.origin = paths[0];
  GEOKG_RETURN_IF_ERROR(NewBulkWriter(store, bulk, &writer));
  const double cpu = ThreadCpuSeconds();
  // Lines are read and parsed a few at a time, then the writer is told what their triples
  // will look up (BulkWriter::Prefetch) before they are added in order: at a million actors
  // each lookup of a key or a name would otherwise wait for memory on its own.
  constexpr size_t kAhead = 16;
  struct Ahead {
    JsonLine json;
    BulkTriple t;
    int64_t number = 0;
    bool blank = false;
    std::string refused;  // why the line is no triple, if it is not
  };
  std::vector<Ahead> ahead(kAhead);
  std::string why;
  Status st;
  for (const std::string& path : paths) {
    LineReader reader;
    st = reader.Open(path);
    if (!st.ok()) break;
    std::string_view line;
    int64_t number = 0;
    auto refuse = [&](int64_t at, const std::string& message) {
      ++local.refused;
      if (options.on_error)
        options.on_error(Status::InvalidInput(path + ":" + std::to_string(at) + ": " + message));
    };
    Status read;
    bool more = true;
    while (more && st.ok()) {
      // Read up to kAhead lines, as long as the earlier ones stay where they are.
      size_t n = 0;
      while (n < kAhead && (n == 0 || reader.Buffered())) {
        if (!reader.Next(&line, &read)) {
          more = false;
          break;
        }
        Ahead& a = ahead[n++];
        a.number = ++number;
        a.refused.clear();
        a.blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
        if (a.blank) continue;
        ++local.lines;
        if (!a.json.Parse(line)) {
          a.refused = "not JSON: " + a.json.error();
        } else if (!ParseTriple(a.json, &a.t, &why)) {
          a.refused = why.empty() ? std::string("not a triple") : why;
        }
      }
      for (int step = 0; step < BulkWriter::kPrefetchSteps; ++step) {
        for (size_t i = 0; i < n; ++i)
          if (!ahead[i].blank && ahead[i].refused.empty()) writer->Prefetch(ahead[i].t, step);
      }
      for (size_t i = 0; i < n && st.ok(); ++i) {
        const Ahead& a = ahead[i];
        if (a.blank) continue;
        if (!a.refused.empty()) {
          refuse(a.number, a.refused);
          continue;
        }
        const JsonLine& json = a.json;
        Status added = writer->AddTriple(a.t);
        if (added.code() == Status::Code::kInvalidInput) {
          refuse(a.number, added.message());
          continue;
        }
        if (!added.ok()) {
          st = added;
          break;
        }
        // More statements of the same triple in the same document.
        const uint32_t also = json.Find(0, "also");
        if (also == UINT32_MAX || json.node(also).kind != Kind::kArray) continue;
        for (uint32_t e = also + 1; e < json.node(also).end; e = json.node(e).end) {
          BulkTriple more_t = a.t;
          more_t.sentence = std::string_view();
          if (!Str(json, e, "subject_mention", &more_t.subject.mention, &why) ||
              !Str(json, e, "object_mention", &more_t.object.mention, &why) ||
              !Str(json, e, "trigger", &more_t.trigger, &why) ||
              !IntField(json, e, "sentence", &more_t.sentence_index, &why) ||
              !Span(json, e, &more_t.begin, &more_t.end, &why)) {
            refuse(a.number, "in \"also\": " + why);
            continue;
          }
          st = writer->AddTriple(more_t);
          if (!st.ok() && st.code() != Status::Code::kInvalidInput) break;
          if (!st.ok()) refuse(a.number, st.message());
          st = Status::Ok();
        }
      }
    }
    if (st.ok()) st = read;
    if (!st.ok()) break;
  }
  local.read_cpu_seconds = ThreadCpuSeconds() - cpu;
  Status finished = writer->Finish(&local.store);
  if (st.ok()) st = finished;
  if (stats != nullptr) *stats = local;
  return st;
}

}  // namespace geokg
