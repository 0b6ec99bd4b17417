/**
 * Finds which person a question means: by name, misspelt or not ("Marhs"),
 * or by role ("the Ruritanian president", "Ruritania's leader"), using the people
 * and roles the articles themselves introduced.
 *
 * Names and role words are indexed, so a look-up touches only the people who
 * could match, however many articles are loaded.
 */
import { PERSON_NOUNS, PRONOUNS } from "../language/lexicon.ts";
import { TITLE_HEADS_LOWER, surname } from "../language/names.ts";
import {
  MAX_TYPO_WORD_LENGTH,
  MIN_TYPO_LENGTH,
  isPrefixRelative,
  shortTypoFits,
  typoDistance,
} from "../language/words.ts";
import type { Document } from "../corpus/types.ts";
import { FUNCTION_WORDS, LEADER_WORDS, ROLE_GROUPS } from "./lexicon.ts";
import { fold, stem } from "./text.ts";
import { damerau, deletions, type Vocabulary } from "./vocabulary.ts";

/** Words that make a phrase a reference to a person: titles and nouns like "leader". */
const ROLE_WORDS = new Set([...PERSON_NOUNS, ...TITLE_HEADS_LOWER]);

/** Stem -> stems of the role words it may stand for ("head" -> president, prime, chief...). */
const ROLE_RELATIVES = (() => {
  const index = new Map<string, Set<string>>();
  for (const group of ROLE_GROUPS) {
    const stems = group.map((w) => stem(fold(w)));
    for (const s of stems) {
      const set = index.get(s) ?? new Set<string>();
      for (const other of stems) set.add(other);
      index.set(s, set);
    }
  }
  return index;
})();

/** Stems of formal titles ("prime", "minister", "governor") and of words for a leader ("head"). */
const TITLE_STEMS = new Set([...TITLE_HEADS_LOWER.map(stem), ...LEADER_WORDS.map((w) => stem(fold(w)))]);

export interface PersonMatch {
  /** Full name, or null when the phrase names nobody the articles know. */
  name: string | null;
  /** The phrase looked like a name or role (so an unknown one means "not in the article"). */
  namedSomeone: boolean;
}

/**
 * Per document (in the engine's order), its people as the index found them:
 * what a restart reads back instead of folding and stemming every role again.
 */
export type PeopleSnapshot = Entry[][];

interface Entry {
  name: string;
  nameWords: string[];
  roles: string[][];
  /** Stems of the person's article title and lead: what the article is about. */
  context: Set<string>;
}

export class PeopleIndex {
  readonly #entries: Entry[] = [];
  /** Name word -> people with that word in their name. */
  readonly #byNameWord = new Map<string, Entry[]>();
  /** A name word with one letter deleted -> the name words it came from (typo look-up). */
  readonly #nameDeletes = new Map<string, string[]>();
  /** Role stem -> people with that word in a role. */
  readonly #byRoleStem = new Map<string, Entry[]>();

  /** Each document's people as entries (all of them, also those an earlier document introduced): what `previous` reuses. */
  readonly #byDocument = new Map<Document, Entry[]>();

