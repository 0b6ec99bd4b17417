/**
 * Packed documents (issue 13): how a parsed document crosses from the worker
 * and is saved in the snapshot. Unpacking must give back the very document a
 * parse gives, ids and texts included; a packed form that does not add up must
 * be refused, never served half-read; texts are kept one byte a character.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { describe, expect, it } from "vitest";
import { parseJob, loadCorpus } from "../../src/corpus/loader.ts";
import { compactText } from "../../src/corpus/model.ts";
import { isPackedDocument, packDocument, unpackDocument } from "../../src/corpus/packed.ts";
import type { Document } from "../../src/corpus/types.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FOLDERS = [
  path.join(ROOT, "data"),
  ...["heldout", "heldout2", "heldout3"].map((s) => path.join(ROOT, "tests/fixtures", s, "articles")),
].filter((dir) => existsSync(dir));

async function corpus(): Promise<Document[]> {
  const documents: Document[] = [];
  for (const dir of FOLDERS) documents.push(...(await loadCorpus(dir, { warn: () => undefined })).documents);
  return documents;
}

function parsed(text: string, file = "note.md"): Document {
  const outcome = parseJob({ file, id: "note", text });
  if ("error" in outcome) throw new Error(outcome.error);
  return outcome;
}

describe("packed documents", () => {
  it("unpack(pack(d)) equals d for every shipped and held-out article, after a structured clone and after V8's serialiser", async () => {
    const documents = await corpus();
    expect(documents.length).toBeGreaterThan(3);
    let sentences = 0;
    for (const document of documents) {
      const packed = packDocument(document);
      for (const copy of [structuredClone(packed), deserialize(serialize(packed)) as unknown]) {
        expect(isPackedDocument(copy)).toBe(true);
        const back = unpackDocument(copy as typeof packed);
        expect(back).toEqual(document);
        // Derived fields are not own properties: compare them explicitly, and as JSON (what logs and tools see).
        expect(back.passages.flatMap((p) => p.sentences.map((s) => s.id))).toEqual(
          document.passages.flatMap((p) => p.sentences.map((s) => s.id)),
        );
        expect(JSON.stringify(back)).toBe(JSON.stringify(document));
        // Shared objects stay shared: a section lists the document's passage objects, a passage its quote objects.
        expect(back.sections.flatMap((s) => s.passages).every((p, n) => p === back.passages[n])).toBe(true);
        expect(back.passages.flatMap((p) => p.quotes).every((q, n) => q === back.quotes[n])).toBe(true);
      }
      sentences += document.passages.reduce((sum, p) => sum + p.sentences.length, 0);
    }
    expect(sentences).toBeGreaterThan(100);
  });

  it("a sentence's id, passage, quote and speaker are what a parse made, and its text is its span of the passage", () => {
    const document = parsed(
      'Ministers met in Rome on Monday.\n\n"We will cut the tariffs by half before the summer," Elena Marsh said after the talks.\n',
    );
    const [, second] = document.passages;
    const sentence = second!.sentences[0]!;
    expect(sentence.id).toBe("note#p1.s0");
    expect(sentence.passageId).toBe("note#p1");
    expect(sentence.quoteId).toBe("note#q0");
    expect(sentence.speaker).toBe("Elena Marsh");
    expect(sentence.text).toBe(second!.text.slice(sentence.start, sentence.end));
    expect(JSON.parse(JSON.stringify(sentence))).toMatchObject({ id: "note#p1.s0", quoteId: "note#q0" });
  });

  it("refuses to pack a document whose ids or texts are not the derived ones (it could not be read back)", () => {
    const document = parsed("The council met on Friday in Rome. It approved the budget.\n");
    const passage = document.passages[0]!;
    // (A passage's sentences are not an own property (corpus/model.ts): a copy names them.)
    const renamed = { ...document, passages: [{ ...passage, sentences: passage.sentences, id: "other#p0" }] };
    expect(() => packDocument(renamed)).toThrow(/cannot pack note: passage other#p0/);
    const retold = {
      ...document,
      passages: [
        {
          ...passage,
          sentences: [{ ...passage.sentences[0]!, id: passage.sentences[0]!.id, text: "Something else." }],
        },
      ],
    };
    expect(() => packDocument(retold)).toThrow(/cannot pack note: sentence/);
  });

  it("refuses to pack a sentence unpack could not place: its quote in another passage, its end past the text", () => {
    const document = parsed('"We will light it again," Ada Brennan said.\n\nThe keeper agreed with Brennan.\n');
    const [first, second] = document.passages;
    expect(document.quotes.map((q) => q.passageId)).toEqual([first!.id]);
    const borrowed = { ...second!.sentences[0]!, id: second!.sentences[0]!.id, quoteId: document.quotes[0]!.id };
    const passages = [first!, { ...second!, sentences: [borrowed] }];
    const moved = { ...document, passages, sections: [{ ...document.sections[0]!, passages }] };
    expect(() => packDocument(moved)).toThrow(/cannot pack note: sentence note#p1.s0/);
    // Nor one that runs past its passage's text (its text, a clamped slice, still matches).
    const last = second!.sentences.at(-1)!;
    const long = [first!, { ...second!, sentences: [{ ...last, id: last.id, end: second!.text.length + 5 }] }];
    const overrun = { ...document, passages: long, sections: [{ ...document.sections[0]!, passages: long }] };
    expect(() => packDocument(overrun)).toThrow(/cannot pack note: sentence note#p1.s0/);
    // The document as parsed packs and reads back.
    expect(unpackDocument(packDocument(document))).toEqual(document);
  });

  it("refuses packed arrays that do not add up (a damaged snapshot) instead of serving part of a document", () => {
    const packed = packDocument(
      parsed("The council met on Friday in Rome. It approved the budget.\n\nThen it rested.\n"),
    );
    expect(() => unpackDocument({ ...packed, sentences: packed.sentences.subarray(0, 4) })).toThrow(/packed note/);
    expect(() => unpackDocument({ ...packed, sentences: packed.sentences.subarray(0, 5) })).toThrow(/bad arrays/);
    expect(() => unpackDocument({ ...packed, strings: [] })).toThrow(/no string/);
    expect(() => unpackDocument({ ...packed, sections: new Uint32Array([0, 1]) })).toThrow(/passages outside/);
  });

  it("keeps texts one byte a character when they can be, even cut from a file that needs two (one em dash)", () => {
    const document = parsed(
      "A dash — in the first paragraph.\n\nThe second paragraph has only plain letters, many of them.\n",
    );
    const [wide, plain] = document.passages;
    // V8's serialiser writes a string as it is stored: one byte a character, or two.
    const stored = (text: string) => serialize(text).length - 4;
    expect(stored(plain!.text)).toBeLessThan(plain!.text.length + 4);
    expect(stored(wide!.text)).toBeGreaterThanOrEqual(2 * wide!.text.length);
    // A slice of a two-byte string is two-byte, whatever its characters (as a passage cut from a file).
    const twoByte = ("—" + "plain letters only ".repeat(3)).slice(1);
    expect(stored(twoByte)).toBeGreaterThanOrEqual(2 * twoByte.length);
    expect(compactText(twoByte)).toBe(twoByte);
    expect(stored(compactText(twoByte))).toBeLessThan(twoByte.length + 4);
  });
});
