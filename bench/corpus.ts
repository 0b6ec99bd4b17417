/**
 * Deterministic synthetic news corpora for the benchmarks.
 *
 * Real English sentences (those of the articles in data/) are recombined into new
 * passages, with names, places, organisations, topics, months and numbers substituted,
 * so that 1k, 10k or 100k passages read like an archive of news articles — sentence
 * lengths, quotes, function words and punctuation as in real text — while having the
 * long-tailed vocabulary a single repeated article would lack. Every engine indexes
 * exactly these Document objects. A fixed seed makes every run produce the same text.
 *
 * Nothing here knows the seed article: names and topics are recognised by shape
 * (capitalisation mid-sentence, a generic topic-noun list), not by a list of its facts.
 */
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Document, LoadResult, Passage, Person, Quote, Section, Sentence } from "../src/corpus/types.ts";
import {
  FIRST_NAMES,
  MONTHS,
  NAME_SYLLABLES,
  ORG_WORDS,
  PLACES,
  PLACE_ENDINGS,
  PLACE_PREPOSITIONS,
  STOPWORDS,
  SURNAMES,
  SURNAME_ENDINGS,
  TOPIC_NOUNS,
  WEEKDAYS,
  WORD_CLASSES,
} from "./words.ts";

// ---------------------------------------------------------------------------------------
// Randomness

/** mulberry32: tiny, fast, good enough for test data, and identical on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

// ---------------------------------------------------------------------------------------
// Reading the real articles

/** Sentence split for plain text: after . ! ? (and a closing quote), before a capital or opening quote. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?]["”’]?)\s+(?=["“]?[A-Z0-9])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const DATELINE = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s+([A-Z][A-Z .'-]*?)\s*[—–-]\s*/;

