/**
 * Sentences kept as numbers (corpus/model.ts): a loaded passage makes its
 * Sentence objects when asked, and the single-field readers give what those
 * objects hold, for a loaded passage and for a plain one (as tests build).
 */
import { describe, expect, it } from "vitest";
import { parseJob } from "../../src/corpus/loader.ts";
import {
  PassageRecord,
  SentenceTableBuilder,
  sentenceAt,
  sentenceCount,
  sentenceEnd,
  sentenceQuoteId,
  sentenceSpeaker,
  sentenceText,
} from "../../src/corpus/model.ts";
import { packDocument, unpackDocument } from "../../src/corpus/packed.ts";
import type { Document, Passage } from "../../src/corpus/types.ts";

function parsed(text: string): Document {
  const outcome = parseJob({ file: "note.md", id: "note", text });
  if ("error" in outcome) throw new Error(outcome.error);
  return outcome;
}

/** Every single-field reader agrees with the Sentence objects `passage.sentences` makes. */
function expectReadersAgree(passage: Passage): void {
  const sentences = passage.sentences;
  expect(sentenceCount(passage)).toBe(sentences.length);
  sentences.forEach((sentence, s) => {
    expect(sentenceAt(passage, s)).toEqual(sentence);
    expect(sentenceText(passage, s)).toBe(sentence.text);
    expect(sentenceEnd(passage, s)).toBe(sentence.end);
    expect(sentenceSpeaker(passage, s)).toBe(sentence.speaker);
    expect(sentenceQuoteId(passage, s)).toBe(sentence.quoteId);
  });
  expect(sentenceAt(passage, sentences.length)).toBeUndefined();
}

describe("sentences made on demand", () => {
  const document = parsed(
    [
      "The harbour council met on Monday. It voted on the lighthouse.",
      '"We will light it again by winter," Ada Brennan said. The keeper agreed.',
      "Brennan warned that the budget was short. Nobody else spoke.",
    ].join("\n\n") + "\n",
  );

  it("a parsed passage keeps numbers, and its sentences, quotes and speakers are what the parse found", () => {
    const passage = document.passages[1]!;
    expect(passage).toBeInstanceOf(PassageRecord);
    const [said, agreed] = passage.sentences;
    expect(said).toMatchObject({ id: "note#p1.s0", passageId: "note#p1", index: 0, quoteId: "note#q0" });
    expect(said!.speaker).toBe("Ada Brennan");
    expect(said!.text).toBe(passage.text.slice(said!.start, said!.end));
    expect(agreed!.quoteId).toBeNull();
    // Reported speech: a speaker without a quote.
    const reported = document.passages[2]!.sentences[0]!;
    expect(reported.quoteId).toBeNull();
    expect(reported.speaker).toBe("Ada Brennan");
    for (const p of document.passages) expectReadersAgree(p);
  });

  it("the single-field readers read a plain passage's own sentence objects", () => {
    const record = document.passages[1] as PassageRecord;
    const plain: Passage = { ...record.toJSON(), sentences: record.sentences, quotes: record.quotes };
    expect(plain).not.toBeInstanceOf(PassageRecord);
    expectReadersAgree(plain);
  });

  it("a passage's sentences cannot be read before its document's table is finished, and read right after", () => {
    const builder = new SentenceTableBuilder();
    const text = "The harbour council met. It voted.";
    builder.add(0, 24, -1, null);
    builder.add(25, 34, -1, "Ada Brennan");
    const passage = builder.passage("early#p0", "early", 0, null, text, [], 2);
    expect(sentenceCount(passage)).toBe(2);
    // Not the whole passage text for every sentence (what the empty pending table read as).
    for (const read of [
      () => passage.sentences,
      () => sentenceAt(passage, 0),
      () => sentenceText(passage, 1),
      () => sentenceEnd(passage, 0),
      () => sentenceSpeaker(passage, 1),
      () => sentenceQuoteId(passage, 0),
    ])
      expect(read).toThrow(/early#p0: sentences read before/);
    builder.finish();
    expect(passage.sentences.map((s) => s.text)).toEqual(["The harbour council met.", "It voted."]);
    expect(sentenceSpeaker(passage, 1)).toBe("Ada Brennan");
  });

  it("a spread copy of a loaded passage has no sentences (a getter), so it is not a Passage", () => {
    const record = document.passages[0]!;
    const copy = { ...record };
    expect("sentences" in copy).toBe(false);
    expect(record.sentences).not.toBe(record.sentences);
    expect(record.sentences).toEqual(record.sentences);
  });

  it("a passage longer than 16-bit offsets reach keeps its offsets, parsed and read back", () => {
    const long = `${"The committee reviewed every harbour invoice again. ".repeat(1400)}The last line is here.`;
    expect(long.length).toBeGreaterThan(0x10000);
    const big = parsed(`Opening line of the note.\n\n${long}\n`);
    const passage = big.passages[1]!;
    const last = passage.sentences.at(-1)!;
    expect(last.end).toBeGreaterThan(0xffff);
    expect((passage as PassageRecord).table.fields).toBeInstanceOf(Uint32Array);
    expect((big.passages[0] as PassageRecord).table).toBe((passage as PassageRecord).table);
    expect(last.text).toBe("The last line is here.");
    const back = unpackDocument(packDocument(big));
    expect(back).toEqual(big);
    expect(back.passages[1]!.sentences.at(-1)).toEqual(last);
    expectReadersAgree(back.passages[1]!);
  });
});
