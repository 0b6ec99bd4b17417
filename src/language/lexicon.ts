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
/** Capitalised words that are never part of a person's name (months, places, institutions). */
export const NON_NAME_WORDS: ReadonlySet<string> = new Set([...english.nonNameWords, ...english.organizationWords]);
/** Base and other forms questions use ("what did X say"), beside SPEECH_VERBS. */
export const QUESTION_SPEECH_VERBS: readonly string[] = [...english.speechVerbsInQuestions, ...english.speechVerbs];
/** Pronouns that refer back to a person ("he said"). */
export const PERSONAL_PRONOUNS: ReadonlySet<string> = new Set(english.personalPronouns);
/** Words that open a noun phrase ("the", "his"): never the end of a name or role phrase. */
export const DETERMINERS: readonly string[] = english.determiners;
/** Lower-case words inside names ("van der Berg", "bin Salman"), and those also written capitalised. */
export const NAME_PARTICLES: readonly string[] = [...english.nameParticles, ...english.nameParticlesCapitalised];
/** Month names and their abbreviations, lower-case. */
export const MONTHS: readonly string[] = english.months;
/** Words that state a quantity ("million", "twice", "per cent"), lower-case. */
export const AMOUNT_WORDS: readonly string[] = english.amountWords;
