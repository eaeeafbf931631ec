// The edges a writer has seen, (subject id, object id, type, negated) -> a dense index, with
// what it keeps per edge; open addressing over the entries themselves. Used by the bulk
// loader and by the store's cache of what it wrote.
#pragma once

#include <cstdint>
#include <vector>

#include "geokg/ontology.h"

namespace geokg {

class EdgeTable {
 public:
  struct Entry {
    int64_t subject, object;
    int64_t id;    // relations.id, 0 while not written
    int32_t slot;  // its place in the bulk loader's batch aggregates, -1
    RelationType type;
    bool negated;
  };

  EdgeTable() { slots_.assign(1024, 0); }

  // The index of the edge, added (id 0, slot -1) when it is new.
  uint32_t Intern(int64_t subject, int64_t object, RelationType type, bool negated) {
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    const size_t mask = slots_.size() - 1;
    for (size_t i = Hash(subject, object, type, negated) & mask;; i = (i + 1) & mask) {
      const uint32_t slot = slots_[i];
      if (slot == 0) {
        entries_.push_back({subject, object, 0, -1, type, negated});
        slots_[i] = static_cast<uint32_t>(entries_.size());
        return slots_[i] - 1;
      }
      const Entry& e = entries_[slot - 1];
      if (e.subject == subject && e.object == object && e.type == type && e.negated == negated)
        return slot - 1;
    }
  }
  // The edge's entry, or null when it was never interned.
  const Entry* Find(int64_t subject, int64_t object, RelationType type, bool negated) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = Hash(subject, object, type, negated) & mask;; i = (i + 1) & mask) {
      const uint32_t slot = slots_[i];
      if (slot == 0) return nullptr;
      const Entry& e = entries_[slot - 1];
      if (e.subject == subject && e.object == object && e.type == type && e.negated == negated) return &e;
    }
  }
  Entry& operator[](uint32_t index) { return entries_[index]; }
  size_t size() const { return entries_.size(); }

 private:
  static uint64_t Hash(int64_t subject, int64_t object, RelationType type, bool negated) {
    uint64_t h = static_cast<uint64_t>(subject) * 0x9E3779B97F4A7C15ULL;
    h ^= static_cast<uint64_t>(object) + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2);
    h ^= (static_cast<uint64_t>(type) << 1 | (negated ? 1 : 0)) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
    h *= 0x94D049BB133111EBULL;
    return h ^ (h >> 29);
  }
  void Grow() {
    std::vector<uint32_t> bigger(slots_.size() * 2, 0);
    const size_t mask = bigger.size() - 1;
    for (uint32_t k = 0; k < entries_.size(); ++k) {
      const Entry& e = entries_[k];
      size_t i = Hash(e.subject, e.object, e.type, e.negated) & mask;
      while (bigger[i] != 0) i = (i + 1) & mask;
      bigger[i] = k + 1;
    }
    slots_.swap(bigger);
  }

  std::vector<Entry> entries_;
  std::vector<uint32_t> slots_;  // entry index + 1; 0 is empty
};

}  // namespace geokg
