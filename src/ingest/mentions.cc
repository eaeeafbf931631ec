// Actor mentions and within-article resolution.
//
// In order: gazetteer names (longest match), demonyms by context, role appositions that
// introduce persons (and say what they hold), place phrases, titled persons, group nouns,
// short forms of persons already named, and subject pronouns resolved to the last
// compatible actor.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>

#include "geokg/common/text.h"
#include "geokg/ontology.h"
#include "nlp_internal.h"

namespace geokg::internal {
namespace {

using Tokens = std::vector<Token>;

// Builds the document's entities and keeps one index per key.
class EntityTable {
 public:
  explicit EntityTable(Document* doc) : doc_(doc) {
    for (size_t i = 0; i < doc->entities.size(); ++i) by_key_[doc->entities[i].key] = static_cast<int>(i);
  }
  int FromGazetteer(const GazetteerEntry& e) {
    auto it = by_key_.find(e.key);
    if (it != by_key_.end()) return it->second;
    Entity ent;
    ent.key = e.key;
    ent.name = e.name;
    ent.type = e.type;
    ent.country = e.country;
    ent.aliases = e.aliases;
    return Add(std::move(ent));
  }
  int Keyed(const std::string& key, const std::string& name, EntityType type) {
    auto it = by_key_.find(key);
    if (it != by_key_.end()) return it->second;
    Entity ent;
    ent.key = key;
    ent.name = name;
    ent.type = type;
    return Add(std::move(ent));
  }
  int Local(const std::string& prefix, const std::string& name, EntityType type,
            const std::string& country) {
    std::string slug;
    for (char c : FoldName(name)) slug.push_back(c == ' ' ? '-' : c);
    std::string key = prefix + ":" + slug;
    auto it = by_key_.find(key);
    if (it != by_key_.end()) return it->second;
    Entity ent;
    ent.key = key;
    ent.name = name;
    ent.type = type;
    ent.country = country;
    return Add(std::move(ent));
  }

 private:
  int Add(Entity ent) {
    int idx = static_cast<int>(doc_->entities.size());
    by_key_[ent.key] = idx;
    doc_->entities.push_back(std::move(ent));
    return idx;
  }
  Document* doc_;
  std::unordered_map<std::string, int> by_key_;
};

bool IsLetterToken(const Token& t) { return t.is_word && !std::isdigit(static_cast<unsigned char>(t.text[0])); }

// "al-Abadi", "el-Sissi", "ad-Dawla": Arabic names keep a lower-case article.
bool ArticledName(const Token& t) {
  if (t.text.size() < 4 || (t.text[0] != 'a' && t.text[0] != 'e')) return false;
  for (const char* p : {"al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-"}) {
    size_t len = std::strlen(p);
    if (t.text.size() > len + 1 && t.text.compare(0, len, p) == 0 &&
        std::isupper(static_cast<unsigned char>(t.text[len])))
      return true;
  }
  return false;
}

// Short forms must match case exactly ("US" is not "us", "EI" is not "ei"). A name that
// opens with an article ("Le Monde", "Le Point", "La Croix", "The Times") is that name only
// when the word after the article is capitalised too: at the head of a sentence "Le monde
// entier" and "Le point de passage" are common nouns. `toks` holds the `ntok` tokens matched.
bool CaseCompatible(const Token* toks, const std::string& form, int ntok) {
  const Token& first = toks[0];
  size_t letters = 0;
  for (char c : form)
    if (std::isalpha(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80)) ++letters;
  if (ntok == 1 && letters <= 4) {
    std::string plain_form, plain_text;
    for (char c : form)
      if (c != '.') plain_form.push_back(c);
    for (char c : first.text)
      if (c != '.') plain_text.push_back(c);
    return plain_form == plain_text;
  }
  if (ntok >= 2) {
    for (std::string_view article : {"Le ", "La ", "Les ", "The ", "L'", "L\u2019"}) {
      if (form.compare(0, article.size(), article) != 0 || form.size() <= article.size()) continue;
      const unsigned char next = static_cast<unsigned char>(form[article.size()]);
      if ((std::isupper(next) || next >= 0xC3) && !toks[1].upper_initial) return false;
      break;
    }
  }
  bool form_upper = !form.empty() && ((std::isupper(static_cast<unsigned char>(form[0]))) ||
                                      (static_cast<unsigned char>(form[0]) >= 0xC3 && first.upper_initial));
  if (form_upper) return first.upper_initial;
  return true;
}

struct Ctx {
  const Resources& res;
  const Lexicon& lex;
  Morphology* morph;
  Document* doc;
  EntityTable table;
  // Token-level marks for the current sentence: mention index or -1.
  std::vector<int> taken;
  // Country (gazetteer entry) named by a demonym adjective at a token, -1 if none.
  std::vector<int> demonym_at;
  // Role nouns of the current sentence that introduced a person.
  std::set<int> role_used;
  // Fold() of each token of the current sentence.
  std::vector<std::string> folded;
  // Index of the first mention of each sentence read so far (mentions come in sentence
  // order), so that passes looking back a sentence or two do not scan the document.
  std::vector<size_t> first_mention;
  // Folded last and first words of the person aliases of two words or more -> the first
  // entity with one, and how many aliases of each entity they hold (aliases only grow).
  std::unordered_map<std::string, int> surnames, given;
  std::vector<size_t> aliases_seen;
  // Tokens of an English title before a name ("Russian Foreign Minister" Sergei Lavrov):
  // part of that person's phrase, never a name of their own.
  std::set<int> title_words;
  // French role nouns -> the person last named with that role in the article ("Laurent
  // Chazal, le président de l'association" ... "le président" later is he).
  std::unordered_map<std::string, int> role_holder;
  // French: the gender the text gives a person (a title such as Madame or Monsieur, an
  // article before a role noun: "la présidente"), so il and elle find the right one.
  std::unordered_map<int, char> person_gender;
};

void GenderFromDeterminer(const Tokens& toks, int first, Mention* m) {
  if (first == 0) return;
  const std::string& d = toks[static_cast<size_t>(first - 1)].lower;
  if (d == "le" || d == "du" || d == "au" || d == "un" || d == "ce" || d == "son") m->gender = 'm';
  if (d == "la" || d == "une" || d == "cette" || d == "sa") m->gender = 'f';
  if (d == "les" || d == "des" || d == "aux" || d == "ces" || d == "leurs" || d == "ses") m->plural = true;
}

int AddMention(Ctx& c, int s, int first, int last, int entity, EntityType type, bool pronoun = false) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  Mention m;
  m.sentence = s;
  m.first = first;
  m.last = last;
  m.begin = toks[static_cast<size_t>(first)].begin;
  m.end = toks[static_cast<size_t>(last - 1)].end;
  m.text = c.doc->article.text.substr(m.begin, m.end - m.begin);
  m.entity = entity;
  m.type = type;
  m.pronoun = pronoun;
  m.named = !pronoun;
  GenderFromDeterminer(toks, first, &m);
  const std::string& tail = toks[static_cast<size_t>(last - 1)].lower;
  if (!pronoun && !tail.empty() && (tail.back() == 's' || tail.back() == 'x') && type != EntityType::kState &&
      type != EntityType::kPerson && type != EntityType::kIgo && type != EntityType::kArmedGroup &&
      type != EntityType::kOrg && type != EntityType::kPlace)
    m.plural = true;
  int idx = static_cast<int>(c.doc->mentions.size());
  c.doc->mentions.push_back(std::move(m));
  for (int k = first; k < last; ++k) c.taken[static_cast<size_t>(k)] = idx;
  if (entity >= 0) {
    Entity& e = c.doc->entities[static_cast<size_t>(entity)];
    const std::string& text = c.doc->mentions.back().text;
    if (!pronoun && std::find(e.aliases.begin(), e.aliases.end(), text) == e.aliases.end())
      e.aliases.push_back(text);
  }
  return idx;
}

// A mention that points to an actor without naming it ("le président" of an apposition,
// "sur place"): its text stays as written, it adds no alias to the entity.
int AddReference(Ctx& c, int s, int first, int last, int entity, EntityType type) {
  int idx = AddMention(c, s, first, last, entity, type, /*pronoun=*/true);
  Mention& m = c.doc->mentions[static_cast<size_t>(idx)];
  m.pronoun = false;
  m.named = false;
  return idx;
}

// French: the role noun of an apposition names the person too ("Laurent Chazal, le président
// de l'association" - "le président" is Laurent Chazal), there and later in the article.
void RoleNounIsThePerson(Ctx& c, int s, int role_at, int person_mention, const std::string& role) {
  if (c.lex.lang != "fr") return;
  const Mention& pm = c.doc->mentions[static_cast<size_t>(person_mention)];
  if (pm.entity < 0) return;
  const int entity = pm.entity;
  c.role_holder[role] = entity;
  int taken = c.taken[static_cast<size_t>(role_at)];
  if (taken < 0) {
    AddReference(c, s, role_at, role_at + 1, entity, EntityType::kPerson);
    return;
  }
  Mention& rm = c.doc->mentions[static_cast<size_t>(taken)];
  if (rm.named || rm.pronoun || rm.first != role_at || rm.last != role_at + 1) return;
  rm.entity = entity;
  rm.type = EntityType::kPerson;
}

bool Free(const Ctx& c, int first, int last) {
  for (int k = first; k < last; ++k)
    if (c.taken[static_cast<size_t>(k)] >= 0) return false;
  return true;
}

// Picks the gazetteer hit that fits the context: a place after a locative preposition,
// otherwise the actor (state, organisation ...) before a place of the same name.
const FormHit* ChooseHit(const Ctx& c, const std::vector<FormHit>& hits, const Token* first,
                         int ntok, bool locative, FormKind want) {
  const FormHit* best = nullptr;
  int best_score = -1;
  for (const FormHit& h : hits) {
    if ((want == FormKind::kDemonym) != (h.kind == FormKind::kDemonym)) continue;
    if (h.kind != FormKind::kDemonym && !CaseCompatible(first, h.form, ntok)) continue;
    const GazetteerEntry& e = c.res.gazetteer.entries()[static_cast<size_t>(h.entry)];
    int score = 0;
    switch (e.type) {
      case EntityType::kState: score = 6; break;
      case EntityType::kIgo: score = 5; break;
      case EntityType::kArmedGroup: score = 5; break;
      case EntityType::kOrg: score = 4; break;
      case EntityType::kPerson: score = 4; break;
      case EntityType::kPlace: score = locative ? 8 : 3; break;
      default: score = 1;
    }
    if (h.kind == FormKind::kMetonym) score = locative ? 2 : 7;
    if (score > best_score) {
      best_score = score;
      best = &h;
    }
  }
  return best;
}

// "1st", "158th", "23rd".
bool IsOrdinal(const Token& t) {
  if (!t.is_word || t.text.size() < 3 || !std::isdigit(static_cast<unsigned char>(t.text[0]))) return false;
  std::string_view w = t.lower;
  size_t d = 0;
  while (d < w.size() && std::isdigit(static_cast<unsigned char>(w[d]))) ++d;
  std::string_view suffix = w.substr(d);
  return suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th";
}

// A single capital and its period between two parts of a name: "Stephen J. Townsend".
bool MiddleInitial(const Tokens& toks, int j, int limit) {
  if (j + 2 >= limit) return false;
  const Token& t = toks[static_cast<size_t>(j)];
  return t.text.size() == 1 && std::isupper(static_cast<unsigned char>(t.text[0])) &&
         toks[static_cast<size_t>(j + 1)].text == "." && toks[static_cast<size_t>(j + 2)].upper_initial &&
         toks[static_cast<size_t>(j + 2)].is_word;
}

// A capitalised name starting at `i`: 1-4 capitalised words, with name particles inside.
int NameRun(const Lexicon& lex, const Tokens& toks, int i, int limit) {
  int j = i;
  int words = 0;
  while (j < limit && words < 5) {
    const Token& t = toks[static_cast<size_t>(j)];
    // A middle initial: "Stephen J. Townsend".
    if (words > 0 && MiddleInitial(toks, j, limit)) {
      j += 2;
      continue;
    }
    if (IsLetterToken(t) && (t.upper_initial || (words > 0 && ArticledName(t))) &&
        !lex.InLower("not_name", t) && !lex.InLower("role", t)) {
      ++j;
      ++words;
      continue;
    }
    if (words > 0 && lex.InLower("name_particle", t) && j + 1 < limit &&
        toks[static_cast<size_t>(j + 1)].upper_initial) {
      ++j;
      continue;
    }
    break;
  }
  return words > 0 ? j : i;
}

// A one-word town inside a run of capitalised words is part of another name: "Nancy
// Reagan", "Hervé de La Martinière", "Galeries Lafayette", "Cambridge Analytica". The name
// pass reads the whole run.
bool InsideLongerName(const Ctx& c, const Tokens& toks, int i) {
  const int n = static_cast<int>(toks.size());
  auto name_word = [&](int k) {
    const Token& t = toks[static_cast<size_t>(k)];
    return IsLetterToken(t) && t.upper_initial && !c.lex.InLower("month", t) && !c.lex.InLower("not_name", t);
  };
  int next = i + 1;
  if (next + 1 < n && c.lex.InLower("name_particle", toks[static_cast<size_t>(next)]) &&
      c.lex.InLower("first_name", toks[static_cast<size_t>(i)]))
    ++next;
  if (next < n && name_word(next)) return true;
  // After a middle initial: "Scott C. Dayton".
  if (i >= 3 && toks[static_cast<size_t>(i - 1)].text == "." && MiddleInitial(toks, i - 2, n) &&
      name_word(i - 3))
    return true;
  // French "le Parc de la Fontaine", "la Place de la République", "le Pont de Normandie": a
  // town after de/du/des that follows a capitalised kind of street or square names it.
  if (c.lex.lang == "fr" && i >= 2) {
    int k = i - 1;
    if (k >= 2 && (toks[static_cast<size_t>(k)].lower == "la" || toks[static_cast<size_t>(k)].lower == "l'")) --k;
    const std::string& prep = toks[static_cast<size_t>(k)].lower;
    const Token& head = toks[static_cast<size_t>(k - 1)];
    if ((prep == "de" || prep == "d'" || prep == "du" || prep == "des") && head.upper_initial &&
        c.lex.InLower("street_kind", head))
      return true;
  }
  // The word before counts unless it only opens the sentence ("Hier Lyon ...").
  if (i >= 2 && name_word(i - 1) && toks[static_cast<size_t>(i - 2)].is_word &&
      !c.lex.InLower("title", toks[static_cast<size_t>(i - 1)]) &&
      !c.lex.InLower("person_title", toks[static_cast<size_t>(i - 1)]))
    return true;
  return false;
}

// The first and last words of the person aliases added since the last call join the maps.
void RefreshNames(Ctx& c) {
  auto add = [](std::unordered_map<std::string, int>& names, const std::string& name, int e) {
    auto [it, fresh] = names.emplace(name, e);
    if (!fresh && e < it->second) it->second = e;
  };
  c.aliases_seen.resize(c.doc->entities.size(), 0);
  for (size_t e = 0; e < c.doc->entities.size(); ++e) {
    const Entity& ent = c.doc->entities[e];
    if (ent.type != EntityType::kPerson) continue;
    for (size_t a = c.aliases_seen[e]; a < ent.aliases.size(); ++a) {
      std::vector<std::string> parts = FoldedTokens(ent.aliases[a], "en");
      if (parts.size() < 2) continue;
      add(c.surnames, parts.back(), static_cast<int>(e));
      add(c.given, parts.front(), static_cast<int>(e));
    }
    c.aliases_seen[e] = ent.aliases.size();
  }
}

void GazetteerPass(Ctx& c, int s) {
  if (c.lex.lang != "fr") RefreshNames(c);
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  int n = static_cast<int>(toks.size());
  int maxlen = c.res.gazetteer.max_tokens();
  std::string key;
  std::vector<std::pair<int, const std::vector<FormHit>*>> found;
  for (int i = 0; i < n; ++i) {
    if (!toks[static_cast<size_t>(i)].is_word || c.taken[static_cast<size_t>(i)] >= 0) continue;
    bool locative = i > 0 && c.lex.InLower("locative", toks[static_cast<size_t>(i - 1)]);
    // The forms that start here, found shortest first and tried longest first.
    found.clear();
    key.clear();
    for (int len = 1; len <= std::min(maxlen, n - i); ++len) {
      if (len > 1) key += ' ';
      key += c.folded[static_cast<size_t>(i + len - 1)];
      bool longer = false;
      if (const std::vector<FormHit>* hits = c.res.gazetteer.Step(key, &longer))
        found.emplace_back(len, hits);
      if (!longer) break;
    }
    for (auto f = found.rbegin(); f != found.rend(); ++f) {
      const int len = f->first;
      if (!toks[static_cast<size_t>(i + len - 1)].is_word) continue;
      const std::vector<FormHit>* hits = f->second;
      const FormHit* name = ChooseHit(c, *hits, &toks[static_cast<size_t>(i)], len, locative, FormKind::kName);
      if (name) {
        const GazetteerEntry& e = c.res.gazetteer.entries()[static_cast<size_t>(name->entry)];
        if (e.type == EntityType::kPlace && len == 1 && InsideLongerName(c, toks, i)) break;
        // "Sofia Velikaya", "Jordan Henderson": a one-word name that is also a first name,
        // before a capitalised word, opens a person's name.
        if (len == 1 && i + 1 < n && c.lex.InLower("first_name", toks[static_cast<size_t>(i)]) &&
            !locative && toks[static_cast<size_t>(i + 1)].upper_initial && IsLetterToken(toks[static_cast<size_t>(i + 1)]) &&
            !c.lex.InLower("not_name", toks[static_cast<size_t>(i + 1)]) &&
            !c.lex.InLower("month", toks[static_cast<size_t>(i + 1)]))
          break;
        // "Scott C. Dayton ... Dayton said": a town that is the surname of someone the
        // article named is that person (ShortFormPass), unless a locative precedes it.
        if (e.type == EntityType::kPlace && len == 1 && !locative && c.lex.lang != "fr" &&
            c.surnames.count(c.folded[static_cast<size_t>(i)]))
          break;
        // "the Syrian Arab Coalition" is not the Saudi-led "Arab coalition": a demonym of
        // another state before an organisation's form opens a longer name (NamePass).
        if (c.lex.lang != "fr" && i > 0 && e.type != EntityType::kPlace && e.type != EntityType::kState &&
            e.type != EntityType::kPerson &&
            !e.country.empty() && c.demonym_at[static_cast<size_t>(i - 1)] >= 0 &&
            toks[static_cast<size_t>(i - 1)].upper_initial) {
          const GazetteerEntry& d =
              c.res.gazetteer.entries()[static_cast<size_t>(c.demonym_at[static_cast<size_t>(i - 1)])];
          if (!d.country.empty() && d.country != e.country) break;
        }
        int ent = c.table.FromGazetteer(e);
        AddMention(c, s, i, i + len, ent, e.type);
        i += len - 1;
        break;
      }
      const FormHit* dem = ChooseHit(c, *hits, &toks[static_cast<size_t>(i)], len, false, FormKind::kDemonym);
      if (dem && len == 1) {
        c.demonym_at[static_cast<size_t>(i)] = dem->entry;
        break;
      }
    }
  }
}

// English names a state's people by the state and a group noun: "U.S. service members",
// "Iraqi security forces". The mention takes the whole phrase (the entity stays the state).
void ExtendStateGroups(Ctx& c, int s) {
  if (c.lex.lang == "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  for (size_t mi = c.first_mention[static_cast<size_t>(s)]; mi < c.doc->mentions.size(); ++mi) {
    Mention& m = c.doc->mentions[mi];
    if (m.sentence != s || m.type != EntityType::kState) continue;
    for (int k = m.last; k < std::min(n, m.last + 3); ++k) {
      const Token& t = toks[static_cast<size_t>(k)];
      if (!t.is_word || t.upper_initial || c.taken[static_cast<size_t>(k)] >= 0) break;
      if (c.lex.InLower("group_head", t) || c.lex.InLemma("group_head", t)) {
        m.long_text = c.doc->article.text.substr(m.begin, t.end - m.begin);
        break;
      }
    }
  }
}

bool IsPlaceType(EntityType t) { return t == EntityType::kPlace || t == EntityType::kState; }

// An English word that reads as an adjective by its ending ("wider", "brutal", "northern").
bool Adjectival(const Lexicon& lex, const std::string& w) {
  if (lex.In("adjective", w)) return true;
  for (const char* suffix : {"er", "al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ern",
                             "ian", "ese", "ish"}) {
    size_t len = std::strlen(suffix);
    if (w.size() > len + 2 && w.compare(w.size() - len, len, suffix) == 0) return true;
  }
  return false;
}

// A triple a comma states in sentence `s` between an entity written `subject_text` and the
// mention after the comma ("Sarmada, Syria", "Abel Battery, 3rd Battalion").
void AddCommaTriple(Ctx& c, int s, RelationType relation, int subject, const std::string& subject_text,
                    const Mention& object) {
  Triple t;
  t.subject = subject;
  t.object = object.entity;
  t.relation = relation;
  t.sentence = s;
  t.begin = c.doc->sentences[static_cast<size_t>(s)].begin;
  t.end = c.doc->sentences[static_cast<size_t>(s)].end;
  t.subject_mention = subject_text;
  t.object_mention = object.long_text.empty() ? object.text : object.long_text;
  t.trigger = ",";
  t.confidence = 0.6f;
  c.doc->triples.push_back(std::move(t));
}

// English names an actor by a whole noun phrase around its name: "ISIL terrorists",
// "Coalition military forces", "the brutal Asad regime", "the government of Iraq", "the city
// of Mosul". The mention grows to the phrase (its tokens and long_text); the entity stays the
// named one. A group noun the phrase absorbs ("terrorists") stops being an actor of its own.
void ExtendNounPhrases(Ctx& c, int s) {
  if (c.lex.lang == "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  auto head = [&](const Token& t) {
    return c.lex.InLower("group_head", t) || c.lex.InLemma("group_head", t) ||
           c.lex.InLower("np_head", t) || c.lex.InLemma("np_head", t);
  };
  // A word that may stand inside a noun phrase before its head: not a function word, nor a
  // verb or an adverb by the tagger ("fighters pushed back militants").
  auto modifier = [&](const Token& t) {
    if ((t.pos == Pos::kVerb && t.verb_form != VerbForm::kGerund && t.verb_form != VerbForm::kParticiple) ||
        t.pos == Pos::kAdv || t.pos == Pos::kAdp || t.pos == Pos::kAux || t.pos == Pos::kPron)
      return false;
    return t.is_word && !t.upper_initial && !c.lex.InLower("preposition", t) &&
           !c.lex.InLower("determiner", t) && !c.lex.InLower("clause_opener", t) &&
           !c.lex.InLower("relative", t) && !c.lex.InLower("passive_aux", t) &&
           !c.lex.InLower("stop_role", t) && !c.lex.InLower("np_stop", t);
  };
  // A generic mention covering token k gives way to the phrase that absorbs it.
  auto absorb = [&](int k, int into) {
    int other = c.taken[static_cast<size_t>(k)];
    if (other >= 0 && other != into) {
      Mention& o = c.doc->mentions[static_cast<size_t>(other)];
      if (o.named) return false;
      o.entity = -1;
    }
    c.taken[static_cast<size_t>(k)] = into;
    return true;
  };
  for (size_t mi = c.first_mention[static_cast<size_t>(s)]; mi < c.doc->mentions.size(); ++mi) {
    if (c.doc->mentions[mi].sentence != s) continue;
    Mention m = c.doc->mentions[mi];
    if (m.entity < 0 || m.pronoun || m.type == EntityType::kPerson) continue;
    if (!m.named && m.type != EntityType::kGroup && m.type != EntityType::kState) continue;
    const int idx = static_cast<int>(mi);
    int first = m.first, last = m.last;
    // Right: up to two modifiers, then a group noun ("ISIL tactical units").
    for (int k = last; k < std::min(n, last + 3); ++k) {
      const Token& t = toks[static_cast<size_t>(k)];
      int taken = c.taken[static_cast<size_t>(k)];
      bool generic = taken >= 0 && !c.doc->mentions[static_cast<size_t>(taken)].named;
      if (!t.is_word || t.upper_initial || (taken >= 0 && !generic) || t.lower == "'s" || t.lower == "\xE2\x80\x99s") break;
      // "ISIL fighting positions" is a place ISIL holds (PlacePhrasePass), not ISIL.
      if (c.lex.InLower("place_phrase_head", t) || c.lex.InLemma("place_phrase_head", t)) break;
      if (head(t)) {
        // A group noun that modifies a place phrase's head is no group: "ISIL military
        // targets" are targets ISIL holds (PlacePhrasePass), not "ISIL military".
        if (k + 1 < n && c.taken[static_cast<size_t>(k + 1)] < 0) {
          const Token& after = toks[static_cast<size_t>(k + 1)];
          if (after.is_word && !after.upper_initial && !head(after) &&
              (c.lex.In("place_phrase_head", after.lower) || c.lex.In("place_phrase_head", after.lemma)))
            break;
        }
        bool ok = true;
        for (int j = last; j <= k && ok; ++j) ok = absorb(j, idx);
        if (ok) last = k + 1;
        break;
      }
      if (!modifier(t)) break;
    }
    // Left: "HEAD of [the] NAME" ("the government of Iraq", "the city of Mosul").
    int k = first - 1;
    if (k >= 0 && toks[static_cast<size_t>(k)].lower == "the") --k;
    auto generic_or_free = [&](int j) {
      int o = c.taken[static_cast<size_t>(j)];
      return o < 0 || (!c.doc->mentions[static_cast<size_t>(o)].named &&
                       c.doc->mentions[static_cast<size_t>(o)].first == j &&
                       c.doc->mentions[static_cast<size_t>(o)].last == j + 1);
    };
    if (k >= 1 && toks[static_cast<size_t>(k)].lower == "of" &&
        c.lex.InLower("np_of_head", toks[static_cast<size_t>(k - 1)]) && generic_or_free(k - 1)) {
      absorb(k - 1, idx);
      int b = k - 1;
      // Capitalised or plain modifiers before the head: "the Federal Government of Iraq",
      // "the border town of Tal Abyad" (a common noun there is a modifier, not an actor).
      while (b > 0 && b > k - 4) {
        const Token& p = toks[static_cast<size_t>(b - 1)];
        if ((c.taken[static_cast<size_t>(b - 1)] >= 0 && !generic_or_free(b - 1)) || !p.is_word ||
            c.lex.InLower("determiner", p))
          break;
        // Numbers count the actor; a participle is a verb's ("killed 70 members of").
        if (p.pos == Pos::kNum || std::isdigit(static_cast<unsigned char>(p.text[0])) ||
            (p.pos == Pos::kVerb && !p.upper_initial))
          break;
        if (c.taken[static_cast<size_t>(b - 1)] >= 0) absorb(b - 1, idx);
        if (!p.upper_initial && !modifier(p)) break;
        if (p.upper_initial && !c.lex.InLower("np_modifier", p)) break;
        --b;
      }
      for (int j = b; j < first; ++j) c.taken[static_cast<size_t>(j)] = idx;
      first = b;
    }
    // Left: a capitalised modifier of a government's name ("the Federal Government of Iraq",
    // "the Transitional Federal Government"; class `np_modifier`).
    while (first > 0 && m.named && (m.type == EntityType::kOrg || m.type == EntityType::kIgo)) {
      const Token& p = toks[static_cast<size_t>(first - 1)];
      if (c.taken[static_cast<size_t>(first - 1)] >= 0 || !p.upper_initial || !c.lex.In("np_modifier", p.lower)) break;
      c.taken[static_cast<size_t>(first - 1)] = idx;
      --first;
    }
    // Left: a determiner, with at most one adjective after it ("the wider Global Coalition").
    // A place named after its kind ("town of Debaltseve") takes a noun before the kind as
    // well: "the border town of Debaltseve".
    const bool kind_first = m.type == EntityType::kPlace &&
                            (c.lex.InLower("place_head", toks[static_cast<size_t>(first)]) ||
                             c.lex.InLemma("place_head", toks[static_cast<size_t>(first)]));
    for (int j = first - 1; j >= 0 && j >= first - 2; --j) {
      const Token& p = toks[static_cast<size_t>(j)];
      if (kind_first && j == first - 1 && p.pos == Pos::kNoun && !p.upper_initial && generic_or_free(j)) {
        absorb(j, idx);
        first = j;
        continue;
      }
      if (c.taken[static_cast<size_t>(j)] >= 0) break;
      // Numbers count the actor, they are not part of its name ("two ISIL units").
      if (c.lex.InLower("determiner", p) && !c.lex.InLower("quantifier", p)) {
        for (int q = j; q < first; ++q) c.taken[static_cast<size_t>(q)] = idx;
        first = j;
        break;
      }
      // "northern Iraq", "East Mosul": a compass word is part of a place's name.
      if (IsPlaceType(m.type) && c.lex.InLower("compass", p)) {
        c.taken[static_cast<size_t>(j)] = idx;
        first = j;
        continue;
      }
      if (!modifier(p) || !Adjectival(c.lex, p.lower)) break;
    }
    // "Sarmada, Syria", "Fort Campbell, Kentucky": a place and the state or region it lies in
    // are written as one name (not in a list: "Raqqa, Mosul and Aleppo").
    if (m.type == EntityType::kPlace && last + 1 < n && toks[static_cast<size_t>(last)].text == ",") {
      int o = c.taken[static_cast<size_t>(last + 1)];
      if (o >= 0 && o != idx) {
        const Mention& om = c.doc->mentions[static_cast<size_t>(o)];
        // The region is a bare name ("Syria", not "the US Secretary of State").
        int after_region = om.last;
        bool region = om.named && (om.type == EntityType::kState || om.type == EntityType::kPlace) &&
                      om.first == last + 1 &&
                      (toks[static_cast<size_t>(last + 1)].upper_initial ||
                       c.lex.InLower("compass", toks[static_cast<size_t>(last + 1)])) &&
                      !(after_region < n && toks[static_cast<size_t>(after_region)].is_word &&
                        (toks[static_cast<size_t>(after_region)].upper_initial ||
                         c.lex.InLower("role", toks[static_cast<size_t>(after_region)])));
        // A dateline ("JEDDAH, Saudi Arabia -") is not a place the story's actors are in.
        if (region && first == 0) region = false;
        int after = om.last;
        // A list goes on with another place; "Sarmada, Syria, Cook said" is no list.
        auto place_at = [&](int k) {
          const int q = c.taken[static_cast<size_t>(k)];
          return q >= 0 && IsPlaceType(c.doc->mentions[static_cast<size_t>(q)].type);
        };
        bool list = after < n && (toks[static_cast<size_t>(after)].lower == "and" ||
                                  toks[static_cast<size_t>(after)].lower == "or" ||
                                  (toks[static_cast<size_t>(after)].text == "," && after + 1 < n &&
                                   place_at(after + 1)));
        if (region && !list && (om.type == EntityType::kState || last - first <= 3)) {
          // The place lies in the region named after it.
          const Mention& pm = c.doc->mentions[mi];
          if (om.entity >= 0 && om.entity != pm.entity) {
            AddCommaTriple(c, s, RelationType::kLocatedIn, pm.entity, pm.text, om);
          }
          for (int q = last; q < after; ++q) c.taken[static_cast<size_t>(q)] = idx;
          c.doc->mentions[static_cast<size_t>(o)].entity = -1;
          last = after;
        }
      }
    }
    if (first == m.first && last == m.last) continue;
    Mention& mm = c.doc->mentions[mi];
    mm.first = first;
    mm.last = last;
    uint32_t from = toks[static_cast<size_t>(first)].begin,
             to = toks[static_cast<size_t>(last - 1)].end;
    mm.long_text = c.doc->article.text.substr(from, to - from);
    if (last > m.last) mm.plural = toks[static_cast<size_t>(last - 1)].lower.back() == 's';
  }
}

// English names a ruler's government by the ruler: "the Assad regime", "Assad's brutal
// regime", "the Putin administration". The person's mention grows to the phrase (class
// `ruler_noun`); the entity stays the person.
void RulerPhrases(Ctx& c, int s) {
  if (c.lex.lang == "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  for (size_t mi = c.first_mention[static_cast<size_t>(s)]; mi < c.doc->mentions.size(); ++mi) {
    Mention& m = c.doc->mentions[mi];
    if (m.sentence != s || m.type != EntityType::kPerson || !m.named || m.pronoun || m.entity < 0) continue;
    int k = m.last;
    const bool possessive = k < n && (toks[static_cast<size_t>(k)].lower == "'s");
    if (possessive) ++k;
    // One adjective may stand before the noun: "Assad's brutal regime".
    if (k + 1 < n && toks[static_cast<size_t>(k)].pos == Pos::kAdj && !toks[static_cast<size_t>(k)].upper_initial &&
        c.taken[static_cast<size_t>(k)] < 0)
      ++k;
    if (k >= n || c.taken[static_cast<size_t>(k)] >= 0) continue;
    const Token& head = toks[static_cast<size_t>(k)];
    if (head.upper_initial || !(c.lex.InLower("ruler_noun", head) || c.lex.InLemma("ruler_noun", head))) continue;
    int first = m.first;
    if (!possessive && first > 0 && toks[static_cast<size_t>(first - 1)].lower == "the" &&
        c.taken[static_cast<size_t>(first - 1)] < 0)
      --first;
    for (int j = first; j <= k; ++j) c.taken[static_cast<size_t>(j)] = static_cast<int>(mi);
    m.long_text = c.doc->article.text.substr(toks[static_cast<size_t>(first)].begin,
                                             head.end - toks[static_cast<size_t>(first)].begin);
    m.first = first;
    m.last = k + 1;
  }
}

// Demonyms that stand for their state: "les Russes", "militaires russes", "Russian forces".
void DemonymPass(Ctx& c, int s) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  int n = static_cast<int>(toks.size());
  const bool fr = c.lex.lang == "fr";
  int last_group_demonym = -100;
  for (int i = 0; i < n; ++i) {
    int entry = c.demonym_at[static_cast<size_t>(i)];
    if (entry < 0 || c.taken[static_cast<size_t>(i)] >= 0) continue;
    const Token& t = toks[static_cast<size_t>(i)];
    const GazetteerEntry& e = c.res.gazetteer.entries()[static_cast<size_t>(entry)];
    const std::string* prev = i > 0 ? &toks[static_cast<size_t>(i - 1)].lower : nullptr;
    const std::string* next = i + 1 < n ? &toks[static_cast<size_t>(i + 1)].lemma : nullptr;
    if (fr) {
      if (t.upper_initial && (i == 0 || !toks[static_cast<size_t>(i - 1)].upper_initial)) {
        // "les Russes": the people, for their state.
        int m = AddMention(c, s, i, i + 1, c.table.FromGazetteer(e), e.type);
        c.doc->mentions[static_cast<size_t>(m)].plural = t.lower.back() == 's';
        c.doc->mentions[static_cast<size_t>(m)].named = false;
        continue;
      }
      if (prev && c.lex.In("group_head", *prev) && c.taken[static_cast<size_t>(i - 1)] < 0) {
        int m = AddMention(c, s, i - 1, i + 1, c.table.FromGazetteer(e), e.type);
        c.doc->mentions[static_cast<size_t>(m)].plural = true;
        c.doc->mentions[static_cast<size_t>(m)].named = false;
        last_group_demonym = i;
        continue;
      }
      // "militaires américains et russes": an adjective coordinated with a demonym.
      bool after_demonym = i - last_group_demonym == 2;
      if (!after_demonym && i >= 2) {
        const std::vector<FormHit>* h =
            c.res.gazetteer.Lookup(c.folded[static_cast<size_t>(i - 2)]);
        if (h && !toks[static_cast<size_t>(i - 2)].upper_initial)
          for (const FormHit& fh : *h)
            after_demonym = after_demonym || fh.kind == FormKind::kDemonym;
      }
      if (prev && (*prev == "et" || *prev == "ou") && after_demonym) {
        int m = AddMention(c, s, i, i + 1, c.table.FromGazetteer(e), e.type);
        c.doc->mentions[static_cast<size_t>(m)].plural = true;
        c.doc->mentions[static_cast<size_t>(m)].named = false;
        continue;
      }
    } else {
      int head = -1;
      for (int k = i + 1; k < std::min(n, i + 4); ++k) {
        const Token& u = toks[static_cast<size_t>(k)];
        if (!u.is_word || u.upper_initial || c.taken[static_cast<size_t>(k)] >= 0) break;
        if (c.lex.InLemma("group_head", u) || c.lex.InLower("group_head", u) || c.lex.InLower("weapon_head", u)) {
          head = k;
          break;
        }
      }
      if (head > 0) {
        int m = AddMention(c, s, i, head + 1, c.table.FromGazetteer(e), e.type);
        c.doc->mentions[static_cast<size_t>(m)].plural = true;
        c.doc->mentions[static_cast<size_t>(m)].named = false;
        continue;
      }
      bool plural_noun = t.lower.size() > 3 && t.lower.back() == 's' &&
                         !(next && c.lex.In("role", *next));
      if (plural_noun) {
        int m = AddMention(c, s, i, i + 1, c.table.FromGazetteer(e), e.type);
        c.doc->mentions[static_cast<size_t>(m)].plural = true;
        c.doc->mentions[static_cast<size_t>(m)].named = false;
      }
    }
  }
}

