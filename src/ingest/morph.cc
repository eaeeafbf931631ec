// Lemmas. French: Hunspell's French dictionary (every reading; one the lexicons use is
// preferred). English: the irregular forms in data/lexicon/en.irregular.tsv and suffix
// rules checked against the lexicon vocabulary. Results are cached per word form: forms
// follow Zipf's law, so the analyser's cost is paid once per form.
#include <hunspell/hunspell.hxx>

#include <filesystem>
#include <fstream>
#include <mutex>

#include "geokg/common/text.h"
#include "nlp_internal.h"

namespace geokg::internal {

struct Morphology::HunspellHolder {
  std::unique_ptr<Hunspell> fr;
  std::unique_ptr<Hunspell> en;
};

Morphology::Morphology(std::unordered_set<std::string> vocabulary, const std::string& data_root)
    : vocabulary_(std::move(vocabulary)), hunspell_(std::make_unique<HunspellHolder>()) {
  auto open = [](const char* name) -> std::unique_ptr<Hunspell> {
    // Hunspell's constructor sets up a global table without a lock (csutil's
    // initialize_utf_tbl): Extractors made on several threads at once must take turns.
    static std::mutex construction;
    std::lock_guard<std::mutex> lock(construction);
    for (const char* dir : {"/usr/share/hunspell", "/usr/share/myspell/dicts"}) {
      std::string aff = std::string(dir) + "/" + name + ".aff";
      std::string dic = std::string(dir) + "/" + name + ".dic";
      if (std::filesystem::exists(aff) && std::filesystem::exists(dic))
        return std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
    }
    return nullptr;
  };
  hunspell_->fr = open("fr_FR");
  hunspell_->en = open("en_US");
  std::ifstream in(data_root + "/data/lexicon/en.irregular.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string lemma = line.substr(0, tab);
    std::string forms = line.substr(tab + 1);
    size_t b = 0;
    while (b <= forms.size()) {
      size_t e = forms.find('|', b);
      if (e == std::string::npos) e = forms.size();
      if (e > b) irregular_en_[forms.substr(b, e - b)] = lemma;
      b = e + 1;
    }
  }
}

Morphology::~Morphology() = default;

bool Morphology::has_french_dictionary() const { return hunspell_->fr != nullptr; }

bool Morphology::IsCommonWord(const std::string& lower, const std::string& lang) {
  Hunspell* h = lang == "fr" ? hunspell_->fr.get() : hunspell_->en.get();
  if (h == nullptr || lower.empty() || lower.size() > 64) return false;
  auto& cache = lang == "fr" ? common_fr_ : common_en_;
  auto it = cache.find(lower);
  if (it != cache.end()) return it->second;
  bool known = h->spell(lower);
  if (cache.size() > 500000) cache.clear();
  cache.emplace(lower, known);
  return known;
}

std::string Morphology::LemmaFr(const std::string& lower) {
  auto it = cache_fr_.find(lower);
  if (it != cache_fr_.end()) return it->second;
  std::string lemma = lower;
  if (vocabulary_.count(lower) == 0 && hunspell_->fr && lower.size() < 64) {
    std::vector<std::string> stems = hunspell_->fr->stem(lower);
    bool chosen = false;
    for (const std::string& s : stems) {
      std::string l = Lower(s);
      if (vocabulary_.count(l)) {
        lemma = l;
        chosen = true;
        break;
      }
    }
    if (!chosen && !stems.empty()) lemma = Lower(stems.front());
  }
  if (cache_fr_.size() > 500000) cache_fr_.clear();
  cache_fr_.emplace(lower, lemma);
  return lemma;
}

std::string Morphology::LemmaEn(const std::string& lower) {
  auto it = cache_en_.find(lower);
  if (it != cache_en_.end()) return it->second;
  std::string lemma = lower;
  auto irr = irregular_en_.find(lower);
  if (irr != irregular_en_.end()) {
    lemma = irr->second;
  } else if (vocabulary_.count(lower) == 0) {
    // Candidate bases from the regular suffixes; the first one the lexicons know wins,
    // else the most common reading.
    std::vector<std::string> cands;
    auto ends = [&](std::string_view suf) {
      return lower.size() > suf.size() + 2 &&
             lower.compare(lower.size() - suf.size(), suf.size(), suf) == 0;
    };
    auto stem = [&](size_t n) { return lower.substr(0, lower.size() - n); };
    if (ends("ies")) cands.push_back(stem(3) + "y");
    if (ends("ied")) cands.push_back(stem(3) + "y");
    if (ends("ing")) {
      std::string b = stem(3);
      cands.push_back(b);
      cands.push_back(b + "e");
      if (b.size() > 2 && b[b.size() - 1] == b[b.size() - 2]) cands.push_back(b.substr(0, b.size() - 1));
    }
    if (ends("ed")) {
      std::string b = stem(2);
      cands.push_back(b);
      cands.push_back(stem(1));
      if (b.size() > 2 && b[b.size() - 1] == b[b.size() - 2]) cands.push_back(b.substr(0, b.size() - 1));
    }
    if (ends("es")) cands.push_back(stem(2));
    if (ends("s") && !ends("ss")) cands.push_back(stem(1));
    bool chosen = false;
    for (const std::string& c : cands) {
      if (vocabulary_.count(c)) {
        lemma = c;
        chosen = true;
        break;
      }
    }
    if (!chosen && ends("s") && !ends("ss") && !ends("us") && !ends("is")) lemma = stem(1);
  }
  if (cache_en_.size() > 500000) cache_en_.clear();
  cache_en_.emplace(lower, lemma);
  return lemma;
}

void Morphology::Lemmatize(const std::string& lang, std::vector<Sentence>* sentences) {
  for (Sentence& s : *sentences) {
    for (Token& t : s.tokens) {
      if (!t.is_word) continue;
      t.lemma = lang == "fr" ? LemmaFr(t.lower) : LemmaEn(t.lower);
    }
  }
}

}  // namespace geokg::internal
