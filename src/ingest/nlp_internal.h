// Internal stages of extraction. Each takes plain structs and gives plain structs; the order
// is in Extractor::Process (pipeline.cc).
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "geokg/common/status.h"
#include "geokg/model.h"

namespace geokg::internal {

// A byte range [begin, end) of Article::text.
using Span = std::pair<uint32_t, uint32_t>;

// Hashes std::string and std::string_view alike, so that maps keyed by std::string can be
// searched with a view or a literal without building a string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// A hash for the short keys the flat lookup tables use (words, folded forms, class names):
// the first and last eight bytes and the length, mixed, in constant time. Equal keys hash
// equal; a collision only costs a probe.
inline uint64_t ShortKeyHash(std::string_view s) {
  const size_t n = s.size();
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    std::memcpy(&a, s.data(), 8);
    std::memcpy(&b, s.data() + n - 8, 8);
  } else if (n >= 4) {
    uint32_t x, y;
    std::memcpy(&x, s.data(), 4);
    std::memcpy(&y, s.data() + n - 4, 4);
    a = x;
    b = y;
  } else if (n > 0) {
    a = static_cast<unsigned char>(s[0]) |
        static_cast<uint64_t>(static_cast<unsigned char>(s[n / 2])) << 8 |
        static_cast<uint64_t>(static_cast<unsigned char>(s[n - 1])) << 16;
  }
  uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ull) ^ n) * 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 32);
}

// a == b, for the short keys above: two or four word loads instead of a call to memcmp.
inline bool SameShortKey(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n >= 8) {
    uint64_t x, y;
    std::memcpy(&x, a.data(), 8);
    std::memcpy(&y, b.data(), 8);
    if (x != y) return false;
    std::memcpy(&x, a.data() + n - 8, 8);
    std::memcpy(&y, b.data() + n - 8, 8);
    if (x != y) return false;
    return n <= 16 || std::memcmp(a.data() + 8, b.data() + 8, n - 16) == 0;
  }
  if (n >= 4) {
    uint32_t x, y;
    std::memcpy(&x, a.data(), 4);
    std::memcpy(&y, b.data(), 4);
    if (x != y) return false;
    std::memcpy(&x, a.data() + n - 4, 4);
    std::memcpy(&y, b.data() + n - 4, 4);
    return x == y;
  }
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// ---- clean.cc: which paragraphs are the article, and its dateline date.

// Splits the text into paragraphs and keeps the article body: page chrome (menus, headline
// lists, teasers), repeated paragraphs and truncated teasers are dropped.
// With `keep_all`, only repeats are dropped.
std::vector<Span> BodyParagraphs(std::string_view text, bool keep_all = false);

// Finds a date written in the text ("le 29 septembre 2015", "29 September 2015",
// "September 29, 2015", "2015-09-29") and returns it as YYYY-MM-DD, or "" when none.
std::string FindDateline(std::string_view text);

// ---- lang.cc

// "fr" or "en", from function-word counts; `fallback` when there is no evidence.
std::string DetectLanguage(std::string_view text, const std::string& fallback);

// ---- segment.cc: sentences and tokens from ICU's segmenter, French and English clitics.

void Segment(const std::string& text, const std::vector<Span>& paragraphs,
             const std::string& lang, std::vector<Sentence>* out);

// Tokenises a short string (a gazetteer alias, a lexicon pattern) the same way as text, and
// returns the folded tokens.
std::vector<std::string> FoldedTokens(std::string_view s, const std::string& lang);

// ---- morph.cc: lemmas and parts of speech (morph_internal.h has the parts).

class Morphology {
 public:
  // `vocabulary`: lemmas the lexicons use; among several readings of a word with the same
  // part of speech, one in the vocabulary is preferred. French uses Hunspell's French
  // dictionary, English WordNet and festival's part-of-speech model, each when installed.
  explicit Morphology(std::unordered_set<std::string> vocabulary);
  ~Morphology();
  // Fills Token::lemma, Token::pos and Token::verb_form of every token. Not thread-safe (a
  // per-form cache); one Morphology per thread.
  void Analyse(const std::string& lang, std::vector<Sentence>* sentences);
  bool has_french_dictionary() const;
  // True when WordNet and the English part-of-speech model are installed.
  bool has_english_model() const;
  // True when `lower` is an ordinary word of `lang` (Hunspell's dictionary): a capitalised
  // word at the start of a sentence that is also a common word is not taken for a name.
  // False when no dictionary is installed.
  bool IsCommonWord(const std::string& lower, const std::string& lang);

