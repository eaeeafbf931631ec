# Helpers shared by the ingest script tests (sourced, not run; not a test_*.sh itself).

# dump_graph DB: the graph of a database as sorted text, ids replaced by stable keys, so
# that two databases built in different ways compare with diff. A query that fails (a
# column the schema no longer has) ends the test: two dumps failing alike must not compare
# equal.
dump_graph() {
  sqlite3 -bail -batch "$1" <<'SQL' || { echo "FAIL: cannot dump $1" >&2; exit 1; }
.mode list
.separator |
SELECT 'R', s.key, r.type, o.key, r.negated, r.evidence_count, coalesce(r.first_date, ''),
       coalesce(r.last_date, ''), r.modality, coalesce(r.cameo, '')
FROM relations r JOIN entities s ON s.id = r.subject_id JOIN entities o ON o.id = r.object_id
ORDER BY 2, 3, 4, 5;
SELECT DISTINCT 'E', e.key, e.name, e.type, coalesce(e.country, '')
FROM entities e JOIN relations r ON e.id IN (r.subject_id, r.object_id) ORDER BY 2;
SELECT 'V', a.ext_id, s.key, r.type, o.key, r.negated, t.sentence_index, t.char_begin, t.char_end,
       coalesce(e.date, ''), e.modality, coalesce(e.trigger, ''),
       coalesce(e.subject_mention, ''), coalesce(e.object_mention, ''), coalesce(e.cameo, ''),
       coalesce(e.mode, ''), coalesce(e.role, ''), round(e.confidence, 4), t.text
FROM evidence e JOIN relations r ON r.id = e.relation_id JOIN entities s ON s.id = r.subject_id
JOIN entities o ON o.id = r.object_id JOIN articles a ON a.id = e.article_id
JOIN sentences t ON t.id = e.sentence_id
ORDER BY 2, 3, 4, 5, 6, 7, 8, 12, 13, 14;
SQL
}

# dump_all DB: dump_graph plus what only an ingest writes: every actor, alias and article.
dump_all() {
  dump_graph "$1"
  sqlite3 -bail -batch "$1" <<'SQL' || { echo "FAIL: cannot dump $1" >&2; exit 1; }
.mode list
.separator |
SELECT 'A', key, name, type, coalesce(country, '') FROM entities ORDER BY 2;
SELECT 'L', e.key, a.alias, a.fold FROM aliases a JOIN entities e ON e.id = a.entity_id ORDER BY 2, 3;
SELECT 'D', ext_id, content_hash, coalesce(lang, ''), coalesce(date, ''), coalesce(title, ''),
       coalesce(url, ''), coalesce(source, ''), coalesce(origin, '')
FROM articles ORDER BY 3;
SQL
}

# same_graph DESCRIPTION FILE_A FILE_B: diff two dumps, report the first differences.
same_graph() {
  if ! diff -q "$2" "$3" >/dev/null; then
    echo "FAIL: $1: the graphs differ:" >&2
    diff "$2" "$3" | head -20 >&2
    failures=$((failures + 1))
    return 1
  fi
}
