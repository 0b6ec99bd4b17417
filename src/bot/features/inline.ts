/**
 * Inline mode: `@ThisBot question` offers answers as articles, paged with
 * next_offset; an empty query offers the articles' key quotes. Short cache
 * time so a reload shows quickly.
 */
import { Composer } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { normaliseQuestion } from "../answering.ts";
import { answerResult, MAX_INLINE_RESULTS, paginate, quoteResult, uniqueById } from "../render/inline.ts";

/** Results per page; Telegram asks for the next page with `offset` as the user scrolls. */
export const INLINE_PAGE_SIZE = 10;
export const INLINE_CACHE_SECONDS = 10;

export function inlineFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on("inline_query", async (ctx) => {
    const engine = ctx.engine;
    const query = normaliseQuestion(ctx.inlineQuery.query);
    const firstPage = ctx.inlineQuery.offset === "";
    let results: InlineQueryResultArticle[];
    if (query === "") {
      const byId = new Map(engine.documents.map((d) => [d.id, d]));
      const quotes = engine.quotes();
      const attributed = [...quotes.filter((q) => q.speaker), ...quotes.filter((q) => !q.speaker)];
      results = attributed.slice(0, MAX_INLINE_RESULTS).map((q) => quoteResult(q, byId.get(q.docId)));
    } else {
      const answers = engine.answer(query, { limit: MAX_INLINE_RESULTS });
      if (firstPage) {
        deps.stats.count("inlineQueries");
        deps.stats.count(answers.length > 0 ? "answered" : "abstained");
      }
      results = answers.map(answerResult);
    }
    const { page, nextOffset } = paginate(uniqueById(results), ctx.inlineQuery.offset, INLINE_PAGE_SIZE);
    await ctx.answerInlineQuery(page, {
      cache_time: INLINE_CACHE_SECONDS,
      is_personal: false,
      next_offset: nextOffset,
      ...(page.length === 0 && firstPage
        ? { button: { text: "The article does not say — tap for help", start_parameter: "help" } }
        : {}),
    });
  });
  return feature;
}
