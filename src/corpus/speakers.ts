/**
 * Resolves how an article refers to a speaker ("Tokayev", "he", "the Kazakh
 * President") to the full name of a person it introduced.
 */
import { surname } from "./people.ts";
import { PERSON_NOUNS, PERSON_TITLES, escapeRegExp } from "./lexicon.ts";
import type { Person } from "./types.ts";

const PRONOUNS = new Set(["he", "she", "him", "her", "his"]);
const TITLE_WORDS = new Set(PERSON_TITLES.flatMap((t) => t.toLowerCase().replace(/\./g, "").split(/[\s-]+/)));

interface Mention {
  at: number;
  person: Person;
}

export class SpeakerResolver {
  readonly #people: Person[];
  readonly #mentions: Mention[];

  /** `text` is the whole document; offsets passed to `resolve` index into it. */
  constructor(people: Person[], text: string) {
    this.#people = people;
    this.#mentions = [];
    for (const person of people) {
      const names = [person.name, surname(person.name), ...person.roles].map(escapeRegExp);
      const pattern = new RegExp(`(?<![\\p{L}])(?:${names.join("|")})(?![\\p{L}])`, "gu");
      for (const match of text.matchAll(pattern)) this.#mentions.push({ at: match.index, person });
    }
    this.#mentions.sort((a, b) => a.at - b.at);
  }

  get people(): readonly Person[] {
    return this.#people;
  }

  /** The person meant by `phrase` at document offset `at`, or a new name, or null. */
  resolve(phrase: string, at: number): string | null {
    const words = phrase
      .replace(/['’]s\b/g, "")
      .split(/\s+/)
      .filter((w) => w && !/^(the|a|an)$/i.test(w));
    if (words.length === 0) return null;
    const lower = words.map((w) => w.toLowerCase().replace(/\./g, ""));

    if (lower.length === 1 && PRONOUNS.has(lower[0]!)) return this.#lastMentioned(at, this.#people);
    if (/^(i|we|they|it|you)$/.test(lower.join(" "))) return null;

    // "Dr. Inês Carvalho", "Mayor Ruiz": the title is not part of the name.
    if (lower.length > 1 && TITLE_WORDS.has(lower[0]!) && /^\p{Lu}/u.test(words[1]!)) {
      const rest = words.slice(1).join(" ");
      const named = this.resolve(rest, at);
      if (named) return named;
    }
    const byName = this.#people.filter((p) => {
      const nameWords = p.name.toLowerCase().split(/[\s]+/);
      return lower.every((w) => nameWords.includes(w)) || lower.join(" ") === surname(p.name).toLowerCase();
    });
    if (byName.length === 1) return byName[0]!.name;
    if (byName.length > 1) return this.#lastMentioned(at, byName);

    if (lower.some((w) => TITLE_WORDS.has(w) || PERSON_NOUNS.has(w))) {
      const byRole = this.#people.filter((p) => p.roles.some((role) => roleMatches(lower, role)));
      let candidates = byRole.length > 0 ? byRole : this.#people.filter((p) => p.roles.some((r) => sharesTitle(lower, r)));
      // "the diplomat", "the guest": whoever of the people was mentioned last.
      if (candidates.length === 0 && lower.length === 1) candidates = this.#people;
      return candidates.length > 0 ? this.#lastMentioned(at, candidates) : null;
    }
    // A capitalised name the article did not introduce with a title: keep it as written.
    if (words.every((w) => /^\p{Lu}/u.test(w))) return words.join(" ");
    return null;
  }

  #lastMentioned(at: number, among: readonly Person[]): string | null {
    for (let i = this.#mentions.length - 1; i >= 0; i--) {
      const mention = this.#mentions[i]!;
      if (mention.at < at && among.includes(mention.person)) return mention.person.name;
    }
    return among.length === 1 ? among[0]!.name : null;
  }
}

/** Every word of the phrase is a word of the role, allowing "Kazakh" for "Kazakhstan". */
export function roleMatches(phraseWords: readonly string[], role: string): boolean {
  const roleWords = role.toLowerCase().split(/[\s-]+/).filter((w) => w !== "of" && w !== "the");
  return phraseWords.every((w) => roleWords.some((r) => related(w, r)));
}

function sharesTitle(phraseWords: readonly string[], role: string): boolean {
  const roleWords = role.toLowerCase().split(/[\s-]+/);
  return phraseWords.some((w) => TITLE_WORDS.has(w) && roleWords.includes(w));
}

/** Same word, or one is a prefix of the other covering most of it (demonyms: kazakh/kazakhstan). */
export function related(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short) && short.length >= long.length * 0.5;
}
