import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";

const doc = (text: string) => buildDocument("t", "t.txt", parseRaw(text));
const quotes = (text: string) => doc(text).quotes.map((q) => [q.text, q.speaker]);

describe("quote attribution", () => {
  it("resolves surnames to the full name the article introduced, across several sentences and elisions", () => {
    const seed = doc(readFileSync(new URL("../../data/000_16ffc698107efaae.txt", import.meta.url), "utf8"));
    expect(seed.people.map((p) => p.name).sort()).toEqual(["Ilham Aliyev", "Kassym-Jomart Tokayev"]);
    expect(seed.quotes.map((q) => q.speaker)).toEqual(["Kassym-Jomart Tokayev", "Ilham Aliyev"]);
    const [first] = seed.quotes;
    expect(first!.text).toMatch(/^Of course, .* \.\.\. Also, I am satisfied .* effective interaction$/);
    // Every sentence inside the quote is direct speech by that person.
    const passage = seed.passages.find((p) => p.id === first!.passageId)!;
    const inside = passage.sentences.filter((s) => s.start >= first!.start - 1 && s.end <= first!.end + 30);
    expect(inside.length).toBe(4);
    expect(inside.every((s) => s.speaker === "Kassym-Jomart Tokayev")).toBe(true);
  });

  it("handles verb-first, name-first, colon, pronoun and role attributions", () => {
    const text = [
      "Prime Minister of Norland Anna Berg met Foreign Minister of Sudland Tomas Kell in Oslo.",
      "",
      '"We will build the bridge together," Berg said. "It is a promise to both peoples," she added.',
      "",
      'Kell noted: "Our trade doubled in two years and will double again." "The talks were frank," said the Sudland minister.',
    ].join("\n");
    expect(quotes(text)).toEqual([
      ["We will build the bridge together", "Anna Berg"],
      ["It is a promise to both peoples", "Anna Berg"],
      ["Our trade doubled in two years and will double again.", "Tomas Kell"],
      ["The talks were frank", "Tomas Kell"],
    ]);
  });

  it("keeps a quote from someone the article did not introduce under the name given", () => {
    expect(quotes('The plant opened. "Jobs are coming back to the valley," said Maria Lopez, a local mayor.')).toEqual([
      ["Jobs are coming back to the valley", "Maria Lopez"],
    ]);
  });

  it("reads British single quotes without mistaking apostrophes for them", () => {
    const text =
      "Mayor of Eastport Jane Cole opened the market.\n\n‘The town’s market is back, and it is here to stay,’ Cole said.";
    expect(quotes(text)).toEqual([["The town’s market is back, and it is here to stay", "Jane Cole"]]);
  });

  it("does not take short scare quotes or titles for speech", () => {
    expect(quotes('The so-called "Middle Corridor" route and the "Open Sky" policy were discussed.')).toEqual([]);
  });

  it("keeps an unattributed long quote with no speaker", () => {
    expect(quotes('A sign read: "Everyone is welcome here, whatever language they speak."')).toEqual([
      ["Everyone is welcome here, whatever language they speak.", null],
    ]);
  });
});
