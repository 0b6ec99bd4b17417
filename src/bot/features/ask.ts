/**
 * Questions: any text in a private chat; in groups only /ask, a mention of
 * @ThisBot, or a reply to one of the bot's messages — silence otherwise.
 */
import { Composer, type Context } from "grammy";
import { isAddressed, withoutMyMention } from "../access.ts";
import { answerQuestion } from "../answering.ts";
import type { BotDeps } from "../deps.ts";
import type { AnswerSessions } from "../sessions.ts";

export function askFeature(deps: BotDeps, sessions: AnswerSessions): Composer<Context> {
  const feature = new Composer();

  // `/ask` and `/ask@ThisBot` (never `/ask@OtherBot`), in any chat.
  feature.command("ask", (ctx) => answerQuestion(ctx, ctx.match, deps, sessions));

  // Other commands are handled by their features or by `unhandled`.
  const text = feature.on("message:text").filter((ctx) => !ctx.message.text.startsWith("/"));

  text.chatType("private", (ctx) => answerQuestion(ctx, ctx.message.text, deps, sessions));

  text
    .chatType(["group", "supergroup"])
    .filter(isAddressed, (ctx) => answerQuestion(ctx, withoutMyMention(ctx), deps, sessions));

  return feature;
}
