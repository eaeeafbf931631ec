// French morphology: every reading Hunspell's French dictionary (hunspell-fr-classical)
// gives a word (lemma, part of speech, tense, gender and number through analyze()), then
// one reading chosen per word by rules of the language: a determiner is followed by a noun
// or an adjective, a subject or object clitic by a verb, être and avoir before a past
// participle are auxiliaries, le/la/les before a verb are pronouns, and so on.
#include <hunspell/hunspell.hxx>

#include <algorithm>
#include <cctype>

#include "geokg/common/text.h"
#include "morph_internal.h"

namespace geokg::internal {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// One analysis line of Hunspell's French dictionary, e.g.
// "st:mener po:v1_it___zz po:ipre po:spre po:3pl" or "st:le po:mg po:det is:mas is:sg".
FrenchReading ParseAnalysis(std::string_view a) {
  FrenchReading r;
  bool verb = false, nom = false, adj = false, npr = false, det = false, pro = false, prep = false,
       cjco = false, cjsub = false, adv = false, nb = false, interj = false;
  std::string stem;
  size_t b = 0;
  while (b < a.size()) {
    size_t e = a.find(' ', b);
    if (e == std::string_view::npos) e = a.size();
    std::string_view f = a.substr(b, e - b);
    b = e + 1;
    if (f.size() < 4 || f[2] != ':') continue;
    std::string_view key = f.substr(0, 2), v = f.substr(3);
    if (!v.empty() && v.back() == '!') v.remove_suffix(1);
    if (key == "st") {
      stem.assign(v);
    } else if (key == "is") {
      if (v == "fem") r.flags |= FrenchReading::kFeminine;
      if (v == "mas") r.flags |= FrenchReading::kMasculine;
      if (v == "pl") r.flags |= FrenchReading::kPlural;
      if (v == "sg") r.flags |= FrenchReading::kSingular;
    } else if (key == "po") {
      if (v.size() >= 2 && v[0] == 'v' && v[1] >= '0' && v[1] <= '9') {
        verb = true;
      } else if (v == "ipre" || v == "iimp" || v == "ipsi" || v == "ifut" || v == "cond" ||
                 v == "spre" || v == "simp" || v == "impe") {
        if (r.verb_form == VerbForm::kNone) r.verb_form = VerbForm::kFinite;
      } else if (v == "infi") {
        r.verb_form = VerbForm::kInfinitive;
      } else if (v == "ppas") {
        r.verb_form = VerbForm::kParticiple;
      } else if (v == "ppre") {
        r.verb_form = VerbForm::kGerund;
      } else if (v == "3sg" || v == "3pl" || v == "3pe") {
        r.flags |= FrenchReading::kThirdPerson;
      } else if (v == "nom") {
        nom = true;
      } else if (v == "adj") {
        adj = true;
      } else if (v == "npr" || v == "prn" || v == "patr") {
        npr = true;
      } else if (StartsWith(v, "det")) {
        det = true;
      } else if (v == "propersuj") {
        pro = true;
        r.flags |= FrenchReading::kSubjectClitic;
      } else if (v == "properobj") {
        pro = true;
        r.flags |= FrenchReading::kObjectClitic;
      } else if (StartsWith(v, "pro")) {
        pro = true;
      } else if (v == "prep" || v == "loc.prep") {
        prep = true;
      } else if (v == "cjco" || v == "loc.cjco") {
        cjco = true;
      } else if (v == "cjsub" || v == "loc.cj" || v == "loc.cjsub") {
        cjsub = true;
      } else if (v == "adv" || v == "negadv" || v == "advint" || v == "loc.adv") {
        adv = true;
        if (v == "negadv") r.flags |= FrenchReading::kNegation;
      } else if (v == "nb") {
        nb = true;
      } else if (v == "interj") {
        interj = true;
      } else if (v == "mg") {
        r.flags |= FrenchReading::kGrammatical;
      }
    }
  }
  r.lemma = Lower(stem);
  if (verb) {
    r.pos = Pos::kVerb;
    if (r.lemma == "\xC3\xAAtre" || r.lemma == "avoir") r.flags |= FrenchReading::kAuxiliary;
    if (adj) r.flags |= FrenchReading::kAdjectiveToo;
  } else if (prep) {
    r.pos = Pos::kAdp;  // au, aux are à + article
  } else if (det) {
    r.pos = Pos::kDet;
  } else if (pro && cjsub) {
    // que, qu': a conjunction, or a relative pronoun after a noun (decided in context).
    r.pos = Pos::kSconj;
    r.flags |= FrenchReading::kRelativeToo;
  } else if (pro) {
    r.pos = Pos::kPron;
  } else if (cjco) {
    r.pos = Pos::kCconj;
  } else if (cjsub) {
    r.pos = Pos::kSconj;
  } else if (npr || (nom && !stem.empty() && static_cast<unsigned char>(stem[0]) < 0x80 &&
                     std::isupper(static_cast<unsigned char>(stem[0])))) {
    r.pos = Pos::kPropn;
  } else if (nom) {
    r.pos = Pos::kNoun;
    if (adj) r.flags |= FrenchReading::kAdjectiveToo;
  } else if (adj) {
    r.pos = Pos::kAdj;
  } else if (adv) {
    r.pos = Pos::kAdv;
  } else if (nb) {
    r.pos = Pos::kNum;
  } else if (interj) {
    r.pos = Pos::kIntj;
  }
  // Proper nouns the dictionary capitalises ("Syrie" is a nom) keep their case as names
  // in the text; their lemma is folded like every other.
  return r;
}

bool Has(const std::vector<FrenchReading>& rs, Pos p) {
  for (const auto& r : rs)
    if (r.pos == p) return true;
  return false;
}

bool HasNominal(const std::vector<FrenchReading>& rs) {
  for (const auto& r : rs)
    if (r.pos == Pos::kNoun || r.pos == Pos::kAdj || r.pos == Pos::kPropn || r.pos == Pos::kNum ||
        (r.pos == Pos::kVerb && (r.flags & FrenchReading::kAdjectiveToo)))
      return true;
  return false;
}

bool HasFiniteVerb(const std::vector<FrenchReading>& rs) {
  for (const auto& r : rs)
    if (r.pos == Pos::kVerb && r.verb_form == VerbForm::kFinite) return true;
  return false;
}

bool IsDigitWord(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == ',' || c == '.' || c == ' ';
  });
}

}  // namespace

