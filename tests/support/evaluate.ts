/**
 * The question sets in tests/ and how an engine is scored on them: shared by
 * `npm run quality`, the confidence fit (bench/fit-confidence.ts) and the
 * floors in tests/search. A set is one or more runs, each a corpus and the
 * questions asked of it (the SQuAD slice "alone" is ten runs, one per article).
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadCorpus } from "../../src/corpus/loader.ts";
import type { Document } from "../../src/corpus/types.ts";
import type { Answer } from "../../src/search/types.ts";
import { isRight, type Question, readQuestions } from "./questions.ts";

export const ROOT = new URL("../..", import.meta.url).pathname;
const quiet = { warn: () => {} };

export interface Run {
  documents: Document[];
  questions: Question[];
}

export interface QuestionSet {
  name: string;
  runs: Run[];
  /** SQuAD's rule: the expected phrase matches ignoring case and quote style. */
  ignoreCase: boolean;
}

/** What one question got: the top answer's fate and its confidence. */
export interface Outcome {
  set: string;
  question: Question;
  answered: boolean;
  right: boolean;
  /** Whether the top answer (before any abstention) would be right; null for unanswerable questions. */
  topRight: boolean | null;
  confidence: number;
  top: string | null;
}

/** dev (seed), heldout* (seed + their articles), squad-alone (each article alone), squad-together. */
export async function loadSets(names?: readonly string[]): Promise<QuestionSet[]> {
  const want = (name: string) => !names || names.includes(name);
  const seed = (await loadCorpus(join(ROOT, "data"), quiet)).documents;
  const sets: QuestionSet[] = [];
  if (want("dev"))
    sets.push({
      name: "dev",
      runs: [{ documents: seed, questions: readQuestions(join(ROOT, "tests/dev-questions.jsonl")) }],
      ignoreCase: false,
    });
  for (const name of ["heldout", "heldout2", "heldout3"]) {
    const dir = join(ROOT, "tests/fixtures", name);
    if (!want(name) || !existsSync(dir)) continue;
    const articles = (await loadCorpus(join(dir, "articles"), quiet)).documents;
    sets.push({
      name,
      runs: [{ documents: [...seed, ...articles], questions: readQuestions(join(dir, "questions.jsonl")) }],
      ignoreCase: false,
    });
  }
  const squad = join(ROOT, "tests/fixtures/squad");
  if (existsSync(squad) && (want("squad-alone") || want("squad-together"))) {
    const all = (await loadCorpus(join(squad, "articles"), quiet)).documents;
    const questions = readQuestions(join(squad, "questions.jsonl")) as Array<Question & { doc: string }>;
    if (want("squad-alone")) {
      const runs = readdirSync(join(squad, "articles"))
        .map((file) => file.replace(/\.md$/, ""))
        .map((slug) => ({
          documents: all.filter((d) => d.id === slug),
          questions: questions.filter((q) => q.doc === slug),
        }));
      sets.push({ name: "squad-alone", runs, ignoreCase: true });
    }
    if (want("squad-together"))
      sets.push({ name: "squad-together", runs: [{ documents: all, questions }], ignoreCase: true });
  }
  return sets;
}

/** Straight and curly quotes alike, case ignored: the SQuAD slice's plain-substring rule. */
function loose(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').toLowerCase();
}

/** Judges `answers` for `question` under the set's rule. */
export function judge(set: QuestionSet, question: Question, answers: readonly Answer[]): boolean {
  const judged = answers.map((a) => ({
    sentence: set.ignoreCase ? loose(a.sentence.text) : a.sentence.text,
    speaker: a.speaker,
  }));
  const q = set.ignoreCase && question.expect ? { ...question, expect: question.expect.map(loose) } : question;
  return isRight(q, judged);
}

/**
 * Asks every question of a set. `answer` is the engine as users get it;
 * `unfiltered` (optional) the same engine without abstention, whose top
 * answer's confidence measures discrimination.
 */
export function evaluate(
  set: QuestionSet,
  build: (documents: Document[]) => { answer(q: string): Answer[]; unfiltered?(q: string): Answer[] },
): Outcome[] {
  const out: Outcome[] = [];
  for (const run of set.runs) {
    const engine = build(run.documents);
    for (const question of run.questions) {
      const answers = engine.answer(question.q);
      const all = engine.unfiltered ? engine.unfiltered(question.q) : answers;
      const top = all[0];
      out.push({
        set: set.name,
        question,
        answered: answers.length > 0,
        right: judge(set, question, answers),
        topRight: question.kind === "none" ? null : top ? judge(set, question, [top]) : false,
        confidence: top?.confidence ?? 0,
        top: answers[0]?.sentence.text ?? null,
      });
    }
  }
  return out;
}

export interface Summary {
  kinds: Map<string, { right: number; total: number }>;
  answerable: number;
  top1: number;
  refused: number;
  unanswerable: number;
  abstained: number;
  /** AUC of confidence: a right top answer vs a wrong one (wrong includes any answer to an unanswerable question). */
  auc: number | null;
}

export function summarize(outcomes: readonly Outcome[]): Summary {
  const kinds = new Map<string, { right: number; total: number }>();
  let answerable = 0,
    top1 = 0,
    refused = 0,
    unanswerable = 0,
    abstained = 0;
  for (const o of outcomes) {
    const k = kinds.get(o.question.kind) ?? { right: 0, total: 0 };
    k.total++;
    if (o.right) k.right++;
    kinds.set(o.question.kind, k);
    if (o.question.kind === "none") {
      unanswerable++;
      if (!o.answered) abstained++;
    } else {
      answerable++;
      if (o.right) top1++;
      if (!o.answered) refused++;
    }
  }
  const pos = outcomes.filter((o) => o.topRight === true).map((o) => o.confidence);
  const neg = outcomes.filter((o) => o.topRight !== true).map((o) => o.confidence);
  return { kinds, answerable, top1, refused, unanswerable, abstained, auc: auc(pos, neg) };
}

/** Probability that a random positive scores above a random negative (ties count half). */
export function auc(positives: readonly number[], negatives: readonly number[]): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}
