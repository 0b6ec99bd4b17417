/** /start and /help: what the bot does, with example questions from the articles. */
import { Composer, type Context } from "grammy";
import { isAdmin } from "../access.ts";
import type { BotDeps } from "../deps.ts";
import { renderHelp } from "../render/texts.ts";

export function welcomeFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer();
  feature.command(["start", "help"], async (ctx) => {
    await ctx.reply(
      renderHelp({
        botUsername: ctx.me.username,
        examples: deps.library.engine.suggestions(3),
        isAdmin: isAdmin(ctx, deps.config.adminIds),
        inGroup: ctx.chat.type !== "private",
      }),
      { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
    );
  });
  return feature;
}
