/**
 * A question word the articles never use reaches their word one WordNet step
 * more general (query.ts addWordnetSteps, options.ts weights.wordnetStep), on a
 * made-up article. Mechanisms only, no real article's facts.
 */
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import { createEngine } from "../../src/search/engine.ts";
import type { Concept, Query } from "../../src/search/query.ts";
import { stem } from "../../src/search/text.ts";
import { isGeneralHypernym, wordnetHypernyms } from "../../src/search/wordnet.ts";

const harbour = buildDocument(
  "harbour",
  "harbour.txt",
  parseRaw(` date 2025-05-06 OSKVIK—The mayor of Oskvik, Lena Brask, opened the new ferry terminal on Monday.

Ceremony

The clock above the entrance is a gift from the people of Varnholm to the people of Oskvik. Brask said the terminal will carry two million passengers a year. The harbour board paid for the cranes and the quay. Ferries from Varnholm dock at the quay twice a day. The terminal offers digital communications to passengers.`),
);
const engine = createEngine([harbour]);
const concept = (query: Query, word: string): Concept => query.concepts.find((c) => c.word === word)!;

describe("WordNet step for words the articles never use", () => {
  it("reaches the article's word through a hypernym, at the wordnetStep weight", () => {
    expect(wordnetHypernyms(stem("present"))).toContain(stem("gift"));
    const present = concept(engine.explain("What present did Varnholm send?"), "present");
    expect(present.variants.get(stem("gift"))).toBe(0.7);
    expect(present.indirect).toBe(true);
    expect(present.unknown).toBe(false);
  });

  it("answers with the sentence holding the more general word", () => {
    const question = "What present came from Varnholm?";
    expect(engine.answer(question, { minConfidence: 0 })[0]?.sentence.text).toContain("a gift from the people");
    // Without the step both sentences only share the name, and the other one ranks first.
    const off = createEngine([harbour], { weights: { wordnetStep: 0 } });
    expect(off.answer(question, { minConfidence: 0 })[0]?.sentence.text).not.toContain("a gift");
  });

  it("takes no step to a hypernym too general to stand for the word", () => {
    // "present" is also a kind of "communicate", whose stem matches "communications".
    const communicate = stem("communicate");
    expect(wordnetHypernyms(stem("present"))).toContain(communicate);
    expect(isGeneralHypernym(communicate)).toBe(true);
    expect(isGeneralHypernym(stem("gift"))).toBe(false);
    const present = concept(engine.explain("What present did Varnholm send?"), "present");
    expect(engine.explain("What communications does the terminal offer?").concepts[0]?.variants.has(communicate)).toBe(
      true,
    );
    expect(present.variants.has(communicate)).toBe(false);
  });

  it("takes no step for what the question asks for: a more general word does not answer it", () => {
    // "population" is a kind of "people"; "the people of Varnholm" does not give its population.
    expect(wordnetHypernyms(stem("population"))).toContain(stem("people"));
    const query = engine.explain("What is the population of Varnholm?");
    expect(query.focus).not.toBeNull();
    const population = query.concepts[query.focus!]!;
    expect(population.word).toBe("population");
    expect(population.unknown).toBe(true);
    expect(engine.answer("What is the population of Varnholm?")).toEqual([]);
  });

  it("takes no step when the weight is 0: the word stays unknown", () => {
    const off = createEngine([harbour], { weights: { wordnetStep: 0 } });
    const present = concept(off.explain("What present did Varnholm send?"), "present");
    expect(present.variants.size).toBe(0);
    expect(present.unknown).toBe(true);
  });

  it("weighs a stepped word as an unknown one, not as the rarer corpus word it reaches", () => {
    const stepped = concept(engine.explain("What present did Varnholm send?"), "present");
    const direct = concept(engine.explain("What gift did Varnholm send?"), "gift");
    expect(stepped.idf).toBeLessThan(direct.idf);
  });

  it("takes no step for a word the articles use, nor for a capitalised name they do not", () => {
    const gift = concept(engine.explain("What gift did Varnholm send?"), "gift");
    expect(gift.indirect).toBe(false);
    expect([...gift.variants.keys()]).toEqual([stem("gift")]);
    // "Present" written as a name in mid-question: another thing, not a more general one.
    const named = concept(engine.explain("What did the Present Foundation send?"), "present");
    expect(named.indirect).toBe(false);
    expect(named.variants.has(stem("gift"))).toBe(false);
  });
});
