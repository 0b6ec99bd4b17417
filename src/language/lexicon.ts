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
