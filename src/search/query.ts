/**
 * Question analysis: what is asked about (weighted concepts with their
 * spelling variants), what kind of answer is wanted, and whether the question
 * asks for someone's words ("What did X say about Y?", "Who said Y?").
 */
import { ARTICLES, DETERMINERS, PERSON_QUESTION_VERBS, QUESTION_SPEECH_VERBS } from "../language/lexicon.ts";
import { alternation } from "../language/regex.ts";
import { type AnswerType, questionType } from "./answerType.ts";
import { englishRarity, isEnglishWord } from "./dictionary.ts";
import { FUNCTION_WORDS, PHRASES, QUESTION_WORDS, WEAK_WORDS } from "./lexicon.ts";
import type { PeopleIndex } from "./people.ts";
import { type Token, type WordCache, fold, isQuestionWord, tokenize } from "./text.ts";
import { DEFAULT_OPTIONS, type QuestionOptions } from "./options.ts";
import { damerau, type Vocabulary } from "./vocabulary.ts";
import { isGeneralHypernym, wordnetHypernyms } from "./wordnet.ts";

/** One thing the question is about, and every corpus term that may express it. */
export interface Concept {
  word: string;
  /** Corpus term -> weight of a match on it (1 for the word itself). */
  variants: Map<string, number>;
  /** Importance: the IDF of the word, or of its best stand-in; high when unknown. */
  idf: number;
  /** Nothing in the corpus matches this word. */
  unknown: boolean;
  /** Only a word one WordNet step more general matches (the articles never use this word or a variant of it). */
  indirect: boolean;
  /** A number or year: an answer that lacks it is about something else. */
  numeric: boolean;
  /** A name or number: a specific detail an answer must share (SQuAD's decoys change exactly these). */
  specific: boolean;
}

/**
 * Longest question an engine with the default options reads (DEFAULT_OPTIONS.maxQuestionLength);
 * the bot cuts and warns at the same length.
 */
export const MAX_QUESTION_LENGTH = DEFAULT_OPTIONS.maxQuestionLength;

/** The options question analysis reads. */
export type AnalyzeOptions = Pick<
  QuestionOptions,
  "unknownWeight" | "unknownCommonWeight" | "weakWordShare" | "minConceptIdf"
>;

export type Intent = "fact" | "whoSaid" | "speakerSaid";

export interface Query {
  question: string;
  type: AnswerType;
  intent: Intent;
  /** Full name of the person whose words are asked for (intent speakerSaid). */
  speaker: string | null;
  /** The question names a person the corpus does not know. */
  unknownPerson: boolean;
  /** Full name of the person a "Who is X?" question asks about (a later "he" means them). */
  person?: string;
  concepts: Concept[];
  /**
   * The concept the question asks about ("the population of X", "which
   * organisation"), if it can tell: an answer should name it, not just the
   * things around it.
   */
  focus: number | null;
  /**
   * The question as searched after typo correction ("lighthuose" -> "lighthouse"),
   * only when a correction changed a word; for "Showing results for ...".
   */
  corrected?: string;
}

/** PHRASES with their patterns, compiled once (global patterns: `replace` resets their lastIndex). */
const PHRASE_PATTERNS = Object.entries(PHRASES).map(([phrase, replacement]) => ({
  phrase,
  pattern: new RegExp(`\\b${phrase}\\b`, "g"),
  replacement,
}));

