#!/usr/bin/env python3
"""Generates data/gazetteer/orgs.tsv: government bodies of states.

Two parts, merged by key (the hand-written part wins for the name and comes first in the
aliases):
  - generated, for each country of TEMPLATES: its government, foreign ministry, defence
    ministry and armed forces, with the usual French and English phrasings built from the
    state's name and demonyms in data/gazetteer/states.tsv ("ministère russe de la Défense",
    "Russian Defence Ministry", "diplomatie russe", "armée russe", "Russian military"...);
  - scripts/gazetteer/orgs_curated.tsv, written by hand: presidencies, intelligence
    services, parliaments, commands, and the aliases and canonical names the templates cannot
    know (Pentagon, Quai d'Orsay, Tsahal, IRGC...).
Keys: org:<iso3>-government, -foreign, -defense, -armed-forces, then curated ones.
Output is deterministic (sorted by key). Run make_states.py first.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gzlib  # noqa: E402

# country -> which bodies to generate: g(overnment) f(oreign) d(efence) a(rmed forces)
TEMPLATES = {
    "USA": "gfda", "RUS": "gfda", "FRA": "gfda", "GBR": "gfda", "DEU": "gfda", "CHN": "gfda",
    "UKR": "gfda", "SYR": "gfda", "IRN": "gfda", "ISR": "gfda", "TUR": "gfda", "SAU": "gfda",
    "IRQ": "gfda", "EGY": "gfda", "JPN": "gfda", "IND": "gfda", "PAK": "gfda", "AFG": "gfda",
    "LBN": "gfda", "JOR": "gfda", "QAT": "gfd", "ARE": "gfda", "ITA": "gfda", "ESP": "gfda",
    "POL": "gfda", "CAN": "gfda", "KOR": "gfda", "PRK": "gfda", "TWN": "gfda", "LBY": "gfda",
    "YEM": "gfda", "SDN": "gfda", "MLI": "gfda", "NGA": "gfda", "BRA": "gfd", "AUS": "gfda",
    "BLR": "gfda", "VEN": "gfda", "DZA": "gfda", "MAR": "gfda", "TUN": "gf", "NER": "gfda",
    "BFA": "gfda", "TCD": "gfda", "SOM": "gfda", "ETH": "gfda", "COD": "gfda", "PSE": "gf",
    "NLD": "gfd", "BEL": "gfd", "GRC": "gfd", "HUN": "gf", "NOR": "gfd", "SWE": "gfd",
    "FIN": "gfd", "DNK": "gfd", "ROU": "gfd", "CZE": "gf", "MEX": "gf", "COL": "gfd",
    "ARG": "gf", "ZAF": "gf", "IDN": "gf", "PHL": "gf", "VNM": "gf", "MMR": "gfa", "KWT": "gf",
    "OMN": "gf", "BHR": "gf", "ARM": "gfd", "AZE": "gfd", "GEO": "gf", "KAZ": "gf", "CUB": "gf",
    "SRB": "gf", "XKX": "gf", "CYP": "gf", "PRT": "gf", "AUT": "gf", "CHE": "gf", "IRL": "gf",
}


def demonyms(row):
    dems = [d for d in row[5].split("|") if d]
    en = dems[0]
    low = [d for d in dems if d[:1].islower()]
    m, f = (low + [""] * 2)[:2]

    def plural(w):
        return w if w.endswith(("s", "x")) else w + "s"
    return en, m, f, plural(m), plural(f)


def generated(states):
    out = {}
    for code, kinds in TEMPLATES.items():
        row = states[code]
        name = row[3]
        en, m, f, mp, fp = demonyms(row)
        c = code.lower()
        if "g" in kinds:
            out["org:%s-government" % c] = ("Government of %s" % name, [
                "%s government" % en, "gouvernement %s" % m, "Government of %s" % name,
            ])
        if "f" in kinds:
            out["org:%s-foreign" % c] = ("%s Ministry of Foreign Affairs" % en, [
                "%s Foreign Ministry" % en, "%s foreign ministry" % en,
                "%s Ministry of Foreign Affairs" % en, "Ministry of Foreign Affairs of %s" % name,
                "ministère %s des Affaires étrangères" % m, "ministère des Affaires étrangères %s" % m,
                "diplomatie %s" % f,
            ])
        if "d" in kinds:
            out["org:%s-defense" % c] = ("%s Ministry of Defence" % en, [
                "%s Defence Ministry" % en, "%s Defense Ministry" % en,
                "%s Ministry of Defence" % en, "%s Ministry of Defense" % en,
                "%s defence ministry" % en, "%s defense ministry" % en,
                "Ministry of Defence of %s" % name,
                "ministère %s de la Défense" % m, "ministère de la Défense %s" % m,
            ])
        if "a" in kinds:
            out["org:%s-armed-forces" % c] = ("%s Armed Forces" % en, [
                "%s armed forces" % en, "%s army" % en, "%s military" % en,
                "armée %s" % f, "forces armées %s" % fp,
            ])
    return out


def dedupe(values, name):
    """Keeps the first of forms that differ only by case, and drops the canonical name."""
    seen, out = {name.lower()}, []
    for v in values:
        if v and v.lower() not in seen:
            seen.add(v.lower())
            out.append(v)
    return gzlib.clean_field(out)


def main():
    states = {r[2]: r for r in gzlib.read_tsv(os.path.join(gzlib.GAZ_DIR, "states.tsv"))}
    gen = generated(states)
    curated = gzlib.read_tsv(os.path.join(gzlib.HERE, "orgs_curated.tsv"))
    rows = {}
    for r in curated:
        if len(r) != 8:
            raise SystemExit("orgs_curated.tsv: %s: expected 8 columns" % r[0])
        if r[0] in rows:
            raise SystemExit("orgs_curated.tsv: duplicate key %s" % r[0])
        r = list(r)
        r[4] = dedupe(r[4].split("|"), r[3])
        rows[r[0]] = r
    for key, (name, aliases) in gen.items():
        country = key.split(":")[1].split("-")[0].upper()
        if key in rows:
            r = rows[key]
            r[4] = dedupe(r[4].split("|") + [name] + aliases, r[3])
        else:
            rows[key] = [key, "ORG", country, name,
                         dedupe(aliases, name), "", "", ""]
    gzlib.write_tsv(os.path.join(gzlib.GAZ_DIR, "orgs.tsv"), list(rows.values()), [
        "Government bodies: governments, ministries, armed forces, intelligence services,",
        "presidencies, parliaments. GENERATED by scripts/gazetteer/make_orgs.py from templates",
        "and scripts/gazetteer/orgs_curated.tsv: edit that file and regenerate.",
    ])
    print("orgs.tsv: %d organisations" % len(rows))


if __name__ == "__main__":
    main()