FrenchAnalyser::FrenchAnalyser(Hunspell* dictionary,
                               const std::unordered_set<std::string>* vocabulary)
    : dict_(dictionary), vocabulary_(vocabulary) {}

const std::vector<FrenchReading>& FrenchAnalyser::Readings(const std::string& form) {
  if (std::vector<FrenchReading>* known = cache_.Find(form)) return *known;
  std::vector<FrenchReading> out;
  if (dict_ != nullptr && form.size() < 64) {
    for (const std::string& a : dict_->analyze(form)) {
      FrenchReading r = ParseAnalysis(a);
      if (r.lemma.empty()) continue;
      // Readings that differ only in person or mood ("ferme": imperative, present) are
      // one reading with the features of both.
      bool dup = false;
      for (auto& o : out) {
        if (o.pos == r.pos && o.verb_form == r.verb_form && o.lemma == r.lemma) {
          o.flags |= r.flags;
          dup = true;
        }
      }
      if (!dup) out.push_back(std::move(r));
    }
  }
  return cache_.Add(form, std::move(out));
}

void FrenchAnalyser::Analyse(Sentence* s) {
  std::vector<Token>& toks = s->tokens;
  const size_t n = toks.size();
  if (cache_.size() > kFormCacheLimit) cache_.Clear();
  readings_.assign(n, nullptr);
  if (guessed_.size() < n) guessed_.resize(n);
  bool start = true;
  for (size_t i = 0; i < n; ++i) {
    const Token& t = toks[i];
    if (!t.is_word) {
      if (t.text != "'" && t.text != "-") start = true;
      continue;
    }
    const std::vector<FrenchReading>* r = &Readings(t.lower);
    // A capital where a sentence or clause starts may be a word ("Union") or a name the
    // dictionary knows as both ("Pierre", "Laurent"): its readings as written tell. Inside
    // the sentence a capitalised word is a name whatever the word (see Choose).
    if (start && t.upper_initial && t.text != t.lower && !r->empty()) {
      const std::vector<FrenchReading>& cap = Readings(t.text);
      if (Has(cap, Pos::kPropn)) r = &cap;
    }
    readings_[i] = r;
    start = false;
  }
  auto next_word = [&](size_t i) -> long {
    for (size_t k = i + 1; k < n; ++k)
      if (toks[k].is_word) return static_cast<long>(k);
    return -1;
  };
  const FrenchReading* prev = nullptr;  // the reading chosen for the previous word
  const FrenchReading* prev2 = nullptr;
  bool clause_start = true;
  long aux = -1;  // an être/avoir whose participle may follow
  for (size_t i = 0; i < n; ++i) {
    Token& t = toks[i];
    if (!t.is_word) {
      t.pos =
          (t.text == "%" || t.text == "$" || t.text == "\xE2\x82\xAC") ? Pos::kSym : Pos::kPunct;
      t.verb_form = VerbForm::kNone;
      if (t.text != "'" && t.text != "-") {
        clause_start = true;
        prev = prev2 = nullptr;
        aux = -1;
      }
      continue;
    }
    const std::vector<FrenchReading>& rs = *readings_[i];
    long nx = next_word(i);
    const std::vector<FrenchReading>* next = nx >= 0 ? readings_[static_cast<size_t>(nx)] : nullptr;
    const bool capital_inside = t.upper_initial && !clause_start;
    const FrenchReading* pick = Choose(t, rs, prev, prev2, next, aux >= 0, capital_inside);
    FrenchReading& guessed = guessed_[i];
    if (pick == nullptr) {
      guessed = FrenchReading();
      // Not in the dictionary: a number, a name, or a word of the trade.
      if (IsDigitWord(t.lower)) {
        guessed.pos = Pos::kNum;
      } else if (t.upper_initial) {
        guessed.pos = Pos::kPropn;
      } else if (t.lower.size() > 5 && t.lower.compare(t.lower.size() - 4, 4, "ment") == 0) {
        guessed.pos = Pos::kAdv;
      } else {
        guessed.pos = Pos::kNoun;
      }
      guessed.lemma = t.lower;
      pick = &guessed;
    }
    t.pos = pick->pos;
    t.verb_form = pick->verb_form;
    t.lemma = pick->lemma;
    const Pos pp = prev ? prev->pos : Pos::kPunct;
    if (pick->pos == Pos::kNoun && (pick->flags & FrenchReading::kAdjectiveToo)) {
      // "le ministre russe", "les nouvelles sanctions": a noun that is also an adjective
      // is one after a noun, or between a determiner and a noun.
      bool next_noun = next && !HasFiniteVerb(*next) &&
                       std::any_of(next->begin(), next->end(), [](const FrenchReading& x) {
                         return x.pos == Pos::kNoun && !(x.flags & FrenchReading::kAdjectiveToo);
                       });
      const bool det = pp == Pos::kDet || (pp == Pos::kAdp && prev->lemma == "de");
      if (pp == Pos::kNoun || pp == Pos::kPropn || pp == Pos::kAdv ||
          (pp == Pos::kAdj && prev2 && prev2->pos != Pos::kDet) || (det && next_noun))
        t.pos = Pos::kAdj;
    }
    if (pick->pos == Pos::kSconj && (pick->flags & FrenchReading::kRelativeToo) &&
        (pp == Pos::kNoun || pp == Pos::kPropn || (prev && prev->lemma == "ce")))
      t.pos = Pos::kPron;  // "l'accord que Moscou a signé", "ce que"
    // A word no dictionary knows inside a name ("Ursula von der Leyen").
    if (pick == &guessed && !t.upper_initial && pp == Pos::kPropn) {
      for (long k = nx; k >= 0 && k < static_cast<long>(i) + 4;
           k = next_word(static_cast<size_t>(k))) {
        const Token& u = toks[static_cast<size_t>(k)];
        if (u.upper_initial) {
          t.pos = Pos::kPropn;
          break;
        }
        if (!readings_[static_cast<size_t>(k)]->empty()) break;
      }
    }
    // A capitalised word inside a sentence is a name; its lemma stays that of the word.
    if (capital_inside && (pick->pos == Pos::kNoun || pick->pos == Pos::kAdj)) t.pos = Pos::kPropn;
    // The auxiliary: être always (auxiliary and copula), avoir before its participle.
    if (pick->pos == Pos::kVerb && (pick->flags & FrenchReading::kAuxiliary)) {
      if (pick->lemma != "avoir") t.pos = Pos::kAux;
    }
    if (aux >= 0 && pick->pos == Pos::kVerb && pick->verb_form == VerbForm::kParticiple)
      toks[static_cast<size_t>(aux)].pos = Pos::kAux;
    // The verb group goes on through clitics, negation and adverbs ("n'a pas été reçu").
    if (pick->pos == Pos::kVerb && (pick->flags & FrenchReading::kAuxiliary)) {
      aux = static_cast<long>(i);
    } else if (pick->pos != Pos::kAdv && pick->pos != Pos::kPron) {
      aux = -1;
    }
    // A noun or adjective the lexicons list in this very form keeps it: the lexicon chose
    // the form ("pilotes" heads a group phrase where "pilote" does not).
    if ((t.pos == Pos::kNoun || t.pos == Pos::kAdj || t.pos == Pos::kPropn) && vocabulary_ &&
        vocabulary_->count(t.lower))
      t.lemma = t.lower;
    if (t.pos != pick->pos) {  // what the next words see
      if (pick != &guessed) guessed = *pick;
      guessed.pos = t.pos;
      pick = &guessed;
    }
    prev2 = prev;
    prev = pick;
    clause_start = false;
    if (pick->pos == Pos::kPunct) clause_start = true;
  }
}

