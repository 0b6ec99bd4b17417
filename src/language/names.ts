/**
 * How English text names people: particles inside names, surnames, and the
 * words of formal titles in the three forms the parser and the search use.
 */
import { NAME_PARTICLES, PERSON_TITLES } from "./lexicon.ts";

/** A name particle as a pattern source ("von", "De", "bin"). */
export const PARTICLE = `(?:${NAME_PARTICLES.join("|")})`;
const PARTICLE_ONLY = new RegExp(`^${PARTICLE}$`, "u");

/** True for a particle word ("van", "De"): part of a name, not a name word. */
export function isParticle(word: string): boolean {
  return PARTICLE_ONLY.test(word);
}

const SURNAME = new RegExp(String.raw`(?<!\S)(?:${PARTICLE}\s+)*\S+$`, "u");

/** The last word of a name (with its particles), the one articles use on second mention. */
export function surname(name: string): string {
  const match = SURNAME.exec(name.trim());
  return match ? match[0] : name;
}

/** Head words of titles as written ("Minister", "Vice-Rector"): where a new title starts in a run of capitals. */
export const TITLE_HEADS: ReadonlySet<string> = new Set(
  PERSON_TITLES.map((t) => t.split(/\s+/).at(-1)!).filter((w) => /^\p{Lu}/u.test(w)),
);

/** Every word of every title as written ("Prime", "Minister", "Vice-Rector"). */
export const TITLE_PARTS: ReadonlySet<string> = new Set(PERSON_TITLES.flatMap((title) => title.split(/\s+/)));

/** Every word of every title, lower-case, without dots, hyphenated words split ("vice", "rector", "dr"). */
export const TITLE_PARTS_LOWER: ReadonlySet<string> = new Set(
  PERSON_TITLES.flatMap((t) =>
    t
      .toLowerCase()
      .replace(/\./g, "")
      .split(/[\s-]+/),
  ),
);

/** Head word of each title, lower-case, without dots ("minister", "rector"): the word a question names a role by. */
export const TITLE_HEADS_LOWER: readonly string[] = PERSON_TITLES.map((t) =>
  t
    .toLowerCase()
    .replace(/\./g, "")
    .split(/[\s-]+/)
    .at(-1)!,
);
