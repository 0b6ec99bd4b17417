/**
 * The question sets (dev and held-out) and how an answer is judged: the top
 * answer's sentence holds one of the expected phrases (and the speaker, where
 * given), and a "none" question gets no answer at all.
 */
import { readFileSync } from "node:fs";

export interface Question {
  id: string;
  kind: string;
  q: string;
  expect?: string[];
  speaker?: string;
}

/** What a judge needs of an answer; both `Answer` and the `ask --json` lines have it. */
export interface JudgedAnswer {
  sentence: string;
  speaker: string | null;
}

export function readQuestions(file: string): Question[] {
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Question);
}

/** True when `answers` (best first) answer `question` as its set expects. */
export function isRight(question: Question, answers: readonly JudgedAnswer[]): boolean {
  if (question.kind === "none") return answers.length === 0;
  const best = answers[0];
  if (!best) return false;
  const phrase = question.expect!.some((expected) => best.sentence.includes(expected));
  const speaker = !question.speaker || (best.speaker ?? "").toLowerCase().includes(question.speaker.toLowerCase());
  return phrase && speaker;
}
