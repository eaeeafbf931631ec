// `geokg eval`: scores extraction against gold (geokg/eval/score.h does the scoring).
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "geokg/eval/score.h"
#include "ingest_commands.h"

namespace geokg {
namespace {

constexpr const char* kEvalHelp =
    "usage: geokg eval --gold FILE [options] [INPUT...]\n"
    "\n"
    "Scores extraction against gold relations (or entities) written in the evaluation\n"
    "contract's format (../shared/eval/README.md), by exactly the rules of its score.py:\n"
    "names folded (case, accents, a leading article, punctuation), duplicates counted once,\n"
    "symmetric classes either way round, one-to-one matching, optional gold neither counted\n"
    "nor penalised. Use it to measure your own lexicons and gazetteers (--lexicon,\n"
    "--gazetteer) on your own gold.\n"
    "\n"
    "What is scored:\n"
    "  (default)          geokg extracts the articles itself, in process: the INPUTs when\n"
    "                     given (files or directories, as for 'geokg extract'), else the\n"
    "                     articles file next to the gold (NAME.articles.jsonl for\n"
    "                     NAME.gold.jsonl or NAME.entities.jsonl)\n"
    "  --pred FILE        a predictions file instead (triples or entities JSON Lines, such\n"
    "                     as 'geokg extract' writes, or another system's)\n"
    "\n"
    "options:\n"
    "  --gold FILE        the gold (required)\n"
    "  --fine             match fine types (ACCUSE, CONSULT ...) where the gold has one;\n"
    "                     default: coarse classes (CONFLICT, COMMUNICATE ...)\n"
    "  --entities         score entities, with and without type (default: chosen from the\n"
    "                     gold: lines with \"names\" and no \"subject\" are entity gold)\n"
    "  --json             print one JSON object (the keys score.py --json prints)\n"
    "  --save-pred FILE   also write the predictions extracted to FILE\n"
    "  -j, --jobs N       extraction threads (default: the number of cores)\n"
    "  --gazetteer FILE   an extra gazetteer file, geokg TSV or PETRARCH actors (repeatable)\n"
    "  --lexicon FILE     an extra relation lexicon (repeatable)\n"
    "\n"
    "Output: the gold and prediction counts, then one row per class (or fine type, or\n"
    "entity type) with TP, FP, FN, precision, recall and F1, the ALL row, and last the line\n"
    "'F1 0.xxx P 0.xxx R 0.xxx'.\n"
    "\n"
    "exit status: 0 scored, 1 a file unreadable, a bad gold line (named with its line) or\n"
    "some articles that could not be extracted (the score is still printed), 2 usage.\n";

// NAME.articles.jsonl for NAME.gold.jsonl / NAME.entities.jsonl; "" when the name is other.
std::string ArticlesNextTo(const std::string& gold) {
  for (const char* suffix : {".gold.jsonl", ".entities.jsonl"}) {
    const std::string s = suffix;
    if (gold.size() > s.size() && gold.compare(gold.size() - s.size(), s.size(), s) == 0)
      return gold.substr(0, gold.size() - s.size()) + ".articles.jsonl";
  }
  return "";
}

}  // namespace

int RunEval(int argc, char** argv) {
  std::string gold_path, pred_path, save_pred;
  bool fine = false, entities = false, json = false;
  std::vector<std::string> extract_args, inputs;
  auto usage = [](const std::string& msg) {
    std::cerr << "geokg eval: " << msg << " (see geokg eval --help)\n";
    return 2;
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string v;
    bool has_inline = false;
    if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
      if (size_t eq = a.find('='); eq != std::string::npos) {
        v = a.substr(eq + 1);
        a.resize(eq);
        has_inline = true;
      }
    }
    const bool takes_value = a == "--gold" || a == "--pred" || a == "--save-pred" ||
                             a == "--gazetteer" || a == "--lexicon" || a == "--jobs" || a == "-j" ||
                             a == "--include";
    if (takes_value && !has_inline) {
      if (i + 1 >= argc) return usage(a + " needs a value");
      v = argv[++i];
    }
    if (a == "-h" || a == "--help") {
      std::cout << kEvalHelp;
      return 0;
    } else if (a == "--gold") {
      gold_path = v;
    } else if (a == "--pred") {
      pred_path = v;
    } else if (a == "--save-pred") {
      save_pred = v;
    } else if (a == "--fine") {
      fine = true;
    } else if (a == "--entities") {
      entities = true;
    } else if (a == "--json") {
      json = true;
    } else if (takes_value) {  // passed on to extraction
      extract_args.push_back(a);
      extract_args.push_back(v);
    } else if (a == "--") {
      for (++i; i < argc; ++i) inputs.push_back(argv[i]);
    } else if (a.size() > 1 && a[0] == '-') {
      return usage("unknown option '" + a + "'");
    } else {
      inputs.push_back(a);
    }
  }
  if (gold_path.empty()) return usage("--gold FILE is required");
  if (!pred_path.empty() && !inputs.empty())
    return usage("give either --pred FILE or articles to extract, not both");
  if (!pred_path.empty() && !save_pred.empty())
    return usage("--save-pred needs extraction, not --pred");

