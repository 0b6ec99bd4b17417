/**
 * The answer engine: builds the index over a set of documents and answers
 * questions with ranked passages, each with its best sentence.
 *
 *   question -> analyze (query.ts) -> candidates (FlexSearch, candidates.ts)
 *            -> score sentences (rank.ts) -> abstain or answer
 */
import { surname } from "../language/names.ts";
import { sentenceAt, sentenceCount, sentenceQuoteId, sentenceSpeaker, sentenceText } from "../corpus/model.ts";
import type { Document, Passage, Quote } from "../corpus/types.ts";
import { CandidateIndex, type CandidateSnapshot, type WeightedTerm } from "./candidates.ts";
import { drain, drainInSlices } from "../util/drain.ts";
import { SPEECH_VERBS } from "../language/lexicon.ts";
import { alternation, escapeRegExp } from "../language/regex.ts";
import {
  type IndexedPassage,
  type PackedMentions,
  type PassageTables,
  TablesBuilder,
  type TermIds,
  TermTable,
  appendEntry,
  contextTerms,
  indexPassage,
  localStarts,
  makeEntry,
  mentionsIn,
  mentionsOf,
  packMentions,
  termsOf,
  unpackMentions,
} from "./passages.ts";
import { PeopleIndex, type PeopleSnapshot } from "./people.ts";
import {
  CONFIDENCE_FEATURES,
  type ConfidenceFeatures,
  confidenceOfRow,
  featureRow,
  featuresObject,
  questionSignals,
} from "./confidence.ts";
import {
  DEFAULT_OPTIONS,
  type EngineOptions,
  type EngineOptionsInput,
  type QuestionOptions,
  guard,
  mergeOptions,
} from "./options.ts";
import { type Query, analyze } from "./query.ts";
import { Scratch, type TermMatches, TopPassages, answerSentence, scorePassage } from "./rank.ts";
import type { SentenceFeatures } from "./sentence-model.ts";
import { suggestQuestions } from "./suggest.ts";
import { WordCache, fold, stem } from "./text.ts";
import { FUNCTION_WORDS } from "./lexicon.ts";
import { resolveFollowUp } from "./followup.ts";
import { isOverviewQuestion, outlinePassages } from "./overview.ts";
import type { Answer, AnswerContext, AnswerEngine, AnswerOptions, CorpusStats } from "./types.ts";
import { type PassageCounts, Vocabulary, type VocabularySnapshot } from "./vocabulary.ts";

export type { EngineOptionsInput as EngineOptions } from "./options.ts";

/** An engine over `documents`; `options` are merged over DEFAULT_OPTIONS (options.ts). */
export function createEngine(documents: readonly Document[], options: EngineOptionsInput = {}): AnswerEngine {
  return new Engine(documents, options);
}

/**
 * What a restart can import instead of rebuilding: FlexSearch's part of the
 * index (see CandidateSnapshot). Valid only for the same documents, in the same
 * order, and the same engine code; the caller keys it by both.
 */
export interface EngineSnapshot {
  candidates: CandidateSnapshot;
  /** The engine's own tables: the term table, the flat per-passage tables, people, the vocabulary. */
  tables: EngineTables;
}

/**
 * The engine's own tables, flat: a few arrays however many passages (V8 reads
 * each back in one piece). Per passage (those with sentences, in document
 * order): what indexPassage computed.
 */
export interface EngineTables {
  /** The term table: term id -> term. */
  terms: string[];
  /** Every passage's term ids and sentence bounds (PassageTables without the kinds cache). */
  passageTerms: TermIds;
  bounds: Uint32Array;
  /** The distinct framing contexts, flat (`contextStarts`: one extra entry), and each passage's one. */
  contextTerms: Uint32Array;
  contextStarts: Uint32Array;
  contextOf: Uint32Array;
  mentions: PackedMentions;
  /** Who the articles introduce, as PeopleIndex found them (rebuilding stems every role). */
  people: PeopleSnapshot;
  vocabulary: VocabularySnapshot;
  sentenceCount: number;
  averageSentenceLength: number;
}

/** The engine's importable parts as plain data (for `restoreEngine`). */
export function engineSnapshot(engine: AnswerEngine): EngineSnapshot {
  if (!(engine instanceof Engine)) throw new TypeError("engineSnapshot() needs an engine made by createEngine()");
  return engine.snapshot();
}

/** `engineSnapshot`, awaiting `pause` between the chunks of FlexSearch's export (the bulk of the work). */
export async function engineSnapshotInSlices(
  engine: AnswerEngine,
  pause: () => Promise<void>,
): Promise<EngineSnapshot> {
  if (!(engine instanceof Engine)) throw new TypeError("engineSnapshot() needs an engine made by createEngine()");
  return engine.snapshot(await engine.candidatesSnapshot(pause));
}

