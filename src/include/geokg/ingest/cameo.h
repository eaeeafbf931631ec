// CAMEO actor dictionaries: the format TABARI and PETRARCH read (Phoenix.*.actors.txt), and
// their conversion into geokg gazetteer entries (docs/GAZETTEER.md, "CAMEO actor
// dictionaries").
//
// The format, as this reader takes it:
//   ACTOR_NAME_ [CODE]           a primary phrase, with an optional default code; words are
//                                joined by '_' or ' ', a trailing '_' is dropped
//   +SYNONYM_                    another phrase for the actor above
//   <TAB>[CODE]                  an undated code of the actor above (also after spaces)
//   <TAB>[CODE 030101-120101]    a code held between two dates (inclusive)
//   <TAB>[CODE >20150217]        ... from a date on; [CODE <900823]: until a date
//   [CODE ...] [CODE ...]        several brackets on one line (the older inline form)
//   # or ;                       a comment to the end of the line; <!-- ... --> comments
//   ---STOP---                   ends the file
// Dates are YYYYMMDD or YYMMDD (YY <= 30 is 20YY, else 19YY, as PETRARCH reads them). The
// null code [---] codes nothing. Codes are CAMEO's: 3-letter segments, a country (ISO 3166
// alpha-3, or CAMEO's own: KSV Kosovo, TMP East Timor, ZAR Zaire ...) or IGO/NGO/MNC/IMG,
// then sectors (GOV, MIL, REB, OPP, JUD, ELI ...).
#pragma once

#include <string>
#include <vector>

#include "geokg/common/status.h"

namespace geokg {

struct CameoRole {
  std::string code;      // "AFGGOV", "IGOUNOKID"
  std::string from, to;  // YYYY-MM-DD, or "" for an open end
  int line = 0;
};

struct CameoActor {
  std::string name;                   // the primary phrase, in display case ("Hamid Karzai")
  std::vector<std::string> synonyms;  // the '+' phrases, in display case
  std::string code;                   // the default code on the primary line, or ""
  std::vector<CameoRole> roles;       // bracketed codes after the primary phrase
  std::string file;
  int line = 0;  // of the primary phrase
};

// Reads one actor dictionary. Fails only when the file cannot be read (kIoError). A bad line
// (a date that is no date, an end before its start, a code line or synonym before any
// actor, an unclosed bracket, a phrase with a replacement character U+FFFD) is skipped
// and described in *problems as "FILE:LINE: why"; the rest of the file is read.
Status ReadCameoActors(const std::string& path, std::vector<CameoActor>* out,
                       std::vector<std::string>* problems);

// True when `path` looks like a CAMEO actor dictionary rather than a geokg gazetteer (its
// first line is not the "#geokg-gazetteer" header). False when it cannot be read.
bool IsCameoActorFile(const std::string& path);

// An actor phrase in display case: "AL-QAEDA_IN_IRAQ_" -> "Al-Qaeda in Iraq"; words without a
// vowel and single words of up to 4 letters stay in capitals ("NATO", "ANSF").
std::string CameoDisplayName(const std::string& phrase);

// The result of converting dictionaries against a gazetteer.
struct CameoImport {
  std::string tsv;  // a geokg gazetteer file (header, comments, one line per entry)
  int actors = 0;   // actors read
  int merged = 0;   // matched to an entry of the gazetteer or of an earlier actor (no duplicate)
  int added = 0;    // new entries
  int dropped = 0;  // actors left with no usable name
  std::vector<std::string> problems;   // bad lines, "FILE:LINE: why"
  std::vector<std::string> conflicts;  // forms not taken, "FILE:LINE: why"
};

// Converts CAMEO actor files into a gazetteer file to load after the shipped gazetteer
// (data/gazetteer under `data_root`, "" = DataRoot()) and `extra_gazetteers` (geokg TSV
// files). An actor whose name or synonym folds to a name or alias of an entry of a
// compatible type is merged into it (its new phrases become aliases of that entry; its
// roles are not added: curated roles win); other actors become new entries keyed
// `person:cameo-...`, `org:cameo-...` etc. A phrase already used by another entry is
// not added and is reported in `conflicts`. Fails when a file cannot be read or the
// gazetteer does not load.
Status ImportCameoActors(const std::vector<std::string>& files, const std::string& data_root,
                         const std::vector<std::string>& extra_gazetteers, CameoImport* out);

}  // namespace geokg