/** Speech verbs in any form a question uses ("say", "said", "pointed out"). */
const SAY = `(?:${alternation(QUESTION_SPEECH_VERBS)})`;
/** Whatever follows the verb is the topic ("about" may be misspelt: the stop list drops it). */
const TOPIC = String.raw`(?:\s+(?<topic>.*))?$`;
/** A speaker phrase does not end in a determiner ("the state ..." is not "the" + verb "state"). */
const NOT_DETERMINER = String.raw`(?<!\b(?:${DETERMINERS.join("|")}))`;
const SPEAKER_PATTERNS = [
  new RegExp(
    String.raw`\b(?:what|how|why)\s+(?:did|does|do|has|had|is|was|would|will|could)\s+(?<who>.+?)${NOT_DETERMINER}\s+(?:have\s+to\s+|had\s+to\s+)?${SAY}\b(?:\s+(?:that|anything|something))?${TOPIC}`,
    "u",
  ),
  new RegExp(
    String.raw`\b(?:did|does|has)\s+(?<who>.+?)${NOT_DETERMINER}\s+${SAY}\b\s*(?:anything|something)?${TOPIC}`,
    "u",
  ),
  new RegExp(
    String.raw`^(?<who>.+?)'s\s+(?:words|quotes?|comments?|remarks?|statements?|views?|opinions?|thoughts?|position)${TOPIC}`,
    "u",
  ),
  new RegExp(
    String.raw`\b(?:quotes?|words|statements?|remarks?|comments?)\s+(?:from|by|of)\s+(?<who>.+?)(?:\s+(?:about|on|regarding|concerning)\s+(?<topic>.*))?$`,
    "u",
  ),
  new RegExp(String.raw`^according\s+to\s+(?<who>[^,]+?),\s*(?<topic>.*)$`, "u"),
];
const WHO_SAID = new RegExp(
  String.raw`^(?:who|which\s+(?:\w+\s+)?(?:leader|president|person|official|minister|side|one))\s+(?:\w+\s+){0,2}?${SAY}\b|^whose\s+words\b|^who\s+is\s+quoted\b`,
  "u",
);

/** Reads a question (already guarded by the engine: options.ts maxQuestionLength, maxWordLength) against the corpus vocabulary and the people it knows. */
export function analyze(
  text: string,
  vocabulary: Vocabulary,
  people: PeopleIndex,
  options: AnalyzeOptions,
  cache?: WordCache,
): Query {
  let folded = fold(text)
    .replace(/[^\p{L}\p{N}\s'.,-]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (const { phrase, pattern, replacement } of PHRASE_PATTERNS) {
    if (folded.includes(phrase)) folded = folded.replace(pattern, replacement);
  }
  // "g 20" / "g-20" as the articles write it ("G20", "G 20" both index as "g20").
  folded = folded.replace(/\b(\p{L}{1,6})[ -](\d{1,3})\b(?![.,]\d)/gu, (all, letters: string, digits: string) =>
    vocabulary.has(letters + digits) ? letters + digits : all,
  );
  const type = questionType(folded);
  let intent: Intent = WHO_SAID.test(folded) ? "whoSaid" : "fact";
  let speaker: string | null = null;
  let unknownPerson = false;
  let about = folded;

  if (intent === "fact") {
    for (const pattern of SPEAKER_PATTERNS) {
      const groups = pattern.exec(folded)?.groups;
      if (!groups?.who) continue;
      const match = people.match(groups.who, vocabulary);
      if (match.name) {
        intent = "speakerSaid";
        speaker = match.name;
        about = groups.topic ?? "";
      } else if (
        match.namedSomeone &&
        ((looksLikeName(text, groups.who, vocabulary) && !mentioned(groups.who, vocabulary)) ||
          people.isRolePhrase(groups.who))
      ) {
        unknownPerson = true;
      }
      break;
    }
  }

  const fixes = new Map<string, string>();
  const concepts = conceptsOf(about, text, vocabulary, people, intent !== "fact", options, cache, fixes);
  // A capitalised word the corpus has never seen is a name it does not cover.
  for (const concept of concepts) {
    // ("the English": a common English word written with a capital is not a name.)
    if (concept.unknown && isCapitalised(text, concept.word) && englishRarity(concept.word) === 1) {
      unknownPerson ||= ASKS_OF_PERSON.test(folded);
    }
  }
  // "Who is Tokayev?" asks who the person is: the sentence that introduces them by their role answers it.
  const who = intent === "fact" ? WHO_IS.exec(folded)?.groups?.who : undefined;
  const named = who ? people.match(who, vocabulary).name : null;
  if (named) concepts.push(...roleConcepts(named, concepts, people, vocabulary));
  const focus = focusOf(folded, concepts);
  if (focus !== null && concepts[focus]!.indirect) concepts[focus] = unstepped(concepts[focus]!);
  const query: Query = {
    question: text,
    type,
    intent,
    speaker,
    unknownPerson,
    concepts,
    focus,
  };
  if (named) query.person = named;
  const corrected = applyCorrections(text, fixes);
  if (corrected !== text) query.corrected = corrected;
  return query;
}

/** `text` with each corrected word replaced, keeping a leading capital. */
function applyCorrections(text: string, fixes: ReadonlyMap<string, string>): string {
  if (fixes.size === 0) return text;
  return text.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const fix = fixes.get(fold(word));
    if (fix === undefined) return word;
    return /^\p{Lu}/u.test(word) ? fix.charAt(0).toUpperCase() + fix.slice(1) : fix;
  });
}