function isHeading(paragraph: string): boolean {
  return (
    !paragraph.includes("\n") &&
    paragraph.length < 100 &&
    !/[.!?:;,"”]$/.test(paragraph) &&
    paragraph.split(/\s+/).length <= 12
  );
}

/**
 * Minimal reader for data/*.txt, used only while src/corpus/loader.ts does not exist:
 * paragraphs split on blank lines, short unpunctuated lines are headings, a leading
 * "date YYYY-MM-DD PLACE—" line is the dateline.
 */
export function parseArticleText(file: string, text: string): Document {
  const id = file.replace(/\.[^.]+$/, "");
  let date: string | null = null;
  let source: string | null = null;
  const sections: { heading: string | null; passages: string[][] }[] = [{ heading: null, passages: [] }];
  for (let raw of text.split(/\n\s*\n/)) {
    raw = raw.trim();
    if (!raw) continue;
    const dl = DATELINE.exec(raw);
    if (dl) {
      date = dl[1]!;
      source = dl[2]!.trim();
      raw = raw.slice(dl[0].length);
    }
    if (isHeading(raw)) sections.push({ heading: raw, passages: [] });
    else sections.at(-1)!.passages.push(splitSentences(raw.replace(/\s+/g, " ")));
  }
  const title = sections.find((s) => s.heading)?.heading ?? id;
  return buildDocument({ id, file, title, date, source, sections }, []);
}

/**
 * The real articles: through the product's loader when it exists (so the synthetic text
 * is built from the sentences the product itself sees), else through parseArticleText.
 */
export async function readArticles(
  dataDir: string,
  loadCorpus: ((dir: string) => Promise<LoadResult>) | null,
): Promise<Document[]> {
  if (loadCorpus) return (await loadCorpus(dataDir)).documents;
  const files = (await readdir(dataDir)).filter((f) => f.endsWith(".txt")).sort();
  return Promise.all(files.map(async (f) => parseArticleText(f, await readFile(path.join(dataDir, f), "utf8"))));
}

// ---------------------------------------------------------------------------------------
// Templates: the source sentences with their substitutable words marked

type Category = "first" | "last" | "place" | "org" | "acronym";

type Segment =
  | string
  | { kind: "span"; tokens: string[] } // consecutive proper words ("Kassym-Jomart Tokayev")
  | { kind: "noun"; word: string; capital: boolean }
  | { kind: "word"; word: string; wordClass: readonly string[]; capital: boolean } // "cooperation" -> another -tion word
  | { kind: "number"; shape: string }
  | { kind: "month"; word: string }
  | { kind: "weekday"; word: string };

type SentenceTemplate = Segment[];

/** Sentences that must stay together: a quote running over several sentences. */
type ChunkTemplate = SentenceTemplate[];

export interface SourceTemplates {
  chunks: ChunkTemplate[];
  /**
   * Running sum of chunk weights (1 / sentences): a 7-sentence quote is picked a
   * seventh as often as a one-sentence chunk, so it does not fill a quarter of all
   * passages and give its words a document frequency no real archive has.
   */
  cumulative: number[];
  headings: SentenceTemplate[];
  categories: Map<string, Category>;
  /** Number of source sentences, for the report. */
  sentences: number;
}

const TOKEN = /[A-Za-z][A-Za-z-]*[A-Za-z]|[A-Za-z]|\d(?:[\d,.]*\d)?/g;
const QUOTE_MARKS = /["“”]/g;
const MONTH_SET = new Set(MONTHS);
const WEEKDAY_SET = new Set(WEEKDAYS);
const NOUN_SET = new Set(TOPIC_NOUNS);

const isCapital = (w: string) => w.charCodeAt(0) >= 65 && w.charCodeAt(0) <= 90;
const isDigit = (w: string) => w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57;

/**
 * Turns the articles' sentences into templates.
 *
 * A capitalised word counts as a name when it also appears capitalised in mid-sentence
 * somewhere (so "Trade" opening a sentence stays a word, "Tokayev" opening one is a
 * name). Each name word gets a category from its contexts, by majority: after
 * in/at/from/of... a place; after "the" or in a run of three or more, an organisation
 * word; otherwise a person's first name (inside a run) or surname (ending one).
 */
export function buildTemplates(articles: readonly Document[]): SourceTemplates {
  const passages = articles.flatMap((d) => d.passages.map((p) => p.sentences.map((s) => s.text)));
  // Section headings only: a title may be derived from the first sentence ("… discussed…"),
  // and as a heading line it would read as a paragraph to the loader.
  const headings = [
    ...new Set(articles.flatMap((d) => d.sections.map((s) => s.title)).filter((h): h is string => !!h)),
  ];

  // Pass 1: the proper-name vocabulary.
  const proper = new Set<string>();
  for (const sentences of passages)
    for (const sentence of sentences) {
      const words = sentence.match(TOKEN) ?? [];
      words.forEach((w, i) => {
        if (i > 0 && isCapital(w) && isName(w)) proper.add(w);
      });
    }
  const isProper = (w: string) => proper.has(w);

  // Pass 2: segments and category votes.
  const votes = new Map<string, Record<Category, number>>();
  const vote = (token: string, c: Category) => {
    const v = votes.get(token) ?? { first: 0, last: 0, place: 0, org: 0, acronym: 0 };
    v[c]++;
    votes.set(token, v);
  };
  const toTemplate = (sentence: string): SentenceTemplate => {
    const out: Segment[] = [];
    let last = 0;
    let prevWord: string | null = null;
    let span: { kind: "span"; tokens: string[] } | null = null;
    let spanLeft: string | null = null;
    const closeSpan = () => {
      if (!span) return;
      const n = span.tokens.length;
      span.tokens.forEach((t, i) => {
        if (/^[A-Z]{2,6}$/.test(t)) vote(t, "acronym");
        else if (n === 1 && spanLeft && PLACE_PREPOSITIONS.has(spanLeft)) vote(t, "place");
        else if (spanLeft === "the") vote(t, "org");
        else vote(t, i < n - 1 ? "first" : "last");
      });
      span = null;
    };
    for (const m of sentence.matchAll(TOKEN)) {
      const w = m[0];
      const literal = sentence.slice(last, m.index);
      last = m.index + w.length;
      const properWord = isCapital(w) && isProper(w);
      if (span && properWord && literal === " ") {
        span.tokens.push(w);
      } else {
        closeSpan();
        if (literal) out.push(literal);
        const lower = w.toLowerCase();
        const initialOrLower = w === lower || prevWord === null;
        const wordClass = initialOrLower ? classOf(lower) : null;
        if (properWord) {
          span = { kind: "span", tokens: [w] };
          spanLeft = prevWord;
          out.push(span);
        } else if (isDigit(w)) out.push({ kind: "number", shape: w });
        else if (MONTH_SET.has(w)) out.push({ kind: "month", word: w });
        else if (WEEKDAY_SET.has(w)) out.push({ kind: "weekday", word: w });
        else if (initialOrLower && NOUN_SET.has(lower)) out.push({ kind: "noun", word: lower, capital: isCapital(w) });
        else if (wordClass) out.push({ kind: "word", word: lower, wordClass, capital: isCapital(w) });
        else out.push(w);
      }
      prevWord = w.toLowerCase();
    }
    closeSpan();
    if (last < sentence.length) out.push(sentence.slice(last));
    return out;
  };

  // Group sentences so that quote marks stay balanced inside every chunk.
  const chunks: ChunkTemplate[] = [];
  let sentenceCount = 0;
  for (const sentences of passages) {
    let current: ChunkTemplate = [];
    let marks = 0;
    for (const s of sentences) {
      current.push(toTemplate(s));
      sentenceCount++;
      marks += (s.match(QUOTE_MARKS) ?? []).length;
      if (marks % 2 === 0) {
        chunks.push(current);
        current = [];
        marks = 0;
      }
    }
    if (current.length > 0) chunks.push(current); // unbalanced source: keep as is
  }
  const headingTemplates = headings.map(toTemplate);

  const categories = new Map<string, Category>();
  for (const [token, v] of votes) {
    const best = (Object.keys(v) as Category[]).reduce((a, b) => (v[b] > v[a] ? b : a), "last");
    categories.set(token, best);
  }
  let sum = 0;
  const cumulative = chunks.map((c) => (sum += 1 / c.length));
  return { chunks, cumulative, headings: headingTemplates, categories, sentences: sentenceCount };
}

const SPEECH_VERB_SET = new Set([
  "said",
  "says",
  "noted",
  "emphasized",
  "emphasised",
  "stressed",
  "added",
  "stated",
  "remarked",
  "explained",
  "declared",
  "told",
]);

/** The word list a content word may be swapped within (same suffix, so roughly the same part of speech). */
function classOf(lower: string): readonly string[] | null {
  const exact = EXACT_CLASSES.get(lower);
  if (exact) return exact;
  if (STOPWORDS.has(lower) || SPEECH_VERB_SET.has(lower)) return null;
  // Suffix classes for longer words; "business", "status", "analysis" are not plurals.
  if (lower.length >= 5 && !/(?:ss|us|is)$/.test(lower)) {
    for (const [suffix, words] of WORD_CLASSES) if (!suffix.startsWith("=") && lower.endsWith(suffix)) return words;
  }
  return /^[a-z][a-z-]{3,}$/.test(lower) ? GENERAL_POOL : null;
}

/**
 * Any other content word ("turnover", "impetus") may become any listed content word.
 * Grammar suffers a little; document frequencies gain a lot: with one seed article,
 * a sentence recurs in about a third of all passages, and without this swap its
 * words would too, where in a real archive most content words occur in under 1%.
 */
const GENERAL_POOL: readonly string[] = [
  ...new Set([
    ...TOPIC_NOUNS,
    ...WORD_CLASSES.filter(([suffix]) => !suffix.startsWith("=")).flatMap(([, words]) => words),
  ]),
];

/** Whole-word classes ("two" -> "several"), keyed by each of their words. */
const EXACT_CLASSES = new Map(
  WORD_CLASSES.filter(([suffix]) => suffix.startsWith("=")).flatMap(([, words]) =>
    words.map((w) => [w, words] as const),
  ),
);

/** The curated head of a name list plus `tail` names built from syllables (same for every run). */
function withLongTail(head: readonly string[], tail: number, endings: readonly string[], seed: number): string[] {
  const rng = new Rng(seed);
  const names = new Set(head);
  while (names.size < head.length + tail) {
    let w = "";
    for (let i = rng.range(1, 2); i > 0; i--) w += rng.pick(NAME_SYLLABLES);
    w += rng.pick(endings);
    names.add(w[0]!.toUpperCase() + w.slice(1));
  }
  return [...names];
}

const FIRST_NAME_POOL = withLongTail(FIRST_NAMES, 600, ["a", "o", "an", "el", "ina", "ir", "us", "en"], 1);
const SURNAME_POOL = withLongTail(SURNAMES, 4000, SURNAME_ENDINGS, 2);
const PLACE_POOL = withLongTail(PLACES, 2000, PLACE_ENDINGS, 3);

function isName(w: string): boolean {
  const lower = w.toLowerCase();
  return !STOPWORDS.has(lower) && !MONTH_SET.has(w) && !WEEKDAY_SET.has(w) && w !== "I";
}

// ---------------------------------------------------------------------------------------
// Rendering synthetic articles

export interface SyntheticArticle {
  id: string;
  file: string;
  title: string;
  date: string;
  /** Dateline place, upper case like a wire dateline. */
  source: string;
  sections: { heading: string | null; passages: string[][] }[];
  people: Person[];
}

/** Per-article substitution state: the same source name becomes the same new name within one article. */
class ArticleRenderer {
  /** Names, places, organisations, months: fixed for the whole article, like a real one. */
  readonly #map = new Map<string, string>();
  readonly #used = new Set<string>();
  /** Topic nouns and swapped content words: fresh per passage, so a reused sentence reads differently. */
  #local = new Map<string, string>();
  readonly people = new Map<string, Person>();
  constructor(
    readonly rng: Rng,
    readonly categories: Map<string, Category>,
  ) {}

  /** Zipf-like pick: the head of a pool is common, its tail rare, as names are in news. */
  #skewed<T>(pool: readonly T[]): T {
    return pool[Math.floor(pool.length * this.rng.next() ** 2)]!;
  }

  beginPassage(): void {
    this.#local = new Map();
  }

  #topic(word: string): string {
    let value = this.#local.get(word);
    if (value === undefined) {
      value = this.rng.pick(TOPIC_NOUNS);
      this.#local.set(word, value);
    }
    return value;
  }

  /** The article's replacement for `key`; names and places Zipf-like (`skewed`), the rest uniform. */
  #fresh(key: string, pool: readonly string[], skewed = false): string {
    let value = this.#map.get(key);
    if (value !== undefined) return value;
    const draw = () => (skewed ? this.#skewed(pool) : this.rng.pick(pool));
    value = draw();
    for (let tries = 0; tries < 6 && this.#used.has(value); tries++) value = draw();
    this.#used.add(value);
    this.#map.set(key, value);
    return value;
  }

  /** Swaps a content word for another of its class with probability SWAP_SHARE, consistently within a passage. */
  #swap(word: string, wordClass: readonly string[]): string {
    let value = this.#local.get(word);
    if (value === undefined) {
      value = this.rng.chance(SWAP_SHARE) ? this.rng.pick(wordClass) : word;
      this.#local.set(word, value);
    }
    return value;
  }

  #acronym(key: string): string {
    let value = this.#map.get(key);
    if (value === undefined) {
      value = "";
      for (let i = 0; i < key.length - 2; i++) value += String.fromCharCode(65 + this.rng.int(26));
      this.#map.set(key, value);
    }
    return value;
  }

  #number(shape: string): string {
    if (/^(19|20)\d\d$/.test(shape)) return String(this.rng.range(1995, 2024));
    let first = true;
    return shape.replace(/\d/g, () => {
      const d = first ? this.rng.range(1, 9) : this.rng.int(10);
      first = false;
      return String(d);
    });
  }

  #span(tokens: readonly string[]): string {
    const out: string[] = [];
    const cats: Category[] = [];
    for (const t of tokens) {
      const c = this.categories.get(t) ?? "last";
      cats.push(c);
      const key = `p:${t}`;
      if (c === "acronym") out.push(this.#acronym(key));
      else if (c === "first") out.push(this.#fresh(key, FIRST_NAME_POOL, true));
      else if (c === "last") out.push(this.#fresh(key, SURNAME_POOL, true));
      else if (c === "place") out.push(this.#fresh(key, PLACE_POOL, true));
      else out.push(this.#fresh(key, ORG_WORDS));
    }
    // A first name directly followed by a surname is a person the article names.
    for (let i = 0; i + 1 < cats.length; i++) {
      if (cats[i] === "first" && cats[i + 1] === "last") {
        const name = `${out[i]} ${out[i + 1]}`;
        if (!this.people.has(name)) this.people.set(name, { name, aliases: [out[i + 1]!], roles: [] });
      }
    }
    return out.join(" ");
  }

  /**
   * One sentence. Built with join, not +=: `+=` leaves V8 cons-string trees that the
   * first engine to read the text flattens, which freed ~37 MB at 10k passages inside
   * that engine's build and made its heap figure negative. Flat strings are also what
   * text read from files is.
   */
  render(template: SentenceTemplate): string {
    const parts: string[] = [];
    for (const seg of template) {
      if (typeof seg === "string") parts.push(seg);
      else if (seg.kind === "span") parts.push(this.#span(seg.tokens));
      else if (seg.kind === "number") parts.push(this.#number(seg.shape));
      else if (seg.kind === "month") parts.push(this.#fresh(`m:${seg.word}`, MONTHS));
      else if (seg.kind === "weekday") parts.push(this.#fresh(`w:${seg.word}`, WEEKDAYS));
      else {
        const w = seg.kind === "noun" ? this.#topic(seg.word) : this.#swap(seg.word, seg.wordClass);
        parts.push(seg.capital ? w[0]!.toUpperCase() + w.slice(1) : w);
      }
    }
    return parts.join("");
  }
}

export const PASSAGES_PER_ARTICLE = 20;
/** Share of content words swapped per article: enough variety, while most text stays verbatim. */
const SWAP_SHARE = 0.8;

/**
 * Generates synthetic articles totalling exactly `passages` passages: 20 per article,
 * 2–6 sentences per passage, a first untitled section then titled sections of 3–6.
 */
export function generateArticles(source: SourceTemplates, passages: number, seed: number): SyntheticArticle[] {
  if (source.chunks.length === 0) throw new Error("no source sentences to recombine");
  const rng = new Rng(seed);
  const articles: SyntheticArticle[] = [];
  for (let n = 0, remaining = passages; remaining > 0; n++) {
    const count = Math.min(PASSAGES_PER_ARTICLE, remaining);
    remaining -= count;
    const r = new ArticleRenderer(rng, source.categories);
    const heading = () => (source.headings.length ? r.render(rng.pick(source.headings)) : `Part ${rng.range(2, 9)}`);
    const sections: SyntheticArticle["sections"] = [];
    let left = count;
    let sectionSize = rng.range(1, 3);
    let current: SyntheticArticle["sections"][number] = { heading: null, passages: [] };
    sections.push(current);
    while (left > 0) {
      if (current.passages.length >= sectionSize) {
        current = { heading: heading(), passages: [] };
        sections.push(current);
        sectionSize = rng.range(3, 6);
      }
      current.passages.push(renderPassage(source, r, rng));
      left--;
    }
    const id = `syn-${String(n).padStart(5, "0")}`;
    const day = new Date(Date.UTC(2015, 0, 1) + rng.int(3650) * 86_400_000).toISOString().slice(0, 10);
    articles.push({
      id,
      file: `${id}.txt`,
      title: heading(),
      date: day,
      source: rng.pick(PLACE_POOL).toUpperCase(),
      sections,
      people: [...r.people.values()],
    });
  }
  return articles;
}

function renderPassage(source: SourceTemplates, r: ArticleRenderer, rng: Rng): string[] {
  r.beginPassage();
  const target = rng.range(2, 6);
  const sentences: string[] = [];
  const usedChunks = new Set<number>();
  const pick = () => {
    const x = rng.next() * source.cumulative.at(-1)!;
    let lo = 0;
    let hi = source.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (source.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  while (sentences.length < target) {
    let c = pick();
    for (let tries = 0; tries < 4 && usedChunks.has(c); tries++) c = pick();
    usedChunks.add(c);
    for (const t of source.chunks[c]!) sentences.push(r.render(t));
  }
  return sentences;
}

// ---------------------------------------------------------------------------------------
// Documents (the product's corpus model) and text files (for the cold-start run)

const SPEECH_VERBS = [...SPEECH_VERB_SET].join("|");
const NAME = "((?:[A-Z][A-Za-z-]+ ?){1,3})";
const AFTER_VERB_NAME = new RegExp(`^\\s*(?:${SPEECH_VERBS})\\s+${NAME}`);
const AFTER_NAME_VERB = new RegExp(`^\\s*${NAME}\\s+(?:${SPEECH_VERBS})\\b`);
const BEFORE_NAME_VERB = new RegExp(`${NAME}\\s+(?:${SPEECH_VERBS})\\s*[:,]?\\s*$`);

/** Finds quote spans in a passage and attributes them with the usual news patterns. */
function findQuotes(
  text: string,
  docId: string,
  passageId: string,
  firstNumber: number,
  people: readonly Person[],
): Quote[] {
  const quotes: Quote[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const opens = ch === "“" || (ch === '"' && open < 0);
    const closes = ch === "”" || (ch === '"' && open >= 0);
    if (opens && open < 0) open = i;
    else if (closes && open >= 0) {
      const after = text.slice(i + 1, i + 100);
      const before = text.slice(Math.max(0, open - 100), open);
      const name = (AFTER_VERB_NAME.exec(after) ??
        AFTER_NAME_VERB.exec(after) ??
        BEFORE_NAME_VERB.exec(before))?.[1]?.trim();
      const person = name ? people.find((p) => p.name === name || p.aliases.includes(name)) : undefined;
      quotes.push({
        id: `${docId}#q${firstNumber + quotes.length}`,
        docId,
        passageId,
        text: text.slice(open + 1, i).replace(/[,\s]+$/, ""),
        speaker: person?.name ?? name ?? null,
        start: open + 1,
        end: i,
      });
      open = -1;
    }
  }
  return quotes;
}

interface ArticleShape {
  id: string;
  file: string;
  title: string;
  date: string | null;
  source: string | null;
  sections: { heading: string | null; passages: string[][] }[];
}

/** Builds a Document (src/corpus/types.ts) from sectioned, sentence-split text. */
export function buildDocument(article: ArticleShape, people: Person[]): Document {
  const docId = article.id;
  const sections: Section[] = [];
  const passages: Passage[] = [];
  const quotes: Quote[] = [];
  for (const sec of article.sections) {
    const section: Section = { title: sec.heading, passages: [] };
    for (const sentenceTexts of sec.passages) {
      const passageId = `${docId}#p${passages.length}`;
      const text = sentenceTexts.join(" ");
      const passageQuotes = findQuotes(text, docId, passageId, quotes.length, people);
      const sentences: Sentence[] = [];
      let offset = 0;
      for (const st of sentenceTexts) {
        const start = offset;
        const end = start + st.length;
        offset = end + 1;
        const q = passageQuotes.find((x) => x.start < end && x.end > start) ?? null;
        sentences.push({
          id: `${passageId}.s${sentences.length}`,
          passageId,
          index: sentences.length,
          text: st,
          start,
          end,
          quoteId: q?.id ?? null,
          speaker: q?.speaker ?? null,
        });
      }
      const passage: Passage = {
        id: passageId,
        docId,
        index: passages.length,
        section: sec.heading,
        text,
        sentences,
        quotes: passageQuotes,
      };
      passages.push(passage);
      section.passages.push(passage);
      quotes.push(...passageQuotes);
    }
    if (section.passages.length > 0 || section.title) sections.push(section);
  }
  return {
    id: docId,
    file: article.file,
    title: article.title,
    date: article.date,
    source: article.source,
    url: null,
    sections,
    passages,
    quotes,
    people,
  };
}

export function toDocuments(articles: readonly SyntheticArticle[]): Document[] {
  return articles.map((a) => buildDocument(a, a.people));
}

/** An article as a text file in the layout of data/*.txt (dateline, headings, blank-line paragraphs). */
export function articleText(a: SyntheticArticle): string {
  const parts: string[] = [];
  a.sections.forEach((sec, si) => {
    if (sec.heading) parts.push(sec.heading);
    sec.passages.forEach((p, pi) => {
      const text = p.join(" ");
      parts.push(si === 0 && pi === 0 ? ` date ${a.date} ${a.source}—${text}` : text);
    });
  });
  return parts.join("\n\n") + "\n";
}

/** Writes the articles as data/-style text files into `dir` (created if needed). */
export async function writeArticles(articles: readonly SyntheticArticle[], dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < articles.length; i += 200) {
    await Promise.all(articles.slice(i, i + 200).map((a) => writeFile(path.join(dir, a.file), articleText(a))));
  }
}

export function countPassages(documents: readonly Document[]): number {
  return documents.reduce((n, d) => n + d.passages.length, 0);
}
