/**
 * /start and /help: what the bot does, with example questions as buttons
 * that ask them. `/start <payload>` from a deep link asks the question it
 * carries (see deeplink.ts).
 */
import { Composer } from "grammy";
import { isAdmin } from "../access.ts";
import { answerQuestion, questionButtons, SUGGESTIONS } from "../answering.ts";
import { COMMANDS } from "../commands.ts";
import type { BotContext } from "../context.ts";
import { decodeStartPayload } from "../deeplink.ts";
import type { BotDeps } from "../deps.ts";
import { renderHelp } from "../render/texts.ts";

export function welcomeFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  const help = async (ctx: BotContext) => {
    const keyboard = await questionButtons(ctx, ctx.engine.suggestions(SUGGESTIONS));
    await ctx.reply(
      renderHelp({
        botUsername: ctx.me.username,
        hasExamples: keyboard !== undefined,
        isAdmin: isAdmin(ctx, deps.config.adminIds),
        inGroup: ctx.chat?.type !== "private",
      }),
      keyboard ? { reply_markup: keyboard } : {},
    );
  };

  feature.command(COMMANDS.start.command, async (ctx) => {
    const question = decodeStartPayload(ctx.match.trim());
    if (question) return answerQuestion(ctx, question, deps, { echo: true });
    await help(ctx);
  });
  feature.command(COMMANDS.help.command, help);
  return feature;
}