/** "What did X say / think / mean / do": asks about a person. */
const ASKS_OF_PERSON = new RegExp(String.raw`\b(?:${PERSON_QUESTION_VERBS.join("|")})\b`, "u");

/** "the", "a" or "an". */
const ARTICLE = `(?:${ARTICLES.join("|")})`;
const NOUN_PHRASE = String.raw`(?<np>[\p{L}\p{N}' -]+?)`;
const FOCUS_PATTERNS = [
  new RegExp(
    String.raw`^(?:what|which|who)\s+(?:is|are|was|were|will\s+be|would\s+be)\s+${ARTICLE}\s+${NOUN_PHRASE}\s+(?:of|in|on|at|for|from|between|to|by|along|under|after|during)\b`,
    "u",
  ),
  new RegExp(String.raw`^(?:what|which|who)\s+(?:is|are|was|were)\s+${ARTICLE}\s+${NOUN_PHRASE}$`, "u"),
  new RegExp(String.raw`^what\s+(?:will|would|is|was)\s+${ARTICLE}\s+${NOUN_PHRASE}\s+be\b`, "u"),
  // "What did the two leaders discuss?": the closing verb is what is asked about.
  new RegExp(
    String.raw`^what\s+(?:did|does|do|will|would|could|should|can|has|have|had)\s+.+?\s+(?<np>[\p{L}-]+)(?:\s+(?:on|about|for|to|with|in|at|from|by|of))?$`,
    "u",
  ),
];

/** The head noun of what is asked for, as an index into `concepts`. */
function focusOf(folded: string, concepts: readonly Concept[]): number | null {
  const question = folded.replace(/[?.!,]+$/, "").trim();
  for (const pattern of FOCUS_PATTERNS) {
    const np = pattern.exec(question)?.groups?.np;
    if (!np) continue;
    const head = np.trim().split(/\s+/).at(-1)!;
    const index = concepts.findIndex((c) => c.word === head || c.word.split("-").includes(head));
    return index >= 0 ? index : null;
  }
  return null;
}

const DIGIT = /\d/;
/** "say"/"said" are stop words already; what remains is "quote" itself. */
const QUOTING = /^(?:say|said|quot)/;
/** What joins the words of one name ("Sainshand–Baruun-Urt", folded). */
const JOINER = /^[-/]$/;

function conceptsOf(
  text: string,
  original: string,
  vocabulary: Vocabulary,
  people: PeopleIndex,
  speech: boolean,
  options: AnalyzeOptions,
  cache?: WordCache,
  fixes?: Map<string, string>,
): Concept[] {
  const tokens = tokenize(text, cache).filter((token) => {
    if (token.stop || isQuestionWord(token.word)) return false;
    if (token.word.length < 2 && !DIGIT.test(token.word)) return false;
    // "say"/"said" are stop words already; what remains is "quote" itself ("what did X quote", "quotes from X").
    return !(speech && QUOTING.test(token.term));
  });
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length;) {
    // "the Ruritanian premier": a person named by role is a concept matched by their surname.
    const person = personAt(tokens, i, people, vocabulary);
    if (person) {
      concepts.push(person.concept);
      i += person.length;
      continue;
    }
    // "Sainshand–Baruun-Urt": words joined by hyphens name one thing.
    let j = i + 1;
    while (j < tokens.length && JOINER.test(text.slice(tokens[j - 1]!.end, tokens[j]!.start))) j++;
    const group = tokens.slice(i, j);
    i = j;
    // A compound of common words ("vice-chair") asks for each of them; a named one ("Baruun-Urt") is one thing.
    const parts =
      group.length > 1 && group.every((t) => vocabulary.has(t.term) && !isCapitalised(original, t.word))
        ? group.map((t) => [t])
        : [group];
    for (const part of parts) {
      const key = part.map((t) => t.term).join("-");
      if (seen.has(key)) continue;
      seen.add(key);
      const concept = conceptOf(part, original, vocabulary, options, fixes);
      if (concept) concepts.push(concept);
    }
  }
  return concepts;
}

