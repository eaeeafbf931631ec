// The parts of morph.cc: English lemmas (WordNet's index and morphy), the English
// part-of-speech model (festival's POS lexicon and tag trigrams) and the French readings
// (Hunspell's analyses). The resources are read from Debian's packages at run time, once
// per process, and shared read-only by every thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "nlp_internal.h"

class Hunspell;

namespace geokg::internal {

// What is known of each word form, per thread: a flat open-addressing table (hashes and
// indexes) over a deque, so that references stay valid as it grows. Emptied by Clear only,
// between sentences, so that a sentence's references never dangle.
template <typename V>
class FormCache {
 public:
  // The value stored for `key`, or nullptr.
  V* Find(std::string_view key) {
    if (slots_.empty()) return nullptr;
    const uint64_t h = ShortKeyHash(key);
    const size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.index == 0) return nullptr;
      if (s.hash == h && SameShortKey(items_[s.index - 1].first, key)) return &items_[s.index - 1].second;
    }
  }
  // Stores `value` for `key`, which must not be stored yet.
  V& Add(std::string_view key, V value) {
    if ((items_.size() + 1) * 2 > slots_.size()) Grow();
    items_.emplace_back(std::string(key), std::move(value));
    Place(ShortKeyHash(key), static_cast<uint32_t>(items_.size()));
    return items_.back().second;
  }
  size_t size() const { return items_.size(); }
  void Clear() {
    items_.clear();
    slots_.clear();
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t index = 0;  // 1 + the item's index; 0 for an empty slot
  };
  void Place(uint64_t h, uint32_t index) {
    const size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    while (slots_[i].index != 0) i = (i + 1) & mask;
    slots_[i] = Slot{h, index};
  }
  void Grow() {
    slots_.assign(std::max<size_t>(64, slots_.size() * 2), Slot{});
    for (size_t k = 0; k < items_.size(); ++k)
      Place(ShortKeyHash(items_[k].first), static_cast<uint32_t>(k + 1));
  }
  std::vector<Slot> slots_;
  std::deque<std::pair<std::string, V>> items_;
};

// Forms a per-thread cache holds before it is emptied (between two sentences).
constexpr size_t kFormCacheLimit = 500000;

// ---- morph_en.cc

// WordNet 3.0's lemma index (index.noun, index.verb, index.adj, index.adv) and exception
// lists (noun.exc ...), as installed by Debian's wordnet-base in /usr/share/wordnet.
class WordNet {
 public:
  // Parts of speech, as bits.
  enum : uint8_t { kNoun = 1, kVerb = 2, kAdj = 4, kAdv = 8 };

  // Reads the index and exception files of `dir`. Returns false (and says why in *error)
  // when a file is missing or unreadable; nothing is kept then.
  bool Load(const std::string& dir, std::string* error);
  bool loaded() const { return !index_.empty(); }
  // The parts of speech under which WordNet lists `lemma` (lower case), 0 when none.
  uint8_t Classes(std::string_view lemma) const;
  // The base forms of `word` (lower case) read as `pos` (one bit), by WordNet's morphy
  // (morphy(7WN)): the exception list, then the word itself, then the rules of detachment
  // for that part of speech; only forms the index lists for `pos` are given, in that order,
  // without repeats. With `inflected` (the word is known to be a plural, a tensed verb ...)
  // the word itself comes last. Empty when none.
  std::vector<std::string> Morphy(std::string_view word, uint8_t pos, bool inflected = false) const;

 private:
  StringMap<uint8_t> index_;
  StringMap<std::vector<std::string>> exceptions_[4];  // noun, verb, adj, adv
};

// Penn Treebank tags as festival's wsj.wp39 model writes them (lower case; "of" and "to"
// have their own tags, "punc" is every punctuation mark).
class EnglishTagger {
 public:
  struct Reading {
    uint8_t tag;  // index into tags()
    float logp;   // log P(word | tag)
  };

  // Reads `dir`/wsj.wp39.poslexR (words with their tags and log probabilities) and
  // `dir`/wsj.wp39.tri.ngrambin (tag trigram counts, Edinburgh Speech Tools' binary
  // "NgramBin_2" format). Returns false (and why in *error) when either is missing or
  // malformed.
  bool Load(const std::string& dir, std::string* error);
  bool loaded() const { return !tags_.empty(); }
  const std::vector<std::string>& tags() const { return tags_; }
  // Index of a tag name, or -1.
  int Tag(std::string_view name) const;
  // The readings of a lower-case word, nullptr when the lexicon does not list it.
  const std::vector<Reading>* Lookup(std::string_view lower) const;
  // log P(c | a b) for tags a, b, c.
  float Transition(int a, int b, int c) const {
    return trans_[(static_cast<size_t>(a) * n_ + static_cast<size_t>(b)) * n_ +
                  static_cast<size_t>(c)];
  }
  // The most likely tag sequence (Viterbi over tag pairs) of the first n tokens: cands[i]
  // are the readings of token i (at least one each); the sentence starts after two
  // "punc". Writes one index into cands[i] per token.
  void Decode(const std::vector<std::vector<Reading>>& cands, size_t n,
              std::vector<int>* best) const;

