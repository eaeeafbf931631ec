// Interner: a compact, exact map from byte strings to dense indexes 0, 1, 2 ..., for the
// bulk loaders (entity keys, article ids, aliases, GraphML node ids, relation keys).
//
// The strings live back to back in one arena, each after its length, and the table is open
// addressing over 16-byte slots (hash tag, index, place in the arena) kept at most half
// full, so an entry costs its bytes plus 44 to 76. Not thread-safe.
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
  Interner() { slots_.assign(16, Slot{}); }

  // The index of `s`, added (with *added set) when it is new. Indexes are dense, in the
  // order strings were first seen.
  uint32_t Intern(std::string_view s, bool* added) {
    if ((offsets_.size() + 1) * 2 > slots_.size()) Grow();
    const uint32_t tag = static_cast<uint32_t>(HashBytes(s));
    const size_t mask = slots_.size() - 1;
    for (size_t i = tag & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.index == 0) {
        const uint32_t index = static_cast<uint32_t>(offsets_.size());
        const uint32_t len = static_cast<uint32_t>(s.size());
        slot = {tag, index + 1, arena_.size()};
        offsets_.push_back(arena_.size());
        arena_.append(reinterpret_cast<const char*>(&len), sizeof(len));
        arena_.append(s);
        *added = true;
        return index;
      }
      if (slot.tag == tag && Equals(slot.offset, s)) {
        *added = false;
        return slot.index - 1;
      }
    }
  }

  // Sets *index to the index of `s`; false when it was never interned.
  bool Find(std::string_view s, uint32_t* index) const {
    const uint32_t tag = static_cast<uint32_t>(HashBytes(s));
    const size_t mask = slots_.size() - 1;
    for (size_t i = tag & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.index == 0) return false;
      if (slot.tag == tag && Equals(slot.offset, s)) {
        *index = slot.index - 1;
        return true;
      }
    }
  }

  // Hints for a caller about to look up strings in a large table, so that the memory
  // latency of several lookups overlaps: PrefetchSlot starts loading the slot `s` hashes to;
  // PrefetchEntry, called once that slot is loaded, the bytes of the string it holds.
  void PrefetchSlot(std::string_view s) const {
    __builtin_prefetch(&slots_[static_cast<uint32_t>(HashBytes(s)) & (slots_.size() - 1)]);
  }
  void PrefetchEntry(std::string_view s) const {
    const uint32_t tag = static_cast<uint32_t>(HashBytes(s));
    const Slot& slot = slots_[tag & (slots_.size() - 1)];
    if (slot.index != 0 && slot.tag == tag) __builtin_prefetch(arena_.data() + slot.offset);
  }

  // The string of `index`: valid until the next Intern.
  std::string_view Get(uint32_t index) const { return At(offsets_[index]); }

  size_t size() const { return offsets_.size(); }

  // Forgets every string (indexes start at 0 again).
  void Clear() {
    arena_.clear();
    offsets_.clear();
    slots_.assign(16, Slot{});
  }

  // Bytes held, for memory reports.
  size_t MemoryBytes() const {
    return arena_.capacity() + offsets_.capacity() * sizeof(uint64_t) +
           slots_.capacity() * sizeof(Slot);
  }

 private:
  // A probe reads its slot, then (when the tags agree) the string's bytes, which follow
  // their length in the arena: two memory accesses per lookup in a large table, not three.
  // The tag is the hash's low 32 bits, whose low bits also place the slot (tables stay
  // below 2^32 slots: indexes are 32-bit).
  struct Slot {
    uint32_t tag = 0;
    uint32_t index = 0;  // entry index + 1; 0 is empty
    uint64_t offset = 0;  // of the entry's length in the arena
  };

  std::string_view At(uint64_t offset) const {
    uint32_t len = 0;
    std::memcpy(&len, arena_.data() + offset, sizeof(len));
    return std::string_view(arena_.data() + offset + sizeof(len), len);
  }
  bool Equals(uint64_t offset, std::string_view s) const {
    uint32_t len = 0;
    std::memcpy(&len, arena_.data() + offset, sizeof(len));
    return len == s.size() &&
           std::memcmp(arena_.data() + offset + sizeof(len), s.data(), s.size()) == 0;
  }

  void Grow() {
    std::vector<Slot> bigger(slots_.size() * 2);
    const size_t mask = bigger.size() - 1;
    for (const Slot& slot : slots_) {
      if (slot.index == 0) continue;
      size_t i = slot.tag & mask;
      while (bigger[i].index != 0) i = (i + 1) & mask;
      bigger[i] = slot;
    }
    slots_.swap(bigger);
  }

  std::string arena_;              // per entry: its length (4 bytes), then its bytes
  std::vector<uint64_t> offsets_;  // per entry: its place in the arena
  std::vector<Slot> slots_;
};

}  // namespace geokg
