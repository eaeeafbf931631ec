#!/usr/bin/env python3
"""Checks that two `geokg ingest` runs on one database at once serialised article by article
(test_concurrency_ingest.sh, part 2).

usage: serialised_check.py BOTH_DB FIRST_THEN_SECOND_DB SECOND_THEN_FIRST_DB

Each article is one transaction, so two runs at once write their articles one at a time, in
an interleaving that keeps each run's own order; which interleaving is up to the scheduler.
Near-duplicates are decided within a run (the index holds that run's inputs), so an article
that both runs read can be stored as extracted by one run or as a near-duplicate record (no
evidence) by the other, whichever commits first. The result is therefore checked with what
holds for every interleaving, not compared with one serial order as a whole:

  1. integrity_check is ok and no foreign key dangles;
  2. the articles are those of the two serial orders, each once (by content hash);
  3. each article is whole and as one of the serial orders stored it: same kind (extracted
     or near-duplicate record) and the same evidence rows;
  4. every relation's aggregates follow from its evidence (count, first and last date,
     strongest modality, a CAMEO code one of them gave); no relation without evidence;
  5. the actors are between the two orders' (every actor of both, none of neither), each
     named by a name it was seen under, with no alias that no order gave it.

It also checks what is deterministic about the serial orders themselves: they store the
same articles, and they differ only on articles that both runs read (those stored from the
second run's folder in one order and from the first run's in the other).

Prints one line saying how many articles the orders disagree on; exits 1 with the problems.
"""
import sqlite3
import sys

NEAR_DUPLICATE = "(near-duplicate of "


def connect(path):
    db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
    db.text_factory = lambda b: b.decode("utf-8", "replace")
    return db


def articles(db):
    """content hash -> (kind, origin folder, sorted evidence rows)."""
    out = {}
    for h, origin in db.execute("SELECT content_hash, coalesce(origin, '') FROM articles"):
        kind = "near-duplicate" if NEAR_DUPLICATE in origin else "extracted"
        path = origin.split(NEAR_DUPLICATE)[0]
        folder = path.rsplit("/", 2)[-2] if path.count("/") >= 1 else ""
        out[h] = [kind, folder, []]
    rows = db.execute(
        """SELECT a.content_hash, s.key, r.type, o.key, r.negated, t.sentence_index,
                  t.char_begin, t.char_end, t.text, coalesce(e.date, ''), e.modality,
                  coalesce(e.cameo, ''), coalesce(e.mode, ''), coalesce(e.role, ''),
                  coalesce(e.trigger, ''), coalesce(e.subject_mention, ''),
                  coalesce(e.object_mention, ''), round(e.confidence, 4)
           FROM evidence e JOIN articles a ON a.id = e.article_id
           JOIN sentences t ON t.id = e.sentence_id
           JOIN relations r ON r.id = e.relation_id
           JOIN entities s ON s.id = r.subject_id JOIN entities o ON o.id = r.object_id""")
    for row in rows:
        out[row[0]][2].append(tuple(row[1:]))
    return {h: (kind, folder, tuple(sorted(ev))) for h, (kind, folder, ev) in out.items()}


def entities(db):
    """key -> (name, set of aliases)."""
    out = {k: (name, set()) for k, name in db.execute("SELECT key, name FROM entities")}
    for k, alias in db.execute(
            "SELECT e.key, a.alias FROM aliases a JOIN entities e ON e.id = a.entity_id"):
        out[k][1].add(alias)
    return out


