/**
 * Overview questions ("What is this article about?", "summarize the article",
 * "what happened at the meeting?") are not answered by one sentence: the
 * answer is the document's lead and the start of each of its sections.
 */
import { sentenceCount } from "../corpus/model.ts";
import type { Document, Passage } from "../corpus/types.ts";

const DOC = String.raw`(?:article|text|story|document|piece|report|news|page|post|file)`;
const EVENT = String.raw`(?:meeting|talks|visit|summit|event|conference|session|negotiations|discussion|ceremony)`;
const OVERVIEW = new RegExp(
  [
    String.raw`^(?:so\s+)?what(?:'s|\s+is|\s+was)\s+(?:this|the|that|it)(?:\s+${DOC})?\s+about$`,
    String.raw`^what\s+(?:is|was)\s+it\s+about$`,
    String.raw`^what\s+(?:does|did)\s+(?:this|the|that|it)(?:\s+${DOC})?\s+(?:say|cover|talk\s+about|describe|report)$`,
    String.raw`^(?:(?:give|show|tell)\s+(?:me\s+)?)?(?:a|the)?\s*(?:short\s+|brief\s+|quick\s+)?(?:summary|overview|gist|tl\s?;?\s?dr|recap|outline)(?:\s+(?:of|for)\s+(?:this|the|that|it)(?:\s+${DOC})?)?(?:\s+please)?$`,
    String.raw`^(?:please\s+)?(?:summari[sz]e|sum\s+up|recap|outline)(?:\s+(?:this|the|that|it)(?:\s+${DOC})?)?(?:\s+please)?$`,
    String.raw`^what\s+happened(?:\s+(?:at|in|during|on)\s+(?:the|this|that)\s+${EVENT})?$`,
    String.raw`^what\s+(?:is|was)\s+the\s+(?:main\s+)?(?:point|topic|subject|story|news)(?:\s+(?:of|in)\s+(?:this|the)(?:\s+${DOC})?)?$`,
  ].join("|"),
  "u",
);

/** True for a question that asks what a whole document is about. */
export function isOverviewQuestion(question: string): boolean {
  const folded = question
    .toLowerCase()
    .replace(/[’]/gu, "'")
    .replace(/[?!.]+\s*$/u, "")
    .replace(/\s+/g, " ")
    .trim();
  return OVERVIEW.test(folded);
}

/** The passages that outline a document: its lead, then the first passage of each section. */
export function outlinePassages(document: Document): Passage[] {
  const out: Passage[] = [];
  const lead = document.passages.find((p) => sentenceCount(p) > 0);
  if (lead) out.push(lead);
  for (const section of document.sections) {
    if (!section.title) continue;
    const first = section.passages.find((p) => sentenceCount(p) > 0);
    if (first && !out.includes(first)) out.push(first);
  }
  return out;
}