 private:
  std::unordered_set<std::string> vocabulary_;
  std::unordered_map<std::string, bool> common_fr_, common_en_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---- gazetteer.cc

struct GazetteerEntry {
  std::string key;
  EntityType type = EntityType::kUnknown;
  std::string country;
  std::string name;
  std::vector<std::string> aliases;
  struct Role {
    RelationType relation;  // kHoldsRole or kLeads
    std::string org_key;
    std::string title;
    std::string from, to;  // YYYY-MM-DD or ""
  };
  std::vector<Role> roles;
};

// What a gazetteer form denotes.
enum class FormKind : uint8_t { kName, kDemonym, kMetonym };

struct FormHit {
  int entry;  // index into Gazetteer::entries
  FormKind kind;
  std::string form;  // as written in the gazetteer (its case matters for short forms)
};

class Gazetteer {
 public:
  // Loads one file (header "#geokg-gazetteer\t1"). Returns kSchemaMismatch for another
  // version, kInvalidInput naming file:line for a malformed line; entries already loaded
  // stay. A key seen before adds aliases to the earlier entry.
  Status LoadFile(const std::string& path);
  // The same for a file's text already in memory; `name` names it in messages.
  Status LoadText(const std::string& text, const std::string& name);
  // Loads every *.tsv in a folder, in name order.
  Status LoadDir(const std::string& dir);
  // Forms whose folded tokens equal `folded` (tokens joined by ' '); nullptr on a miss.
  const std::vector<FormHit>* Lookup(std::string_view folded) const;
  // Lookup(), and *longer set to whether some form has more tokens after these: a scan of
  // the text may stop adding tokens when it is false.
  const std::vector<FormHit>* Step(std::string_view folded, bool* longer) const;
  int max_tokens() const { return max_tokens_; }
  const std::vector<GazetteerEntry>& entries() const { return entries_; }
  // Index of the entry with `key`, or -1.
  int Find(const std::string& key) const;
  // People who held a role of type `relation` in the entry keyed `org_key` on `date`
  // (YYYY-MM-DD; a missing bound is open). Empty on a miss or without a date.
  std::vector<int> RoleHolders(const std::string& org_key, const std::string& date,
                               RelationType relation) const;
  // The ministry of `country` for `portfolio` ("defense", "foreign"): the entry keyed
  // org:<iso3>-<portfolio>, else an ORG of that country whose name holds the word; -1.
  int FindMinistry(const std::string& country, std::string_view portfolio) const;

 private:
  Status LoadStream(std::istream& in, const std::string& path);
  void AddForm(int entry, FormKind kind, const std::string& form);
  struct Form {
    std::vector<FormHit> hits;  // empty when only longer forms start with this key
    bool longer = false;
  };
  // Rebuilds index_ from forms_ (after every load).
  void IndexForms();
  std::vector<GazetteerEntry> entries_;
  std::unordered_map<std::string, int> by_key_;
  StringMap<Form> forms_;  // every form, and every token prefix of a longer one
  // forms_ as a flat open-addressing table (a power of two in size): Step is asked for every
  // word of every sentence, and most words are no form.
  struct Slot {
    uint64_t hash = 0;
    const std::pair<const std::string, Form>* form = nullptr;
  };
  std::vector<Slot> index_;
  // Indexes of the scans above, in entry order: entries with a role in an organisation,
  // and organisations (with their folded names) by country.
  std::unordered_map<std::string, std::vector<int>> role_holders_;
  std::unordered_map<std::string, std::vector<std::pair<int, std::string>>> orgs_by_country_;
  int max_tokens_ = 1;
};

// ---- lexicon.cc: relation triggers and word classes, per language.

enum class TriggerKind : uint8_t { kVerb, kNoun };

struct Trigger {
  TriggerKind kind = TriggerKind::kVerb;
  std::vector<std::string> pattern;  // lemmas in order ("renouer", "lien")
  bool pronominal = false;           // needs "se" before the verb
  RelationType relation = RelationType::kConsult;
  std::string cameo;
  std::vector<std::string> object_preps;  // "" = direct object; "loc" = a locative phrase
  bool subject_is_self = false;           // the trigger noun is itself the subject actor
  bool object_is_subject_of_passive = true;
  bool inverse = false;  // the object relates to the subject ("X include A, B" -> A MEMBER_OF X)
  // The relation when the object is a person or a state ("joined the Secretary of State" is a
  // meeting, "joined Jordan in an exercise" cooperation); kCount: the line's relation.
  RelationType person_relation = RelationType::kCount;
  RelationType state_relation = RelationType::kCount;
  bool copula = false;  // a noun whose subject is linked by a copula or an apposition ("X is a member of")
  // The subject is where the object is when the object is a place or a state ("visited
  // Erbil": LOCATED_IN in place of the act; "visited Jordan": both).
  bool locates = false;
  std::string mode;
};

// Words that change how a trigger after them is read.
struct Modal {
  std::vector<std::string> pattern;
  Modality modality = Modality::kAsserted;
  bool to_threaten = false;  // a conflict act under it becomes a THREATEN
  bool negates = false;      // "refuse to", "renoncer à"
};

struct Lexicon {
  std::string lang;
  std::vector<Trigger> triggers;
  std::unordered_map<std::string, std::vector<int>> by_first;  // first lemma -> triggers
  std::vector<Modal> modals;
  std::unordered_map<std::string, std::vector<int>> modal_by_first;
  // Word classes: role nouns, group nouns, titles, prepositions ... keyed by class name.
  StringMap<StringSet> classes;
  // Role noun -> the relation it implies ("chef" -> HOLDS_ROLE, "leader" -> LEADS).
  std::unordered_map<std::string, RelationType> role_relation;
  // Portfolio words ("défense", "affaires étrangères") -> search words for FindMinistry.
  std::vector<std::pair<std::vector<std::string>, std::string>> portfolios;
  // Mode words ("téléphone" -> "phone").
  std::unordered_map<std::string, std::string> mode_words;