def main():
    both_path, seq12_path, seq21_path = sys.argv[1:4]
    both, seq12, seq21 = connect(both_path), connect(seq12_path), connect(seq21_path)
    problems = []

    def problem(msg):
        if len(problems) < 20:
            problems.append(msg)

    # 1.
    r = both.execute("PRAGMA integrity_check").fetchall()
    if r != [("ok",)]:
        problem("integrity_check: %r" % r[:5])
    r = both.execute("PRAGMA foreign_key_check").fetchall()
    if r:
        problem("foreign_key_check: %r" % r[:5])

    # 2. and the serial orders' own consistency.
    a12, a21, ab = articles(seq12), articles(seq21), articles(both)
    if set(a12) != set(a21):
        problem("the serial orders store different articles: %d only in the first, %d only "
                "in the second" % (len(set(a12) - set(a21)), len(set(a21) - set(a12))))
    differ = 0
    for h in a12.keys() & a21.keys():
        if (a12[h][0], a12[h][2]) != (a21[h][0], a21[h][2]):
            differ += 1
            if a12[h][1] == a21[h][1]:
                problem("article %s is read by one run only (folder %s) and yet stored "
                        "differently by the two serial orders" % (h, a12[h][1]))
    missing, extra = set(a12) - set(ab), set(ab) - set(a12)
    if missing:
        problem("%d articles lost, e.g. %s" % (len(missing), sorted(missing)[0]))
    if extra:
        problem("%d articles that no serial order stores, e.g. %s" % (len(extra), sorted(extra)[0]))

    # 3.
    for h in ab.keys() & a12.keys() & a21.keys():
        got = (ab[h][0], ab[h][2])
        if got != (a12[h][0], a12[h][2]) and got != (a21[h][0], a21[h][2]):
            problem("article %s stored as %s with %d evidence rows: neither order's "
                    "(%s with %d, %s with %d)" % (h, got[0], len(got[1]), a12[h][0],
                                                  len(a12[h][2]), a21[h][0], len(a21[h][2])))

    # 4.
    rows = both.execute(
        """SELECT r.id, r.evidence_count, r.first_date, r.last_date, r.modality, r.cameo,
                  count(e.id), min(e.date), max(e.date),
                  (SELECT m.name FROM evidence x JOIN modalities m ON m.name = x.modality
                   WHERE x.relation_id = r.id ORDER BY m.rank LIMIT 1),
                  sum(e.cameo IS NOT NULL AND e.cameo = r.cameo), sum(e.cameo IS NOT NULL)
           FROM relations r LEFT JOIN evidence e ON e.relation_id = r.id GROUP BY r.id""")
    for (rid, count, first, last, modality, cameo, n, lo, hi, best, same_cameo,
         with_cameo) in rows:
        if n == 0:
            problem("relation %d has no evidence" % rid)
            continue
        if count != n:
            problem("relation %d: evidence_count %d, %d evidence rows" % (rid, count, n))
        if (first, last) != (lo, hi):
            problem("relation %d: dates %s..%s, evidence %s..%s" % (rid, first, last, lo, hi))
        if modality != best:
            problem("relation %d: modality %s, strongest evidence %s" % (rid, modality, best))
        if (cameo is None) != (with_cameo == 0) or (cameo is not None and same_cameo == 0):
            problem("relation %d: CAMEO %s, which no evidence gives" % (rid, cameo))

    # 5.
    e12, e21, eb = entities(seq12), entities(seq21), entities(both)
    for k in (e12.keys() & e21.keys()) - eb.keys():
        problem("actor %s lost (in both serial orders)" % k)
    for k, (name, aliases) in eb.items():
        seen = e12.get(k, ("", set()))[1] | e21.get(k, ("", set()))[1]
        if k not in e12 and k not in e21:
            problem("actor %s that no serial order has" % k)
        elif name not in seen and name != k:
            problem("actor %s named %r, a name it was never seen under" % (k, name))
        elif aliases - seen:
            problem("actor %s has aliases no order gives it: %r" % (k, sorted(aliases - seen)[:3]))

    print("%d of %d articles stored differently by the two serial orders; the result is a "
          "per-article interleaving" % (differ, len(a12)))
    if problems:
        sys.exit("not serialised article by article:\n  " + "\n  ".join(problems))


if __name__ == "__main__":
    main()
