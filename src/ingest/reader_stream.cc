// Byte streams for the reader: files, memory, gzip and Zstandard decompression, and a
// line splitter with bounded memory.
#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include <zlib.h>
#include <zstd.h>

#include "reader_internal.h"

namespace geokg::reader_internal {
namespace {

// Bytes read from a stream at a time: small enough for a smooth progress bar (the bytes
// read are what it counts), large enough that system calls cost nothing.
constexpr size_t kChunk = size_t{64} << 10;
constexpr size_t kCompressedChunk = size_t{64} << 10;

class FileByteSource : public ByteSource {
 public:
  FileByteSource(FILE* file, bool owned) : file_(file), owned_(owned) {}
  ~FileByteSource() override {
    if (owned_ && file_ != nullptr) std::fclose(file_);
  }
  FileByteSource(const FileByteSource&) = delete;
  FileByteSource& operator=(const FileByteSource&) = delete;

  Status Read(char* buf, size_t cap, size_t* n) override {
    *n = std::fread(buf, 1, cap, file_);
    if (*n == 0 && std::ferror(file_)) {
      return Status::IoError(std::string("read error: ") + std::strerror(errno));
    }
    return Status::Ok();
  }

 private:
  FILE* file_;
  bool owned_;
};

class PrefixedByteSource : public ByteSource {
 public:
  PrefixedByteSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Status Read(char* buf, size_t cap, size_t* n) override {
    if (pos_ < prefix_.size()) {
      *n = std::min(cap, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, *n);
      pos_ += *n;
      return Status::Ok();
    }
    return rest_->Read(buf, cap, n);
  }

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

class CountingByteSource : public ByteSource {
 public:
  CountingByteSource(std::unique_ptr<ByteSource> inner, std::function<void(uint64_t)> on_bytes)
      : inner_(std::move(inner)), on_bytes_(std::move(on_bytes)) {}
  Status Read(char* buf, size_t cap, size_t* n) override {
    Status st = inner_->Read(buf, cap, n);
    if (*n > 0 && on_bytes_) on_bytes_(*n);
    return st;
  }

 private:
  std::unique_ptr<ByteSource> inner_;
  std::function<void(uint64_t)> on_bytes_;
};

class GzipByteSource : public ByteSource {
 public:
  explicit GzipByteSource(std::unique_ptr<ByteSource> in)
      : in_(std::move(in)), buf_(kCompressedChunk, '\0') {
    std::memset(&strm_, 0, sizeof(strm_));
    // 15 + 32: the largest window, with automatic gzip or zlib header detection.
    ok_ = inflateInit2(&strm_, 15 + 32) == Z_OK;
  }
  ~GzipByteSource() override {
    if (ok_) inflateEnd(&strm_);
  }
  GzipByteSource(const GzipByteSource&) = delete;
  GzipByteSource& operator=(const GzipByteSource&) = delete;

  Status Read(char* out, size_t cap, size_t* n) override {
    *n = 0;
    if (!ok_) return Status::IoError("cannot initialise zlib");
    if (done_) return Status::Ok();
    while (true) {
      if (strm_.avail_in == 0 && !in_eof_) {
        size_t got = 0;
        GEOKG_RETURN_IF_ERROR(in_->Read(buf_.data(), buf_.size(), &got));
        if (got == 0) {
          in_eof_ = true;
        } else {
          strm_.next_in = reinterpret_cast<Bytef*>(buf_.data());
          strm_.avail_in = static_cast<uInt>(got);
        }
      }
      if (strm_.avail_in == 0 && in_eof_ && !in_member_) {
        done_ = true;
        return Status::Ok();
      }
      strm_.next_out = reinterpret_cast<Bytef*>(out);
      strm_.avail_out = static_cast<uInt>(std::min<size_t>(cap, 1u << 30));
      uInt before = strm_.avail_out;
      int ret = inflate(&strm_, Z_NO_FLUSH);
      size_t produced = before - strm_.avail_out;
      if (ret == Z_STREAM_END) {
        in_member_ = false;
        inflateReset(&strm_);  // a further gzip member may follow
      } else if (ret == Z_OK) {
        in_member_ = true;
      } else if (ret == Z_BUF_ERROR) {
        // No progress possible: more input is needed.
        if (in_eof_ && strm_.avail_in == 0 && produced == 0) {
          return Status::Corruption("truncated gzip data");
        }
      } else {
        return Status::Corruption(std::string("corrupt gzip data: ") +
                                  (strm_.msg != nullptr ? strm_.msg : "inflate failed"));
      }
      if (produced > 0) {
        *n = produced;
        return Status::Ok();
      }
      if (strm_.avail_in == 0 && in_eof_ && in_member_) {
        return Status::Corruption("truncated gzip data");
      }
    }
  }

 private:
  std::unique_ptr<ByteSource> in_;
  std::string buf_;
  z_stream strm_;
  bool ok_ = false;
  bool in_eof_ = false;
  bool in_member_ = false;  // inside a gzip member that has not ended yet
  bool done_ = false;
};

class ZstdByteSource : public ByteSource {
 public:
  explicit ZstdByteSource(std::unique_ptr<ByteSource> in)
      : source_(std::move(in)), buf_(ZSTD_DStreamInSize(), '\0'), dctx_(ZSTD_createDCtx()) {}
  ~ZstdByteSource() override { ZSTD_freeDCtx(dctx_); }
  ZstdByteSource(const ZstdByteSource&) = delete;
  ZstdByteSource& operator=(const ZstdByteSource&) = delete;

