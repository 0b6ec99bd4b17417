/**
 * Turns a parsed draft into a Document: sections, passages, sentences and
 * attributed quotes, with stable ids and offsets.
 */
import type { Draft } from "./draft.ts";
import { findPeople } from "./people.ts";
import { extractQuotes, reportedSpeaker } from "./quotes.ts";
import { splitSentences } from "./segment.ts";
import { SentenceTableBuilder, compactText, makeQuote } from "./model.ts";
import { SpeakerResolver } from "./speakers.ts";
import type { Document, Passage, Quote, Section } from "./types.ts";

/** Separator between passages in the document-wide text used for people and pronouns. */
const JOIN = "\n\n";

export function buildDocument(id: string, file: string, draft: Draft): Document {
  const paragraphs = draft.blocks.filter((b) => b.kind === "paragraph").map((b) => b.text);
  const fullText = paragraphs.join(JOIN);
  const people = findPeople(fullText);
  const resolver = new SpeakerResolver(people, fullText);

  const sections: Section[] = [];
  const passages: Passage[] = [];
  const quotes: Quote[] = [];
  const table = new SentenceTableBuilder();
  let current: Section = { title: null, passages: [] };
  let offset = 0;
  let carried: string | null = null;

  for (const block of draft.blocks) {
    if (block.kind === "heading") {
      if (current.passages.length > 0 || current.title !== null) sections.push(current);
      current = { title: block.text, passages: [] };
      continue;
    }
    const passageId = `${id}#p${passages.length}`;
    // Kept for as long as the document is served: one byte a character when it can be (model.ts).
    const text = compactText(block.text);
    const spans = extractQuotes(text, offset, resolver, carried);
    const passageQuotes: Quote[] = spans.map((span, n) =>
      makeQuote(`${id}#q${quotes.length + n}`, id, passageId, span.text, span.speaker, span.start, span.end),
    );
    // Quotes are disjoint and in order, like sentences: one pointer walks both (no search per sentence).
    let first = 0;
    const sentenceSpans = splitSentences(text);
    for (const span of sentenceSpans) {
      while (first < passageQuotes.length && passageQuotes[first]!.end <= span.start) first++;
      let quote = -1;
      for (let q = first; q < passageQuotes.length && passageQuotes[q]!.start < span.end; q++) {
        if (overlapsMostly(span, passageQuotes[q]!)) {
          quote = q;
          break;
        }
      }
      const speaker =
        quote >= 0
          ? passageQuotes[quote]!.speaker
          : reportedSpeaker(text.slice(span.start, span.end), offset + span.start, resolver);
      table.add(span.start, span.end, quote, speaker);
    }
    const passage = table.passage(
      passageId,
      id,
      passages.length,
      current.title,
      text,
      passageQuotes,
      sentenceSpans.length,
    );
    passages.push(passage);
    current.passages.push(passage);
    quotes.push(...passageQuotes);
    carried = passageQuotes.at(-1)?.speaker ?? null;
    offset += text.length + JOIN.length;
  }
  if (current.passages.length > 0 || current.title !== null) sections.push(current);
  table.finish();

  return {
    id,
    file,
    title: draft.title ?? deriveTitle(passages),
    date: draft.date,
    source: draft.source,
    url: draft.url,
    sections,
    passages,
    quotes,
    people,
  };
}

/**
 * A sentence is direct speech when a good part of it lies inside the quote:
 * '"We are coming to learn together," he said, adding that ...' is, and so is
 * a sentence that quotes a phrase of some length.
 */
function overlapsMostly(sentence: { start: number; end: number }, quote: { start: number; end: number }): boolean {
  const overlap = Math.min(sentence.end, quote.end) - Math.max(sentence.start, quote.start);
  if (overlap <= 0) return false;
  const opensWithQuote = sentence.start >= quote.start - 1;
  return opensWithQuote || overlap >= (sentence.end - sentence.start) * 0.3 || overlap >= 40;
}

/** Without a title, the lead sentence stands for the article, shortened to a headline's length. */
function deriveTitle(passages: Passage[]): string {
  const lead = passages[0]?.sentences[0]?.text ?? "Untitled article";
  const words = lead.replace(/[.!?]$/, "").split(/\s+/);
  return words.length <= 14 ? words.join(" ") : `${words.slice(0, 12).join(" ")}…`;
}
