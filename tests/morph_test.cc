// Morphology: WordNet's morphy, the English tag model as read from festival's files, and the
// lemma and part of speech of every word of sentences we wrote (tests/data/morph/words.tsv),
// in French and English. Skips cleanly when the dictionaries are not installed.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <memory>
#include <sstream>

#include "morph_internal.h"

namespace geokg {
namespace {

const internal::EnglishResources& EnglishOrSkip(bool* ok) {
  const internal::EnglishResources& en = internal::English();
  *ok = en.wordnet.loaded() && en.tagger.loaded();
  return en;
}

#define REQUIRE_ENGLISH(en)                                       \
  bool en##_ok = false;                                           \
  const internal::EnglishResources& en = EnglishOrSkip(&en##_ok); \
  if (!en##_ok) GTEST_SKIP() << "wordnet-base or festlex-poslex not installed: " << en.problem

TEST(WordNet, MorphyFindsBasesThroughExceptionsAndRules) {
  REQUIRE_ENGLISH(en);
  const internal::WordNet& wn = en.wordnet;
  using W = internal::WordNet;
  EXPECT_EQ(wn.Morphy("met", W::kVerb).front(), "meet");  // verb.exc
  EXPECT_EQ(wn.Morphy("meeting", W::kVerb, true).front(), "meet");
  EXPECT_EQ(wn.Morphy("women", W::kNoun, true).front(), "woman");
  EXPECT_EQ(wn.Morphy("strikes", W::kNoun, true).front(), "strike");
  EXPECT_EQ(wn.Morphy("bigger", W::kAdj, true).front(), "big");
  // The word itself first, unless it is known to be inflected.
  EXPECT_EQ(wn.Morphy("dozens", W::kNoun).front(), "dozens");
  EXPECT_EQ(wn.Morphy("dozens", W::kNoun, true).front(), "dozen");
  // "ss" is no plural; a word WordNet does not know has no base.
  EXPECT_EQ(wn.Morphy("press", W::kNoun, true), std::vector<std::string>{"press"});
  EXPECT_TRUE(wn.Morphy("qwzxv", W::kNoun).empty());
  EXPECT_TRUE(wn.Classes("attack") & W::kVerb);
  EXPECT_TRUE(wn.Classes("attack") & W::kNoun);
  EXPECT_EQ(wn.Classes("the"), 0);
}

TEST(WordNet, MissingFilesAreReportedByName) {
  internal::WordNet wn;
  std::string why;
  EXPECT_FALSE(wn.Load("/nonexistent-dir", &why));
  EXPECT_NE(why.find("/nonexistent-dir/index.noun"), std::string::npos) << why;
  EXPECT_FALSE(wn.loaded());
  internal::EnglishTagger tagger;
  EXPECT_FALSE(tagger.Load("/nonexistent-dir", &why));
  EXPECT_NE(why.find("/nonexistent-dir/wsj.wp39.tri.ngrambin"), std::string::npos) << why;
}

TEST(EnglishTagger, ReadsTheTrigramsAndTheLexicon) {
  REQUIRE_ENGLISH(en);
  const internal::EnglishTagger& t = en.tagger;
  ASSERT_EQ(t.tags().size(), 38u);
  const int dt = t.Tag("dt"), jj = t.Tag("jj"), nn = t.Tag("nn"), vb = t.Tag("vb"),
            md = t.Tag("md"), prp = t.Tag("prp"), vbd = t.Tag("vbd");
  ASSERT_TRUE(dt >= 0 && jj >= 0 && nn >= 0 && vb >= 0 && md >= 0 && prp >= 0 && vbd >= 0);
  // After "the big", a noun; after "he will", a verb: each the most likely of all tags.
  for (int c = 0; c < static_cast<int>(t.tags().size()); ++c) {
    if (c != nn) {
      EXPECT_GT(t.Transition(dt, jj, nn), t.Transition(dt, jj, c))
          << t.tags()[static_cast<size_t>(c)];
    }
    if (c != vb) {
      EXPECT_GT(t.Transition(prp, md, vb), t.Transition(prp, md, c))
          << t.tags()[static_cast<size_t>(c)];
    }
  }
  // Each context's probabilities sum to one.
  double sum = 0;
  for (int c = 0; c < static_cast<int>(t.tags().size()); ++c)
    sum += std::exp(t.Transition(dt, jj, c));
  EXPECT_NEAR(sum, 1.0, 1e-3);
  const auto* the = t.Lookup("the");
  ASSERT_NE(the, nullptr);
  bool has_dt = false;
  for (const auto& r : *the) has_dt = has_dt || r.tag == dt;
  EXPECT_TRUE(has_dt);
  EXPECT_EQ(t.Lookup("qwzxv"), nullptr);
}

TEST(EnglishTagger, DecodesTheLikeliestSequence) {
  REQUIRE_ENGLISH(en);
  const internal::EnglishTagger& t = en.tagger;
  using R = internal::EnglishTagger::Reading;
  auto tag = [&](const char* name) { return static_cast<uint8_t>(t.Tag(name)); };
  // "the attack": a noun after a determiner although the verb reading is likelier alone.
  std::vector<std::vector<R>> cands{{{tag("dt"), -0.5f}}, {{tag("vb"), -5.0f}, {tag("nn"), -6.0f}}};
  std::vector<int> best;
  t.Decode(cands, cands.size(), &best);
  ASSERT_EQ(best.size(), 2u);
  EXPECT_EQ(cands[1][static_cast<size_t>(best[1])].tag, tag("nn"));
  // "they attack": the verb.
  cands = {{{tag("prp"), -0.5f}}, {{tag("vbp"), -6.0f}, {tag("nn"), -5.0f}}};
  t.Decode(cands, cands.size(), &best);
  EXPECT_EQ(cands[1][static_cast<size_t>(best[1])].tag, tag("vbp"));
}

// ---- the whole analysis on sentences: segmentation, then morphology with no lexicon
// vocabulary (so every lemma is the dictionary's).

class MorphData : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    morph_ = std::make_unique<internal::Morphology>(std::unordered_set<std::string>{});
  }
  static void TearDownTestSuite() { morph_.reset(); }

  std::vector<Sentence> Analyse(const std::string& text, const std::string& lang) {
    std::vector<Sentence> out;
    internal::Segment(text, {internal::Span{0, static_cast<uint32_t>(text.size())}}, lang, &out);
    morph_->Analyse(lang, &out);
    return out;
  }
  bool Ready(const std::string& lang) const {
    return lang == "fr" ? morph_->has_french_dictionary() : morph_->has_english_model();
  }
  static std::unique_ptr<internal::Morphology> morph_;
};
std::unique_ptr<internal::Morphology> MorphData::morph_;

std::string Tag(const Token& t) {
  static constexpr const char* kForms[] = {"", ":Fin", ":Inf", ":Part", ":Ger"};
  return std::string(PosName(t.pos)) + kForms[static_cast<size_t>(t.verb_form)];
}

TEST_F(MorphData, EveryListedWordHasItsPartOfSpeechAndLemma) {
  const std::string path = std::string(GEOKG_TEST_DIR) + "/data/morph/words.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::string line;
  ASSERT_TRUE(std::getline(in, line));
  ASSERT_EQ(line, "#geokg-morph-test\t1");
  int lineno = 1, checked = 0, skipped = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream cols(line);
    std::string lang, sentence, checks;
    ASSERT_TRUE(std::getline(cols, lang, '\t') && std::getline(cols, sentence, '\t') &&
                std::getline(cols, checks))
        << path << ":" << lineno << ": three columns expected";
    if (!Ready(lang)) {
      ++skipped;
      continue;
    }
    std::vector<Sentence> sentences = Analyse(sentence, lang);
    std::vector<const Token*> tokens;
    for (const Sentence& s : sentences)
      for (const Token& t : s.tokens) tokens.push_back(&t);
    std::istringstream words(checks);
    std::string check;
    while (words >> check) {
      size_t a = check.find('/');
      ASSERT_NE(a, std::string::npos) << path << ":" << lineno << ": " << check;
      size_t b = check.find('/', a + 1);
      std::string word = check.substr(0, a);
      std::string pos = check.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1);
      std::string lemma = b == std::string::npos ? "" : check.substr(b + 1);
      int nth = 1;
      if (size_t h = word.find('#'); h != std::string::npos && h > 0) {
        nth = std::stoi(word.substr(h + 1));
        word.resize(h);
      }
      const Token* found = nullptr;
      for (const Token* t : tokens)
        if (t->text == word && --nth == 0) {
          found = t;
          break;
        }
      if (found == nullptr) {
        ADD_FAILURE() << path << ":" << lineno << ": no word '" << word << "' in: " << sentence;
        continue;
      }
      EXPECT_EQ(Tag(*found), pos) << path << ":" << lineno << ": " << word << " in: " << sentence;
      if (!lemma.empty()) {
        EXPECT_EQ(found->lemma, lemma)
            << path << ":" << lineno << ": " << word << " in: " << sentence;
      }
      ++checked;
    }
  }
  if (checked == 0 && skipped > 0) GTEST_SKIP() << "no dictionary installed";
  EXPECT_GT(checked, 100);
}

