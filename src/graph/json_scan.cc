#include "json_scan.h"

#include <charconv>
#include <cstring>

#include "geokg/common/text.h"

namespace geokg::internal {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool JsonLine::Fail(const char* what) {
  error_ = std::string(what) + " at byte " + std::to_string(pos_ + 1);
  return false;
}

bool JsonLine::Parse(std::string_view line) {
  line_ = line;
  pos_ = 0;
  nodes_.clear();
  decoded_.clear();
  if (decoded_.capacity() < line.size()) decoded_.reserve(line.size());
  error_.clear();
  SkipSpace();
  if (!Value(0)) return false;
  SkipSpace();
  if (pos_ != line_.size()) return Fail("unexpected text after the JSON value");
  return true;
}

bool JsonLine::Value(int depth) {
  if (depth > 64) return Fail("nesting too deep");
  if (pos_ >= line_.size()) return Fail("unexpected end of line");
  const uint32_t self = static_cast<uint32_t>(nodes_.size());
  nodes_.push_back(Node{Kind::kNull, 0, std::string_view(), std::string_view()});
  const char c = line_[pos_];
  if (c == '{' || c == '[') {
    const bool object = c == '{';
    nodes_[self].kind = object ? Kind::kObject : Kind::kArray;
    ++pos_;
    SkipSpace();
    const char close = object ? '}' : ']';
    if (pos_ < line_.size() && line_[pos_] == close) {
      ++pos_;
      nodes_[self].end = static_cast<uint32_t>(nodes_.size());
      return true;
    }
    while (true) {
      std::string_view key;
      if (object) {
        if (pos_ >= line_.size() || line_[pos_] != '"') return Fail("expected a member name");
        if (!String(&key)) return false;
        SkipSpace();
        if (pos_ >= line_.size() || line_[pos_] != ':') return Fail("expected ':'");
        ++pos_;
        SkipSpace();
      }
      const uint32_t child = static_cast<uint32_t>(nodes_.size());
      if (!Value(depth + 1)) return false;
      nodes_[child].key = key;
      SkipSpace();
      if (pos_ >= line_.size()) return Fail("unexpected end of line");
      if (line_[pos_] == ',') {
        ++pos_;
        SkipSpace();
        continue;
      }
      if (line_[pos_] == close) {
        ++pos_;
        break;
      }
      return Fail(object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
    nodes_[self].end = static_cast<uint32_t>(nodes_.size());
    return true;
  }
  nodes_[self].end = self + 1;
  if (c == '"') {
    nodes_[self].kind = Kind::kString;
    std::string_view s;
    if (!String(&s)) return false;
    nodes_[self].text = s;
    return true;
  }
  auto literal = [&](std::string_view word, Kind kind) {
    if (line_.compare(pos_, word.size(), word) != 0) return Fail("unexpected character");
    pos_ += word.size();
    nodes_[self].kind = kind;
    return true;
  };
  if (c == 't') return literal("true", Kind::kTrue);
  if (c == 'f') return literal("false", Kind::kFalse);
  if (c == 'n') return literal("null", Kind::kNull);
  const size_t start = pos_;
  if (!Number()) return false;
  nodes_[self].kind = Kind::kNumber;
  nodes_[self].text = line_.substr(start, pos_ - start);
  return true;
}

bool JsonLine::String(std::string_view* out) {
  ++pos_;  // the opening quote
  const size_t start = pos_;
  // Fast path: no escape, ASCII or valid UTF-8, no control character.
  bool ascii = true;
  // Eight bytes at a time while none is a quote, a backslash or a control character (the
  // word tests of "Bit Twiddling Hacks": a byte that is zero, or below 0x20).
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  auto zero_byte = [&](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  uint64_t seen = 0;
  while (pos_ + 8 <= line_.size()) {
    uint64_t w;
    std::memcpy(&w, line_.data() + pos_, 8);
    const uint64_t special = zero_byte(w ^ (kOnes * '"')) | zero_byte(w ^ (kOnes * '\\')) |
                             ((w - kOnes * 0x20) & ~w & kHigh);
    if (special != 0) break;
    seen |= w;
    pos_ += 8;
  }
  if ((seen & kHigh) != 0) ascii = false;
  while (pos_ < line_.size()) {
    const unsigned char c = static_cast<unsigned char>(line_[pos_]);
    if (c == '"' || c == '\\' || c < 0x20) break;
    if (c >= 0x80) ascii = false;
    ++pos_;
  }
  if (pos_ >= line_.size()) return Fail("unterminated string");
  if (line_[pos_] == '"') {
    *out = line_.substr(start, pos_ - start);
    ++pos_;
    if (!ascii && !IsValidUtf8(*out)) return Fail("invalid UTF-8 in a string");
    return true;
  }
  if (static_cast<unsigned char>(line_[pos_]) < 0x20) return Fail("control character in a string");
  // Slow path: decode into decoded_, which never reallocates (it holds at most the line).
  const size_t begin = decoded_.size();
  decoded_.append(line_.data() + start, pos_ - start);
  while (true) {
    if (pos_ >= line_.size()) return Fail("unterminated string");
    const unsigned char c = static_cast<unsigned char>(line_[pos_]);
    if (c == '"') {
      ++pos_;
      break;
    }
    if (c < 0x20) return Fail("control character in a string");
    if (c != '\\') {
      decoded_.push_back(static_cast<char>(c));
      ++pos_;
      continue;
    }
    if (pos_ + 1 >= line_.size()) return Fail("unterminated string");
    const char e = line_[pos_ + 1];
    pos_ += 2;
    switch (e) {
      case '"': decoded_.push_back('"'); break;
      case '\\': decoded_.push_back('\\'); break;
      case '/': decoded_.push_back('/'); break;
      case 'b': decoded_.push_back('\b'); break;
      case 'f': decoded_.push_back('\f'); break;
      case 'n': decoded_.push_back('\n'); break;
      case 'r': decoded_.push_back('\r'); break;
      case 't': decoded_.push_back('\t'); break;
      case 'u': {
        auto hex4 = [&](char32_t* v) {
          if (pos_ + 4 > line_.size()) return false;
          char32_t x = 0;
          for (int k = 0; k < 4; ++k) {
            const int d = HexDigit(line_[pos_ + static_cast<size_t>(k)]);
            if (d < 0) return false;
            x = (x << 4) | static_cast<char32_t>(d);
          }
          pos_ += 4;
          *v = x;
          return true;
        };
        char32_t cp = 0;
        if (!hex4(&cp)) return Fail("bad \\u escape");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          char32_t low = 0;
          if (pos_ + 2 > line_.size() || line_[pos_] != '\\' || line_[pos_ + 1] != 'u')
            return Fail("unpaired surrogate");
          pos_ += 2;
          if (!hex4(&low) || low < 0xDC00 || low > 0xDFFF) return Fail("unpaired surrogate");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          return Fail("unpaired surrogate");
        }
        AppendUtf8(cp, &decoded_);
        break;
      }
      default:
        return Fail("bad escape in a string");
    }
  }
  *out = std::string_view(decoded_).substr(begin);
  if (!IsValidUtf8(*out)) return Fail("invalid UTF-8 in a string");
  return true;
}

bool JsonLine::Number() {
  const size_t start = pos_;
  if (pos_ < line_.size() && line_[pos_] == '-') ++pos_;
  auto digits = [&] {
    const size_t from = pos_;
    while (pos_ < line_.size() && line_[pos_] >= '0' && line_[pos_] <= '9') ++pos_;
    return pos_ - from;
  };
  if (pos_ >= line_.size()) return Fail("unexpected end of line");
  if (line_[pos_] == '0') {
    ++pos_;
  } else if (digits() == 0) {
    pos_ = start;
    return Fail("unexpected character");
  }
  if (pos_ < line_.size() && line_[pos_] == '.') {
    ++pos_;
    if (digits() == 0) return Fail("bad number");
  }
  if (pos_ < line_.size() && (line_[pos_] == 'e' || line_[pos_] == 'E')) {
    ++pos_;
    if (pos_ < line_.size() && (line_[pos_] == '+' || line_[pos_] == '-')) ++pos_;
    if (digits() == 0) return Fail("bad number");
  }
  return true;
}

uint32_t JsonLine::Find(uint32_t obj, std::string_view name) const {
  if (obj >= nodes_.size() || nodes_[obj].kind != Kind::kObject) return UINT32_MAX;
  for (uint32_t c = obj + 1; c < nodes_[obj].end; c = nodes_[c].end)
    if (nodes_[c].key == name) return c;
  return UINT32_MAX;
}

bool JsonLine::Int(uint32_t i, int64_t* out) const {
  if (i >= nodes_.size() || nodes_[i].kind != Kind::kNumber) return false;
  const std::string_view t = nodes_[i].text;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), *out);
  return ec == std::errc() && end == t.data() + t.size();
}

bool JsonLine::Double(uint32_t i, double* out) const {
  if (i >= nodes_.size() || nodes_[i].kind != Kind::kNumber) return false;
  const std::string_view t = nodes_[i].text;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), *out);
  return ec == std::errc() && end == t.data() + t.size();
}

}  // namespace geokg::internal