  Status Read(char* out, size_t cap, size_t* n) override {
    *n = 0;
    if (dctx_ == nullptr) return Status::IoError("cannot initialise zstd");
    if (done_) return Status::Ok();
    while (true) {
      if (window_.pos == window_.size && !in_eof_) {
        size_t got = 0;
        GEOKG_RETURN_IF_ERROR(source_->Read(buf_.data(), buf_.size(), &got));
        if (got == 0) {
          in_eof_ = true;
        } else {
          window_ = ZSTD_inBuffer{buf_.data(), got, 0};
        }
      }
      bool input_gone = window_.pos == window_.size && in_eof_;
      if (input_gone && !in_frame_) {
        done_ = true;
        return Status::Ok();
      }
      ZSTD_outBuffer ob{out, cap, 0};
      size_t ret = ZSTD_decompressStream(dctx_, &ob, &window_);
      if (ZSTD_isError(ret)) {
        return Status::Corruption(std::string("corrupt zstd data: ") + ZSTD_getErrorName(ret));
      }
      in_frame_ = ret != 0;
      if (ob.pos > 0) {
        *n = ob.pos;
        return Status::Ok();
      }
      if (input_gone && in_frame_) return Status::Corruption("truncated zstd data");
    }
  }

 private:
  std::unique_ptr<ByteSource> source_;
  std::string buf_;
  ZSTD_DCtx* dctx_;
  ZSTD_inBuffer window_{nullptr, 0, 0};  // the unread part of buf_
  bool in_eof_ = false;
  bool in_frame_ = false;  // inside a frame that has not been fully decoded
  bool done_ = false;
};

}  // namespace

std::unique_ptr<ByteSource> FileSource(FILE* file, bool owned) {
  return std::make_unique<FileByteSource>(file, owned);
}

std::unique_ptr<ByteSource> PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest) {
  return std::make_unique<PrefixedByteSource>(std::move(prefix), std::move(rest));
}

std::unique_ptr<ByteSource> CountingSource(std::unique_ptr<ByteSource> inner,
                                           std::function<void(uint64_t)> on_bytes) {
  if (!on_bytes) return inner;
  return std::make_unique<CountingByteSource>(std::move(inner), std::move(on_bytes));
}

std::unique_ptr<ByteSource> GzipSource(std::unique_ptr<ByteSource> compressed) {
  return std::make_unique<GzipByteSource>(std::move(compressed));
}

std::unique_ptr<ByteSource> ZstdSource(std::unique_ptr<ByteSource> compressed) {
  return std::make_unique<ZstdByteSource>(std::move(compressed));
}

std::string SizeText(size_t bytes) {
  if (bytes >= (size_t{1} << 20) && bytes % (size_t{1} << 20) == 0) {
    return std::to_string(bytes >> 20) + " MiB";
  }
  return std::to_string(bytes) + " bytes";
}

LineReader::LineReader(ByteSource* source, size_t max_line)
    : source_(source), max_line_(max_line) {}

bool LineReader::Fill() {
  if (eof_ || !status_.ok()) return false;
  if (buf_.empty()) buf_.resize(kChunk);
  size_t n = 0;
  status_ = source_->Read(buf_.data(), buf_.size(), &n);
  if (!status_.ok()) return false;
  if (n == 0) {
    eof_ = true;
    return false;
  }
  pos_ = 0;
  end_ = n;
  return true;
}

LineReader::Result LineReader::Next(std::string* line) {
  line->clear();
  bool too_long = false;
  bool partial = false;  // some bytes of this line were seen
  while (true) {
    if (pos_ == end_ && !Fill()) {
      if (!status_.ok()) return Result::kError;
      if (!partial) return Result::kEnd;
      ++line_number_;  // the last line has no '\n'
      break;
    }
    const char* begin = buf_.data() + pos_;
    const char* nl = static_cast<const char*>(std::memchr(begin, '\n', end_ - pos_));
    size_t len = nl != nullptr ? static_cast<size_t>(nl - begin) : end_ - pos_;
    if (!too_long) {
      if (line->size() + len > max_line_) {
        too_long = true;
        std::string().swap(*line);  // give the memory back
      } else {
        size_t need = line->size() + len;
        if (need > line->capacity()) {
          // Grow to powers of two, never past the limit: at most the limit plus half of it
          // is held while growing (std::string's own policy could double a buffer just
          // short of the limit).
          std::string bigger;
          bigger.reserve(std::min(max_line_, std::bit_ceil(need)));
          bigger.append(*line);
          line->swap(bigger);
        }
        line->append(begin, len);
      }
    }
    partial = true;
    pos_ += len;
    if (nl != nullptr) {
      ++pos_;
      ++line_number_;
      break;
    }
  }
  if (too_long) return Result::kTooLong;
  if (!line->empty() && line->back() == '\r') line->pop_back();
  return Result::kLine;
}

Status ReadAll(ByteSource* source, size_t max_bytes, std::string* out) {
  out->clear();
  std::string chunk(kChunk, '\0');
  while (true) {
    size_t n = 0;
    GEOKG_RETURN_IF_ERROR(source->Read(chunk.data(), chunk.size(), &n));
    if (n == 0) return Status::Ok();
    if (out->size() + n > max_bytes) {
      out->clear();
      return Status::InvalidInput("larger than " + SizeText(max_bytes));
    }
    out->append(chunk.data(), n);
  }
}

}  // namespace geokg::reader_internal