  /**
   * `previous`: an index over earlier documents, whose entries of the same
   * document objects are taken as they are (folding and stemming the roles is
   * most of the cost), or a snapshot of an index over these very documents
   * (`toSnapshot`); the tables are built again, in document order.
   */
  constructor(documents: Iterable<Document>, previous?: PeopleIndex | PeopleSnapshot) {
    const seen = new Set<string>();
    const saved = Array.isArray(previous) ? previous : undefined;
    const documentList = saved ? [...documents] : documents;
    if (saved && (saved.length !== (documentList as Document[]).length || !saved.every(isEntryList)))
      throw new Error("the people snapshot does not fit these documents");
    let n = 0;
    for (const document of documentList) {
      const entries =
        saved?.[n++] ??
        (previous instanceof PeopleIndex ? previous.#byDocument.get(document) : undefined) ??
        entriesOf(document);
      this.#byDocument.set(document, entries);
      for (const entry of entries) {
        if (seen.has(entry.name)) continue;
        seen.add(entry.name);
        this.#entries.push(entry);
        for (const word of new Set(entry.nameWords)) add(this.#byNameWord, word, entry);
        for (const roleStem of new Set(entry.roles.flat())) add(this.#byRoleStem, roleStem, entry);
      }
    }
    for (const word of this.#byNameWord.keys()) {
      if (word.length < MIN_TYPO_LENGTH) continue;
      for (const key of deletions(word)) add(this.#nameDeletes, key, word);
    }
  }

  /** Each of `documents`' people entries (the documents this index was made over, in its order). */
  toSnapshot(documents: readonly Document[]): PeopleSnapshot {
    return documents.map((document) => this.#byDocument.get(document) ?? entriesOf(document));
  }

  /** The person `phrase` refers to ("marhs", "the ruritanian leader", "mayor ruiz"). */
  match(phrase: string, vocabulary: Vocabulary): PersonMatch {
    const phraseWords = words(phrase);
    if (phraseWords.length === 0 || (phraseWords.length === 1 && PRONOUNS.has(phraseWords[0]!))) {
      return { name: null, namedSomeone: false };
    }
    // "mayor ruiz", "dr carvalho": titles are not part of the name.
    const nameWords = phraseWords.filter((w) => !ROLE_WORDS.has(w));
    const byName = this.#byName(nameWords);
    if (byName.length === 1) return { name: byName[0]!.name, namedSomeone: true };
    const byRole = this.#byRole(phraseWords, vocabulary);
    if (byRole.length === 1) return { name: byRole[0]!.name, namedSomeone: true };
    return { name: null, namedSomeone: byName.length === 0 && byRole.length === 0 };
  }

  /**
   * A person meant by a role phrase of two or more words, one of them a title
   * ("uzbek premier", "hungarian minister"); null if none or several fit.
   */
  byRole(phrase: string, vocabulary: Vocabulary): string | null {
    const phraseWords = words(phrase);
    // A title may come as a verb ("who heads ..."); other person words only as written ("researchers" is a group).
    if (phraseWords.length < 2 || !phraseWords.some((w) => ROLE_WORDS.has(w) || TITLE_STEMS.has(stem(w)))) return null;
    const matches = this.#byRole(phraseWords, vocabulary);
    return matches.length === 1 ? matches[0]!.name : null;
  }

  /** The phrase names a role or title ("the state governor", "experts"). */
  isRolePhrase(phrase: string): boolean {
    return words(phrase).some(isRoleWord);
  }

  /** Stems of the roles the articles give `name` ("President of Kazakhstan" -> president, kazakhstan), each once. */
  roleStemsOf(name: string): string[] {
    const entry = this.#entries.find((e) => e.name === name);
    return entry ? [...new Set(entry.roles.flat())] : [];
  }

  /** Search terms of a person's surname ("marsh"; "von der leyen" -> leyen...). */
  termsOf(name: string): string[] {
    return fold(surname(name))
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w && !FUNCTION_WORDS.has(w))
      .map(stem);
  }

  /** People whose name has every one of `nameWords`, each exactly or a typo away. */
  #byName(nameWords: readonly string[]): Entry[] {
    if (nameWords.length === 0) return [];
    let result: Entry[] | null = null;
    for (const word of nameWords) {
      const found = new Set<Entry>();
      for (const nameWord of this.#closeNameWords(word))
        for (const entry of this.#byNameWord.get(nameWord) ?? []) found.add(entry);
      result = result === null ? [...found] : result.filter((e) => found.has(e));
      if (result.length === 0) return [];
    }
    return result ?? [];
  }

  /** Name words equal to `word` or a typo away (SymSpell-style: deletions on both sides). */
  #closeNameWords(word: string): string[] {
    const out = new Set<string>();
    if (this.#byNameWord.has(word)) out.add(word);
    if (word.length < MIN_TYPO_LENGTH - 1 || word.length > MAX_TYPO_WORD_LENGTH) return [...out];
    const keys = [word, ...deletions(word)];
    // Long names may be two letters off ("halvrosen"): deletions of deletions too.
    if (typoDistance(word.length) === 2) for (const key of keys.slice(1)) keys.push(...deletions(key));
    for (const key of keys) {
      if (this.#byNameWord.has(key)) out.add(key);
      for (const candidate of this.#nameDeletes.get(key) ?? []) out.add(candidate);
    }
    return [...out].filter((candidate) => close(word, candidate));
  }

  /**
   * People whose role fits every word of the phrase; a qualifier may also fit
   * the person's article ("the Veldhaven chief executive": Veldhaven is in its
   * title), but at least one word must fit the role itself.
   */
  #byRole(phraseWords: readonly string[], vocabulary: Vocabulary): Entry[] {
    const stems = phraseWords.map(stem);
    const candidates = new Set<Entry>();
    for (const s of stems) {
      for (const roleStem of this.#relatedRoleStems(s, vocabulary)) {
        for (const entry of this.#byRoleStem.get(roleStem) ?? []) candidates.add(entry);
      }
    }
    // Title words ("prime", "minister", "head") must fit the role itself; only
    // qualifiers ("Veldhaven") may be found in the article instead.
    const isTitle = stems.map((s) => TITLE_STEMS.has(s));
    return [...candidates].filter((e) =>
      e.roles.some((role) => {
        const inRole = stems.map((s) => role.some((r) => relatedStem(s, r, vocabulary)));
        if (!inRole.some(Boolean)) return false;
        return stems.every(
          (s, i) =>
            inRole[i] ||
            (!isTitle[i] && (e.context.has(s) || [...e.context].some((c) => relatedStem(s, c, vocabulary)))),
        );
      }),
    );
  }

  /** Role stems in the index that `s` may stand for. */
  #relatedRoleStems(s: string, vocabulary: Vocabulary): string[] {
    const out: string[] = [];
    for (const roleStem of this.#byRoleStem.keys()) if (relatedStem(s, roleStem, vocabulary)) out.push(roleStem);
    return out;
  }
}

/** The entries of a document's people, each with the document's context. */
function entriesOf(document: Document): Entry[] {
  const lead = document.passages[0]?.sentences[0]?.text ?? "";
  const context = new Set(words(`${document.title} ${lead}`).map(stem));
  return document.people.map((person) => ({
    name: person.name,
    nameWords: fold(person.name).split(/[\s-]+/),
    roles: person.roles.map((role) => words(role).map(stem)),
    context,
  }));
}

/** Whether `value` is a list of entries as `entriesOf` makes them (a snapshot read back). */
function isEntryList(value: unknown): value is Entry[] {
  return (
    Array.isArray(value) &&
    value.every(
      (e: Partial<Entry>) =>
        typeof e?.name === "string" && Array.isArray(e.nameWords) && Array.isArray(e.roles) && e.context instanceof Set,
    )
  );
}

/** A title or a word for a person, also in the plural or as a verb ("heads", "experts"). */
function isRoleWord(word: string): boolean {
  return ROLE_WORDS.has(word) || ROLE_WORDS.has(word.replace(/s$/, ""));
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (list.at(-1) !== value) list.push(value);
  } else map.set(key, [value]);
}

function words(text: string): string[] {
  return fold(text)
    .replace(/'s\b/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !FUNCTION_WORDS.has(w));
}

/** Equal, or a typo away for names long enough to tell apart ("kel" may drop one letter of "kell"). */
function close(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < MIN_TYPO_LENGTH) return shortTypoFits(a, b) && damerau(a, b, 1) <= 1;
  if (b.length < MIN_TYPO_LENGTH) return false;
  return damerau(a, b, 2) <= typoDistance(Math.max(a.length, b.length));
}

/** Same stem, demonym-like prefix ("ruritanian"/"ruritania"), a synonym, or a role relative ("head"/"prime"). */
function relatedStem(a: string, b: string, vocabulary: Vocabulary): boolean {
  if (a === b) return true;
  if (isPrefixRelative(a, b)) return true;
  return vocabulary.synonymsOf(a).includes(b) || (ROLE_RELATIVES.get(a)?.has(b) ?? false);
}
