/**
 * The "More" / "Back" buttons: edit the answer in place to show another one.
 * Forged, expired and stale (pre-reload) buttons get a polite notice.
 */
import { Composer, GrammyError, type Context } from "grammy";
import { answerKeyboard, forEngine, MAX_ANSWERS, renderPage } from "../answering.ts";
import { decodeMore } from "../callback-data.ts";
import type { BotDeps } from "../deps.ts";
import { texts } from "../render/texts.ts";
import { type AnswerSessions, generationOf } from "../sessions.ts";

export function moreFeature(deps: BotDeps, sessions: AnswerSessions): Composer<Context> {
  const feature = new Composer();
  feature.on("callback_query:data", async (ctx) => {
    const data = decodeMore(ctx.callbackQuery.data);
    const session = data ? sessions.get(data.key) : undefined;
    if (!data || !session) {
      await ctx.answerCallbackQuery({ text: texts.expiredButton });
      return;
    }
    // Without the message (or an inline message id) there is nothing to edit;
    // editMessageText would throw and the user's button would spin until timeout.
    if (!ctx.callbackQuery.message && !ctx.callbackQuery.inline_message_id) {
      await ctx.answerCallbackQuery({ text: texts.expiredButton });
      return;
    }
    const engine = deps.library.engine;
    if (session.generation !== generationOf(engine)) {
      await ctx.answerCallbackQuery({ text: texts.staleButton, show_alert: false });
      return;
    }
    const answers = engine.answer(forEngine(session.question), { limit: MAX_ANSWERS });
    if (data.index >= answers.length) {
      await ctx.answerCallbackQuery({ text: texts.noMore });
      return;
    }
    try {
      await ctx.editMessageText(renderPage(answers, data.index), {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        reply_markup: answerKeyboard(data.key, data.index, answers.length),
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
  });
  return feature;
}