// The organisation or state a role belongs to, read in the words around the role noun:
// an actor after de/du/of, a demonym, a portfolio ("à la Défense" -> the defence ministry).
int RoleOwner(Ctx& c, int s, int from, int to, int* country_entry) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  int owner = -1;
  std::string country;
  std::string portfolio;
  for (int k = from; k < to; ++k) {
    int m = c.taken[static_cast<size_t>(k)];
    if (m >= 0) {
      const Mention& mm = c.doc->mentions[static_cast<size_t>(m)];
      if (mm.type != EntityType::kPerson && mm.entity >= 0 && owner < 0) {
        owner = mm.entity;
        const Entity& e = c.doc->entities[static_cast<size_t>(mm.entity)];
        if (e.type == EntityType::kState) country = e.country;
      }
      k = mm.last - 1;
      continue;
    }
    int dem = c.demonym_at[static_cast<size_t>(k)];
    if (dem >= 0 && country.empty()) {
      country = c.res.gazetteer.entries()[static_cast<size_t>(dem)].country;
      *country_entry = dem;
    }
    for (const auto& [words, search] : c.lex.portfolios) {
      bool match = k + static_cast<int>(words.size()) <= to;
      for (size_t w = 0; match && w < words.size(); ++w)
        match = toks[static_cast<size_t>(k) + w].lemma == words[w] || toks[static_cast<size_t>(k) + w].lower == words[w];
      if (match) portfolio = search;
    }
  }
  if (owner >= 0) {
    const Entity& e = c.doc->entities[static_cast<size_t>(owner)];
    if (e.type == EntityType::kState && !portfolio.empty()) {
      int mi = c.res.gazetteer.FindMinistry(e.country, portfolio);
      if (mi >= 0) return c.table.FromGazetteer(c.res.gazetteer.entries()[static_cast<size_t>(mi)]);
    }
    return owner;
  }
  if (!country.empty()) {
    if (!portfolio.empty()) {
      int mi = c.res.gazetteer.FindMinistry(country, portfolio);
      if (mi >= 0) return c.table.FromGazetteer(c.res.gazetteer.entries()[static_cast<size_t>(mi)]);
    }
    return c.table.FromGazetteer(c.res.gazetteer.entries()[static_cast<size_t>(*country_entry)]);
  }
  return -1;
}

