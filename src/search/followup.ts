/**
 * Follow-up questions: a short question that only makes sense after the
 * previous one ("What else did he say?", "And Halvorsen?", "Tell me more",
 * "Why?") is rewritten into a question that stands alone, using the
 * conversation's context. Pure: the engine decides what to do with the result.
 */
import {
  DETERMINERS,
  INTERROGATIVES,
  NEUTRAL_PRONOUNS,
  PRONOUN_CASES,
  QUESTION_SPEECH_VERBS,
} from "../language/lexicon.ts";
import { alternation } from "../language/regex.ts";
import type { AnswerContext } from "./types.ts";

export type FollowUp =
  /** More of the same document after what was shown ("Tell me more"). */
  | { kind: "more"; documentId: string }
  /** More words of the same speaker, skipping what was shown ("What else did he say?"). */
  | { kind: "speaker"; speaker: string; topic: string }
  /** A standalone question to answer instead; `documentId` when it should stay in the same document. */
  | { kind: "question"; question: string; documentId: string | null };

const MORE =
  /^(?:(?:please\s+)?tell\s+me\s+more|more(?:\s+(?:please|details?|info(?:rmation)?))?|go\s+on|continue|keep\s+going|and\s+then|then\s+what|what\s+else|anything\s+else|elaborate|expand(?:\s+on\s+that)?|details?|more\s+on\s+(?:that|this)|what\s+happened\s+next|and)$/u;
/** A pronoun that can stand for the last speaker ("he", "her", "they"). */
const SPEAKER_PRONOUN = `(?:${[...PRONOUN_CASES.subject, ...PRONOUN_CASES.object, ...NEUTRAL_PRONOUNS.subject, ...NEUTRAL_PRONOUNS.object].join("|")})`;
const SPEAKER_ELSE = new RegExp(
  String.raw`^what\s+else\s+(?:did|does|has|had)\s+${SPEAKER_PRONOUN}\s+(?:${alternation(QUESTION_SPEECH_VERBS)})(?:\s+(?:about|on)(?:\s+(?<topic>.+))?)?$`,
  "u",
);
const AND_X = /^(?:and|what\s+about|how\s+about|and\s+what\s+about|same\s+for|and\s+for)\s+(?<x>.+)$/u;
const BARE_WH =
  /^(?<wh>why|how|when|where|who|how\s+much|how\s+many|what\s+for|since\s+when|how\s+so|in\s+what\s+way)$/u;
const PERSONAL = new RegExp(
  String.raw`\b(?:${[...new Set([...PRONOUN_CASES.subject, ...PRONOUN_CASES.object, ...PRONOUN_CASES.possessive])].join("|")})\b`,
  "u",
);
/** "his"/"hers": always possessive; "her" only before a word; "he"/"him" (and "her" otherwise) stand for the name. */
const POSSESSIVE_ONLY = new RegExp(
  String.raw`\b(?:${PRONOUN_CASES.possessive.filter((p) => !PRONOUN_CASES.object.includes(p)).join("|")})\b`,
  "giu",
);
const POSSESSIVE_OR_OBJECT = new RegExp(
  String.raw`\b(?:${PRONOUN_CASES.possessive.filter((p) => PRONOUN_CASES.object.includes(p)).join("|")})\b(?=\s+\p{L})`,
  "giu",
);
const SUBJECT_OR_OBJECT = new RegExp(
  String.raw`\b(?:${[...PRONOUN_CASES.subject, ...PRONOUN_CASES.object].join("|")})\b`,
  "giu",
);
/** A question word and the auxiliary after it ("what did", "where was"). */
const WH_START = new RegExp(
  String.raw`^\s*(?:${INTERROGATIVES.join("|")})\s+(?:(?:is|are|was|were|did|does|do|has|have|had)\s+)?`,
  "iu",
);