  std::string gold_text;
  if (Status st = eval::ReadUtf8File(gold_path, &gold_text); !st.ok()) {
    std::cerr << "geokg eval: " << st.message() << "\n";
    return 1;
  }
  if (!entities && eval::DetectGoldKind(gold_text) == eval::GoldKind::kEntities) {
    if (fine) return usage("--fine applies to relation gold; " + gold_path + " holds entities");
    entities = true;
  }

  std::string pred_text, pred_name = pred_path;
  int extract_rc = 0;
  if (!pred_path.empty()) {
    if (Status st = eval::ReadUtf8File(pred_path, &pred_text); !st.ok()) {
      std::cerr << "geokg eval: " << st.message() << "\n";
      return 1;
    }
  } else {
    if (inputs.empty()) {
      const std::string next = ArticlesNextTo(gold_path);
      if (next.empty() || !std::ifstream(next))
        return usage("no articles: give them as INPUT, or --pred FILE (looked for " +
                     (next.empty() ? std::string("NAME.articles.jsonl") : next) + ")");
      inputs.push_back(next);
    }
    std::vector<std::string> args = {"extract", "--quiet"};
    if (entities) args.push_back("--entities");
    args.insert(args.end(), extract_args.begin(), extract_args.end());
    args.push_back("--");
    args.insert(args.end(), inputs.begin(), inputs.end());
    std::vector<char*> cargv;
    for (std::string& s : args) cargv.push_back(s.data());
    cargv.push_back(nullptr);
    extract_rc = RunExtractInto(static_cast<int>(args.size()), cargv.data(), &pred_text);
    if (extract_rc == 2) return 2;
    pred_name = "geokg extract";
    for (const std::string& in : inputs) pred_name += " " + in;
    if (!save_pred.empty()) {
      std::ofstream out(save_pred, std::ios::binary);
      out << pred_text;
      if (!out.flush()) {
        std::cerr << "geokg eval: " << save_pred << ": cannot write\n";
        return 1;
      }
    }
  }

  Status st;
  std::string text;
  nlohmann::json j;
  if (entities) {
    eval::EntityScore s;
    st = eval::ScoreEntities(gold_text, gold_path, pred_text, pred_name, &s);
    if (st.ok()) {
      j = eval::ToJson(s);
      text = eval::FormatTable(s);
    }
  } else {
    eval::RelationScore s;
    st = eval::ScoreRelations(gold_text, gold_path, pred_text, pred_name, fine, &s);
    if (st.ok()) {
      j = eval::ToJson(s);
      text = eval::FormatTable(s);
    }
  }
  if (!st.ok()) {
    std::cerr << "geokg eval: " << st.message() << "\n";
    return 1;
  }
  std::cout << (json ? j.dump() + "\n" : text);
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "geokg eval: cannot write to standard output\n";
    return 1;
  }
  return extract_rc != 0 ? 1 : 0;
}

}  // namespace geokg