/**
 * The engine `createEngine(documents, options)` would build, with FlexSearch's
 * index imported from `snapshot` instead of built: same answers, same scores.
 */
export function restoreEngine(
  documents: readonly Document[],
  snapshot: EngineSnapshot,
  options: EngineOptionsInput = {},
): AnswerEngine {
  return new Engine(documents, options, {
    restored: { candidates: CandidateIndex.fromSnapshot(snapshot.candidates), tables: snapshot.tables },
  });
}

/**
 * The engine `createEngine(documents, options)` would build (same answers,
 * same scores), made from `previous`, an engine over earlier documents with
 * these options: only the documents that are not the very objects `previous`
 * holds are indexed, and the documents gone are taken out (a /reload after one
 * file of 2,000 changed indexes one). `previous` is left as it was and keeps
 * answering meanwhile. Where an update cannot be told to give the same answers
 * (repeated document ids, kept documents in another order, most of the corpus
 * new), the engine is built from scratch.
 */
export function updateEngine(
  previous: AnswerEngine,
  documents: readonly Document[],
  options: EngineOptionsInput = {},
  report?: (how: "updated" | "built", reason?: string) => void,
): AnswerEngine {
  return drain(updating(previous, documents, options, report));
}

/**
 * `updateEngine`, with the indexing in slices of about `sliceMs` and `pause`
 * awaited between them: a /reload that indexes a large new article (or builds
 * the index from scratch) does not hold the questions answered meanwhile by
 * `previous`, which nothing here changes.
 */
export function updateEngineInSlices(
  previous: AnswerEngine,
  documents: readonly Document[],
  options: EngineOptionsInput,
  report: ((how: "updated" | "built", reason?: string) => void) | undefined,
  pause: () => Promise<void>,
  sliceMs = 10,
): Promise<AnswerEngine> {
  return drainInSlices(updating(previous, documents, options, report), pause, sliceMs);
}

/**
 * The steps of `updateEngine`: the one decision (update, or build from
 * scratch), and `report` told how once the engine is made (never for one that failed).
 */
function* updating(
  previous: AnswerEngine,
  documents: readonly Document[],
  options: EngineOptionsInput,
  report: ((how: "updated" | "built", reason?: string) => void) | undefined,
): Generator<void, AnswerEngine> {
  let reason: string | undefined;
  if (previous instanceof Engine && previous.canUpdateTo(documents, options)) {
    let updated: Engine | null = null;
    try {
      const next = new Engine(documents, options, { previous }, true);
      yield* next.indexing();
      updated = next;
    } catch (error) {
      // Nothing of `previous` was changed: the same engine, built the long way.
      reason = error instanceof Error ? error.message : String(error);
    }
    if (updated) {
      report?.("updated");
      return updated;
    }
  }
  const built = new Engine(documents, options, undefined, true);
  yield* built.indexing();
  report?.("built", reason);
  return built;
}

/** One ranked answer with what its confidence was computed from (for the confidence fit and debugging). */
export interface InspectedAnswer {
  answer: Answer;
  features: ConfidenceFeatures;
  /** Per sentence of the answer's passage, the sentence model's features (when it chose). */
  sentences?: SentenceFeatures[];
}

/**
 * The ranked answers of an engine made by `createEngine`, none dropped for low
 * confidence, each with its confidence features.
 */
export function inspect(engine: AnswerEngine, question: string, options: AnswerOptions = {}): InspectedAnswer[] {
  if (!(engine instanceof Engine)) throw new TypeError("inspect() needs an engine made by createEngine()");
  return engine.inspect(question, options);
}

class Engine implements AnswerEngine {
  readonly documents: readonly Document[];
  readonly #entries: IndexedPassage[] = [];
  /** The entries' flat arrays (see PassageTables). */
  #tables: PassageTables = { terms: new Uint32Array(0), bounds: Uint32Array.of(0), types: new Uint8Array(0) };
  #table = new TermTable();
  // Set by the constructor, or by the indexing it leaves to `indexing` (see `inSlices`).
  #vocabulary!: Vocabulary;
  readonly #options: EngineOptions;
  readonly #scratch = new Scratch();
  readonly #top = new TopPassages();
  /** The answer being scored's confidence features (confidence.ts featureRow). */
  readonly #features = new Float64Array(CONFIDENCE_FEATURES.length);
  readonly #words = new WordCache();
  #candidates!: CandidateIndex;
  /** The indexing a constructor called `inSlices` left to `indexing`. */
  #pending: Generator<void, void> | null = null;
  readonly #people: PeopleIndex;
  /** Full name -> passages holding that person's direct quotes. */
  readonly #quotedIn = new Map<string, number[]>();
  #averageSentenceLength = 1;
  #suggestions: string[] | null = null;
  #sentenceCount = 0;
  /** Surname word -> the person it names (the last document's, as the build found them): what mentions are. */
  readonly #surnames: Map<string, string>;

