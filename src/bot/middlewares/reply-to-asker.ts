/**
 * In groups, every reply replies to the message that asked, so the asker is
 * notified and everyone sees what is answered. One place instead of an option
 * in each handler; a handler's own reply_parameters win.
 */
import type { Context, NextFunction } from "grammy";

export async function replyToAsker(ctx: Context, next: NextFunction): Promise<void> {
  const message = ctx.message;
  if (message && ctx.chat && ctx.chat.type !== "private") {
    const reply = ctx.reply.bind(ctx);
    ctx.reply = (text, other, ...rest) =>
      reply(
        text,
        { reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true }, ...other },
        ...rest,
      );
  }
  await next();
}
