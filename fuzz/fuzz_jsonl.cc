// Fuzzes the JSON Lines reader: ParseJsonArticle on the whole input as one line, then the
// streaming reader (line splitting with a small line limit, gzip and zstd by magic number)
// over the same bytes delivered in odd-sized chunks.
//
// Checks: an accepted line gives an article with an id, non-blank UTF-8 text, a normalised
// language and date; a refused one a one-line message that starts with its origin.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "fuzz_util.h"
#include "geokg/common/text.h"
#include "geokg/ingest/reader.h"
#include "reader_internal.h"

namespace {

using geokg::Article;
using geokg::Status;
using geokg::reader_internal::ByteSource;

// The input in chunks of `chunk` bytes (1..256), as a pipe might deliver it.
class MemorySource : public ByteSource {
 public:
  MemorySource(std::string bytes, size_t chunk) : bytes_(std::move(bytes)), chunk_(chunk) {}
  Status Read(char* buf, size_t cap, size_t* n) override {
    *n = std::min({cap, chunk_, bytes_.size() - pos_});
    std::memcpy(buf, bytes_.data() + pos_, *n);
    pos_ += *n;
    return Status::Ok();
  }

 private:
  std::string bytes_;
  size_t chunk_;
  size_t pos_ = 0;
};

// Stops after `cap` bytes: a small compressed input may expand to gigabytes.
class CappedSource : public ByteSource {
 public:
  CappedSource(std::unique_ptr<ByteSource> in, size_t cap) : in_(std::move(in)), left_(cap) {}
  Status Read(char* buf, size_t cap, size_t* n) override {
    *n = 0;
    if (left_ == 0) return Status::Ok();
    GEOKG_RETURN_IF_ERROR(in_->Read(buf, std::min(cap, left_), n));
    left_ -= *n;
    return Status::Ok();
  }

 private:
  std::unique_ptr<ByteSource> in_;
  size_t left_;
};

void CheckArticle(const Article& a, const std::string& origin) {
  FUZZ_CHECK(!a.id.empty(), "an article has an id");
  FUZZ_CHECK(!geokg::Trim(a.text).empty(), "an article has text");
  FUZZ_CHECK(geokg::IsValidUtf8(a.text), "text is UTF-8");
  FUZZ_CHECK(a.lang.empty() || a.lang == "fr" || a.lang == "en", a.lang);
  FUZZ_CHECK(geokg::fuzz::IsDateOrEmpty(a.date), a.date);
  FUZZ_CHECK(a.origin == origin, a.origin);
}

void CheckError(const Status& st, const std::string& origin) {
  FUZZ_CHECK(!st.ok(), "an error");
  FUZZ_CHECK(st.message().rfind(origin, 0) == 0, st.message());
  FUZZ_CHECK(!geokg::fuzz::HasLineBreak(st.message()), st.message());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);

  Article article;
  Status st = geokg::ParseJsonArticle(bytes, "in.jsonl:7", &article);
  if (st.ok()) {
    CheckArticle(article, "in.jsonl:7");
  } else {
    CheckError(st, "in.jsonl:7: ");
  }

  // The same bytes as a stream. The chunk size comes from the length so that it varies
  // without taking bytes from the input.
  const size_t chunk = 1 + (size * 7919) % 256;
  std::unique_ptr<ByteSource> source = std::make_unique<MemorySource>(bytes, chunk);
  if (size >= 2 && bytes[0] == '\x1F' && bytes[1] == '\x8B') {
    source = geokg::reader_internal::GzipSource(std::move(source));
  } else if (size >= 4 && bytes.compare(0, 4, "\x28\xB5\x2F\xFD") == 0) {
    source = geokg::reader_internal::ZstdSource(std::move(source));
  }
  CappedSource capped(std::move(source), size_t{1} << 20);
  int articles = 0, errors = 0;
  const int reported = geokg::reader_internal::ReadJsonLines(
      &capped, "s.jsonl", 512,
      [&](Article& a) {
        ++articles;
        FUZZ_CHECK(a.origin.rfind("s.jsonl:", 0) == 0, a.origin);
        FUZZ_CHECK(!a.id.empty() && geokg::IsValidUtf8(a.text), a.origin);
        FUZZ_CHECK(!geokg::Trim(a.text).empty(), a.origin);
      },
      [&](const Status& e) {
        ++errors;
        CheckError(e, "s.jsonl");
      });
  FUZZ_CHECK(reported == errors, "ReadJsonLines counts the errors it reports");
  return 0;
}
