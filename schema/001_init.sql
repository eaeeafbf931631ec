-- geokg schema 1: articles, actors, relations and the evidence for them.
--
-- Applied by src/store/migrations.cc inside one transaction, which then sets
-- PRAGMA user_version = 1. See schema/README.md for the tables and example queries.

-- The relation ontology. Same rows as kRelations in src/common/model.cc (a test checks).
CREATE TABLE relation_types (
  name      TEXT PRIMARY KEY,                          -- "CONSULT"
  coarse    TEXT NOT NULL,                             -- "COMMUNICATE"
  symmetric INTEGER NOT NULL CHECK (symmetric IN (0, 1)),
  cameo     TEXT NOT NULL,                             -- default CAMEO code, '' if none
  label     TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO relation_types (name, coarse, symmetric, cameo, label) VALUES
  ('CONSULT',    'COMMUNICATE', 1, '040', 'consult, meet, talk'),
  ('REQUEST',    'COMMUNICATE', 1, '020', 'make an appeal or request'),
  ('AGREE',      'COOPERATE',   1, '057', 'agree, sign an agreement'),
  ('SUPPORT',    'COOPERATE',   1, '051', 'praise, endorse, back'),
  ('COOPERATE',  'COOPERATE',   1, '060', 'cooperate'),
  ('AID',        'COOPERATE',   1, '070', 'provide aid'),
  ('CONCEDE',    'COOPERATE',   1, '080', 'yield, concede'),
  ('RETREAT',    'COOPERATE',   1, '087', 'withdraw, de-escalate'),
  ('ALLY_OF',    'COOPERATE',   1, '',    'alliance (structural)'),
  ('ACCUSE',     'CONFLICT',    1, '112', 'accuse, criticise'),
  ('REJECT',     'CONFLICT',    1, '120', 'reject, refuse'),
  ('THREATEN',   'CONFLICT',    1, '130', 'threaten'),
  ('PROTEST',    'CONFLICT',    1, '140', 'protest, demonstrate'),
  ('SANCTION',   'CONFLICT',    1, '160', 'sanction, reduce relations'),
  ('COERCE',     'CONFLICT',    1, '170', 'coerce, arrest, seize'),
  ('ASSAULT',    'CONFLICT',    1, '190', 'attack, fight, strike'),
  ('OPPOSES',    'CONFLICT',    1, '',    'opposition (structural)'),
  ('LEADS',      'CONTROL',     0, '',    'leads, heads'),
  ('CONTROLS',   'CONTROL',     0, '',    'controls, holds'),
  ('HOLDS_ROLE', 'MEMBERSHIP',  0, '',    'holds a role in'),
  ('MEMBER_OF',  'MEMBERSHIP',  0, '',    'is a member of'),
  ('PART_OF',    'MEMBERSHIP',  0, '',    'is part of'),
  ('LOCATED_IN', 'LOCATION',    0, '',    'is located in'),
  ('MOBILIZE',   'LOCATION',    0, '150', 'deploys forces or assets to');

-- How firmly a text asserts a relation; rank 0 is the strongest (geokg::Modality).
CREATE TABLE modalities (
  name TEXT PRIMARY KEY,
  rank INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;

INSERT INTO modalities (name, rank) VALUES
  ('asserted', 0), ('reported', 1), ('intended', 2), ('possible', 3), ('conditional', 4);

-- One row per distinct article text (content_hash); re-ingesting the same text is a no-op.
CREATE TABLE articles (
  id           INTEGER PRIMARY KEY,
  ext_id       TEXT NOT NULL,                          -- the id the article came with
  content_hash TEXT NOT NULL UNIQUE,
  lang         TEXT,                                   -- 'fr', 'en' (detected or given)
  date         TEXT,                                   -- YYYY-MM-DD
  title        TEXT,
  url          TEXT,
  source       TEXT,
  origin       TEXT,                                   -- "path" or "path:line"
  ingested_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_ext_id ON articles (ext_id);

-- Actors, merged across articles by their stable key ("state:RUS", "person:ashton-carter").
CREATE TABLE entities (
  id      INTEGER PRIMARY KEY,
  key     TEXT NOT NULL UNIQUE,
  name    TEXT NOT NULL,                               -- canonical name
  type    TEXT NOT NULL,                               -- EntityTypeName: STATE, PERSON ...
  country TEXT                                         -- ISO 3166 alpha-3, NULL if unknown
);
CREATE INDEX entities_type ON entities (type);

-- Every name an actor was seen under, in any language. fold = geokg::FoldName(alias).
CREATE TABLE aliases (
  entity_id INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  alias     TEXT NOT NULL,
  fold      TEXT NOT NULL,
  PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX aliases_fold ON aliases (fold);

-- One edge per (subject, type, object, negated); the aggregates follow its evidence.
CREATE TABLE relations (
  id             INTEGER PRIMARY KEY,
  subject_id     INTEGER NOT NULL REFERENCES entities (id),
  object_id      INTEGER NOT NULL REFERENCES entities (id),
  type           TEXT NOT NULL REFERENCES relation_types (name),
  negated        INTEGER NOT NULL DEFAULT 0 CHECK (negated IN (0, 1)),
  cameo          TEXT,                                 -- first code an evidence gave, else NULL
  evidence_count INTEGER NOT NULL DEFAULT 0,
  first_date     TEXT,                                 -- earliest evidence date
  last_date      TEXT,                                 -- latest evidence date
  modality       TEXT NOT NULL REFERENCES modalities (name),  -- strongest seen
  UNIQUE (subject_id, type, object_id, negated)
);
CREATE INDEX relations_object ON relations (object_id);
CREATE INDEX relations_type ON relations (type);

-- One row per triple found: where in which article, and how it was said.
CREATE TABLE evidence (
  id              INTEGER PRIMARY KEY,
  relation_id     INTEGER NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
  article_id      INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  sentence_index  INTEGER NOT NULL,
  char_begin      INTEGER NOT NULL,                    -- byte span of the sentence in the text
  char_end        INTEGER NOT NULL,
  sentence        TEXT NOT NULL,
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
CREATE INDEX evidence_relation ON evidence (relation_id);
CREATE INDEX evidence_article ON evidence (article_id);

-- Relations with names, for reading by hand.
CREATE VIEW v_relations AS
SELECT r.id, s.name AS subject, s.type AS subject_type, r.type AS relation, t.coarse,
       o.name AS object, o.type AS object_type, r.negated, r.evidence_count,
       r.first_date, r.last_date, r.modality, r.cameo, r.subject_id, r.object_id
FROM relations r
JOIN entities s ON s.id = r.subject_id
JOIN entities o ON o.id = r.object_id
JOIN relation_types t ON t.name = r.type;

-- Evidence with the relation and the article it comes from.
CREATE VIEW v_evidence AS
SELECT e.id, e.relation_id, s.name AS subject, r.type AS relation, o.name AS object,
       r.negated, a.ext_id AS article, e.date, e.modality, e.trigger, e.sentence,
       e.sentence_index, e.confidence
FROM evidence e
JOIN relations r ON r.id = e.relation_id
JOIN entities s ON s.id = r.subject_id
JOIN entities o ON o.id = r.object_id
JOIN articles a ON a.id = e.article_id;

-- Actors with how many relations (not negated) and how much evidence touch them.
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