/** The follow-up `question` makes after `context`, or null when it stands alone. */
export function resolveFollowUp(question: string, context: AnswerContext | undefined): FollowUp | null {
  if (!context) return null;
  const text = question.trim().replace(/\s+/g, " ");
  const folded = text
    .toLowerCase()
    .replace(/[?!.,]+$/u, "")
    .trim();
  if (folded === "") return null;
  if (MORE.test(folded)) return { kind: "more", documentId: context.documentId };

  const speakerElse = SPEAKER_ELSE.exec(folded);
  if (speakerElse) {
    if (context.speaker) return { kind: "speaker", speaker: context.speaker, topic: speakerElse.groups?.topic ?? "" };
    return { kind: "more", documentId: context.documentId };
  }

  const bare = BARE_WH.exec(folded);
  if (bare) {
    const wh = bare
      .groups!.wh!.replace(/^how so$|^in what way$/u, "how")
      .replace(/^what for$/u, "why")
      .replace(/^since when$/u, "when");
    const about = context.topic.join(" ") || stripWh(context.question);
    return { kind: "question", question: `${capitalise(wh)} ${about}?`, documentId: context.documentId };
  }

  const and = AND_X.exec(folded);
  if (and) {
    const x = text
      .replace(/[?!.]+$/u, "")
      .slice(
        text.length -
          text.replace(/^\s*(?:and\s+what\s+about|what\s+about|how\s+about|same\s+for|and\s+for|and)\s+/iu, "").length,
      )
      .trim();
    // A name takes the place of the previous question's name; anything else takes the place of its
    // topic, keeping its frame ("How much did the bridge cost?" + "and the ferry?"), in the same document.
    if (!/\p{Lu}/u.test(x))
      return {
        kind: "question",
        question: reframe(context.question, x) ?? `What about ${x}?`,
        documentId: context.documentId,
      };
    return { kind: "question", question: substitute(context.question, x), documentId: null };
  }

  // "What did he say about X?", "Where was she born?": the pronoun is the previous speaker.
  if (context.speaker && PERSONAL.test(folded) && text.split(/\s+/).length <= 12) {
    const name = context.speaker;
    const rewritten = text
      .replace(POSSESSIVE_ONLY, `${name}'s`)
      .replace(POSSESSIVE_OR_OBJECT, `${name}'s`)
      .replace(SUBJECT_OR_OBJECT, name);
    return { kind: "question", question: rewritten, documentId: null };
  }
  return null;
}

/**
 * "And X?" after a question: X takes the place of the last name the previous
 * question used (a capitalised run not at its start), or is added to it.
 */
export function substitute(previous: string, x: string): string {
  const body = previous.replace(/[?!.]+\s*$/u, "");
  const words = body.split(/\s+/);
  let end = -1;
  for (let i = words.length - 1; i >= 1; i--) {
    if (/^\p{Lu}/u.test(words[i]!)) {
      end = i;
      break;
    }
  }
  if (end < 0) return `${body} ${x}?`;
  let start = end;
  while (start - 1 >= 1 && /^\p{Lu}/u.test(words[start - 1]!)) start--;
  const possessive = /'s$/u.test(words[end]!) ? "'s" : "";
  const trailing = words[end]!.match(/[,;:]$/u)?.[0] ?? "";
  words.splice(start, end - start + 1, x + possessive + trailing);
  return `${words.join(" ")}?`;
}

const DETERMINER = new RegExp(`^(?:${DETERMINERS.join("|")})$`, "iu");
/** Words that end a noun phrase: prepositions, auxiliaries, conjunctions. */
const PHRASE_END =
  /^(?:of|in|on|at|for|from|to|by|with|about|between|after|before|during|over|under|into|and|or|but|is|are|was|were|be|been|will|would|can|could|should|has|have|had|do|does|did|than|that|which|who)$/iu;
const AUXILIARY_DO =
  /^\s*(?:how\s+(?:much|many|long|often)|what|when|where|why|how|who|which)\b.*?\b(?:did|does|do|will|would|can|could|should)\b/iu;

/**
 * The previous question with its topic, a determiner phrase ("the bridge"),
 * replaced by `x`; the phrase after "of/about/for/on" is preferred ("the cost
 * of the bridge"). Null when the question has no such phrase.
 */
export function reframe(previous: string, x: string): string | null {
  const body = previous.trim().replace(/[?!.]+\s*$/u, "");
  const words = body.split(/\s+/);
  const phrases: Array<{ start: number; end: number; preferred: boolean }> = [];
  for (let i = 0; i < words.length; i++) {
    if (!DETERMINER.test(words[i]!)) continue;
    let end = i + 1;
    while (end < words.length && !PHRASE_END.test(words[end]!) && !DETERMINER.test(words[end]!)) end++;
    // "How much did the bridge cost": after "did", the closing word is the verb, not the noun.
    if (end === words.length && end - i > 2 && AUXILIARY_DO.test(words.slice(0, i).join(" "))) end--;
    if (end > i + 1) phrases.push({ start: i, end, preferred: i > 0 && /^(?:of|about|for|on)$/iu.test(words[i - 1]!) });
    i = end - 1;
  }
  const phrase = phrases.find((p) => p.preferred) ?? phrases[0];
  if (!phrase) return null;
  const replacement = DETERMINER.test(x.split(/\s+/)[0]!) ? x : `the ${x}`;
  words.splice(phrase.start, phrase.end - phrase.start, replacement);
  return `${words.join(" ")}?`;
}

function stripWh(question: string): string {
  return question.replace(/[?!.]+$/u, "").replace(WH_START, "");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
