// Interner: a compact, exact map from byte strings to dense indexes 0, 1, 2 ..., for the
// bulk loaders (entity keys, article ids, aliases, GraphML node ids, relation keys).
//
// The strings live back to back in one arena and the table is open addressing over 32-bit
// slots, so an entry costs its bytes plus about 24: a third of std::unordered_map<string,
// int>. Not thread-safe.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace geokg {

// A 64-bit hash of `s` (multiply-xorshift over 8-byte words), good enough for tables.
inline uint64_t HashBytes(std::string_view s) {
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  uint64_t h = 0x243F6A8885A308D3ULL ^ (s.size() * kMul);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * kMul;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, s.data() + i, s.size() - i);
  h = (h ^ tail) * kMul;
  h ^= h >> 32;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 31;
  return h;
}

class Interner {
 public:
  Interner() { slots_.assign(16, 0); }

  // The index of `s`, added (with *added set) when it is new. Indexes are dense, in the
  // order strings were first seen.
  uint32_t Intern(std::string_view s, bool* added) {
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    const uint64_t h = HashBytes(s);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const uint32_t slot = slots_[i];
      if (slot == 0) {
        const uint32_t index = static_cast<uint32_t>(entries_.size());
        entries_.push_back({h, arena_.size(), static_cast<uint32_t>(s.size())});
        arena_.append(s);
        slots_[i] = index + 1;
        *added = true;
        return index;
      }
      const Entry& e = entries_[slot - 1];
      if (e.hash == h && e.len == s.size() &&
          std::memcmp(arena_.data() + e.offset, s.data(), s.size()) == 0) {
        *added = false;
        return slot - 1;
      }
    }
  }

  // Sets *index to the index of `s`; false when it was never interned.
  bool Find(std::string_view s, uint32_t* index) const {
    const uint64_t h = HashBytes(s);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const uint32_t slot = slots_[i];
      if (slot == 0) return false;
      const Entry& e = entries_[slot - 1];
      if (e.hash == h && e.len == s.size() &&
          std::memcmp(arena_.data() + e.offset, s.data(), s.size()) == 0) {
        *index = slot - 1;
        return true;
      }
    }
  }

  // The string of `index`: valid until the next Intern.
  std::string_view Get(uint32_t index) const {
    const Entry& e = entries_[index];
    return std::string_view(arena_.data() + e.offset, e.len);
  }

  size_t size() const { return entries_.size(); }

  // Forgets every string (indexes start at 0 again).
  void Clear() {
    arena_.clear();
    entries_.clear();
    slots_.assign(16, 0);
  }

  // Bytes held, for memory reports.
  size_t MemoryBytes() const {
    return arena_.capacity() + entries_.capacity() * sizeof(Entry) +
           slots_.capacity() * sizeof(uint32_t);
  }

 private:
  struct Entry {
    uint64_t hash;
    size_t offset;
    uint32_t len;
  };

  void Grow() {
    std::vector<uint32_t> bigger(slots_.size() * 2, 0);
    const size_t mask = bigger.size() - 1;
    for (uint32_t k = 0; k < entries_.size(); ++k) {
      size_t i = entries_[k].hash & mask;
      while (bigger[i] != 0) i = (i + 1) & mask;
      bigger[i] = k + 1;
    }
    slots_.swap(bigger);
  }

  std::string arena_;
  std::vector<Entry> entries_;
  std::vector<uint32_t> slots_;  // entry index + 1; 0 is empty
};

}  // namespace geokg