// Every word gets a part of speech; punctuation is PUNCT.
TEST_F(MorphData, NoWordIsLeftWithoutAPartOfSpeech) {
  for (const auto& [lang, text] : std::vector<std::pair<std::string, std::string>>{
           {"fr", "Selon l'AFP, les Qwzxv ont attaqué Bzzt-sur-Mer (Var) à 3 h 40, a-t-il dit."},
           {"en", "According to AFP, the Qwzxv attacked Bzzt Harbor at 3:40 am, he said."}}) {
    if (!Ready(lang)) continue;
    for (const Sentence& s : Analyse(text, lang)) {
      for (const Token& t : s.tokens) {
        EXPECT_NE(t.pos, Pos::kX) << lang << ": " << t.text;
        EXPECT_FALSE(t.lemma.empty()) << lang << ": " << t.text;
        if (!t.is_word && t.text != "%") {
          EXPECT_EQ(t.pos, Pos::kPunct) << t.text;
        }
      }
    }
  }
}

// The lexicons are written in lemmas: compound and pronominal forms of their verbs find them.
TEST_F(MorphData, CompoundAndPronominalFormsFindTheLexiconsLemma) {
  struct Case {
    const char* lang;
    const char* text;
    const char* word;
    const char* lemma;
  };
  const Case cases[] = {
      {"fr", "Le ministre s'est entretenu avec son homologue.", "entretenu", "entretenir"},
      {"fr", "Le ministre a été reçu par le roi.", "reçu", "recevoir"},
      {"fr", "Les soldats viennent d'installer une base.", "installer", "installer"},
      {"fr", "Les deux hommes se sont rencontrés hier.", "rencontrés", "rencontrer"},
      {"en", "The envoy has been meeting rebel leaders.", "meeting", "meet"},
      {"en", "The envoy was received by the king.", "received", "receive"},
      {"en", "The two leaders met on Monday.", "met", "meet"},
      {"en", "Rebels have seized the town.", "seized", "seize"},
  };
  for (const Case& c : cases) {
    if (!Ready(c.lang)) continue;
    bool seen = false;
    for (const Sentence& s : Analyse(c.text, c.lang))
      for (const Token& t : s.tokens)
        if (t.text == c.word) {
          seen = true;
          EXPECT_EQ(t.lemma, c.lemma) << c.text;
          EXPECT_EQ(t.pos, Pos::kVerb) << c.text;
        }
    EXPECT_TRUE(seen) << c.text;
  }
}