void AddRoleTriple(Ctx& c, int s, int person_mention, int owner, const std::string& role) {
  if (owner < 0) return;
  const Mention& pm = c.doc->mentions[static_cast<size_t>(person_mention)];
  if (pm.entity < 0 || pm.entity == owner) return;
  auto rel_it = c.lex.role_relation.find(role);
  Triple t;
  t.subject = pm.entity;
  t.object = owner;
  t.relation = rel_it != c.lex.role_relation.end() ? rel_it->second : RelationType::kHoldsRole;
  t.cameo = std::string(Relation(t.relation).cameo);
  t.role = role;
  t.sentence = s;
  const Sentence& sent = c.doc->sentences[static_cast<size_t>(s)];
  t.begin = sent.begin;
  t.end = sent.end;
  t.subject_mention = pm.long_text.empty() || c.lex.lang == "fr" ? pm.text : pm.long_text;
  t.object_mention = c.doc->entities[static_cast<size_t>(owner)].name;
  for (size_t i = c.first_mention[static_cast<size_t>(s)]; i < c.doc->mentions.size(); ++i) {
    const Mention& m = c.doc->mentions[i];
    if (m.sentence == s && m.entity == owner) t.object_mention = m.text;
  }
  t.trigger = role;
  t.confidence = 0.9f;
  // Whoever heads an organisation or a group belongs to it: "la présidente de l'association".
  const EntityType owner_type = c.doc->entities[static_cast<size_t>(owner)].type;
  // French only: English says who leads by LEADS alone, the membership it entails is left
  // for a reader of the graph to draw.
  if (t.relation == RelationType::kLeads && c.lex.lang == "fr" &&
      (owner_type == EntityType::kOrg || owner_type == EntityType::kGroup || owner_type == EntityType::kArmedGroup)) {
    Triple member = t;
    member.relation = RelationType::kMemberOf;
    member.cameo = std::string(Relation(member.relation).cameo);
    member.confidence = 0.8f;
    c.doc->triples.push_back(std::move(member));
  }
  c.doc->triples.push_back(std::move(t));
  // A person the gazetteer does not know takes the country of the office the text gives.
  Entity& person = c.doc->entities[static_cast<size_t>(pm.entity)];
  const Entity& org = c.doc->entities[static_cast<size_t>(owner)];
  if (person.country.empty() && !org.country.empty()) person.country = org.country;
}

// "Son ministre des Affaires étrangères" after a sentence about France: a possessive before
// a role points to the last state named; with a portfolio, to that state's ministry.
int PossessiveOwner(Ctx& c, int s, int i) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  if (i == 0 || !c.lex.InLower("possessive_pronoun", toks[static_cast<size_t>(i - 1)])) return -1;
  int state = -1;
  for (size_t mi = c.first_mention[static_cast<size_t>(std::max(0, s - 1))];
       mi < c.doc->mentions.size(); ++mi) {
    const Mention& m = c.doc->mentions[mi];
    if (m.sentence < s - 1 || m.sentence > s || (m.sentence == s && m.first >= i)) continue;
    if (m.type == EntityType::kState && m.entity >= 0) state = m.entity;
  }
  if (state < 0) return -1;
  const Entity& e = c.doc->entities[static_cast<size_t>(state)];
  const int n = static_cast<int>(toks.size());
  for (int k = i + 1; k < std::min(n, i + 6); ++k) {
    for (const auto& [words, search] : c.lex.portfolios) {
      bool match = k + static_cast<int>(words.size()) <= n;
      for (size_t w = 0; match && w < words.size(); ++w)
        match = toks[static_cast<size_t>(k) + w].lemma == words[w] || toks[static_cast<size_t>(k) + w].lower == words[w];
      if (!match) continue;
      int mi = c.res.gazetteer.FindMinistry(e.country, search);
      if (mi >= 0) return c.table.FromGazetteer(c.res.gazetteer.entries()[static_cast<size_t>(mi)]);
    }
  }
  return state;
}

// A role without a name ("le président américain", "the Russian defence minister") names
// whoever held that office on the article's date, when the gazetteer knows it.
void ResolveRoleNoun(Ctx& c, int s, int i, const std::string& role_word) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  if (c.taken[static_cast<size_t>(i)] >= 0 || c.doc->date.empty()) return;
  int end = i + 1;
  while (end < n) {
    const Token& t = toks[static_cast<size_t>(end)];
    int m = c.taken[static_cast<size_t>(end)];
    bool part = c.demonym_at[static_cast<size_t>(end)] >= 0 || c.lex.InLower("role_complement", t) ||
                (m >= 0 && c.doc->mentions[static_cast<size_t>(m)].type != EntityType::kPerson) ||
                t.lower == "de" || t.lower == "du" || t.lower == "des" || t.lower == "d'" || t.lower == "à" ||
                t.lower == "la" || t.lower == "l'" || t.lower == "of" || t.lower == "the";
    if (!part || !t.is_word) break;
    ++end;
  }
  while (end > i + 1) {
    const std::string& w = toks[static_cast<size_t>(end - 1)].lower;
    if (w != "de" && w != "du" && w != "des" && w != "d'" && w != "à" && w != "la" && w != "l'" && w != "of" &&
        w != "the")
      break;
    --end;
  }
  int begin = i;
  if (c.lex.lang != "fr") {  // "the Russian defence minister": owner words come first
    while (begin > 0) {
      const Token& t = toks[static_cast<size_t>(begin - 1)];
      bool part = c.demonym_at[static_cast<size_t>(begin - 1)] >= 0 || c.lex.InLower("role_complement", t) ||
                  c.taken[static_cast<size_t>(begin - 1)] >= 0;
      if (!part || !t.is_word) break;
      --begin;
    }
  }
  int country_entry = -1;
  int owner = RoleOwner(c, s, i + 1, end, &country_entry);
  if (owner < 0 && begin < i) owner = RoleOwner(c, s, begin, i, &country_entry);
  if (owner < 0) owner = PossessiveOwner(c, s, i);
  if (owner < 0) return;
  const Entity& oe = c.doc->entities[static_cast<size_t>(owner)];
  // "homologue" and other relational roles name no one by themselves.
  auto rel = c.lex.role_relation.find(role_word);
  if (rel == c.lex.role_relation.end()) return;
  std::vector<int> holders = c.res.gazetteer.RoleHolders(oe.key, c.doc->date, rel->second);
  // A state has many offices of one kind ("secretary", "vice-president" are all HOLDS_ROLE):
  // there the holder's title must name the role word, or "the US Secretary of State" would
  // resolve to the vice-president, the one US office the gazetteer keys on the state.
  if (oe.type == EntityType::kState && rel->second == RelationType::kHoldsRole) {
    const std::string word = " " + Fold(role_word) + " ";
    std::erase_if(holders, [&](int h) {
      for (const GazetteerEntry::Role& r : c.res.gazetteer.entries()[static_cast<size_t>(h)].roles)
        if (r.org_key == oe.key && (" " + Fold(r.title) + " ").find(word) != std::string::npos) return false;
      return true;
    });
  }
  if (holders.size() != 1 || role_word == "homologue" ||
      role_word == "counterpart")
    return;
  for (int k = begin; k < end; ++k)
    if (c.taken[static_cast<size_t>(k)] >= 0 && c.doc->mentions[static_cast<size_t>(c.taken[static_cast<size_t>(k)])].type == EntityType::kPerson)
      return;
  const GazetteerEntry& person = c.res.gazetteer.entries()[static_cast<size_t>(holders[0])];
  int ent = c.table.FromGazetteer(person);
  // The owner's mention inside the phrase gives way to the person's.
  for (int k = begin; k < end; ++k) c.taken[static_cast<size_t>(k)] = -1;
  int m = AddMention(c, s, begin, end, ent, EntityType::kPerson);
  c.doc->mentions[static_cast<size_t>(m)].named = false;
  AddRoleTriple(c, s, m, owner, role_word);
  c.role_used.insert(i);
}

int OrgPhraseEnd(const Ctx& c, const Tokens& toks, int i, int j);

// Appositions after the name: "Peter Cook, porte-parole du Pentagone". Runs in the role pass
// and again after the name pass, for people no list knows ("Patrice Douret, président de ...").
void AppositionPass(Ctx& c, int s, bool after_names) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  int n = static_cast<int>(toks.size());
  for (int i = 0; i + 2 < n; ++i) {
    int m = c.taken[static_cast<size_t>(i)];
    if (m < 0 || c.doc->mentions[static_cast<size_t>(m)].type != EntityType::kPerson) continue;
    int after = c.doc->mentions[static_cast<size_t>(m)].last;
    if (after >= n || toks[static_cast<size_t>(after)].text != ",") continue;
    int k = after + 1;
    while (k < n && c.lex.InLower("determiner", toks[static_cast<size_t>(k)])) ++k;
    // English: "Sergei Lavrov, Russia's foreign minister" - the owner may come first.
    int role_at = -1;
    for (int r = k; r < std::min(n, k + 5); ++r) {
      if (c.lex.InLemma("role", toks[static_cast<size_t>(r)]) || c.lex.InLower("role", toks[static_cast<size_t>(r)])) {
        role_at = r;
        break;
      }
      // Only the owner of the role may stand before it: "Russia's foreign minister".
      const Token& u = toks[static_cast<size_t>(r)];
      int um = c.taken[static_cast<size_t>(r)];
      bool owner_word =
          (um >= 0 && c.doc->mentions[static_cast<size_t>(um)].type != EntityType::kPerson) ||
          c.demonym_at[static_cast<size_t>(r)] >= 0 || u.lower == "'s" ||
          c.lex.InLower("role_complement", u);
      if (!owner_word) break;
    }
    if (role_at < 0 || c.role_used.count(role_at)) continue;
    int stop = role_at + 1;
    while (stop < n && stop < role_at + 8 && toks[static_cast<size_t>(stop)].text != "," &&
           !c.lex.InLower("stop_role", toks[static_cast<size_t>(stop)]))
      ++stop;
    int country_entry = -1;
    // The owner follows the role ("président de l'association"); in English it may come
    // first ("Russia's foreign minister"). Never the role noun itself.
    int owner = RoleOwner(c, s, role_at + 1, stop, &country_entry);
    if (owner < 0 && k < role_at) owner = RoleOwner(c, s, k, role_at, &country_entry);
    const Token& rt = toks[static_cast<size_t>(role_at)];
    const std::string role = c.lex.InLemma("role", rt) ? rt.lemma : rt.lower;
    RoleNounIsThePerson(c, s, role_at, m, role);
    // An owner no list knows ("la responsable de l'ONG Santé pour tous") is found by the name
    // pass: the second reading gets the role then.
    if (owner < 0 && !after_names) continue;
    c.role_used.insert(role_at);
    AddRoleTriple(c, s, m, owner, role);
    i = stop - 1;
  }
}

// "met the Iraqi Foreign Minister, Ibrahim al-Jaafari": in English the office phrase before
// the apposed name is a mention of that person too, and the one a verb before it reaches.
void RoleBeforeApposition(Ctx& c, int s, int role_at, int person) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  int b = role_at;
  bool starts_with_owner = false;  // "the European Union's foreign policy chief"
  while (b > 0 && role_at - b < 8) {
    const Token& p = toks[static_cast<size_t>(b - 1)];
    int pm = c.taken[static_cast<size_t>(b - 1)];
    if (pm >= 0) {
      const Mention& om = c.doc->mentions[static_cast<size_t>(pm)];
      if (om.type == EntityType::kPerson || om.last != b) break;
      b = om.first;
      // "the European Union's foreign policy chief", "Ukraine's acting foreign minister": a
      // possessive phrase is definite without an article.
      starts_with_owner = c.lex.InLower("determiner", toks[static_cast<size_t>(b)]) ||
                          (om.last < role_at && toks[static_cast<size_t>(om.last)].lower == "'s");
      if (starts_with_owner) break;
      continue;
    }
    bool part = p.is_word &&
                (c.demonym_at[static_cast<size_t>(b - 1)] >= 0 || c.lex.InLower("role_complement", p) ||
                 (p.upper_initial && !c.lex.InLower("determiner", p)) || p.lower == "'s" ||
                 (!p.upper_initial && (p.pos == Pos::kNoun || p.pos == Pos::kAdj) && !c.lex.InLemma("role", p)));
    if (!part) break;
    --b;
  }
  int first = starts_with_owner ? b : b - 1;
  if (c.taken[static_cast<size_t>(role_at)] >= 0 || first < 0) return;
  if (!starts_with_owner && (b == 0 || !c.lex.InLower("determiner", toks[static_cast<size_t>(b - 1)]) ||
                             c.taken[static_cast<size_t>(b - 1)] >= 0))
    return;
  // Owners named inside the phrase keep their own mentions; the phrase is the wider one.
  std::vector<std::pair<int, int>> inner;
  for (int k = first; k <= role_at; ++k)
    if (c.taken[static_cast<size_t>(k)] >= 0) inner.emplace_back(k, c.taken[static_cast<size_t>(k)]);
  int entity = c.doc->mentions[static_cast<size_t>(person)].entity;
  int m = AddMention(c, s, first, role_at + 1, entity, EntityType::kPerson);
  c.doc->mentions[static_cast<size_t>(m)].named = false;
  for (auto [k, o] : inner) c.taken[static_cast<size_t>(k)] = o;
}

// English: where the words naming a person's office or rank begin, going left from token
// `i`: capitalised words ("Navy Special Warfare Operator"), rank abbreviations and their
// periods ("Lt. Gen."), ordinals ("1st Class"), demonyms and the owner's mention ("U.S.
// Army General", "Iraqi Prime Minister").
// English "In Turkey Minister Ellwood met": a place after a locative preposition says where,
// it is no part of the title after it nor the office's owner.
bool LocativeBeforeTitle(const Ctx& c, const Tokens& toks, int m) {
  const Mention& mm = c.doc->mentions[static_cast<size_t>(m)];
  if (c.lex.lang == "fr" || (mm.type != EntityType::kState && mm.type != EntityType::kPlace)) return false;
  return mm.first > 0 && c.lex.InLower("locative_adjunct", toks[static_cast<size_t>(mm.first - 1)]);
}

int TitleStart(const Ctx& c, const Tokens& toks, int i) {
  int b = i;
  while (b > 0) {
    const Token& p = toks[static_cast<size_t>(b - 1)];
    int pm = c.taken[static_cast<size_t>(b - 1)];
    bool ordinal = IsOrdinal(p);
    bool period = p.text == "." && b >= 2 && (c.lex.InLower("title", toks[static_cast<size_t>(b - 2)]) ||
                                              c.lex.In("title", toks[static_cast<size_t>(b - 2)].lower + "."));
    bool part = (p.is_word && p.upper_initial && !c.lex.InLower("not_name", p)) ||
                c.demonym_at[static_cast<size_t>(b - 1)] >= 0 || ordinal || period ||
                (pm >= 0 && c.doc->mentions[static_cast<size_t>(pm)].type != EntityType::kPerson);
    if (!part || (pm >= 0 && c.doc->mentions[static_cast<size_t>(pm)].type == EntityType::kPerson)) break;
    if (pm >= 0 && LocativeBeforeTitle(c, toks, pm)) break;
    --b;
  }
  return b;
}

