/**
 * Resolves how an article refers to a speaker ("Marsh", "he", "the Ruritanian
 * Ambassador") to the full name of a person it introduced.
 */
import { ARTICLES, PERSONAL_PRONOUNS, PERSON_NOUNS, PRONOUNS } from "../language/lexicon.ts";
import { TITLE_PARTS_LOWER, surname } from "../language/names.ts";
import { isPrefixRelative } from "../language/words.ts";
import { lowerBound } from "../util/sorted.ts";
import type { Person } from "./types.ts";

const ARTICLE_SET: ReadonlySet<string> = new Set(ARTICLES);

interface Mention {
  at: number;
  person: Person;
}

/**
 * Look-ups are indexed (name words, surnames, mentions per person) and role
 * look-ups cached per phrase, so resolving costs the same whether an article
 * names five people or five thousand (a hostile one can).
 */
export class SpeakerResolver {
  readonly #people: Person[];
  readonly #names: ReadonlySet<string>;
  readonly #mentions: Mention[];
  /** Mention offsets per person, ascending. */
  readonly #mentionsOf = new Map<Person, number[]>();
  /** Lower-case name word -> people with it, and each person's lower-case name words and surname. */
  readonly #byNameWord = new Map<string, Person[]>();
  readonly #bySurname = new Map<string, Person[]>();
  readonly #nameWords = new Map<Person, string[]>();
  readonly #position = new Map<Person, number>();
  readonly #byRole = new Map<string, Person[]>();