  // True when `word` is in class `cls`. The passes ask this many times per token, so it
  // reads a flat index LoadFile builds from `classes`: each word's classes as bits.
  // Always inlined, with ClassIndex: for a class named by a literal (most calls), the hash
  // of its name is then computed by the compiler.
  [[gnu::always_inline]] bool In(std::string_view cls, std::string_view word) const {
    const int c = ClassIndex(cls);
    if (c < 0) return false;
    const uint64_t* mask = WordMask(word);
    return mask != nullptr && ((mask[c >> 6] >> (c & 63)) & 1) != 0;
  }
  // In(cls, t.lower) and In(cls, t.lemma), through the rows MarkClasses stored on the token
  // (the word is hashed only when the token was not marked).
  [[gnu::always_inline]] bool InLower(std::string_view cls, const Token& t) const {
    return InRow(cls, t.lower_classes, t.lower);
  }
  [[gnu::always_inline]] bool InLemma(std::string_view cls, const Token& t) const {
    return InRow(cls, t.lemma_classes, t.lemma);
  }
  // Sets Token::lower_classes and lemma_classes of every token against this lexicon; call
  // after morphology (the lemmas) and again if a token's lower or lemma changes.
  void MarkClasses(std::vector<Sentence>* sentences) const;
  // Loads a lexicon file (header "#geokg-lexicon\t1\tLANG"); appends to this lexicon.
  Status LoadFile(const std::string& path);
  // Every lemma the lexicon uses (for Morphology's vocabulary).
  void CollectVocabulary(std::unordered_set<std::string>* out) const;

 private:
  // Rebuilds the index of `classes` (open addressing, power-of-two tables).
  void IndexClasses();
  [[gnu::always_inline]] int ClassIndex(std::string_view cls) const { return class_index_.Find(cls); }
  // `row`: a Token's lower_classes or lemma_classes for `word`.
  [[gnu::always_inline]] bool InRow(std::string_view cls, int32_t row, std::string_view word) const {
    const int c = ClassIndex(cls);
    if (c < 0) return false;
    if (row == -2) row = word_index_.Find(word);
    if (row < 0) return false;
    const uint64_t* mask = &masks_[static_cast<size_t>(row) * mask_words_];
    return ((mask[c >> 6] >> (c & 63)) & 1) != 0;
  }
  const uint64_t* WordMask(std::string_view word) const;
  // A read-only open-addressing index over `keys` (a power-of-two table of their hashes and
  // positions), rebuilt by Build after `keys` changes.
  struct KeyIndex {
    struct Slot {
      uint64_t hash = 0;
      int32_t index = -1;  // -1 empty, else an index into keys
    };
    std::vector<std::string> keys;
    std::vector<Slot> slots;
    void Build();
    // The position of `key` in keys, or -1.
    [[gnu::always_inline]] int32_t Find(std::string_view key) const {
      if (slots.empty()) return -1;
      const size_t mask = slots.size() - 1;
      const uint64_t h = ShortKeyHash(key);
      for (size_t slot = h & mask;; slot = (slot + 1) & mask) {
        const Slot& s = slots[slot];
        if (s.index < 0) return -1;
        if (s.hash == h && SameShortKey(keys[static_cast<size_t>(s.index)], key)) return s.index;
      }
    }
  };
  KeyIndex class_index_;             // the names of `classes`, sorted
  KeyIndex word_index_;              // every word of `classes`, once
  std::vector<uint64_t> masks_;      // mask_words_ per word of word_index_
  size_t mask_words_ = 0;
};

// ---- mentions.cc and resolve.cc

struct Resources {
  Gazetteer gazetteer;
  std::unordered_map<std::string, Lexicon> lexicons;  // by language
};

// Finds actor mentions in every sentence: gazetteer names, demonyms and metonyms, titled and
// role-introduced persons, place phrases, group nouns and subject pronouns; creates the
// document's entities; resolves short forms and pronouns. Also emits the structural
// triples written by appositions (HOLDS_ROLE).
void FindMentions(const Resources& res, const Lexicon& lex, Morphology* morph, Document* doc);

// ---- relations.cc

void ExtractRelations(const Resources& res, const Lexicon& lex, Document* doc);

// ---- dates.cc

// The date an event in sentence `s` happened: a weekday or relative expression resolved
// against the article date; the article date when the sentence has none; "" when unknown.
std::string EventDate(const Document& doc, const Sentence& s);

// Helper shared by stages: index of the mention that covers token `t` of sentence `s`.
int MentionAt(const Document& doc, int s, int t);

}  // namespace geokg::internal
