/**
 * Hostile articles for the loader: each finding of issue 10 as a generator
 * that grows with `n`, so tests can check both a fixed budget at the size an
 * attacker would upload (`size`, within the 1 MB upload limit) and that the
 * cost grows linearly with n.
 */

export interface Pathological {
  name: string;
  /** File name in the data folder (its extension picks the parser). */
  file: string;
  /** The n the issue names (or one that makes a file near the upload limit). */
  size: number;
  /** n used by the growth test: small enough that 4n stays quick once linear. */
  growth: number;
  make: (n: number) => string;
}

/** Deterministic pseudo-random numbers, so every run builds the same article. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = [
  "river",
  "council",
  "harbour",
  "budget",
  "school",
  "winter",
  "market",
  "village",
  "report",
  "season",
  "bridge",
  "road",
  "plan",
  "people",
  "water",
  "museum",
];

/** Plain sentences of ordinary words, `count` of them, in one paragraph. */
function sentences(count: number, seed = 1): string {
  const next = random(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 8 + Math.floor(next() * 10) }, () => WORDS[Math.floor(next() * WORDS.length)]!);
    words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
    out.push(`${words.join(" ")}.`);
  }
  return out.join(" ");
}

/** Letters without repeats of short period, so the word is not trivially compressible. */
function longWord(n: number): string {
  const next = random(7);
  let word = "";
  for (let i = 0; i < n; i++) word += String.fromCharCode(97 + Math.floor(next() * 26));
  return word;
}

/** A distinct lower-case letter string per number ("a", "b", ..., "ba"). */
function letters(i: number): string {
  let out = "";
  do {
    out += String.fromCharCode(97 + (i % 26));
    i = Math.floor(i / 26);
  } while (i > 0);
  return out;
}

/** `n` lines of 200 marks drawn from `marks`. */
function punctuation(n: number, marks: string): string {
  const next = random(3);
  const lines: string[] = [];
  for (let i = 0; i < n; i++)
    lines.push(Array.from({ length: 200 }, () => marks[Math.floor(next() * marks.length)]).join(""));
  return lines.join("\n");
}

export const PATHOLOGICAL: readonly Pathological[] = [
  {
    name: "one 100,000-letter word",
    file: "long-word.txt",
    size: 100_000,
    growth: 100_000,
    make: (n) => `Intro sentence about the article.\n\n${longWord(n)}\n`,
  },
  {
    name: '"a" x2,000 in one paragraph',
    file: "quote-runs.txt",
    size: 2_000,
    growth: 1_000,
    make: (n) => `Opening line.\n\n${'"a" '.repeat(n)}\n`,
  },
  {
    name: "a Markdown heading padded with 4,000 spaces",
    file: "heading.md",
    size: 4_000,
    growth: 4_000,
    make: (n) => `# Title${" ".repeat(n)}x\n\n## Part${" ".repeat(n)}y #${" ".repeat(n)}z\n\nSome text here.\n`,
  },
  {
    name: "150 lines of punctuation",
    file: "punctuation.txt",
    size: 150,
    growth: 80,
    make: (n) => `Some text.\n\n${punctuation(n, `"“”,;:-()'*_`)}\n`,
  },
  {
    name: "150 lines of Markdown punctuation",
    file: "punctuation.md",
    size: 150,
    growth: 80,
    make: (n) => `Some text.\n\n${punctuation(n, `*_\`[]()!.?,;:"“”'‘’-#>~|\\< `)}\n`,
  },
  {
    name: '"Mr. " x40,000',
    file: "mister.txt",
    size: 40_000,
    growth: 10_000,
    make: (n) => `Opening line.\n\n${"Mr. ".repeat(n)}\n`,
  },
  {
    name: "a 400 KB paragraph of glued captions",
    file: "captions.txt",
    size: 5_500,
    growth: 1_000,
    make: (n) =>
      `Opening line.\n\n${Array.from({ length: n }, (_, i) => `The board met again. Photo credit: Akorda Press Service ${i} During talks`).join(" ")}\n`,
  },
  {
    name: "an ordinary 1 MB paragraph",
    file: "big-paragraph.txt",
    size: 12_000,
    growth: 1_000,
    make: (n) => `Opening line.\n\n${sentences(n)}\n`,
  },
  {
    name: "a long run of quotation marks",
    file: "quote-marks.txt",
    size: 200_000,
    growth: 20_000,
    make: (n) => `Opening line.\n\nHe said ${'"'.repeat(n)} and left.\n`,
  },
  {
    name: "opening quotes without closing ones",
    file: "open-quotes.txt",
    size: 20_000,
    growth: 2_000,
    make: (n) => `Opening line.\n\n${Array.from({ length: n }, () => "“Maybe so, Mr. Reyk said").join(". ")}.\n`,
  },
  {
    name: "thousands of distinct quoted people",
    file: "people.txt",
    size: 4_000,
    growth: 500,
    make: (n) =>
      `Opening line.\n\n${Array.from({ length: n }, (_, i) => `Minister of Finance Ka${letters(i)} Ro${letters(i * 7)} said: "We will build ${i} roads this year," he added. Ro${letters(i * 7)} noted the cost.`).join(" ")}\n`,
  },
  {
    name: "a long run of capitalised words",
    file: "capitals.txt",
    size: 100_000,
    growth: 10_000,
    make: (n) => {
      const next = random(5);
      const names = ["Alpha", "Bravo", "Charlie", "Delta", "Minister", "President", "Said", "Of", "The", "Van", "Mr."];
      return `Opening line.\n\n${Array.from({ length: n }, () => names[Math.floor(next() * names.length)]).join(" ")}\n`;
    },
  },
];
