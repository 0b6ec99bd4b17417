/**
 * Questions: any text in a private chat; in groups /ask, a reply to one of
 * the bot's messages, or a mention of @ThisBot (which only arrives when
 * privacy mode is off or the bot is an admin) — silence otherwise.
 * `/ask` sent as a reply with no question of its own answers the message it
 * replies to.
 */
import { Composer } from "grammy";
import { isAddressed, withoutMyMention } from "../access.ts";
import { answerQuestion } from "../answering.ts";
import { COMMANDS } from "../commands.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";

export function askFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  // `/ask` and `/ask@ThisBot` (never `/ask@OtherBot`), in any chat.
  feature.command(COMMANDS.ask.command, (ctx) => {
    const replied = ctx.msg.reply_to_message;
    const question = ctx.match.trim() || replied?.text || replied?.caption || "";
    return answerQuestion(ctx, question, deps);
  });

  // Other commands are handled by their features or by `unhandled`.
  const text = feature.on("message:text").filter((ctx) => !ctx.message.text.startsWith("/"));

  text.chatType("private", (ctx) => answerQuestion(ctx, ctx.message.text, deps));

  text.chatType(["group", "supergroup"]).filter(isAddressed, (ctx) => answerQuestion(ctx, withoutMyMention(ctx), deps));

  return feature;
}