// Person names introduced by a role ("le porte-parole du Pentagone, Peter Cook",
// "Defense Secretary Ash Carter") or followed by one ("Peter Cook, porte-parole du
// Pentagone"), and by a title ("M. Fabius", "President Obama").
void RolePass(Ctx& c, int s) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  int n = static_cast<int>(toks.size());
  for (int i = 0; i < n; ++i) {
    const Token& t = toks[static_cast<size_t>(i)];
    bool role = c.lex.InLemma("role", t) || c.lex.InLower("role", t);
    bool title = c.lex.InLower("title", t) || c.lex.In("title", t.text);
    if (!role && !title) continue;
    std::string role_word = c.lex.InLemma("role", t) ? t.lemma : t.lower;
    // "Prime Minister", "Premier ministre": the head of government.
    if (i > 0 && (role_word == "minister" || role_word == "ministre" || c.lex.lang != "fr")) {
      // English too: "Vice President" holds a role, "President" leads.
      std::string two = toks[static_cast<size_t>(i - 1)].lower + " " + role_word;
      if (c.lex.role_relation.count(two)) role_word = two;
    }
    // "Director General", "Secretary-General": an office of two words whose second follows.
    if (i + 1 < n) {
      std::string two = role_word + " " + toks[static_cast<size_t>(i + 1)].lower;
      if (c.lex.role_relation.count(two)) role_word = two;
    }
    // Scan forward to the name: skip the role's complement (up to 8 tokens, no verb-like
    // stop words), an optional comma.
    int j = i + 1;
    int limit = std::min(n, i + 10);
    int name_at = -1;
    for (; j < limit; ++j) {
      const Token& u = toks[static_cast<size_t>(j)];
      int m = c.taken[static_cast<size_t>(j)];
      if (m >= 0 && c.doc->mentions[static_cast<size_t>(m)].type == EntityType::kPerson) {
        name_at = j;
        break;
      }
      if (m >= 0) {
        j = c.doc->mentions[static_cast<size_t>(m)].last - 1;
        continue;
      }
      if (u.text == ",") {
        // "le leader du parti, Mme Sylvia Pinel": the name follows the title.
        int at = j + 1;
        while (c.lex.lang == "fr" && at + 1 < n && (c.lex.InLower("title", toks[static_cast<size_t>(at)]) ||
                              c.lex.InLower("person_title", toks[static_cast<size_t>(at)]) ||
                              (toks[static_cast<size_t>(at)].text == "." && at > j + 1)))
          ++at;
        if (at < n && toks[static_cast<size_t>(at)].upper_initial) name_at = at;
        break;
      }
      if (!u.is_word) {
        if (title && u.text == ".") continue;
        break;
      }
      if (u.upper_initial && c.demonym_at[static_cast<size_t>(j)] < 0 && !c.lex.InLower("role", u) &&
          !c.lex.InLower("role_complement", u) && !c.lex.InLower("title", u)) {
        // After de/du/of a capitalised name is what the role belongs to ("chef du
        // Pentagone", "la responsable de l'ONG Terre Solidaire", "commander of the Amphibious
        // Task Group"), not who holds it.
        int before = j - 1;
        while (before > i && c.lex.InLower("determiner", toks[static_cast<size_t>(before)])) --before;
        if (j > i + 1 && before > i && c.lex.InLower("preposition", toks[static_cast<size_t>(before)])) {
          int end = NameRun(c.lex, toks, j, n);
          // "la ministre des Sports Roxana Maracineanu": the portfolio ends where a first
          // name opens the minister's name.
          if (c.lex.lang == "fr" && c.lex.InLower("portfolio_head", toks[static_cast<size_t>(i)]))
            for (int k = j + 1; k < end; ++k)
              if (c.lex.InLower("first_name", toks[static_cast<size_t>(k)])) {
                end = k;
                break;
              }
          if (c.lex.lang == "fr" && end > j) end = OrgPhraseEnd(c, toks, j, end);
          if (end > j && Free(c, j, end)) {
            std::string org = c.doc->article.text.substr(
                u.begin, toks[static_cast<size_t>(end - 1)].end - u.begin);
            AddMention(c, s, j, end, c.table.Local("org", org, EntityType::kOrg, ""), EntityType::kOrg);
          }
          j = std::max(j, end - 1);
          continue;
        }
        name_at = j;
        break;
      }
      // "Secretary General Antonio Guterres": a title after the role is still before the name.
      if (u.upper_initial && (c.lex.InLower("title", u) || c.lex.InLower("rank_word", u))) continue;
      if (title) break;  // a title is followed directly by the name
      if (c.lex.InLower("stop_role", u)) break;
      if (role && j > i + 1 && (c.lex.InLower("role", u) || c.lex.InLemma("role", u))) break;  // the nearer role speaks
    }
    if (name_at < 0) {
      if (role) ResolveRoleNoun(c, s, i, role_word);
      continue;
    }
    // "the commanding general, Lt. Gen. Stephen J. Townsend": titles before the name are not it.
    const int titles_from = name_at;
    auto rank_at = [&](int k) {
      return k < n && (c.lex.InLower("title", toks[static_cast<size_t>(k)]) ||
                       c.lex.In("title", toks[static_cast<size_t>(k)].lower + ".") ||
                       c.lex.InLower("rank_word", toks[static_cast<size_t>(k)]));
    };
    while (name_at + 1 < n) {
      int tm = c.taken[static_cast<size_t>(name_at)];
      // "commander, US Army Lieutenant General Stephen Townsend": the service before the ranks.
      if (tm >= 0 && c.lex.lang != "fr" && c.doc->mentions[static_cast<size_t>(tm)].type != EntityType::kPerson &&
          rank_at(c.doc->mentions[static_cast<size_t>(tm)].last)) {
        name_at = c.doc->mentions[static_cast<size_t>(tm)].last;
        continue;
      }
      if (tm >= 0 || !rank_at(name_at)) break;
      ++name_at;
      if (name_at < n && toks[static_cast<size_t>(name_at)].text == ".") ++name_at;
    }
    if (name_at >= n) continue;
    int person = -1;
    int m = c.taken[static_cast<size_t>(name_at)];
    if (m >= 0 && c.doc->mentions[static_cast<size_t>(m)].type == EntityType::kPerson) {
      person = m;
    } else if (m < 0) {
      int end = NameRun(c.lex, toks, name_at, n);
      // A lone capitalised word after a role is a surname only after a title ("M. Fabius").
      if (end - name_at >= 2 || (title && end > name_at)) {
        std::string name = c.doc->article.text.substr(toks[static_cast<size_t>(name_at)].begin,
                                                      toks[static_cast<size_t>(end - 1)].end -
                                                          toks[static_cast<size_t>(name_at)].begin);
        int ent = c.table.Local("person", name, EntityType::kPerson, "");
        person = AddMention(c, s, name_at, end, ent, EntityType::kPerson);
      }
    }
    if (person < 0) continue;
    c.role_used.insert(i);
    // English titles stand before the name as part of it: "Iraqi Prime Minister Haider
    // al-Abadi" is how the text names him.
    const bool after_comma = toks[static_cast<size_t>(titles_from - 1)].text == ",";
    if (c.lex.lang != "fr" && (toks[static_cast<size_t>(name_at - 1)].text != "," || after_comma)) {
      // After a comma only the titles that follow it ("general, Lt. Gen. Stephen Townsend").
      int b = after_comma ? titles_from : TitleStart(c, toks, i);
      Mention& pmen = c.doc->mentions[static_cast<size_t>(person)];
      for (int k = b; k < name_at; ++k) c.title_words.insert(k);
      uint32_t from = toks[static_cast<size_t>(b)].begin;
      if (from < pmen.begin) pmen.long_text = c.doc->article.text.substr(from, pmen.end - from);
      // The person's phrase covers the title, so a verb before it reaches the person, not
      // the owner named in the title ("talks with US President Joe Biden").
      bool comma = false;
      for (int k = b; k < name_at; ++k) comma = comma || toks[static_cast<size_t>(k)].text == ",";
      if (!comma && b < pmen.first) pmen.first = b;
    }
    if (!role) continue;
    int country_entry = -1;
    // "The coalition's commander, US Army General Stephen Townsend": what stands after the
    // comma is the person's own title, not the role's owner.
    int owner_to = name_at;
    for (int k = i + 1; k < name_at; ++k)
      if (toks[static_cast<size_t>(k)].text == "," && c.lex.lang != "fr") {
        owner_to = k;
        break;
      }
    int owner = RoleOwner(c, s, i + 1, owner_to, &country_entry);
    // English puts the owner before the role: "Pentagon spokesman", "Russian Defence Minister".
    if (owner < 0 && c.lex.lang != "fr") {
      int b = i;
      while (b > 0 && i - b < 5) {
        const Token& p = toks[static_cast<size_t>(b - 1)];
        // "the European Union's foreign policy chief": lower-case words of the portfolio too.
        bool pre = (p.is_word && p.upper_initial) || p.lower == "'s" || c.demonym_at[static_cast<size_t>(b - 1)] >= 0 ||
                   c.lex.InLower("role_complement", p) ||
                   (p.is_word && (p.pos == Pos::kNoun || p.pos == Pos::kAdj) && !c.lex.InLemma("role", p));
        if (!pre) break;
        const int pm = c.taken[static_cast<size_t>(b - 1)];
        if (pm >= 0 && LocativeBeforeTitle(c, toks, pm)) break;
        --b;
      }
      if (b < i) owner = RoleOwner(c, s, b, i, &country_entry);
    }
    if (owner < 0) owner = PossessiveOwner(c, s, i);
    AddRoleTriple(c, s, person, owner, role_word);
    if (toks[static_cast<size_t>(name_at - 1)].text == ",") RoleNounIsThePerson(c, s, i, person, role_word);
    if (c.lex.lang != "fr" && name_at == i + 2 && toks[static_cast<size_t>(i + 1)].text == ",")
      RoleBeforeApposition(c, s, i, person);
  }
  AppositionPass(c, s, /*after_names=*/false);
}

// Road numbers: "l'A7", "l'autoroute A36", "la RN 79", "la D 905bis", "l'E40". A letter of
// the road's class and a number, after an article or the word for the road; Airbus numbers
// (A300 to A399, A400) are aircraft.
bool RoadNumber(std::string_view letters, std::string_view digits) {
  static const char* const kClasses[] = {"A", "N", "D", "E", "M", "RN", "RD"};
  bool cls = false;
  for (const char* k : kClasses) cls = cls || letters == k;
  if (!cls || digits.empty() || digits.size() > 4 || !std::isdigit(static_cast<unsigned char>(digits[0]))) return false;
  size_t d = 0;
  while (d < digits.size() && std::isdigit(static_cast<unsigned char>(digits[d]))) ++d;
  if (d > 3 || (d < digits.size() && digits.substr(d) != "bis")) return false;
  if (letters == "A" && d == 3 && (digits[0] == '3' || digits.substr(0, 3) == "400")) return false;
  return true;
}

// A one-token road code ("A7", "N12", "D905bis"); `any_number` lets A300-A400 be roads.
bool RoadCode(const std::string& w, bool any_number) {
  size_t split = 0;
  while (split < w.size() && std::isupper(static_cast<unsigned char>(w[split]))) ++split;
  if (split == 0 || split >= w.size()) return false;
  std::string_view letters = std::string_view(w).substr(0, split), digits = std::string_view(w).substr(split);
  if (RoadNumber(letters, digits)) return true;
  return any_number && letters == "A" && digits.size() == 3 &&
         std::all_of(digits.begin(), digits.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
}

// Road codes listed together: "les autoroutes A1, A4 et A13", "coupées : A1, A16, A2 (péage
// de X), A26". Marks each code of a list of three or more, or of two after a road word in the
// sentence; between two codes only commas, "et", "ou", an article or a parenthesis.
std::vector<bool> RoadList(const Ctx& c, const Tokens& toks) {
  const int n = static_cast<int>(toks.size());
  std::vector<bool> in_list(static_cast<size_t>(n), false);
  bool road_word = false;
  int run_start = -1, run_len = 0, last = -1;
  auto close = [&](bool word) {
    if (run_len >= 3 || (run_len >= 2 && word))
      for (int k = run_start; k <= last; ++k) in_list[static_cast<size_t>(k)] = RoadCode(toks[static_cast<size_t>(k)].text, true);
    run_start = -1;
    run_len = 0;
  };
  for (int i = 0; i < n; ++i) {
    const Token& t = toks[static_cast<size_t>(i)];
    if (RoadCode(t.text, true) && c.taken[static_cast<size_t>(i)] < 0) {
      if (run_start < 0) run_start = i;
      ++run_len;
      last = i;
      continue;
    }
    if (run_start >= 0) {
      if (t.text == "," || t.lower == "et" || t.lower == "ou" || t.lower == "l'" || t.lower == "la") continue;
      if (t.text == "(") {  // "A50 (péages de La Ciotat et Bandol), A51"
        int k = i + 1;
        while (k < n && k < i + 12 && toks[static_cast<size_t>(k)].text != ")") ++k;
        if (k < n && toks[static_cast<size_t>(k)].text == ")") {
          i = k;
          continue;
        }
      }
      close(road_word);
    }
    road_word = road_word || c.lex.InLower("road_word", t);
  }
  if (run_start >= 0) close(road_word);
  return in_list;
}

void RoadPass(Ctx& c, int s) {
  if (c.lex.lang != "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  const std::vector<bool> listed = RoadList(c, toks);
  for (int i = 1; i < n; ++i) {
    if (c.taken[static_cast<size_t>(i)] >= 0) continue;
    const std::string& w = toks[static_cast<size_t>(i)].text;
    int end = -1;
    size_t split = 0;
    while (split < w.size() && std::isupper(static_cast<unsigned char>(w[split]))) ++split;
    if (split > 0 && split < w.size() && RoadNumber(std::string_view(w).substr(0, split), std::string_view(w).substr(split)))
      end = i + 1;
    else if (split == w.size() && i + 1 < n && RoadNumber(w, toks[static_cast<size_t>(i + 1)].text) &&
             c.taken[static_cast<size_t>(i + 1)] < 0)
      end = i + 2;
    if (listed[static_cast<size_t>(i)]) end = i + 1;
    if (end < 0) continue;
    const std::string& prev = toks[static_cast<size_t>(i - 1)].lower;
    if (!listed[static_cast<size_t>(i)] && !c.lex.In("road_word", prev) && prev != "l'" && prev != "la" && prev != "et")
      continue;
    std::string name = c.doc->article.text.substr(toks[static_cast<size_t>(i)].begin,
                                                  toks[static_cast<size_t>(end - 1)].end -
                                                      toks[static_cast<size_t>(i)].begin);
    AddMention(c, s, i, end, c.table.Local("place", name, EntityType::kPlace, "FRA"), EntityType::kPlace);
    i = end - 1;
  }
}

bool QuoteToken(const Token& t) {
  if (t.is_word || t.text.empty() || t.text == "'") return false;
  std::string_view w = t.text;
  for (std::string_view q : {"\"", "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98",
                             "\xE2\x80\x99", "'"}) {
    while (w.substr(0, q.size()) == q) w.remove_prefix(q.size());
  }
  return w.empty();
}

// French puts a made-up organisation name in quotes after its kind: l'association « Un
// arbre, une vie », l'ONG "Oisillons", la société "Kitarar". The quoted words name an
// organisation; the mention runs from the kind word to the closing quote.
void QuotedOrgPass(Ctx& c, int s) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  for (int i = 0; i + 2 < n; ++i) {
    if (c.taken[static_cast<size_t>(i)] >= 0 || !c.lex.InLower("org_kind", toks[static_cast<size_t>(i)])) continue;
    int open = i + 1;
    const std::string& after = toks[static_cast<size_t>(open)].lower;
    if ((after == "des" || after == "de" || after == "du" || after == "d'") && open + 1 < n) ++open;
    if (!QuoteToken(toks[static_cast<size_t>(open)])) continue;
    int close = -1;
    for (int k = open + 1; k < std::min(n, open + 16); ++k) {
      if (QuoteToken(toks[static_cast<size_t>(k)])) {
        close = k;
        break;
      }
    }
    if (close < open + 2 || !Free(c, i, open + 1)) continue;
    // Names inside the quotes are words of this name: l'organisation "Amérique
    // révolutionnaires" is no place.
    bool inner_free = true;
    for (int k = open + 1; k < close && inner_free; ++k) {
      int o = c.taken[static_cast<size_t>(k)];
      inner_free = o < 0 || (c.lex.lang == "fr" && c.doc->mentions[static_cast<size_t>(o)].first > open &&
                             c.doc->mentions[static_cast<size_t>(o)].last <= close);
    }
    if (!inner_free) continue;
    for (int k = open + 1; k < close; ++k) {
      int o = c.taken[static_cast<size_t>(k)];
      if (o >= 0) c.doc->mentions[static_cast<size_t>(o)].entity = -1;
      c.taken[static_cast<size_t>(k)] = -1;
    }
    uint32_t from = toks[static_cast<size_t>(open + 1)].begin, to = toks[static_cast<size_t>(close - 1)].end;
    std::string name = c.doc->article.text.substr(from, to - from);
    AddMention(c, s, i, close + 1, c.table.Local("org", name, EntityType::kOrg, ""), EntityType::kOrg);
    i = close;
  }
}

// "la province de Lattaquié", "the town of Tal Abyad": a place named after its kind.
void PlacePass(Ctx& c, int s) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  int n = static_cast<int>(toks.size());
  for (int i = 0; i + 2 < n; ++i) {
    const Token& t = toks[static_cast<size_t>(i)];
    if (!c.lex.InLemma("place_head", t) && !c.lex.InLower("place_head", t)) continue;
    // One adjective may stand between: "la base aérienne de Hmeimim".
    int at = i + 1;
    if (at + 1 < n && toks[static_cast<size_t>(at)].is_word && !toks[static_cast<size_t>(at)].upper_initial &&
        (toks[static_cast<size_t>(at + 1)].lower == "de" || toks[static_cast<size_t>(at + 1)].lower == "d'"))
      ++at;
    if (at + 1 >= n) continue;
    const std::string& prep = toks[static_cast<size_t>(at)].lower;
    if (prep != "de" && prep != "d'" && prep != "of") continue;
    int name_at = at + 1;
    if (c.taken[static_cast<size_t>(name_at)] >= 0) continue;
    int end = NameRun(c.lex, toks, name_at, n);
    if (end == name_at || !Free(c, name_at, end)) continue;
    std::string name = c.doc->article.text.substr(toks[static_cast<size_t>(name_at)].begin,
                                                  toks[static_cast<size_t>(end - 1)].end -
                                                      toks[static_cast<size_t>(name_at)].begin);
    int ent = c.table.Local("place", name, EntityType::kPlace, "");
    AddMention(c, s, i, end, ent, EntityType::kPlace);
  }
}

// Streets, squares, parks and lakes named after their kind: "rue Vignon", "la place de la
// Bastille", "le lac du Bourget", "le parc Güven", "avenue des Champs-Élysées". The place is
// the whole phrase (the kind is written in lower case, so the name is what follows it).
void StreetPass(Ctx& c, int s) {
  if (c.lex.lang != "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  for (int i = 0; i + 1 < n; ++i) {
    const Token& t = toks[static_cast<size_t>(i)];
    if (c.taken[static_cast<size_t>(i)] >= 0 || !c.lex.InLower("street_kind", t)) continue;
    // "à la place de", "à sa place": the idiom, not a square.
    if (i > 0 && (c.lex.InLower("possessive", toks[static_cast<size_t>(i - 1)]) ||
                  (i > 1 && toks[static_cast<size_t>(i - 1)].lower == "la" && toks[static_cast<size_t>(i - 2)].lower == "à")))
      continue;
    int at = i + 1;
    const std::string& prep = toks[static_cast<size_t>(at)].lower;
    if (prep == "de" || prep == "d'" || prep == "du" || prep == "des") {
      ++at;
      if (at < n && (prep == "de" || prep == "d'") &&
          (toks[static_cast<size_t>(at)].lower == "la" || toks[static_cast<size_t>(at)].lower == "l'"))
        ++at;
    }
    if (at >= n || c.taken[static_cast<size_t>(at)] >= 0 || !toks[static_cast<size_t>(at)].upper_initial) continue;
    int end = NameRun(c.lex, toks, at, n);
    if (end == at || !Free(c, at, end)) continue;
    std::string name = c.doc->article.text.substr(t.begin, toks[static_cast<size_t>(end - 1)].end - t.begin);
    AddMention(c, s, i, end, c.table.Local("place", name, EntityType::kPlace, ""), EntityType::kPlace);
    i = end - 1;
  }
}

// "sur place" (on the spot) points back to the place where the story is: the last place the
// article named ("arrivée sur place" after "la pension ... à New York" is the pension).
void OnTheSpotPass(Ctx& c, int s) {
  if (c.lex.lang != "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  for (int i = 0; i + 1 < n; ++i) {
    if (toks[static_cast<size_t>(i)].lower != "sur" || toks[static_cast<size_t>(i + 1)].lower != "place" ||
        !Free(c, i, i + 2))
      continue;
    // "sur la place", "sur place de la mairie" are not the adverb.
    if (i + 2 < n && (toks[static_cast<size_t>(i + 2)].lower == "de" || toks[static_cast<size_t>(i + 2)].lower == "du" ||
                      toks[static_cast<size_t>(i + 2)].lower == "d'" || toks[static_cast<size_t>(i + 2)].upper_initial))
      continue;
    int place = -1;
    for (size_t m = c.doc->mentions.size(); m-- > 0;) {
      const Mention& mm = c.doc->mentions[m];
      if (mm.sentence == s && mm.first > i) continue;
      if (mm.entity >= 0 && mm.type == EntityType::kPlace) {
        place = mm.entity;
        break;
      }
    }
    if (place < 0) continue;
    AddReference(c, s, i, i + 2, place, EntityType::kPlace);
    ++i;
  }
}

// A French adjective after a noun, by its part of speech: "médicale", "locales",
// "pédiatrique" (participles are left out: "les pompiers arrivés sur place").
bool FrenchAdjectiveAt(const Ctx& c, const Tokens& toks, int k) {
  const Token& t = toks[static_cast<size_t>(k)];
  return t.is_word && !t.upper_initial && t.pos == Pos::kAdj && c.taken[static_cast<size_t>(k)] < 0 &&
         !c.lex.InLower("determiner", t) && !c.lex.InLower("not_phrase_adjective", t);
}

// French names people, groups and places by a noun phrase: the noun, its adjectives and a
// bare noun complement ("l'équipe médicale", "les agents d'entretien", "le poste de police",
// "un groupe d'étudiants bénévoles"). Returns the end of the phrase of the noun at `i`.
int FrenchPhraseEnd(const Ctx& c, const Tokens& toks, int i) {
  const int n = static_cast<int>(toks.size());
  int k = i + 1;
  for (int a = 0; a < 2 && k < n && FrenchAdjectiveAt(c, toks, k); ++a) ++k;
  if (k + 1 < n && (toks[static_cast<size_t>(k)].lower == "de" || toks[static_cast<size_t>(k)].lower == "d'")) {
    const Token& w = toks[static_cast<size_t>(k + 1)];
    int taken = c.taken[static_cast<size_t>(k + 1)];
    bool generic = taken >= 0 && !c.doc->mentions[static_cast<size_t>(taken)].named &&
                   c.doc->mentions[static_cast<size_t>(taken)].first == k + 1 &&
                   c.doc->mentions[static_cast<size_t>(taken)].last == k + 2;
    if (w.is_word && !w.upper_initial && w.pos == Pos::kNoun && (taken < 0 || generic) &&
        !c.lex.InLower("determiner", w) && !c.lex.InLower("not_phrase_complement", w)) {
      k += 2;
      for (int a = 0; a < 2 && k < n && FrenchAdjectiveAt(c, toks, k); ++a) ++k;
    }
  }
  return k;
}

