/**
 * Answering a question in a chat: the one path shared by private messages,
 * /ask, mentions and replies in groups.
 */
import { InlineKeyboard, type Context } from "grammy";
import type { Answer } from "../search/types.ts";
import { encodeMore } from "./callback-data.ts";
import type { BotDeps } from "./deps.ts";
import { renderAnswer } from "./render/answer.ts";
import { renderNoAnswer, texts } from "./render/texts.ts";
import { type AnswerSessions, generationOf } from "./sessions.ts";

/** Answers fetched per question; the "More" button pages through them. */
export const MAX_ANSWERS = 10;
/** Questions are cut to this many characters before they reach the engine. */
export const MAX_QUESTION_LENGTH = 1000;
/** How many suggested questions an abstention offers. */
export const SUGGESTIONS = 3;

/**
 * Collapses whitespace, strips control characters, and replaces lone
 * surrogates with U+FFFD: user text is echoed in replies ("I found nothing
 * that answers “…”"), and a lone surrogate cannot be encoded as UTF-8, so
 * Telegram would refuse the whole reply and the user would get nothing.
 */
export function normaliseQuestion(text: string): string {
  return text
    .replace(/[\uD800-\uDFFF]/gu, "\uFFFD")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The first `max` UTF-16 units of `text`, one fewer when the cut would split a
 * surrogate pair (a half pair is not valid UTF-8 and Telegram refuses it).
 */
export function sliceWhole(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Longest word handed to the engine; longer runs of non-space characters are cut. */
export const MAX_WORD_LENGTH = 40;

/**
 * The question as the engine gets it: every word cut to MAX_WORD_LENGTH.
 * The engine's cost grows faster than linearly with the length of a single
 * word (a 1,000-character word took about a second, blocking every chat), and
 * no real word is that long, so the bot never hands it one.
 */
export function forEngine(question: string): string {
  return question.replace(new RegExp(`\\S{${MAX_WORD_LENGTH + 1},}`, "gu"), (word) => [...word].slice(0, MAX_WORD_LENGTH).join(""));
}

/** The "Back" / "More" keyboard for answer `index` of `total`. */
export function answerKeyboard(key: string, index: number, total: number): InlineKeyboard | undefined {
  if (total <= 1) return undefined;
  const keyboard = new InlineKeyboard();
  if (index > 0) keyboard.text("‹ Back", encodeMore(key, index - 1));
  if (index + 1 < total) keyboard.text(`More › (${index + 2}/${total})`, encodeMore(key, index + 1));
  return keyboard;
}

export function renderPage(answers: readonly Answer[], index: number): string {
  return renderAnswer(answers[index]!, { index, total: answers.length });
}

export async function answerQuestion(ctx: Context, raw: string, deps: BotDeps, sessions: AnswerSessions): Promise<void> {
  const inGroup = ctx.chat?.type !== "private";
  const replyTo = inGroup && ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {};
  let question = normaliseQuestion(raw);
  if (question === "") {
    await ctx.reply(texts.askUsage(ctx.me.username), { parse_mode: "HTML", ...replyTo });
    return;
  }
  const long = question.length > MAX_QUESTION_LENGTH;
  if (long) question = sliceWhole(question, MAX_QUESTION_LENGTH);

  const engine = deps.library.engine;
  const answers = engine.answer(forEngine(question), { limit: MAX_ANSWERS });
  if (long) await ctx.reply(texts.longQuestion(MAX_QUESTION_LENGTH), replyTo);
  if (answers.length === 0) {
    deps.stats.count("abstained");
    deps.logger.debug("abstained", { chat: ctx.chat?.id });
    await ctx.reply(renderNoAnswer(question, engine.suggestions(SUGGESTIONS)), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...replyTo,
    });
    return;
  }
  deps.stats.count("answered");
  const key = sessions.put({ question, generation: generationOf(engine) });
  await ctx.reply(renderPage(answers, 0), {
    parse_mode: "HTML",
    link_preview_options: { is_disabled: true },
    reply_markup: answerKeyboard(key, 0, answers.length),
    ...replyTo,
  });
}
