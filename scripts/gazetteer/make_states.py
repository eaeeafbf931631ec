#!/usr/bin/env python3
"""Generates data/gazetteer/states.tsv: every sovereign state (the 193 UN members, the two
observer states Holy See and Palestine, Kosovo and Taiwan).

Sources (see docs/GAZETTEER.md, "Sources and licences"):
  - Debian iso-codes: /usr/share/iso-codes/json/iso_3166-1.json (codes, English names) and
    the French gettext catalogue iso_3166-1.mo (French names);
  - Debian libgeonames0/libgeonames-common: French names of capitals (geonames.mo);
  - the npm package world-countries (ODbL-1.0): independence flag, English and French
    demonyms (masculine/feminine), capitals, French common names, English alternative
    spellings;
  - scripts/gazetteer/states_supplement.tsv (written for geokg): corrections and additions.

Usage: make_states.py --world-countries PATH/TO/world-countries/countries.json
Output is deterministic (sorted by key).
"""
import argparse
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gzlib  # noqa: E402

ALT_OK = re.compile(r"\b(Republic|Kingdom|State|States|Federation|Federal|Union|Commonwealth|"
                    r"Principality|Sultanate|Emirates|Confederation|Duchy|Islands|République|"
                    r"Royaume|Principauté|Grand-Duché)\b")
ARTICLES = re.compile(r"^(les |le |la |l'|l’|the )", re.I)
# Kosovo has no ISO 3166-1 code; XKX is the user-assigned code used by the EU, IMF and others.
CODE_FIX = {"UNK": "XKX"}


def latin(s):
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in s)


def unaccent_caps(s):
    """'États-Unis' -> 'Etats-Unis': French print often drops accents on capitals."""
    out = []
    for ch in s:
        if ch.isupper():
            base = unicodedata.normalize("NFD", ch)[0]
            out.append(base)
        else:
            out.append(ch)
    return "".join(out)


def clean_name(s):
    s = s.strip()
    if not s or "," in s or "(" in s or " -" in s or "- " in s:
        return ""
    s = ARTICLES.sub("", s)
    s = s.replace("’", "'").replace("d' ", "d'")
    return s[0].upper() + s[1:] if s else s


def cap_parts(s):
    """'nord-coréen' -> 'Nord-Coréen' (a French compound demonym as a noun)."""
    return "-".join(p[:1].upper() + p[1:] for p in s.split("-"))


def fr_plural(w):
    return w if w.endswith(("s", "x", "z")) else w + "s"


def fr_forms(m, f):
    """All French forms for a masculine/feminine pair: nouns (capitalised) and adjectives."""
    forms = []
    for w in (m, f, fr_plural(m), fr_plural(f)):
        forms.append(cap_parts(w.lower()))
    for w in (m, f, fr_plural(m), fr_plural(f)):
        forms.append(w.lower())
    return forms


NO_EN_PLURAL = {"Swiss", "Malagasy", "Basotho", "Motswana", "Batswana", "Lao", "Vatican", "New Zealand",
                "Luxembourgish", "Icelandic", "Kyrgyz", "Bajan", "Philippine", "Ni-Vanuatu", "I-Kiribati"}