/** One concept from one word or a hyphenated compound. */
function conceptOf(
  group: readonly Token[],
  original: string,
  vocabulary: Vocabulary,
  options: AnalyzeOptions,
  fixes?: Map<string, string>,
): Concept | null {
  const weights = vocabulary.weights;
  const variants = new Map<string, number>();
  const add = (term: string, weight: number) => {
    if (weight > (variants.get(term) ?? 0)) variants.set(term, weight);
  };
  let idf = 0;
  const absent: string[] = [];
  for (const token of group) {
    const before = variants.size;
    if (vocabulary.has(token.term)) {
      add(token.term, weights.exact);
      idf = Math.max(idf, vocabulary.idf(token.term));
    } else {
      for (const v of vocabulary.expansion(token.word)) add(v.term, v.weight);
      // A real English word the articles do not use is not a typo of one they do ("cold" is not "hold").
      if (variants.size === before && !isEnglishWord(token.word)) {
        const corrections = vocabulary.corrections(token.word);
        for (const v of corrections) add(v.term, v.weight);
        // Shown as the corpus's commonest word among the closest ones.
        const shown = corrections
          .filter((v) => v.word)
          .sort((a, b) => (vocabulary.df.get(b.term) ?? 0) - (vocabulary.df.get(a.term) ?? 0))[0];
        if (shown?.word) fixes?.set(token.word, shown.word);
      }
    }
    for (const v of vocabulary.synonyms(token.term)) add(v.term, v.weight);
    for (const v of vocabulary.related(token.term)) add(v.term, v.weight);
    for (const v of vocabulary.relatives(token.term)) add(v.term, v.weight);
    // (A name the articles do not have is another thing, not a more general one.)
    if (!vocabulary.has(token.term) && !isCapitalised(original, token.word)) absent.push(token.term);
    // A typo of a stop word ("abot", "wich") is still a stop word.
    const englishWord = vocabulary.synonymsOf(token.term).length > 0;
    if (
      group.length === 1 &&
      variants.size === 0 &&
      !englishWord &&
      !isCapitalised(original, token.word) &&
      isTypoOfStop(token.word)
    ) {
      return null;
    }
  }
  // Nothing else matched: a word one WordNet step more general may be the one the articles use.
  const indirect = variants.size === 0 && addWordnetSteps(absent, vocabulary, add);
  const unknown = variants.size === 0;
  // A word the articles never use weighs by how telling it is in general English: "signed" little, "Crimea" a lot
  // (also when it reaches theirs through WordNet: the step says nothing about how telling it is).
  if (unknown || indirect) {
    const rarity = Math.max(...group.map((t) => englishRarity(t.word)));
    idf =
      vocabulary.unknownIdf *
      options.unknownWeight *
      (options.unknownCommonWeight + (1 - options.unknownCommonWeight) * rarity);
  } else if (idf === 0) idf = Math.max(...[...variants.keys()].map((t) => vocabulary.idf(t)));
  const word = group.map((t) => t.word).join("-");
  if (group.length === 1 && WEAK_WORDS.has(word)) idf *= options.weakWordShare;
  const numeric = DIGIT.test(word);
  return {
    word,
    variants,
    idf: Math.max(idf, options.minConceptIdf),
    unknown,
    indirect,
    numeric,
    specific: numeric || group.some((t) => isCapitalised(original, t.word)),
  };
}

/**
 * The concept without its WordNet steps: what a question asks for ("the population of X") is
 * not answered by a sentence that only says something more general ("people").
 */
function unstepped(concept: Concept): Concept {
  return { ...concept, variants: new Map(), unknown: true, indirect: false };
}

/**
 * Words the articles never use reach theirs one WordNet step more general (a
 * direct hypernym in a common sense: "present" -> gift): only those the corpus
 * has and that are not too general (wordnet.ts isGeneralHypernym), at `wordnetStep` weight (options.ts). True when one was found. Not the
 * other way (hyponyms): on the SQuAD slice they matched the very words its
 * unanswerable questions swap in, and the confidence's AUC dropped.
 */
function addWordnetSteps(
  terms: readonly string[],
  vocabulary: Vocabulary,
  add: (term: string, weight: number) => void,
): boolean {
  const weight = vocabulary.weights.wordnetStep;
  let added = false;
  if (weight <= 0) return added;
  for (const term of terms) {
    for (const other of wordnetHypernyms(term)) {
      if (!vocabulary.has(other) || isGeneralHypernym(other)) continue;
      add(other, weight);
      added = true;
    }
  }
  return added;
}

