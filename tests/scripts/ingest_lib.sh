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

# crash_tmp: makes the test's folder $tmp; on exit, kills $child (the run under test, when
# one is running) and removes $tmp.
crash_tmp() {
  tmp=$(mktemp -d)
  child=
  trap '[[ -n $child ]] && kill -9 "$child" 2>/dev/null; rm -rf "$tmp"' EXIT
}

# check_killed DB REF WHAT: the invariants of a database a SIGKILL left, REF being the same
# work done without interruption: integrity, no dangling key, evidence counts that are the
# evidence rows, and every article whole (REF's evidence rows for the same content hash) or
# absent. A missing DB, or one killed before its schema was committed, is empty. Failures go
# through the calling test's fail, prefixed with WHAT.
check_killed() {
  local db=$1 ref=$2 what=$3
  [[ -f $db ]] || return 0
  local r
  r=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
  [[ $r == ok ]] || fail "$what: integrity_check: $r"
  # Killed before the schema was committed: migrations are atomic, so then nothing is there.
  r=$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE name = 'relations'" 2>&1)
  if [[ $r == 0 ]]; then
    r=$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master; PRAGMA user_version" 2>&1 | tr '\n' ' ')
    [[ $r == "0 0 " ]] || fail "$what: no relations table, yet the schema is not empty: $r"
    return 0
  fi
  r=$(sqlite3 "$db" 'PRAGMA foreign_key_check' 2>&1)
  [[ -z $r ]] || fail "$what: foreign_key_check: $r"
  r=$(sqlite3 "$db" "SELECT count(*) FROM relations r WHERE r.evidence_count <>
        (SELECT count(*) FROM evidence e WHERE e.relation_id = r.id)" 2>&1)
  [[ $r == 0 ]] || fail "$what: $r relations whose evidence_count is not their evidence"
  # Whole or absent: an article's evidence rows are the reference's for the same text.
  r=$(sqlite3 "$db" "ATTACH '$ref' AS ref;
        SELECT a.ext_id || ' has ' || (SELECT count(*) FROM main.evidence e WHERE e.article_id = a.id)
               || ' evidence rows, ' || coalesce((SELECT (SELECT count(*) FROM ref.evidence e
                  WHERE e.article_id = r.id) FROM ref.articles r WHERE r.content_hash = a.content_hash),
                  'no article') || ' in the reference'
        FROM main.articles a
        WHERE (SELECT count(*) FROM main.evidence e WHERE e.article_id = a.id) IS NOT
              (SELECT (SELECT count(*) FROM ref.evidence e WHERE e.article_id = r.id)
               FROM ref.articles r WHERE r.content_hash = a.content_hash)
        LIMIT 5" 2>&1)
  [[ -z $r ]] || fail "$what: articles not whole: $r"
}
