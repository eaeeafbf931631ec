// Near-duplicate articles: one wire story republished by several sites (with another
// headline, a trimmed last paragraph, a "Lire aussi" line) is recognised so that it is
// extracted and counted once, as one story with several sources.
//
// How: each text is reduced to a MinHash sketch of its word 3-shingles (one-permutation
// hashing: 128 bins of 16 bits, 256 bytes a text); sketches are indexed by locality-
// sensitive hashing (32 bands of 4 bins), so a look-up only compares the few stories that
// share a band. A new text is a near-duplicate of a story when the estimated Jaccard
// similarity of their shingle sets is at least `min_jaccard` and the estimated share of the
// new text's shingles found in the story is at least `min_containment`: the new text adds
// little. A longer version of an earlier story (the full article after a short dispatch)
// adds text, so it is a story of its own. With the defaults, copies that keep >= 80% of
// their shingles from the story and whose lengths are within a factor of about two are
// found with a probability above 98%; unrelated articles on the same event (another
// agency's wording) share few 3-shingles and stay apart.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace geokg {

// A MinHash sketch of a text's word 3-shingles.
struct TextSketch {
  static constexpr int kBins = 128;
  static constexpr uint16_t kEmpty = 0xFFFF;  // a bin no shingle fell into
  std::array<uint16_t, kBins> mins;
  uint32_t shingles = 0;  // 3-shingles in the text (repeats included)
};

// Computes the sketch of `text` (UTF-8). Words are runs of bytes that are not ASCII white
// space or ASCII punctuation, ASCII letters lower-cased; so markup-free copies of a text
// that differ only in spacing, punctuation or ASCII case get the same sketch. Never fails.
void SketchText(std::string_view text, TextSketch* out);

// The estimated Jaccard similarity of the two texts' shingle sets, from 0 to 1: the share
// of bins, among those not empty in both, where the minima agree.
double EstimateJaccard(const TextSketch& a, const TextSketch& b);

struct NearDuplicateOptions {
  double min_jaccard = 0.4;
  double min_containment = 0.8;
  // Texts with fewer shingles (about 27 words) are never matched: short texts share
  // phrases by chance.
  uint32_t min_shingles = 25;
  // Stories kept for look-ups; the oldest is forgotten when a new one would exceed it. Each
  // costs about 800 bytes at most (sketch and index), so 65,536 stories take ~50 MB.
  // Republications of a wire story come within days of it: a window of this many stories
  // finds them in archives read in date order.
  size_t capacity = 65536;
};

// An index of stories for near-duplicate look-ups. Deterministic: the same calls in the same
// order give the same answers. Not thread-safe.
class NearDuplicateIndex {
 public:
  explicit NearDuplicateIndex(const NearDuplicateOptions& options = {});

  // When `sketch` is a near-duplicate of a story in the index, sets *story to that story's
  // id (the best match: highest estimated Jaccard, then the oldest) and returns true.
  // Otherwise adds `sketch` as a new story with id `id` (forgetting the oldest story when
  // the index is full) and returns false. A text too short to match is never added.
  bool FindOrAdd(const TextSketch& sketch, uint64_t id, uint64_t* story);

  // Stories held.
  size_t size() const { return size_; }
  // Bytes allocated, for reports.
  size_t MemoryBytes() const;

 private:
  struct Slot {
    uint64_t id = 0;
    TextSketch sketch;
  };
  // Band keys of a sketch; bands whose bins are all empty get no key (flagged false).
  void BandKeys(const TextSketch& s, std::array<uint64_t, 32>* keys,
                std::array<bool, 32>* used) const;
  void Insert(uint64_t key, uint32_t slot);
  void Erase(uint64_t key, uint32_t slot);
  void Grow();

  NearDuplicateOptions options_;
  std::vector<Slot> slots_;   // a ring once it reaches options_.capacity
  size_t next_ = 0;           // the slot the next story takes once full (the oldest)
  size_t size_ = 0;
  // Open addressing with linear probing: (band fingerprint << 32 | slot + 1); 0 is empty.
  std::vector<uint64_t> table_;
  size_t entries_ = 0;
  std::vector<uint32_t> seen_;  // per slot, the look-up that last compared it
  uint32_t lookup_ = 0;
};

}  // namespace geokg
