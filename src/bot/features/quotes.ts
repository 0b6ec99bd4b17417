/** /quotes [name]: the articles' direct quotes, optionally of one speaker. */
import { Composer } from "grammy";
import { normaliseQuestion, sliceWhole } from "../answering.ts";
import { COMMANDS } from "../commands.ts";
import type { BotContext } from "../context.ts";
import { bold, escapeWithin } from "../render/html.ts";
import { renderQuoteList } from "../render/quotes.ts";
import { texts } from "../render/texts.ts";

export function quotesFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command(COMMANDS.quotes.command, async (ctx) => {
    const engine = ctx.engine;
    // sliceWhole, not slice: the name is echoed, and a cut emoji would make the reply invalid UTF-8.
    const name = sliceWhole(normaliseQuestion(ctx.match), 100) || undefined;
    const quotes = engine.quotes(name);
    if (quotes.length === 0) {
      const speakers = [
        ...new Set(
          engine
            .quotes()
            .map((q) => q.speaker)
            .filter((s): s is string => !!s),
        ),
      ];
      await ctx.reply(texts.noQuotes(name, speakers));
      return;
    }
    const heading = name
      ? bold(`💬 Quotes matching “${escapeWithin(name, 100)}” (${quotes.length}):`)
      : bold(`💬 Direct quotes (${quotes.length}):`);
    await ctx.reply(renderQuoteList(heading, quotes, engine.documents));
  });
  return feature;
}
