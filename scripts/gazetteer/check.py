#!/usr/bin/env python3
"""Validates gazetteer files (default: every data/gazetteer/*.tsv) and prints counts.

Errors (exit status 1): a missing or wrong header line; a data line without exactly 8
tab-separated columns; an unknown type; a bad or duplicate key (across all files); an empty
name; a malformed country code; a role that is not RELATION>org_key>title>from>to with
RELATION in HOLDS_ROLE/LEADS/MEMBER_OF, an org_key that no file defines, a date that is not a real
YYYY-MM-DD, or from > to; a role on a non-PERSON line; a file not sorted by key; with
--merge, a key that an earlier file defines is allowed (a line that adds names to it).
Warnings (printed, exit status 0 unless --strict): the same folded name, alias or demonym
on two entries, a canonical name repeated among its own aliases, empty values between
separators.

Usage: check.py [--strict] [--quiet] [FILE ...]
"""
import argparse
import datetime
import os
import re
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gzlib  # noqa: E402

# state keys carry the upper-case ISO code (state:RUS); all other keys are lower-case ASCII.
KEY_RE = re.compile(r"^(state:[A-Z]{3}|(place|org|igo|armed|person):[a-z0-9][a-z0-9-]*)$")
ISO3_RE = re.compile(r"^[A-Z]{3}$")
# MEMBER_OF: dated affiliations, as imported from CAMEO actor dictionaries.
RELATIONS = {"HOLDS_ROLE", "LEADS", "MEMBER_OF"}


def valid_date(s):
    if s == "":
        return True
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", s):
        return False
    try:
        datetime.date.fromisoformat(s)
        return True
    except ValueError:
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*")
    ap.add_argument("--strict", action="store_true", help="treat warnings as errors")
    ap.add_argument("--quiet", action="store_true", help="print counts and errors only")
    ap.add_argument("--merge", action="store_true",
                    help="allow a key an earlier file defines (the loader adds the line's names "
                         "to that entry), as user files and 'geokg gazetteer import' write")
    args = ap.parse_args()
    files = args.files or sorted(
        os.path.join(gzlib.GAZ_DIR, f) for f in os.listdir(gzlib.GAZ_DIR) if f.endswith(".tsv"))
    iso3 = {c["alpha_3"] for c in gzlib.iso_json("iso_3166-1")["3166-1"]} | {"XKX"}
    errors, warnings = [], []
    keys = {}
    entries = []  # (file, line, cols)
    for path in files:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        if not lines or lines[0] != gzlib.HEADER:
            errors.append("%s:1: first line must be '#geokg-gazetteer<TAB>1'" % name)
        prev = None
        for n, line in enumerate(lines[1:], 2):
            line = line.rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            where = "%s:%d" % (name, n)
            if len(cols) != 8:
                errors.append("%s: %d columns, expected 8 (7 tabs)" % (where, len(cols)))
                continue
            key, typ, country, cname, aliases, dems, mets, roles = cols
            if not KEY_RE.match(key):
                errors.append("%s: bad key %r" % (where, key))
            if key in keys and not (args.merge and not keys[key].startswith(name + ":")):
                errors.append("%s: duplicate key %s (first in %s)" % (where, key, keys[key]))
            keys.setdefault(key, where)
            if prev is not None and key < prev:
                errors.append("%s: not sorted by key (%s after %s)" % (where, key, prev))
            prev = key
            if typ not in gzlib.TYPES:
                errors.append("%s: unknown type %r" % (where, typ))
            if country and (not ISO3_RE.match(country) or country not in iso3):
                errors.append("%s: country %r is not an ISO 3166-1 alpha-3 code" % (where, country))
            if typ == "STATE" and key != "state:" + country:
                errors.append("%s: a STATE key must be state:<its country code>" % where)
            if not cname.strip():
                errors.append("%s: empty name" % where)
            for colname, col in (("aliases", aliases), ("demonyms", dems), ("metonyms", mets)):
                if col and ("||" in col or col.startswith("|") or col.endswith("|")):
                    warnings.append("%s: empty value in %s" % (where, colname))
                if ";" in col and colname != "aliases":
                    pass
            if cname in aliases.split("|"):
                warnings.append("%s: name %r repeated among aliases" % (where, cname))
            if roles and typ != "PERSON":
                errors.append("%s: roles on a %s line" % (where, typ))
            entries.append((where, cols))
    # roles, once every key is known
    for where, cols in entries:
        for r in [r for r in cols[7].split(";") if r.strip()]:
            f = r.split(">")
            if len(f) != 5:
                errors.append("%s: role %r needs 5 fields RELATION>org_key>title>from>to" % (where, r))
                continue
            rel, org, title, frm, to = f
            if rel not in RELATIONS:
                errors.append("%s: role %r: relation must be HOLDS_ROLE, LEADS or MEMBER_OF" % (where, r))
            if org not in keys:
                errors.append("%s: role %r: no entry has key %s" % (where, r, org))
            if not title.strip():
                errors.append("%s: role %r: empty title" % (where, r))
            if not valid_date(frm) or not valid_date(to):
                errors.append("%s: role %r: dates must be YYYY-MM-DD or empty" % (where, r))
            elif frm and to and frm > to:
                errors.append("%s: role %r: starts after it ends" % (where, r))
    # the same name, alias or demonym (folded) on two entries: the extractor could not tell
    # them apart. Metonyms are left out: a capital is both a PLACE and its state's metonym.
    by_form = defaultdict(set)
    for where, cols in entries:
        for a in [cols[3]] + [x for x in cols[4].split("|") + cols[5].split("|") if x]:
            by_form[gzlib.fold(a)].add(cols[0])
    for form, ks in sorted(by_form.items()):
        if len(ks) > 1:
            warnings.append("form %r on %s" % (form, ", ".join(sorted(ks))))
    # counts
    per_file = Counter(w.split(":")[0] for w, _ in entries)
    per_type = Counter(c[1] for _, c in entries)
    n_roles = sum(len([r for r in c[7].split(";") if r.strip()]) for _, c in entries)
    n_forms = sum(len([x for x in c[4].split("|") + c[5].split("|") + c[6].split("|") if x]) + 1
                  for _, c in entries)
    for fn in sorted(per_file):
        print("%-18s %6d entries" % (fn, per_file[fn]))
    print("%-18s %6d entries, %d forms, %d roles" % ("total", len(entries), n_forms, n_roles))
    print("by type: " + ", ".join("%s %d" % (t, per_type[t]) for t in sorted(per_type)))
    if not args.quiet:
        for w in warnings:
            print("warning: " + w)
    for e in errors:
        print("error: " + e)
    bad = len(errors) + (len(warnings) if args.strict else 0)
    print("%d errors, %d warnings" % (len(errors), len(warnings)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
