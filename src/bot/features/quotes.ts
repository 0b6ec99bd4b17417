/** /quotes [name]: the articles' direct quotes, optionally of one speaker. */
import { Composer, type Context } from "grammy";
import type { BotDeps } from "../deps.ts";
import { bold, escapeWithin } from "../render/html.ts";
import { renderQuoteList } from "../render/quotes.ts";
import { texts } from "../render/texts.ts";
import { forEngine, normaliseQuestion, sliceWhole } from "../answering.ts";

export function quotesFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer();
  feature.command("quotes", async (ctx) => {
    const engine = deps.library.engine;
    // sliceWhole, not slice: the name is echoed, and a cut emoji would make the reply invalid UTF-8.
    const name = sliceWhole(normaliseQuestion(ctx.match), 100) || undefined;
    const quotes = engine.quotes(name === undefined ? undefined : forEngine(name));
    if (quotes.length === 0) {
      const speakers = [...new Set(engine.quotes().map((q) => q.speaker).filter((s): s is string => !!s))];
      await ctx.reply(texts.noQuotes(name, speakers), { parse_mode: "HTML" });
      return;
    }
    const heading = name
      ? bold(`💬 Quotes matching “${escapeWithin(name, 100)}” (${quotes.length}):`)
      : bold(`💬 Direct quotes (${quotes.length}):`);
    await ctx.reply(renderQuoteList(heading, quotes, engine.documents), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  });
  return feature;
}
