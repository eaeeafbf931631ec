#!/usr/bin/env python3
"""Generates a news corpus for the ingest benchmark by recombining our own text.

Sources: the sentences of examples/*.txt and examples/news.jsonl (articles the team wrote
about real events, French and English). Each generated article takes one language, draws
8 to 30 sentences of that language at random, groups them into paragraphs, and varies the
names: every person and place of the gazetteer (data/gazetteer/people.tsv, places.tsv)
found in a sentence is replaced by another one of the same kind, the same substitute for
the whole article (a person's surname alone follows the full name), and a quarter of the
people become invented names that no list knows. Dates, ids, titles and sources vary too.

The output is deterministic for a given --seed. Options:
  --size MB         total size of the text to generate (default 50)
  --out FILE        JSON Lines of all articles, French and English interleaved
  --en-out FILE     the English articles only (the same text, for the peers that read
                    English only)
  --duplicates F    share of articles that are near-duplicates of an earlier one (a wire
                    story republished: another headline, the last paragraph dropped, a
                    "Read more" line added); default 0

Usage: make_corpus.py --size 50 --out corpus.jsonl --en-out corpus-en.jsonl
"""

import argparse
import glob
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# A sentence ends at . ! ? or a closing quote before a capital, except after "M.", "Mr." ...
SENTENCE_END = re.compile(r'(?<=[.!?»"”])(?<! M\.)(?<!Mr\.)(?<!Dr\.)(?<!Mme\.)(?<!Mrs\.)(?<!\.S\.)'
                          r'\s+(?=[A-ZÀ-ÝÉ«"“])')

FIRST = ["Marek", "Ilona", "Tarek", "Yasmina", "Oleg", "Svetlana", "Kofi", "Amara", "Jonas",
         "Leïla", "Anders", "Mariam", "Dmitri", "Hélène", "Karim", "Ingrid", "Rashid", "Nadia",
         "Pavel", "Aïcha", "Tomas", "Farida", "Viktor", "Sofia", "Emeka", "Lucia"]
LAST = ["Dalvin", "Koroleva", "Haddad", "Benali", "Voronin", "Strand", "Mensah", "Okafor",
        "Lindqvist", "Marchetti", "Petrescu", "Nazarov", "Delacroix", "Kowalczyk", "Tahiri",
        "Varga", "Oyelaran", "Sandoval", "Moreau", "Brenner", "Qureshi", "Albrecht",
        "Castellanos", "Idrissi", "Novak", "Rinaldi"]

SOURCES = ["Agence de test", "Wire Service", "La Gazette", "The Daily Record", "Le Courrier",
           "Global Desk", "Nouvelles du Monde", "World Report"]
MORE = {"en": "Read more: world news on our site.",
        "fr": "Lire aussi : toute l'actualité internationale."}


def read_gazetteer(name):
    """(surface form, key, canonical name) for every name of a gazetteer file."""
    out = []
    with open(os.path.join(ROOT, "data", "gazetteer", name), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            key, canonical = cols[0], cols[3]
            forms = [canonical] + [a for a in cols[4].split("|") if a]
            for form in forms:
                if len(form) >= 4 and form[0].isupper():
                    out.append((form, key, canonical))
    return out


def read_articles():
    """(lang, text) of every example article."""
    arts = []
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*.txt"))):
        lang = os.path.basename(path)[:2]
        with open(path, encoding="utf-8") as f:
            arts.append((lang, f.read()))
    with open(os.path.join(ROOT, "examples", "news.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                arts.append((d.get("lang") or "en", d["text"]))
    return arts


def sentences_of(text):
    out = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        # Headlines and "Published ..." lines are not sentences.
        if not para or para[-1] not in '.!?»"”':
            continue
        out.extend(s for s in SENTENCE_END.split(para) if len(s) > 20)
    return out


class NameMatcher:
    """Finds gazetteer people and places in a sentence."""

    def __init__(self, entries):
        self.entries = {}
        for form, key, canonical in entries:
            self.entries.setdefault(form, (key, canonical))
        forms = sorted(self.entries, key=len, reverse=True)
        self.regex = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, forms)) + r")(?![\w-])")

    def find(self, sentence):
        return [(m.start(), m.end(), self.entries[m.group(1)]) for m in self.regex.finditer(sentence)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=float, default=50.0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--en-out")
    ap.add_argument("--duplicates", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)

    people = read_gazetteer("people.tsv")
    places = [e for e in read_gazetteer("places.tsv") if " " not in e[0] or len(e[0]) > 6]
    person_keys = sorted({(k, c) for _, k, c in people})
    place_names = sorted({c for _, _, c in places})
    matcher = NameMatcher([(f, ("person", k), c) for f, k, c in people] +
                          [(f, ("place", k), c) for f, k, c in places])

    pools = {"fr": [], "en": []}
    for lang, text in read_articles():
        for s in sentences_of(text):
            pools.setdefault(lang, []).append((s, matcher.find(s)))
    for lang, pool in pools.items():
        if not pool:
            sys.exit(f"no {lang} sentences found in examples/")

    def vary(sentence, found, mapping):
        out, last = [], 0
        for begin, end, ((kind, key), canonical) in found:
            if begin < last:
                continue
            if key not in mapping:
                if kind == "person":
                    if rnd.random() < 0.25:
                        mapping[key] = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
                    else:
                        mapping[key] = rnd.choice(person_keys)[1]
                else:
                    mapping[key] = rnd.choice(place_names)
            new = mapping[key]
            written = sentence[begin:end]
            if kind == "person" and " " not in written and " " in canonical:
                new = new.split()[-1]  # a surname alone
            out.append(sentence[last:begin])
            out.append(new)
            last = end
        out.append(sentence[last:])
        return "".join(out)

    target = int(args.size * 1e6)
    written = 0
    n = 0
    recent = []
    out = open(args.out, "w", encoding="utf-8")
    en_out = open(args.en_out, "w", encoding="utf-8") if args.en_out else None
    while written < target:
        n += 1
        if recent and rnd.random() < args.duplicates:
            base = rnd.choice(recent)
            paras = base["text"].split("\n\n")
            if len(paras) > 2:
                paras = paras[:-1]
            art = dict(base)
            art["id"] = f"bench-{n:07d}"
            art["title"] = "Update: " + base["title"]
            art["source"] = rnd.choice(SOURCES)
            art["text"] = "\n\n".join(paras + [MORE[base["lang"]]])
        else:
            lang = "fr" if rnd.random() < 0.5 else "en"
            pool = pools[lang]
            mapping = {}
            k = rnd.randint(8, 30)
            sents = [vary(s, f, mapping) for s, f in (rnd.choice(pool) for _ in range(k))]
            paras, i = [], 0
            while i < len(sents):
                step = rnd.randint(1, 3)
                paras.append(" ".join(sents[i:i + step]))
                i += step
            year = rnd.randint(2014, 2024)
            art = {
                "id": f"bench-{n:07d}",
                "lang": lang,
                "date": f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                "title": sents[0][:90],
                "source": rnd.choice(SOURCES),
                "text": "\n\n".join(paras),
            }
        recent.append(art)
        if len(recent) > 200:
            recent.pop(0)
        line = json.dumps(art, ensure_ascii=False) + "\n"
        out.write(line)
        if en_out is not None and art["lang"] == "en":
            en_out.write(line)
        written += len(art["text"].encode("utf-8"))
    out.close()
    if en_out is not None:
        en_out.close()
    print(f"{n} articles, {written / 1e6:.1f} MB of text -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