// Collective actors named by a common noun: "la coalition", "les rebelles", "protesters".
// Runs twice: before the role pass for nouns that are never titles, after it for role nouns
// ("le maire", "the director") that introduced no name.
// English: the nationality and people adjectives before a group noun `head` whose phrase
// opens at `begin`: "Iraqi civilians", "Syrian Arab forces", "local Kurdish fighters".
// Returns where the phrase then opens: `begin` when none stands there, or when a state's
// demonym alone stands before a noun for the state's own agents ("Iraqi forces", "Turkish
// officials" are the state). Sets *nationality to the state's entry of the demonym, if any.
int PeopleModifiers(const Ctx& c, const Tokens& toks, int begin, int head, int* nationality) {
  int j = begin - 1;
  bool people = false;
  int state = -1;
  for (; j >= 0 && begin - j <= 3; --j) {
    const Token& p = toks[static_cast<size_t>(j)];
    if (c.taken[static_cast<size_t>(j)] >= 0 || !p.is_word || !p.upper_initial) break;
    if (c.demonym_at[static_cast<size_t>(j)] >= 0) {
      if (state < 0) state = c.demonym_at[static_cast<size_t>(j)];
    } else if (c.lex.InLower("people_adjective", p)) {
      people = true;
    } else {
      break;
    }
  }
  if (j == begin - 1) return begin;
  // "U.S. service members", "Iraqi security forces": agents by any word of the phrase.
  for (int k = begin; k <= head && !people; ++k) {
    const Token& h = toks[static_cast<size_t>(k)];
    if (c.lex.InLower("group_head", h) || c.lex.InLemma("group_head", h)) return begin;
  }
  // Plain adjectives before them: "local Arab fighters" (at the head of a sentence too).
  for (int k = 0; k < 2 && j >= 0; ++k, --j) {
    const Token& p = toks[static_cast<size_t>(j)];
    if (c.taken[static_cast<size_t>(j)] >= 0 || !p.is_word || p.pos != Pos::kAdj || (p.upper_initial && j > 0) ||
        c.lex.InLower("determiner", p) || c.lex.InLower("quantifier", p) || c.lex.InLower("number_word", p))
      break;
  }
  *nationality = state;
  return j + 1;
}

void GroupPass(Ctx& c, int s, bool roles) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  int n = static_cast<int>(toks.size());
  for (int i = 0; i < n; ++i) {
    if (c.taken[static_cast<size_t>(i)] >= 0) continue;
    const Token& t = toks[static_cast<size_t>(i)];
    // A plural the tagger took for a verb ("les pilotes": piloter) still names people after
    // an article (not after "des" that joins it to a noun before: "la sécurité des pilotes").
    const bool article_before =
        i > 0 && c.lex.InLower("determiner", toks[static_cast<size_t>(i - 1)]) &&
        !(toks[static_cast<size_t>(i - 1)].lower == "des" && i > 1 && toks[static_cast<size_t>(i - 2)].pos == Pos::kNoun);
    const std::string singular = c.lex.lang == "fr" && article_before && t.lower.size() > 3 &&
                                         (t.lower.back() == 's' || t.lower.back() == 'x')
                                     ? t.lower.substr(0, t.lower.size() - 1)
                                     : std::string();
    bool group = c.lex.InLemma("group", t) || c.lex.InLower("group", t) ||
                 (!singular.empty() && c.lex.In("group", singular));
    bool place = !group && (c.lex.InLemma("place_noun", t) || c.lex.InLower("place_noun", t) ||
                            (!singular.empty() && c.lex.In("place_noun", singular)));
    // "la compagnie", "la firme": kind nouns that are no actor by themselves may still point
    // back to the organisation named with them (below).
    const bool kind_only = !group && !place && !roles && c.lex.lang == "fr" && c.lex.InLower("org_anaphor", t);
    bool role = c.lex.InLemma("role", t) || c.lex.InLower("role", t);
    // French: a role noun with no name is a person of the story ("la directrice du centre").
    const bool unnamed_role = roles && role && !group && !place && c.lex.lang == "fr";
    if (!group && !place && !kind_only && !unnamed_role) continue;
    if (role != roles) continue;
    if (roles && c.role_used.count(i)) continue;
    // "le président" after "Laurent Chazal, le président de l'association": the same person,
    // unless a complement gives the role another owner ("le président de la République").
    if (roles && c.lex.lang == "fr" && i > 0 && i + 1 < n) {
      const std::string& det = toks[static_cast<size_t>(i - 1)].lower;
      const std::string& next = toks[static_cast<size_t>(i + 1)].lower;
      auto h = c.role_holder.find(c.lex.InLemma("role", t) ? t.lemma : t.lower);
      if (h != c.role_holder.end() && (det == "le" || det == "la" || det == "l'") && next != "de" &&
          next != "du" && next != "des" && next != "d'") {
        AddReference(c, s, i, i + 1, h->second, EntityType::kPerson);
        continue;
      }
    }
    // English capitalises a collective it treats as a name ("Coalition forces", "the
    // Coalition"); a capital inside a run of capitals is part of a longer name ("Parc",
    // "Police nationale").
    bool lone_capital = false;
    if (t.upper_initial && c.lex.lang != "fr" && group) {
      bool prev_cap = i > 0 && toks[static_cast<size_t>(i - 1)].upper_initial &&
                      toks[static_cast<size_t>(i - 1)].is_word &&
                      c.taken[static_cast<size_t>(i - 1)] < 0;
      // "The Coalition supports ...": an article capitalised by the sentence opening it.
      if (prev_cap && (i == 1 || !toks[static_cast<size_t>(i - 2)].is_word) &&
          c.lex.InLower("determiner", toks[static_cast<size_t>(i - 1)]))
        prev_cap = false;
      bool next_cap = i + 1 < n && toks[static_cast<size_t>(i + 1)].upper_initial;
      // "the Members of the Security Council": the name after "of" says whose they are.
      const bool of_name = i + 2 < n && toks[static_cast<size_t>(i + 1)].lower == "of";
      lone_capital = !prev_cap && !next_cap && !roles && !of_name;
    }
    if (t.upper_initial && i > 0 && !lone_capital) continue;
    // "mis en place", "à la place de": idioms, not places.
    bool idiom = false;
    for (int k = std::max(0, i - 2); k < i && !idiom; ++k) {
      std::string phrase;
      for (int j = k; j <= i; ++j) phrase += (j > k ? " " : "") + toks[static_cast<size_t>(j)].lower;
      idiom = c.lex.In("noun_idiom", phrase);
    }
    if (idiom) continue;
    // "l'université Harvard", "la compagnie Germanwings": the name pass reads the kind and the
    // name together.
    if (c.lex.lang == "fr" && c.lex.InLower("org_apposed_head", t) && i + 1 < n &&
        toks[static_cast<size_t>(i + 1)].upper_initial && IsLetterToken(toks[static_cast<size_t>(i + 1)]) &&
        c.taken[static_cast<size_t>(i + 1)] < 0 &&
        (!c.morph->IsCommonWord(toks[static_cast<size_t>(i + 1)].lower, "fr") || c.lex.InLower("org_kind_apposed", t)))
      continue;
    // French: an adjective may stand between the determiner and the noun ("la vieille dame",
    // "un jeune homme", "une petite rue").
    int begin = i;
    if (c.lex.lang == "fr" && i >= 2 && c.taken[static_cast<size_t>(i - 1)] < 0 &&
        c.lex.InLower("pre_adjective", toks[static_cast<size_t>(i - 1)]))
      begin = i - 1;
    // English: lower-case modifiers before the noun belong to the group's name ("tactical
    // units", "ground forces", "local, legitimate ground forces", "international partners").
    if (c.lex.lang != "fr" && group && !t.upper_initial) {
      for (int j = i - 1; j >= 0 && i - j <= 4; --j) {
        const Token& p = toks[static_cast<size_t>(j)];
        if (c.taken[static_cast<size_t>(j)] >= 0 || p.upper_initial) break;
        // "innocent civilians" are the civilians: a judgement names no group.
        if (c.lex.In("evaluative_adjective", p.lower)) break;
        if (p.text == "," && j > 0 && begin < i && toks[static_cast<size_t>(begin)].pos == Pos::kAdj &&
            toks[static_cast<size_t>(j - 1)].pos == Pos::kAdj && !toks[static_cast<size_t>(j - 1)].upper_initial)
          continue;
        if (!p.is_word || !(p.pos == Pos::kAdj || p.pos == Pos::kNoun) || c.lex.InLower("determiner", p) ||
            c.lex.InLower("quantifier", p) || c.lex.InLower("number_word", p))
          break;
        begin = j;
      }
      if (begin < i && toks[static_cast<size_t>(begin)].text == ",") ++begin;
    }
    // English: a nationality or a people before the noun names the group ("Iraqi civilians",
    // "British businesses", "the Syrian people", "Kurdish fighters"); the entity is the group,
    // of that country. A state's own agents ("Iraqi forces") are the state (DemonymPass).
    int nationality = -1;
    const int people_begin = c.lex.lang != "fr" && group && !t.upper_initial ? PeopleModifiers(c, toks, begin, i, &nationality)
                                                                       : begin;
    const bool people = people_begin < begin;
    begin = people_begin;
    const Token* prev = begin > 0 ? &toks[static_cast<size_t>(begin - 1)] : nullptr;
    // English names groups by bare plurals: "Militants attacked", "killed 20 militants",
    // "Turkish-backed militias" (not after a capitalised word, which may name them: "Iraqi
    // forces", "ISIL fighters").
    bool bare_plural = c.lex.lang != "fr" && group && !t.upper_initial && t.lower.size() > 3 &&
                       t.lower.back() == 's' && t.pos == Pos::kNoun &&
                       (!prev || !prev->is_word || !prev->upper_initial || begin == 1) &&
                       !(prev && c.demonym_at[static_cast<size_t>(begin - 1)] >= 0) &&
                       !(prev && c.taken[static_cast<size_t>(begin - 1)] >= 0);
    // French: a number counts them ("15 morts", "trente manifestants").
    const bool counted = prev && c.lex.lang == "fr" && prev->is_word &&
                         (std::isdigit(static_cast<unsigned char>(prev->text[0])) || prev->pos == Pos::kNum);
    if (!lone_capital && !bare_plural && !counted && !people &&
        (!prev || !(c.lex.InLower("determiner", *prev) || c.lex.InLower("preposition", *prev) ||
                    c.lex.InLower("possessive", *prev))))
      continue;
    // "le pays", "la ville" with the definite article and no complement: the state or the
    // town the article last named ("en Tunisie ... le pays", "à Liège ... la ville").
    const int end = c.lex.lang == "fr" ? FrenchPhraseEnd(c, toks, i) : i + 1;
    if (place && c.lex.lang == "fr" && prev && begin == i && end == i + 1) {
      const bool state = c.lex.InLower("place_anaphor_state", t);
      const bool town = c.lex.InLower("place_anaphor_town", t);
      const std::string next = i + 1 < n ? toks[static_cast<size_t>(i + 1)].lower : "";
      const bool definite = prev->lower == "le" || prev->lower == "la" || prev->lower == "l'" ||
                            prev->lower == "du" || prev->lower == "au";
      const bool complement = next == "de" || next == "du" || next == "des" || next == "d'" ||
                              (i + 1 < n && toks[static_cast<size_t>(i + 1)].upper_initial) ||
                              c.lex.In("place_anaphor_stop", next);
      // "la ville de Mexico", "le pays du Cèdre": the kind noun names the place after it.
      if ((state || town) && (next == "de" || next == "d'" || next == "du") && i + 2 < n) {
        int after = c.taken[static_cast<size_t>(i + 2)];
        if (after >= 0) {
          const Mention& named = c.doc->mentions[static_cast<size_t>(after)];
          if (named.named && !named.pronoun && named.first == i + 2 && named.entity >= 0 &&
              (named.type == EntityType::kPlace || named.type == EntityType::kState)) {
            AddReference(c, s, i, i + 1, named.entity, named.type);
            continue;
          }
        }
      }
      if ((state || town) && definite && !complement) {
        int found = -1;
        for (size_t m = c.doc->mentions.size(); m-- > 0;) {
          const Mention& mm = c.doc->mentions[m];
          if (mm.entity < 0 || !mm.named || (mm.sentence == s && mm.first > i)) continue;
          if (mm.type == (state ? EntityType::kState : EntityType::kPlace)) {
            found = mm.entity;
            break;
          }
        }
        if (found >= 0) {
          AddReference(c, s, i, i + 1, found, state ? EntityType::kState : EntityType::kPlace);
          continue;
        }
      }
    }
    // "la victime": the person the story is about, named or not ("Dat García ... la victime",
    // "un jeune homme ... la victime"): the last single person named before.
    if (group && c.lex.lang == "fr" && prev && begin == i && end == i + 1 && c.lex.InLower("person_anaphor", t) &&
        (prev->lower == "la" || prev->lower == "le" || prev->lower == "l'" || c.lex.InLower("demonstrative_det", *prev))) {
      int found = -1;
      for (size_t m = 0; m < c.doc->mentions.size(); ++m) {
        const Mention& mm = c.doc->mentions[m];
        if (mm.entity < 0 || mm.pronoun || (mm.sentence == s && mm.first > i) || mm.plural) continue;
        const bool person = mm.type == EntityType::kPerson ||
                            (mm.type == EntityType::kGroup && !mm.named && c.lex.In("single_person_noun", Lower(c.doc->entities[static_cast<size_t>(mm.entity)].name)));
        if (!person) continue;
        found = static_cast<int>(m);
      }
      if (found >= 0) {
        const Mention& ante = c.doc->mentions[static_cast<size_t>(found)];
        AddReference(c, s, i, i + 1, ante.entity, EntityType::kPerson);
        continue;
      }
    }
    // "l'association", "la société" with the definite article and no complement: the
    // organisation of that kind the article last named ("l'association « Un arbre, une vie »
    // ... l'association").
    if (c.lex.lang == "fr" && prev && begin == i && end == i + 1 && c.lex.InLower("org_anaphor", t)) {
      const std::string next = i + 1 < n ? toks[static_cast<size_t>(i + 1)].lower : "";
      const bool definite = prev->lower == "le" || prev->lower == "la" || prev->lower == "l'" ||
                            prev->lower == "du" || prev->lower == "au" || c.lex.InLower("demonstrative_det", *prev);
      const bool complement = next == "de" || next == "du" || next == "des" || next == "d'" ||
                              (i + 1 < n && (toks[static_cast<size_t>(i + 1)].upper_initial ||
                                             QuoteToken(toks[static_cast<size_t>(i + 1)])));
      if (definite && !complement) {
        int kind = -1;
        for (size_t m = c.doc->mentions.size(); m-- > 0 && kind < 0;) {
          const Mention& mm = c.doc->mentions[m];
          if (mm.entity < 0 || !mm.named || (mm.sentence == s && mm.first > i)) continue;
          if (mm.type != EntityType::kOrg && mm.type != EntityType::kIgo && mm.type != EntityType::kArmedGroup) continue;
          const Tokens& at = c.doc->sentences[static_cast<size_t>(mm.sentence)].tokens;
          if (Lower(mm.text).find(t.lower) != std::string::npos ||
              (mm.first > 0 && at[static_cast<size_t>(mm.first - 1)].lower == t.lower))
            kind = static_cast<int>(m);
        }
        int found = kind;
        if (found >= 0) {
          const Mention& ante = c.doc->mentions[static_cast<size_t>(found)];
          AddReference(c, s, i, i + 1, ante.entity, ante.type);
          continue;
        }
      }
    }
    if (kind_only) continue;
    // Common nouns name an actor of this article only: "la ville" of one story is not the
    // "ville" of another, so the key carries the article id.
    std::string key = t.lemma;
    // English names it as the text first writes it ("bridges", not "bridge").
    std::string name = c.lex.lang != "fr" ? t.lower : t.lemma;
    EntityType type = group ? EntityType::kGroup : EntityType::kPlace;
    if (unnamed_role) type = EntityType::kPerson;
    if (end > i + 1 || begin < i) {
      std::string phrase;
      for (int k = begin; k < end; ++k) phrase += (k > begin ? " " : "") + toks[static_cast<size_t>(k)].lower;
      if (c.lex.In("not_actor_phrase", phrase)) continue;  // "les réseaux sociaux"
    }
    int first = begin;
    if (c.lex.lang != "fr" && begin < i) {
      // English: the group is named by its phrase ("tactical units"); an article before it
      // belongs to the mention.
      name = c.doc->article.text.substr(toks[static_cast<size_t>(begin)].begin, t.end - toks[static_cast<size_t>(begin)].begin);
      key = Fold(name);
      if (prev && c.lex.InLower("determiner", *prev) && !c.lex.InLower("quantifier", *prev)) first = begin - 1;
    } else if (begin < i || end > i + 1) {
      // The phrase is the mention ("équipe médicale", "agents d'entretien") and tells this
      // actor from others of the same noun; the noun as written is its name.
      for (int k = begin; k < end; ++k) {
        int o = c.taken[static_cast<size_t>(k)];
        if (o >= 0) c.doc->mentions[static_cast<size_t>(o)].entity = -1;
        c.taken[static_cast<size_t>(k)] = -1;
      }
      key = Lower(c.doc->article.text.substr(toks[static_cast<size_t>(begin)].begin,
                                             toks[static_cast<size_t>(end - 1)].end - toks[static_cast<size_t>(begin)].begin));
      name = t.lower;
    }
    int ent = c.table.Keyed("generic:" + c.doc->article.id + ":" + key, name, type);
    if (nationality >= 0 && c.doc->entities[static_cast<size_t>(ent)].country.empty())
      c.doc->entities[static_cast<size_t>(ent)].country =
          c.res.gazetteer.entries()[static_cast<size_t>(nationality)].country;
    int m = AddMention(c, s, first, end, ent, type);
    c.doc->mentions[static_cast<size_t>(m)].named = false;
    c.doc->mentions[static_cast<size_t>(m)].plural = t.lower.back() == 's' || t.lower.back() == 'x';
    if (end > i + 1) {
      i = end - 1;
      continue;
    }
    // "les forces de l'ordre", "les agents de sécurité": the complement belongs to the noun.
    int k = i + 1;
    if (k < n && (toks[static_cast<size_t>(k)].lower == "de" || toks[static_cast<size_t>(k)].lower == "d'")) {
      ++k;
      if (k < n && toks[static_cast<size_t>(k)].lower == "l'") ++k;
      if (k < n && c.lex.InLower("group_complement", toks[static_cast<size_t>(k)]) &&
          c.taken[static_cast<size_t>(k)] < 0) {
        Mention& gm = c.doc->mentions[static_cast<size_t>(m)];
        gm.long_text = c.doc->article.text.substr(gm.begin, toks[static_cast<size_t>(k)].end - gm.begin);
      }
    }
  }
}

bool Titled(const Ctx& c, const Tokens& toks, int i) {
  if (i <= 0) return false;
  const Token& p = toks[static_cast<size_t>(i - 1)];
  if (c.lex.InLower("person_title", p) || c.lex.InLower("title", p)) return true;
  if (p.text == "." && i >= 2) {
    const std::string& q = toks[static_cast<size_t>(i - 2)].lower;
    return c.lex.In("person_title", q) || c.lex.In("title", q);
  }
  return false;
}

bool AllCaps(const Token& t) {
  int letters = 0;
  for (char ch : t.text) {
    if (std::islower(static_cast<unsigned char>(ch))) return false;
    if (std::isupper(static_cast<unsigned char>(ch))) ++letters;
  }
  return letters >= 2;
}

// "ISIL-held", "Russian-backed": a hyphenated participle is an adjective, never a name; the
// part before it names who holds (or backs) what the phrase names.
bool HeldCompound(const Lexicon& lex, const Token& t, std::string* holder) {
  size_t dash = t.text.rfind('-');
  if (!t.is_word || dash == std::string::npos || dash == 0 || dash + 1 >= t.text.size()) return false;
  if (!lex.In("held_participle", Lower(std::string_view(t.text).substr(dash + 1)))) return false;
  if (holder) *holder = t.text.substr(0, dash);
  return true;
}

