/**
 * People named in an article, found where the article introduces them:
 * "President of Ruritania Elena Marsh" (title before the name),
 * "the Italian Ambassador to Georgia, Paolo Rinaldi" (name after a comma),
 * "Tomas Halvorsen, the President of Ruritania," (apposition after the name), or
 * "Jane Doe said" (a speech verb). Later mentions by surname or by role
 * ("the Ruritanian President") resolve to the same person.
 */
import {
  NON_NAME_WORDS,
  ORGANIZATION_WORDS,
  PERSON_NOUNS,
  PERSON_TITLES,
  PLACE_NOUNS,
  ROLE_CONNECTORS,
  SENTENCE_STARTERS,
  SPEECH_VERBS,
  ARTICLES,
  DETERMINERS,
} from "../language/lexicon.ts";
import { PARTICLE, TITLE_HEADS, TITLE_PARTS, isParticle, surname } from "../language/names.ts";
import { alternation } from "../language/regex.ts";
import type { Person } from "./types.ts";

/**
 * One capitalised name word: "Kassym-Jomart", "O'Brien", "McAllister", "Erdoğan".
 * Written so each letter can match one way only: an ambiguous pattern here
 * backtracks on every capitalised word of every article.
 */
const NAME_WORD = String.raw`\p{Lu}(?:['’]\p{Lu})?\p{Ll}[\p{L}'’]*(?:-\p{Lu}?\p{Ll}[\p{L}'’]*)*`;
const TITLES = alternation(PERSON_TITLES);
/** "the", "a" or "an" as a pattern source. */
const ARTICLE = `(?:${ARTICLES.join("|")})`;
const VERBS = alternation(SPEECH_VERBS);
const NAME_WORD_ONLY = new RegExp(`^${NAME_WORD}$`, "u");
/** How far past a title a name is looked for: a comma, three name words and what follows them. */
const NAME_SCAN = 200;
/** ", Paolo Rinaldi" then punctuation, a lower-case word, or the end: a name after a comma. */
const COMMA_NAME =
  /^,\s+((?:\p{Lu}[\p{L}'’-]+\s+){1,2}\p{Lu}[\p{L}'’-]+)(?=[,.;:!?)"”]|\s+\p{Ll}|$)(?!\s+(?:and|of|for|to)\b)/u;

/**
 * Every match below starts with a capital letter (titles are capitalised); the
 * leading `(?=\p{Lu})` lets the engine reject other offsets before the lookbehind.
 */
const CAPITAL = String.raw`(?=\p{Lu})`;
/** A title, optionally with an adjective before it ("Ruritanian Foreign Minister"). */
const TITLE = new RegExp(
  String.raw`${CAPITAL}(?<![\p{L}-])(?:(?<adj>\p{Lu}[\p{L}.]*)\s+)?(?<title>${TITLES})(?![\p{L}-])`,
  "gu",
);
/** Regexes below start at a capitalised word's first letter only: tried at every offset they cost the most. */
const WORD_START = String.raw`(?<![\p{L}\p{N}'’-])`;
const APPOSITION_AFTER = new RegExp(
  String.raw`${CAPITAL}${WORD_START}(?<name>${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)*${NAME_WORD}){1,3}),\s+(?:${ARTICLE}\s+)?(?<adj>${NAME_WORD}\s+)?(?<title>${TITLES})(?<place>\s+(?:of|for|to)\s+(?:the\s+)?\p{Lu}[\p{L}]*(?:\s+(?:of\s+|and\s+)?\p{Lu}[\p{L}]*)*)?`,
  "gu",
);
const SPEECH_AFTER_NAME = new RegExp(
  String.raw`${WORD_START}(?<name>${NAME_WORD}(?:\s+${NAME_WORD}){1,2})\s+(?:${VERBS})\b`,
  "gu",
);
const NAME_AFTER_SPEECH = new RegExp(
  String.raw`\b(?:${VERBS})\s+(?<name>${NAME_WORD}(?:\s+${NAME_WORD}){1,2})(?![\p{L}-])(?!\s+\p{Lu})`,
  "gu",
);

interface Word {
  text: string;
  start: number;
  end: number;
}

/** Finds the people an article introduces, merged by surname. */
export function findPeople(text: string): Person[] {
  const people = new Map<string, Person>();
  /** `introduced`: the name came with a title, so its extent is reliable. */
  const add = (rawName: string, role: string | null, introduced = true) => {
    const name = cleanName(rawName);
    if (!name) return;
    const key = surname(name).toLowerCase();
    const known = people.get(key);
    if (known) {
      // Keep the fullest form of the name the article introduces.
      if (introduced && name.split(/\s+/).length > known.name.split(/\s+/).length) known.name = name;
      if (role && !known.roles.includes(role)) known.roles.push(role);
      return;
    }
    people.set(key, { name, aliases: [], roles: role ? [role] : [] });
  };

  for (const match of text.matchAll(TITLE)) {
    const found = nameAfterTitle(text, match.index + match[0].length);
    if (!found) continue;
    const adjective = match.groups!.adj;
    add(found.name, roleOf(adjective, match.groups!.title!, found.place));
  }
  for (const match of text.matchAll(APPOSITION_AFTER)) {
    const groups = match.groups!;
    if (SENTENCE_STARTERS.has(groups.name!.split(/\s+/)[0]!) || !looksLikeName(groups.name!)) continue;
    add(groups.name!, roleOf(groups.adj, groups.title!, groups.place?.trim()));
  }
  for (const found of namedPeople(text)) add(found.name, found.role, true);
  for (const match of text.matchAll(SPEECH_AFTER_NAME)) {
    const name = match.groups!.name!;
    const before = /(\S+)\s+$/.exec(text.slice(Math.max(0, match.index - 40), match.index))?.[1] ?? "";
    // "the Ministry of Road and Transport Development announced" is no person.
    if (ROLE_CONNECTORS.has(before.toLowerCase()) || (/^\p{Lu}/u.test(before) && !/[.!?,;:"”]$/.test(before))) continue;
    if (SENTENCE_STARTERS.has(name.split(/\s+/)[0]!) || !looksLikeName(name)) continue;
    add(name, null, false);
  }
  for (const match of text.matchAll(NAME_AFTER_SPEECH)) {
    const name = match.groups!.name!;
    if (SENTENCE_STARTERS.has(name.split(/\s+/)[0]!) || !looksLikeName(name)) continue;
    add(name, null, false);
  }

  for (const person of people.values()) person.aliases = aliasesOf(person);
  return [...people.values()];
}

/** Two to four name words, with particles: "Marieke van der Berg", "Nguyen Thi Lan". */
const NAME_SPAN = new RegExp(
  String.raw`(?<![\p{L}'’-])${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)*${NAME_WORD}){1,3}(?![\p{L}-])`,
  "gu",
);
const SPEECH_NEXT = new RegExp(
  String.raw`^\s*(?:,\s*(?:\d{1,3}|who\b[^,]{0,80}),)?\s*(?:\p{Ll}+ly\s+)?(?:${VERBS})\b`,
  "u",
);
const SPEECH_BEFORE = new RegExp(String.raw`(?:\b(?:${VERBS})|\baccording to)\s*$`, "iu");
const DETERMINER_SET: ReadonlySet<string> = new Set(DETERMINERS);
const SPEECH_VERB_SET: ReadonlySet<string> = new Set(SPEECH_VERBS);
/** Where a role phrase read backwards from a name stops: "the", "of", "said", "by"... */
function endsRole(word: string): boolean {
  const lower = word.toLowerCase();
  return (
    DETERMINER_SET.has(lower) ||
    ROLE_CONNECTORS.has(lower) ||
    SPEECH_VERB_SET.has(lower) ||
    lower === "by" ||
    lower === "with"
  );
}

/**
 * People named without a formal title, recognised by what surrounds the name:
 * a role before it ("Chief executive Marieke van der Berg", "finance director
 * Kenji Watanabe"), an apposition after it ("Chioma Okafor-Hayes, a transport
 * analyst"), or speech ("Bekele said", "Rotich, 31, said") at this or a later
 * mention of the surname.
 */
function namedPeople(text: string): Array<{ name: string; role: string | null }> {
  const found: Array<{ name: string; role: string | null }> = [];
  let speakers: Set<string> | undefined;
  for (const match of text.matchAll(NAME_SPAN)) {
    let parts = match[0].split(/\s+/);
    let start = match.index;
    // "Ethiopia's Tigist Alemu Bekele": the name starts after the possessive.
    const possessive = parts.findLastIndex((w) => /['’]s$/.test(w));
    const dropFront = (n: number) => {
      parts = parts.slice(n);
      if (parts.length > 0) start = text.indexOf(parts[0]!, start + 1);
    };
    // "Ethiopia's Tigist Alemu Bekele": the place is a role ("the Ethiopian winner").
    const origin = possessive >= 0 ? parts.slice(0, possessive + 1).join(" ") : null;
    if (possessive >= 0) dropFront(possessive + 1);
    // "President of Ruritania Elena Marsh" is read by the title pass.
    if (/\b(?:of|to|for|from|in|at)\s+$/.test(text.slice(Math.max(0, start - 6), start))) continue;
    const notName = (w: string) =>
      SENTENCE_STARTERS.has(w) ||
      NON_NAME_WORDS.has(w) ||
      TITLE_HEADS.has(w) ||
      isTitleWord(w) ||
      PERSON_NOUNS.has(w.toLowerCase());
    while (parts.length > 0 && notName(parts[0]!)) {
      dropFront(1);
    }
    // "the Dutchman Pieter-Jan de Wit": a capitalised noun after "the" is no name.
    if (parts.length >= 3 && /\bthe\s+$/i.test(text.slice(Math.max(0, start - 5), start))) dropFront(1);
    const nameWords = parts.filter((w) => !isParticle(w));
    if (nameWords.length < 2 || parts.some(notName)) continue;
    const name = parts.join(" ");
    const end = start + name.length;
    const after = text.slice(end, end + 120);
    const role = roleBefore(text.slice(Math.max(0, start - 80), start)) ?? roleAfter(after) ?? origin;
    const speaks = SPEECH_NEXT.test(after) || SPEECH_BEFORE.test(text.slice(Math.max(0, start - 30), start));
    const titled = role !== null && role !== origin;
    if (titled || speaks || speaksLater((speakers ??= speakingWords(text)), parts)) found.push({ name, role });
  }
  return found;
}

/** "Chief executive ", "According to finance director ", "Her coach, the Dutchman " -> the role words. */
function roleBefore(before: string): string | null {
  const clause = before.split(/[.;:!?()"“”]/).pop() ?? "";
  const words = clause
    .replace(/,\s*$/, "")
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(-5);
  let i = words.length;
  while (i > 0 && /^[\p{L}-]+$/u.test(words[i - 1]!) && !endsRole(words[i - 1]!)) i--;
  const role = words.slice(i).filter((w) => !DETERMINER_SET.has(w.toLowerCase()));
  if (role.length > 0 && role.some(isRoleWord)) return role.join(" ");
  // "Chairman of the Barqi Tojik national utility Olimjon Saidzoda": a title a
  // few words back, joined to the name by a body's name.
  const wider = clause.replace(/,\s*$/, "").trim().split(/\s+/).filter(Boolean).slice(-9);
  const title = wider.findLastIndex((w) => TITLE_HEADS.has(w) || isTitleWord(w));
  if (title < 0) return null;
  const between = wider.slice(title + 1);
  // "Chairman of the" right before a capitalised run: the run is the body, not a person.
  if (!between.every((w) => /^[\p{L}'’&-]+$/u.test(w)) || between.every((w) => ROLE_CONNECTORS.has(w.toLowerCase())))
    return null;
  return wider.slice(title).join(" ");
}

function isRoleWord(word: string): boolean {
  return PERSON_NOUNS.has(word.toLowerCase()) || TITLE_HEADS.has(word);
}

const ROLE_AFTER = new RegExp(String.raw`^,\s+${ARTICLE}\s+((?:(?!\s(?:who|which|that)\s)[^,.;:()"“”]){2,60})`, "u");

/** ", a transport analyst at Kestrel Capital" -> "transport analyst at Kestrel Capital". */
function roleAfter(after: string): string | null {
  const match = ROLE_AFTER.exec(after);
  if (!match) return null;
  const words = match[1]!.trim().split(/\s+/);
  return words.some((w) => PERSON_NOUNS.has(w.toLowerCase())) ? match[1]!.trim() : null;
}

/**
 * Words that speak somewhere in the text, lower-cased: the word before a
 * speech verb ("Bekele said", "Rotich, 31, said", "Ndlovu-Mthembu, who ...,
 * said") or after one ("said Ruiz", "according to De Wit"). Read once per
 * document, so checking a name costs a set look-up.
 */
function speakingWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of text.matchAll(WORD_BEFORE_SPEECH)) words.add(match[1]!.toLowerCase());
  for (const match of text.matchAll(WORD_AFTER_SPEECH)) words.add(match[1]!.toLowerCase());
  return words;
}

const WORD_BEFORE_SPEECH = new RegExp(
  String.raw`${CAPITAL}${WORD_START}(\p{Lu}[\p{L}'’-]*)(?:,\s*(?:\d{1,3}|who\b[^,]{0,80}),)?\s+(?:\p{Ll}+ly\s+)?(?:${VERBS})\b`,
  "gu",
);
const WORD_AFTER_SPEECH = new RegExp(String.raw`\b(?:${VERBS}|according\s+to)\s+(\p{Lu}[\p{L}'’-]*)`, "giu");

/** The surname (or, for names written surname first, the first name word) speaks somewhere. */
function speaksLater(speakers: ReadonlySet<string>, parts: readonly string[]): boolean {
  const last = surname(parts.join(" ")).split(/\s+/);
  return [last[0]!, last.at(-1)!, parts[0]!].some((word) => speakers.has(word.toLowerCase()));
}

/**
 * Reads what follows a title: "of Foreign Affairs and Trade of Hungary Péter
 * Szijjártó" -> place "Foreign Affairs and Trade of Hungary", name "Péter
 * Szijjártó"; "Marsh" -> name only; "to Georgia, Paolo Rinaldi" -> both.
 */
function nameAfterTitle(text: string, from: number): { name: string; place?: string } | null {
  const run: Word[] = [];
  const pattern = /\s*([\p{L}&][\p{L}'’.&-]*)/uy;
  let at = from;
  for (;;) {
    // A comma continues a list of capitalised words ("of Investment, Industry and
    // Trade") unless a name follows it ("to Georgia, Paolo Rinaldi").
    const listComma = /^,\s+(?=\p{Lu})/u.exec(text.slice(at, at + 3));
    if (listComma && run.length > 0 && !COMMA_NAME.test(text.slice(at, at + NAME_SCAN))) at += listComma[0].length;
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) break;
    const word = match[1]!;
    const isCapital = /^\p{Lu}/u.test(word);
    if (isCapital && run.length > 0 && TITLE_HEADS.has(word)) break;
    if (!isCapital && !ROLE_CONNECTORS.has(word) && !PLACE_NOUNS.has(word)) break;
    if (!isCapital && run.length === 0 && !ROLE_CONNECTORS.has(word)) break;
    run.push({ text: word.replace(/['’]s$/, ""), start: match.index, end: pattern.lastIndex });
    at = pattern.lastIndex;
    if (/['’]s$/.test(word)) break;
  }
  while (run.length > 0 && !/^\p{Lu}/u.test(run.at(-1)!.text)) run.pop();
  const hasPlace = run.length > 0 && ROLE_CONNECTORS.has(run[0]!.text);

  // "... to Georgia, Paolo Rinaldi": the name follows a comma.
  const comma = COMMA_NAME.exec(text.slice(at, at + NAME_SCAN));
  if (hasPlace && comma && looksLikeName(comma[1]!)) return { name: comma[1]!, place: words(run) };
  if (run.length === 0) return null;
  // The name is the trailing run of name words, not crossing a connector or place noun.
  let nameStart = run.length;
  while (
    nameStart > 0 &&
    NAME_WORD_ONLY.test(run[nameStart - 1]!.text) &&
    !ORGANIZATION_WORDS.has(run[nameStart - 1]!.text)
  ) {
    nameStart--;
  }
  let nameWords = run.slice(nameStart);
  if (hasPlace) {
    // "of Uzbekistan Abdulla Aripov": right after a connector comes the place.
    if (nameStart > 0 && ROLE_CONNECTORS.has(run[nameStart - 1]!.text)) nameWords = nameWords.slice(1);
    if (nameWords.length > 3) nameWords = nameWords.slice(-2);
    // One capitalised word after "of the Barqi ..." is the end of a body's name, not a person.
    if (nameWords.length < 2) return null;
    return { name: words(nameWords), place: words(run.slice(0, run.length - nameWords.length)) };
  }
  if (nameStart !== 0 || nameWords.length === 0 || nameWords.length > 3) return null;
  return { name: words(nameWords) };
}

function words(list: readonly Word[]): string {
  return list.map((w) => w.text).join(" ");
}

/** Name words only, none of them an organisation word ("Development", "Bank"). */
function looksLikeName(name: string): boolean {
  const parts = name.trim().split(/\s+/);
  return parts.every((w) => !ORGANIZATION_WORDS.has(w)) && parts.some((w) => NAME_WORD_ONLY.test(w));
}

/**
 * "Ruritanian" + "Foreign Minister" + "of ..." -> "Ruritanian Foreign Minister". A bare
 * title ("President") says nothing about who is meant, so it is no role.
 */
function roleOf(adjective: string | undefined, title: string, place: string | undefined): string | null {
  let adj = adjective?.trim();
  if (adj && PERSON_TITLES.includes(`${adj} ${title}`)) {
    title = `${adj} ${title}`;
    adj = undefined;
  }
  if (adj && (SENTENCE_STARTERS.has(adj) || isTitleWord(adj))) adj = undefined;
  if (!adj && !place) return null;
  return [adj, title, place].filter(Boolean).join(" ");
}

/** Surname, full name, and each role. */
function aliasesOf(person: Person): string[] {
  const aliases = new Set<string>([person.name, surname(person.name)]);
  for (const role of person.roles) aliases.add(role);
  return [...aliases];
}

function cleanName(name: string): string {
  const parts = name.trim().split(/\s+/);
  // Drop a leading title word the name regex may have taken ("Minister Jane Doe").
  while (parts.length > 1 && isTitleWord(parts[0]!)) parts.shift();
  const result = parts.join(" ").replace(/['’]s$/, "");
  return result.length >= 2 ? result : "";
}

function isTitleWord(word: string): boolean {
  return TITLE_PARTS.has(word);
}
