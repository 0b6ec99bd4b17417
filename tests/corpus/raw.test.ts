import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import { splitSentences } from "../../src/corpus/segment.ts";

const seed = readFileSync(new URL("../../data/000_16ffc698107efaae.txt", import.meta.url), "utf8");

describe("raw article format", () => {
  it("reads the date prefix and the dateline, and keeps them out of the text", () => {
    const draft = parseRaw(seed);
    expect(draft.date).toBe("2024-03-11");
    expect(draft.source).toBe("Astana");
    const first = draft.blocks[0]!;
    expect(first.kind).toBe("paragraph");
    expect(first.text.startsWith("President of Kazakhstan")).toBe(true);
  });

  it("treats short unpunctuated lines as section headings", () => {
    const headings = parseRaw(seed)
      .blocks.filter((b) => b.kind === "heading")
      .map((b) => b.text);
    expect(headings).toEqual([
      "Supreme Interstate Council Meeting",
      "Strengthening Ties and Future Projects",
      "Expanded Cooperation and Investment",
    ]);
  });

  it("drops an inline photo credit and splits the paragraph where it stood", () => {
    const paragraphs = parseRaw(seed)
      .blocks.filter((b) => b.kind === "paragraph")
      .map((b) => b.text);
    expect(paragraphs.some((p) => p.includes("Photo credit"))).toBe(false);
    expect(paragraphs[0]!.endsWith("reported the Akorda press service.")).toBe(true);
    expect(paragraphs[1]!.startsWith("During the narrow-format talks")).toBe(true);
  });

  it("handles an article without date or dateline, with a caption on its own line", () => {
    const draft = parseRaw(
      "Harbour Reopens After Storm\n\nThe harbour reopened on Monday after repairs.\nPhoto: Port Authority\n\nShips returned.",
    );
    expect(draft.date).toBeNull();
    expect(draft.source).toBeNull();
    expect(draft.title).toBe("Harbour Reopens After Storm");
    expect(draft.blocks.map((b) => b.text)).toEqual([
      "The harbour reopened on Monday after repairs.",
      "Ships returned.",
    ]);
  });

  it("builds sections, passages and sentences with offsets into the passage", () => {
    const doc = buildDocument("seed", "seed.txt", parseRaw(seed));
    expect(doc.sections.map((s) => s.title)).toEqual([
      null,
      "Supreme Interstate Council Meeting",
      "Strengthening Ties and Future Projects",
      "Expanded Cooperation and Investment",
    ]);
    expect(doc.passages.length).toBe(5);
    for (const passage of doc.passages) {
      for (const sentence of passage.sentences) {
        expect(passage.text.slice(sentence.start, sentence.end)).toBe(sentence.text);
      }
    }
    // Without a title line the lead sentence stands in, shortened.
    expect(doc.title.startsWith("President of Kazakhstan")).toBe(true);
    expect(doc.title.length).toBeLessThan(120);
  });
});

describe("sentence splitting", () => {
  const texts = (t: string) => splitSentences(t).map((s) => t.slice(s.start, s.end));

  it("does not split after abbreviations, initials or before lower case", () => {
    expect(texts("Mr. Smith met Dr. Jones in Jan. 2020. John F. Kennedy spoke. It grew 3.5 per cent.")).toEqual([
      "Mr. Smith met Dr. Jones in Jan. 2020.",
      "John F. Kennedy spoke.",
      "It grew 3.5 per cent.",
    ]);
  });

  it("keeps an elision out of the sentence before it", () => {
    expect(texts("Prospects are good. ... Also, we agree.")).toEqual(["Prospects are good.", "Also, we agree."]);
  });
});
