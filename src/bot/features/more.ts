/**
 * Buttons. "More" / "Back" edit the answer in place to show another one;
 * a suggestion or example button asks its question. Both carry a key to the
 * question in the conversation memory and re-run it against the index served
 * now, so they keep working after a reload. Forged and expired data gets a
 * polite notice.
 */
import { Composer, GrammyError } from "grammy";
import { answerKeyboard, answerQuestion, findAnswers, markShown, renderPage } from "../answering.ts";
import { ASK_TRIGGER, MORE_TRIGGER } from "../callback-data.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { texts } from "../render/texts.ts";

export function moreFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(MORE_TRIGGER, async (ctx) => {
    const [, key, rawIndex] = ctx.match;
    const index = Number(rawIndex);
    const stored = await ctx.memory.question(key!);
    // Without the message (or an inline message id) there is nothing to edit;
    // editMessageText would throw and the user's button would spin until timeout.
    if (stored === undefined || (!ctx.callbackQuery.message && !ctx.callbackQuery.inline_message_id)) {
      await ctx.answerCallbackQuery({ text: texts.expiredButton });
      return;
    }
    const { question, context } = stored;
    const answers = findAnswers(ctx.engine, question, context);
    if (index >= answers.length) {
      await ctx.answerCallbackQuery({ text: texts.noMore });
      return;
    }
    try {
      await ctx.editMessageText(renderPage(answers, index), {
        reply_markup: answerKeyboard(key!, index, answers.length, question),
      });
    } catch (error) {
      // A double tap edits to the same text; Telegram says so, and that is fine.
      if (!(error instanceof GrammyError && /message is not modified/i.test(error.description))) {
        // The message is gone or can no longer be edited: still answer the
        // button (politely) so it stops spinning, then let bot.catch log why.
        await ctx.answerCallbackQuery({ text: texts.expiredButton }).catch(() => undefined);
        throw error;
      }
    }
    await ctx.answerCallbackQuery();
    // What else the user asks next should skip what they have now read.
    await markShown(ctx, question, answers[index]!);
  });

  feature.callbackQuery(ASK_TRIGGER, async (ctx) => {
    const stored = await ctx.memory.question(ctx.match[1]!);
    if (stored === undefined || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: texts.expiredButton });
      return;
    }
    await ctx.answerCallbackQuery();
    await answerQuestion(ctx, stored.question, deps, { echo: true });
  });

  feature.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: texts.expiredButton }));
  return feature;
}
