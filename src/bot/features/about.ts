/** /about: the documents being served. */
import { Composer } from "grammy";
import { COMMANDS } from "../commands.ts";
import type { BotContext } from "../context.ts";
import { renderAbout } from "../render/texts.ts";

export function aboutFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command(COMMANDS.about.command, (ctx) => ctx.reply(renderAbout(ctx.engine.documents)));
  return feature;
}
