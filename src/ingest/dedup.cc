// Near-duplicate detection: MinHash sketches of word 3-shingles and an LSH index.
#include "geokg/ingest/dedup.h"

#include <algorithm>
#include <bit>

namespace geokg {
namespace {

constexpr int kBands = 32;
constexpr int kRows = TextSketch::kBins / kBands;  // 4 bins of 16 bits: a 64-bit band value
static_assert(kRows * 16 == 64, "a band must fill 64 bits");

uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ULL;
  x ^= x >> 33;
  return x;
}

// Bytes that end a word: ASCII white space, punctuation and symbols. Bytes >= 0x80 (the
// rest of UTF-8) belong to words, so "Lavrov" and "Lavrov’s" differ but copies agree.
constexpr std::array<bool, 256> MakeBreaks() {
  std::array<bool, 256> t{};
  for (int c = 0; c < 128; ++c) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    t[static_cast<size_t>(c)] = !alnum;
  }
  return t;
}
constexpr std::array<bool, 256> kBreak = MakeBreaks();

}  // namespace

void SketchText(std::string_view text, TextSketch* out) {
  out->mins.fill(TextSketch::kEmpty);
  out->shingles = 0;
  uint64_t w0 = 0, w1 = 0;  // the two previous words' hashes
  int words = 0;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && kBreak[static_cast<unsigned char>(text[i])]) ++i;
    if (i >= n) break;
    // FNV-1a over the word, ASCII lower-cased.
    uint64_t h = 0xCBF29CE484222325ULL;
    while (i < n && !kBreak[static_cast<unsigned char>(text[i])]) {
      auto c = static_cast<unsigned char>(text[i]);
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + ('a' - 'A'));
      h = (h ^ c) * 0x100000001B3ULL;
      ++i;
    }
    ++words;
    if (words >= 3) {
      const uint64_t s = Mix(w0 ^ std::rotl(w1, 21) ^ std::rotl(h, 42));
      const size_t bin = static_cast<size_t>(s >> 57);  // top 7 bits: 128 bins
      // 16 bits of the rest; kEmpty itself is folded onto its neighbour.
      uint16_t v = static_cast<uint16_t>(s >> 8);
      if (v == TextSketch::kEmpty) v = TextSketch::kEmpty - 1;
      if (v < out->mins[bin]) out->mins[bin] = v;
      ++out->shingles;
    }
    w0 = w1;
    w1 = h;
  }
}

double EstimateJaccard(const TextSketch& a, const TextSketch& b) {
  int both = 0, equal = 0;
  for (int k = 0; k < TextSketch::kBins; ++k) {
    const uint16_t x = a.mins[static_cast<size_t>(k)], y = b.mins[static_cast<size_t>(k)];
    if (x == TextSketch::kEmpty && y == TextSketch::kEmpty) continue;
    ++both;
    if (x == y) ++equal;
  }
  return both == 0 ? 0.0 : static_cast<double>(equal) / both;
}

NearDuplicateIndex::NearDuplicateIndex(const NearDuplicateOptions& options) : options_(options) {
  if (options_.capacity == 0) options_.capacity = 1;
  table_.assign(1024, 0);
}

size_t NearDuplicateIndex::MemoryBytes() const {
  return slots_.capacity() * sizeof(Slot) + table_.capacity() * sizeof(uint64_t) +
         seen_.capacity() * sizeof(uint32_t);
}

void NearDuplicateIndex::BandKeys(const TextSketch& s, std::array<uint64_t, 32>* keys,
                                  std::array<bool, 32>* used) const {
  for (int b = 0; b < kBands; ++b) {
    uint64_t v = 0;
    bool any = false;
    for (int r = 0; r < kRows; ++r) {
      const uint16_t m = s.mins[static_cast<size_t>(b * kRows + r)];
      any = any || m != TextSketch::kEmpty;
      v = (v << 16) | m;
    }
    (*used)[static_cast<size_t>(b)] = any;
    // The fingerprint keeps 32 bits (false matches are weeded out by the comparison).
    (*keys)[static_cast<size_t>(b)] = Mix(v ^ (0x9E3779B97F4A7C15ULL * static_cast<uint64_t>(b + 1))) >> 32;
  }
}

void NearDuplicateIndex::Insert(uint64_t key, uint32_t slot) {
  if ((entries_ + 1) * 2 > table_.size()) Grow();
  const size_t mask = table_.size() - 1;
  size_t i = static_cast<size_t>(key) & mask;
  while (table_[i] != 0) i = (i + 1) & mask;
  table_[i] = key << 32 | (static_cast<uint64_t>(slot) + 1);
  ++entries_;
}

