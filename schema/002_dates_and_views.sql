-- geokg schema 2: relations' uniqueness as a named index, evidence by date, and views for
-- timelines and monthly counts.
--
-- Applied by src/store/migrations.cc inside one transaction (foreign keys off), which then
-- sets PRAGMA user_version = 2. See schema/README.md.

-- The (subject, type, object, negated) uniqueness of schema 1 was a table constraint, which
-- SQLite cannot drop; as a named index a bulk load into an empty database can build it once
-- at the end instead of row by row. The table is rebuilt, rows and ids unchanged (SQLite's
-- recipe for changing a table: new table, copy, drop, rename; the views go and come back).
DROP VIEW v_relations;
DROP VIEW v_evidence;
DROP VIEW v_actor_degree;

CREATE TABLE relations_new (
  id             INTEGER PRIMARY KEY,
  subject_id     INTEGER NOT NULL REFERENCES entities (id),
  object_id      INTEGER NOT NULL REFERENCES entities (id),
  type           TEXT NOT NULL REFERENCES relation_types (name),
  negated        INTEGER NOT NULL DEFAULT 0 CHECK (negated IN (0, 1)),
  cameo          TEXT,                                 -- first code an evidence gave, else NULL
  evidence_count INTEGER NOT NULL DEFAULT 0,
  first_date     TEXT,                                 -- earliest evidence date
  last_date      TEXT,                                 -- latest evidence date
  modality       TEXT NOT NULL REFERENCES modalities (name)  -- strongest seen
);
INSERT INTO relations_new (id, subject_id, object_id, type, negated, cameo, evidence_count,
                           first_date, last_date, modality)
SELECT id, subject_id, object_id, type, negated, cameo, evidence_count, first_date, last_date,
       modality
FROM relations;
DROP TABLE relations;
ALTER TABLE relations_new RENAME TO relations;
CREATE UNIQUE INDEX relations_key ON relations (subject_id, type, object_id, negated);
CREATE INDEX relations_object ON relations (object_id);
CREATE INDEX relations_type ON relations (type);

-- The views of schema 1, unchanged.
CREATE VIEW v_relations AS
SELECT r.id, s.name AS subject, s.type AS subject_type, r.type AS relation, t.coarse,
       o.name AS object, o.type AS object_type, r.negated, r.evidence_count,
       r.first_date, r.last_date, r.modality, r.cameo, r.subject_id, r.object_id
FROM relations r
JOIN entities s ON s.id = r.subject_id
JOIN entities o ON o.id = r.object_id
JOIN relation_types t ON t.name = r.type;

CREATE VIEW v_evidence AS
SELECT e.id, e.relation_id, s.name AS subject, r.type AS relation, o.name AS object,
       r.negated, a.ext_id AS article, e.date, e.modality, e.trigger, e.sentence,
       e.sentence_index, e.confidence
FROM evidence e
JOIN relations r ON r.id = e.relation_id
JOIN entities s ON s.id = r.subject_id
JOIN entities o ON o.id = r.object_id
JOIN articles a ON a.id = e.article_id;

CREATE VIEW v_actor_degree AS
SELECT n.id, n.name, n.type, n.country,
       (SELECT count(*) FROM relations r WHERE r.subject_id = n.id AND r.negated = 0) +
       (SELECT count(*) FROM relations r
         WHERE r.object_id = n.id AND r.subject_id <> n.id AND r.negated = 0) AS relations,
       (SELECT coalesce(sum(r.evidence_count), 0) FROM relations r
         WHERE r.subject_id = n.id AND r.negated = 0) +
       (SELECT coalesce(sum(r.evidence_count), 0) FROM relations r
         WHERE r.object_id = n.id AND r.subject_id <> n.id AND r.negated = 0) AS evidence
FROM entities n;

-- Date windows (geokg query window, export --from/--to) read the evidence of a period through
-- this index without touching the table. IF NOT EXISTS: a bulk load drops and rebuilds it.
CREATE INDEX IF NOT EXISTS evidence_date ON evidence (date, relation_id, modality);

-- Every evidence row seen from each actor it involves: one row for the subject and one for
-- the object (once for a relation of an actor with itself).
CREATE VIEW v_actor_timeline AS
SELECT r.subject_id AS actor_id, s.name AS actor, 'subject' AS side, e.date, r.type AS relation,
       r.negated, r.object_id AS other_id, o.name AS other, a.ext_id AS article, e.modality,
       e.sentence, e.id AS evidence_id, r.id AS relation_id
FROM evidence e
JOIN relations r ON r.id = e.relation_id
JOIN entities s ON s.id = r.subject_id
JOIN entities o ON o.id = r.object_id
JOIN articles a ON a.id = e.article_id
UNION ALL
SELECT r.object_id, o.name, 'object', e.date, r.type, r.negated, r.subject_id, s.name, a.ext_id,
       e.modality, e.sentence, e.id, r.id
FROM evidence e
JOIN relations r ON r.id = e.relation_id
JOIN entities s ON s.id = r.subject_id
JOIN entities o ON o.id = r.object_id
JOIN articles a ON a.id = e.article_id
WHERE r.object_id <> r.subject_id;

-- Evidence per month, class and type (dated evidence of relations that are not negated).
CREATE VIEW v_monthly AS
SELECT substr(e.date, 1, 7) AS month, t.coarse, r.type AS relation, count(*) AS evidence,
       count(DISTINCT r.id) AS relations
FROM evidence e
JOIN relations r ON r.id = e.relation_id
JOIN relation_types t ON t.name = r.type
WHERE e.date IS NOT NULL AND r.negated = 0
GROUP BY 1, 2, 3;
