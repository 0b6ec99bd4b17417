import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseRaw } from "../../src/corpus/raw.ts";
import { createEngine } from "../../src/search/engine.ts";
import { resolveFollowUp, substitute } from "../../src/search/followup.ts";
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
    expect(context).toMatchObject({ documentId: "harbour", speaker: "Anna Berg", question: "What did Berg say about trade?" });
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
    expect(resolveFollowUp("And the lighthouse?", first.context!)).toEqual({ kind: "question", question: "What about the lighthouse?", documentId: "harbour" });
  });

  it("'Tell me more' continues with passages not shown yet", () => {
    const first = ask("How much has trade grown since 2019?");
    const more = engine.answer("Tell me more", { context: first.context! });
    expect(more.length).toBeGreaterThan(0);
    expect(more.map((a) => a.passage.index)).not.toContain(first.answers[0]!.passage.index);
  });

  it("a question that stands alone is not treated as a follow-up", () => {
    const context: AnswerContext = { documentId: "harbour", speaker: "Anna Berg", topic: ["trade"], question: "What did Berg say about trade?", shown: [] };
    expect(resolveFollowUp("Who opened the harbour?", context)).toBeNull();
    expect(resolveFollowUp("Why?", undefined)).toBeNull();
    expect(resolveFollowUp("Why?", context)).toMatchObject({ kind: "question", documentId: "harbour" });
  });
});

describe("overview", () => {
  it("recognises overview questions and nothing else", () => {
    for (const q of ["What is this article about?", "summary", "Summarize the article", "what happened at the meeting?", "Give me a short summary"]) {
      expect(isOverviewQuestion(q), q).toBe(true);
    }
    for (const q of ["What happened to the lighthouse?", "Who opened the harbour?", "What is the harbour about to handle?"]) {
      expect(isOverviewQuestion(q), q).toBe(false);
    }
  });

  it("answers with the lead, then each section's first passage, marked as overview", () => {
    const answers = engine.overview("harbour");
    expect(answers.map((a) => a.kind)).toEqual(answers.map(() => "overview"));
    expect(answers[0]!.passage.index).toBe(0);
    expect(answers.map((a) => a.section)).toEqual([null, "Trade and Shipping", "Fishing", "Reconstruction"]);
    expect(engine.answer("What is this article about?", { limit: 10 }).map((a) => a.passage.index)).toEqual(answers.map((a) => a.passage.index));
  });

  it("suggests questions related to a text first", () => {
    const all = engine.suggestions(8);
    expect(all.length).toBeGreaterThan(1);
    const related = engine.suggestions(1, "Kell");
    expect(related[0]).toMatch(/Kell/);
  });
});
