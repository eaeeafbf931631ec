// Relations from lexicon triggers: a verb or noun phrase (matched on lemmas), its subject
// (the actor before it that no preposition governs, or the agent of a passive), its object
// (read through the trigger's frame: direct, a preposition, a locative phrase, "entre A et
// B"), then negation, modality and mode.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "geokg/common/text.h"
#include "geokg/ontology.h"
#include "nlp_internal.h"

namespace geokg::internal {
namespace {

using Tokens = std::vector<Token>;

// Where the mentions of each sentence start in Document::mentions, which FindMentions sorts
// by sentence: those of sentence s are [starts[s], starts[s + 1]).
std::vector<size_t> MentionStarts(const Document& doc) {
  std::vector<size_t> starts(doc.sentences.size() + 1);
  for (size_t s = 0; s < starts.size(); ++s) {
    starts[s] = static_cast<size_t>(
        std::partition_point(doc.mentions.begin(), doc.mentions.end(),
                             [&](const Mention& m) { return m.sentence < static_cast<int>(s); }) -
        doc.mentions.begin());
  }
  return starts;
}

struct SentenceView {
  const Document& doc;
  const Lexicon& lex;
  int s;
  const Tokens& toks;
  std::vector<int> mention_at;          // per token: mention index or -1
  size_t mentions_begin, mentions_end;  // the sentence's mentions in doc.mentions