// The reading of one word in its context. nullptr when the dictionary gives none.
const FrenchReading* FrenchAnalyser::Choose(const Token& t, const std::vector<FrenchReading>& rs,
                                            const FrenchReading* prev, const FrenchReading* prev2,
                                            const std::vector<FrenchReading>* next, bool after_aux,
                                            bool capital_inside) const {
  if (rs.empty()) return nullptr;
  const Pos pp = prev ? prev->pos : Pos::kPunct;
  const bool after_det =
      pp == Pos::kDet || (prev && pp == Pos::kAdp && (prev->flags & FrenchReading::kGrammatical) &&
                          (prev->lemma == "au" || prev->lemma == "du"));
  const bool after_clitic =
      prev &&
      ((prev->flags & (FrenchReading::kSubjectClitic | FrenchReading::kObjectClitic)) ||
       (prev->flags & FrenchReading::kNegation) || prev->lemma == "ne" || prev->lemma == "se");
  const bool next_nominal = next && HasNominal(*next);
  // The next word is a verb: it has no other reading, or it is a form of être or avoir
  // ("lui a répondu": a is not the noun).
  const bool next_verb_only = next && !next->empty() &&
                              ((!next_nominal && Has(*next, Pos::kVerb)) ||
                               std::any_of(next->begin(), next->end(), [](const FrenchReading& x) {
                                 return x.pos == Pos::kVerb && x.verb_form == VerbForm::kFinite &&
                                        (x.flags & FrenchReading::kAuxiliary);
                               }));
  const bool next_clitic =
      next && std::any_of(next->begin(), next->end(), [](const FrenchReading& r) {
        return r.flags & FrenchReading::kObjectClitic;
      });
  // Where an object clitic stands: before the verb or another clitic, after a subject
  // clitic or ne; after a preposition only before an infinitive ("pour le rencontrer";
  // "dans l'est" holds an article).
  const bool next_infinitive =
      next && std::any_of(next->begin(), next->end(), [](const FrenchReading& x) {
        return x.verb_form == VerbForm::kInfinitive;
      });
  const bool clitic_context =
      (next_verb_only || next_clitic || after_clitic) && (pp != Pos::kAdp || next_infinitive);
  const bool clitic_too = std::any_of(rs.begin(), rs.end(), [](const FrenchReading& x) {
    return x.pos == Pos::kPron && (x.flags & FrenchReading::kObjectClitic);
  });
  // Scores: the higher wins; ties go to the dictionary's order.
  auto score = [&](const FrenchReading& r) -> int {
    int s = 0;
    const bool grammatical = r.flags & FrenchReading::kGrammatical;
    switch (r.pos) {
      case Pos::kPropn:
        s = capital_inside || t.upper_initial ? 6 : 1;
        break;
      case Pos::kDet:
        // le, la, les, l', leur before a verb are object pronouns.
        s = 8;
        if (clitic_too && clitic_context) s = 1;
        break;
      case Pos::kPron:
        s = 5;
        if (r.flags & FrenchReading::kObjectClitic) {
          if (clitic_context)
            s = 9;
          else if (!(r.flags & FrenchReading::kSubjectClitic))
            s = 2;
        }
        if (r.lemma == "en" && next && Has(*next, Pos::kVerb) &&
            std::any_of(next->begin(), next->end(),
                        [](const FrenchReading& x) { return x.verb_form == VerbForm::kGerund; }))
          s = 0;  // "en frappant": en is the preposition of the gerund
        break;
      case Pos::kAdp:
        // Prepositions that are also nouns or verbs ("contre", "sur", "pour") are
        // prepositions, unless a determiner makes them nouns ("le pour et le contre").
        s = after_det ? 2 : 9;
        if (r.lemma == "en" && (after_clitic || next_verb_only)) s = 3;
        break;
      case Pos::kCconj:
      case Pos::kSconj:
        s = 7;
        // "s'" is si before il and ils only ("s'il"); elsewhere the reflexive se.
        if (r.pos == Pos::kSconj && r.lemma != "que" && t.lower == "s'" && next &&
            !std::any_of(next->begin(), next->end(), [](const FrenchReading& x) {
              return x.flags & FrenchReading::kSubjectClitic;
            }))
          s = 1;
        break;
      case Pos::kAdv:
        s = grammatical ? 7 : 5;
        break;
      case Pos::kNum:
        s = 7;
        break;
      case Pos::kNoun:
        s = 5;
        // After a determiner, or a determiner and an adjective ("des principaux alliés").
        if (after_det || (pp == Pos::kAdj && prev2 && prev2->pos == Pos::kDet)) s = 9;
        if (after_clitic) s = 1;
        // A noun directly after a noun or a name rarely follows without a word between.
        if ((pp == Pos::kNoun || pp == Pos::kPropn) && HasFiniteVerb(rs)) s = 3;
        // "les principales frappes": after a determiner, an adjective before a noun.
        if (after_det && (r.flags & FrenchReading::kAdjectiveToo) && next &&
            Has(*next, Pos::kNoun) && !HasFiniteVerb(*next))
          s = 8;
        break;
      case Pos::kAdj:
        s = 5;
        if (after_det) s = (next && Has(*next, Pos::kNoun)) ? 9 : 6;
        if (pp == Pos::kNoun || pp == Pos::kPropn || pp == Pos::kAdj || pp == Pos::kAdv) s = 7;
        if (after_clitic) s = 1;
        break;
      case Pos::kVerb:
        if (r.verb_form == VerbForm::kParticiple) {
          // A past participle follows its auxiliary, or stands as an adjective.
          s = after_aux ? 10 : ((r.flags & FrenchReading::kAdjectiveToo) ? 6 : 3);
          if (after_det) s = 2;
        } else if (r.verb_form == VerbForm::kFinite) {
          s = 4;
          if (after_clitic) s = 10;
          if (after_det) s = 0;
          // "la Russie frappe", "l'armée syrienne frappe": after the subject noun phrase.
          if (pp == Pos::kPropn || pp == Pos::kPron ||
              ((pp == Pos::kNoun || (pp == Pos::kAdj && prev2 &&
                                     (prev2->pos == Pos::kNoun || prev2->pos == Pos::kPropn))) &&
               (r.flags & FrenchReading::kThirdPerson)))
            s = 8;
          // être and avoir: verbs unless a determiner makes them nouns ("l'été", "l'est").
          if ((r.flags & FrenchReading::kAuxiliary) && !after_det) s = 9;
        } else if (r.verb_form == VerbForm::kInfinitive) {
          s = after_det ? 1 : 8;
        } else {
          s = after_det ? 1 : 6;
        }
        break;
      default:
        s = 3;
    }
    // A capital inside the sentence: a name, or a noun or adjective read as one ("Jean
    // Pierre Raffarin" holds no verb).
    if (capital_inside && r.pos != Pos::kPropn && r.pos != Pos::kNoun && r.pos != Pos::kAdj &&
        !(r.flags & FrenchReading::kGrammatical))
      s = std::min(s, 2);
    if (capital_inside && r.pos == Pos::kPropn) s = 11;
    // Within one part of speech, a lemma the lexicons use.
    if (vocabulary_ && vocabulary_->count(r.lemma))
      s = s * 2 + 1;
    else
      s = s * 2;
    return s;
  };
  const FrenchReading* best = nullptr;
  int top = -1;
  for (const FrenchReading& r : rs) {
    int s = score(r);
    if (s > top) {
      top = s;
      best = &r;
    }
  }
  return best;
}

}  // namespace geokg::internal