// English offices named without a name: "the Foreign Secretary", "the Iraqi Foreign
// Minister", "the Minister for the Middle East". The mention is the whole phrase, an unnamed
// person of this article.
void RoleNounPhrases(Ctx& c, int s) {
  if (c.lex.lang == "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  auto role_at = [&](int k) {
    const Token& t = toks[static_cast<size_t>(k)];
    return c.lex.InLemma("role", t) || c.lex.InLower("role", t);
  };
  for (int i = 0; i < n; ++i) {
    if (!role_at(i) || c.taken[static_cast<size_t>(i)] >= 0 || c.role_used.count(i)) continue;
    // The head is the last role word of a run ("Defence Secretary", "Prime Minister").
    int head = i;
    while (head + 1 < n && c.taken[static_cast<size_t>(head + 1)] < 0 && role_at(head + 1)) ++head;
    // Left: owner and portfolio words, back to a determiner, which must be there.
    int b = i;
    while (b > 0) {
      const Token& p = toks[static_cast<size_t>(b - 1)];
      int pm = c.taken[static_cast<size_t>(b - 1)];
      bool part = c.demonym_at[static_cast<size_t>(b - 1)] >= 0 || c.lex.InLower("role_complement", p) ||
                  (pm >= 0 && c.doc->mentions[static_cast<size_t>(pm)].type != EntityType::kPerson &&
                   c.doc->mentions[static_cast<size_t>(pm)].last == b) ||
                  (p.is_word && p.upper_initial && pm < 0 && !c.lex.InLower("determiner", p));
      if (!part || !p.is_word || b - 1 < i - 4) break;
      --b;
    }
    if (b == 0 || !c.lex.InLower("determiner", toks[static_cast<size_t>(b - 1)])) {
      i = head;
      continue;
    }
    // A name right after the role is RolePass's business ("the minister, Tobias Ellwood").
    int e = head + 1;
    if (e < n && (toks[static_cast<size_t>(e)].text == "," || (toks[static_cast<size_t>(e)].upper_initial &&
                                                              c.taken[static_cast<size_t>(e)] < 0))) {
      if (e < n && toks[static_cast<size_t>(e)].text != ",") {
        i = head;
        continue;
      }
    }
    // Right: "for the Middle East", "of Foreign Affairs of Iraq".
    while (e + 1 < n && (toks[static_cast<size_t>(e)].lower == "of" || toks[static_cast<size_t>(e)].lower == "for")) {
      int k = e + 1;
      if (k < n && toks[static_cast<size_t>(k)].lower == "the") ++k;
      int end = k;
      while (end < n && end < k + 4 && toks[static_cast<size_t>(end)].is_word &&
             (toks[static_cast<size_t>(end)].upper_initial || c.taken[static_cast<size_t>(end)] >= 0))
        ++end;
      if (end == k) break;
      e = end;
    }
    const int first = b - 1;
    std::string phrase = c.doc->article.text.substr(toks[static_cast<size_t>(b)].begin,
                                                    toks[static_cast<size_t>(e - 1)].end - toks[static_cast<size_t>(b)].begin);
    int ent = c.table.Keyed("generic:" + c.doc->article.id + ":" + Fold(phrase), phrase, EntityType::kPerson);
    int m = AddMention(c, s, first, e, ent, EntityType::kPerson);
    c.doc->mentions[static_cast<size_t>(m)].named = false;
    c.role_used.insert(head);
    i = e - 1;
  }
}

// Surnames and short forms of persons named earlier: "Carter" after "Ashton Carter".
void ShortFormPass(Ctx& c, int s) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  int n = static_cast<int>(toks.size());
  RefreshNames(c);
  const std::unordered_map<std::string, int>& surnames = c.surnames;
  const std::unordered_map<std::string, int>& given = c.given;
  if (surnames.empty()) return;
  for (int i = 0; i < n; ++i) {
    const Token& t = toks[static_cast<size_t>(i)];
    if (c.taken[static_cast<size_t>(i)] >= 0 || !t.upper_initial || !IsLetterToken(t)) continue;
    const std::string& folded = c.folded[static_cast<size_t>(i)];
    auto it = surnames.find(folded);
    if (it != surnames.end()) {
      // "Christiane Taubira" again: the given name before the surname is part of the mention.
      int from = i;
      if (i > 0 && c.taken[static_cast<size_t>(i - 1)] < 0 && toks[static_cast<size_t>(i - 1)].upper_initial) {
        auto g = given.find(c.folded[static_cast<size_t>(i - 1)]);
        if (g != given.end() && g->second == it->second) from = i - 1;
      }
      AddMention(c, s, from, i + 1, it->second, EntityType::kPerson);
      continue;
    }
    // "Monsieur Bacem" after "Bacem Di Franco".
    auto g = given.find(folded);
    if (g != given.end() && Titled(c, toks, i)) AddMention(c, s, i, i + 1, g->second, EntityType::kPerson);
  }
}


// "Adam Yates et Daniel Martin", "Lyon and Marseille": a coordinator between capitalised
// words joins two names, unless the words before it already make an organisation's name
// ("Parti communiste et républicain", "Bureau of Democracy and Human Rights").
bool CoordinatesTwoNames(const Ctx& c, const Tokens& toks, int from, int at) {
  if (!c.lex.InLower("coordinator", toks[static_cast<size_t>(at)])) return false;
  for (int k = from; k < at; ++k)
    if (c.lex.InLower("org_word", toks[static_cast<size_t>(k)])) return false;
  return true;
}

// A French noun of nationality by its ending: Suissesse, Indonésienne, Japonaise, Danoise,
// Américain, Marocaine.
bool NationalityNoun(const Token& t) {
  if (!t.upper_initial) return false;
  static const char* const kEndings[] = {"esse", "ienne", "ien", "aise", "ais", "oise", "ois", "aine", "ain", "ine"};
  for (const char* e : kEndings) {
    size_t len = std::strlen(e);
    if (t.lower.size() > len + 2 && t.lower.compare(t.lower.size() - len, len, e) == 0) return true;
  }
  return false;
}

// A French adjective after an organisation's head: a demonym, or a word with an adjective
// ending ("internationale", "royal", "météorologique", "ferroviaire", "fédérale").
bool OrgAdjective(const Ctx& c, const Tokens& toks, int k) {
  const Token& t = toks[static_cast<size_t>(k)];
  if (!IsLetterToken(t) || t.upper_initial || c.taken[static_cast<size_t>(k)] >= 0) return false;
  if (c.demonym_at[static_cast<size_t>(k)] >= 0) return true;
  if (c.lex.InLower("determiner", t) || c.lex.InLower("preposition", t) || c.lex.InLower("not_name", t))
    return false;
  static const char* const kEndings[] = {"al", "ale", "aux", "ales", "ique", "iques", "ien", "ienne", "aire", "aires",
                                         "el", "elle", "if", "ive", "ain", "aine", "ais", "aise", "ier", "ière", "iste", "istes"};
  for (const char* e : kEndings) {
    size_t len = std::strlen(e);
    if (t.lower.size() > len + 2 && t.lower.compare(t.lower.size() - len, len, e) == 0) return true;
  }
  return false;
}

// French names organisations by a capitalised head, adjectives and complements in lower
// case: "Union internationale de patinage", "Conseil national de la sécurité des
// transports", "Institut royal météorologique de Belgique". When the run of capitalised
// words [i, j) opens on such a head, returns the end of the whole phrase; else j.
int OrgPhraseEnd(const Ctx& c, const Tokens& toks, int i, int j) {
  const int n = static_cast<int>(toks.size());
  if (!c.lex.InLower("org_name_head", toks[static_cast<size_t>(i)])) return j;
  int end = j;
  int k = j;
  while (k < n && OrgAdjective(c, toks, k)) end = ++k;
  for (int complements = 0; complements < 3 && k < n; ++complements) {
    int at = k;
    // "du commerce et de la distribution": a second complement joined by "et".
    if (complements > 0 && toks[static_cast<size_t>(at)].lower == "et" && at + 1 < n &&
        c.lex.InLower("org_complement_prep", toks[static_cast<size_t>(at + 1)]))
      ++at;
    if (!c.lex.InLower("org_complement_prep", toks[static_cast<size_t>(at)])) break;
    ++at;
    if (at < n && (toks[static_cast<size_t>(at)].lower == "la" || toks[static_cast<size_t>(at)].lower == "l'")) ++at;
    if (at >= n) break;
    const Token& w = toks[static_cast<size_t>(at)];
    if (c.taken[static_cast<size_t>(at)] >= 0) {
      // A place or organisation already found: "Institut ... de Belgique".
      const Mention& m = c.doc->mentions[static_cast<size_t>(c.taken[static_cast<size_t>(at)])];
      if (m.type == EntityType::kPerson || m.first != at) break;
      k = m.last;
    } else if (w.upper_initial && IsLetterToken(w)) {
      if (c.lex.InLower("first_name", w)) break;  // "Parti socialiste de François Hollande"
      k = NameRun(c.lex, toks, at, n);
      if (k == at) break;
    } else if (IsLetterToken(w) && w.lower.size() > 2 && !c.lex.InLower("determiner", w) &&
               !c.lex.InLower("preposition", w) && !c.lex.InLower("not_name", w) &&
               !c.lex.InLower("month", w)) {
      k = at + 1;
    } else {
      break;
    }
    while (k < n && OrgAdjective(c, toks, k)) ++k;
    end = k;
  }
  return end;
}

// A capitalised word at the start of a sentence that is a common word, not a name. In
// French the analysis reads the dictionary's names ("Pierre", "Laurent" are first names as
// well as words); English proper-noun tags also cover titles and words of names ("Staff
// Sgt.", "Army"), so there the word list decides.
// English: a name that goes on a list after a place is a place too ("in Hama, Kafr Zita and
// Latamneh"): the name [b, j) after a comma or a coordinator that follows a place's name,
// with the list going on after it or ending with it.
bool ListedAfterPlace(const Ctx& c, const Tokens& toks, int b, int j) {
  const int n = static_cast<int>(toks.size());
  if (b < 2 || c.lex.InLower("first_name", toks[static_cast<size_t>(b)])) return false;
  const std::string& link = toks[static_cast<size_t>(b - 1)].lower;
  // "towns in the north including Rabiyah", "cities such as Homs": examples of places.
  const bool such_as = link == "as" && toks[static_cast<size_t>(b - 2)].lower == "such";
  if (link == "including" || link == "like" || such_as) {
    for (int k = b - (such_as ? 3 : 2); k >= 0 && k >= b - 7; --k) {
      const Token& t = toks[static_cast<size_t>(k)];
      if (t.text == "." || t.text == ";") break;
      if (!t.upper_initial && t.lower.size() > 3 && t.lower.back() == 's' &&
          (c.lex.InLower("place_noun", t) || c.lex.InLemma("place_noun", t)))
        return true;
    }
    return false;
  }
  const bool comma = link == ",";
  if (!comma && link != "and" && link != "or") return false;
  const int before = c.taken[static_cast<size_t>(b - 2)];
  if (before < 0) return false;
  const Mention& m = c.doc->mentions[static_cast<size_t>(before)];
  if (!m.named || m.pronoun || m.type != EntityType::kPlace || m.last != b - 1) return false;
  if (!comma) return true;
  // After a comma the list must go on: "In Aleppo, Smith said" names no place.
  if (j >= n) return false;
  const std::string& next = toks[static_cast<size_t>(j)].lower;
  return next == "," || next == "and" || next == "or";
}

bool CommonWordAtStart(Ctx& c, const Token& t) {
  if (c.lex.lang == "fr" && t.pos != Pos::kX) return t.pos != Pos::kPropn;
  return c.morph->IsCommonWord(t.lower, c.lex.lang);
}

