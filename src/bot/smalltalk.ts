/**
 * Small talk: greetings, thanks, acknowledgements, emoji, "help", "who are
 * you" are conversation, not questions — they get a short friendly reply,
 * never a passage and never "the article does not say". The phrases are data
 * (lexicon/smalltalk.json); this file only matches them.
 */
import lexicon from "./lexicon/smalltalk.json" with { type: "json" };

export type SmallTalk = "greeting" | "thanks" | "ack" | "farewell" | "help" | "identity" | "emoji";

const KINDS = ["greeting", "thanks", "ack", "farewell", "help", "identity"] as const;

/** Phrase -> kind, phrases as word lists (longest first, for greedy matching). */
const PHRASES: Array<{ words: string[]; kind: SmallTalk }> = KINDS.flatMap((kind) =>
  lexicon[kind].map((phrase) => ({ words: words(phrase), kind })),
).sort((a, b) => b.words.length - a.words.length);

/** Longest message worth checking: small talk is short. */
const MAX_LENGTH = 60;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}'\s]+/gu, " ")
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter((w) => w !== "");
}

/**
 * The kind of small talk `text` is, or null when it may be a question. A
 * message counts only when it is made entirely of known phrases ("ok thanks!",
 * "hi 👋"), so "thanks, and what did he say about trade?" is still a question.
 */
export function smallTalk(text: string): SmallTalk | null {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.length > MAX_LENGTH) return null;
  const ws = words(trimmed);
  if (ws.length === 0) return /\p{Extended_Pictographic}|\p{Emoji_Presentation}/u.test(trimmed) ? "emoji" : null;
  const kinds: SmallTalk[] = [];
  let i = 0;
  while (i < ws.length) {
    const hit = PHRASES.find((p) => p.words.every((w, k) => ws[i + k] === w));
    if (!hit) return null;
    kinds.push(hit.kind);
    i += hit.words.length;
  }
  // "ok thanks" is thanks; "hi, who are you" is identity: the most telling kind wins.
  for (const kind of ["help", "identity", "thanks", "farewell", "greeting", "ack"] as const)
    if (kinds.includes(kind)) return kind;
  return null;
}
