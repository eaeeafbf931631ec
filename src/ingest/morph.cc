// Lemmas and parts of speech of every token. French: Hunspell's French dictionary gives every
// reading of a word (morph_fr.cc), rules of the language choose one in context. English:
// festival's part-of-speech model tags the sentence, WordNet's morphy gives the lemma of the
// tagged word (morph_en.cc). What is known of a word form is cached per form: forms follow
// Zipf's law, so the analysers' cost is paid once per form, and only the choice in context
// is paid per token.
#include <hunspell/hunspell.hxx>

#include <filesystem>
#include <mutex>

#include "geokg/common/text.h"
#include "morph_internal.h"

namespace geokg::internal {

struct Morphology::Impl {
  std::unique_ptr<Hunspell> fr;
  std::unique_ptr<Hunspell> en;
  std::unique_ptr<FrenchAnalyser> french;
  std::unique_ptr<EnglishAnalyser> english;
};

Morphology::Morphology(std::unordered_set<std::string> vocabulary)
    : vocabulary_(std::move(vocabulary)), impl_(std::make_unique<Impl>()) {
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
  impl_->fr = open("fr_FR");
  impl_->en = open("en_US");
  impl_->french = std::make_unique<FrenchAnalyser>(impl_->fr.get(), &vocabulary_);
  const EnglishResources& english = English();
  if (english.tagger.loaded())
    impl_->english = std::make_unique<EnglishAnalyser>(english, &vocabulary_);
}

Morphology::~Morphology() = default;

bool Morphology::has_french_dictionary() const { return impl_->fr != nullptr; }

bool Morphology::has_english_model() const {
  return impl_->english != nullptr && English().wordnet.loaded();
}

bool Morphology::IsCommonWord(const std::string& lower, const std::string& lang) {
  Hunspell* h = lang == "fr" ? impl_->fr.get() : impl_->en.get();
  if (h == nullptr || lower.empty() || lower.size() > 64) return false;
  auto& cache = lang == "fr" ? common_fr_ : common_en_;
  auto it = cache.find(lower);
  if (it != cache.end()) return it->second;
  bool known = h->spell(lower);
  if (cache.size() > 500000) cache.clear();
  cache.emplace(lower, known);
  return known;
}

void Morphology::Analyse(const std::string& lang, std::vector<Sentence>* sentences) {
  for (Sentence& s : *sentences) {
    if (lang == "fr") {
      impl_->french->Analyse(&s);
    } else if (impl_->english) {
      impl_->english->Analyse(&s);
    }
  }
}

}  // namespace geokg::internal
