import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import { createEngine } from "../../src/search/engine.ts";
import { reframe, resolveFollowUp, substitute } from "../../src/search/followup.ts";
import { isOverviewQuestion } from "../../src/search/overview.ts";
import type { AnswerContext } from "../../src/search/types.ts";

// A made-up article, so these tests exercise the mechanisms, not any real article's facts.
const harbour = buildDocument(
  "harbour",
  "harbour.txt",
  parseRaw(` date 2025-04-02 VALLETTA—Prime Minister of Norland Anna Berg and President of Sudland Tomas Kell opened the new deep-water harbour in Valletta on April 2, the government press office reported.

Trade and Shipping

Berg said trade between the two countries has tripled since 2019. "The harbour will handle two million containers a year," Berg said.

Fishing

"Our fishermen will get new quotas next spring," Berg said. Kell thanked Norland for its help with the lighthouse.

Reconstruction

"Our nations were always friends. Today we are partners as well," said Kell.`),
);
const engine = createEngine([harbour]);

function ask(question: string, context?: AnswerContext) {
  const answers = engine.answer(question, { context });
  return { answers, context: engine.contextOf(question, answers) ?? context };
}

describe("follow-up questions", () => {
  it("keeps the document, speaker, topic and shown passages of an answer", () => {
    const { answers, context } = ask("What did Berg say about trade?");
    expect(answers.length).toBeGreaterThan(0);
    expect(context).toMatchObject({
      documentId: "harbour",
      speaker: "Anna Berg",
      question: "What did Berg say about trade?",
    });
    expect(context!.topic).toContain("trade");
    expect(context!.shown).toContainEqual({ documentId: "harbour", passageIndex: answers[0]!.passage.index });
  });

  it("'What else did he say?' gives the same speaker's other words, not the ones shown", () => {
    const first = ask("What did Berg say about trade?");
    const shown = new Set(first.context!.shown.map((s) => s.passageIndex));
    const more = engine.answer("What else did she say?", { context: first.context! });
    expect(more.length).toBeGreaterThan(0);
    for (const a of more) {
      expect(a.speaker).toBe("Anna Berg");
      expect(shown.has(a.passage.index)).toBe(false);
    }
  });

  it("'And X?' asks the previous question about X", () => {
    const first = ask("What did Berg say about friends?");
    const next = engine.answer("And Kell?", { context: first.context! })[0]!;
    expect(next.sentence.text).toContain("always friends");
    expect(substitute("What did Berg say about trade?", "Kell")).toBe("What did Kell say about trade?");
    // Not a name: a new topic in the same document, not a speaker swap.
    expect(resolveFollowUp("And the lighthouse?", first.context)).toEqual({
      kind: "question",
      question: "What about the lighthouse?",
      documentId: "harbour",
    });
  });

  it("'Tell me more' continues with passages not shown yet", () => {
    const first = ask("How much has trade grown since 2019?");
    const more = engine.answer("Tell me more", { context: first.context! });
    expect(more.length).toBeGreaterThan(0);
    expect(more.map((a) => a.passage.index)).not.toContain(first.answers[0]!.passage.index);
  });

  it("a question that stands alone is not treated as a follow-up", () => {
    const context: AnswerContext = {
      documentId: "harbour",
      speaker: "Anna Berg",
      topic: ["trade"],
      question: "What did Berg say about trade?",
      shown: [],
    };
    expect(resolveFollowUp("Who opened the harbour?", context)).toBeNull();
    expect(resolveFollowUp("Why?", undefined)).toBeNull();
    expect(resolveFollowUp("Why?", context)).toMatchObject({ kind: "question", documentId: "harbour" });
  });
});

