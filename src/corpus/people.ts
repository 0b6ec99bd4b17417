/**
 * People named in an article, found where the article introduces them:
 * "President of Kazakhstan Kassym-Jomart Tokayev" (title before the name),
 * "Ilham Aliyev, the President of Azerbaijan," (apposition after it), or
 * "Jane Doe said" (a speech verb). Later mentions by surname or by role
 * ("the Kazakh President") resolve to the same person.
 */
import { PERSON_TITLES, SENTENCE_STARTERS, SPEECH_VERBS, alternation } from "./lexicon.ts";
import type { Person } from "./types.ts";

/** One capitalised name word: "Kassym-Jomart", "O'Brien", "McAllister", "Erdoğan". */
const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’]*\p{Ll}[\p{L}'’]*(?:-\p{Lu}?[\p{Ll}'’]+)*`;
const PARTICLE = String.raw`(?:von|van|der|den|de|la|le|du|da|di|bin|ibn|al|el)`;
const NAME = String.raw`${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)*${NAME_WORD}){0,3}`;
const TITLES = alternation(PERSON_TITLES);
const VERBS = alternation(SPEECH_VERBS);
/** A capitalised run after "of": the place or body in a role ("of the Republic of Kazakhstan"). */
const PLACE = String.raw`(?:the\s+)?(?:${NAME_WORD}|\p{Lu}{2,})(?:\s+(?:of\s+)?(?:${NAME_WORD}|\p{Lu}{2,}))*`;

const TITLE_BEFORE = new RegExp(
  String.raw`(?<adj>${NAME_WORD}\s+)?(?<title>${TITLES})(?:\s+of\s+(?<place>${PLACE}))?\s+(?<name>${NAME})`,
  "gu",
);
const APPOSITION_AFTER = new RegExp(
  String.raw`(?<name>${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)*${NAME_WORD}){1,3}),\s+(?:the\s+|a\s+|an\s+)?(?<adj>${NAME_WORD}\s+)?(?<title>${TITLES})(?:\s+of\s+(?<place>${PLACE}))?`,
  "gu",
);
const SPEECH_AFTER_NAME = new RegExp(String.raw`(?<![Tt]he\s)(?<name>${NAME_WORD}(?:\s+${NAME_WORD}){1,2})\s+(?:${VERBS})\b`, "gu");
const NAME_AFTER_SPEECH = new RegExp(String.raw`\b(?:${VERBS})\s+(?<name>${NAME_WORD}(?:\s+${NAME_WORD}){1,2})\b`, "gu");

/** Finds the people an article introduces, merged by surname. */
export function findPeople(text: string): Person[] {
  const people = new Map<string, Person>();
  const add = (rawName: string, role: string | null) => {
    const name = cleanName(rawName);
    if (!name) return;
    const key = surname(name).toLowerCase();
    const known = people.get(key);
    if (known) {
      // Keep the fullest form of the name the article uses.
      if (name.split(/\s+/).length > known.name.split(/\s+/).length) known.name = name;
      if (role && !known.roles.includes(role)) known.roles.push(role);
      return;
    }
    people.set(key, { name, aliases: [], roles: role ? [role] : [] });
  };

  for (const match of text.matchAll(TITLE_BEFORE)) {
    const groups = match.groups!;
    let name = groups.name!;
    let place = groups.place?.trim();
    // "President of Kazakhstan Kassym-Jomart Tokayev": the place regex may have eaten the name.
    if (place) {
      const words = `${place} ${name}`.split(/\s+/);
      const nameWords = Math.min(2, words.length - 1);
      name = words.slice(words.length - nameWords).join(" ");
      place = words.slice(0, words.length - nameWords).join(" ");
      if (!place.replace(/^the\b/i, "").trim()) continue;
    }
    add(name, roleOf(groups.adj, groups.title!, place));
  }
  for (const match of text.matchAll(APPOSITION_AFTER)) {
    const groups = match.groups!;
    if (SENTENCE_STARTERS.has(groups.name!.split(/\s+/)[0]!)) continue;
    add(groups.name!, roleOf(groups.adj, groups.title!, groups.place?.trim()));
  }
  for (const pattern of [SPEECH_AFTER_NAME, NAME_AFTER_SPEECH]) {
    for (const match of text.matchAll(pattern)) {
      const name = match.groups!.name!;
      if (SENTENCE_STARTERS.has(name.split(/\s+/)[0]!)) continue;
      add(name, null);
    }
  }

  for (const person of people.values()) person.aliases = aliasesOf(person);
  return [...people.values()];
}

/** The last word of a name, the one articles use on second mention. */
export function surname(name: string): string {
  const match = new RegExp(String.raw`(?:${PARTICLE}\s+)*\S+$`, "u").exec(name.trim());
  return match ? match[0] : name;
}

/**
 * "Kazakh" + "Foreign Minister" + "of ..." -> "Kazakh Foreign Minister". A bare
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
  return [adj, title, place ? `of ${place}` : null].filter(Boolean).join(" ");
}

/** Surname, full name, and each role with and without "the". */
function aliasesOf(person: Person): string[] {
  const aliases = new Set<string>([person.name, surname(person.name)]);
  for (const role of person.roles) aliases.add(role);
  return [...aliases];
}

function cleanName(name: string): string {
  const words = name.trim().split(/\s+/);
  // Drop a leading title word the name regex may have taken ("Minister Jane Doe").
  while (words.length > 1 && isTitleWord(words[0]!)) words.shift();
  const result = words.join(" ").replace(/['’]s$/, "");
  return result.length >= 2 ? result : "";
}

function isTitleWord(word: string): boolean {
  return PERSON_TITLES.some((title) => title.split(/\s+/).includes(word));
}
