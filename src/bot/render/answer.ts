/**
 * Renders one answer: the passage with its answering sentence in bold, direct
 * quotes in italics with the speaker named, and where it comes from.
 *
 * Markup is produced per segment of text (each segment opens and closes its own
 * tags), so overlapping sentence and quote spans can never mis-nest, and a
 * passage that is too long is cut at sentence boundaries before it is escaped.
 */
import type { Document, Quote } from "../../corpus/types.ts";
import type { Answer } from "../../search/types.ts";
import { MAX_MESSAGE_LENGTH, bold, escapeHtml, escapeWithin, italic, joinWithin } from "./html.ts";

export interface AnswerPosition {
  /** 0-based index of this answer. */
  index: number;
  /** How many answers there are in all. */
  total: number;
}

interface Span {
  start: number;
  end: number;
  style: "b" | "i";
}

/** "Title · 2024-03-11 · Section": where a passage comes from, as HTML. */
export function renderSource(document: Pick<Document, "title" | "date">, section: string | null): string {
  const parts = [italic(escapeHtml(document.title))];
  if (document.date) parts.push(escapeHtml(document.date));
  if (section) parts.push(`§ ${escapeHtml(section)}`);
  return `📰 ${parts.join(" · ")}`;
}

/** The full message for one answer, at most `max` characters of HTML. */
export function renderAnswer(answer: Answer, position?: AnswerPosition, max = MAX_MESSAGE_LENGTH): string {
  const head = answer.speaker ? `🗣 ${bold(escapeHtml(answer.speaker))}:` : "";
  const speakers = quotedSpeakers(answer.quote, answer.passage.quotes, answer.speaker);
  const footLines = [
    speakers.length > 0 ? `💬 Quoted: ${speakers.map((s) => escapeHtml(s)).join(", ")}` : "",
    renderSource(answer.document, answer.section ?? answer.passage.section),
    position && position.total > 1 ? italic(`Answer ${position.index + 1} of ${position.total}`) : "",
  ].filter((line) => line !== "");
  const foot = joinWithin(footLines, Math.floor(max / 4), "\n", () => "");
  const frame = (head ? head.length + 1 : 0) + 2 + foot.length;
  const body = renderPassage(answer, Math.max(0, max - frame));
  return [head ? `${head}\n${body}` : body, foot].filter((s) => s !== "").join("\n\n");
}

/** Speakers of the quotes in the passage, the answer's own speaker first. */
function quotedSpeakers(quote: Quote | null, quotes: readonly Quote[], speaker: string | null): string[] {
  const names = new Set<string>();
  if (quote?.speaker) names.add(quote.speaker);
  for (const q of quotes) if (q.speaker) names.add(q.speaker);
  if (speaker) names.delete(speaker);
  return [...names];
}

/**
 * The passage, or a window of whole sentences around the answering sentence
 * when the passage does not fit in `max`.
 */
export function renderPassage(answer: Answer, max: number): string {
  const { passage, sentence } = answer;
  const text = passage.text;
  const spans: Span[] = [
    { start: clamp(sentence.start, text), end: clamp(sentence.end, text), style: "b" },
    ...passage.quotes.map((q): Span => ({ start: clamp(q.start, text), end: clamp(q.end, text), style: "i" })),
  ];
  const whole = markUp(text, 0, text.length, spans);
  if (whole.length <= max) return whole;

  // Grow a window of sentences around the answer while it fits.
  const sentences = [...passage.sentences].sort((a, b) => a.start - b.start);
  let k = sentences.findIndex((s) => s.id === sentence.id || (s.start === sentence.start && s.end === sentence.end));
  if (k < 0) {
    // The answering sentence is not in the list (hand-made data): show it alone.
    return bold(escapeWithin(text.slice(sentence.start, sentence.end), Math.max(0, max - 7)));
  }
  const render = (a: number, b: number) => {
    const from = sentences[a]!.start;
    const to = sentences[b]!.end;
    return (from > 0 ? "… " : "") + markUp(text, from, to, spans) + (to < text.length ? " …" : "");
  };
  let a = k;
  let b = k;
  let best = render(a, b);
  if (best.length > max) {
    const s = sentences[k]!;
    return bold(escapeWithin(text.slice(s.start, s.end), Math.max(0, max - 7)));
  }
  let grew = true;
  while (grew) {
    grew = false;
    if (b + 1 < sentences.length) {
      const next = render(a, b + 1);
      if (next.length <= max) {
        b += 1;
        best = next;
        grew = true;
      }
    }
    if (a > 0) {
      const prev = render(a - 1, b);
      if (prev.length <= max) {
        a -= 1;
        best = prev;
        grew = true;
      }
    }
  }
  return best;
}

/** Escapes text[from, to) and wraps each segment in the styles covering it. */
export function markUp(text: string, from: number, to: number, spans: readonly Span[]): string {
  const cuts = new Set<number>([from, to]);
  for (const span of spans) {
    if (span.start > from && span.start < to) cuts.add(span.start);
    if (span.end > from && span.end < to) cuts.add(span.end);
  }
  const points = [...cuts].sort((x, y) => x - y);
  let out = "";
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    let piece = escapeHtml(text.slice(s, e));
    const covered = (style: Span["style"]) => spans.some((sp) => sp.style === style && sp.start <= s && sp.end >= e && sp.end > sp.start);
    if (covered("i") && piece.trim() !== "") piece = italic(piece);
    if (covered("b") && piece.trim() !== "") piece = bold(piece);
    out += piece;
  }
  return out;
}

function clamp(offset: number, text: string): number {
  return Math.max(0, Math.min(text.length, Math.trunc(offset) || 0));
}
