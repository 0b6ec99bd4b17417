/**
 * The engine's per-passage data as flat tables (issue 13: memory per passage):
 * every entry reads its terms and sentences from one array over all passages,
 * equal mention lists are shared, and a snapshot whose tables do not fit the
 * documents is refused rather than served.
 */
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { loadCorpus } from "../../src/corpus/loader.ts";
import type { Document } from "../../src/corpus/types.ts";
import { createEngine, engineSnapshot, restoreEngine } from "../../src/search/engine.ts";
import {
  MentionPool,
  TablesBuilder,
  TermTable,
  indexPassage,
  packMentions,
  termsOf,
  unpackMentions,
} from "../../src/search/passages.ts";

const root = new URL("../..", import.meta.url).pathname;
let corpus: Document[] = [];

beforeAll(async () => {
  corpus = (await loadCorpus(join(root, "data"), { warn: () => {} })).documents;
  corpus.push(...(await loadCorpus(join(root, "tests/fixtures/heldout/articles"), { warn: () => {} })).documents);
});

it("entries bound to the built tables read the very terms and sentence bounds indexPassage found", () => {
  const table = new TermTable();
  const builder = new TablesBuilder();
  const indexed = corpus.flatMap((document) =>
    document.passages
      .filter((p) => p.sentences.length > 0)
      .map((passage) =>
        indexPassage(document, passage, table, new Map(), new Uint32Array(0), () => {}, undefined, builder),
      ),
  );
  const entries = indexed.map((i) => i.entry);
  const tables = builder.finish(entries, table.terms.length);
  expect(entries.length).toBeGreaterThan(20);
  let sentences = 0;
  for (const { entry, ids, sentenceStart } of indexed) {
    expect(entry.terms).toBe(tables.terms);
    expect(entry.types).toBe(tables.types);
    expect(entry.bounds).toBe(tables.bounds);
    expect(entry.firstSentence).toBe(sentences);
    expect([...termsOf(entry)]).toEqual([...ids]);
    const own = entry.bounds.subarray(sentences, sentences + entry.passage.sentences.length + 1);
    expect([...own].map((s) => s - own[0]!)).toEqual([...sentenceStart]);
    sentences += entry.passage.sentences.length;
  }
  expect(tables.terms).toBeInstanceOf(Uint16Array);
  expect(tables.bounds.length).toBe(sentences + 1);
  expect(tables.bounds.at(-1)).toBe(tables.terms.length);
});

it("term ids take 16 bits while the term table fits them, 32 beyond", () => {
  const ids = [0, 65_535, 65_536, 70_000];
  for (const [termCount, kind] of [
    [65_536, Uint16Array],
    [70_001, Uint32Array],
  ] as const) {
    const builder = new TablesBuilder();
    const first = builder.add(ids.slice(0, termCount > 65_536 ? 4 : 2), [0, 1, termCount > 65_536 ? 4 : 2]);
    const tables = builder.finish([], termCount);
    expect(first).toBe(0);
    expect(tables.terms).toBeInstanceOf(kind);
    expect([...tables.terms]).toEqual(ids.slice(0, termCount > 65_536 ? 4 : 2));
    expect([...tables.bounds]).toEqual([0, 1, tables.terms.length]);
  }
});

it("mention lists round-trip through their flat form, equal lists shared, null kept apart from empty", () => {
  const lists = [null, [[], ["Ann Lee"], []], [["Ann Lee"], [], ["Bo Park", "Ann Lee"]], [[], ["Ann Lee"], []], [[]]];
  const packed = packMentions(lists);
  const back = unpackMentions(packed, lists.length);
  expect(back).toEqual(lists);
  expect(back[0]).toBeNull();
  // Equal passages share one array, equal sentences one list.
  expect(back[3]).toBe(back[1]);
  expect(back[2]![0]).toBe(back[1]![1]);
  expect(back[2]![1]).toBe(back[1]![0]);
  expect(packed.people).toEqual(["Ann Lee", "Bo Park"]);
  expect(() => unpackMentions(packed, lists.length + 1)).toThrow();
  expect(() => unpackMentions({ ...packed, names: packed.names.subarray(1) }, lists.length)).toThrow();
  const pool = new MentionPool();
  expect(pool.passage([["X"], []])).toBe(pool.passage([["X"], []]));
  expect(pool.passage(null)).toBeNull();
});

it("a snapshot whose tables do not fit the documents is refused, never served", () => {
  const engine = createEngine(corpus);
  const snapshot = engineSnapshot(engine);
  const restored = restoreEngine(corpus, snapshot);
  const question = "What did the mayor say about the budget?";
  expect(JSON.stringify(restored.answer(question))).toBe(JSON.stringify(engine.answer(question)));
  const tables = snapshot.tables;
  const broken = [
    { ...tables, bounds: tables.bounds.subarray(0, tables.bounds.length - 2) },
    { ...tables, passageTerms: tables.passageTerms.subarray(1) },
    { ...tables, contextOf: tables.contextOf.subarray(1) },
    { ...tables, contextOf: Uint32Array.from(tables.contextOf, () => 1e6) },
    { ...tables, people: tables.people.slice(1) },
  ];
  for (const bad of broken) expect(() => restoreEngine(corpus, { ...snapshot, tables: bad })).toThrow(/not fit/);
  // Fewer documents than the snapshot's: refused too.
  expect(() => restoreEngine(corpus.slice(1), snapshot)).toThrow(/not fit/);
});