def en_forms(adj):
    """An English demonym adjective and, where English has one, its plural noun."""
    if adj in NO_EN_PLURAL or adj.endswith(("ese", "s", "sh", "ch")):
        return [adj]
    return [adj, adj + "s"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--world-countries", required=True, help="countries.json of the npm package world-countries")
    ap.add_argument("--out", default=os.path.join(gzlib.GAZ_DIR, "states.tsv"))
    args = ap.parse_args()

    with open(args.world_countries, encoding="utf-8") as f:
        wc = {CODE_FIX.get(c["cca3"], c["cca3"]): c for c in json.load(f)}
    iso = {c["alpha_3"]: c for c in gzlib.iso_json("iso_3166-1")["3166-1"]}
    iso_fr = gzlib.catalog("iso_3166-1")
    gn_fr = gzlib.catalog("geonames")
    geo = gzlib.GeoNames()
    city_by_name = {}
    for c in geo.cities:
        k = (gzlib.fold(c["name"]), c["cc"])
        if k not in city_by_name or c["pop"] > city_by_name[k]["pop"]:
            city_by_name[k] = c

    sup = {}
    for code, field, value in gzlib.read_kv(os.path.join(gzlib.HERE, "states_supplement.tsv")):
        sup.setdefault(code, {}).setdefault(field, []).append(value)

    def sv(code, field):
        vals = []
        for v in sup.get(code, {}).get(field, []):
            vals.extend(x.strip() for x in v.split("|") if x.strip())
        return vals

    codes = sorted(c for c, w in wc.items() if w.get("independent") or sv(c, "state") == ["yes"])
    rows = []
    for code in codes:
        w = wc[code]
        i = iso.get(code, {})
        cca2 = w["cca2"]
        # ---- names
        name = (sv(code, "name") or [i.get("common_name") or w["name"]["common"] or i.get("name")])[0]
        names = [name]
        names += sv(code, "alias")
        for k in ("common_name", "name", "official_name"):
            if k in i:
                names.append(clean_name(i[k]))
                names.append(clean_name(iso_fr.get(i[k], "")))
        names.append(clean_name(w["name"]["common"]))
        names.append(clean_name(w["name"]["official"]))
        fra = w.get("translations", {}).get("fra", {})
        names.append(clean_name(fra.get("common", "")))
        names.append(clean_name(fra.get("official", "")))
        for a in w.get("altSpellings", []):
            if len(a) > 3 and latin(a) and "," not in a and ALT_OK.search(a):
                names.append(clean_name(a))
        drop = {gzlib.fold(x) for x in sv(code, "alias-")}
        seen, aliases = {name.lower()}, []
        for n in names:
            if not n or gzlib.fold(n) in drop:
                continue
            if n in aliases or n == name:
                continue
            # spellings that differ by accents are kept (Israel/Israël); by case only, dropped
            if n.lower() in seen:
                continue
            seen.add(n.lower())
            aliases.append(n)
        for n in list(aliases) + [name]:
            u = unaccent_caps(n)
            if u != n and u not in aliases and u != name and gzlib.fold(u) not in drop:
                aliases.append(u)
        # ---- demonyms
        dem = w.get("demonyms", {})
        en = sv(code, "dem_en") or uniq_nonempty([dem.get("eng", {}).get("m"), dem.get("eng", {}).get("f")])
        dforms = []
        for a in en:
            dforms += en_forms(a)
        dforms += sv(code, "dem_en+")
        pairs = [tuple(p.split("/")) for p in sv(code, "dem_fr")]
        if not pairs and dem.get("fra", {}).get("m"):
            pairs = [(dem["fra"]["m"], dem["fra"].get("f") or dem["fra"]["m"])]
        for m, f in pairs:
            dforms += fr_forms(m, f)
        dforms += sv(code, "dem_fr+")
        dforms = [d for d in dforms if d not in set(sv(code, "dem-"))]
        dforms = [d for d in dforms if "," not in d]
        dforms += [unaccent_caps(d) for d in dforms if d[:1].isupper() and unaccent_caps(d) != d]
        # ---- capitals and other metonyms
        caps = sv(code, "capital")
        if not caps:
            for cap in w.get("capital", [])[:1]:
                caps.append(cap)
                c = city_by_name.get((gzlib.fold(cap), cca2))
                if c and gn_fr.get(c["id"]):
                    caps.append(gn_fr[c["id"]])
        if caps == ["none"]:
            caps = []
        caps += sv(code, "metonym")
        caps += [unaccent_caps(c) for c in caps if unaccent_caps(c) != c]
        rows.append([
            "state:" + code, "STATE", code, name,
            gzlib.clean_field(aliases), gzlib.clean_field(dforms), gzlib.clean_field(caps), "",
        ])
    gzlib.write_tsv(args.out, rows, [
        "Sovereign states: the 193 UN members, the observer states (Holy See, Palestine), Kosovo",
        "(code XKX, user-assigned) and Taiwan. GENERATED by scripts/gazetteer/make_states.py:",
        "do not edit by hand; change scripts/gazetteer/states_supplement.tsv and regenerate.",
        "Sources: Debian iso-codes (LGPL-2.1+), GeoNames via Debian libgeonames (CC-BY-4.0),",
        "world-countries (ODbL-1.0); see docs/GAZETTEER.md.",
    ])
    print("states.tsv: %d states" % len(rows))


def uniq_nonempty(xs):
    return gzlib.uniq([x for x in xs if x])


if __name__ == "__main__":
    main()
