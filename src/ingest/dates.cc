// Event dates: weekdays and relative expressions resolved against the article date.
#include <array>
#include <cstdio>

#include "geokg/common/text.h"
#include "nlp_internal.h"

namespace geokg::internal {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(long z, int* y, int* m, int* d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  *d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *y = static_cast<int>(yoe + era * 400 + (*m <= 2));
}

bool ParseDate(const std::string& s, long* days) {
  int y, m, d;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return false;
  *days = DaysFromCivil(y, m, d);
  return true;
}

std::string Format(long days) {
  int y, m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Weekday names, Monday = 0.
constexpr std::array<std::string_view, 7> kFrDays{"lundi", "mardi", "mercredi", "jeudi",
                                                  "vendredi", "samedi", "dimanche"};
constexpr std::array<std::string_view, 7> kEnDays{"monday", "tuesday", "wednesday", "thursday",
                                                  "friday", "saturday", "sunday"};

int NumberWord(const std::string& w) {
  static const std::array<std::pair<std::string_view, int>, 26> kNumbers{{
      {"un", 1}, {"une", 1}, {"deux", 2}, {"trois", 3}, {"quatre", 4}, {"cinq", 5},
      {"six", 6}, {"sept", 7}, {"huit", 8}, {"dix", 10}, {"dizaine", 10}, {"quinzaine", 15},
      {"a", 1}, {"an", 1}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4},
      {"five", 5}, {"six", 6}, {"seven", 7}, {"ten", 10}, {"few", 3}, {"several", 3},
      {"quelques", 3}, {"plusieurs", 3},
  }};
  for (const auto& [name, n] : kNumbers)
    if (w == name) return n;
  int v = 0;
  for (char c : w) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
    if (v > 10000) return 0;
  }
  return v;
}

int UnitDays(const std::string& w) {
  if (w == "jour" || w == "jours" || w == "day" || w == "days") return 1;
  if (w == "semaine" || w == "semaines" || w == "week" || w == "weeks") return 7;
  if (w == "mois" || w == "month" || w == "months") return 30;
  if (w == "an" || w == "ans" || w == "année" || w == "années" || w == "year" || w == "years") return 365;
  return 0;
}

// The words EventDate() acts on, weekdays first (Monday = 0).
enum class Cue : uint8_t {
  kMonday, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday,
  kYesterday, kDayBefore, kTomorrow, kIl, kAgo, kPast, kLast, kNone
};

// The cue a lower-case word is, from a small open-addressing table built once.
Cue CueOf(std::string_view w) {
  struct Table {
    std::array<std::pair<std::string_view, Cue>, 64> slots{};
    Table() {
      auto add = [&](std::string_view word, Cue c) {
        size_t h = ShortKeyHash(word) & 63;
        while (!slots[h].first.empty()) h = (h + 1) & 63;
        slots[h] = {word, c};
      };
      for (size_t d = 0; d < 7; ++d) {
        add(kFrDays[d], static_cast<Cue>(d));
        add(kEnDays[d], static_cast<Cue>(d));
      }
      for (std::string_view x : {"hier", "yesterday"}) add(x, Cue::kYesterday);
      add("avant-hier", Cue::kDayBefore);
      for (std::string_view x : {"demain", "tomorrow"}) add(x, Cue::kTomorrow);
      add("il", Cue::kIl);
      add("ago", Cue::kAgo);
      for (std::string_view x : {"dernière", "dernier", "passée", "passé"})
        add(x, Cue::kPast);
      add("last", Cue::kLast);
    }
  };
  static const Table table;
  if (w.empty() || w.size() > 10) return Cue::kNone;
  for (size_t h = ShortKeyHash(w) & 63;; h = (h + 1) & 63) {
    const auto& [word, cue] = table.slots[h];
    if (word.empty()) return Cue::kNone;
    if (SameShortKey(word, w)) return cue;
  }
}

}  // namespace

std::string EventDate(const Document& doc, const Sentence& s) {
  // The article date is the same for every sentence of a document: parsed once per thread
  // and date string.
  thread_local std::string parsed_date;
  thread_local long parsed_base = 0;
  thread_local bool parsed_ok = false;
  if (doc.date != parsed_date || parsed_date.empty()) {
    parsed_date = doc.date;
    parsed_ok = ParseDate(doc.date, &parsed_base);
  }
  if (!parsed_ok) return doc.date;
  const long base = parsed_base;
  const std::vector<Token>& t = s.tokens;
  int n = static_cast<int>(t.size());
  // Weekday of the article date, Monday = 0 (1970-01-01 was a Thursday).
  int base_wd = static_cast<int>(((base % 7) + 7 + 3) % 7);
  for (int i = 0; i < n; ++i) {
    const std::string& w = t[static_cast<size_t>(i)].lower;
    // Most words are none of the cue words below: one table probe tells.
    const Cue cue = CueOf(w);
    if (cue == Cue::kNone) continue;
    if (cue <= Cue::kSunday) {
      // The most recent such day, the article's own day included.
      int d = static_cast<int>(cue) - static_cast<int>(Cue::kMonday);
      int back = (base_wd - d + 7) % 7;
      return Format(base - back);
    }
    if (cue == Cue::kYesterday) return Format(base - 1);
    if (cue == Cue::kDayBefore) return Format(base - 2);
    if (cue == Cue::kTomorrow) return Format(base + 1);
    // "il y a une dizaine de jours", "il y a trois semaines".
    if (cue == Cue::kIl && i + 3 < n && t[static_cast<size_t>(i + 1)].lower == "y" && t[static_cast<size_t>(i + 2)].lower == "a") {
      int k = i + 3, num = 0;
      while (k < n && k < i + 7) {
        const std::string& u = t[static_cast<size_t>(k)].lower;
        if (int v = NumberWord(u); v > 0 && (num == 0 || v > num)) num = v;
        if (int unit = UnitDays(u); unit > 0) return Format(base - std::max(num, 1) * unit);
        ++k;
      }
    }
    // "three days ago", "a week ago".
    if (cue == Cue::kAgo && i >= 2) {
      int unit = UnitDays(t[static_cast<size_t>(i - 1)].lower);
      int num = NumberWord(t[static_cast<size_t>(i - 2)].lower);
      if (unit > 0) return Format(base - std::max(num, 1) * unit);
    }
    // "la semaine dernière", "last week".
    if (cue == Cue::kPast && i >= 1) {
      int unit = UnitDays(t[static_cast<size_t>(i - 1)].lower);
      if (unit > 0) return Format(base - unit);
    }
    if (cue == Cue::kLast && i + 1 < n) {
      int unit = UnitDays(t[static_cast<size_t>(i + 1)].lower);
      if (unit > 0) return Format(base - unit);
    }
  }
  return doc.date;
}

}  // namespace geokg::internal
