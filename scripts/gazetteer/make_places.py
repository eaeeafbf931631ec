#!/usr/bin/env python3
"""Generates data/gazetteer/places.tsv: cities, first-level divisions and regions in the news.

Entries, from Debian's libgeonames0 (GeoNames cities compiled into the library, CC-BY-4.0;
French names from its gettext catalogue geonames.mo):
  - every state capital (as world-countries names it; read from data/gazetteer/states.tsv
    metonyms is not enough, so the capitals are matched by name in GeoNames);
  - every city of at least MIN_POP inhabitants, and of at least MIN_POP_CONFLICT in the
    countries of CONFLICT (war zones and their neighbours since 2000);
  - the first-level divisions (governorates, oblasts, provinces...) of the CONFLICT
    countries, with French names from geonames.mo and generated forms ("Idlib Governorate",
    "province d'Idleb", "Donetsk Oblast", "oblast de Donetsk", "région de Donetsk");
plus scripts/gazetteer/places_supplement.tsv (corrections by GeoNames id: key, name, extra
aliases, forced inclusion) and scripts/gazetteer/places_extra.tsv (hand-written regions
such as Donbass, Gaza Strip, Sahel, Kurdistan, in the gazetteer format).

Forms listed in scripts/gazetteer/exclude_forms.txt (common French or English words) are
never used as names; an entry whose canonical name is excluded is dropped. A place alias
that is also a name of another kind of entry (state, organisation, person...) in the other
gazetteer files is dropped, and an alias shared by several places stays on the most
populous only. Output is deterministic (sorted by key).

Usage: make_places.py --world-countries PATH/TO/world-countries/countries.json
"""
import argparse
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gzlib  # noqa: E402

MIN_POP = 100000
MIN_POP_CONFLICT = 40000
# French-speaking countries, whose news names small towns: every city GeoNames lists there
# (15000+ inhabitants in libgeonames) is kept.
FRANCOPHONE = set("FR BE CH LU MC AD".split())
# ISO alpha-2 of the countries whose towns and divisions are kept more densely.
CONFLICT = set("""SY IQ UA YE LY AF ML NE BF PS LB IL SD SS SO CD CF TD NG ET ER MM PK IR GE AM
AZ MD JO EG DZ TN MZ CM HT VE RU TR SA KP KR TW XK RS BA CO MR""".split())
# First-level divisions are generated for these countries, with the word for the division.
DIVISIONS = {
    "SY": ("Governorate", "gouvernorat", ["province"]),
    "IQ": ("Governorate", "gouvernorat", ["province"]),
    "YE": ("Governorate", "gouvernorat", ["province"]),
    "EG": ("Governorate", "gouvernorat", ["province"]),
    "JO": ("Governorate", "gouvernorat", ["province"]),
    "LB": ("Governorate", "gouvernorat", []),
    "PS": ("Governorate", "gouvernorat", []),
    "UA": ("Oblast", "oblast", ["région", "region"]),
    "AF": ("Province", "province", []),
    "IR": ("Province", "province", []),
    "PK": ("Province", "province", []),
    "LY": ("District", "district", []),
    "SD": ("State", "État", []),
    "SS": ("State", "État", []),
    "NG": ("State", "État", []),
    "ML": ("Region", "région", []),
    "NE": ("Region", "région", []),
    "BF": ("Region", "région", []),
    "SO": ("Region", "région", []),
    "CD": ("Province", "province", []),
    "ET": ("Region", "région", []),
    "MM": ("Region", "région", []),
    "TD": ("Province", "province", []),
    "CF": ("Prefecture", "préfecture", []),
    "MZ": ("Province", "province", []),
    "RU": ("", "", [], {"09", "10", "12", "17", "19", "22", "23", "27", "38", "41", "47", "61", "68", "73", "86"}),
    "GE": ("", "", [], {"02", "04", "73"}),
    "AZ": ("", "", [], {"35"}),
    "MD": ("", "", [], {"51", "58"}),
    "IL": ("", "", [], {"WE"}),
    "TR": ("Province", "province", []),
    # French-language news: regions of France, cantons, states and provinces of North America,
    # regions of France's neighbours.
    "FR": ("Region", "région", []),
    "CH": ("Canton", "canton", []),
    "BE": ("", "", []),
    "US": ("", "", []),
    "CA": ("", "", []),
    "DE": ("", "", []),
    "IT": ("", "", []),
    "ES": ("", "", []),
}
SUFFIXES = re.compile(r"\s+(Governorate|Province|Oblast|Oblast’|Region|District|State|Prefecture|"
                      r"Municipality|Muhafazah)$", re.I)
PREFIXES = re.compile(r"^(Muhafazat|Muhafadat|Province of|Oblast de|Oblast d'|Province de|Province d'|"
                      r"Gouvernorat de|Gouvernorat d'|Région de|Région d'|Municipalité de|État de|"
                      r"État d'|District de|District d'|Préfecture de|Préfecture d'|Canton of|Canton de|Canton d’|"
                      r"Canton du|Canton des|Canton)\s*", re.I)
