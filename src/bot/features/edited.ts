/**
 * An edited question edits the bot's earlier answer in place (the answer's
 * message id is remembered per question message in the conversation memory).
 * Edits of messages the bot never answered are ignored.
 */
import { Composer, GrammyError } from "grammy";
import { composeReply, MAX_QUESTION_LENGTH } from "../answering.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";

export function editedFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on("edited_message:text", async (ctx) => {
    const edited = ctx.editedMessage;
    const answered = await ctx.memory.answered(edited.chat.id, edited.message_id);
    if (!answered) return;
    let text = edited.text;
    const command = /^\/ask(?:@\w+)?(?:\s+|$)/i.exec(text);
    if (command) text = text.slice(command[0].length);
    else if (text.startsWith("/")) return;
    if (edited.chat.type !== "private") text = text.replace(new RegExp(`@${ctx.me.username}\\b`, "gi"), " ");
    const reply = await composeReply(ctx, text.slice(0, MAX_QUESTION_LENGTH * 2), deps);
    if (reply.kind === "smallTalk" || reply.kind === "usage") return;
    try {
      await ctx.api.editMessageText(
        edited.chat.id,
        answered.replyId,
        reply.text,
        reply.keyboard ? { reply_markup: reply.keyboard } : {},
      );
    } catch (error) {
      // The same answer as before: nothing to change.
      if (!(error instanceof GrammyError && /message is not modified/i.test(error.description))) throw error;
    }
  });
  return feature;
}