  SentenceView(const Document& d, const Lexicon& l, int si, const std::vector<size_t>& starts)
      : doc(d),
        lex(l),
        s(si),
        toks(d.sentences[static_cast<size_t>(si)].tokens),
        mention_at(toks.size(), -1),
        mentions_begin(starts[static_cast<size_t>(si)]),
        mentions_end(starts[static_cast<size_t>(si) + 1]) {
    for (size_t m = mentions_begin; m < mentions_end; ++m) {
      const Mention& mm = d.mentions[m];
      if (mm.sentence != si) continue;
      // Where mentions nest ("le président américain" holds "américain"), the widest wins.
      for (int k = mm.first; k < mm.last; ++k) {
        int& at = mention_at[static_cast<size_t>(k)];
        if (at < 0) {
          at = static_cast<int>(m);
          continue;
        }
        const Mention& cur = d.mentions[static_cast<size_t>(at)];
        if (mm.last - mm.first > cur.last - cur.first) at = static_cast<int>(m);
      }
    }
  }
  int n() const { return static_cast<int>(toks.size()); }
  const Token& tok(int i) const { return toks[static_cast<size_t>(i)]; }
  [[gnu::always_inline]] bool Is(int i, std::string_view cls) const {
    return i >= 0 && i < n() && (lex.InLower(cls, tok(i)) || lex.InLemma(cls, tok(i)));
  }
  const Mention* MentionOf(int m) const { return m < 0 ? nullptr : &doc.mentions[static_cast<size_t>(m)]; }
  // The word before a mention, skipping determiners: the preposition that governs it, if any.
  bool Governed(const Mention& m) const {
    int k = m.first - 1;
    while (k >= 0 && Is(k, "determiner")) --k;
    // English: "for a united and democratic Syria": adjectives of the phrase stand between.
    if (lex.lang != "fr")
      while (k > 0 && mention_at[static_cast<size_t>(k)] < 0 &&
             (tok(k).pos == Pos::kAdj ||
              ((tok(k).lower == "and" || tok(k).lower == ",") && tok(k - 1).pos == Pos::kAdj))) {
        --k;
        while (k >= 0 && Is(k, "determiner")) --k;
      }
    if (k < 0) return false;
    // "the US Army's V Corps": the possessed noun is governed when its possessor is.
    if (tok(k).lower == "'s" && k > 0) {
      int owner = mention_at[static_cast<size_t>(k - 1)];
      if (owner >= 0) return Governed(doc.mentions[static_cast<size_t>(owner)]);
      return false;
    }
    // "Des manifestants ont agressé ...": at the head of a clause "des"/"du" is an article.
    if ((tok(k).lower == "des" || tok(k).lower == "du") &&
        (k == 0 || !tok(k - 1).is_word || Is(k - 1, "clause_opener")))
      return false;
    // "since Russia invaded Ukraine": a conjunction opening a clause whose verb follows.
    if (lex.lang != "fr" && Is(k, "subordinator") && m.last < n()) {
      int f = m.last;
      // "after government forces, backed by a US-led coalition, launched": past a parenthesis.
      if (tok(f).text == ",")
        for (int g = f + 1; g < std::min(n(), f + 12); ++g)
          if (tok(g).text == ",") {
            f = g + 1;
            break;
          }
      while (f < n() && tok(f).pos == Pos::kAdv) ++f;
      if (f < n() && (tok(f).pos == Pos::kAux || (tok(f).pos == Pos::kVerb && tok(f).verb_form == VerbForm::kFinite)))
        return false;
    }
    return Is(k, "preposition");
  }
};

// The actor named inside an English place phrase ("ISIS fighting positions"), or -1.
int NestedOwner(const SentenceView& v, int m) {
  const Mention* pm = v.MentionOf(m);
  if (!pm || pm->named || pm->type != EntityType::kPlace) return -1;
  for (size_t i = v.mentions_begin; i < v.mentions_end; ++i) {
    const Mention& o = v.doc.mentions[i];
    if (static_cast<int>(i) == m || o.sentence != v.s || !o.named || o.entity < 0) continue;
    if (o.first >= pm->first && o.last <= pm->last && o.type != EntityType::kPlace) return static_cast<int>(i);
  }
  return -1;
}

// How a side of a triple is written: the longest form in the sentence, the antecedent's
// name for a pronoun.
std::string SideText(const Document& doc, const Mention& m) {
  if (m.pronoun) return doc.entities[static_cast<size_t>(m.entity)].name;
  return m.long_text.empty() ? m.text : m.long_text;
}

bool WordMatches(const Token& t, const std::string& w) {
  if (t.lemma == w || t.lower == w) return true;
  // Plural nouns the analyser did not reduce.
  return t.lower.size() == w.size() + 1 && (t.lower.back() == 's' || t.lower.back() == 'x') &&
         t.lower.compare(0, w.size(), w) == 0;
}

// Matches `pattern` at token i: the words in order, at most 5 other words between two of
// them, no actor and no clause punctuation in the gaps. Returns the end, or -1.
int MatchPattern(const SentenceView& v, const std::vector<std::string>& pattern, int i) {
  if (!WordMatches(v.tok(i), pattern[0])) return -1;
  int k = i + 1;
  for (size_t p = 1; p < pattern.size(); ++p) {
    int gap = 0;
    while (k < v.n() && !WordMatches(v.tok(k), pattern[p])) {
      const Mention* gm = v.MentionOf(v.mention_at[static_cast<size_t>(k)]);
      bool actor = gm && (gm->named || gm->type != EntityType::kPlace || v.lex.lang == "fr");
      if (!v.tok(k).is_word || actor || ++gap > 5) return -1;
      ++k;
    }
    if (k >= v.n()) return -1;
    ++k;
  }
  return k;
}

// A frame's preposition as written, with French contractions: "au"/"aux" are à + article,
// "du"/"des" de + article ("a demandé au gouvernement").
bool PrepMatches(const Token& t, const std::string& prep) {
  if (t.lower == prep || t.lemma == prep) return true;
  if (prep == "\xC3\xA0") return t.lower == "au" || t.lower == "aux";
  if (prep == "de") return t.lower == "du" || t.lower == "des" || t.lower == "d'";
  return false;
}

// The word's part of speech agrees with the trigger's kind: a verb trigger needs a verb
// ("the aid convoys", "air strikes", "la frappe" are nouns), a noun trigger anything but a
// tensed verb, an infinitive or a gerund ("NATO leaders meeting in Madrid"); a participle
// may stand for either. Words with no analysis (Pos::kX) agree with both.
bool KindAgrees(const Token& t, TriggerKind kind) {
  if (t.pos == Pos::kX) return true;
  const bool verb = t.pos == Pos::kVerb || t.pos == Pos::kAux;
  if (kind == TriggerKind::kVerb) return verb;
  return !verb || t.verb_form == VerbForm::kParticiple;
}

bool Reflexive(const SentenceView& v, int i) {
  for (int k = std::max(0, i - 4); k < i; ++k)
    if (v.Is(k, "reflexive")) return true;
  return false;
}

// Negation of the verb group ending at `at`: "n'a pas rencontré", "did not meet".
bool NegatedAt(const SentenceView& v, int at) {
  // "sans parvenir à s'entendre", "without reaching a deal".
  for (int k = std::max(0, at - 4); k < at; ++k)
    if (v.Is(k, "negation_prep")) return true;
  if (v.lex.lang == "fr") {
    for (int k = std::max(0, at - 5); k < at; ++k) {
      if (!v.Is(k, "negation_head")) continue;
      for (int j = k + 1; j <= std::min(v.n() - 1, at + 1); ++j)
        if (v.Is(j, "negation")) return true;
    }
    return false;
  }
  for (int k = std::max(0, at - 3); k < at; ++k)
    if (v.Is(k, "negation")) return true;
  return false;
}

bool LooksPassive(const SentenceView& v, int trig, int* agent_prep) {
  // The agent: par/by right after the participle (or one adverb later).
  for (int k = trig + 1; k < std::min(v.n(), trig + 3); ++k) {
    if (v.Is(k, "agent_prep")) {
      *agent_prep = k;
      return true;
    }
  }
  // French puts a short adjunct of time or manner between them ("alertés vers 5 heures par
  // une voisine", "reçu mardi soir par le maire"): no actor, verb or punctuation in between.
  if (v.lex.lang == "fr") {
    for (int k = trig + 1; k < std::min(v.n(), trig + 7); ++k) {
      const Token& t = v.tok(k);
      if (!t.is_word || v.mention_at[static_cast<size_t>(k)] >= 0 || t.pos == Pos::kVerb || t.pos == Pos::kAux ||
          v.Is(k, "relative"))
        return false;
      if (v.Is(k, "agent_prep")) {
        *agent_prep = k;
        return true;
      }
    }
  }
  return false;
}

// "defeat of Daesh in Iraq and Syria": the second place of a list a preposition governs is
// governed too (English).
bool ConjunctOfGoverned(const SentenceView& v, const Mention& m) {
  if (v.lex.lang == "fr") return false;
  int k = m.first - 1;
  while (k >= 0 && v.Is(k, "determiner")) --k;
  if (k < 1 || (v.tok(k).lower != "and" && v.tok(k).lower != "or")) return false;
  const Mention* prev = v.MentionOf(v.mention_at[static_cast<size_t>(k - 1)]);
  return prev && prev->last == k && v.Governed(*prev);
}

// A French object pronoun before its verb ("la police l'a arrêté", "il lui a annoncé"):
// never a subject, the object of the verb it stands before.
bool ObjectClitic(const SentenceView& v, const Mention& m) {
  return v.lex.lang == "fr" && m.pronoun && m.last == m.first + 1 && v.Is(m.first, "object_clitic") &&
         v.tok(m.first).pos == Pos::kPron;
}

// The object pronoun of the verb group ending before `trig`, if it is one the frame takes:
// le/la/l'/les for a direct object, lui/leur for "à".
int CliticObject(const SentenceView& v, int trig, bool direct, bool dative) {
  for (int k = trig - 1; k >= 0 && k >= trig - 5; --k) {
    const Token& t = v.tok(k);
    int m = v.mention_at[static_cast<size_t>(k)];
    if (m >= 0) {
      const Mention* mm = v.MentionOf(m);
      if (!ObjectClitic(v, *mm)) return -1;
      const bool to = t.lower == "lui" || t.lower == "leur";
      return (to ? dative : direct) ? m : -1;
    }
    if (!t.is_word) return -1;
    if (t.pos != Pos::kAux && t.pos != Pos::kAdv && !v.Is(k, "negation") && !v.Is(k, "negation_head") &&
        !(t.pos == Pos::kVerb && k < trig - 1))
      return -1;
  }
  return -1;
}

// English: `m` is the agent of an act the verb's object names ("supported the re-taking by
// Iraqi forces of ...", "condemned the attack by ISIL"): "by" after a short noun phrase
// opening at `from` that names no actor.
bool AgentOfActNoun(const SentenceView& v, int from, const Mention& m) {
  if (v.lex.lang == "fr") return false;
  int b = m.first - 1;
  while (b > from && v.Is(b, "determiner")) --b;
  if (b <= from || !v.Is(b, "agent_prep")) return false;
  const int head = b - 1;
  if (head - from > 3 || v.tok(head).pos == Pos::kVerb || v.tok(head).pos == Pos::kAux) return false;
  for (int k = from; k <= head; ++k)
    if (!v.tok(k).is_word || v.mention_at[static_cast<size_t>(k)] >= 0 ||
        (k < head && !(v.Is(k, "determiner") || v.tok(k).pos == Pos::kAdj || v.tok(k).pos == Pos::kNoun)))
      return false;
  return true;
}

int FirstMentionAfter(const SentenceView& v, int from, int window, bool skip_governed) {
  for (int k = from; k < std::min(v.n(), from + window); ++k) {
    if (v.tok(k).text == ";" || v.tok(k).text == ":") return -1;
    // A direct object follows its verb within the clause, never past a comma or a relative.
    if (skip_governed && (v.tok(k).text == "," || v.Is(k, "relative"))) return -1;
    // ... nor past the verb of another clause ("strikes in Iraq include Australia").
    if (skip_governed && k > from && v.mention_at[static_cast<size_t>(k)] < 0 &&
        v.Is(k, "clause_verb"))
      return -1;
    // ... nor past an infinitive, which opens an act of its own ("leading efforts in the
    // campaign to defeat X") (English).
    if (skip_governed && v.lex.lang != "fr" && k > from && v.tok(k).lower == "to" &&
        k + 1 < v.n() && v.tok(k + 1).pos == Pos::kVerb &&
        v.mention_at[static_cast<size_t>(k + 1)] < 0)
      return -1;
    int m = v.mention_at[static_cast<size_t>(k)];
    if (m < 0) continue;
    const Mention* mm = v.MentionOf(m);
    if (mm->entity < 0) continue;
    if (skip_governed && (v.Governed(*mm) || ConjunctOfGoverned(v, *mm)) && mm->first > from &&
        !AgentOfActNoun(v, from, *mm)) {
      k = mm->last - 1;
      continue;
    }
    // "Ukraine's acting foreign minister, Andriy Deshchytsia": the possessor gives way to
    // the actor it possesses.
    if (mm->last < v.n() && v.tok(mm->last).lower == "'s") {
      for (int j = mm->last + 1; j < std::min(v.n(), mm->last + 8); ++j) {
        int h = v.mention_at[static_cast<size_t>(j)];
        if (h >= 0 && v.MentionOf(h)->entity >= 0) return h;
        // English: the possessed phrase ends at a preposition or a comma ("China's military
        // pressure around Taiwan" is about China).
        if (v.lex.lang != "fr" && (!v.tok(j).is_word || v.Is(j, "preposition"))) break;
      }
    }
    return m;
  }
  return -1;
}

// English: the actor the noun phrase starting at `from` names ("for the Government of Iraq",
// "to all Iraqis"), or -1 when the phrase names none: another preposition or a punctuation
// mark before any actor ends it ("aid to displaced people inside Syria" is not aid to Syria).
int MentionInPhrase(const SentenceView& v, int from, int window) {
  for (int k = from; k < std::min(v.n(), from + window); ++k) {
    int m = v.mention_at[static_cast<size_t>(k)];
    if (m >= 0) {
      const Mention* mm = v.MentionOf(m);
      if (mm->entity < 0) {
        k = mm->last - 1;
        continue;
      }
      return m;
    }
    const Token& t = v.tok(k);
    if (!t.is_word || (k > from && v.Is(k, "preposition")) || v.Is(k, "relative")) return -1;
  }
  return -1;
}

// English: whether the noun of danger at `noun` (ending before `end`) is said of an actor
// rather than done by it: after a copula or a verb of posing ("is a growing threat to",
// "poses a danger to"), or with a relative clause of posing after it ("the threat they pose").
bool DangerDescribed(const SentenceView& v, int noun, int end) {
  int k = noun - 1;
  while (k >= 0 &&
         (v.Is(k, "determiner") || v.tok(k).pos == Pos::kAdj || v.tok(k).pos == Pos::kAdv))
    --k;
  if (k >= 0 && (v.Is(k, "copula") || v.Is(k, "posing_verb"))) return true;
  for (int f = end; f < std::min(v.n(), end + 5); ++f) {
    if (v.Is(f, "posing_verb")) return true;
    const Token& t = v.tok(f);
    if (v.Is(f, "relative") || v.Is(f, "determiner") || t.pos == Pos::kPron || t.pos == Pos::kAux ||
        t.pos == Pos::kAdv || v.mention_at[static_cast<size_t>(f)] >= 0)
      continue;
    break;
  }
  return false;
}

// Whether only a copula, an apposition's comma or "as" (with articles, adjectives and
// adverbs) stands between the subject mention and the noun at `noun`.
bool CopulaLinks(const SentenceView& v, const Mention& subject, int noun) {
  if (subject.last > noun) return false;
  // "is working as part of the Global Coalition": "as" links the noun to the clause's subject.
  int a = noun - 1;
  while (a >= 0 && v.Is(a, "determiner")) --a;
  if (a >= 0 && v.tok(a).lower == "as") return true;
  bool link = false;
  for (int k = subject.last; k < noun; ++k) {
    const Token& t = v.tok(k);
    if (t.text == "," || t.lower == "as" || v.Is(k, "copula")) {
      link = true;
      continue;
    }
    if (v.Is(k, "determiner") || t.pos == Pos::kAdj || t.pos == Pos::kAdv || t.pos == Pos::kAux) continue;
    return false;
  }
  return link;
}

// English: whether the mention stands right after a verb (articles, numbers and adjectives
// between) as its direct object: "struck ISIL targets", "supports the SDF".
bool ObjectOfVerb(const SentenceView& v, const Mention& m) {
  int k = m.first - 1;
  while (k >= 0 && v.mention_at[static_cast<size_t>(k)] < 0 &&
         (v.Is(k, "determiner") || v.Is(k, "number_word") || v.tok(k).pos == Pos::kAdj ||
          v.tok(k).pos == Pos::kNum))
    --k;
  if (k < 0 || v.mention_at[static_cast<size_t>(k)] >= 0) return false;
  const Token& t = v.tok(k);
  return t.pos == Pos::kVerb && !v.Is(k, "copula") && !v.Is(k, "passive_aux") &&
         !v.Is(k, "clause_block");
}

// The subject of the clause ending before token `before`: the nearest actor that no
// preposition governs. For nouns, a temporal or causal preposition between (après,
// after) cuts the link to the clause subject.
int SubjectBefore(const SentenceView& v, int before, bool noun) {
  const bool en = v.lex.lang != "fr";
  // English: the relative pronoun that is the verb's own subject ("Dayton, who was
  // assigned", "capabilities that threaten"): its antecedent acts, or nobody the text names.
  if (en && !noun) {
    int k = before - 1;
    while (k >= 0 && v.mention_at[static_cast<size_t>(k)] < 0 &&
           (v.tok(k).pos == Pos::kAux || v.tok(k).pos == Pos::kAdv || v.Is(k, "modal_verb") ||
            v.Is(k, "negation")))
      --k;
    if (k >= 1 && v.mention_at[static_cast<size_t>(k)] < 0 && v.Is(k, "relative_subject")) {
      int a = k - 1;
      const bool comma = v.tok(a).text == ",";
      if (comma) --a;
      const Mention* ant = a >= 0 ? v.MentionOf(v.mention_at[static_cast<size_t>(a)]) : nullptr;
      if (ant && ant->last == a + 1) {
        if (ant->entity < 0 || ant->pronoun || (ant->type == EntityType::kPlace && !ant->named))
          return -1;
        // "who" stands for people: after a unit's name it reaches further back ("airmen,
        // deployed from the 158th Wing, who will comprise ..."), which is past reading.
        if (v.tok(k).lower == "who" && ant->type != EntityType::kPerson &&
            ant->type != EntityType::kGroup)
          return -1;
        return v.mention_at[static_cast<size_t>(a)];
      }
      // "that" after a verb opens a complement clause ("said that"); after a noun, a relative.
      if (a >= 0 && (comma || v.tok(a).pos == Pos::kNoun || v.tok(a).pos == Pos::kPropn)) return -1;
    }
  }
  // English: a verb phrase joined to another by "and" ("are committed to defeating these
  // terrorists and have supported ...") shares that one's subject, not its object.
  bool shared_subject = false;
  if (en && !noun) {
    int k = before - 1;
    while (k >= 0 && v.mention_at[static_cast<size_t>(k)] < 0 &&
           (v.tok(k).pos == Pos::kAux || v.tok(k).pos == Pos::kAdv || v.Is(k, "modal_verb")))
      --k;
    shared_subject = k >= 1 && (v.tok(k).lower == "and" || v.tok(k).lower == "but") &&
                     v.mention_at[static_cast<size_t>(k - 1)] >= 0;
  }
  for (int k = before - 1; k >= 0; --k) {
    if (noun && v.Is(k, "clause_block")) return -1;
    if (en) {
      // English: reported speech opened by a quotation mark after "said," or ":" has its own
      // subjects; the speaker is not the doer of what the quotation says.
      const std::string& q = v.tok(k).text;
      if ((q == "\"" || q == "\xE2\x80\x9C") && k > 0 && k + 1 < before &&
          (v.tok(k - 1).text == "," || v.tok(k - 1).text == ":"))
        return -1;
      // ... and a relative clause between commas ("Dayton, who was supporting X, was
      // assigned to Y") says nothing of who does the act after it.
      if (v.tok(k).text == ",") {
        for (int c = k - 1; c >= 1 && c > k - 30; --c) {
          if (v.tok(c).text == ";" || v.tok(c).text == ":") break;
          if (v.tok(c).text != ",") continue;
          if (v.mention_at[static_cast<size_t>(c + 1)] < 0 && v.Is(c + 1, "relative_subject"))
            k = c;
          break;
        }
        continue;
      }
    }
    // English: a noun that is the object of a verb of judging or reporting is someone
    // else's act: "France condemned the attack" says nothing of who attacked.
    if (noun && v.lex.lang != "fr" && v.mention_at[static_cast<size_t>(k)] < 0 && v.tok(k).pos == Pos::kVerb &&
        v.Is(k, "judging_verb"))
      return -1;
    if (v.tok(k).text == ";") return -1;
    int m = v.mention_at[static_cast<size_t>(k)];
    // "... par leur chef, qui a contacté les secours": the relative's antecedent is the
    // subject, even where a preposition governs it.
    if (m < 0 && v.Is(k, "relative_subject")) {
      int a = k - 1;
      if (a >= 0 && v.tok(a).text == ",") --a;
      const Mention* ant = a >= 0 ? v.MentionOf(v.mention_at[static_cast<size_t>(a)]) : nullptr;
      if (ant && ant->last == a + 1 && ant->entity >= 0 && !ant->pronoun &&
          !(ant->type == EntityType::kPlace && !ant->named))
        return v.mention_at[static_cast<size_t>(a)];
    }
    if (m < 0) continue;
    const Mention* mm = v.MentionOf(m);
    k = mm->first;
    if (mm->entity < 0 || v.Governed(*mm) || ObjectClitic(v, *mm)) continue;
    // A mention that holds the trigger itself ("a previous member") is not its subject.
    if (mm->last > before) continue;
    if (shared_subject && ObjectOfVerb(v, *mm)) continue;
    // A place named by a common noun ("the base", "la ville") does not act.
    if (mm->type == EntityType::kPlace && !mm->named) continue;
    // English: a noun in an adjunct after a verb's object ("struck ISIL targets in support
    // of X", "supports the SDF through training and support to Y") is the act of the verb's
    // subject, not of its object; "accused Y of attacks" keeps Y.
    if (noun && en && ObjectOfVerb(v, *mm)) {
      bool adjunct = false;
      for (int j = mm->last; j < before && !adjunct; ++j)
        adjunct = v.Is(j, "preposition") && v.tok(j).lower != "of";
      if (adjunct) continue;
    }
    return m;
  }
  return -1;
}

// English: the subject of the main clause when token `i` stands in a phrase that opens the
// sentence before a comma ("In support of X, Y did ..."); -1 otherwise.
int OpeningPhraseSubject(const SentenceView& v, int i) {
  for (int k = 0; k < i; ++k)
    if (!v.tok(k).is_word || v.mention_at[static_cast<size_t>(k)] >= 0 ||
        !(v.Is(k, "preposition") || v.Is(k, "determiner") || v.tok(k).pos == Pos::kAdj))
      return -1;
  for (int k = i + 1; k < v.n(); ++k) {
    if (v.tok(k).text == ";" || v.tok(k).text == ".") return -1;
    if (v.tok(k).text != ",") continue;
    for (int j = k + 1; j < std::min(v.n(), k + 6); ++j) {
      int m = v.mention_at[static_cast<size_t>(j)];
      if (m < 0) continue;
      const Mention* mm = v.MentionOf(m);
      if (mm->entity < 0 || v.Governed(*mm) || mm->type == EntityType::kPlace) return -1;
      return m;
    }
    return -1;
  }
  return -1;
}

// French: the subject of the main clause when the participle at `part` opens the sentence
// ("Interrogée par la police, la conductrice a ...", "Alertés par un voisin, les pompiers
// sont ..."): the first actor after the comma that closes the participle's phrase, which no
// preposition governs; -1 when the participle does not open the sentence.
int OpeningParticipleSubject(const SentenceView& v, int part, int from) {
  for (int k = 0; k < part; ++k)
    if (v.mention_at[static_cast<size_t>(k)] >= 0 || (v.tok(k).is_word && v.tok(k).pos != Pos::kAdv)) return -1;
  for (int k = from; k < v.n(); ++k) {
    const Token& t = v.tok(k);
    if (t.text == ";" || t.text == ":" || (t.is_word && t.pos == Pos::kVerb && t.verb_form == VerbForm::kFinite))
      return -1;
    if (t.text != ",") continue;
    for (int j = k + 1; j < std::min(v.n(), k + 6); ++j) {
      int m = v.mention_at[static_cast<size_t>(j)];
      if (m < 0) continue;
      const Mention* mm = v.MentionOf(m);
      if (mm->entity < 0 || v.Governed(*mm) || (mm->type == EntityType::kPlace && !mm->named)) return -1;
      return m;
    }
    return -1;
  }
  return -1;
}

// A participle's antecedent: the nearest actor before it agreeing in gender and number
// with the participle's ending (French).
int Antecedent(const SentenceView& v, int trig) {
  const std::string& w = v.tok(trig).lower;
  char gender = 0;
  bool plural = !w.empty() && w.back() == 's';
  std::string base = plural ? w.substr(0, w.size() - 1) : w;
  if (v.lex.lang == "fr") gender = (base.size() > 3 && base.compare(base.size() - 3, 3, "\xC3\xA9" "e") == 0) ||
                                           (!base.empty() && base.back() == 'e')
                                       ? 'f'
                                       : 'm';
  // The nearest actor whose determiner shows the same gender and number; failing that, the
  // nearest whose gender the text does not show ("l'EI").
  int unknown = -1;
  for (int k = trig - 1; k >= 0; --k) {
    int m = v.mention_at[static_cast<size_t>(k)];
    if (m < 0) continue;
    const Mention* mm = v.MentionOf(m);
    k = mm->first;
    if (mm->entity < 0) continue;
    if (v.lex.lang != "fr") return m;
    if (mm->gender == 0) {
      if (unknown < 0) unknown = m;
      continue;
    }
    if (mm->gender == gender && mm->plural == plural) return m;
  }
  return unknown;
}

// Actors coordinated with mention `m`: "A, B and C". Rightwards (`right`) the list must
// close with and/or ("attacked A, B and C"); a comma alone is an apposition. Leftwards the
// link next to `m` must be and/or ("A, B and C attacked"): "In Syria, A attacked" is no list.
std::vector<int> Coordinated(const SentenceView& v, int m, bool right) {
  std::vector<int> out;
  const Mention* mm = v.MentionOf(m);
  if (!mm || mm->entity < 0) return out;
  auto compatible = [&](EntityType t) {
    return t == EntityType::kState || mm->type == EntityType::kState ||
           (t == EntityType::kPlace) == (mm->type == EntityType::kPlace);
  };
  auto conj = [&](int k) {
    return k >= 0 && k < v.n() && (v.tok(k).lower == "and" || v.tok(k).lower == "or");
  };
  auto comma = [&](int k) { return k >= 0 && k < v.n() && v.tok(k).text == ","; };
  auto actor_at = [&](int k) {
    if (k < 0 || k >= v.n()) return -1;
    int o = v.mention_at[static_cast<size_t>(k)];
    const Mention* om = v.MentionOf(o);
    if (!om || om->entity < 0 || om->pronoun || !compatible(om->type)) return -1;
    return o;
  };
  if (right) {
    std::vector<int> items;
    bool closed = false;
    int k = mm->last;
    while (k < v.n() && items.size() < 12) {
      bool c = comma(k), a = false;
      int j = k + (c ? 1 : 0);
      if (conj(j)) {
        a = true;
        ++j;
      } else if (v.lex.lang != "fr" && j + 3 < v.n() && v.tok(j).lower == "as" &&
                 v.tok(j + 1).lower == "well" && v.tok(j + 2).lower == "as") {
        // "met the Syrian National Coalition, as well as local organisations"
        a = true;
        j += 3;
      }
      if (!c && !a) break;
      int o = actor_at(j);
      if (o < 0) break;
      items.push_back(o);
      if (a) {
        closed = true;
        break;
      }
      k = v.MentionOf(o)->last;
    }
    if (closed) out = items;
    return out;
  }
  int k = mm->first - 1;
  if (!conj(k)) return out;
  --k;
  if (comma(k)) --k;
  while (k >= 0 && out.size() < 12) {
    int o = actor_at(k);
    if (o < 0) break;
    out.push_back(o);
    k = v.MentionOf(o)->first - 1;
    if (!comma(k)) break;
    --k;
  }
  return out;
}

// "between A and B" within ten words after `from`: the two actors.
bool BetweenPair(const SentenceView& v, int from, int* a, int* b) {
  for (int k = from; k < std::min(v.n(), from + 10); ++k) {
    if (v.tok(k).text == ";" || v.tok(k).text == ".") return false;
    if (v.tok(k).lower != "between") continue;
    int m = v.mention_at[static_cast<size_t>(std::min(v.n() - 1, k + 1))];
    const Mention* mm = v.MentionOf(m);
    if (!mm || mm->entity < 0) return false;
    int j = mm->last;
    if (j >= v.n() || v.tok(j).lower != "and") {
      // "between Iraq's federal and regional governments" is past reading; stop here.
      return false;
    }
    int o = v.mention_at[static_cast<size_t>(std::min(v.n() - 1, j + 1))];
    const Mention* om = v.MentionOf(o);
    if (!om || om->entity < 0 || om->entity == mm->entity) return false;
    *a = m;
    *b = o;
    return true;
  }
  return false;
}

// A triple that sentence `s` states between two of its mentions, with the sentence as
// evidence and its event date.
Triple SentenceTriple(const Document& doc, int s, RelationType relation, const Mention& a, const Mention& b,
                      float confidence, std::string_view trigger) {
  Triple t;
  t.subject = a.entity;
  t.object = b.entity;
  t.relation = relation;
  t.sentence = s;
  t.begin = doc.sentences[static_cast<size_t>(s)].begin;
  t.end = doc.sentences[static_cast<size_t>(s)].end;
  t.subject_mention = SideText(doc, a);
  t.object_mention = SideText(doc, b);
  t.trigger = std::string(trigger);
  t.confidence = confidence;
  t.date = EventDate(doc, doc.sentences[static_cast<size_t>(s)]);
  return t;
}

Triple LocationTriple(const Document& doc, int s, const Mention& who, const Mention& where, float confidence,
                      const char* trigger) {
  return SentenceTriple(doc, s, RelationType::kLocatedIn, who, where, confidence, trigger);
}

bool IsPlace(const Mention& m) { return m.type == EntityType::kPlace || m.type == EntityType::kState; }

// English names a state's people or organs through it: "U.S. troops", "Russian forces", "the
// government of Iraq" act and are somewhere; "Iraq", "northern Iraq" are where.
bool ActsAsPeople(const SentenceView& v, const Mention& m) {
  if (v.lex.lang == "fr" || m.type != EntityType::kState || m.pronoun) return false;
  if (!m.named) return true;
  for (int k = m.first; k < m.last; ++k)
    if (!v.tok(k).upper_initial && (v.Is(k, "group_head") || v.Is(k, "np_head"))) return true;
  return false;
}

// A mention that can be placed somewhere: an actor, not a place.
bool IsWho(const SentenceView& v, const Mention& m) { return !IsPlace(m) || ActsAsPeople(v, m); }

// The other actors of the clause that holds a locative phrase are there too: "des
// manifestants et des policiers se sont affrontés dans le centre de Lyon". The clause runs
// between semicolons; actors governed by a preposition other than a locative one (the
// object of "contre", a possessor after "de") stay where the text leaves them.
void ClauseLocations(const Resources& res, const Document& doc, const SentenceView& v, const Mention& place,
                     int subject, std::vector<Triple>* out) {
  int from = 0, to = v.n();
  for (int k = place.first - 1; k >= 0; --k)
    if (v.tok(k).text == ";") {
      from = k + 1;
      break;
    }
  for (int k = place.last; k < v.n(); ++k)
    if (v.tok(k).text == ";") {
      to = k;
      break;
    }
  std::set<int> done;
  for (int k = from; k < to; ++k) {
    int m = v.mention_at[static_cast<size_t>(k)];
    if (m < 0 || m == subject) continue;
    const Mention* mm = v.MentionOf(m);
    k = mm->last - 1;
    if (mm->entity < 0 || mm->entity == place.entity || !IsWho(v, *mm) || !done.insert(mm->entity).second) continue;
    // Actors the gazetteer knows (leaders, ministries, armed groups) act from afar as often
    // as on the spot; the story's own people and groups are where it happens, also where an
    // object pronoun names them ("les ont transportés à l'hôpital").
    if ((mm->pronoun && !ObjectClitic(v, *mm)) || mm->type == EntityType::kIgo ||
        res.gazetteer.Find(doc.entities[static_cast<size_t>(mm->entity)].key) >= 0)
      continue;
    if (subject >= 0 && v.MentionOf(subject)->entity == mm->entity) continue;
    int g = mm->first - 1;
    while (g >= 0 && v.Is(g, "determiner")) --g;
    if (g >= 0 && v.Is(g, "preposition") && v.tok(g).lower != "des" && !v.Is(g, "locative_adjunct")) continue;
    out->push_back(LocationTriple(doc, v.s, *mm, place, 0.4f, "clause"));
  }
}

// English: whether the locative preposition at `prep` completes the common noun before it
// ("the crisis in Syria", "attacks in Paris and Brussels", "talks on the situation in Aleppo
// and across Syria", "members of the tribe in Anbar") rather than the verb: English attaches
// a prepositional phrase to the nearest noun. Nouns of situations and events are listed too
// (class locative_noun) for when the tagger reads them otherwise.
bool NounLocative(const SentenceView& v, int prep) {
  if (v.lex.lang == "fr") return false;
  int k = prep - 1;
  // A list of places: go back to the first preposition of the list.
  while (k > 0 && (v.tok(k).lower == "and" || v.tok(k).lower == "or" || v.tok(k).text == ",")) {
    int j = k - 1;
    const Mention* pm = v.MentionOf(v.mention_at[static_cast<size_t>(j)]);
    if (!pm || !IsPlace(*pm)) return false;
    j = pm->first - 1;
    while (j >= 0 && v.Is(j, "determiner")) --j;
    if (j < 0 || !v.Is(j, "locative_adjunct")) return false;
    k = j - 1;
  }
  if (k < 0 || v.mention_at[static_cast<size_t>(k)] >= 0 || v.tok(k).upper_initial ||
      !(v.Is(k, "locative_noun") || v.tok(k).pos == Pos::kNoun))
    return false;
  // "will host a conference in Brussels": who hosts or attends a gathering is where it is.
  if (v.Is(k, "gathering_noun"))
    for (int j = k - 1; j >= std::max(0, k - 5); --j)
      if (v.Is(j, "gathering_verb")) return false;
  return true;
}

// English locatives beyond the clause subject, for the place mention `pm` after the
// preposition at `prep`: the phrase the locative attaches to ("ISIL fighters in Mosul", "a
// headquarters near Sarmada"), each place of a list ("in Syria and Iraq"), and an opening
// "Near Mosul, ..." that puts every actor and place of the sentence there.
void PhraseLocations(const Document& doc, const SentenceView& v, int pm, int prep, int subj,
                     std::vector<Triple>* out) {
  const Mention& p = doc.mentions[static_cast<size_t>(pm)];
  std::vector<const Mention*> places{&p};
  for (int o : Coordinated(v, pm, true))
    if (IsPlace(*v.MentionOf(o))) places.push_back(v.MentionOf(o));
  std::vector<const Mention*> who;
  if (const Mention* sm = v.MentionOf(subj); sm && sm->entity >= 0 && IsWho(v, *sm)) who.push_back(sm);
  // The phrase right before the preposition.
  if (prep > 0) {
    const Mention* np = v.MentionOf(v.mention_at[static_cast<size_t>(prep - 1)]);
    if (np && np->entity >= 0 && !np->pronoun && np->last == prep && (IsWho(v, *np) || !np->named)) who.push_back(np);
  }
  // "Near Mosul, five strikes engaged ISIL units and destroyed a fighting position."
  int opener = 0;
  while (opener < prep && v.Is(opener, "sentence_adverb")) ++opener;
  const Mention* last_place = places.back();
  if (opener == prep && last_place->last < v.n() && v.tok(last_place->last).text == ",") {
    for (int k = last_place->last + 1; k < v.n(); ++k) {
      const Mention* m = v.MentionOf(v.mention_at[static_cast<size_t>(k)]);
      if (!m) continue;
      k = m->last - 1;
      // Named places are where things are; a state named by a phrase ("the government of
      // Iraq") acts.
      bool bare_place = m->named && (m->type == EntityType::kPlace || (m->type == EntityType::kState && m->long_text.empty()));
      if (m->entity < 0 || m->pronoun || bare_place) continue;
      who.push_back(m);
    }
  }
  for (const Mention* w : who)
    for (const Mention* pl : places)
      if (w->entity != pl->entity) out->push_back(LocationTriple(doc, v.s, *w, *pl, 0.55f, "locative"));
}

// "Syria's Idlib province": a place set inside a state by a possessive. ("Sarmada, Syria" is
// one name: ExtendNounPhrases.)
void PlaceInState(const Document& doc, const SentenceView& v, std::vector<Triple>* out) {
  for (int k = 0; k + 1 < v.n(); ++k) {
    const Mention* a = v.MentionOf(v.mention_at[static_cast<size_t>(k)]);
    if (!a || a->entity < 0 || a->type != EntityType::kPlace || !a->named || a->first != k) continue;
    if (k >= 2 && v.tok(k - 1).lower == "'s") {
      const Mention* st = v.MentionOf(v.mention_at[static_cast<size_t>(k - 2)]);
      if (st && st->entity >= 0 && st->entity != a->entity && IsPlace(*st))
        out->push_back(LocationTriple(doc, v.s, *a, *st, 0.6f, "'s"));
    }
  }
}

// A town the gazetteer places in a state, named in the same sentence as that state ("the
// bombardment of Aleppo and other towns in Syria", "Amiens in France"): the text relies on
// the reader knowing where the town is.
void KnownPlaceInState(const Document& doc, const SentenceView& v, std::vector<Triple>* out) {
  for (size_t a = v.mentions_begin; a < v.mentions_end; ++a) {
    const Mention& p = doc.mentions[a];
    if (p.sentence != v.s || p.entity < 0 || !p.named || p.type != EntityType::kPlace) continue;
    const Entity& pe = doc.entities[static_cast<size_t>(p.entity)];
    if (pe.country.empty()) continue;
    for (size_t b = v.mentions_begin; b < v.mentions_end; ++b) {
      const Mention& st = doc.mentions[b];
      if (st.sentence != v.s || st.entity < 0 || !st.named || st.type != EntityType::kState || st.pronoun) continue;
      const Entity& se = doc.entities[static_cast<size_t>(st.entity)];
      if (se.country != pe.country || st.entity == p.entity || ActsAsPeople(v, st)) continue;
      out->push_back(LocationTriple(doc, v.s, p, st, 0.5f, "gazetteer"));
      break;
    }
  }
}

// Where actors are: "X ... à/in PLACE" puts the clause's subject there; "l'hôpital de
// Denver" puts a place inside another; an opening "À Paris, ..." sets the scene for every
// actor of the story.
// Stories about actors the gazetteer knows (ministers, armed groups, organisations) are
// international news: their places are where something happened, not where everyone is. A
// local story names fewer than two of them.
bool LocalStory(const Resources& res, const Document& doc) {
  std::set<int> known;
  for (const Mention& m : doc.mentions) {
    if (m.entity < 0 || m.type == EntityType::kState || m.type == EntityType::kPlace) continue;
    if (res.gazetteer.Find(doc.entities[static_cast<size_t>(m.entity)].key) >= 0) known.insert(m.entity);
  }
  return known.size() < 2;
}

void LocationRelations(const Resources& res, const Document& doc, const Lexicon& lex,
                       const std::vector<size_t>& starts, std::vector<Triple>* out) {
  // The scene and clause readings are kept for local stories.
  const bool local_story = LocalStory(res, doc);
  for (int s = 0; s < static_cast<int>(doc.sentences.size()); ++s) {
    SentenceView v(doc, lex, s, starts);
    if (lex.lang != "fr") {
      PlaceInState(doc, v, out);
      KnownPlaceInState(doc, v, out);
    }
    for (size_t mi = v.mentions_begin; mi < v.mentions_end; ++mi) {
      const Mention& p = doc.mentions[mi];
      if (p.sentence != s || !IsPlace(p) || p.entity < 0) continue;
      int k = p.first - 1;
      while (k >= 0 && v.Is(k, "determiner")) --k;
      if (k < 0) continue;
      if (v.Is(k, "locative_adjunct") || (!p.named && v.Is(k, "locative_weak"))) {
        // "un entrepôt situé dans la commune de X", "la pension, installée à Lille": a
        // participle of placing puts the phrase it follows there, place or actor.
        if (lex.lang == "fr") {
          int part = k - 1;
          while (part > 0 && v.tok(part).pos == Pos::kAdv) --part;
          if (part >= 1 && v.tok(part).verb_form == VerbForm::kParticiple && v.Is(part, "placing_verb")) {
            int a = part - 1;
            if (a > 0 && v.tok(a).text == ",") --a;
            const Mention* held = v.MentionOf(v.mention_at[static_cast<size_t>(a)]);
            if (held && held->last == a + 1 && held->entity >= 0 && held->entity != p.entity && !held->pronoun)
              out->push_back(LocationTriple(doc, s, *held, p, 0.6f, "situated"));
          }
        }
        // "discussed the crisis in Syria": the place is where the crisis is, not the clause's
        // subject.
        int subj = NounLocative(v, k) ? -1 : SubjectBefore(v, k, false);
        // English "fire from ISIL fighters in a building", "the rights of citizens in Tikrit":
        // after an actor a preposition governs, the locative is that actor's, not the subject's.
        if (subj >= 0 && lex.lang != "fr" && k > 0) {
          const Mention* np = v.MentionOf(v.mention_at[static_cast<size_t>(k - 1)]);
          if (np && np->last == k && np->entity >= 0 && !np->pronoun && IsWho(v, *np) &&
              v.mention_at[static_cast<size_t>(k - 1)] != subj && v.Governed(*np))
            subj = -1;
        }
        // "Arrivés sur les lieux, les agents ont ...": a sentence that opens on a participle
        // clause is about the subject after its comma.
        if (subj < 0 && lex.lang == "fr" && v.n() > 0 && v.tok(0).verb_form == VerbForm::kParticiple) {
          int comma = p.last;
          while (comma < v.n() && v.tok(comma).text != ",") ++comma;
          for (int j = comma + 1; j < v.n() && j < comma + 6 && subj < 0; ++j) {
            int m = v.mention_at[static_cast<size_t>(j)];
            if (m < 0) continue;
            const Mention* cand = v.MentionOf(m);
            j = cand->last - 1;
            if (cand->entity >= 0 && !v.Governed(*cand)) subj = m;
            else break;
          }
        }
        const Mention* sm = v.MentionOf(subj);
        if (sm && sm->entity >= 0 && sm->entity != p.entity && IsWho(v, *sm))
          out->push_back(LocationTriple(doc, s, *sm, p, 0.6f, "locative"));
        if (lex.lang != "fr") PhraseLocations(doc, v, static_cast<int>(mi), k, subj, out);
        // A place that completes a noun ("reports of violations of the ceasefire in Syria")
        // sets no clause anywhere (English).
        if (local_story && !NounLocative(v, k)) ClauseLocations(res, doc, v, p, subj, out);
        continue;
      }
      // "l'hôpital de Denver", "the town of X in Y": a place noun right before "de"/"of".
      // French also nests places named by nouns: "les rues de la ville", "la cave de la
      // maison", "les prisons du pays".
      const bool fr_nested = lex.lang == "fr" && !p.named && !p.pronoun && v.tok(k).lower != "of";
      if ((v.tok(k).lower == "de" || v.tok(k).lower == "d'" || v.tok(k).lower == "of" ||
           (fr_nested && v.tok(k).lower == "du")) &&
          k > 0 && (p.named || fr_nested)) {
        int m = v.mention_at[static_cast<size_t>(k - 1)];
        const Mention* inner = v.MentionOf(m);
        if (inner && inner->entity >= 0 && inner->entity != p.entity && IsPlace(*inner) && !inner->named)
          out->push_back(LocationTriple(doc, s, *inner, p, 0.6f, "de"));
      }
    }
  }
  // The scene: where a local story happens, said by its first sentence that names a place
  // (or the second when the first names none): the places after a locative ("À Paris, ...",
  // "Ce 6 juillet à Bruxelles, ...", "sur la place centrale de Dublin", "In Baghdad, ...")
  // and the named places after "de" ("au port d'Hambourg", "la police de Tokyo"); failing
  // those, the places the sentence names as its subject or object ("Belgrade a connu un
  // krach", "un cyclone a frappé Paris"). Every actor of the story is there.
  if (doc.sentences.empty()) return;
  const bool fr = lex.lang == "fr";  // English keeps its locative openings ("In Baghdad, ...")
  std::vector<const Mention*> scene;
  for (int s0 = 0; s0 < std::min<int>(2, static_cast<int>(doc.sentences.size())) && scene.empty(); ++s0) {
    SentenceView first(doc, lex, s0, starts);
    std::vector<const Mention*> bare;
    for (size_t mi = first.mentions_begin; mi < first.mentions_end; ++mi) {
      const Mention& m = doc.mentions[mi];
      if (m.sentence != s0 || m.entity < 0 || !IsPlace(m)) continue;
      int k = m.first - 1;
      while (k >= 0 && first.Is(k, "determiner")) --k;
      bool locative = k >= 0 && (first.Is(k, "locative_adjunct") || (fr && first.Is(k, "locative_weak")));
      // English sets a story's scene in an opening adverbial ("In Baghdad, ..."); a place
      // inside a clause ("reports that ISIL has killed ... in Anbar") is that clause's.
      if (locative && !fr) {
        int j = 0;
        while (j < k && first.Is(j, "sentence_adverb")) ++j;
        locative = j == k;
      }
      if (locative) {
        scene.push_back(&m);
        continue;
      }
      if (!fr) continue;
      // "au port d'Hambourg", "la police de Tokyo", "les habitants de Lausanne": a named place
      // after "de" is where what the sentence speaks of lies.
      if (m.named && !m.pronoun && k >= 1 && (first.tok(k).lower == "de" || first.tok(k).lower == "d'" ||
                                              first.tok(k).lower == "du")) {
        scene.push_back(&m);
        continue;
      }
      if (m.named && !m.pronoun && !first.Governed(m)) bare.push_back(&m);
    }
    if (scene.empty()) scene = bare;
  }
  bool opening = !scene.empty();
  if (!opening) return;
  if (!local_story) return;
  std::set<int> scene_entities;
  for (const Mention* p : scene) scene_entities.insert(p->entity);
  std::set<int> done;
  for (const Mention& m : doc.mentions) {
    if (m.entity < 0 || m.pronoun || scene_entities.count(m.entity) || done.count(m.entity)) continue;
    if (m.type == EntityType::kState || m.type == EntityType::kIgo) continue;
    // Actors the gazetteer knows (leaders, ministries, armed groups) act from afar as often
    // as on the scene; the story's own people, groups and places are on it.
    if (res.gazetteer.Find(doc.entities[static_cast<size_t>(m.entity)].key) >= 0) continue;
    done.insert(m.entity);
    for (const Mention* p : scene) out->push_back(LocationTriple(doc, m.sentence, m, *p, 0.5f, "scene"));
  }
  // Scene places inside one another: a town in its state, "un village" in "le Soudan".
  for (const Mention* a : scene) {
    for (const Mention* b : scene) {
      if (a->entity == b->entity || a->type == EntityType::kState) continue;
      if (b->type == EntityType::kState || (!a->named && b->named))
        out->push_back(LocationTriple(doc, 0, *a, *b, 0.5f, "scene"));
    }
  }
}


// Belonging read from a genitive: "les employés de Bruxos-Pestos", "un cadre de l'OGSP",
// "members of the SDF": people named by a common noun, then de/of and an organisation.
void GenitiveRelations(const Document& doc, const Lexicon& lex, const std::vector<size_t>& starts,
                       std::vector<Triple>* out) {
  for (int s = 0; s < static_cast<int>(doc.sentences.size()); ++s) {
    SentenceView v(doc, lex, s, starts);
    for (size_t mi = v.mentions_begin; mi < v.mentions_end; ++mi) {
      const Mention& m = doc.mentions[mi];
      if (m.sentence != s || m.entity < 0 || m.named || m.type != EntityType::kGroup) continue;
      int k = m.last;
      if (k + 1 >= v.n()) continue;
      const std::string& w = v.tok(k).lower;
      // English "soldiers from the 3rd Battalion", "militants from ISIL": where people come
      // from is the unit they belong to (a place after "from" is only their origin).
      const bool from = w == "from" && lex.lang != "fr";
      if (w != "de" && w != "d'" && w != "du" && w != "des" && w != "of" && !from) continue;
      ++k;
      while (k < v.n() && v.Is(k, "determiner")) ++k;
      if (k >= v.n()) continue;
      const Mention* o = v.MentionOf(v.mention_at[static_cast<size_t>(k)]);
      if (!o || o->entity < 0 || o->entity == m.entity) continue;
      RelationType relation;
      if (o->type == EntityType::kOrg || o->type == EntityType::kArmedGroup || o->type == EntityType::kIgo ||
          (o->type == EntityType::kGroup && !o->plural)) {
        relation = RelationType::kMemberOf;
      } else if (o->type == EntityType::kPlace && !from) {
        relation = RelationType::kLocatedIn;
      } else {
        continue;
      }
      out->push_back(SentenceTriple(doc, s, relation, m, *o, 0.6f, v.tok(m.last).text));
    }
  }
}

// French partitives: "Paul Henry, un des manifestants", "L'un des employés, Marc Olivier",
// "Parmi les victimes, Mme Lambert ...": the one named is one of the group.
void PartitiveRelations(const Document& doc, const Lexicon& lex, const std::vector<size_t>& starts,
                        std::vector<Triple>* out) {
  if (lex.lang != "fr") return;
  auto actor = [](const Mention* m) {
    return m && m->entity >= 0 && m->type != EntityType::kPlace && m->type != EntityType::kState;
  };
  for (int s = 0; s < static_cast<int>(doc.sentences.size()); ++s) {
    SentenceView v(doc, lex, s, starts);
    auto first_after = [&](int from, int window) -> const Mention* {
      for (int j = from; j < std::min(v.n(), from + window); ++j) {
        const Mention* m = v.MentionOf(v.mention_at[static_cast<size_t>(j)]);
        if (m) return m;
        if (!v.tok(j).is_word) return nullptr;
      }
      return nullptr;
    };
    for (int k = 0; k + 2 < v.n(); ++k) {
      const std::string& w = v.tok(k).lower;
      const bool one_of = (w == "un" || w == "une") && v.Is(k + 1, "partitive_of");
      const bool among = w == "parmi" && (k == 0 || !v.tok(k - 1).is_word);
      if (!one_of && !among) continue;
      const int at = one_of ? k + 2 : k + 1;
      int j = at;
      while (j < v.n() && v.Is(j, "determiner")) ++j;
      const Mention* group = v.MentionOf(v.mention_at[static_cast<size_t>(std::min(j, v.n() - 1))]);
      if (!actor(group) || group->first != j || group->type != EntityType::kGroup || !group->plural) continue;
      const Mention* one = nullptr;
      // "X, un des N": the mention right before the comma.
      int b = k - 1;
      if (one_of && b >= 0 && v.tok(b).lower == "l'") --b;
      if (one_of && b >= 1 && v.tok(b).text == ",") {
        const Mention* m = v.MentionOf(v.mention_at[static_cast<size_t>(b - 1)]);
        if (actor(m) && m->last == b && !m->pronoun) one = m;
      }
      // "(L')un des N, X", "Parmi les N, X": the first actor after the comma.
      if (!one && group->last < v.n() && v.tok(group->last).text == "," && (among || b < 0 || v.tok(b).text != ",")) {
        const Mention* m = first_after(group->last + 1, 4);
        if (actor(m) && !m->pronoun && (m->type == EntityType::kPerson || !m->plural)) one = m;
      }
      if (!one || one->entity == group->entity) continue;
      out->push_back(SentenceTriple(doc, s, RelationType::kMemberOf, *one, *group, 0.6f, v.tok(k).text));
    }
  }
}

// English "Turkey within NATO", "factions within the coalition": an actor set within an
// organisation is one of its members.
void WithinRelations(const Document& doc, const Lexicon& lex, const std::vector<size_t>& starts,
                     std::vector<Triple>* out) {
  if (lex.lang == "fr") return;
  for (int s = 0; s < static_cast<int>(doc.sentences.size()); ++s) {
    SentenceView v(doc, lex, s, starts);
    for (int k = 1; k + 1 < v.n(); ++k) {
      if (v.tok(k).lower != "within") continue;
      const Mention* one = v.MentionOf(v.mention_at[static_cast<size_t>(k - 1)]);
      int j = k + 1;
      while (j < v.n() && v.Is(j, "determiner")) ++j;
      if (j >= v.n()) continue;
      const Mention* body = v.MentionOf(v.mention_at[static_cast<size_t>(j)]);
      if (!one || !body || one->last != k || body->first != j || one->entity < 0 || body->entity < 0 ||
          one->pronoun || one->entity == body->entity || IsPlace(*body) ||
          body->type == EntityType::kPerson || one->type == EntityType::kPlace)
        continue;
      // "within NATO and the coalition": each body of the list.
      std::vector<const Mention*> bodies{body};
      for (int o : Coordinated(v, v.mention_at[static_cast<size_t>(j)], true))
        if (const Mention* b = v.MentionOf(o); b->entity >= 0 && !IsPlace(*b) && b->type != EntityType::kPerson)
          bodies.push_back(b);
      for (const Mention* b : bodies) {
        if (b->entity != one->entity)
          out->push_back(SentenceTriple(doc, s, RelationType::kMemberOf, *one, *b, 0.6f, v.tok(k).text));
      }
    }
  }
}

// Location is transitive: whoever is in the hospital is in the town the hospital is in ("la
// victime a été transportée à l'hôpital de Denver"). Adds A LOCATED_IN C for every A
// LOCATED_IN B and B LOCATED_IN C the article states, each pair once, with the sentence of
// the statement that placed A. Kept for local stories: in international news the places of
// an actor are where something happened, and chaining them goes wrong. French only for now:
// English gold (RE3D) lists the stated pairs alone, where it costs precision and finds
// nothing.
void LocationClosure(const Document& doc, const std::vector<Triple>& found, std::vector<Triple>* out) {
  std::map<int, std::vector<const Triple*>> inside;  // entity -> the statements placing it
  std::set<std::pair<int, int>> known;
  for (const std::vector<Triple>* list : {&doc.triples, &found}) {
    for (const Triple& t : *list) {
      if (t.relation != RelationType::kLocatedIn || t.negated || t.subject == t.object) continue;
      if (known.insert({t.subject, t.object}).second) inside[t.subject].push_back(&t);
    }
  }
  for (const auto& [start, direct] : inside) {
    // Breadth first from `start`, remembering the statement that placed `start`.
    std::vector<std::pair<int, const Triple*>> queue;
    std::set<int> reached{start};
    for (const Triple* t : direct) {
      reached.insert(t->object);
      queue.emplace_back(t->object, t);
    }
    for (size_t q = 0; q < queue.size(); ++q) {
      auto [at, first] = queue[q];
      auto it = inside.find(at);
      if (it == inside.end()) continue;
      for (const Triple* next : it->second) {
        int place = next->object;
        if (!reached.insert(place).second || known.count({place, start})) continue;
        queue.emplace_back(place, first);
        if (!known.insert({start, place}).second) continue;
        Triple t = *first;
        t.object = place;
        t.object_mention = next->object_mention;
        t.trigger = "transitive";
        t.confidence = std::min(first->confidence, next->confidence) * 0.9f;
        out->push_back(std::move(t));
      }
    }
  }
}

// Acts two sides do together ("A and B met", "agreed", "worked together"); a sanction or an
// attack by "A and B" is theirs against someone else.
bool MutualAct(RelationType r) {
  return r == RelationType::kConsult || r == RelationType::kAgree || r == RelationType::kCooperate ||
         r == RelationType::kAllyOf;
}

// English: those who meet are where they meet. A meeting (CONSULT, AGREE) whose one side the
// sentence places somewhere by a locative puts the other side there too ("Julie Bishop met
// the Iraqi foreign minister in Canberra"), unless they met by phone or video.
void MeetingPlaces(const std::vector<Triple>& found, std::vector<Triple>* located) {
  std::vector<Triple> extra;
  for (const Triple& m : found) {
    if ((m.relation != RelationType::kConsult && m.relation != RelationType::kAgree) || m.negated ||
        m.mode == "phone" || m.mode == "video")
      continue;
    for (const Triple& l : *located) {
      if (l.sentence != m.sentence || l.relation != RelationType::kLocatedIn || l.trigger != "locative") continue;
      int other = l.subject == m.subject ? m.object : l.subject == m.object ? m.subject : -1;
      if (other < 0 || other == l.object) continue;
      Triple t = l;
      t.subject = other;
      t.subject_mention = other == m.subject ? m.subject_mention : m.object_mention;
      t.trigger = "meeting";
      t.confidence = 0.5f;
      extra.push_back(std::move(t));
    }
  }
  for (Triple& t : extra) located->push_back(std::move(t));
}

// English: actors who do one act together cooperate ("The UK, the Global Coalition and the
// Government of Iraq are committed to defeating these terrorists"). Adds a COOPERATE triple,
// copied from `base`, for each pair of the coordinated `subjects` that are not places.
// Adds `base`, the triple a trigger of sentence `s` states, restated as `relation` from `a`
// to `b` with that relation's CAMEO code: a triple the text implies beside it. Once per
// sentence, by `seen`.
void AddImplied(const Document& doc, int s, const Triple& base, RelationType relation, const Mention& a,
                const Mention& b, float confidence, std::set<std::tuple<int, int, int, bool, int>>* seen,
                std::vector<Triple>* found) {
  Triple t = base;
  t.relation = relation;
  t.cameo = std::string(Relation(relation).cameo);
  t.subject = a.entity;
  t.object = b.entity;
  t.subject_mention = SideText(doc, a);
  t.object_mention = SideText(doc, b);
  t.confidence = confidence;
  auto key = std::make_tuple(t.subject, static_cast<int>(t.relation), t.object, t.negated, s);
  if (seen->insert(key).second) found->push_back(std::move(t));
}

void CoActors(const Document& doc, const SentenceView& v, const std::vector<int>& subjects,
              const Triple& base, std::set<std::tuple<int, int, int, bool, int>>* seen,
              std::vector<Triple>* found) {
  for (size_t x = 0; x < subjects.size(); ++x) {
    for (size_t y = x + 1; y < subjects.size(); ++y) {
      const Mention* a = v.MentionOf(subjects[x]);
      const Mention* b = v.MentionOf(subjects[y]);
      if (a->entity == b->entity || a->type == EntityType::kPlace || b->type == EntityType::kPlace)
        continue;
      AddImplied(doc, v.s, base, RelationType::kCooperate, *b, *a, 0.5f, seen, found);
    }
  }
}

bool IsCooperation(RelationType r) {
  return r == RelationType::kSupport || r == RelationType::kAid || r == RelationType::kCooperate;
}

// The actor named after "against" within the clause that follows mention `m` ("the Iraqi
// government against the terrorism of ISIL", "the Government of Iraq in the fight against
// ISIL"), or -1.
int AgainstAfter(const SentenceView& v, const Mention& m) {
  for (int k = m.last; k < std::min(v.n() - 1, m.last + 8); ++k) {
    const Token& t = v.tok(k);
    if (t.text == ";" || t.text == "." || t.text == ":" || v.Is(k, "relative")) return -1;
    if (t.lower != "against") continue;
    int c = FirstMentionAfter(v, k + 1, 8, false);
    const Mention* cm = v.MentionOf(c);
    if (!cm || cm->entity < 0 || IsPlace(*cm)) return -1;
    return c;
  }
  return -1;
}

// English: who supports an actor in its fight shares the fight. "The coalition is assisting
// the Iraqi government to degrade and destroy ISIL": the coalition opposes ISIL as well.
void SharedFights(std::vector<Triple>* found, std::set<std::tuple<int, int, int, bool, int>>* seen) {
  std::vector<Triple> extra;
  for (const Triple& help : *found) {
    if (!IsCooperation(help.relation) || help.negated) continue;
    for (const Triple& fight : *found) {
      if (fight.sentence != help.sentence || fight.subject != help.object || fight.negated) continue;
      if (Relation(fight.relation).coarse != "CONFLICT" || fight.object == help.subject) continue;
      Triple t = fight;
      t.relation = RelationType::kOpposes;
      t.cameo.clear();
      t.subject = help.subject;
      t.subject_mention = help.subject_mention;
      t.trigger = help.trigger + " ... " + fight.trigger;
      t.confidence = 0.6f;
      auto key = std::make_tuple(t.subject, static_cast<int>(t.relation), t.object, false, t.sentence);
      if (seen->insert(key).second) extra.push_back(std::move(t));
    }
  }
  for (Triple& t : extra) found->push_back(std::move(t));
}

}  // namespace

void ExtractRelations(const Resources& res, const Lexicon& lex, Document* doc) {
  std::set<std::tuple<int, int, int, bool, int>> seen;
  for (const Triple& t : doc->triples)
    seen.insert({t.subject, static_cast<int>(t.relation), t.object, t.negated, t.sentence});
  std::vector<Triple> found;
  const std::vector<size_t> starts = MentionStarts(*doc);
  for (int s = 0; s < static_cast<int>(doc->sentences.size()); ++s) {
    SentenceView v(*doc, lex, s, starts);
    std::string date = EventDate(*doc, doc->sentences[static_cast<size_t>(s)]);
    bool reported = false;
    std::string sentence_mode;
    for (int k = 0; k < v.n(); ++k) {
      if (v.Is(k, "reporting")) reported = true;
      auto mw = lex.mode_words.find(v.tok(k).lemma);
      if (mw == lex.mode_words.end()) mw = lex.mode_words.find(v.tok(k).lower);
      if (mw != lex.mode_words.end()) sentence_mode = mw->second;
    }
    int verb_subject = -1;  // subject of the last verb trigger of this sentence (English)
    int verb_object = -1;   // and its object
    bool verb_seen = false;
    for (int i = 0; i < v.n(); ++i) {
      const Token& t = v.tok(i);
      if (!t.is_word) continue;
      std::vector<int> cands;
      for (const std::string* key : {&t.lemma, &t.lower}) {
        auto it = lex.by_first.find(*key);
        if (it != lex.by_first.end()) cands.insert(cands.end(), it->second.begin(), it->second.end());
      }
      if (t.lower.size() > 2 && (t.lower.back() == 's' || t.lower.back() == 'x')) {
        auto it = lex.by_first.find(t.lower.substr(0, t.lower.size() - 1));
        if (it != lex.by_first.end()) cands.insert(cands.end(), it->second.begin(), it->second.end());
      }
      std::sort(cands.begin(), cands.end());
      cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
      // Longest pattern first; one trigger per position.
      std::sort(cands.begin(), cands.end(), [&](int a, int b) {
        return lex.triggers[static_cast<size_t>(a)].pattern.size() > lex.triggers[static_cast<size_t>(b)].pattern.size();
      });
      for (int ci : cands) {
        const Trigger& tr = lex.triggers[static_cast<size_t>(ci)];
        int end = MatchPattern(v, tr.pattern, i);
        if (end < 0) continue;
        if (tr.pronominal && !Reflexive(v, i)) continue;
        const bool noun = tr.kind == TriggerKind::kNoun;
        // English capitalises a word inside a name: "Central Command", "Armed Forces",
        // "Operation Inherent Resolve" hold no act.
        if (lex.lang != "fr" && t.upper_initial && i > 0 && v.tok(i - 1).is_word && !tr.subject_is_self) continue;
        // ... also after a dash in a line of capitalised words ("Operation X - Targeted
        // Operations Against Y" is a heading).
        if (lex.lang != "fr" && t.upper_initial && i > 1 && !tr.subject_is_self &&
            (v.tok(i - 1).text == "-" || v.tok(i - 1).text == "\xE2\x80\x93") &&
            v.tok(i - 2).upper_initial && i + 1 < v.n() && v.tok(i + 1).upper_initial)
          continue;
        // A word inside a name is no trigger: l'association « Aide pour tous ».
        if (!tr.subject_is_self && v.mention_at[static_cast<size_t>(i)] >= 0) {
          const Mention* in = v.MentionOf(v.mention_at[static_cast<size_t>(i)]);
          if (in->named && !in->pronoun && in->first < i) continue;
          // English: a modifier before the head of a common noun phrase ("five fighting
          // positions") describes the head, it reports no act.
          if (lex.lang != "fr" && !in->named && !in->pronoun && i < in->last - 1) continue;
        }
        // A verb form after a determiner is a noun or an adjective ("the supporting role"),
        // also past other modifiers ("the continued supporting role") (English).
        if (!noun && i > 0 && v.Is(i - 1, "determiner")) continue;
        if (!noun && lex.lang != "fr" && i > 1) {
          int k = i - 1;
          while (k > 0 && v.mention_at[static_cast<size_t>(k)] < 0 &&
                 (v.tok(k).pos == Pos::kAdj || v.tok(k).pos == Pos::kAdv ||
                  (v.tok(k).verb_form == VerbForm::kParticiple && !v.Is(k, "passive_aux"))))
            --k;
          if (k < i - 1 && v.mention_at[static_cast<size_t>(k)] < 0 && v.Is(k, "determiner") &&
              !v.Is(k, "quantifier"))
            continue;
        }
        if (!KindAgrees(t, tr.kind)) continue;
        // "ISIL is a threat to Iraq", "the threat they pose to Syria": a noun of danger that
        // is predicated or posed describes the actor, it reports no act.
        if (noun && lex.lang != "fr" && v.Is(i, "danger_noun") && DangerDescribed(v, i, end))
          continue;

        int subj = -1, obj = -1;
        int agent_prep = -1;
        bool direct_object = false;  // the object is the verb's direct object
        bool passive = !noun && tr.object_is_subject_of_passive &&
                       std::find(tr.object_preps.begin(), tr.object_preps.end(), "") != tr.object_preps.end() &&
                       LooksPassive(v, end - 1, &agent_prep);
        if (!noun && !passive && !tr.object_preps.empty() && tr.object_preps[0].empty()) {
          // "was killed in northern Iraq": a passive with no agent names no doer.
          bool auxiliary = false;
          for (int k = std::max(0, i - 2); k < i; ++k) auxiliary = auxiliary || v.Is(k, "passive_aux");
          // English: a past participle ("was killed"), not a progressive ("is helping").
          bool participle = v.lex.lang == "fr" ? true
                                               : (t.lower != t.lemma && !(t.lower.size() > 4 &&
                                                                          t.lower.compare(t.lower.size() - 3, 3, "ing") == 0));
          if (t.pos != Pos::kX) participle = t.verb_form == VerbForm::kParticiple;
          if (auxiliary && participle && tr.object_preps.size() == 1) continue;
          // "Russian officials accused of undermining Ukraine": a participle right after the
          // actor it describes is a passive without its auxiliary, here with no doer.
          if (lex.lang != "fr" && participle && !auxiliary && i > 0 &&
              v.mention_at[static_cast<size_t>(i - 1)] >= 0 && t.verb_form == VerbForm::kParticiple &&
              !v.Is(i - 1, "passive_aux")) {
            // Only once the clause has its own verb: in "In 2023 Finland joined NATO" the
            // form the tagger calls a participle is the main verb.
            bool finite = false;
            for (int k = 0; k < i && !finite; ++k)
              finite = v.tok(k).pos == Pos::kAux ||
                       (v.tok(k).pos == Pos::kVerb && v.tok(k).verb_form == VerbForm::kFinite);
            if (finite) continue;
          }
        }
        if (passive) {
          subj = FirstMentionAfter(v, agent_prep + 1, 5, false);
          bool auxiliary = false;
          for (int k = std::max(0, i - 3); k < i; ++k) auxiliary = auxiliary || v.Is(k, "passive_aux");
          obj = auxiliary ? SubjectBefore(v, i, false) : Antecedent(v, i);
          // "Interrogée par les journalistes, Mme X a ...": a participle opening the sentence
          // describes the subject of the clause after its comma.
          if (!auxiliary && lex.lang == "fr") {
            int opener = OpeningParticipleSubject(v, i, agent_prep);
            if (opener >= 0) obj = opener;
          }
        } else {
          if (tr.subject_is_self) {
            subj = v.mention_at[static_cast<size_t>(i)];
          } else if (!noun && lex.lang != "fr" && verb_seen && i > 0 &&
                     (v.tok(i - 1).lower == "and" || v.tok(i - 1).lower == "or")) {
            // "Washington would set up a headquarters ..., send a brigade ... and station
            // destroyers": coordinated verbs share the subject, also when the first verb's
            // subject is no actor ("one strike engaged a unit and destroyed a position").
            subj = verb_subject;
          } else if (!noun && lex.lang != "fr" && i > 0 && v.tok(i - 1).lower == "to" &&
                     verb_object >= 0 && v.MentionOf(verb_object)->last == i - 1) {
            // "stands by Iraq to defeat X", "helped the army to retake Y": the object of the
            // verb before an infinitive does what the infinitive says.
            subj = verb_object;
          } else {
            subj = SubjectBefore(v, i, noun);
            // "In support of the Iraqi forces, coalition aircraft struck ...": a noun in the
            // sentence's opening phrase is the act of the clause's subject after the comma.
            if (subj < 0 && noun && lex.lang != "fr") subj = OpeningPhraseSubject(v, i);
          }
          if (!noun) {
            verb_subject = subj;
            verb_object = -1;
            verb_seen = true;
          }
          // "the agreement between A and B": the two sides are the pair, whoever welcomes it.
          if (noun && lex.lang != "fr" &&
              std::find(tr.object_preps.begin(), tr.object_preps.end(), "between") != tr.object_preps.end()) {
            int a = -1, b = -1;
            if (BetweenPair(v, end, &a, &b)) {
              subj = a;
              obj = b;
            }
          }
          const Mention* sm = v.MentionOf(subj);
          for (const std::string& prep : tr.object_preps) {
            if (obj >= 0) break;
            if (prep.empty()) {
              // "helped to encircle Mosul": an infinitive after the verb is its object, and
              // what it names belongs to the infinitive's own act.
              if (lex.lang != "fr" && end + 1 < v.n() && v.tok(end).lower == "to" &&
                  v.tok(end + 1).pos == Pos::kVerb)
                continue;
              // "will aid in denying ISIL a safe haven": the same for "in" and a gerund.
              if (lex.lang != "fr" && end + 1 < v.n() && v.tok(end).lower == "in" &&
                  v.tok(end + 1).verb_form == VerbForm::kGerund)
                continue;
              obj = FirstMentionAfter(v, end, 8, true);
              direct_object = obj >= 0;
            } else if (prep == "loc") {
              for (int k = end; k < std::min(v.n(), end + 8) && obj < 0; ++k) {
                if (v.tok(k).text == "," || v.tok(k).text == ";") break;
                if (v.Is(k, "locative")) obj = FirstMentionAfter(v, k + 1, 6, false);
              }
              // "en Syrie, où Moscou a déployé": the place before "où".
              if (obj < 0 && sm != nullptr) {
                int k = sm->first - 1;
                if (k >= 0 && v.Is(k, "relative_where")) {
                  for (int j = k - 1; j >= 0 && j >= k - 3; --j) {
                    int m = v.mention_at[static_cast<size_t>(j)];
                    if (m >= 0) {
                      obj = m;
                      break;
                    }
                  }
                }
              }
            } else if (prep == "entre" || prep == "between") {
              for (int k = end; k < std::min(v.n(), end + 10) && obj < 0; ++k) {
                if (v.tok(k).lower != prep) continue;
                for (int j = k + 1; j < std::min(v.n(), k + 10) && obj < 0; ++j) {
                  int m = v.mention_at[static_cast<size_t>(j)];
                  if (m < 0) continue;
                  const Mention* mm = v.MentionOf(m);
                  j = mm->last - 1;
                  if (!sm || mm->entity < 0) continue;
                  const Entity& se = doc->entities[static_cast<size_t>(sm->entity)];
                  const Entity& oe = doc->entities[static_cast<size_t>(mm->entity)];
                  bool own_side =
                      mm->entity == sm->entity || (!se.country.empty() && oe.country == se.country);
                  if (!own_side) obj = m;
                }
              }
            } else {
              for (int k = end; k < std::min(v.n(), end + 10) && obj < 0; ++k) {
                if (v.tok(k).text == ";" ) break;
                // English: an infinitive opens another act ("a strike to target fighters").
                if (lex.lang != "fr" && v.tok(k).lower == "to" && k + 1 < v.n() &&
                    v.tok(k + 1).pos == Pos::kVerb)
                  break;
                if (PrepMatches(v.tok(k), prep)) {
                  obj = lex.lang == "fr" ? FirstMentionAfter(v, k + 1, 7, false) : MentionInPhrase(v, k + 1, 7);
                  // English: the first such preposition is the trigger's; a later one belongs
                  // to another word ("a strike on the location to target fighters firing on
                  // Iraqi forces").
                  if (lex.lang != "fr") break;
                }
              }
            }
          }
        }
        // "les secours ont pu la sauver", "il lui a annoncé": an object pronoun before the verb.
        if (obj < 0 && !noun && lex.lang == "fr") {
          bool direct = false, dative = false;
          for (const std::string& prep : tr.object_preps) {
            direct = direct || prep.empty();
            dative = dative || prep == "\xC3\xA0";
          }
          obj = CliticObject(v, i, direct, dative);
        }
        // "un camp de l'État islamique", "positions of ISIL": a place named by a common noun
        // stands for the actor it belongs to.
        if (const Mention* o = v.MentionOf(obj); o && o->type == EntityType::kPlace && !o->named &&
                                                 tr.relation != RelationType::kMobilize &&
                                                 tr.relation != RelationType::kLocatedIn) {
          for (int k = o->last; k < std::min(v.n(), o->last + 4); ++k) {
            const std::string& w = v.tok(k).lower;
            if (w != "de" && w != "d'" && w != "du" && w != "des" && w != "of" && !v.Is(k, "determiner") &&
                v.mention_at[static_cast<size_t>(k)] < 0 && !(k == o->last + 1))
              break;
            const Mention* owner = v.MentionOf(v.mention_at[static_cast<size_t>(k)]);
            if (owner && owner != o && owner->entity >= 0 && owner->type != EntityType::kPlace) {
              obj = v.mention_at[static_cast<size_t>(k)];
              break;
            }
          }
        }
        // "A, together with B, is working to ...", "A, alongside B, fought": a mutual act's
        // other side can stand by the subject (English).
        if (obj < 0 && subj >= 0 && lex.lang != "fr" && MutualAct(tr.relation)) {
          for (int k = v.MentionOf(subj)->last; k + 1 < i && obj < 0; ++k) {
            const std::string& w = v.tok(k).lower;
            if (w == "alongside") obj = MentionInPhrase(v, k + 1, 6);
            if (w == "with" && k > 0 &&
                (v.tok(k - 1).lower == "together" || v.tok(k - 1).lower == "along"))
              obj = MentionInPhrase(v, k + 1, 6);
          }
        }
        // "Barack Obama et Vladimir Poutine se sont entretenus": a symmetric act with no
        // object joins the two coordinated subjects.
        if (obj < 0 && subj >= 0 && Relation(tr.relation).symmetric &&
            (lex.lang == "fr" || MutualAct(tr.relation))) {
          const Mention* sm0 = v.MentionOf(subj);
          int k = sm0->first - 1;
          if (k >= 1 && (v.tok(k).lower == "et" || v.tok(k).lower == "and")) {
            int other = v.mention_at[static_cast<size_t>(k - 1)];
            if (other >= 0) obj = other;
          }
        }
        if (!noun && obj >= 0 && direct_object) verb_object = obj;
        const Mention* sm = v.MentionOf(subj);
        const Mention* om = v.MentionOf(obj);
        // "France, Germany and the UK condemned the attack on oil facilities": actors who do
        // one act together cooperate, also when the act names no actor as its object, where
        // they stand right before the verb as its subject.
        bool subject_next = false;
        if (!om && sm && !noun) {
          int k = sm->last;
          while (k < i && (v.tok(k).pos == Pos::kAux || v.tok(k).pos == Pos::kAdv)) ++k;
          subject_next = k == i;
        }
        if (subject_next && sm->entity >= 0 && lex.lang != "fr" && !MutualAct(tr.relation) &&
            !tr.subject_is_self && !tr.inverse && !NegatedAt(v, i)) {
          std::vector<int> subjects{subj};
          for (int o : Coordinated(v, subj, false)) subjects.push_back(o);
          if (subjects.size() > 1 && !v.Governed(*v.MentionOf(subjects.back()))) {
            Triple base;
            base.date = date;
            base.sentence = s;
            base.begin = doc->sentences[static_cast<size_t>(s)].begin;
            base.end = doc->sentences[static_cast<size_t>(s)].end;
            base.trigger = doc->article.text.substr(t.begin, v.tok(end - 1).end - t.begin);
            if (reported) base.modality = Modality::kReported;
            CoActors(*doc, v, subjects, base, &seen, &found);
          }
        }
        if (!sm || !om || sm->entity < 0 || om->entity < 0 || sm->entity == om->entity) continue;
        // "X is a member of Y", "X, part of Y", "as part of Y": such nouns take their subject
        // through a copula or an apposition, not from any actor before them ("ISIL killed 70
        // members of the tribe").
        if (tr.copula && !CopulaLinks(v, *sm, i)) continue;
        // "troops supporting Operation Enduring Freedom", "joined Exercise Sea Breeze": a
        // named operation is an undertaking, not a partner one works with or helps.
        if (lex.lang != "fr" && Relation(tr.relation).coarse == "COOPERATE") {
          int h = om->first;
          while (h < om->last && v.Is(h, "determiner")) ++h;
          if (h + 1 < om->last && v.tok(h).upper_initial && v.Is(h, "operation_name_head"))
            continue;
        }

        Triple tp;
        tp.subject = sm->entity;
        tp.object = om->entity;
        tp.relation = tr.relation;
        tp.cameo = tr.cameo;
        tp.negated = NegatedAt(v, i);
        // Modals before the trigger: "n'a pas exclu de mener des frappes", "threatened to".
        for (int k = i - 1; k >= std::max(0, i - 8); --k) {
          std::vector<int> mods;
          for (const std::string* key : {&v.tok(k).lemma, &v.tok(k).lower}) {
            auto it = lex.modal_by_first.find(*key);
            if (it != lex.modal_by_first.end()) mods.insert(mods.end(), it->second.begin(), it->second.end());
          }
          const Modal* mod = nullptr;
          for (int mi : mods) {
            const Modal& cand = lex.modals[static_cast<size_t>(mi)];
            if (MatchPattern(v, cand.pattern, k) > 0) {
              mod = &cand;
              break;
            }
          }
          if (!mod) continue;
          bool modal_negated = NegatedAt(v, k);
          tp.modality = mod->modality;
          tp.negated = mod->negates ? !modal_negated : (tp.negated || modal_negated);
          if (mod->to_threaten && (tr.relation == RelationType::kAssault || tr.relation == RelationType::kCoerce ||
                                   tr.relation == RelationType::kSanction)) {
            tp.cameo = tr.relation == RelationType::kAssault ? "138" : "130";
            tp.relation = RelationType::kThreaten;
          }
          break;
        }
        if (tp.modality == Modality::kAsserted && reported) tp.modality = Modality::kReported;
        tp.mode = !tr.mode.empty() ? tr.mode : sentence_mode;
        tp.date = date;
        tp.sentence = s;
        tp.begin = doc->sentences[static_cast<size_t>(s)].begin;
        tp.end = doc->sentences[static_cast<size_t>(s)].end;
        tp.subject_mention = SideText(*doc, *sm);
        tp.object_mention = SideText(*doc, *om);
        tp.trigger = doc->article.text.substr(t.begin, v.tok(end - 1).end - t.begin);
        tp.confidence = sm->pronoun || om->pronoun ? 0.7f : 0.85f;
        // "A, B and C attacked D and E": the act holds for every coordinated actor.
        std::vector<int> subjects{subj}, objects{obj};
        // "invited A and B to join": A and B are what the invitation is about, not doers.
        const Mention* sm_last = v.MentionOf(subj);
        bool raised = sm_last && sm_last->last < v.n() && v.tok(sm_last->last).lower == "to";
        if (!raised)
          for (int o : Coordinated(v, subj, false)) subjects.push_back(o);
        // "no problem with A and B joining": a list a preposition governs is no subject.
        if (subjects.size() > 1 && !tr.subject_is_self && v.Governed(*v.MentionOf(subjects.back())))
          continue;
        for (int o : Coordinated(v, obj, true)) objects.push_back(o);
        // "strikes on Islamic State positions": an act on a place an actor holds is an act on
        // that actor too (English place phrases keep their owner's mention inside).
        if (tr.relation != RelationType::kMobilize && tr.relation != RelationType::kLocatedIn) {
          const size_t nobj = objects.size();
          for (size_t oi = 0; oi < nobj; ++oi) {
            int owner = NestedOwner(v, objects[oi]);
            if (owner >= 0) objects.push_back(owner);
          }
        }
        for (int sx : subjects) {
          for (int ox : objects) {
            const Mention* a = v.MentionOf(sx);
            const Mention* b = v.MentionOf(ox);
            if (tr.inverse) {
              // Listed members are actors: "an area including the Gulf of Aden" lists places.
              if (a->type == EntityType::kPlace || b->type == EntityType::kPlace) continue;
              std::swap(a, b);
            }
            if (a->entity == b->entity) continue;
            Triple t2 = tp;
            // The object's kind can change what the verb says: "joined the US Secretary of
            // State (and international partners)" is a meeting; nobody is a member of a
            // person. The first object of a list decides for the list.
            const Mention* first_obj = tr.inverse ? b : v.MentionOf(objects[0]);
            if (first_obj->type == EntityType::kPerson && tr.person_relation != RelationType::kCount) {
              t2.relation = tr.person_relation;
              t2.cameo = std::string(Relation(t2.relation).cameo);
            } else if (first_obj->type == EntityType::kState && tr.state_relation != RelationType::kCount) {
              t2.relation = tr.state_relation;
              t2.cameo = std::string(Relation(t2.relation).cameo);
            } else if (lex.lang != "fr" && b->type == EntityType::kPerson &&
                       (t2.relation == RelationType::kMemberOf || t2.relation == RelationType::kPartOf)) {
              continue;
            }
            t2.subject = a->entity;
            t2.object = b->entity;
            t2.subject_mention = SideText(*doc, *a);
            t2.object_mention = SideText(*doc, *b);
            // English: one is in a place, not in an actor ("return to a life free from ISIL").
            if (lex.lang != "fr" && t2.relation == RelationType::kLocatedIn && !tr.inverse &&
                !(IsPlace(*b) && !ActsAsPeople(v, *b)))
              continue;
            // "visited Erbil": who visits a place is there; a state visited is also met.
            if (tr.locates && !tr.inverse && IsPlace(*b) && !ActsAsPeople(v, *b)) {
              Triple t3 = t2;
              t3.relation = RelationType::kLocatedIn;
              t3.cameo = std::string(Relation(t3.relation).cameo);
              auto k3 = std::make_tuple(t3.subject, static_cast<int>(t3.relation), t3.object, t3.negated, s);
              if (seen.insert(k3).second) found.push_back(std::move(t3));
              if (b->type == EntityType::kPlace) continue;
            }
            auto key = std::make_tuple(t2.subject, static_cast<int>(t2.relation), t2.object,
                                       t2.negated, s);
            if (seen.insert(key).second) found.push_back(std::move(t2));
          }
        }
        // "The UK, the Global Coalition and the Government of Iraq are committed to defeating
        // these terrorists": actors who do one act together cooperate (English).
        if (lex.lang != "fr" && !tp.negated && !MutualAct(tr.relation) && !tr.subject_is_self &&
            !tr.inverse)
          CoActors(*doc, v, subjects, tp, &seen, &found);
        // "supporting the Iraqi government against ISIL": the supported side and its
        // supporters oppose the actor named after "against".
        if (lex.lang != "fr" && !tp.negated && IsCooperation(tr.relation) && !tr.inverse) {
          for (int ox : objects) {
            int foe = AgainstAfter(v, *v.MentionOf(ox));
            if (foe < 0) continue;
            std::vector<int> sides = subjects;
            sides.push_back(ox);
            for (int sx : sides) {
              const Mention* a = v.MentionOf(sx);
              const Mention* c = v.MentionOf(foe);
              if (a->entity != c->entity)
                AddImplied(*doc, s, tp, RelationType::kOpposes, *a, *c, 0.6f, &seen, &found);
            }
          }
        }
        // "seized the hospital from ISIL fighters": who is driven out of what is taken is
        // fought (English).
        if (lex.lang != "fr" && !tp.negated && tr.relation == RelationType::kControls && !noun) {
          for (int ox : objects) {
            // The taken phrase may go on past the mention ("the hospital complex from").
            int from = v.MentionOf(ox)->last;
            while (from < v.n() && from < v.MentionOf(ox)->last + 3 && v.tok(from).is_word &&
                   v.mention_at[static_cast<size_t>(from)] < 0 && v.tok(from).lower != "from" &&
                   !v.Is(from, "preposition"))
              ++from;
            if (from >= v.n() || v.tok(from).lower != "from") continue;
            const Mention* foe = v.MentionOf(MentionInPhrase(v, from + 1, 6));
            if (!foe || foe->entity < 0 || IsPlace(*foe)) continue;
            for (int sx : subjects) {
              const Mention* a = v.MentionOf(sx);
              if (a->entity != foe->entity)
                AddImplied(*doc, s, tp, RelationType::kAssault, *a, *foe, tp.confidence, &seen, &found);
            }
          }
        }
        break;
      }
    }
  }
  if (lex.lang != "fr") SharedFights(&found, &seen);
  for (Triple& t : doc->triples) {
    if (t.date.empty()) t.date = EventDate(*doc, doc->sentences[static_cast<size_t>(t.sentence)]);
  }
  std::vector<Triple> located;
  GenitiveRelations(*doc, lex, starts, &located);
  PartitiveRelations(*doc, lex, starts, &located);
  WithinRelations(*doc, lex, starts, &located);
  LocationRelations(res, *doc, lex, starts, &located);
  if (lex.lang != "fr") MeetingPlaces(found, &located);
  // A located triple is dropped when a triple of its class already links the same pair.
  std::set<std::tuple<int, int, std::string_view>> pairs;
  for (const Triple& f : found) pairs.insert({f.subject, f.object, Relation(f.relation).coarse});
  for (Triple& t : located) {
    auto key = std::make_tuple(t.subject, static_cast<int>(t.relation), t.object, false, -1);
    std::tuple<int, int, std::string_view> pair{t.subject, t.object, Relation(t.relation).coarse};
    bool known = pairs.count(pair) > 0;
    if (!known && seen.insert(key).second) {
      pairs.insert(pair);
      found.push_back(std::move(t));
    }
  }
  std::vector<Triple> implied;
  if (lex.lang == "fr" && LocalStory(res, *doc)) LocationClosure(*doc, found, &implied);
  for (Triple& t : implied) found.push_back(std::move(t));
  for (Triple& t : found) doc->triples.push_back(std::move(t));
}

}  // namespace geokg::internal