# Marks of transliteration that news text does not write (‘Ayn -> Ayn, Ḩasakah -> Hasakah).
MARKS = dict.fromkeys(map(ord, "‘’ʼʻ`´"), None)


def plain(s):
    """'Al Ḩasakah' -> 'Al Hasakah', 'Dar‘ā' -> 'Dara'."""
    s = s.translate(MARKS)
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def slug(s):
    s = plain(s).lower().replace("'", "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def de(fr_word, base):
    """French 'de' with elision: 'province d'Idleb', 'province de Homs'."""
    if base[:1].lower() in "aeiouyéèêâîôûh" and not base.lower().startswith(("hama", "homs", "hasa", "hérat", "herat", "houthi")):
        return "%s d'%s" % (fr_word, base)
    return "%s de %s" % (fr_word, base)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--world-countries", required=True)
    ap.add_argument("--out", default=os.path.join(gzlib.GAZ_DIR, "places.tsv"))
    args = ap.parse_args()

    with open(args.world_countries, encoding="utf-8") as f:
        wc = json.load(f)
    a2to3 = {c["alpha_2"]: c["alpha_3"] for c in gzlib.iso_json("iso_3166-1")["3166-1"]}
    a2to3["XK"] = "XKX"
    fr = gzlib.catalog("geonames")
    geo = gzlib.GeoNames()
    sup = {}
    for gid, field, value in gzlib.read_kv(os.path.join(gzlib.HERE, "places_supplement.tsv")):
        sup.setdefault(gid, {}).setdefault(field, []).append(value)
    excluded = set()
    with open(os.path.join(gzlib.HERE, "exclude_forms.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                excluded.add(gzlib.fold(line))

    def sv(gid, field):
        out = []
        for v in sup.get(gid, {}).get(field, []):
            out += [x.strip() for x in v.split("|") if x.strip()]
        return out

    # ---- capitals
    capitals = set()
    by_name = {}
    for c in geo.cities:
        by_name.setdefault((gzlib.fold(c["name"]), c["cc"]), []).append(c)
    for w in wc:
        if not w.get("independent") and w["cca3"] not in ("PSE", "UNK", "TWN"):
            continue
        for cap in w.get("capital", []):
            for cand in (cap, cap.replace(" D.C.", ""), cap.replace("City of ", "")):
                hits = by_name.get((gzlib.fold(cand), w["cca2"]))
                if hits:
                    capitals.add(max(hits, key=lambda c: c["pop"])["id"])
                    break

    entries = {}  # key -> dict(key, cc, name, aliases, pop)
    gid_of = {}

    def add(key, cc, name, aliases, pop):
        if key in entries:  # same name, country and division: the GeoNames id decides
            key += "-" + gid_of[id(aliases)]
        entries[key] = dict(key=key, cc=cc, name=name, aliases=aliases, pop=pop)

    # ---- cities
    cities = []
    for c in geo.cities:
        keep = (c["pop"] >= MIN_POP or (c["cc"] in CONFLICT and c["pop"] >= MIN_POP_CONFLICT)
                or c["cc"] in FRANCOPHONE
                or c["id"] in capitals or sv(c["id"], "keep") == ["yes"])
        if keep and sv(c["id"], "keep") != ["no"]:
            cities.append(c)
    def weight(c):
        """Population, raised for the cities a shared name should go to (prefer yes)."""
        return c["pop"] * (1000 if sv(c["id"], "prefer") == ["yes"] else 1)

    slugs = {}
    for c in cities:
        name = (sv(c["id"], "name") or [plain(c["name"])])[0]
        slugs.setdefault(slug(name), []).append(c)
    for c in cities:
        name = (sv(c["id"], "name") or [plain(c["name"])])[0]
        key = (sv(c["id"], "key") or [None])[0]
        if not key:
            key = "place:" + slug(name)
            same = sorted(slugs[slug(name)], key=lambda o: (-weight(o), o["id"]))
            if len(same) > 1 and same[0] is not c:
                key += "-" + a2to3.get(c["cc"], c["cc"]).lower()
                if sum(1 for o in same if o["cc"] == c["cc"]) > 1:
                    key += "-" + slug(SUFFIXES.sub("", plain(c["admin1"])))
        aliases = [name, c["name"], plain(c["name"])]
        if fr.get(c["id"]):
            aliases.append(fr[c["id"]])
        aliases += sv(c["id"], "alias")
        gid_of[id(aliases)] = c["id"]
        add(key, c["cc"], name, aliases, weight(c))

    # ---- first-level divisions
    divs = {}
    for c in geo.cities:
        if c["cc"] in DIVISIONS and c["admin1_code"] not in ("", "00"):
            d = divs.setdefault((c["cc"], c["admin1_code"]), dict(name=c["admin1"], pop=0))
            d["pop"] += c["pop"]
    city_forms = {}
    for e in entries.values():
        for a in e["aliases"]:
            city_forms.setdefault((e["cc"], gzlib.fold(a)), e)
    for (cc, code), d in sorted(divs.items()):
        sid = "%s.%s" % (cc, code)
        word_en, word_fr, extra_words = DIVISIONS[cc][:3]
        only = DIVISIONS[cc][3] if len(DIVISIONS[cc]) > 3 else None
        if (only is not None and code not in only) or sv(sid, "keep") == ["no"]:
            continue
        base = SUFFIXES.sub("", plain(d["name"])).strip()
        base = PREFIXES.sub("", base).strip()
        base = (sv(sid, "base") or [base])[0]
        frname = fr.get(sid, "")
        frbase = PREFIXES.sub("", frname).strip() if frname else ""
        frbase = (sv(sid, "base_fr") or [frbase or base])[0]
        name = (sv(sid, "name") or [("%s %s" % (base, word_en)) if word_en else plain(d["name"])])[0]
        aliases = [name, plain(d["name"])]
        if frname and (cc, gzlib.fold(frname)) not in city_forms:
            aliases.append(frname)
        generated = not sv(sid, "name")  # a renamed division gets only the forms given
        if word_en and generated:
            aliases += ["%s %s" % (base, word_en.lower())]
            for w in extra_words:
                aliases.append("%s %s" % (base, w) if w == "province" or w == "region" else "")
        if word_fr and generated:
            aliases.append(de(word_fr, frbase))
            for w in extra_words:
                if w in ("province", "région"):
                    aliases.append(de(w, frbase))
        # The bare name goes to the division only when no city of the country bears it.
        for b in gzlib.uniq([base, frbase] + sv(sid, "alias_bare")):
            if (cc, gzlib.fold(b)) not in city_forms:
                aliases.append(b)
        aliases += sv(sid, "alias")
        key = (sv(sid, "key") or ["place:" + slug(name)])[0]
        if key in entries:
            key += "-" + a2to3[cc].lower()
        gid_of[id(aliases)] = sid
        add(key, cc, name, aliases, 0)  # cities keep the names they share with divisions

    # ---- hand-written regions
    for r in gzlib.read_tsv(os.path.join(gzlib.HERE, "places_extra.tsv")):
        key, typ, country, name, aliases = r[0], r[1], r[2], r[3], r[4]
        if key in entries:
            entries[key]["aliases"] += aliases.split("|")
            continue
        cc = next((k for k, v in a2to3.items() if v == country), "")
        entries[key] = dict(key=key, cc=cc, name=name, aliases=[name] + aliases.split("|"),
                            pop=10 ** 9, iso3=country, typ=typ)

    # ---- names used by the other gazetteer files (other kinds of entries)
    taken = {}
    for fn in sorted(os.listdir(gzlib.GAZ_DIR)):
        if fn.endswith(".tsv") and fn != "places.tsv":
            for r in gzlib.read_tsv(os.path.join(gzlib.GAZ_DIR, fn)):
                if r[1] != "PLACE":
                    for a in [r[3]] + r[4].split("|") + r[5].split("|"):
                        if a:
                            taken[gzlib.fold(a)] = r[0]
    # ---- aliases shared by places: the most populous keeps them
    owner = {}
    for e in sorted(entries.values(), key=lambda e: (-e["pop"], e["key"])):
        for a in e["aliases"]:
            if a:
                owner.setdefault(gzlib.fold(a), e["key"])
    rows, dropped = [], []
    for e in entries.values():
        name = e["name"]
        if (gzlib.fold(name) in excluded or gzlib.fold(name) in taken
                or owner.get(gzlib.fold(name)) != e["key"]):
            dropped.append("%s (%s)" % (e["key"], name))
            continue
        aliases = []
        for a in gzlib.uniq(e["aliases"]):
            f = gzlib.fold(a)
            if a == name or not a or f in excluded or f in taken or owner.get(f) != e["key"]:
                continue
            if f == gzlib.fold(name) and a.lower() == name.lower():
                continue
            aliases.append(a)
        iso3 = e.get("iso3") if "iso3" in e else a2to3.get(e["cc"], "")
        rows.append([e["key"], "PLACE", iso3, name, gzlib.clean_field(aliases), "", "", ""])
    gzlib.write_tsv(args.out, rows, [
        "Places: capitals, cities of %d+ inhabitants (%d+ in conflict areas, all GeoNames lists in" % (MIN_POP, MIN_POP_CONFLICT),
        "French-speaking Europe), first-level divisions of conflict countries and of the countries",
        "French news names most, and hand-written regions and French departments. GENERATED by",
        "scripts/gazetteer/make_places.py: do not edit by hand; change places_supplement.tsv,",
        "places_extra.tsv or exclude_forms.txt in scripts/gazetteer/ and regenerate.",
        "Data: GeoNames (geonames.org, CC-BY-4.0) via Debian's libgeonames; see docs/GAZETTEER.md.",
    ])
    print("places.tsv: %d places (%d left out as ambiguous)" % (len(rows), len(dropped)))
    if os.environ.get("GEOKG_VERBOSE"):
        print("left out: " + ", ".join(sorted(dropped)))


if __name__ == "__main__":
    main()
