// The npm peers of geokg's ingest benchmark, on the same English articles geokg reads.
//
//   node peers.js wink CORPUS.jsonl GAZETTEER_DIR [MAX_NAMES]
//       wink-nlp + wink-eng-lite-web-model: tokenise, sentences, part of speech, built-in
//       entities, and a gazetteer of custom entities: the canonical names of geokg's
//       gazetteer (states, IGOs, armed groups, organisations, people, places), or only the
//       first MAX_NAMES of them (96: the configuration of ../shared/research/performance.md).
//   node peers.js compromise CORPUS.jsonl
//       compromise: full tagging, then people, places and organisations.
//
// Each article's text is processed in one call (model and gazetteer loading excluded from
// the time). Prints one JSON line: tool, articles, bytes of text, sentences as the tool
// splits them, entities found, seconds, MB/s, sentences/s.
'use strict';

const fs = require('fs');
const path = require('path');

function readArticles(file) {
  const texts = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const a = JSON.parse(line);
    if (!a.lang || a.lang === 'en') texts.push(a.text);
  }
  return texts;
}

// Canonical names of the gazetteer, by type: [{name: TYPE, patterns: [...]}].
function gazetteer(dir, max) {
  const byType = new Map();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.tsv')).sort()) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const cols = line.split('\t');
      if (cols.length < 4 || !cols[3]) continue;
      const type = cols[1];
      if (!byType.has(type)) byType.set(type, new Set());
      byType.get(type).add(cols[3].toLowerCase().replace(/[^\p{L}\p{N}' -]/gu, ' ').trim());
    }
  }
  const out = [];
  let left = max > 0 ? max : Infinity;
  // States first: with MAX_NAMES, the gazetteer is state names.
  const types = [...byType.keys()].sort((a, b) => (b === 'STATE') - (a === 'STATE'));
  for (const type of types) {
    const names = [...byType.get(type)].filter(Boolean).slice(0, left);
    left -= names.length;
    if (names.length > 0) out.push({ name: type, patterns: names });
  }
  return out;
}

function main() {
  const [tool, corpus, gazDir, maxNames] = process.argv.slice(2);
  const texts = readArticles(corpus);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  let sentences = 0;
  let entities = 0;
  let seconds = 0;
  let patterns = 0;
  if (tool === 'wink') {
    const winkNLP = require('wink-nlp');
    const model = require('wink-eng-lite-web-model');
    const nlp = winkNLP(model);
    const its = nlp.its;
    const gaz = gazetteer(gazDir, Number(maxNames || 0));
    patterns = gaz.reduce((n, g) => n + g.patterns.length, 0);
    nlp.learnCustomEntities(gaz);
    const t0 = process.hrtime.bigint();
    for (const text of texts) {
      const doc = nlp.readDoc(text);
      sentences += doc.sentences().length();
      doc.tokens().out(its.pos);
      entities += doc.entities().length() + doc.customEntities().length();
    }
    seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  } else if (tool === 'compromise') {
    const nlp = require('compromise');
    const t0 = process.hrtime.bigint();
    for (const text of texts) {
      const doc = nlp(text);
      sentences += doc.length;
      entities += doc.people().out('array').length + doc.places().out('array').length +
          doc.organizations().out('array').length;
    }
    seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  } else {
    console.error('usage: node peers.js wink|compromise CORPUS.jsonl [GAZETTEER_DIR [MAX_NAMES]]');
    process.exit(2);
  }
  console.log(JSON.stringify({
    tool, articles: texts.length, bytes, sentences, entities, patterns, seconds,
    mb_s: bytes / 1e6 / seconds, sentences_s: sentences / seconds,
  }));
}

main();