void NearDuplicateIndex::Erase(uint64_t key, uint32_t slot) {
  const size_t mask = table_.size() - 1;
  const uint64_t want = key << 32 | (static_cast<uint64_t>(slot) + 1);
  size_t i = static_cast<size_t>(key) & mask;
  while (table_[i] != want) {
    if (table_[i] == 0) return;  // not there (cannot happen: every key was inserted)
    i = (i + 1) & mask;
  }
  // Backward-shift deletion: move later entries of the cluster into the hole when their
  // home position allows it, so look-ups never need tombstones.
  size_t hole = i;
  size_t j = i;
  while (true) {
    j = (j + 1) & mask;
    if (table_[j] == 0) break;
    const size_t home = static_cast<size_t>(table_[j] >> 32) & mask;
    // Can the entry at j move to the hole? Only if its home is not in (hole, j].
    const bool stays = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
    if (!stays) {
      table_[hole] = table_[j];
      hole = j;
    }
  }
  table_[hole] = 0;
  --entries_;
}

void NearDuplicateIndex::Grow() {
  std::vector<uint64_t> old;
  old.swap(table_);
  table_.assign(old.size() * 2, 0);
  const size_t mask = table_.size() - 1;
  for (uint64_t e : old) {
    if (e == 0) continue;
    size_t i = static_cast<size_t>(e >> 32) & mask;
    while (table_[i] != 0) i = (i + 1) & mask;
    table_[i] = e;
  }
}

bool NearDuplicateIndex::FindOrAdd(const TextSketch& sketch, uint64_t id, uint64_t* story) {
  if (sketch.shingles < options_.min_shingles) return false;
  std::array<uint64_t, 32> keys;
  std::array<bool, 32> used;
  BandKeys(sketch, &keys, &used);

  // Candidates: stories sharing a band. Each is compared once per look-up.
  if (++lookup_ == 0) {
    std::fill(seen_.begin(), seen_.end(), 0);
    lookup_ = 1;
  }
  const size_t mask = table_.size() - 1;
  double best = -1;
  size_t best_slot = 0;
  for (int b = 0; b < kBands; ++b) {
    if (!used[static_cast<size_t>(b)]) continue;
    const uint64_t key = keys[static_cast<size_t>(b)];
    for (size_t i = static_cast<size_t>(key) & mask; table_[i] != 0; i = (i + 1) & mask) {
      if ((table_[i] >> 32) != key) continue;
      const size_t slot = static_cast<size_t>((table_[i] & 0xFFFFFFFFULL) - 1);
      if (seen_[slot] == lookup_) continue;
      seen_[slot] = lookup_;
      const TextSketch& other = slots_[slot].sketch;
      const double j = EstimateJaccard(sketch, other);
      if (j < options_.min_jaccard) continue;
      // |A ∩ B| = J (|A| + |B|) / (1 + J); containment is its share of the new text A.
      const double a = sketch.shingles, o = other.shingles;
      const double containment = j * (a + o) / ((1 + j) * a);
      if (containment < options_.min_containment) continue;
      // Ties go to the oldest story (the smallest id).
      if (j > best || (j == best && slots_[slot].id < slots_[best_slot].id)) {
        best = j;
        best_slot = slot;
      }
    }
  }
  if (best >= 0) {
    *story = slots_[best_slot].id;
    return true;
  }

  // A new story: take a fresh slot, or the oldest one once full.
  uint32_t slot;
  if (slots_.size() < options_.capacity) {
    slot = static_cast<uint32_t>(slots_.size());
    slots_.push_back(Slot());
    seen_.push_back(0);
    ++size_;
  } else {
    slot = static_cast<uint32_t>(next_);
    next_ = (next_ + 1) % options_.capacity;
    std::array<uint64_t, 32> old_keys;
    std::array<bool, 32> old_used;
    BandKeys(slots_[slot].sketch, &old_keys, &old_used);
    for (int b = 0; b < kBands; ++b) {
      if (old_used[static_cast<size_t>(b)]) Erase(old_keys[static_cast<size_t>(b)], slot);
    }
  }
  slots_[slot].id = id;
  slots_[slot].sketch = sketch;
  for (int b = 0; b < kBands; ++b) {
    if (used[static_cast<size_t>(b)]) Insert(keys[static_cast<size_t>(b)], slot);
  }
  return false;
}

}  // namespace geokg