// The lexicons' word classes list word forms ("pilotes", "présidente", "forces"): a noun
// or adjective form the vocabulary holds keeps that form as its lemma; verbs always get
// theirs; among readings of one part of speech, a lemma in the vocabulary wins.
TEST(Morphology, AListedNounFormKeepsItsFormAndVerbsTheirLemma) {
  internal::Morphology morph({"pilotes", "forces", "rencontre", "rencontrer"});
  struct Case {
    const char* lang;
    const char* text;
    const char* word;
    const char* lemma;
  };
  const Case cases[] = {
      {"fr", "Les pilotes de la coalition sont rentrés.", "pilotes", "pilotes"},
      {"fr", "Les soldats sont rentrés.", "soldats", "soldat"},
      {"fr", "Il rencontre son homologue.", "rencontre", "rencontrer"},
      {"fr", "La rencontre a eu lieu hier.", "rencontre", "rencontre"},
      {"en", "The forces left the town.", "forces", "forces"},
      {"en", "The soldiers left the town.", "soldiers", "soldier"},
  };
  for (const Case& c : cases) {
    if (std::string(c.lang) == "fr" ? !morph.has_french_dictionary() : !morph.has_english_model())
      continue;
    std::vector<Sentence> sentences;
    std::string text = c.text;
    internal::Segment(text, {internal::Span{0, static_cast<uint32_t>(text.size())}}, c.lang,
                      &sentences);
    morph.Analyse(c.lang, &sentences);
    bool seen = false;
    for (const Sentence& s : sentences)
      for (const Token& t : s.tokens)
        if (t.text == c.word) {
          seen = true;
          EXPECT_EQ(t.lemma, c.lemma) << c.text;
        }
    EXPECT_TRUE(seen) << c.text;
  }
}

}  // namespace
}  // namespace geokg
