/**
 * Answering a question in a chat: the one path shared by private messages,
 * /ask, replies in groups, buttons, deep links and edited questions. It
 * composes the reply (pure of Telegram I/O apart from the conversation
 * memory); features decide how to deliver it (send, edit, react).
 *
 * The engine's conversation API (answer context, related suggestions) is
 * used through the small functions below, so the engine is met in one place.
 * The engine guards its own input (question and word length, search/options.ts).
 */
import { InlineKeyboard } from "grammy";
import { resolveFollowUp } from "../search/followup.ts";
import { MAX_QUESTION_LENGTH } from "../search/query.ts";
import type { Answer, AnswerContext, AnswerEngine } from "../search/types.ts";
import { encodeAsk, encodeMore } from "./callback-data.ts";
import type { BotContext } from "./context.ts";
import type { BotDeps } from "./deps.ts";
import { describeError } from "./redact.ts";
import { renderAnswer } from "./render/answer.ts";
import { buttonLabel, LIMITS } from "./render/limits.ts";
import { renderNoAnswer, renderSmallTalk, texts } from "./render/texts.ts";
import { conversationScope } from "./sessions.ts";
import { smallTalk, type SmallTalk } from "./smalltalk.ts";

export { MAX_QUESTION_LENGTH };
/** Answers fetched per question; the "More" button pages through them. */
export const MAX_ANSWERS = 10;
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

/** Ranked answers, continuing `context` (the chat's last answer) when there is one. */
export function findAnswers(engine: AnswerEngine, question: string, context?: AnswerContext | null): Answer[] {
  return engine.answer(question, { limit: MAX_ANSWERS, ...(context ? { context } : {}) });
}

/** Passages remembered as shown in one conversation (bounds the stored context). */
const MAX_SHOWN = 50;

/**
 * What a follow-up should continue from. Only the first page counts as shown:
 * the user has not seen answers 2..N until they press More (markShown), so
 * "What else did he say?" may still give them.
 */
export function contextOf(engine: AnswerEngine, question: string, answers: Answer[]): AnswerContext | null {
  return engine.contextOf(question, answers.slice(0, 1));
}

/** The chat's last answer now counts `answer` (a page opened with More) as shown, if it is that question's. */
export async function markShown(ctx: BotContext, question: string, answer: Answer): Promise<void> {
  const scope = conversationScope(ctx.chat, ctx.from?.id);
  if (!scope) return;
  const last = await ctx.memory.lastAnswer(scope);
  if (!last?.context || last.question !== question) return;
  const page = { documentId: answer.document.id, passageIndex: answer.passage.index };
  const shown = last.context.shown;
  if (shown.some((p) => p.documentId === page.documentId && p.passageIndex === page.passageIndex)) return;
  await ctx.memory.setLastAnswer(scope, {
    ...last,
    context: { ...last.context, shown: [page, ...shown].slice(0, MAX_SHOWN) },
  });
}

