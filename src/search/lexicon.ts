/**
 * Curated word lists for search (stop words, synonyms, phrase rewrites,
 * irregular forms), loaded from JSON and stemmed once. General English only.
 */
import stopwords from "./lexicon/stopwords.json" with { type: "json" };
import synonyms from "./lexicon/synonyms.json" with { type: "json" };

export const FUNCTION_WORDS: ReadonlySet<string> = new Set(stopwords.function);
export const QUESTION_WORDS: ReadonlySet<string> = new Set(stopwords.question);
/** Words that count half: usually determiners ("the two leaders"), rarely the topic. */
export const WEAK_WORDS: ReadonlySet<string> = new Set(stopwords.weak);
export const IRREGULAR: Readonly<Record<string, string>> = synonyms.irregular;
export const SYNONYM_GROUPS: readonly (readonly string[])[] = synonyms.groups;
export const PHRASES: Readonly<Record<string, string>> = synonyms.phrases;
/** Words for whoever leads ("president", "head", "chief"): they stand for a formal title in a question. */
export const LEADER_WORDS: readonly string[] = synonyms.leaders;
/** Loose groups of role words, for matching how a question names someone's role; the leader words are the first. */
export const ROLE_GROUPS: readonly (readonly string[])[] = [LEADER_WORDS, ...synonyms.roles];
