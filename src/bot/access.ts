/** Who counts as an admin: a numeric user id in ADMIN_IDS — never a name or a chat. */
import type { Context } from "grammy";

export function isAdmin(ctx: Context, adminIds: readonly number[]): boolean {
  const id = ctx.from?.id;
  return id !== undefined && adminIds.includes(id);
}

/**
 * True when a group message is meant for this bot: it mentions @ThisBot or
 * replies to one of the bot's own messages. Private messages always are.
 */
export function isAddressed(ctx: Context): boolean {
  const msg = ctx.message;
  if (!msg) return false;
  if (ctx.chat?.type === "private") return true;
  if (msg.reply_to_message?.from?.id === ctx.me.id) return true;
  return mentionsMe(ctx);
}

function mentionsMe(ctx: Context): boolean {
  if (!ctx.message?.text) return false;
  const me = `@${ctx.me.username}`.toLowerCase();
  return ctx.entities("mention").some((e) => e.text.toLowerCase() === me);
}

/** The text of a message without mentions of this bot. */
export function withoutMyMention(ctx: Context): string {
  const text = ctx.message?.text ?? "";
  const me = `@${ctx.me.username}`.toLowerCase();
  let out = "";
  let at = 0;
  for (const e of ctx.entities("mention").sort((a, b) => a.offset - b.offset)) {
    if (e.text.toLowerCase() !== me) continue;
    out += text.slice(at, e.offset);
    at = e.offset + e.length;
  }
  return out + text.slice(at);
}

/** True for `/cmd` and `/cmd@ThisBot`, false for `/cmd@OtherBot` and plain text. */
export function isCommandForMe(ctx: Context): boolean {
  const command = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?/.exec(ctx.message?.text ?? "");
  if (!command) return false;
  return command[1] === undefined || command[1].toLowerCase() === ctx.me.username.toLowerCase();
}