/** A follow-up's context: what it found, plus what the conversation had already shown (so "What else" moves on). */
export function continued(previous: AnswerContext, next: AnswerContext): AnswerContext {
  const seen = new Set<string>();
  const shown = [...next.shown, ...previous.shown].filter((p) => {
    const key = `${p.documentId}#${p.passageIndex}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  return { ...next, speaker: next.speaker ?? previous.speaker, shown: shown.slice(0, MAX_SHOWN) };
}

/** Up to SUGGESTIONS questions related to `about`, never `about` itself. */
export function relatedQuestions(engine: AnswerEngine, about: string): string[] {
  const same = about.trim().toLowerCase();
  return engine
    .suggestions(SUGGESTIONS + 1, about)
    .filter((q) => q.trim().toLowerCase() !== same)
    .slice(0, SUGGESTIONS);
}

/** The question the engine actually searched, when typo correction changed it (engines that say so). */
export function correctionOf(engine: AnswerEngine, question: string): string | null {
  try {
    const corrected = (engine.explain(question) as { corrected?: unknown }).corrected;
    return typeof corrected === "string" &&
      corrected.trim() !== "" &&
      corrected.toLowerCase() !== question.toLowerCase()
      ? corrected
      : null;
  } catch {
    return null;
  }
}

/** A reply ready to send or to edit in. */
export interface Reply {
  text: string;
  keyboard?: InlineKeyboard;
  kind: "answer" | "abstain" | "usage" | "smallTalk";
  /** For small talk: which kind (groups react instead of replying). */
  smallTalk?: SmallTalk;
  /** The question was cut to MAX_QUESTION_LENGTH. */
  cut?: boolean;
}

/** "‹ Back" / "More ›" for answer `index` of `total`, and a Share button that posts the answer anywhere. */
export function answerKeyboard(key: string, index: number, total: number, question: string): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (index > 0) keyboard.text("‹ Back", encodeMore(key, index - 1));
  if (index + 1 < total) keyboard.text(`More › (${index + 2}/${total})`, encodeMore(key, index + 1));
  if (total > 1) keyboard.row();
  return keyboard.switchInline("↗ Share", sliceWhole(question, LIMITS.inlineQuery));
}

/** One button per question, each asking it when tapped. */
export async function questionButtons(
  ctx: BotContext,
  questions: readonly string[],
): Promise<InlineKeyboard | undefined> {
  if (questions.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  for (const q of questions) keyboard.text(buttonLabel(q), encodeAsk(await ctx.memory.putQuestion(q))).row();
  return keyboard;
}

export function renderPage(answers: readonly Answer[], index: number): string {
  return renderAnswer(answers[index]!, { index, total: answers.length });
}

export interface AskOptions {
  /** Show the question above the reply: it was asked by a button or a link, so the chat does not show it. */
  echo?: boolean;
}

/** The reply to `raw` in this chat; remembers what a follow-up, a button or an edit will need. */
export async function composeReply(
  ctx: BotContext,
  raw: string,
  deps: BotDeps,
  options: AskOptions = {},
): Promise<Reply> {
  const reply = await composeBody(ctx, raw, deps);
  if (!options.echo || reply.kind === "usage" || reply.kind === "smallTalk") return reply;
  const echoed = `${texts.asked(normaliseQuestion(raw))}\n\n${reply.text}`;
  return echoed.length <= LIMITS.message ? { ...reply, text: echoed } : reply;
}

async function composeBody(ctx: BotContext, raw: string, deps: BotDeps): Promise<Reply> {
  let question = normaliseQuestion(raw);
  if (question === "") return { kind: "usage", text: texts.askUsage(ctx.me.username) };
  const talk = smallTalk(question);
  if (talk) {
    const keyboard =
      talk === "help" || talk === "identity" || talk === "greeting"
        ? await questionButtons(ctx, ctx.engine.suggestions(SUGGESTIONS))
        : undefined;
    return {
      kind: "smallTalk",
      smallTalk: talk,
      text: renderSmallTalk(talk, ctx.me.username),
      ...(keyboard ? { keyboard } : {}),
    };
  }
  const cut = question.length > MAX_QUESTION_LENGTH;
  if (cut) question = sliceWhole(question, MAX_QUESTION_LENGTH);

  const engine = ctx.engine;
  const scope = conversationScope(ctx.chat, ctx.from?.id);
  const last = scope ? await ctx.memory.lastAnswer(scope) : undefined;
  const answers = findAnswers(engine, question, last?.context);
  const followUp = last?.context ? resolveFollowUp(question, last.context) : null;
  if (answers.length === 0) {
    deps.stats.count("abstained");
    deps.logger.debug("abstained", { chat: ctx.chat?.id });
    const related = relatedQuestions(engine, question);
    const keyboard = await questionButtons(ctx, related);
    // A follow-up with nothing new is not a question the article ignores: everything was shown.
    const text = followUp
      ? texts.nothingMore(followUp.kind === "speaker" ? followUp.speaker : null, related.length > 0)
      : renderNoAnswer(question, related.length > 0);
    return { kind: "abstain", text, ...(keyboard ? { keyboard } : {}), cut };
  }
  deps.stats.count("answered");
  if (scope) {
    const context = contextOf(engine, question, answers);
    await ctx.memory.setLastAnswer(scope, {
      question,
      context: followUp && context && last?.context ? continued(last.context, context) : context,
    });
  }
  const key = await ctx.memory.putQuestion(question, last?.context);
  const corrected = correctionOf(engine, question);
  const page = renderPage(answers, 0);
  const note = corrected ? texts.showingResultsFor(corrected) : "";
  const text = note && note.length + 1 + page.length <= LIMITS.message ? `${note}\n${page}` : page;
  return { kind: "answer", text, keyboard: answerKeyboard(key, 0, answers.length, question), cut };
}

/**
 * Answers `raw` in the chat: small talk in groups gets a reaction, anything
 * else a reply (in groups a reply to the asker's message: reply-to-asker.ts). The reply's id
 * is remembered so that editing the question edits the answer.
 */
export async function answerQuestion(
  ctx: BotContext,
  raw: string,
  deps: BotDeps,
  options: AskOptions = {},
): Promise<void> {
  const reply = await composeReply(ctx, raw, deps, options);
  const inGroup = ctx.chat?.type !== "private";
  if (reply.kind === "smallTalk" && inGroup && reply.smallTalk !== "help" && reply.smallTalk !== "identity") {
    // A group may not allow reactions; a missing 👍 is not worth an error.
    if (ctx.msg)
      await ctx
        .react("👍")
        .catch((error: unknown) =>
          deps.logger.debug("reaction refused", { reason: describeError(error, [deps.config.token]) }),
        );
    return;
  }
  if (reply.cut) await ctx.reply(texts.longQuestion(MAX_QUESTION_LENGTH));
  const sent = await ctx.reply(reply.text, reply.keyboard ? { reply_markup: reply.keyboard } : {});
  // Only a user's own message can be edited later (not a button press on the bot's message).
  if (ctx.chat && ctx.message && reply.kind !== "smallTalk")
    await ctx.memory.setAnswered(ctx.chat.id, ctx.message.message_id, sent.message_id);
}
