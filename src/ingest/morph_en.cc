// English morphology: lemmas from WordNet (our implementation of its morphy algorithm over
// the index and exception files of Debian's wordnet-base) and Penn Treebank tags from
// festival's part-of-speech model (festlex-poslex: a lexicon of 33k words with P(word|tag)
// and tag trigram counts), decoded by Viterbi, then mapped to universal parts of speech.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>

#include "morph_internal.h"

namespace geokg::internal {
namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return static_cast<bool>(in) || in.eof();
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// morphy(7WN): the rules of detachment, per part of speech (noun, verb, adjective).
struct Detachment {
  std::string_view suffix, ending;
};
constexpr Detachment kNounRules[] = {{"s", ""},      {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
                                     {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
constexpr Detachment kVerbRules[] = {{"s", ""},   {"ies", "y"}, {"es", "e"},  {"es", ""},
                                     {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
constexpr Detachment kAdjRules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

int PosSlot(uint8_t pos) {
  switch (pos) {
    case WordNet::kNoun:
      return 0;
    case WordNet::kVerb:
      return 1;
    case WordNet::kAdj:
      return 2;
    default:
      return 3;
  }
}

}  // namespace

// ---- WordNet

bool WordNet::Load(const std::string& dir, std::string* error) {
  StringMap<uint8_t> index;
  StringMap<std::vector<std::string>> exceptions[4];
  const std::pair<const char*, uint8_t> parts[] = {
      {"noun", kNoun}, {"verb", kVerb}, {"adj", kAdj}, {"adv", kAdv}};
  std::string text;
  for (const auto& [name, bit] : parts) {
    std::string path = dir + "/index." + name;
    if (!ReadFile(path, &text)) {
      *error = path + ": cannot read WordNet's index";
      return false;
    }
    size_t b = 0;
    while (b < text.size()) {
      size_t e = text.find('\n', b);
      if (e == std::string::npos) e = text.size();
      // Lines that open with a space are the licence at the top of the file.
      if (e > b && text[b] != ' ') {
        size_t sp = text.find(' ', b);
        if (sp != std::string::npos && sp < e) index[text.substr(b, sp - b)] |= bit;
      }
      b = e + 1;
    }
    path = dir + "/" + name + ".exc";
    if (!ReadFile(path, &text)) {
      *error = path + ": cannot read WordNet's exception list";
      return false;
    }
    auto& exc = exceptions[PosSlot(bit)];
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
      std::istringstream words(line);
      std::string form, base;
      if (!(words >> form)) continue;
      auto& bases = exc[form];
      while (words >> base) bases.push_back(base);
    }
  }
  if (index.empty()) {
    *error = dir + ": WordNet's index is empty";
    return false;
  }
  index_ = std::move(index);
  for (int i = 0; i < 4; ++i) exceptions_[i] = std::move(exceptions[i]);
  return true;
}

uint8_t WordNet::Classes(std::string_view lemma) const {
  auto it = index_.find(lemma);
  return it == index_.end() ? 0 : it->second;
}

std::vector<std::string> WordNet::Morphy(std::string_view word, uint8_t pos, bool inflected) const {
  std::vector<std::string> out;
  auto add = [&](std::string_view base) {
    if ((Classes(base) & pos) == 0) return;
    for (const std::string& o : out)
      if (o == base) return;
    out.emplace_back(base);
  };
  const auto& exc = exceptions_[PosSlot(pos)];
  if (auto it = exc.find(word); it != exc.end())
    for (const std::string& base : it->second) add(base);
  if (!inflected) add(word);
  const Detachment* rules = nullptr;
  size_t count = 0;
  if (pos == kNoun) {
    rules = kNounRules;
    count = std::size(kNounRules);
    if (EndsWith(word, "ss")) count = 0;  // "press", "boss" are not plurals
  } else if (pos == kVerb) {
    rules = kVerbRules;
    count = std::size(kVerbRules);
  } else if (pos == kAdj) {
    rules = kAdjRules;
    count = std::size(kAdjRules);
  }
  std::string base;
  for (size_t r = 0; r < count; ++r) {
    if (!EndsWith(word, rules[r].suffix) || word.size() <= rules[r].suffix.size()) continue;
    base.assign(word.substr(0, word.size() - rules[r].suffix.size()));
    base += rules[r].ending;
    add(base);
  }
  if (inflected) add(word);
  return out;
}

// ---- EnglishTagger

int EnglishTagger::Tag(std::string_view name) const {
  for (size_t i = 0; i < tags_.size(); ++i)
    if (tags_[i] == name) return static_cast<int>(i);
  return -1;
}

const std::vector<EnglishTagger::Reading>* EnglishTagger::Lookup(std::string_view lower) const {
  auto it = lexicon_.find(lower);
  return it == lexicon_.end() ? nullptr : &it->second;
}

// Edinburgh Speech Tools' "NgramBin_2": a 4-byte magic ("Ngra" when written big-endian,
// "argN" little-endian), "mBin_2 ORDER\n", the context vocabulary and the predicted
// vocabulary as two lines of names, then one double per (context state, predicted word) of
// a dense table, states numbered with the first context word most significant. A negative
// value v < 0 after a value f says that f repeats -v times.
bool EnglishTagger::LoadNgram(const std::string& path, std::string* error) {
  std::string data;
  if (!ReadFile(path, &data)) {
    *error = path + ": cannot read the tag trigram model";
    return false;
  }
  auto bad = [&](const std::string& why) {
    *error = path + ": " + why;
    return false;
  };
  bool big_endian;
  if (data.compare(0, 4, "Ngra") == 0) {
    big_endian = true;
  } else if (data.compare(0, 4, "argN") == 0) {
    big_endian = false;
  } else {
    return bad("not an Edinburgh Speech Tools binary n-gram (NgramBin_2)");
  }
  size_t pos = 4;
  auto line = [&](std::vector<std::string>* words) {
    size_t e = data.find('\n', pos);
    if (e == std::string::npos) return false;
    std::istringstream in(data.substr(pos, e - pos));
    std::string w;
    while (in >> w) words->push_back(w);
    pos = e + 1;
    return true;
  };
  std::vector<std::string> head, vocab, pred;
  if (!line(&head) || head.size() != 2 || head[0] != "mBin_2") return bad("bad NgramBin_2 header");
  if (head[1] != "3") return bad("order " + head[1] + ", a tag trigram model (order 3) is needed");
  if (!line(&vocab) || !line(&pred) || vocab.empty() || vocab != pred)
    return bad("bad vocabulary lines");
  const size_t n = vocab.size();
  size_t count = (data.size() - pos) / 8;
  std::vector<double> values(count);
  for (size_t i = 0; i < count; ++i) {
    unsigned char b[8];
    std::memcpy(b, data.data() + pos + 8 * i, 8);
    if (big_endian == (std::endian::native == std::endian::little))
      for (int k = 0; k < 4; ++k) std::swap(b[k], b[7 - k]);
    std::memcpy(&values[i], b, 8);
  }
  std::vector<double> freq(n * n * n);
  size_t j = 0;
  for (size_t cell = 0; cell < freq.size(); ++cell) {
    if (j >= count) return bad("the frequency table ends early");
    freq[cell] = values[j];
    if (j + 1 >= count) {
      ++j;
    } else if (values[j + 1] < -1) {
      values[j + 1] += 1;
    } else if (values[j + 1] == -1) {
      j += 2;
    } else {
      ++j;
    }
  }
  if (j != count) return bad("values left after the frequency table");
  trans_.assign(n * n * n, 0.0f);
  for (size_t state = 0; state < n * n; ++state) {
    double total = 0;
    for (size_t c = 0; c < n; ++c) total += std::max(0.0, freq[state * n + c]);
    for (size_t c = 0; c < n; ++c) {
      double f = std::max(0.0, freq[state * n + c]);
      double p = total > 0 ? f / total : 1.0 / static_cast<double>(n);
      trans_[state * n + c] = static_cast<float>(std::log(std::max(p, 1e-7)));
    }
  }
  tags_ = std::move(vocab);
  n_ = n;
  punc_ = Tag("punc");
  if (punc_ < 0) return bad("no \"punc\" tag");
  return true;
}

bool EnglishTagger::Load(const std::string& dir, std::string* error) {
  if (!LoadNgram(dir + "/wsj.wp39.tri.ngrambin", error)) {
    tags_.clear();
    return false;
  }
  const std::string path = dir + "/wsj.wp39.poslexR";
  std::string text;
  if (!ReadFile(path, &text)) {
    *error = path + ": cannot read the part-of-speech lexicon";
    tags_.clear();
    return false;
  }
  // Lines: ("word" ((tag logp) (tag logp) ) () ). The tags "1" and "2" mark words of
  // uncertain tag in the treebank and are not predicted.
  size_t b = 0;
  int line_no = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    std::string_view l(text.data() + b, e - b);
    b = e + 1;
    ++line_no;
    if (l.size() < 4 || l[0] != '(' || l[1] != '"') continue;
    size_t q = l.find('"', 2);
    if (q == std::string_view::npos) {
      *error = path + ":" + std::to_string(line_no) + ": unterminated word";
      tags_.clear();
      return false;
    }
    std::string word(l.substr(2, q - 2));
    std::vector<Reading> readings;
    size_t k = l.find("((", q);
    if (k == std::string_view::npos) continue;
    k += 1;
    while (true) {
      size_t open = l.find('(', k);
      size_t close = l.find(')', k);
      if (open == std::string_view::npos || close == std::string_view::npos || close < open) break;
      std::string_view item = l.substr(open + 1, close - open - 1);
      size_t sp = item.find(' ');
      if (sp != std::string_view::npos) {
        int tag = Tag(item.substr(0, sp));
        double logp = std::strtod(std::string(item.substr(sp + 1)).c_str(), nullptr);
        if (tag >= 0 && tags_[static_cast<size_t>(tag)] != "1" &&
            tags_[static_cast<size_t>(tag)] != "2")
          readings.push_back({static_cast<uint8_t>(tag), static_cast<float>(logp)});
      }
      k = close + 1;
    }
    if (!readings.empty()) lexicon_.emplace(std::move(word), std::move(readings));
  }
  if (lexicon_.empty()) {
    *error = path + ": no word read";
    tags_.clear();
    return false;
  }
  return true;
}

void EnglishTagger::Decode(const std::vector<std::vector<Reading>>& cands, size_t n,
                           std::vector<int>* best) const {
  best->assign(n, 0);
  if (n == 0) return;
  // score[at[i] + p * |C_i| + c]: the best log probability of tokens 0..i with token i-1 read
  // as its p-th candidate and token i as its c-th (a sentence starts after two "punc");
  // back[] the same cells: the choice for token i-2.
  thread_local std::vector<float> score;
  thread_local std::vector<int> back;
  thread_local std::vector<size_t> at;
  at.resize(n + 1);
  at[0] = 0;
  for (size_t i = 0; i < n; ++i)
    at[i + 1] = at[i] + (i ? cands[i - 1].size() : 1) * cands[i].size();
  score.resize(at[n]);
  back.resize(at[n]);
  const int punc = punc_;
  for (size_t i = 0; i < n; ++i) {
    const std::vector<Reading>& ci = cands[i];
    const size_t wc = ci.size(), wp = i ? cands[i - 1].size() : 1,
                 wpp = i >= 2 ? cands[i - 2].size() : 1;
    const float* prev_score = i ? &score[at[i - 1]] : nullptr;
    for (size_t p = 0; p < wp; ++p) {
      const int tp = i ? cands[i - 1][p].tag : punc;
      for (size_t c = 0; c < wc; ++c) {
        const int tc = ci[c].tag;
        float top = -1e30f;
        int arg = 0;
        for (size_t pp = 0; pp < wpp; ++pp) {
          const int tpp = i >= 2 ? cands[i - 2][pp].tag : punc;
          const float v = (prev_score ? prev_score[pp * wp + p] : 0.0f) + Transition(tpp, tp, tc);
          if (v > top) {
            top = v;
            arg = static_cast<int>(pp);
          }
        }
        score[at[i] + p * wc + c] = top + ci[c].logp;
        back[at[i] + p * wc + c] = arg;
      }
    }
  }
  // The best final pair, then back through the table.
  const size_t wl = cands[n - 1].size(), wpl = n >= 2 ? cands[n - 2].size() : 1;
  float top = -1e31f;
  size_t bp = 0, bc = 0;
  for (size_t p = 0; p < wpl; ++p) {
    for (size_t c = 0; c < wl; ++c) {
      if (score[at[n - 1] + p * wl + c] > top) {
        top = score[at[n - 1] + p * wl + c];
        bp = p;
        bc = c;
      }
    }
  }
  (*best)[n - 1] = static_cast<int>(bc);
  if (n >= 2) (*best)[n - 2] = static_cast<int>(bp);
  for (size_t i = n - 1; i >= 2; --i) {
    size_t c = static_cast<size_t>((*best)[i]), p = static_cast<size_t>((*best)[i - 1]);
    (*best)[i - 2] = back[at[i] + p * cands[i].size() + c];
  }
}

// ---- Resources

const EnglishResources& English(const std::string& wordnet_dir, const std::string& poslex_dir) {
  static EnglishResources* res = nullptr;
  static std::once_flag once;
  std::call_once(once, [&] {
    res = new EnglishResources();
    std::string why;
    if (!res->wordnet.Load(wordnet_dir, &why)) res->problem = why;
    why.clear();
    if (!res->tagger.Load(poslex_dir, &why))
      res->problem += (res->problem.empty() ? "" : "; ") + why;
  });
  return *res;
}

// ---- EnglishAnalyser

EnglishAnalyser::EnglishAnalyser(const EnglishResources& res,
                                 const std::unordered_set<std::string>* vocabulary)
    : res_(res), vocabulary_(vocabulary) {
  const EnglishTagger& t = res.tagger;
  nn_ = t.Tag("nn"), nns_ = t.Tag("nns"), nnp_ = t.Tag("nnp"), nnps_ = t.Tag("nnps");
  jj_ = t.Tag("jj"), jjr_ = t.Tag("jjr"), jjs_ = t.Tag("jjs"), rb_ = t.Tag("rb");
  vb_ = t.Tag("vb"), vbd_ = t.Tag("vbd"), vbn_ = t.Tag("vbn"), vbg_ = t.Tag("vbg");
  vbp_ = t.Tag("vbp"), vbz_ = t.Tag("vbz"), cd_ = t.Tag("cd"), punc_ = t.Tag("punc");
  md_ = t.Tag("md"), to_ = t.Tag("to"), pos_ = t.Tag("pos"), in_ = t.Tag("in");
}

namespace {

// Contractions and clitics as the treebank splits them ("did n't", "ca n't", "he 's").
struct Clitic {
  std::string_view form, tag, lemma;
};
constexpr Clitic kClitics[] = {
    {"n't", "", "not"},  {"'re", "", "be"},     {"'m", "", "be"},       {"'ve", "", "have"},
    {"'ll", "", "will"}, {"'d", "md", "would"}, {"'d", "vbd", "have"},  {"'s", "vbz", "be"},
    {"ca", "md", "can"}, {"wo", "md", "will"},  {"sha", "md", "shall"},
};

bool AllCaps(const std::string& text) {
  int letters = 0;
  for (unsigned char ch : text) {
    if (ch >= 'a' && ch <= 'z') return false;
    if (ch >= 'A' && ch <= 'Z') ++letters;
  }
  return letters >= 2;
}

}  // namespace

std::string EnglishAnalyser::LemmaFor(const std::string& w, int tag) const {
  const std::string& name = res_.tagger.tags()[static_cast<size_t>(tag)];
  for (const Clitic& c : kClitics)
    if (c.form == w && (c.tag.empty() || c.tag == name)) return std::string(c.lemma);
  uint8_t wn_pos = 0;
  if (tag == nn_ || tag == nns_ || tag == nnp_ || tag == nnps_)
    wn_pos = WordNet::kNoun;
  else if (tag == vb_ || tag == vbd_ || tag == vbn_ || tag == vbg_ || tag == vbp_ || tag == vbz_)
    wn_pos = WordNet::kVerb;
  else if (tag == jj_ || tag == jjr_ || tag == jjs_)
    wn_pos = WordNet::kAdj;
  else if (name == "rb" || name == "rbr" || name == "rbs")
    wn_pos = WordNet::kAdv;
  if (wn_pos == 0) return w;
  // A noun or adjective the lexicons list in this very form keeps it: the lexicon chose the
  // form ("forces" may be a group where "force" is not).
  if ((wn_pos == WordNet::kNoun || wn_pos == WordNet::kAdj) && vocabulary_ && vocabulary_->count(w))
    return w;
  // A plural, a tensed verb, a comparative: its base comes before the word itself
  // ("dozens" is a noun of its own, but the plural of "dozen").
  const bool inflected = tag == nns_ || tag == nnps_ || tag == vbd_ || tag == vbn_ || tag == vbg_ ||
                         tag == vbz_ || tag == jjr_ || tag == jjs_ || name == "rbr" ||
                         name == "rbs";
  std::vector<std::string> bases = res_.wordnet.Morphy(w, wn_pos, inflected);
  // Among several bases ("bases": base, basis) one the lexicons use is preferred.
  for (const std::string& b : bases)
    if (vocabulary_ && vocabulary_->count(b)) return b;
  if (!bases.empty()) return bases.front();
  // Words WordNet does not list: the regular endings, checked against the lexicons' words;
  // a plural noun loses its -s.
  if (wn_pos == WordNet::kNoun || wn_pos == WordNet::kVerb) {
    auto stem = [&](size_t k) { return w.substr(0, w.size() - k); };
    std::vector<std::string> cands;
    const Detachment* rules = wn_pos == WordNet::kNoun ? kNounRules : kVerbRules;
    size_t count = wn_pos == WordNet::kNoun ? std::size(kNounRules) : std::size(kVerbRules);
    for (size_t r = 0; r < count; ++r)
      if (EndsWith(w, rules[r].suffix) && w.size() > rules[r].suffix.size() + 2)
        cands.push_back(stem(rules[r].suffix.size()) + std::string(rules[r].ending));
    for (const std::string& c : cands)
      if (vocabulary_ && vocabulary_->count(c)) return c;
    if ((tag == nns_ || tag == nnps_ || tag == vbz_) && w.size() > 3 && EndsWith(w, "s") &&
        !EndsWith(w, "ss") && !EndsWith(w, "us") && !EndsWith(w, "is"))
      return EndsWith(w, "ies") ? stem(3) + "y" : stem(1);
  }
  return w;
}

void EnglishAnalyser::Guess(const std::string& w, std::vector<EnglishTagger::Reading>* out) const {
  auto add = [&](int tag, float logp) {
    if (tag < 0) return;
    for (auto& r : *out) {
      if (r.tag == tag) {
        r.logp = std::max(r.logp, logp);
        return;
      }
    }
    out->push_back({static_cast<uint8_t>(tag), logp});
  };
  bool digit = false, letter = false;
  for (unsigned char ch : w) {
    digit = digit || (ch >= '0' && ch <= '9');
    letter = letter || (ch >= 'a' && ch <= 'z') || ch >= 0x80;
  }
  if (digit) {
    add(cd_, -9.0f);
    if (letter) add(nn_, -12.0f);  // "F-16", "4th"
    return;
  }
  constexpr float kUnknown = -12.0f;
  WordNetReadings(w, kUnknown, out);
  if (!out->empty()) return;
  // Not in WordNet either: the ending, or a name written in lower case.
  if (EndsWith(w, "ing")) {
    add(vbg_, kUnknown);
    add(nn_, kUnknown - 1);
  } else if (EndsWith(w, "ed")) {
    add(vbn_, kUnknown);
    add(vbd_, kUnknown);
    add(jj_, kUnknown - 1);
  } else if (EndsWith(w, "ly")) {
    add(rb_, kUnknown);
  } else if (EndsWith(w, "s") && !EndsWith(w, "ss") && !EndsWith(w, "us") && !EndsWith(w, "is")) {
    add(nns_, kUnknown);
    add(vbz_, kUnknown - 2);
  } else if (w.find('-') != std::string::npos) {
    add(jj_, kUnknown);
    add(nn_, kUnknown - 0.5f);
  } else {
    for (std::string_view suffix :
         {"al", "ous", "ic", "ive", "able", "ible", "ful", "less", "ian", "ese", "ish", "ary"}) {
      if (EndsWith(w, suffix)) add(jj_, kUnknown);
    }
    add(nn_, kUnknown);
    add(jj_, kUnknown - 1.5f);
  }
  add(nnp_, kUnknown - 1);  // a name written in lower case
}

// The readings WordNet gives a word: the tags of each part of speech under which the word
// or its base is listed, the form telling which (plural, past, gerund ...), at `logp`.
void EnglishAnalyser::WordNetReadings(const std::string& w, float logp,
                                      std::vector<EnglishTagger::Reading>* out) const {
  auto add = [&](int tag, float lp) {
    if (tag < 0) return;
    for (auto& r : *out)
      if (r.tag == tag) return;
    out->push_back({static_cast<uint8_t>(tag), lp});
  };
  const float kUnknown = logp;
  const WordNet& wn = res_.wordnet;
  if (auto n = wn.Morphy(w, WordNet::kNoun); !n.empty()) add(n.front() == w ? nn_ : nns_, kUnknown);
  if (!wn.Morphy(w, WordNet::kVerb).empty()) {
    if (EndsWith(w, "ing")) {
      add(vbg_, kUnknown);
    } else if (EndsWith(w, "ed")) {
      add(vbd_, kUnknown);
      add(vbn_, kUnknown);
    } else if (EndsWith(w, "s")) {
      add(vbz_, kUnknown - 1);
    } else {
      add(vb_, kUnknown - 0.5f);
      add(vbp_, kUnknown - 1);
    }
  }
  if (auto a = wn.Morphy(w, WordNet::kAdj); !a.empty())
    add(a.front() == w ? jj_ : (EndsWith(w, "est") ? jjs_ : jjr_), kUnknown);
  if (wn.Classes(w) & WordNet::kAdv) add(rb_, kUnknown);
}

bool EnglishAnalyser::KnownWord(const std::string& lower) const {
  return res_.tagger.Lookup(lower) != nullptr || res_.wordnet.Classes(lower) != 0 ||
         !res_.wordnet.Morphy(lower, WordNet::kNoun, true).empty() ||
         !res_.wordnet.Morphy(lower, WordNet::kVerb, true).empty();
}

const EnglishAnalyser::Form& EnglishAnalyser::Lookup(const std::string& lower) {
  if (Form* known = cache_.Find(lower)) return *known;
  Form f;
  if (const auto* r = res_.tagger.Lookup(lower)) {
    f.readings = *r;
    // An -ed form is both the past and the past participle; the lexicon, counted on a
    // sample of text, may have seen only one ("arrested" as a participle only).
    if (EndsWith(lower, "ed")) {
      float past = 1, participle = 1;
      for (const auto& x : f.readings) {
        if (x.tag == vbd_) past = x.logp;
        if (x.tag == vbn_) participle = x.logp;
      }
      if (past > 0 && participle <= 0)
        f.readings.push_back({static_cast<uint8_t>(vbd_), participle - 1.0f});
      if (participle > 0 && past <= 0)
        f.readings.push_back({static_cast<uint8_t>(vbn_), past - 1.0f});
    }
    // Readings the lexicon's sample never showed but WordNet lists ("station" as a verb:
    // "and station two destroyers"), less likely than any the lexicon saw.
    WordNetReadings(lower, -13.5f, &f.readings);
  } else {
    Guess(lower, &f.readings);
  }
  f.lemmas.reserve(f.readings.size());
  for (const auto& r : f.readings) f.lemmas.push_back(LemmaFor(lower, r.tag));
  f.proper_lemma = LemmaFor(lower, nnp_);
  f.known = KnownWord(lower);
  return cache_.Add(lower, std::move(f));
}

void EnglishAnalyser::Analyse(Sentence* s) {
  std::vector<Token>& toks = s->tokens;
  const size_t n = toks.size();
  if (n == 0) return;
  if (cache_.size() > kFormCacheLimit) cache_.Clear();
  cands_.resize(std::max(cands_.size(), n));
  std::vector<const Form*>& forms = forms_;
  forms.assign(n, nullptr);
  bool initial = true;  // no word yet in this clause: a capital says nothing
  for (size_t i = 0; i < n; ++i) {
    Token& t = toks[i];
    auto& c = cands_[i];
    c.clear();
    if (!t.is_word) {
      if (const auto* r = res_.tagger.Lookup(t.lower)) c = *r;
      if (c.empty()) c.push_back({static_cast<uint8_t>(punc_), 0.0f});
      if (t.text != "," && t.text != "%" && t.text != "$" && t.text != "&") initial = t.text != ")";
      continue;
    }
    const Form& f = Lookup(t.lower);
    forms[i] = &f;
    c = f.readings;
    if (!t.upper_initial && c.size() > 1) {
      // The lexicon is in lower case: "hills" lists the proper noun of "Beverly Hills". A
      // word written in lower case is no name, unless it has no other reading ("al").
      std::erase_if(
          c, [&](const EnglishTagger::Reading& r) { return r.tag == nnp_ || r.tag == nnps_; });
      if (c.empty()) c = f.readings;
    }
    if (t.upper_initial && AllCaps(t.text)) {
      // NATO, US, ISIS: an acronym is a name.
      c.assign(1, {static_cast<uint8_t>(nnp_), -8.0f});
    } else if (t.upper_initial && !initial && res_.tagger.Lookup(t.lower) == nullptr) {
      // A capital inside the sentence on a word the lexicon does not know is a name
      // (WordNet lists "romania" as a noun).
      c.assign(1, {static_cast<uint8_t>(nnp_), -9.0f});
    } else if (t.upper_initial && (!initial || !f.known)) {
      // A capital inside the sentence, or on a word no dictionary knows, may be a name.
      bool has = false;
      for (const auto& r : c) has = has || r.tag == nnp_ || r.tag == nnps_;
      if (!has) c.push_back({static_cast<uint8_t>(nnp_), initial ? -10.0f : -9.0f});
    }
    initial = false;
  }
  res_.tagger.Decode(cands_, n, &best_);
  std::vector<int>& tag = tags_;
  tag.resize(n);
  for (size_t i = 0; i < n; ++i) tag[i] = cands_[i][static_cast<size_t>(best_[i])].tag;
  auto is_verb = [&](int g) {
    return g == vb_ || g == vbd_ || g == vbn_ || g == vbg_ || g == vbp_ || g == vbz_;
  };
  for (size_t i = 0; i < n; ++i) {
    Token& t = toks[i];
    const int g = tag[i];
    const std::string& name = res_.tagger.tags()[static_cast<size_t>(g)];
    if (forms[i]) {
      const Form& f = *forms[i];
      t.lemma = t.lower;
      bool found = false;
      for (size_t k = 0; k < f.readings.size(); ++k) {
        if (f.readings[k].tag == g) {
          t.lemma = f.lemmas[k];
          found = true;
          break;
        }
      }
      if (!found && (g == nnp_ || g == nnps_)) t.lemma = f.proper_lemma;
    }
    // The next verb form, past adverbs and negation: what an auxiliary governs.
    auto next_verb = [&](size_t from) -> int {
      for (size_t k = from; k < std::min(n, from + 4); ++k) {
        if (is_verb(tag[k])) return tag[k];
        const std::string& nk = res_.tagger.tags()[static_cast<size_t>(tag[k])];
        if (nk != "rb" && nk != "prp" && nk != "rbr") return -1;
      }
      return -1;
    };
    Pos p = Pos::kX;
    VerbForm vf = VerbForm::kNone;
    if (g == nn_ || g == nns_)
      p = Pos::kNoun;
    else if (g == nnp_ || g == nnps_)
      p = Pos::kPropn;
    else if (g == jj_ || g == jjr_ || g == jjs_)
      p = Pos::kAdj;
    else if (name == "rb" || name == "rbr" || name == "rbs" || name == "wrb")
      p = (t.lemma == "not") ? Pos::kPart : Pos::kAdv;
    else if (is_verb(g)) {
      p = Pos::kVerb;
      vf = g == vbn_   ? VerbForm::kParticiple
           : g == vbg_ ? VerbForm::kGerund
           : g == vb_  ? VerbForm::kInfinitive
                       : VerbForm::kFinite;
      if (t.lemma == "be" || ((t.lemma == "have" || t.lemma == "do") && next_verb(i + 1) >= 0))
        p = Pos::kAux;
    } else if (g == md_) {
      p = Pos::kAux;
      vf = VerbForm::kFinite;
    } else if (g == to_) {
      p = (i + 1 < n && next_verb(i + 1) == vb_) ? Pos::kPart : Pos::kAdp;
    } else if (g == pos_)
      p = Pos::kPart;
    else if (g == in_) {
      static constexpr std::string_view kSubordinators[] = {
          "that", "because", "if", "whether", "although", "though", "unless", "while", "whereas"};
      p = Pos::kAdp;
      for (std::string_view w : kSubordinators)
        if (t.lower == w) p = Pos::kSconj;
    } else if (name == "of" || name == "rp")
      p = Pos::kAdp;
    else if (name == "dt" || name == "pdt")
      p = Pos::kDet;
    else if (name == "wdt")
      p = (i + 1 < n && (tag[i + 1] == nn_ || tag[i + 1] == nns_)) ? Pos::kDet : Pos::kPron;
    else if (name == "prp" || name == "wp" || name == "ex")
      p = Pos::kPron;
    else if (name == "cc")
      p = Pos::kCconj;
    else if (g == cd_)
      p = Pos::kNum;
    else if (name == "uh")
      p = Pos::kIntj;
    else if (name == "sym")
      p = Pos::kSym;
    else if (g == punc_)
      p = t.is_word ? Pos::kX : Pos::kPunct;
    t.pos = p;
    t.verb_form = vf;
  }
}

}  // namespace geokg::internal
