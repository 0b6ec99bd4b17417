/**
 * "Who is X?" about a person the articles know asks who they are: the sentence
 * that introduces them by their role answers it, not the sentence that
 * mentions them most (query.ts roleConcepts, people.ts roleStemsOf).
 * A made-up article; mechanisms only.
 */
import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import { createEngine } from "../../src/search/engine.ts";

const mill = buildDocument(
  "mill",
  "mill.txt",
  parseRaw(` date 2025-09-14 DUNMORE—Mayor of Dunmore Petra Vaskova reopened the old paper mill as a museum on Sunday, the town council said.

Opening

"The mill fed this town for a century," Vaskova said. Vaskova thanked the volunteers who restored the water wheel. Visitors walked through the drying lofts with Vaskova. "Vaskova promised us a museum and Vaskova kept her word," one volunteer said.`),
);
const engine = createEngine([mill]);

describe("Who is <person>?", () => {
  it("answers with the sentence that gives the person's role", () => {
    for (const question of ["Who is Vaskova?", "Who was Petra Vaskova?", "who is vaskova"]) {
      const top = engine.answer(question)[0];
      expect(top?.sentence.text, question).toMatch(/^Mayor of Dunmore Petra Vaskova reopened/);
    }
  });

  it("asks for the role words only when the question is just the person", () => {
    const roleWords = (q: string) => engine.explain(q).concepts.map((c) => c.word);
    expect(roleWords("Who is Vaskova?")).toEqual(expect.arrayContaining(["mayor", "dunmor"]));
    expect(roleWords("Who did Vaskova thank?")).not.toContain("mayor");
    // A question naming the role already holds those words once.
    const mayor = engine.explain("Who is the mayor of Dunmore?").concepts.filter((c) => c.variants.has("mayor"));
    expect(mayor).toHaveLength(1);
  });

  it("adds nothing for someone the articles do not know", () => {
    expect(engine.explain("Who is Novak?").concepts.map((c) => c.word)).toEqual(["novak"]);
    expect(engine.answer("Who is Novak?")).toEqual([]);
  });
});