 private:
  bool LoadNgram(const std::string& path, std::string* error);
  std::vector<std::string> tags_;
  size_t n_ = 0;
  int punc_ = -1;
  std::vector<float> trans_;
  StringMap<std::vector<Reading>> lexicon_;
};

// What English analysis uses, loaded once per process on first use.
struct EnglishResources {
  WordNet wordnet;
  EnglishTagger tagger;
  std::string problem;  // why either part is missing, "" when both loaded
};
// `wordnet_dir` and `poslex_dir` are read on the first call only.
const EnglishResources& English(const std::string& wordnet_dir = "/usr/share/wordnet",
                                const std::string& poslex_dir = "/usr/share/festival/dicts");

// Per-thread English analysis: tags, universal parts of speech and lemmas of sentences,
// with what is known about each word form cached.
class EnglishAnalyser {
 public:
  EnglishAnalyser(const EnglishResources& res, const std::unordered_set<std::string>* vocabulary);
  void Analyse(Sentence* s);

 private:
  struct Form {
    std::vector<EnglishTagger::Reading> readings;
    std::vector<std::string> lemmas;  // one per reading
    std::string proper_lemma;         // the lemma when it is read as a proper noun
    bool known = false;               // in the tagger's lexicon or in WordNet
  };
  bool KnownWord(const std::string& lower) const;
  const Form& Lookup(const std::string& lower);
  std::string LemmaFor(const std::string& lower, int tag) const;
  void Guess(const std::string& lower, std::vector<EnglishTagger::Reading>* out) const;
  void WordNetReadings(const std::string& lower, float logp,
                       std::vector<EnglishTagger::Reading>* out) const;
  const EnglishResources& res_;
  const std::unordered_set<std::string>* vocabulary_;
  FormCache<Form> cache_;
  // Tag indexes used by the rules.
  int nn_, nns_, nnp_, nnps_, jj_, jjr_, jjs_, rb_, vb_, vbd_, vbn_, vbg_, vbp_, vbz_, cd_, punc_,
      md_, to_, pos_, in_;
  std::vector<std::vector<EnglishTagger::Reading>> cands_;
  std::vector<int> best_, tags_;
  std::vector<const Form*> forms_;
};

// ---- morph_fr.cc

// One reading of a French word by Hunspell's French dictionary.
struct FrenchReading {
  enum : uint16_t {
    kFeminine = 1 << 0,
    kMasculine = 1 << 1,
    kSingular = 1 << 2,
    kPlural = 1 << 3,
    kThirdPerson = 1 << 4,
    kSubjectClitic = 1 << 5,  // il, elle, ils, on ...
    kObjectClitic = 1 << 6,   // le, la, les, lui, se, en, y before a verb
    kAuxiliary = 1 << 7,      // a form of être or avoir
    kAdjectiveToo = 1 << 8,   // a noun or participle that is also an adjective
    kGrammatical = 1 << 9,    // a function word (the dictionary's "mg")
    kNegation = 1 << 10,      // ne, pas, plus, jamais
    kRelativeToo = 1 << 11,   // que: a conjunction that is also a relative pronoun
  };
  Pos pos = Pos::kX;
  VerbForm verb_form = VerbForm::kNone;
  uint16_t flags = 0;
  std::string lemma;  // lower case
};

// Per-thread French analysis: every reading of each form (cached), then one per word.
class FrenchAnalyser {
 public:
  // `dictionary` may be null (no French dictionary installed): then only numbers, names
  // and punctuation are told apart, and lemmas are the lower-case forms.
  FrenchAnalyser(Hunspell* dictionary, const std::unordered_set<std::string>* vocabulary);
  void Analyse(Sentence* s);
  // Every reading the dictionary gives `form` (as written), cached (Analyse empties the
  // cache between sentences when it is full).
  const std::vector<FrenchReading>& Readings(const std::string& form);

 private:
  const FrenchReading* Choose(const Token& t, const std::vector<FrenchReading>& rs,
                              const FrenchReading* prev, const FrenchReading* prev2,
                              const std::vector<FrenchReading>* next, bool after_aux,
                              bool capital_inside) const;
  Hunspell* dict_;
  const std::unordered_set<std::string>* vocabulary_;
  FormCache<std::vector<FrenchReading>> cache_;
  std::vector<const std::vector<FrenchReading>*> readings_;
  std::vector<FrenchReading> guessed_;
};

}  // namespace geokg::internal
