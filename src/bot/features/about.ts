/** /about: the documents being served. */
import { Composer, type Context } from "grammy";
import type { BotDeps } from "../deps.ts";
import { renderAbout } from "../render/texts.ts";

export function aboutFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer();
  feature.command("about", async (ctx) => {
    await ctx.reply(renderAbout(deps.library.engine.documents), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  });
  return feature;
}
