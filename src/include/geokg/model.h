// The plain structs that travel between the stages of geokg:
//
//   Article -> Document{Sentence{Token}} -> Mention -> Entity -> Triple -> store / graph
//
// Character offsets are byte offsets into Article::text (UTF-8), so every triple can be
// traced back to the exact text the user gave.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace geokg {

// One article as read from a file, a JSON line or standard input.
struct Article {
  std::string id;      // as given (JSONL "id") or derived from the file name
  std::string lang;    // "fr", "en" or empty when unknown (then detected)
  std::string date;    // YYYY-MM-DD or empty
  std::string title;
  std::string url;
  std::string source;
  std::string text;    // UTF-8, validated by the reader
  std::string origin;  // where it came from, for messages: "path" or "path:line"
};

// Kinds of actors. The string forms (EntityTypeName) are what files and exports carry.
enum class EntityType : uint8_t {
  kUnknown = 0,
  kPerson,
  kState,       // a sovereign state (and its government taken as a whole)
  kPlace,       // a city, province, region or other location that is not a state
  kOrg,         // ministries, agencies, companies, parties, media
  kIgo,         // international organisations (UN, NATO, EU ...)
  kArmedGroup,  // non-state armed groups
  kGroup,       // groups of people (rebels, protesters, the coalition ...)
};

std::string_view EntityTypeName(EntityType t);
// Returns kUnknown for a name it does not know.
EntityType EntityTypeFromName(std::string_view name);

// Relation types: the 16 PLOVER event types and the structural types.
enum class RelationType : uint8_t {
  kConsult = 0,
  kRequest,
  kAgree,
  kSupport,
  kCooperate,
  kAid,
  kConcede,
  kRetreat,
  kAllyOf,
  kAccuse,
  kReject,
  kThreaten,
  kProtest,
  kSanction,
  kCoerce,
  kAssault,
  kOpposes,
  kLeads,
  kControls,
  kHoldsRole,
  kMemberOf,
  kPartOf,
  kLocatedIn,
  kMobilize,
  kCount,  // not a type: the number of types
};

// How firmly the text asserts a relation. Ordered from strongest to weakest.
enum class Modality : uint8_t {
  kAsserted = 0,  // stated as fact
  kReported,      // attributed to a source ("selon", "according to", "a indiqué")
  kIntended,      // a plan, wish or decision not yet carried out ("veut", "plans to")
  kPossible,      // considered or not excluded ("n'a pas exclu de", "may")
  kConditional,   // under a condition ("si", "if", conditional mood)
};

std::string_view ModalityName(Modality m);
// Returns false when `name` is not a modality name.
bool ModalityFromName(std::string_view name, Modality* out);

// Parts of speech: the Universal Dependencies tags (universaldependencies.org/u/pos), the
// same for French and English. PosName gives "NOUN", "VERB" ...
enum class Pos : uint8_t {
  kX = 0,  // unknown or other
  kAdj,
  kAdp,    // prepositions (and French au, du, aux, des as contractions after a word)
  kAdv,
  kAux,    // être/avoir/be/have/do before a verb form, modals
  kCconj,
  kDet,
  kIntj,
  kNoun,
  kNum,
  kPart,   // English to, 's, not
  kPron,
  kPropn,
  kPunct,
  kSconj,
  kSym,
  kVerb,
  kCount,  // not a tag: the number of tags
};

// The form of a verb (or of an auxiliary), where the analyser knows it.
enum class VerbForm : uint8_t {
  kNone = 0,     // not a verb, or unknown
  kFinite,       // a tensed form: "rencontre", "met", "has"
  kInfinitive,   // "rencontrer", "meet" after to or a modal
  kParticiple,   // past participle: "rencontré", "met" after have or be
  kGerund,       // present participle: "rencontrant", "meeting"
};

std::string_view PosName(Pos p);
// Returns false when `name` is not a tag name.
bool PosFromName(std::string_view name, Pos* out);

// One word (or punctuation mark) of a sentence.
struct Token {
  uint32_t begin = 0;  // byte offsets into Article::text
  uint32_t end = 0;
  std::string text;   // as written ("l'" for an elision, "t-il" split as "-t-", "il")
  std::string lower;  // lower case, apostrophes normalised to '
  std::string lemma;  // dictionary form, lower case; equals `lower` when unknown
  bool upper_initial = false;  // starts with an upper-case letter
  bool is_word = false;        // letters or digits (not punctuation)
  Pos pos = Pos::kX;           // part of speech in this sentence (morph.cc)
  VerbForm verb_form = VerbForm::kNone;
  // Where `lower` and `lemma` are in the word classes of the document's lexicon, looked up
  // once after morphology so that the passes test a class without hashing the word again:
  // an internal row number, -1 in no class, -2 not looked up (the passes then hash the word).
  int32_t lower_classes = -2;
  int32_t lemma_classes = -2;
};

struct Sentence {
  uint32_t begin = 0;  // byte offsets into Article::text
  uint32_t end = 0;
  std::vector<Token> tokens;
};

// A span of tokens that names (or points to) an actor.
struct Mention {
  int sentence = -1;
  int first = 0;  // token range [first, last) within the sentence
  int last = 0;
  uint32_t begin = 0;  // byte offsets into Article::text
  uint32_t end = 0;
  std::string text;       // the surface text
  std::string long_text;  // with an English title before it ("Defense Secretary Ash Carter"), or ""
  int entity = -1;   // index into Document::entities
  EntityType type = EntityType::kUnknown;
  bool pronoun = false;  // resolved from a pronoun or a role noun
  bool named = true;     // a proper name (false for demonyms and group nouns: "les Russes")
  char gender = 0;       // 'm', 'f' or 0 when unknown (from the determiner)
  bool plural = false;
};

// An actor as resolved within one document.
struct Entity {
  std::string key;      // stable across articles: "state:RUS", "person:ashton-carter" ...
                        // ("generic:<article id>:..." for an actor of one article only)
  std::string name;     // canonical name (English where the gazetteer has one)
  EntityType type = EntityType::kUnknown;
  std::string country;  // ISO 3166 alpha-3 code where known
  std::vector<std::string> aliases;  // names known for it (gazetteer and text)
};

// A relation found in the text, with its provenance.
struct Triple {
  int subject = -1;  // indices into Document::entities
  int object = -1;
  RelationType relation = RelationType::kConsult;
  std::string cameo;    // CAMEO code ("040", "1211" ...)
  std::string mode;     // PLOVER mode where the text says it ("phone", "visit", "aerial" ...)
  std::string role;     // a role title for HOLDS_ROLE ("porte-parole", "defence minister")
  bool negated = false;
  Modality modality = Modality::kAsserted;
  std::string date;     // event date YYYY-MM-DD (the article's date when the text gives none)
  int sentence = -1;    // index into Document::sentences
  uint32_t begin = 0;   // the sentence's byte span in Article::text
  uint32_t end = 0;
  std::string subject_mention;  // the text of each side as written in that sentence
  std::string object_mention;
  std::string trigger;          // the words that expressed the relation
  float confidence = 1.0f;
};

// Everything extraction knows about one article.
struct Document {
  Article article;
  std::string lang;  // detected or given
  std::string date;  // article date: metadata, else dateline, else empty
  std::vector<Sentence> sentences;
  std::vector<Mention> mentions;
  std::vector<Entity> entities;
  std::vector<Triple> triples;

  std::string_view SentenceText(int i) const {
    const Sentence& s = sentences[static_cast<size_t>(i)];
    return std::string_view(article.text).substr(s.begin, s.end - s.begin);
  }
};

}  // namespace geokg