  /** `text` is the whole document; offsets passed to `resolve` index into it. */
  constructor(people: Person[], text: string) {
    this.#people = people;
    this.#names = new Set(people.map((p) => p.name));
    this.#mentions = findMentions(people, text);
    for (const mention of this.#mentions) {
      const list = this.#mentionsOf.get(mention.person) ?? [];
      list.push(mention.at);
      this.#mentionsOf.set(mention.person, list);
    }
    for (const [i, person] of people.entries()) {
      this.#position.set(person, i);
      const words = person.name.toLowerCase().split(/[\s]+/);
      this.#nameWords.set(person, words);
      for (const word of new Set(words)) push(this.#byNameWord, word, person);
      push(this.#bySurname, surname(person.name).toLowerCase(), person);
    }
  }

  get people(): readonly Person[] {
    return this.#people;
  }

  /** True when `name` is the full name of a person the article introduced. */
  knows(name: string): boolean {
    return this.#names.has(name);
  }

  /** The person meant by `phrase` at document offset `at`, or a new name, or null. */
  resolve(phrase: string, at: number): string | null {
    const words = phrase
      .replace(/['’]s\b/g, "")
      .split(/\s+/)
      .filter((w) => w && !ARTICLE_SET.has(w.toLowerCase()));
    if (words.length === 0) return null;
    const lower = words.map((w) => w.toLowerCase().replace(/\./g, ""));

    if (lower.length === 1 && PERSONAL_PRONOUNS.has(lower[0]!)) return this.#lastMentioned(at, this.#people);
    // "they", "we", "it": no one person.
    if (lower.length === 1 && PRONOUNS.has(lower[0]!)) return null;

    // "Dr. Inês Carvalho", "Mayor Ruiz": the title is not part of the name.
    if (lower.length > 1 && TITLE_PARTS_LOWER.has(lower[0]!) && /^\p{Lu}/u.test(words[1]!)) {
      const rest = words.slice(1).join(" ");
      const named = this.resolve(rest, at);
      if (named) return named;
    }
    const byName = this.#byName(lower);
    if (byName.length === 1) return byName[0]!.name;
    if (byName.length > 1) return this.#lastMentioned(at, byName);

    if (lower.some((w) => TITLE_PARTS_LOWER.has(w) || PERSON_NOUNS.has(w))) {
      const candidates = this.#byRoleWords(lower);
      return candidates.length > 0 ? this.#lastMentioned(at, candidates) : null;
    }
    // A capitalised name the article did not introduce with a title: keep it as written.
    if (words.every((w) => /^\p{Lu}/u.test(w))) return words.join(" ");
    return null;
  }

  /** People whose name has every word of the phrase, or whose surname it is, in article order. */
  #byName(lower: readonly string[]): Person[] {
    const found = new Set<Person>();
    for (const person of this.#byNameWord.get(lower[0]!) ?? []) {
      const nameWords = this.#nameWords.get(person)!;
      if (lower.every((w) => nameWords.includes(w))) found.add(person);
    }
    for (const person of this.#bySurname.get(lower.join(" ")) ?? []) found.add(person);
    return [...found].sort((a, b) => this.#position.get(a)! - this.#position.get(b)!);
  }

  /** People a role phrase may mean ("the Ruritanian President"), computed once per phrase. */
  #byRoleWords(lower: readonly string[]): readonly Person[] {
    const key = lower.join(" ");
    let candidates = this.#byRole.get(key);
    if (!candidates) {
      const byRole = this.#people.filter((p) => p.roles.some((role) => roleMatches(lower, role)));
      candidates = byRole.length > 0 ? byRole : this.#people.filter((p) => p.roles.some((r) => sharesTitle(lower, r)));
      // "the diplomat", "the guest": whoever of the people was mentioned last.
      if (candidates.length === 0 && lower.length === 1) candidates = this.#people;
      this.#byRole.set(key, candidates);
    }
    return candidates;
  }

  #lastMentioned(at: number, among: readonly Person[]): string | null {
    // Few people: the last mention of each, by binary search in its own list.
    if (among.length <= 32) {
      let best: Person | null = null;
      let bestAt = -1;
      for (const person of among) {
        const list = this.#mentionsOf.get(person) ?? [];
        const before = lowerBound(list, at) - 1;
        if (before >= 0 && list[before]! > bestAt) {
          bestAt = list[before]!;
          best = person;
        }
      }
      if (best) return best.name;
      return among.length === 1 ? among[0]!.name : null;
    }
    const wanted = among === this.#people ? null : new Set(among);
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
      if (!wanted || wanted.has(mention.person)) return mention.person.name;
    }
    return among.length === 1 ? among[0]!.name : null;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Letter runs and single other characters: how names are matched word by word. */
const TOKEN = /\p{L}+|[^\p{L}]/gu;
const LETTER = /\p{L}/u;
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
 * The text is scanned by character codes, not by a regex match per token: a
 * match object for every space and comma was most of the cost.
 */
function findMentions(people: readonly Person[], text: string): Mention[] {
  const root: TrieNode = { next: new Map(), people: [] };
  /** First letter and length of every first word: most words of the text are rejected by these two numbers. */
  const firsts = new Set<number>();
  for (const person of people) {
    for (const name of new Set([person.name, surname(person.name), ...person.roles])) {
      if (!/^\p{L}/u.test(name)) continue;
      let node = root;
      for (const [token] of name.matchAll(TOKEN)) {
        if (node === root) firsts.add(wordKey(token.charCodeAt(0), token.length));
        let child = node.next.get(token);
        if (!child) node.next.set(token, (child = { next: new Map(), people: [] }));
        node = child;
      }
      if (!node.people.includes(person) && node.people.length < MAX_PEOPLE_PER_PHRASE) node.people.push(person);
    }
  }
  const mentions: Mention[] = [];
  for (let at = 0; at < text.length;) {
    const end = letterRunEnd(text, at);
    if (end === at) {
      at += unitLength(text, at);
      continue;
    }
    let node = firsts.has(wordKey(text.charCodeAt(at), end - at)) ? root.next.get(text.slice(at, end)) : undefined;
    const seen = new Set<Person>();
    for (let from = end; node;) {
      for (const person of node.people) {
        if (seen.has(person)) continue;
        seen.add(person);
        mentions.push({ at, person });
      }
      if (from >= text.length) break;
      const to = letterRunEnd(text, from);
      const next = to > from ? to : from + unitLength(text, from);
      node = node.next.get(text.slice(from, next));
      from = next;
    }
    at = end;
  }
  return mentions;
}

function wordKey(firstCode: number, length: number): number {
  return firstCode * 64 + Math.min(length, 63);
}

/** End of the run of letters starting at `at` (`at` itself when no letter is there). */
function letterRunEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    if (code < 0x80) {
      const lower = code | 32;
      if (lower < 97 || lower > 122) break;
      end++;
      continue;
    }
    const units = unitLength(text, end);
    if (!LETTER.test(text.slice(end, end + units))) break;
    end += units;
  }
  return end;
}

/** Code units of the code point at `at` (2 for a surrogate pair). */
function unitLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdbff) return 1;
  const low = text.charCodeAt(at + 1);
  return low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
}

/** Every word of the phrase is a word of the role, allowing a demonym for its country ("Ruritanian" for "Ruritania"). */
function roleMatches(phraseWords: readonly string[], role: string): boolean {
  const roleWords = role
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w !== "of" && w !== "the");
  return phraseWords.every((w) => roleWords.some((r) => related(w, r)));
}

function sharesTitle(phraseWords: readonly string[], role: string): boolean {
  const roleWords = role.toLowerCase().split(/[\s-]+/);
  return phraseWords.some((w) => TITLE_PARTS_LOWER.has(w) && roleWords.includes(w));
}

/** Same word, or one is a prefix of the other covering most of it (language/words.ts: a demonym and its country). */
function related(a: string, b: string): boolean {
  return a === b || isPrefixRelative(a, b);
}