// Names no list knows: runs of capitalised words ("Oliphie Trameur", "Parc de la
// Fontaine", "Mouvement de Lutte pour les Autochtones"), typed by their words and context.
void NamePass(Ctx& c, int s) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  auto capital = [&](int k) {
    const Token& t = toks[static_cast<size_t>(k)];
    return (t.upper_initial || (k > 0 && ArticledName(t))) && IsLetterToken(t) && c.taken[static_cast<size_t>(k)] < 0 &&
           !c.title_words.count(k) && (c.lex.lang == "fr" || !HeldCompound(c.lex, t, nullptr)) &&
           c.demonym_at[static_cast<size_t>(k)] < 0 && !c.lex.InLower("month", t);
  };
  for (int i = 0; i < n; ++i) {
    // "ministère de l'Intérieur": a lower-case organisation head before a capitalised name.
    bool lower_head = !capital(i) && c.taken[static_cast<size_t>(i)] < 0 &&
                      c.lex.InLower("org_head", toks[static_cast<size_t>(i)]);
    if (lower_head) {
      int k = i + 1;
      while (k < n && k - i <= 2 && c.lex.InLower("name_joiner", toks[static_cast<size_t>(k)])) ++k;
      // French also names a body by its kind and a name right after it: "la compagnie
      // Germanwings", "l'université Harvard" (a name no dictionary knows as a word).
      const bool apposed = c.lex.lang == "fr" && k == i + 1 && k < n && capital(k) && i > 0 &&
                           c.lex.InLower("org_apposed_head", toks[static_cast<size_t>(i)]) &&
                           c.lex.InLower("determiner", toks[static_cast<size_t>(i - 1)]) &&
                           (!c.morph->IsCommonWord(toks[static_cast<size_t>(k)].lower, "fr") ||
                            c.lex.InLower("org_kind_apposed", toks[static_cast<size_t>(i)])) &&
                           !c.lex.InLower("first_name", toks[static_cast<size_t>(k)]);
      if ((k == i + 1 && !apposed) || k >= n || !capital(k)) continue;
    } else if (!capital(i)) {
      continue;
    }
    const Token& first = toks[static_cast<size_t>(i)];
    if (c.lex.InLower("person_title", first) || c.lex.InLower("title", first) ||
        c.lex.InLemma("role", first) || c.lex.InLower("role", first))
      continue;
    bool titled = Titled(c, toks, i);
    auto span_words_of = [&](int from, int to) {
      int w = 0;
      for (int k = from; k < to; ++k) w += capital(k) ? 1 : 0;
      return w;
    };
    int j = lower_head ? i + 1 : i;
    int words = lower_head ? 1 : 0;
    while (j < n) {
      if (capital(j)) {
        ++j;
        ++words;
        // An initial: "Isiah L. Booker".
        if (toks[static_cast<size_t>(j - 1)].text.size() == 1 && j + 1 < n &&
            toks[static_cast<size_t>(j)].text == "." && capital(j + 1))
          ++j;
        continue;
      }
      int k = j;
      while (k < n && k - j < 2 && c.lex.InLower("name_joiner", toks[static_cast<size_t>(k)])) ++k;
      if (k > j && k < n && capital(k) && CoordinatesTwoNames(c, toks, i, j)) break;
      if (k > j && k < n && capital(k)) {
        j = k;
        continue;
      }
      break;
    }
    if (c.lex.lang == "fr" && !lower_head) j = OrgPhraseEnd(c, toks, i, j);
    // "the 507th Maintenance Group Commander": an English office after a name is not part of it.
    if (c.lex.lang != "fr" && j - i >= 2 &&
        (c.lex.InLower("role", toks[static_cast<size_t>(j - 1)]) || c.lex.InLemma("role", toks[static_cast<size_t>(j - 1)])))
      --j;
    // "Rota naval base", "Qayyarah airfield": English puts the kind of place after the name.
    bool place_tail = false;
    if (c.lex.lang != "fr") {
      for (int k = j; k < std::min(n, j + 3); ++k) {
        const Token& t = toks[static_cast<size_t>(k)];
        if (!t.is_word || t.upper_initial || c.taken[static_cast<size_t>(k)] >= 0) break;
        if (c.lex.InLower("place_noun", t) || c.lex.InLemma("place_noun", t)) {
          j = k + 1;
          place_tail = true;
          break;
        }
      }
    }
    // "the Al Bu Nimr tribe": a name before a kin group's noun names that group.
    bool group_tail = false;
    if (c.lex.lang != "fr" && !place_tail && j < n && c.taken[static_cast<size_t>(j)] < 0 &&
        !toks[static_cast<size_t>(j)].upper_initial && c.lex.In("kin_group", toks[static_cast<size_t>(j)].lower)) {
      ++j;
      group_tail = true;
    }
    int b = i;
    // A sentence-initial capital on a common word is just the start of the sentence.
    bool initial = i == 0 || !toks[static_cast<size_t>(i - 1)].is_word;
    // A quote opened inside the sentence (par le "Mouvement de ...") starts no sentence.
    if (initial && i >= 2 && QuoteToken(toks[static_cast<size_t>(i - 1)]) && toks[static_cast<size_t>(i - 2)].is_word)
      initial = false;
    if (initial && !titled && !(words >= 2 && c.lex.InLower("first_name", first)) &&
        CommonWordAtStart(c, first)) {
      if (words == 1) continue;
      ++b;
      while (b < j && !capital(b)) ++b;
      if (b >= j) continue;
    }
    // "la Suissesse Daniela Ryf", "l'Indonésienne Agustiani": a nationality noun before a
    // first name is not part of the name.
    if (b > 0 && b + 1 < j && c.lex.InLower("determiner", toks[static_cast<size_t>(b - 1)]) &&
        (c.lex.InLower("first_name", toks[static_cast<size_t>(b + 1)]) || span_words_of(b + 1, j) >= 2) &&
        NationalityNoun(toks[static_cast<size_t>(b)]))
      ++b;
    // "la ministre des Sports Roxana Maracineanu": a portfolio ends where a first name opens
    // the minister's name.
    if (c.lex.lang == "fr" && b >= 2) {
      int p = b - 1;
      if (p > 0 && (toks[static_cast<size_t>(p)].lower == "la" || toks[static_cast<size_t>(p)].lower == "l'")) --p;
      const std::string& prep = toks[static_cast<size_t>(p)].lower;
      if (p > 0 && (prep == "de" || prep == "d'" || prep == "du" || prep == "des") &&
          c.lex.InLower("portfolio_head", toks[static_cast<size_t>(p - 1)])) {
        for (int k = b + 1; k < j; ++k) {
          if (c.lex.InLower("first_name", toks[static_cast<size_t>(k)])) {
            j = k;
            break;
          }
        }
      }
    }
    // "l'entreprise Gucci", "la compagnie Germanwings": a kind set before a company's name
    // is no part of it (unlike "l'université Harvard"); the name is an organisation.
    bool kind_before = false;
    if (lower_head && b == i && c.lex.InLower("org_kind_apposed", toks[static_cast<size_t>(i)]) && capital(i + 1)) {
      kind_before = true;
      ++b;
    }
    bool skip = false, org = kind_before, place = false;
    for (int k = b; k < j; ++k) {
      const Token& t = toks[static_cast<size_t>(k)];
      skip = skip || c.lex.InLower("not_actor_word", t);
      org = org || c.lex.InLower("org_word", t) || (k == b && (lower_head || c.lex.InLower("org_name_head", t))) ||
            (k == b && k + 1 < j && c.lex.lang == "fr" && c.lex.InLower("foreign_article", t));
      place = place || c.lex.InLower("place_word", t) || (k == b && c.lex.lang == "fr" && c.lex.InLower("street_kind", t));
    }
    // A lone generic word ("Conseil", "Banque") is part of a name the text did not finish;
    // in English an ordinal before a unit's word finishes it ("2nd Battalion", "5th Fleet").
    const bool numbered_unit = c.lex.lang != "fr" && b > 0 && c.taken[static_cast<size_t>(b - 1)] < 0 &&
                               IsOrdinal(toks[static_cast<size_t>(b - 1)]);
    if (span_words_of(b, j) == 1 && !lower_head && !numbered_unit) {
      const Token& only = toks[static_cast<size_t>(b)];
      bool acronym = AllCaps(only) && !c.lex.InLower("not_an_org_acronym", only);
      if (j == b + 1 && ((c.lex.InLower("org_word", only) && !acronym) || c.lex.InLower("org_name_head", only)))
        skip = true;
    }
    if (skip) {
      i = j - 1;
      continue;
    }
    bool locative = b > 0 && c.lex.InLower("locative", toks[static_cast<size_t>(b - 1)]);
    int span_words = 0;
    for (int k = b; k < j; ++k) span_words += capital(k) ? 1 : 0;
    EntityType type = EntityType::kUnknown;
    if (place_tail) {
      type = EntityType::kPlace;
    } else if (group_tail) {
      type = EntityType::kGroup;
    } else if (org) {
      type = EntityType::kOrg;
    } else if (place) {
      type = EntityType::kPlace;
    } else if (titled) {  // not a lone first name: often half of "Jonathan et Alistair Brownlee"
      type = EntityType::kPerson;
    } else if (span_words == 1 && AllCaps(toks[static_cast<size_t>(b)]) &&
               !(b > 0 && c.lex.InLower("vehicle_noun", toks[static_cast<size_t>(b - 1)]))) {
      // (A code after a vehicle noun names the vehicle: "l'avion NY8", "le vol AF447".)
      if (c.lex.InLower("not_an_org_acronym", toks[static_cast<size_t>(b)])) {
        i = j - 1;
        continue;
      }
      type = EntityType::kOrg;
    } else if (locative || (c.lex.lang != "fr" && span_words <= 2 && ListedAfterPlace(c, toks, b, j))) {
      type = EntityType::kPlace;
    } else if (c.lex.lang == "fr" && span_words == 1 && b > 0 && c.lex.InLower("place_genitive", toks[static_cast<size_t>(b - 1)]) &&
               !NationalityNoun(toks[static_cast<size_t>(b)]) && !c.morph->IsCommonWord(toks[static_cast<size_t>(b)].lower, "fr")) {
      // "la forêt de Corsuet", "les hôpitaux de Die", "entre Granville et Angers": a word no
      // dictionary knows after "de" or "entre" is most often a place.
      type = EntityType::kPlace;
    } else if (span_words >= 2 && c.lex.lang != "fr" && c.lex.In("compass", toks[static_cast<size_t>(b)].lower)) {
      type = EntityType::kPlace;  // "East Mosul", "North Waziristan"
    } else if (span_words >= 2) {
      // A code is no part of a person's name ("KC-135R Stratotanker").
      bool code = false;
      for (int k = b; k < j; ++k)
        code = code || std::any_of(toks[static_cast<size_t>(k)].text.begin(), toks[static_cast<size_t>(k)].text.end(),
                                   [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
      if (!code) type = EntityType::kPerson;
    }
    if (type == EntityType::kUnknown) {
      i = j - 1;
      continue;
    }
    // English unit names carry their number: "the 158th Fighter Wing", "CTF 50".
    if (c.lex.lang != "fr" && type == EntityType::kOrg) {
      if (b > 0 && c.taken[static_cast<size_t>(b - 1)] < 0 && IsOrdinal(toks[static_cast<size_t>(b - 1)])) --b;
      // "the Syrian Arab Coalition", "the Turkish Red Crescent": a demonym before a name of
      // two words or more opens it (a state's own bodies the gazetteer knows are read before).
      if (b > 0 && span_words >= 2 && c.taken[static_cast<size_t>(b - 1)] < 0 &&
          c.demonym_at[static_cast<size_t>(b - 1)] >= 0 && toks[static_cast<size_t>(b - 1)].upper_initial)
        --b;
      const Token* num = j < n ? &toks[static_cast<size_t>(j)] : nullptr;
      if (num && c.taken[static_cast<size_t>(j)] < 0 && num->is_word && num->text.size() <= 3 &&
          std::all_of(num->text.begin(), num->text.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))
        ++j;
    }
    std::string name = c.doc->article.text.substr(toks[static_cast<size_t>(b)].begin,
                                                  toks[static_cast<size_t>(j - 1)].end -
                                                      toks[static_cast<size_t>(b)].begin);
    const char* prefix = type == EntityType::kPerson ? "person"
                         : type == EntityType::kOrg  ? "org"
                         : type == EntityType::kGroup ? "group"
                                                      : "place";
    // "le diocèse de Hearst", "l'université d'Uttaranchal": the one word after "de" that
    // ends a French organisation's name is the place it is named after, a name of its own
    // inside the organisation's.
    const bool named_after = c.lex.lang == "fr" && type == EntityType::kOrg && j - b >= 3 &&
                             c.lex.InLower("place_genitive", toks[static_cast<size_t>(j - 2)]) && capital(j - 1) &&
                             !c.morph->IsCommonWord(toks[static_cast<size_t>(j - 1)].lower, "fr") &&
                             !c.lex.InLower("org_word", toks[static_cast<size_t>(j - 1)]);
    // A one-word organisation the list knows that is also a common word ("Libération", a
    // daily) is only a word of the longer name around it: "Front de Libération du Nord".
    if (type == EntityType::kOrg) {
      for (int k = b; k < j; ++k) {
        int o = c.taken[static_cast<size_t>(k)];
        if (o < 0) continue;
        Mention& inner = c.doc->mentions[static_cast<size_t>(o)];
        if (inner.type == EntityType::kOrg && inner.last - inner.first == 1 && inner.first > b &&
            c.morph->IsCommonWord(toks[static_cast<size_t>(k)].lower, c.lex.lang))
          inner.entity = -1;
      }
    }
    int whole = AddMention(c, s, b, j, c.table.Local(prefix, name, type, ""), type);
    if (named_after) {
      const Token& p = toks[static_cast<size_t>(j - 1)];
      AddMention(c, s, j - 1, j, c.table.Local("place", p.text, EntityType::kPlace, ""), EntityType::kPlace);
      for (int k = b; k < j; ++k) c.taken[static_cast<size_t>(k)] = whole;
    }
    i = j - 1;
  }
}

// English "the terrorist group", "the jihadist organisation", "this militant group": a
// definite description of an armed group points back to the last armed group named before.
void GroupAnaphorPass(Ctx& c, int s) {
  if (c.lex.lang == "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  for (int i = 2; i < n; ++i) {
    if (c.taken[static_cast<size_t>(i)] >= 0 || !c.lex.InLower("organisation_noun", toks[static_cast<size_t>(i)])) continue;
    // "the group of states", "the group Ahrar al-Sham": the words after say which.
    if (i + 1 < n && (toks[static_cast<size_t>(i + 1)].lower == "of" ||
                      (toks[static_cast<size_t>(i + 1)].is_word && toks[static_cast<size_t>(i + 1)].upper_initial)))
      continue;
    int b = i - 1;
    while (b >= 0 && c.taken[static_cast<size_t>(b)] < 0 && c.lex.InLower("armed_group_adjective", toks[static_cast<size_t>(b)])) --b;
    if (b == i - 1 || b < 0 || c.taken[static_cast<size_t>(b)] >= 0 ||
        !c.lex.InLower("definite_anaphor", toks[static_cast<size_t>(b)]))
      continue;
    const Mention* found = nullptr;
    for (const Mention& m : c.doc->mentions) {
      if (m.entity < 0 || m.pronoun || !m.named || m.type != EntityType::kArmedGroup) continue;
      if (m.sentence > s || (m.sentence == s && m.first >= b)) continue;
      if (!found || m.sentence > found->sentence || (m.sentence == found->sentence && m.first > found->first)) found = &m;
    }
    if (!found) continue;
    AddReference(c, s, b, i + 1, found->entity, EntityType::kArmedGroup);
  }
}

// French writes a ministry's portfolio with a capital after the minister or the ministry:
// "le ministre de l'Intérieur", "la ministre des Transports", "le ministère de la Justice".
// The capitalised words name the ministry (an organisation); inside a wider mention (the
// minister's) they change nothing for relations, the widest mention being the actor.
void PortfolioPass(Ctx& c, int s) {
  if (c.lex.lang != "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  for (int i = 0; i + 2 < n; ++i) {
    if (!c.lex.InLower("portfolio_head", toks[static_cast<size_t>(i)])) continue;
    int at = i + 1;
    const std::string& prep = toks[static_cast<size_t>(at)].lower;
    if (prep != "de" && prep != "d'" && prep != "du" && prep != "des") continue;
    ++at;
    if (at < n && (prep == "de" || prep == "d'") &&
        (toks[static_cast<size_t>(at)].lower == "la" || toks[static_cast<size_t>(at)].lower == "l'"))
      ++at;
    if (at >= n) continue;
    const Token& w = toks[static_cast<size_t>(at)];
    if (!w.upper_initial || !IsLetterToken(w) || c.lex.InLower("first_name", w)) continue;
    int m = c.taken[static_cast<size_t>(at)];
    // A name of its own ("ministre de la France") is no portfolio.
    if (m >= 0 && c.doc->mentions[static_cast<size_t>(m)].first == at) continue;
    // The ministry named whole already ("le ministère de la Justice").
    if (m >= 0 && c.doc->mentions[static_cast<size_t>(m)].first <= i &&
        c.doc->mentions[static_cast<size_t>(m)].type == EntityType::kOrg)
      continue;
    int end = at + 1;
    while (end < n && OrgAdjective(c, toks, end)) ++end;  // "des Finances françaises"
    std::string tail = c.doc->article.text.substr(toks[static_cast<size_t>(i + 1)].begin,
                                                  toks[static_cast<size_t>(end - 1)].end -
                                                      toks[static_cast<size_t>(i + 1)].begin);
    std::vector<int> before(c.taken.begin() + at, c.taken.begin() + end);
    AddMention(c, s, at, end, c.table.Local("org", "ministère " + tail, EntityType::kOrg, ""), EntityType::kOrg);
    for (int k = at; k < end; ++k) c.taken[static_cast<size_t>(k)] = before[static_cast<size_t>(k - at)];
    i = end - 1;
  }
}

// The actor the first half of an English compound names: "US" in "US-led", "Turkish" in
// "Turkish-backed" (a demonym stands for its state); -1 when the gazetteer knows none.
int CompoundActor(Ctx& c, const std::string& part, bool upper_initial) {
  const std::vector<FormHit>* hits = c.res.gazetteer.Lookup(Fold(part));
  if (!hits) return -1;
  Token t;
  t.text = part;
  t.upper_initial = upper_initial;
  for (const FormHit& fh : *hits) {
    const GazetteerEntry& e = c.res.gazetteer.entries()[static_cast<size_t>(fh.entry)];
    if (e.type == EntityType::kPlace) continue;
    if (fh.kind == FormKind::kDemonym || CaseCompatible(&t, fh.form, 1)) return c.table.FromGazetteer(e);
  }
  return -1;
}

// "a US-led coalition", "Turkish-backed Syrian rebels", "Iranian-trained militias": the first
// half of the compound leads, backs or arms the actor the phrase names (classes led_participle,
// backed_participle, armed_participle).
void BackerCompounds(Ctx& c, int s) {
  if (c.lex.lang == "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  for (size_t mi = c.first_mention[static_cast<size_t>(s)]; mi < c.doc->mentions.size(); ++mi) {
    const Mention m = c.doc->mentions[mi];
    if (m.sentence != s || m.entity < 0 || m.pronoun || m.type == EntityType::kPlace) continue;
    // The compound opens the mention or stands right before it ("Turkish-backed Syrian rebels").
    for (int k = std::max(0, m.first - 1); k < std::min(m.last, m.first + 3); ++k) {
      if (k < m.first && c.taken[static_cast<size_t>(k)] >= 0) continue;
      const Token& t = toks[static_cast<size_t>(k)];
      size_t dash = t.text.rfind('-');
      if (!t.is_word || dash == std::string::npos || dash == 0 || dash + 1 >= t.text.size()) continue;
      std::string tail = Lower(std::string_view(t.text).substr(dash + 1));
      RelationType rel;
      if (c.lex.In("led_participle", tail)) {
        rel = RelationType::kLeads;
      } else if (c.lex.In("backed_participle", tail)) {
        rel = RelationType::kSupport;
      } else if (c.lex.In("armed_participle", tail)) {
        rel = RelationType::kAid;
      } else {
        continue;
      }
      std::string part = t.text.substr(0, dash);
      int actor = CompoundActor(c, part, t.upper_initial);
      if (actor < 0 || actor == m.entity) break;
      if (k < m.first) {  // the compound is part of how the text names the actor
        Mention& mm = c.doc->mentions[mi];
        mm.first = k;
        c.taken[static_cast<size_t>(k)] = static_cast<int>(mi);
        mm.long_text = c.doc->article.text.substr(t.begin, mm.end - t.begin);
      }
      const Mention& named = c.doc->mentions[mi];
      Triple tr;
      tr.subject = actor;
      tr.object = m.entity;
      tr.relation = rel;
      tr.cameo = std::string(Relation(rel).cameo);
      tr.sentence = s;
      tr.begin = c.doc->sentences[static_cast<size_t>(s)].begin;
      tr.end = c.doc->sentences[static_cast<size_t>(s)].end;
      tr.subject_mention = part;
      tr.object_mention = named.long_text.empty() ? named.text : named.long_text;
      tr.trigger = t.text;
      tr.confidence = 0.7f;
      c.doc->triples.push_back(std::move(tr));
      break;
    }
  }
}

// English writes a military unit with the units it belongs to after commas, smallest first:
// "Abel Battery, 3rd Battalion, 321st Field Artillery Regiment", "2nd Battalion, 5th Special
// Forces Group". Each unit is PART_OF the next (class `unit_word` for the units' last words).
void UnitChains(Ctx& c, int s) {
  if (c.lex.lang == "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  auto unit = [&](int mi) {
    const Mention& m = c.doc->mentions[static_cast<size_t>(mi)];
    return m.named && !m.pronoun && m.entity >= 0 && m.type == EntityType::kOrg &&
           c.lex.InLower("unit_word", toks[static_cast<size_t>(m.last - 1)]);
  };
  for (int k = 1; k + 1 < n; ++k) {
    if (toks[static_cast<size_t>(k)].text != ",") continue;
    const int a = c.taken[static_cast<size_t>(k - 1)], b = c.taken[static_cast<size_t>(k + 1)];
    if (a < 0 || b < 0 || a == b || !unit(a) || !unit(b)) continue;
    const Mention& am = c.doc->mentions[static_cast<size_t>(a)];
    const Mention& bm = c.doc->mentions[static_cast<size_t>(b)];
    if (am.last != k || bm.first != k + 1 || am.entity == bm.entity) continue;
    // "the 1st Battalion, the 2nd Battalion and ...": units listed side by side.
    const int after = bm.last;
    if (after < n && (toks[static_cast<size_t>(after)].lower == "and" || toks[static_cast<size_t>(after)].lower == "or"))
      continue;
    AddCommaTriple(c, s, RelationType::kPartOf, am.entity, am.long_text.empty() ? am.text : am.long_text, bm);
  }
}

// An English word that counts or sorts what a noun phrase names: "two", "40,000",
// "Ninety-Four", "all", "other" (class `count_word`); not a year.
bool CountWord(const Lexicon& lex, const Token& t) {
  if (!t.is_word) return false;
  if (std::isdigit(static_cast<unsigned char>(t.text[0]))) {
    // "in 2016 ISIL fighters": a year is no count.
    const bool year = t.text.size() == 4 && t.text.find_first_not_of("0123456789") == std::string::npos &&
                      (t.text[0] == '1' || t.text[0] == '2');
    return !year && t.text.find_first_not_of("0123456789,.") == std::string::npos;
  }
  if (lex.InLower("number_word", t) || lex.InLower("count_word", t)) return true;
  // "Ninety-Four", "twenty-one".
  const size_t dash = t.lower.find('-');
  return dash != std::string::npos && lex.In("number_word", t.lower.substr(0, dash)) &&
         lex.In("number_word", t.lower.substr(dash + 1));
}

// English places named by a common noun phrase: "a VBIED storage facility", "two ISIL
// fighting positions", "ISIL-held buildings", "supply routes". The mention runs from an
// article (a/an/the ..., numbers left out) over the modifiers to the head; the entity is the
// phrase without article, number or owner ("fighting positions"), an actor of this article.
// An owner named before the modifiers ("ISIL fighting positions") or in an "X-held"
// compound controls the place.
void PlacePhrasePass(Ctx& c, int s) {
  if (c.lex.lang == "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  auto generic_at = [&](int k) {
    int o = c.taken[static_cast<size_t>(k)];
    return o >= 0 && !c.doc->mentions[static_cast<size_t>(o)].named &&
           c.doc->mentions[static_cast<size_t>(o)].first == k && c.doc->mentions[static_cast<size_t>(o)].last == k + 1;
  };
  auto modifier = [&](const Token& t) {
    if (!t.is_word || std::isdigit(static_cast<unsigned char>(t.text[0]))) return false;
    if (AllCaps(t)) return true;  // "a VBIED storage facility" (a name would be a mention by now)
    // The tagger's word: a verb other than a gerund ("fighting positions"), a function word.
    switch (t.pos) {
      case Pos::kVerb:
        if (t.verb_form != VerbForm::kGerund) return false;
        break;
      case Pos::kAux: case Pos::kAdp: case Pos::kDet: case Pos::kPron: case Pos::kCconj:
      case Pos::kSconj: case Pos::kNum: case Pos::kPart: case Pos::kPunct: case Pos::kAdv:
        return false;
      default:
        break;
    }
    if (t.upper_initial) return false;
    const std::string& w = t.lower;
    if (c.lex.InLower("determiner", t) || c.lex.InLower("quantifier", t) || c.lex.InLower("preposition", t) ||
        c.lex.InLower("clause_opener", t) || c.lex.InLower("relative", t) || c.lex.InLower("passive_aux", t) ||
        c.lex.InLower("np_stop", t) || c.lex.InLower("not_name", t) || c.lex.InLower("negation", t) || c.lex.InLower("number_word", t))
      return false;
    // "destroyed fighting positions": a past form is the verb, not part of the phrase.
    if (w.size() > 4 && w.compare(w.size() - 2, 2, "ed") == 0 && !c.lex.InLower("adjective", t) &&
        w.find('-') == std::string::npos)
      return false;
    if (w.size() > 4 && w.compare(w.size() - 2, 2, "ly") == 0) return false;
    return true;
  };
  // "to liberate territory", "will hold positions": after "to" or a modal the word is a verb.
  auto verb_slot = [&](int j) {
    return j > 0 && (toks[static_cast<size_t>(j - 1)].lower == "to" || c.lex.InLower("modal_verb", toks[static_cast<size_t>(j - 1)]));
  };
  for (int i = 0; i < n; ++i) {
    const Token& h = toks[static_cast<size_t>(i)];
    if (!h.is_word || h.upper_initial || !c.lex.InLower("place_phrase_head", h) || verb_slot(i)) continue;
    if (c.taken[static_cast<size_t>(i)] >= 0 && !generic_at(i)) continue;
    // "a building on the hospital complex": the head ends the phrase; no name after it.
    int b = i;
    int owner = -1;            // mention of the owner before the modifiers
    std::string held_by;       // the holder written in an X-held compound
    for (int j = i - 1; j >= 0 && i - j <= 5; --j) {
      const Token& t = toks[static_cast<size_t>(j)];
      int o = c.taken[static_cast<size_t>(j)];
      if (o >= 0 && !generic_at(j)) {
        const Mention& om = c.doc->mentions[static_cast<size_t>(o)];
        if (om.last == j + 1 && om.named && om.entity >= 0 && om.type != EntityType::kPlace &&
            om.type != EntityType::kPerson && om.long_text.empty()) {
          owner = o;
          b = om.first;
        }
        break;
      }
      if (HeldCompound(c.lex, t, &held_by) || (modifier(t) && !verb_slot(j))) {
        b = j;
        continue;
      }
      break;
    }
    // The article before the phrase is part of the mention; a number is not. Before an owner,
    // adjectives after the article describe the place, not the owner ("a large al-Qaida
    // headquarters").
    int first = b;
    if (owner >= 0) {
      int j = first - 1;
      while (j > 0 && first - j <= 2 && c.taken[static_cast<size_t>(j)] < 0 &&
             toks[static_cast<size_t>(j)].pos == Pos::kAdj && !toks[static_cast<size_t>(j)].upper_initial &&
             !c.lex.InLower("determiner", toks[static_cast<size_t>(j)]) && !CountWord(c.lex, toks[static_cast<size_t>(j)]))
        --j;
      if (j < first - 1 && j >= 0 && c.lex.InLower("determiner", toks[static_cast<size_t>(j)]))
        first = j + 1;
    }
    if (first > 0) {
      const Token& d = toks[static_cast<size_t>(first - 1)];
      if (c.lex.InLower("determiner", d) && !c.lex.InLower("quantifier", d) && c.taken[static_cast<size_t>(first - 1)] < 0)
        --first;
    }
    // A bare head with nothing before it is GroupPass's ("the base") or no actor at all.
    int name_from = owner >= 0 ? c.doc->mentions[static_cast<size_t>(owner)].last : b;
    if (name_from == i && owner < 0 && held_by.empty() && first == i) continue;
    std::string name = c.doc->article.text.substr(toks[static_cast<size_t>(name_from)].begin,
                                                  h.end - toks[static_cast<size_t>(name_from)].begin);
    for (int k = first; k <= i; ++k) {
      int o = c.taken[static_cast<size_t>(k)];
      if (o >= 0 && generic_at(k)) c.doc->mentions[static_cast<size_t>(o)].entity = -1;
    }
    int ent = c.table.Keyed("generic:" + c.doc->article.id + ":" + Fold(name), name, EntityType::kPlace);
    // The owner keeps its own mention inside the phrase; the phrase is the wider one.
    std::vector<int> keep_owner;
    if (owner >= 0)
      for (int k = c.doc->mentions[static_cast<size_t>(owner)].first; k < c.doc->mentions[static_cast<size_t>(owner)].last; ++k)
        keep_owner.push_back(k);
    int m = AddMention(c, s, first, i + 1, ent, EntityType::kPlace);
    Mention& pm = c.doc->mentions[static_cast<size_t>(m)];
    pm.named = false;
    pm.plural = h.lower.back() == 's';
    for (int k : keep_owner) c.taken[static_cast<size_t>(k)] = owner;
    int holder = -1;
    if (owner >= 0) holder = c.doc->mentions[static_cast<size_t>(owner)].entity;
    if (holder < 0 && !held_by.empty()) holder = CompoundActor(c, held_by, toks[static_cast<size_t>(b)].upper_initial);
    if (holder >= 0 && holder != ent) {
      Triple t;
      t.subject = holder;
      t.object = ent;
      t.relation = RelationType::kControls;
      t.sentence = s;
      t.begin = c.doc->sentences[static_cast<size_t>(s)].begin;
      t.end = c.doc->sentences[static_cast<size_t>(s)].end;
      t.subject_mention = owner >= 0 ? c.doc->mentions[static_cast<size_t>(owner)].text : held_by;
      t.object_mention = pm.text;
      t.trigger = owner >= 0 ? pm.text : toks[static_cast<size_t>(b)].text;
      t.confidence = 0.6f;
      c.doc->triples.push_back(std::move(t));
    }
  }
}

// English counts and sorts what a noun phrase names with words before it: "two bridges",
// "40,000 civilians", "the 2 leaders", "all political parties", "other Coalition forces",
// "Ninety-Four Citizen Airmen". How the text names the actor (long_text) takes them, with an
// article or possessive before them; the entity, its name and the tokens stay as they were.
void CountedPhrases(Ctx& c, int s) {
  if (c.lex.lang == "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  for (size_t mi = c.first_mention[static_cast<size_t>(s)]; mi < c.doc->mentions.size(); ++mi) {
    Mention& m = c.doc->mentions[mi];
    if (m.sentence != s || m.pronoun || m.entity < 0 || m.first == 0) continue;
    // Only a phrase that opens at the mention grows (not a title before a person's name).
    if (!m.long_text.empty() && c.doc->article.text.compare(m.begin, m.long_text.size(), m.long_text) != 0) continue;
    const std::string& shown = m.long_text.empty() ? m.text : m.long_text;
    // A common noun is counted, or a plural the name pass read as a name ("300 ANG Airmen");
    // never a name ("14 ISIL targets", "Dec. 17 Dayr az Zawr").
    if (shown.empty() || (m.named && shown.back() != 's' &&
                          !c.lex.InLower("group", toks[static_cast<size_t>(m.last - 1)])))
      continue;
    // The entity's name keeps the phrase as it was, so either form of it is known.
    if (Fold(c.doc->entities[static_cast<size_t>(m.entity)].name) != Fold(shown)) continue;
    int k = m.first - 1;
    while (k >= 0 && c.taken[static_cast<size_t>(k)] < 0 && CountWord(c.lex, toks[static_cast<size_t>(k)])) --k;
    if (k == m.first - 1) continue;
    if (k >= 0 && c.taken[static_cast<size_t>(k)] < 0 && c.lex.InLower("determiner", toks[static_cast<size_t>(k)])) --k;
    const uint32_t from = toks[static_cast<size_t>(k + 1)].begin;
    m.long_text = c.doc->article.text.substr(from, m.begin + shown.size() - from);
  }
}

// Subject pronouns: il/elle/ils/elles, he/she/they, resolved to the last compatible actor.
bool DemonstrativeAt(const Ctx& c, const Tokens& toks, int i, int* span, bool* sg_m, bool* sg_f, bool* pl) {
  const int n = static_cast<int>(toks.size());
  const std::string& w = toks[static_cast<size_t>(i)].lower;
  std::string head;
  if (c.lex.In("demonstrative_det", w) && i + 1 < n) {
    head = toks[static_cast<size_t>(i + 1)].lower;
    if (!c.lex.In("demonstrative_head", head)) return false;
    *span = 2;
  } else if (c.lex.In("demonstrative_pronoun", w)) {
    head = w;
  } else {
    return false;
  }
  const bool plural = head.back() == 's' || head.rfind("ceux", 0) == 0;
  const bool feminine = head.find("\xC3\xA8re") != std::string::npos || head.rfind("celle", 0) == 0;
  *pl = plural;
  *sg_f = !plural && feminine;
  *sg_m = !plural && !feminine;
  return true;
}

// French: records the gender of the persons this sentence names with a gendered title or
// article ("Madame Odile Ferrand", "Monsieur Paul Roux", "la présidente").
void NotePersonGenders(Ctx& c, int s) {
  if (c.lex.lang != "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  for (size_t mi = c.first_mention[static_cast<size_t>(s)]; mi < c.doc->mentions.size(); ++mi) {
    const Mention& m = c.doc->mentions[mi];
    if (m.sentence != s || m.entity < 0 || m.pronoun || m.plural || m.type != EntityType::kPerson) continue;
    char g = m.gender;
    if (m.first > 0) {
      const std::string& w = toks[static_cast<size_t>(m.first - 1)].lower;
      if (c.lex.In("title_feminine", w)) g = 'f';
      if (c.lex.In("title_masculine", w)) g = 'm';
    }
    if (g != 0) c.person_gender.emplace(m.entity, g);
  }
}

void PronounPass(Ctx& c, int s) {
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  int n = static_cast<int>(toks.size());
  NotePersonGenders(c, s);
  auto gender_of = [&](const Mention& mm) {
    auto it = c.person_gender.find(mm.entity);
    return it == c.person_gender.end() ? mm.gender : it->second;
  };
  for (int i = 0; i + 1 < n; ++i) {
    const Token& t = toks[static_cast<size_t>(i)];
    bool sg_m = c.lex.InLower("pronoun_sg_m", t), sg_f = c.lex.InLower("pronoun_sg_f", t);
    bool pl = c.lex.InLower("pronoun_pl", t);
    // "ce dernier", "cette dernière", "ces derniers", "celle-ci": the last actor named that
    // agrees, wherever the phrase stands in its clause.
    int span = 1;
    bool demonstrative = DemonstrativeAt(c, toks, i, &span, &sg_m, &sg_f, &pl);
    if (!(sg_m || sg_f || pl) || c.taken[static_cast<size_t>(i)] >= 0) continue;
    if (!demonstrative && !toks[static_cast<size_t>(i + 1)].is_word) continue;
    // A subject pronoun opens its clause: it follows the start, punctuation or a clause word.
    if (i > 0 && !demonstrative) {
      const Token& p = toks[static_cast<size_t>(i - 1)];
      if (p.is_word && !c.lex.InLower("clause_opener", p)) continue;
    }
    // The last mention before it that agrees: a person for il/elle/he/she, a plural or
    // collective actor for ils/they.
    int found = -1;
    for (int m = static_cast<int>(c.first_mention[static_cast<size_t>(std::max(0, s - 2))]);
         m < static_cast<int>(c.doc->mentions.size()); ++m) {
      const Mention& mm = c.doc->mentions[static_cast<size_t>(m)];
      if (mm.sentence < s - 2 || mm.entity < 0) continue;
      if (mm.sentence == s && mm.first >= i) continue;
      if (demonstrative && (mm.type == EntityType::kPlace || mm.type == EntityType::kState || mm.pronoun)) continue;
      // A person the text makes a woman is no "il", a man no "elle" (French); one person
      // named by a noun ("un agriculteur", "la conductrice") is "il" or "elle" by its article.
      const char pg = c.lex.lang == "fr" && mm.type == EntityType::kPerson ? gender_of(mm) : 0;
      const bool one_person_noun = c.lex.lang == "fr" && mm.type == EntityType::kGroup && !mm.plural &&
                                   mm.last - mm.first == 1 &&
                                   c.lex.In("single_person_noun", c.doc->sentences[static_cast<size_t>(mm.sentence)]
                                                                      .tokens[static_cast<size_t>(mm.first)]
                                                                      .lower);
      bool agrees = (sg_m && ((mm.type == EntityType::kPerson && pg != 'f') ||
                              (demonstrative && mm.gender == 'm' && !mm.plural) ||
                              (one_person_noun && mm.gender == 'm'))) ||
                    (sg_f && ((mm.type == EntityType::kPerson && pg != 'm') || mm.gender == 'f')) ||
                    (pl && (mm.plural || mm.type == EntityType::kGroup));
      if (!agrees) continue;
      if (found < 0) {
        found = m;
        continue;
      }
      const Mention& best = c.doc->mentions[static_cast<size_t>(found)];
      if (mm.sentence > best.sentence || (mm.sentence == best.sentence && mm.first > best.first)) found = m;
    }
    if (found < 0) continue;
    const Mention& ante = c.doc->mentions[static_cast<size_t>(found)];
    if (!Free(c, i, i + span)) continue;
    int idx = AddMention(c, s, i, i + span, ante.entity, ante.type, true);
    c.doc->mentions[static_cast<size_t>(idx)].plural = pl;
    i += span - 1;
  }
}

// French role nouns that name no one ("la directrice du centre", "le porte-parole du
// gouvernement"): the role holder, a person of the story, holds what follows "de". Runs
// after the appositions, which give such a noun its person when there is one.
void UnnamedRolePass(Ctx& c, int s) {
  if (c.lex.lang != "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  for (size_t mi = c.first_mention[static_cast<size_t>(s)]; mi < c.doc->mentions.size(); ++mi) {
    const Mention& m = c.doc->mentions[mi];
    if (m.sentence != s || m.entity < 0 || m.named || m.pronoun || m.last - m.first != 1) continue;
    const Entity& e = c.doc->entities[static_cast<size_t>(m.entity)];
    if (e.key.rfind("generic:", 0) != 0) continue;
    const Token& t = toks[static_cast<size_t>(m.first)];
    const bool lemma_role = c.lex.InLemma("role", t);
    if (!lemma_role && !c.lex.InLower("role", t)) continue;
    const int end = m.last;
    if (end >= n || !(toks[static_cast<size_t>(end)].lower == "de" || toks[static_cast<size_t>(end)].lower == "du" ||
                      toks[static_cast<size_t>(end)].lower == "des" || toks[static_cast<size_t>(end)].lower == "d'"))
      continue;
    int stop = end + 1;
    while (stop < n && stop < end + 7 && toks[static_cast<size_t>(stop)].text != "," &&
           !c.lex.InLower("stop_role", toks[static_cast<size_t>(stop)]))
      ++stop;
    int country_entry = -1;
    int owner = RoleOwner(c, s, end, stop, &country_entry);
    if (owner >= 0) AddRoleTriple(c, s, static_cast<int>(mi), owner, lemma_role ? t.lemma : t.lower);
  }
}

// English possessive determiners before a noun of action: "in its determination to defeat
// ISIL", "their fight against terrorism", "its condemnation of Assad's policies". The
// possessor is the act's subject, so "its"/"their"/"his"/"her" become mentions of the last
// actor that agrees (its: not a person; their: a plural, a group or several; his, her: a
// person), in this sentence or the one before.
void PossessivePass(Ctx& c, int s) {
  if (c.lex.lang == "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  auto action_noun = [&](const Token& t) {
    if (t.pos != Pos::kNoun) return false;
    for (const std::string* key : {&t.lemma, &t.lower}) {
      auto it = c.lex.by_first.find(*key);
      if (it == c.lex.by_first.end()) continue;
      for (int ti : it->second)
        if (c.lex.triggers[static_cast<size_t>(ti)].kind == TriggerKind::kNoun) return true;
    }
    return c.lex.InLower("action_noun", t) || c.lex.InLemma("action_noun", t);
  };
  for (int i = 0; i + 1 < n; ++i) {
    const Token& t = toks[static_cast<size_t>(i)];
    if (c.taken[static_cast<size_t>(i)] >= 0 || !c.lex.InLower("possessive_pronoun", t)) continue;
    int k = i + 1;
    while (k < n && k < i + 3 && toks[static_cast<size_t>(k)].pos == Pos::kAdj) ++k;
    if (k >= n || c.taken[static_cast<size_t>(k)] >= 0 || !action_noun(toks[static_cast<size_t>(k)])) continue;
    const bool its = t.lower == "its", their = t.lower == "their";
    int found = -1;
    for (size_t m = c.doc->mentions.size(); m-- > c.first_mention[static_cast<size_t>(std::max(0, s - 1))];) {
      const Mention& mm = c.doc->mentions[m];
      if (mm.entity < 0 || (mm.sentence == s && mm.first >= i) || mm.type == EntityType::kPlace) continue;
      bool agrees = its ? (mm.type != EntityType::kPerson && !mm.plural)
                        : their ? (mm.plural || mm.type == EntityType::kGroup || mm.type == EntityType::kState ||
                                   mm.type == EntityType::kIgo)
                                : mm.type == EntityType::kPerson;
      if (!agrees) continue;
      found = static_cast<int>(m);
      break;
    }
    if (found < 0) continue;
    const Mention ante = c.doc->mentions[static_cast<size_t>(found)];
    int idx = AddMention(c, s, i, i + 1, ante.entity, ante.type, true);
    c.doc->mentions[static_cast<size_t>(idx)].plural = their;
  }
}

// French object clitics before a verb: "les secours ont pu la sauver", "la police l'a
// arrêté", "il lui a annoncé", "il leur a donné". Resolved to the last actor that agrees
// (la: a woman or a feminine noun; le: a man or a masculine noun; les, leur: a plural or a
// group; l', lui: one actor) other than the subject of the clitic's own clause.
void ObjectCliticPass(Ctx& c, int s) {
  if (c.lex.lang != "fr") return;
  const Tokens& toks = c.doc->sentences[static_cast<size_t>(s)].tokens;
  const int n = static_cast<int>(toks.size());
  for (int i = 1; i + 1 < n; ++i) {
    const Token& t = toks[static_cast<size_t>(i)];
    if (t.pos != Pos::kPron || c.taken[static_cast<size_t>(i)] >= 0 || !c.lex.InLower("object_clitic", t)) continue;
    const bool plural = t.lower == "les" || t.lower == "leur";
    const char gender = t.lower == "la" ? 'f' : t.lower == "le" ? 'm' : 0;
    // The clause's subject: the nearest actor before the clitic in its clause.
    int subject = -1;
    for (int k = i - 1; k >= 0; --k) {
      const Token& u = toks[static_cast<size_t>(k)];
      if (u.text == "," || u.text == ";" || c.lex.InLower("relative", u) || c.lex.InLower("clause_opener", u)) break;
      int m = c.taken[static_cast<size_t>(k)];
      if (m >= 0) {
        subject = c.doc->mentions[static_cast<size_t>(m)].entity;
        break;
      }
    }
    int found = -1;
    for (size_t m = c.doc->mentions.size(); m-- > c.first_mention[static_cast<size_t>(std::max(0, s - 2))];) {
      const Mention& mm = c.doc->mentions[m];
      if (mm.entity < 0 || mm.entity == subject || (mm.sentence == s && mm.first >= i)) continue;
      if (mm.type == EntityType::kPlace || mm.type == EntityType::kState) continue;
      const bool person = mm.type == EntityType::kPerson;
      bool agrees;
      if (plural) {
        agrees = mm.plural || mm.type == EntityType::kGroup;
      } else if (gender == 'f') {
        agrees = !mm.plural && ((person && mm.gender != 'm') || mm.gender == 'f');
      } else if (gender == 'm') {
        agrees = !mm.plural && ((person && mm.gender != 'f') || mm.gender == 'm');
      } else {
        agrees = !mm.plural && (person || mm.gender != 0);
      }
      if (!agrees) continue;
      // Mentions are not in token order within a sentence: take the latest.
      if (found < 0) {
        found = static_cast<int>(m);
        continue;
      }
      const Mention& best = c.doc->mentions[static_cast<size_t>(found)];
      if (mm.sentence > best.sentence || (mm.sentence == best.sentence && mm.first > best.first)) found = static_cast<int>(m);
    }
    if (found < 0) continue;
    const Mention& ante = c.doc->mentions[static_cast<size_t>(found)];
    int idx = AddMention(c, s, i, i + 1, ante.entity, ante.type, /*pronoun=*/true);
    c.doc->mentions[static_cast<size_t>(idx)].plural = plural;
  }
}

}  // namespace

