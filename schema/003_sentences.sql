-- geokg schema 3: a sentence's text is stored once, in the new table `sentences`, and each
-- evidence row points at it (a sentence often states two or three triples: the text was
-- stored once per triple before); the indexes on entities(type) and relations(type), whose
-- few distinct values make a scan as fast, are dropped.
--
-- Applied by src/store/migrations.cc inside one transaction (foreign keys off), which then
-- sets PRAGMA user_version = 3. See schema/README.md. Evidence ids are kept.

-- The views that read evidence go while its table is rebuilt, and come back below.
DROP VIEW v_evidence;
DROP VIEW v_actor_timeline;
DROP VIEW v_monthly;

-- One row per sentence of an article that states at least one triple.
CREATE TABLE sentences (
  id             INTEGER PRIMARY KEY,
  article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  sentence_index INTEGER NOT NULL,                     -- 0, 1, 2 ... in the article
  char_begin     INTEGER NOT NULL,                     -- byte span in the article text
  char_end       INTEGER NOT NULL,
  text           TEXT NOT NULL
);

-- The distinct sentences of the stored evidence, in the order they were first stored.
INSERT INTO sentences (article_id, sentence_index, char_begin, char_end, text)
SELECT article_id, sentence_index, char_begin, char_end, sentence
FROM evidence
GROUP BY article_id, sentence_index, char_begin, char_end, sentence
ORDER BY min(id);
CREATE INDEX sentences_migration ON sentences (article_id, sentence_index, char_begin, char_end, text);

CREATE TABLE evidence_new (
  id              INTEGER PRIMARY KEY,
  relation_id     INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
  article_id      INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  sentence_id     INTEGER NOT NULL REFERENCES sentences (id),
  date            TEXT,                                -- event date YYYY-MM-DD
  modality        TEXT NOT NULL REFERENCES modalities (name),
  cameo           TEXT,
  mode            TEXT,                                -- PLOVER mode ("phone", "aerial" ...)
  role            TEXT,                                -- role title for HOLDS_ROLE
  trigger         TEXT,
  subject_mention TEXT,
  object_mention  TEXT,
  confidence      REAL NOT NULL DEFAULT 1.0
);
INSERT INTO evidence_new (id, relation_id, article_id, sentence_id, date, modality, cameo, mode,
                          role, trigger, subject_mention, object_mention, confidence)
SELECT e.id, e.relation_id, e.article_id, s.id, e.date, e.modality, e.cameo, e.mode, e.role,
       e.trigger, e.subject_mention, e.object_mention, e.confidence
FROM evidence e
JOIN sentences s ON s.article_id = e.article_id AND s.sentence_index = e.sentence_index AND
                    s.char_begin = e.char_begin AND s.char_end = e.char_end AND
                    s.text = e.sentence
ORDER BY e.id;
DROP INDEX sentences_migration;
DROP TABLE evidence;
ALTER TABLE evidence_new RENAME TO evidence;
CREATE INDEX evidence_relation ON evidence (relation_id);
CREATE INDEX evidence_article ON evidence (article_id);
CREATE INDEX evidence_date ON evidence (date, relation_id, modality);

DROP INDEX IF EXISTS entities_type;
DROP INDEX IF EXISTS relations_type;

-- The views of schema 2, the same columns, the sentence read from its table.
CREATE VIEW v_evidence AS
SELECT e.id, e.relation_id, s.name AS subject, r.type AS relation, o.name AS object,
       r.negated, a.ext_id AS article, e.date, e.modality, e.trigger, t.text AS sentence,
       t.sentence_index, e.confidence
FROM evidence e
JOIN sentences t ON t.id = e.sentence_id
JOIN relations r ON r.id = e.relation_id
JOIN entities s ON s.id = r.subject_id
JOIN entities o ON o.id = r.object_id
JOIN articles a ON a.id = e.article_id;

CREATE VIEW v_actor_timeline AS
SELECT r.subject_id AS actor_id, s.name AS actor, 'subject' AS side, e.date, r.type AS relation,
       r.negated, r.object_id AS other_id, o.name AS other, a.ext_id AS article, e.modality,
       t.text AS sentence, e.id AS evidence_id, r.id AS relation_id
FROM evidence e
JOIN sentences t ON t.id = e.sentence_id
JOIN relations r ON r.id = e.relation_id
JOIN entities s ON s.id = r.subject_id
JOIN entities o ON o.id = r.object_id
JOIN articles a ON a.id = e.article_id
UNION ALL
SELECT r.object_id, o.name, 'object', e.date, r.type, r.negated, r.subject_id, s.name, a.ext_id,
       e.modality, t.text, e.id, r.id
FROM evidence e
JOIN sentences t ON t.id = e.sentence_id
JOIN relations r ON r.id = e.relation_id
JOIN entities s ON s.id = r.subject_id
JOIN entities o ON o.id = r.object_id
JOIN articles a ON a.id = e.article_id
WHERE r.object_id <> r.subject_id;

CREATE VIEW v_monthly AS
SELECT substr(e.date, 1, 7) AS month, t.coarse, r.type AS relation, count(*) AS evidence,
       count(DISTINCT r.id) AS relations
FROM evidence e
JOIN relations r ON r.id = e.relation_id
JOIN relation_types t ON t.name = r.type
WHERE e.date IS NOT NULL AND r.negated = 0
GROUP BY 1, 2, 3;
