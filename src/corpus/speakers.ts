/**
 * Resolves how an article refers to a speaker ("Tokayev", "he", "the Kazakh
 * President") to the full name of a person it introduced.
 */
import { PERSONAL_PRONOUNS, PERSON_NOUNS } from "../language/lexicon.ts";
import { TITLE_PARTS_LOWER, surname } from "../language/names.ts";
import { isPrefixRelative } from "../language/words.ts";
import type { Person } from "./types.ts";


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
    this.#mentions = findMentions(people, text);
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

    if (lower.length === 1 && PERSONAL_PRONOUNS.has(lower[0]!)) return this.#lastMentioned(at, this.#people);
    if (/^(i|we|they|it|you)$/.test(lower.join(" "))) return null;

    // "Dr. Inês Carvalho", "Mayor Ruiz": the title is not part of the name.
    if (lower.length > 1 && TITLE_PARTS_LOWER.has(lower[0]!) && /^\p{Lu}/u.test(words[1]!)) {
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

    if (lower.some((w) => TITLE_PARTS_LOWER.has(w) || PERSON_NOUNS.has(w))) {
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
    const wanted = new Set(among);
    // Binary search for the last mention before `at`, then walk back: the walk
    // stops at the first wanted person, and most walks are short.
    let lo = 0;
    let hi = this.#mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#mentions[mid]!.at < at) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) {
      const mention = this.#mentions[i]!;
      if (wanted.has(mention.person)) return mention.person.name;
    }
    return among.length === 1 ? among[0]!.name : null;
  }
}

/** Letter runs and single other characters: how names are matched word by word. */
const TOKEN = /\p{L}+|[^\p{L}]/gu;
/** A phrase shared by more people than this (a common role) tells no one apart. */
const MAX_PEOPLE_PER_PHRASE = 16;

interface TrieNode {
  next: Map<string, TrieNode>;
  people: Person[];
}

/**
 * Where each person is named (by full name, surname or role), in text order.
 * The names form a trie of tokens walked from each word of the text, so the
 * cost is the text's length times the words of a name, not length x people.
 */
function findMentions(people: readonly Person[], text: string): Mention[] {
  const root: TrieNode = { next: new Map(), people: [] };
  for (const person of people) {
    for (const name of new Set([person.name, surname(person.name), ...person.roles])) {
      if (!/^\p{L}/u.test(name)) continue;
      let node = root;
      for (const [token] of name.matchAll(TOKEN)) {
        let child = node.next.get(token);
        if (!child) node.next.set(token, (child = { next: new Map(), people: [] }));
        node = child;
      }
      if (!node.people.includes(person) && node.people.length < MAX_PEOPLE_PER_PHRASE) node.people.push(person);
    }
  }
  const tokens = [...text.matchAll(TOKEN)];
  const mentions: Mention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let node = root.next.get(tokens[i]![0]);
    if (!node) continue;
    const at = tokens[i]!.index;
    const seen = new Set<Person>();
    for (let j = i + 1; node; j++) {
      for (const person of node.people) {
        if (seen.has(person)) continue;
        seen.add(person);
        mentions.push({ at, person });
      }
      node = j < tokens.length ? node.next.get(tokens[j]![0]) : undefined;
    }
  }
  return mentions;
}

/** Every word of the phrase is a word of the role, allowing "Kazakh" for "Kazakhstan". */
export function roleMatches(phraseWords: readonly string[], role: string): boolean {
  const roleWords = role.toLowerCase().split(/[\s-]+/).filter((w) => w !== "of" && w !== "the");
  return phraseWords.every((w) => roleWords.some((r) => related(w, r)));
}

function sharesTitle(phraseWords: readonly string[], role: string): boolean {
  const roleWords = role.toLowerCase().split(/[\s-]+/);
  return phraseWords.some((w) => TITLE_PARTS_LOWER.has(w) && roleWords.includes(w));
}

/** Same word, or one is a prefix of the other covering most of it (demonyms: kazakh/kazakhstan). */
function related(a: string, b: string): boolean {
  return a === b || isPrefixRelative(a, b);
}