// A second made-up article: two works with costs, and a speaker with one direct quote and reported speech.
const works = buildDocument(
  "works",
  "works.txt",
  parseRaw(` date 2025-05-10 RIVERTON—Mayor Lena Ostrova and engineer Piet Harlan opened two public works in Riverton on May 10.

Bridge

The new bridge over the Sava river cost 80 million euros and took four years to build.

Ferry

The harbour ferry, which links the old town with the islands, cost 12 million euros.

Remarks

"This city has waited a long time for these works," Ostrova said.

In turn, Ostrova noted that the tram line would be extended in 2027.

Ostrova also stressed that tickets would stay cheap for students.`),
);
const town = createEngine([works]);

describe("follow-ups on a new topic and on reported speech", () => {
  it("'and the ferry?' after a question about the bridge asks the same question of the ferry", () => {
    expect(reframe("How much did the bridge cost?", "the ferry")).toBe("How much did the ferry cost?");
    expect(reframe("What was the cost of the bridge?", "ferry")).toBe("What was the cost of the ferry?");
    expect(reframe("Who built it?", "the ferry")).toBeNull();
    const first = town.answer("How much did the bridge cost?");
    expect(first[0]!.sentence.text).toContain("80 million");
    const context = town.contextOf("How much did the bridge cost?", first)!;
    const next = town.answer("and the ferry?", { context });
    expect(next.length).toBeGreaterThan(0);
    expect(next[0]!.sentence.text).toContain("12 million");
  });

  it("'What else did she say?' offers reported speech once the direct quotes are shown", () => {
    const first = town.answer("What did Ostrova say?");
    expect(first[0]!.quote).not.toBeNull();
    let context = town.contextOf("What did Ostrova say?", first.slice(0, 1))!;
    const seen: string[] = [];
    for (let turn = 0; turn < 3; turn++) {
      const more = town.answer("What else did she say?", { context, limit: 1 });
      if (more.length === 0) break;
      seen.push(more[0]!.sentence.text);
      context = {
        ...context,
        shown: [...context.shown, ...more.map((a) => ({ documentId: a.document.id, passageIndex: a.passage.index }))],
      };
    }
    expect(seen.some((t) => t.includes("tram line"))).toBe(true);
    expect(seen.some((t) => t.includes("tickets would stay cheap"))).toBe(true);
  });
});

describe("typo correction", () => {
  it("explain() gives the question as searched when a correction changed a word, and only then", () => {
    expect(engine.explain("Who helped with the lighthuose?").corrected).toBe("Who helped with the lighthouse?");
    expect(engine.explain("Lighthuose help?").corrected).toBe("Lighthouse help?");
    expect(engine.explain("Who helped with the lighthouse?").corrected).toBeUndefined();
    // A real English word the articles do not use is not corrected.
    expect(engine.explain("Who helped with the cold?").corrected).toBeUndefined();
  });
});

describe("overview", () => {
  it("recognises overview questions and nothing else", () => {
    for (const q of [
      "What is this article about?",
      "summary",
      "Summarize the article",
      "what happened at the meeting?",
      "Give me a short summary",
    ]) {
      expect(isOverviewQuestion(q), q).toBe(true);
    }
    for (const q of [
      "What happened to the lighthouse?",
      "Who opened the harbour?",
      "What is the harbour about to handle?",
    ]) {
      expect(isOverviewQuestion(q), q).toBe(false);
    }
  });

  it("answers with the lead, then each section's first passage, marked as overview", () => {
    const answers = engine.overview("harbour");
    expect(answers.map((a) => a.kind)).toEqual(answers.map(() => "overview"));
    expect(answers[0]!.passage.index).toBe(0);
    expect(answers.map((a) => a.section)).toEqual([null, "Trade and Shipping", "Fishing", "Reconstruction"]);
    expect(engine.answer("What is this article about?", { limit: 10 }).map((a) => a.passage.index)).toEqual(
      answers.map((a) => a.passage.index),
    );
  });

  it("suggests questions related to a text first", () => {
    const all = engine.suggestions(8);
    expect(all.length).toBeGreaterThan(1);
    const related = engine.suggestions(1, "Kell");
    expect(related[0]).toMatch(/Kell/);
  });
});
