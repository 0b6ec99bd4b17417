/**
 * The end of the line: in private chats, non-text messages get a hint and
 * unknown commands point at /help; in groups, silence (unless the unknown
 * command was addressed to this bot by name).
 */
import { Composer } from "grammy";
import { isCommandForMe } from "../access.ts";
import type { BotContext } from "../context.ts";
import { texts } from "../render/texts.ts";

export function unhandledFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const privateChat = feature.chatType("private");
  privateChat.on("message:text", async (ctx) => {
    if (ctx.message.text.startsWith("/")) await ctx.reply(texts.unknownCommand);
  });
  privateChat.on("message", (ctx) => ctx.reply(texts.nonText));

  feature.chatType(["group", "supergroup"]).on("message:text", async (ctx) => {
    // Only `/cmd@ThisBot`: a bare `/cmd` in a group may be meant for another bot.
    if (/^\/[A-Za-z0-9_]+@/.test(ctx.message.text) && isCommandForMe(ctx)) {
      await ctx.reply(texts.unknownCommand);
    }
  });
  return feature;
}
