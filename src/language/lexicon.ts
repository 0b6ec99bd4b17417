/**
 * English word lists for the parser and the search engine, kept as JSON
 * (english.json) so they can be extended without touching code. Nothing here
 * is about a particular article.
 */
import english from "./english.json" with { type: "json" };

export const SPEECH_VERBS: readonly string[] = english.speechVerbs;
export const ATTRIBUTION_PREPOSITIONS: readonly string[] = english.attributionPrepositions;
export const PERSON_TITLES: readonly string[] = english.personTitles;
export const ABBREVIATIONS: ReadonlySet<string> = new Set(english.abbreviations);
export const CAPTION_MARKERS: readonly string[] = english.captionMarkers;
export const SENTENCE_STARTERS: ReadonlySet<string> = new Set(english.sentenceStarters);

export const ROLE_CONNECTORS: ReadonlySet<string> = new Set(english.roleConnectors);
export const PLACE_NOUNS: ReadonlySet<string> = new Set(english.placeNouns);
export const ORGANIZATION_WORDS: ReadonlySet<string> = new Set(english.organizationWords);
export const PERSON_NOUNS: ReadonlySet<string> = new Set(english.personNouns);
/** Month names, lower-case ("january"). */
const MONTH_NAMES: readonly string[] = english.months;
/** Capitalised words that are never part of a person's name (months, places, institutions). */
export const NON_NAME_WORDS: ReadonlySet<string> = new Set([
  ...english.nonNameWords,
  ...english.organizationWords,
  ...MONTH_NAMES.map((m) => m.charAt(0).toUpperCase() + m.slice(1)),
]);
/** Base and other forms questions use ("what did X say"), beside SPEECH_VERBS. */
export const QUESTION_SPEECH_VERBS: readonly string[] = [...english.speechVerbsInQuestions, ...english.speechVerbs];
/** What a question asks of a person ("what did X say / think / mean / do"): a capitalised word the corpus lacks is then someone it does not cover. */
export const PERSON_QUESTION_VERBS: readonly string[] = english.personQuestionVerbs;
/** Question words ("what", "who", "how"), lower-case. */
export const INTERROGATIVES: readonly string[] = english.interrogatives;
/** A pronoun's forms by grammatical case. */
export type PronounCases = Readonly<{
  subject: readonly string[];
  object: readonly string[];
  possessive: readonly string[];
}>;
/** Third-person singular pronouns by case; "her" is both object and possessive. */
export const PRONOUN_CASES: PronounCases = english.personalPronouns;
/** Pronouns that refer back to one person ("he said", "his words"), every case. */
export const PERSONAL_PRONOUNS: ReadonlySet<string> = new Set(Object.values(english.personalPronouns).flat());
/** "they"/"them": in a follow-up question they may stand for the last speaker; in an article they name no one person. */
export const NEUTRAL_PRONOUNS: PronounCases = english.neutralPronouns;
/** Every pronoun, lower-case: a phrase that is only a pronoun names no one by itself. */
export const PRONOUNS: ReadonlySet<string> = new Set([
  ...PERSONAL_PRONOUNS,
  ...Object.values(english.neutralPronouns).flat(),
  ...english.otherPronouns,
]);
/** "the", "a", "an". */
export const ARTICLES: readonly string[] = english.articles;
/** Words that open a noun phrase ("the", "his"): never the end of a name or role phrase. */
export const DETERMINERS: readonly string[] = [...english.articles, ...english.determiners];
/** Lower-case words inside names ("van der Berg", "bin Salman"), and those also written capitalised. */
export const NAME_PARTICLES: readonly string[] = [...english.nameParticles, ...english.nameParticlesCapitalised];
/** Month names and their abbreviations, lower-case. */
export const MONTHS: readonly string[] = [...MONTH_NAMES, ...english.monthAbbreviations];
/** Words that place something in time ("monday", "spring", "ago"), lower-case, months and years aside. */
export const TIME_WORDS: readonly string[] = [...english.weekdays, ...english.seasons, ...english.timeWords];
/** Words and phrases that give a reason or purpose ("because", "in order to"), lower-case. */
export const REASON_CUES: readonly string[] = english.reasonCues;
/** Words that state a quantity ("million", "twice", "per cent"), lower-case. */
export const AMOUNT_WORDS: readonly string[] = english.amountWords;