/** "who is X", "who was X" (folded, without the question mark). */
const WHO_IS = /^who\s+(?:is|was)\s+(?<who>[^,]+?)\s*$/u;

/** A concept for each word of the person's roles that the question does not hold already. */
function roleConcepts(
  name: string,
  concepts: readonly Concept[],
  people: PeopleIndex,
  vocabulary: Vocabulary,
): Concept[] {
  const out: Concept[] = [];
  for (const term of people.roleStemsOf(name)) {
    if (!vocabulary.has(term) || concepts.some((c) => c.variants.has(term))) continue;
    const variants = new Map([[term, vocabulary.weights.roleWord]]);
    out.push({
      word: term,
      variants,
      idf: vocabulary.idf(term),
      unknown: false,
      indirect: false,
      numeric: false,
      specific: false,
    });
  }
  return out;
}

/** A person referred to by role in 2–3 consecutive words starting at `i`. */
function personAt(
  tokens: readonly Token[],
  i: number,
  people: PeopleIndex,
  vocabulary: Vocabulary,
): { concept: Concept; length: number } | null {
  for (const length of [3, 2]) {
    if (i + length > tokens.length) continue;
    const window = tokens.slice(i, i + length);
    const name = people.byRole(window.map((t) => t.word).join(" "), vocabulary);
    if (!name) continue;
    const variants = new Map<string, number>();
    const weights = vocabulary.weights;
    for (const term of people.termsOf(name)) if (vocabulary.has(term)) variants.set(term, weights.exact);
    if (variants.size === 0) continue;
    for (const token of window) {
      for (const v of [...vocabulary.synonyms(token.term), ...vocabulary.relatives(token.term)]) {
        if (!variants.has(v.term)) variants.set(v.term, weights.roleWord);
      }
      if (vocabulary.has(token.term) && !variants.has(token.term)) variants.set(token.term, weights.roleWord);
    }
    const idf = Math.max(
      ...people
        .termsOf(name)
        .filter((t) => vocabulary.has(t))
        .map((t) => vocabulary.idf(t)),
    );
    return {
      concept: { word: name, variants, idf, unknown: false, indirect: false, numeric: false, specific: false },
      length,
    };
  }
  return null;
}

const STOP_LIST = [...FUNCTION_WORDS, ...QUESTION_WORDS].filter((w) => w.length >= 3 && !w.includes("'"));

/** "wat", "abot", "wich": a misspelt stop word, not a topic. */
function isTypoOfStop(word: string): boolean {
  if (word.length < 3 || word.length > 6) return false;
  return STOP_LIST.some((stop) => damerau(word, stop, 1) <= 1);
}

/** The articles use one of the phrase's words: someone they mention, even if not as a speaker ("Watt"). */
function mentioned(phrase: string, vocabulary: Vocabulary): boolean {
  // An acronym of a name they use ("the UN" for "United Nations") counts.
  return tokenize(phrase).some((t) => !t.stop && (vocabulary.has(t.term) || vocabulary.expansion(t.word).length > 0));
}

/** A phrase names someone if it is written with capitals, or none of its words are the corpus'. */
function looksLikeName(original: string, phrase: string, vocabulary: Vocabulary): boolean {
  const words = tokenize(phrase).filter((t) => !t.stop);
  return (
    words.length > 0 &&
    (words.some((w) => isCapitalised(original, w.word)) || words.every((w) => !vocabulary.has(w.term)))
  );
}

/** The word is written with a capital somewhere other than the question's first word. */
function isCapitalised(original: string, word: string): boolean {
  return capitalisedIn(original).has(word);
}

const WORD = /[\p{L}\p{N}]+/gu;
const CAPITAL = /^\p{Lu}/u;

/**
 * The words of `original` written with a capital somewhere other than its start, folded: read
 * once per question (analysis asks about each of its words, several times), kept for the last one.
 */
let capitalised: { original: string; words: ReadonlySet<string> } | null = null;

function capitalisedIn(original: string): ReadonlySet<string> {
  if (capitalised?.original !== original) {
    const words = new Set<string>();
    for (const match of original.matchAll(WORD)) {
      if (match.index !== 0 && CAPITAL.test(match[0])) words.add(fold(match[0]));
    }
    capitalised = { original, words };
  }
  return capitalised.words;
}
