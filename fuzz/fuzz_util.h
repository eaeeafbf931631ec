// Helpers shared by the fuzz targets: carving typed values out of the fuzzer's bytes, and
// checks that abort with a message (so that libFuzzer records the input as a crash).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace geokg::fuzz {

// Fails the run: prints `what` and aborts, which libFuzzer (and the replay driver) report
// as a crash with the input that caused it.
[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

#define FUZZ_CHECK(cond, what)                                                      \
  do {                                                                              \
    if (!(cond)) ::geokg::fuzz::Fail(std::string(#cond) + ": " + std::string(what)); \
  } while (0)

// Reads typed values from the front of the input; past the end every read gives zero or
// an empty string, so targets never have to check sizes.
class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size)
      : data_(reinterpret_cast<const char*>(data)), size_(size) {}

  bool empty() const { return pos_ >= size_; }
  size_t remaining() const { return pos_ < size_ ? size_ - pos_ : 0; }

  uint8_t Byte() { return pos_ < size_ ? static_cast<uint8_t>(data_[pos_++]) : 0; }
  bool Bool() { return (Byte() & 1) != 0; }
  // A value in [0, n) (n > 0).
  size_t Below(size_t n) { return n == 0 ? 0 : Byte() % n; }

  // A string that ends at the next `sep` byte (not included) or at the end of the input.
  std::string Until(char sep) {
    std::string out;
    while (pos_ < size_ && data_[pos_] != sep) out.push_back(data_[pos_++]);
    if (pos_ < size_) ++pos_;  // the separator
    return out;
  }

  // Everything left.
  std::string Rest() {
    std::string out = pos_ < size_ ? std::string(data_ + pos_, size_ - pos_) : std::string();
    pos_ = size_;
    return out;
  }

 private:
  const char* data_;
  size_t size_;
  size_t pos_ = 0;
};

// True when `s` holds a line break (what one-line messages must not).
inline bool HasLineBreak(std::string_view s) {
  return s.find('\n') != std::string_view::npos || s.find('\r') != std::string_view::npos;
}

// True when `d` is "" or has the shape YYYY-MM-DD with a month in 1..12 and a day in 1..31.
inline bool IsDateShapeOrEmpty(std::string_view d) {
  if (d.empty()) return true;
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9') return false;
  int month = (d[5] - '0') * 10 + (d[6] - '0');
  int day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// True when `d` is "" or a day of the calendar written YYYY-MM-DD (no 2015-09-31).
inline bool IsDateOrEmpty(std::string_view d) {
  if (!IsDateShapeOrEmpty(d)) return false;
  if (d.empty()) return true;
  const int year = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0');
  const int month = (d[5] - '0') * 10 + (d[6] - '0');
  const int day = (d[8] - '0') * 10 + (d[9] - '0');
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= (month == 2 && leap ? 29 : kDays[month - 1]);
}

// Checks for bugs that are known and not fixed yet are skipped, so that fuzzing goes past
// them, unless GEOKG_FUZZ_KNOWN_BUGS is set in the environment. docs/RELIABILITY.md lists
// them; remove a check's condition once its bug is fixed.
inline bool CheckKnownBugs() {
  static const bool on = std::getenv("GEOKG_FUZZ_KNOWN_BUGS") != nullptr;
  return on;
}

}  // namespace geokg::fuzz
