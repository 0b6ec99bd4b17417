/**
 * Renders one answer, the answer first: the answering sentence in bold (under
 * its speaker's full name when it is direct speech), the source line, and the
 * rest of the passage folded in an expandable blockquote, a tap away.
 *
 * Markup is produced per segment of text (each segment opens and closes its own
 * tags), so overlapping sentence and quote spans can never mis-nest, and a
 * passage that is too long is cut at sentence boundaries before it is escaped.
 */
import type { Document } from "../../corpus/types.ts";
import type { Answer } from "../../search/types.ts";
import { MAX_MESSAGE_LENGTH, bold, escapeHtml, escapeWithin, italic, link, visibleLength } from "./html.ts";
import { titleHtml } from "./limits.ts";

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

/** What a reader sees before unfolding the passage: the answer, its speaker and the source line. */
export const VISIBLE_CHARS = 600;
/** Longest answering sentence shown unfolded (less when the source line is long). */
export const ANSWER_SENTENCE_CHARS = 420;
/** Longest title in a source line. */
const SOURCE_TITLE_CHARS = 120;

/** "Title · 2024-03-11 · § Section": where a passage comes from, as HTML; the title links to the article when it has a url. */
export function renderSource(
  document: Pick<Document, "title" | "date"> & { url?: string | null },
  section: string | null,
): string {
  const title = italic(titleHtml(document.title, SOURCE_TITLE_CHARS));
  const parts = [document.url ? link(document.url, title) : title];
  if (document.date) parts.push(escapeHtml(document.date));
  if (section && section !== document.title) parts.push(`§ ${titleHtml(section, 80)}`);
  return `📰 ${parts.join(" · ")}`;
}

/** True when the answering sentence is direct speech (a quote), not narration about a person. */
export function isDirectSpeech(answer: Answer): boolean {
  return answer.quote !== null || answer.sentence.quoteId !== null;
}

/** The full message for one answer, at most `max` characters of HTML. */
export function renderAnswer(answer: Answer, position?: AnswerPosition, max = MAX_MESSAGE_LENGTH): string {
  const speaker = isDirectSpeech(answer) ? answer.speaker : null;
  const header = speaker ? `🗣 ${bold(escapeWithin(speaker, 100))}:\n` : "";
  const foot = [
    renderSource(answer.document, answer.section ?? answer.passage.section),
    position && position.total > 1
      ? italic(`${answer.kind === "overview" ? "Overview" : "Answer"} ${position.index + 1} of ${position.total}`)
      : "",
  ]
    .filter((line) => line !== "")
    .join("\n");
  // The sentence gets what the header and the source line leave of the visible budget.
  const room = Math.min(ANSWER_SENTENCE_CHARS, VISIBLE_CHARS - visibleLength(header) - visibleLength(foot) - 2);
  const lead = header + bold(escapeWithin(answer.sentence.text.replace(/\s+/g, " ").trim(), Math.max(80, room)));
  const open = "<blockquote expandable>";
  const close = "</blockquote>";
  const left = max - lead.length - foot.length - open.length - close.length - 2;
  const passage = answer.passage.text.trim();
  const hasMore = passage.length > answer.sentence.text.trim().length + 1;
  const context = hasMore && left > 40 ? renderPassage(answer, left, true) : "";
  return [lead, context ? `${open}${context}${close}` : "", foot].filter((s) => s !== "").join("\n");
}

/**
 * The passage, or a window of whole sentences around the answering sentence
 * when the passage does not fit in `max`. With `skipAnswer`, the answering
 * sentence itself is left out (it is shown above): "before … after".
 */
export function renderPassage(answer: Answer, max: number, skipAnswer = false): string {
  const { passage, sentence } = answer;
  const text = passage.text;
  const spans: Span[] = [
    { start: clamp(sentence.start, text), end: clamp(sentence.end, text), style: "b" },
    ...passage.quotes.map((q): Span => ({ start: clamp(q.start, text), end: clamp(q.end, text), style: "i" })),
  ];
  const sentences = [...passage.sentences].sort((a, b) => a.start - b.start);
  const k = sentences.findIndex((s) => s.id === sentence.id || (s.start === sentence.start && s.end === sentence.end));
  const skip = skipAnswer && k >= 0;
  const whole = skip ? around(text, 0, text.length, sentence, spans) : markUp(text, 0, text.length, spans);
  if (whole.length <= max) return whole;

  // Grow a window of sentences around the answer while it fits.
  if (k < 0) {
    // The answering sentence is not in the list (hand-made data): show it alone.
    return bold(escapeWithin(text.slice(sentence.start, sentence.end), Math.max(0, max - 7)));
  }
  const render = (a: number, b: number) => {
    const from = sentences[a]!.start;
    const to = sentences[b]!.end;
    const body = skip ? around(text, from, to, sentence, spans) : markUp(text, from, to, spans);
    // The gap left by the answering sentence already says "…" at an edge.
    const head = from > 0 && !body.startsWith("… ") ? "… " : "";
    const tail = to < text.length && !body.endsWith(" …") ? " …" : "";
    return head + body + tail;
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

/** text[from, to) without the answering sentence: the text before it, "…", the text after it. */
function around(
  text: string,
  from: number,
  to: number,
  sentence: { start: number; end: number },
  spans: readonly Span[],
): string {
  // Trim the raw text, not the markup: a space inside <i> would survive trimming the HTML.
  let end = Math.min(sentence.start, to);
  while (end > from && /\s/.test(text[end - 1]!)) end -= 1;
  let start = Math.max(sentence.end, from);
  while (start < to && /\s/.test(text[start]!)) start += 1;
  const before = end > from ? markUp(text, from, end, spans) : "";
  const after = start < to ? markUp(text, start, to, spans) : "";
  return before && after ? `${before} … ${after}` : before ? `${before} …` : after ? `… ${after}` : "";
}

/** Escapes text[from, to) and wraps each segment in the styles covering it. */
function markUp(text: string, from: number, to: number, spans: readonly Span[]): string {
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
    const covered = (style: Span["style"]) =>
      spans.some((sp) => sp.style === style && sp.start <= s && sp.end >= e && sp.end > sp.start);
    if (covered("i") && piece.trim() !== "") piece = italic(piece);
    if (covered("b") && piece.trim() !== "") piece = bold(piece);
    out += piece;
  }
  return out;
}

function clamp(offset: number, text: string): number {
  return Math.max(0, Math.min(text.length, Math.trunc(offset) || 0));
}