  /**
   * `restored`: the index and tables a snapshot of these documents holds
   * (nothing is then indexed again); `previous`: an engine over earlier
   * documents to update (see updateEngine). `inSlices`: the indexing is left
   * to `indexing`, which lets other work run between slices of it.
   */
  constructor(
    documents: readonly Document[],
    options: EngineOptionsInput,
    from?: { restored: { candidates: CandidateIndex; tables: EngineTables } } | { previous: Engine },
    inSlices = false,
  ) {
    // A copy: a caller that reuses its array for the next corpus must not change this engine's (see updateEngine).
    this.documents = [...documents];
    this.#options = mergeOptions(DEFAULT_OPTIONS, options);
    this.#people = new PeopleIndex(
      documents,
      from && "previous" in from ? from.previous.#people : from?.restored.tables.people,
    );
    this.#surnames = surnamesOf(documents);
    if (from && "restored" in from) {
      this.#candidates = from.restored.candidates;
      this.#vocabulary = this.#restore(from.restored.tables);
      return;
    }
    // A step a passage (or a kept document): `indexing` gives them to a caller that pauses between steps, `drain` runs them all.
    const steps = from ? this.#update(from.previous) : this.#build();
    if (inSlices) this.#pending = steps;
    else drain(steps);
  }

  /** The indexing the constructor left (`inSlices`), a step at a time. */
  *indexing(): Generator<void, void> {
    const steps = this.#pending;
    this.#pending = null;
    if (steps) yield* steps;
  }

  *#build(): Generator<void, void> {
    this.#candidates = new CandidateIndex();
    this.#vocabulary = new Vocabulary(
      this.#options.weights,
      this.#options.relatedWords,
      this.#options.sentenceIdf,
      this.#options.minRelativeLength,
    );
    const builder = new TablesBuilder();
    for (const document of this.documents) {
      yield* this.#indexDocument(
        document,
        builder,
        (words, terms) => this.#vocabulary.addName(words, terms, document.id),
        (id, passage) => {
          this.#vocabulary.addPassage(passage.ids, passage.terms, passage.words, passage.sentenceStart);
          this.#candidates.add(id, passage.terms);
        },
      );
    }
    this.#tables = builder.finish(this.#entries, this.#table.terms.length);
    yield;
    this.#vocabulary.seal(this.#table.terms);
    yield* this.#candidates.sealInSteps();
    yield* this.#countSentences();
  }

  /**
   * Indexes the passages of `document` (those with sentences) as the next
   * entries, their terms appended to `builder`; `onPassage` gets each one's id
   * and what indexPassage found (its term ids, and terms and words as written).
   */
  *#indexDocument(
    document: Document,
    builder: TablesBuilder,
    onName: (words: string[], terms: string[]) => void,
    onPassage: (id: number, indexed: ReturnType<typeof indexPassage>) => void,
  ): Generator<void, void> {
    const opening = document.passages[0];
    const lead = opening && sentenceCount(opening) > 0 ? sentenceText(opening, 0) : undefined;
    const contexts = new Map<string | null, Uint32Array>();
    for (const passage of document.passages) {
      if (sentenceCount(passage) === 0) continue;
      let context = contexts.get(passage.section);
      if (!context) {
        context = contextTerms([document.title, lead, passage.section], this.#table, this.#words);
        contexts.set(passage.section, context);
      }
      const indexed = indexPassage(
        document,
        passage,
        this.#table,
        this.#surnames,
        context,
        onName,
        this.#words,
        builder,
      );
      onPassage(this.#entries.push(indexed.entry) - 1, indexed);
      yield;
    }
  }

  /** The sentence count, the mean sentence length in content words, and who is quoted where: from the entries. */
  *#countSentences(): Generator<void, void> {
    const contentWords = this.#tables.terms.length;
    for (const [id, entry] of this.#entries.entries()) {
      this.#sentenceCount += sentenceCount(entry.passage);
      this.#indexQuotes(entry.passage, id);
      if (id % 5_000 === 4_999) yield;
    }
    this.#averageSentenceLength = Math.max(1, contentWords / Math.max(1, this.#sentenceCount));
  }

  /**
   * Whether `update` may build the engine of `documents` from this one: the
   * same options, document ids unique on both sides, and the documents kept in the order they had
   * here, and at least half of the next corpus's documents kept (else building
   * from scratch costs about the same), and not too many stale terms.
   */
  canUpdateTo(documents: readonly Document[], options: EngineOptionsInput): boolean {
    if (JSON.stringify(mergeOptions(DEFAULT_OPTIONS, options)) !== JSON.stringify(this.#options)) return false;
    if (new Set(documents.map((d) => d.id)).size !== documents.length) return false;
    if (new Set(this.documents.map((d) => d.id)).size !== this.documents.length) return false;
    const order = new Map(this.documents.map((d, i) => [d, i]));
    let last = -1;
    let kept = 0;
    for (const document of documents) {
      const at = order.get(document);
      if (at === undefined) continue;
      if (at < last) return false;
      last = at;
      kept++;
    }
    // Terms of documents gone stay in the copied term table; a table twice the corpus's vocabulary is rebuilt.
    if (this.#table.terms.length > 2 * this.#vocabulary.df.size + 10_000) return false;
    return kept * 2 >= documents.length && kept > 0;
  }

  /**
   * This engine's tables made from `previous`'s: its entries of the kept
   * documents copied into this engine's flat tables (with their mentions,
   * unless the surnames they mention changed), the new documents indexed, and the counts, the term lookups and
   * FlexSearch's postings adjusted for what left and joined, without changing
   * `previous` (it is copied where it would change: the term table, the
   * vocabulary's tables, the postings). Entries come in document order, as a
   * build makes them, so every tie broken by passage id breaks the same way.
   */
  *#update(previous: Engine): Generator<void, void> {
    const documents = this.documents;
    const next = new Set(documents);
    /** The ids of each previous document's entries (consecutive). */
    const spans = new Map<Document, { first: number; count: number }>();
    previous.#entries.forEach((entry, id) => {
      const span = spans.get(entry.document);
      if (span) span.count++;
      else spans.set(entry.document, { first: id, count: 1 });
    });
    yield;
    this.#table = previous.#table.copy();
    yield;
    const remention = this.#mentionCheck(previous);
    const moved = new Int32Array(previous.#entries.length).fill(-1);
    // The new passages' postings, added as they are indexed (merged with the kept ones at the end).
    const added = new CandidateIndex();
    const addedCounts: PassageCounts[] = [];
    const names: { words: string[]; terms: string[]; source: string }[] = [];
    const previousDocuments = new Set(previous.documents);
    const builder = new TablesBuilder();
    for (const document of documents) {
      if (previousDocuments.has(document)) {
        const span = spans.get(document);
        for (let id = span?.first ?? 0; span && id < span.first + span.count; id++) {
          const entry = previous.#entries[id]!;
          let mentions = entry.mentions;
          if (remention(entry)) {
            const found = mentionsIn(entry.passage, this.#surnames, this.#words);
            if (JSON.stringify(found) !== JSON.stringify(entry.mentions)) mentions = found;
          }
          moved[id] = this.#entries.push(appendEntry(entry, builder, mentions)) - 1;
        }
        yield;
        continue;
      }
      yield* this.#indexDocument(
        document,
        builder,
        (words, terms) => names.push({ words, terms, source: document.id }),
        (id, passage) => {
          added.add(id, passage.terms);
          addedCounts.push({
            termIds: passage.ids,
            terms: passage.terms,
            words: passage.words,
            sentenceStart: passage.sentenceStart,
          });
        },
      );
    }
    this.#tables = builder.finish(this.#entries, this.#table.terms.length);
    yield;
    // What the documents gone (or replaced) had counted, read again from them: the same words, so the same terms.
    const removedCounts: PassageCounts[] = [];
    const removedSources = new Set<string>();
    for (const document of previous.documents) {
      if (next.has(document)) continue;
      removedSources.add(document.id);
      const span = spans.get(document);
      for (let id = span?.first ?? 0; span && id < span.first + span.count; id++) {
        const entry = previous.#entries[id]!;
        const again = indexPassage(
          document,
          entry.passage,
          this.#table,
          new Map(),
          entry.context,
          () => {},
          this.#words,
        );
        const termIds = termsOf(entry);
        if (again.ids.length !== termIds.length)
          throw new Error("a removed passage no longer tokenizes as it was indexed");
        removedCounts.push({
          termIds,
          terms: again.terms,
          words: again.words,
          sentenceStart: localStarts(entry),
        });
      }
      yield;
    }
    yield;
    this.#vocabulary = yield* previous.#vocabulary.updated({
      removed: removedCounts,
      added: addedCounts,
      removedSources,
      names,
      position: new Map(documents.map((d, i) => [d.id, i])),
    });
    yield;
    this.#candidates = yield* previous.#candidates.updatedInSteps(moved, added, this.#entries.length);
    yield;
    yield* this.#countSentences();
  }

  /**
   * Which kept entries may mention someone else now: those holding a surname
   * word whose person changed (added, gone, or now another's). A surname that is
   * not a stop word is found by its term; one that is ("May") by the passage's text.
   */
  #mentionCheck(previous: Engine): (entry: IndexedPassage) => boolean {
    const changed = new Set<string>();
    for (const [word, name] of this.#surnames) if (previous.#surnames.get(word) !== name) changed.add(word);
    for (const word of previous.#surnames.keys()) if (!this.#surnames.has(word)) changed.add(word);
    if (changed.size === 0) return () => false;
    const termIds = new Set<number>();
    const stops: string[] = [];
    for (const word of changed) {
      if (FUNCTION_WORDS.has(word)) stops.push(word);
      else {
        const id = previous.#table.ids.get(stem(word));
        if (id !== undefined) termIds.add(id);
      }
    }
    return (entry) => {
      for (const id of termsOf(entry)) if (termIds.has(id)) return true;
      if (stops.length === 0) return false;
      const text = fold(entry.passage.text);
      return stops.some((word) => text.includes(word));
    };
  }

  /** FlexSearch's part of `snapshot`, in slices (see engineSnapshotInSlices). */
  candidatesSnapshot(pause: () => Promise<void>): Promise<CandidateSnapshot> {
    return this.#candidates.toSnapshotInSlices(pause);
  }

  snapshot(candidates = this.#candidates.toSnapshot()): EngineSnapshot {
    // The distinct contexts (a section's passages share one), each saved once.
    const contextIds = new Map<Uint32Array, number>();
    const contextOf = new Uint32Array(this.#entries.length);
    const contexts: Uint32Array[] = [];
    this.#entries.forEach((entry, n) => {
      let id = contextIds.get(entry.context);
      if (id === undefined) {
        id = contexts.push(entry.context) - 1;
        contextIds.set(entry.context, id);
      }
      contextOf[n] = id;
    });
    const contextStarts = new Uint32Array(contexts.length + 1);
    contexts.forEach((c, i) => (contextStarts[i + 1] = contextStarts[i]! + c.length));
    const contextTerms = new Uint32Array(contextStarts[contexts.length]!);
    contexts.forEach((c, i) => contextTerms.set(c, contextStarts[i]));
    return {
      candidates,
      tables: {
        terms: this.#table.terms,
        passageTerms: this.#tables.terms,
        bounds: this.#tables.bounds,
        contextTerms,
        contextStarts,
        contextOf,
        mentions: packMentions(this.#entries.map((e) => e.mentions)),
        people: this.#people.toSnapshot(this.documents),
        vocabulary: this.#vocabulary.toSnapshot(),
        sentenceCount: this.#sentenceCount,
        averageSentenceLength: this.#averageSentenceLength,
      },
    };
  }

  /** Takes the tables of a snapshot: the same walk over the passages as the build, without indexing them. */
  #restore(tables: EngineTables): Vocabulary {
    const misfit = () => new Error("the engine snapshot does not fit these documents");
    for (const term of tables.terms) this.#table.id(term);
    const { passageTerms, bounds, contextTerms, contextStarts, contextOf } = tables;
    const count = contextOf.length;
    if (bounds.length === 0 || bounds[bounds.length - 1] !== passageTerms.length) throw misfit();
    const contexts = Array.from({ length: contextStarts.length - 1 }, (_, i) => {
      const [from, to] = [contextStarts[i]!, contextStarts[i + 1]!];
      if (from > to || to > contextTerms.length) throw misfit();
      return contextTerms.subarray(from, to);
    });
    const mentions = unpackMentions(tables.mentions, count);
    const types = new Uint8Array(bounds.length - 1);
    this.#tables = { terms: passageTerms, bounds, types };
    let first = 0;
    for (const document of this.documents) {
      for (const passage of document.passages) {
        const sentences = sentenceCount(passage);
        if (sentences === 0) continue;
        const n = this.#entries.length;
        const context = contexts[contextOf[n]!];
        if (n >= count || first + sentences >= bounds.length || !context) throw misfit();
        const entry = makeEntry(document, passage, first, mentions[n]!, context);
        entry.terms = passageTerms;
        entry.bounds = bounds;
        entry.types = types;
        first += sentences;
        this.#indexQuotes(passage, this.#entries.push(entry) - 1);
      }
    }
    if (this.#entries.length !== count || first !== bounds.length - 1) throw misfit();
    this.#sentenceCount = tables.sentenceCount;
    this.#averageSentenceLength = tables.averageSentenceLength;
    const table = this.#table;
    return Vocabulary.fromSnapshot(
      tables.vocabulary,
      this.#options.weights,
      this.#options.relatedWords,
      this.#options.sentenceIdf,
      this.#options.minRelativeLength,
      (term) => table.terms[table.ids.get(term) ?? -1] ?? term,
    );
  }

  #indexQuotes(passage: Document["passages"][number], id: number): void {
    for (const quote of passage.quotes) {
      if (!quote.speaker) continue;
      const list = this.#quotedIn.get(quote.speaker) ?? [];
      if (list.at(-1) !== id) list.push(id);
      this.#quotedIn.set(quote.speaker, list);
    }
  }

  answer(question: string, options: AnswerOptions = {}): Answer[] {
    if (typeof question !== "string" || this.#entries.length === 0) return [];
    const { context, ...overrides } = options;
    const opts = mergeOptions(this.#options as QuestionOptions, overrides);
    // Every entry point reads its input through the guard (options.ts), follow-up and overview detection too.
    const text = guard(question, opts);
    const limit = Math.max(1, Math.min(Math.floor(opts.limit) || 1, this.#options.maxLimit));
    const followUp = resolveFollowUp(text, context);
    if (followUp) {
      const shown = new Set((context?.shown ?? []).map((s) => `${s.documentId}#${s.passageIndex}`));
      const unseen = (a: Answer) => !shown.has(`${a.document.id}#${a.passage.index}`);
      switch (followUp.kind) {
        case "more":
          return this.#continuation(followUp.documentId, shown, limit);
        case "speaker": {
          const pool = this.#options.followUpPool;
          const found = followUp.topic
            ? this.#rank(guard(`What did ${followUp.speaker} say about ${followUp.topic}?`, opts), opts, pool)
            : [];
          // Direct quotes first, then what the speaker is reported to have said ("In turn, X noted ...").
          const all = [
            ...found,
            ...this.#quotesOf(followUp.speaker, pool),
            ...this.#reportedOf(followUp.speaker, pool),
          ];
          return dedupe(all).filter(unseen).slice(0, limit);
        }
        case "question": {
          const found = this.#rank(guard(followUp.question, opts), opts, this.#options.followUpPool);
          const scoped = followUp.documentId ? found.filter((a) => a.document.id === followUp.documentId) : found;
          const fresh = scoped.filter(unseen);
          return (fresh.length > 0 ? fresh : scoped).slice(0, limit);
        }
      }
    }
    if (isOverviewQuestion(text)) return this.overview(context?.documentId).slice(0, limit);
    return this.#rank(text, opts, limit);
  }

  inspect(question: string, options: AnswerOptions = {}): InspectedAnswer[] {
    const { context: _context, ...overrides } = options;
    const opts = mergeOptions(this.#options as QuestionOptions, overrides);
    const inspected: InspectedAnswer[] = [];
    this.#ranked(guard(question, opts), opts, Math.max(1, Math.min(opts.limit, this.#options.maxLimit)), inspected);
    return inspected;
  }

  contextOf(question: string, answers: Answer[]): AnswerContext | null {
    const top = answers[0];
    if (!top || typeof question !== "string") return null;
    const query = this.explain(question);
    return {
      documentId: top.document.id,
      speaker: top.speaker ?? query.speaker ?? query.person ?? null,
      topic: query.concepts.filter((c) => !c.unknown).map((c) => c.word),
      question,
      shown: answers.map((a) => ({ documentId: a.document.id, passageIndex: a.passage.index })),
    };
  }

  overview(documentId?: string): Answer[] {
    const document = documentId === undefined ? this.documents[0] : this.documents.find((d) => d.id === documentId);
    if (!document) return [];
    return outlinePassages(document).map((passage, i) => answerAt(document, passage, 0, 1 - i * 0.01, 1, "overview"));
  }

  /** Passages of a document not shown yet, starting after the first shown one ("Tell me more"). */
  #continuation(documentId: string, shown: Set<string>, limit: number): Answer[] {
    const document = this.documents.find((d) => d.id === documentId);
    if (!document) return [];
    const shownHere = document.passages.filter((p) => shown.has(`${documentId}#${p.index}`)).map((p) => p.index);
    const after = shownHere.length > 0 ? Math.min(...shownHere) : -1;
    const out: Answer[] = [];
    // What follows the shown passage first, then what came before it (the user may have started late).
    const order = [
      ...document.passages.filter((p) => p.index > after),
      ...document.passages.filter((p) => p.index <= after),
    ];
    for (const passage of order) {
      if (shown.has(`${documentId}#${passage.index}`) || sentenceCount(passage) === 0) continue;
      out.push(answerAt(document, passage, 0, 1 - out.length * 0.01, 1));
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Ranked answers above the confidence threshold; [] when even the best is below it. */
  #rank(question: string, opts: QuestionOptions, limit: number): Answer[] {
    const ranked = this.#ranked(question, opts, limit);
    if (ranked.length === 0 || ranked[0]!.confidence < opts.minConfidence) return [];
    return ranked.filter((a, i) => i === 0 || a.confidence >= opts.minConfidence);
  }

  /**
   * `question` has been through `guard` (callers guard what they rebuild from a context, too).
   * With `inspected`, each answer is also put there with what its confidence was computed from.
   */
  #ranked(question: string, opts: QuestionOptions, limit: number, inspected?: InspectedAnswer[]): Answer[] {
    const query = analyze(question, this.#vocabulary, this.#people, opts, this.#words);
    if (query.unknownPerson) return [];
    if (query.concepts.length === 0) {
      if (query.intent !== "speakerSaid") return [];
      const quotes = this.#quotesOf(query.speaker!, limit);
      for (const answer of quotes) inspected?.push({ answer, features: SURE });
      return quotes;
    }
    const matches = this.#termMatches(query);
    let ids = this.#candidates.search(this.#searchTerms(query), opts.postingsBudget, opts.candidates);
    if (query.intent === "speakerSaid") {
      const all = new Set(ids);
      for (const id of this.#quotedIn.get(query.speaker!) ?? []) all.add(id);
      ids = [...all];
    }
    // The best `limit` passages, and the next one's score (each answer's margin).
    const top = this.#top;
    top.reset(limit + 1);
    const scratch = this.#scratch;
    const scoring = scratch.scoring(query, matches, this.#averageSentenceLength, opts.ranking);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const entry = this.#entries[id]!;
      const score = scorePassage(entry, scoring);
      if (score > 0) top.offer(id, entry.passage.index, score);
    }
    const answered = Math.min(limit, top.length);
    if (answered === 0) return [];
    const asked = questionSignals(query, this.#words);
    const features = this.#features;
    const out: Answer[] = [];
    for (let i = 0; i < answered; i++) {
      const entry = this.#entries[top.id(i)]!;
      const score = top.score(i);
      const next = i + 1 < top.length ? top.score(i + 1) : 0;
      const detail = inspected !== undefined;
      const s = answerSentence(entry, scoring, opts.sentenceModel, detail);
      const text = sentenceText(entry.passage, s);
      featureRow(scratch.signals, asked, text, score > 0 ? (score - next) / score : 0, this.#words, features);
      const answer = toAnswer(entry, s, score, confidenceOfRow(features, opts.confidence));
      out.push(answer);
      inspected?.push({ answer, features: featuresObject(features), sentences: scratch.sentences });
    }
    return out;
  }

  explain(question: string): Query {
    return analyze(guard(question, this.#options), this.#vocabulary, this.#people, this.#options, this.#words);
  }

  quotes(speaker?: string): Quote[] {
    const all = this.documents.flatMap((d) => d.quotes);
    if (speaker === undefined || speaker.trim() === "") return all;
    const name = this.#people.match(guard(speaker, this.#options), this.#vocabulary).name;
    return name ? all.filter((q) => q.speaker === name) : [];
  }

  suggestions(count = 3, asked?: string): string[] {
    this.#suggestions ??= suggestQuestions(this.documents, (q) => this.answer(q, { limit: 1 }).length > 0);
    const about = asked === undefined ? undefined : guard(asked, this.#options);
    if (!about?.trim()) return this.#suggestions.slice(0, count);
    const words = new Set(fold(about).match(/[\p{L}\p{N}]{3,}/gu) ?? []);
    const overlap = (q: string) => (fold(q).match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => words.has(w)).length;
    const related = this.#suggestions.map((q, i) => ({ q, i, n: overlap(q) })).sort((a, b) => b.n - a.n || a.i - b.i);
    return related
      .filter((r) => fold(r.q) !== fold(about.trim()))
      .map((r) => r.q)
      .slice(0, count);
  }

  stats(): CorpusStats {
    return {
      documents: this.documents.length,
      passages: this.#entries.length,
      sentences: this.#sentenceCount,
      quotes: this.documents.reduce((n, d) => n + d.quotes.length, 0),
    };
  }

  /** Every corpus term a concept may appear as, mapped to the concepts it serves. */
  #termMatches(query: Query): TermMatches {
    const matches: TermMatches = new Map();
    query.concepts.forEach((concept, index) => {
      for (const [term, weight] of concept.variants) {
        const id = this.#table.ids.get(term);
        if (id === undefined) continue;
        const list = matches.get(id) ?? [];
        list.push({ concept: index, weight });
        matches.set(id, list);
      }
    });
    return matches;
  }

  /** Every variant of every concept, weighted by the concept's IDF, for the candidate step. */
  #searchTerms(query: Query): WeightedTerm[] {
    const terms: WeightedTerm[] = [];
    const df = this.#vocabulary.df;
    query.concepts.forEach((concept, index) => {
      for (const [term, weight] of concept.variants) {
        terms.push({ term, df: df.get(term) ?? 0, weight: weight * concept.idf, concept: index });
      }
    });
    return terms;
  }

  /**
   * X's reported speech in article order: sentences attributed to X without a
   * direct quote, then sentences naming X with a speech verb ("X also stressed that ...").
   */
  #reportedOf(speaker: string, limit: number): Answer[] {
    const attributed: Answer[] = [];
    const mentioned: Answer[] = [];
    // "Ostrova also stressed that ...": the name, at most two words, then a speech verb.
    const saysSo = new RegExp(
      `\\b${escapeRegExp(surname(speaker))}(?:\\s+\\p{L}+){0,2}?\\s+(?:${alternation(SPEECH_VERBS)})\\b`,
      "iu",
    );
    for (const entry of this.#entries) {
      // Field by field: a Sentence is made only for an answer (see corpus/model.ts).
      const passage = entry.passage;
      for (let s = 0, count = sentenceCount(passage); s < count; s++) {
        if (sentenceQuoteId(passage, s) !== null) continue;
        const said = sentenceSpeaker(passage, s);
        if (said === speaker) attributed.push(toAnswer(entry, s, 0.9, 1));
        else if (said === null && mentionsOf(entry, s).includes(speaker) && saysSo.test(sentenceText(passage, s))) {
          mentioned.push({ ...toAnswer(entry, s, 0.8, 1), speaker });
        }
      }
      if (attributed.length >= limit) break;
    }
    return [...attributed, ...mentioned].slice(0, limit);
  }

  /** "What did X say?" with no topic: X's quotes in article order. */
  #quotesOf(speaker: string, limit: number): Answer[] {
    const answers: Answer[] = [];
    for (const id of this.#quotedIn.get(speaker) ?? []) {
      const entry = this.#entries[id]!;
      // The first sentence they speak in.
      let index = -1;
      for (let s = 0, count = sentenceCount(entry.passage); s < count && index < 0; s++) {
        if (sentenceSpeaker(entry.passage, s) === speaker) index = s;
      }
      if (index >= 0) answers.push(toAnswer(entry, index, 1 - answers.length * 0.01, 1));
      if (answers.length >= limit) break;
    }
    return answers;
  }
}

function toAnswer(entry: IndexedPassage, index: number, score: number, confidence: number): Answer {
  return answerAt(entry.document, entry.passage, index, score, confidence);
}

/** The answer that sentence `index` of `passage` gives: the one place an Answer is put together. */
function answerAt(
  document: Document,
  passage: Passage,
  index: number,
  score: number,
  confidence: number,
  kind: NonNullable<Answer["kind"]> = "answer",
): Answer {
  const sentence = sentenceAt(passage, index)!;
  const quote = sentence.quoteId ? (passage.quotes.find((q) => q.id === sentence.quoteId) ?? null) : null;
  return {
    document,
    section: passage.section,
    passage,
    sentence,
    speaker: sentence.speaker,
    quote,
    score: Math.round(score * 1000) / 1000,
    confidence: Math.round(confidence * 1000) / 1000,
    kind,
  };
}

/** The features of an answer that is certain by construction (a speaker's own quotes). */
const SURE: ConfidenceFeatures = {
  coverage: 1,
  own: 1,
  near: 1,
  missingSpecific: 0,
  specificAway: 0,
  typeFit: 1,
  strength: 1,
  maxMissing: 0,
  focusOwn: 1,
  margin: 1,
  unknown: 0,
  negation: 0,
  antonym: 0,
  brevity: 0,
  aligned: 1,
};

/** Answers without repeating a sentence, first kept. */
function dedupe(answers: Answer[]): Answer[] {
  const seen = new Set<string>();
  return answers.filter((a) => !seen.has(a.sentence.id) && (seen.add(a.sentence.id), true));
}

/** Surname word -> the person it names, over all documents (a later document's person wins). */
function surnamesOf(documents: readonly Document[]): Map<string, string> {
  const surnames = new Map<string, string>();
  for (const document of documents) {
    for (const person of document.people) {
      for (const word of fold(surname(person.name)).split(/[\s-]+/)) surnames.set(word, person.name);
    }
  }
  return surnames;
}
