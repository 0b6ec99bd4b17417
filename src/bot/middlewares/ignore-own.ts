/**
 * Drops messages that came `via_bot` this bot: an inline answer someone chose
 * in a chat is not a question for us (and answering it would loop).
 */
import type { Context, NextFunction } from "grammy";

export async function ignoreOwnInlineMessages(ctx: Context, next: NextFunction): Promise<void> {
  if (ctx.msg?.via_bot?.id === ctx.me.id) return;
  await next();
}