int MentionAt(const Document& doc, int s, int t) {
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    if (m.sentence == s && m.first <= t && t < m.last) return static_cast<int>(i);
  }
  return -1;
}

void FindMentions(const Resources& res, const Lexicon& lex, Morphology* morph, Document* doc) {
  Ctx c{res, lex, morph, doc, EntityTable(doc), {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
  c.first_mention.reserve(doc->sentences.size());
  for (int s = 0; s < static_cast<int>(doc->sentences.size()); ++s) {
    const Tokens& toks = doc->sentences[static_cast<size_t>(s)].tokens;
    size_t n = toks.size();
    c.first_mention.push_back(doc->mentions.size());
    c.folded.resize(n);
    for (size_t k = 0; k < n; ++k) c.folded[k] = Fold(toks[k].text);
    c.taken.assign(n, -1);
    c.demonym_at.assign(n, -1);
    c.role_used.clear();
    c.title_words.clear();
    GazetteerPass(c, s);
    RoadPass(c, s);
    QuotedOrgPass(c, s);
    PlacePass(c, s);
    StreetPass(c, s);
    OnTheSpotPass(c, s);
    GroupPass(c, s, /*roles=*/false);
    RolePass(c, s);
    DemonymPass(c, s);
    ExtendStateGroups(c, s);
    ExtendNounPhrases(c, s);
    RulerPhrases(c, s);
    RoleNounPhrases(c, s);
    GroupPass(c, s, /*roles=*/true);
    ShortFormPass(c, s);
    NamePass(c, s);
    GroupAnaphorPass(c, s);
    PortfolioPass(c, s);
    ExtendNounPhrases(c, s);
    PlacePhrasePass(c, s);
    UnitChains(c, s);
    BackerCompounds(c, s);
    AppositionPass(c, s, /*after_names=*/true);
    UnnamedRolePass(c, s);
    PronounPass(c, s);
    PossessivePass(c, s);
    ObjectCliticPass(c, s);
    CountedPhrases(c, s);
  }
  std::stable_sort(doc->mentions.begin(), doc->mentions.end(), [](const Mention& a, const Mention& b) {
    return a.sentence != b.sentence ? a.sentence < b.sentence : a.first < b.first;
  });
}

}  // namespace geokg::internal
