/**
 * The command menu. Everyone sees the public commands; each admin's private
 * chat also lists the admin commands (scope `chat`).
 */
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "./logger.ts";
import { describeError } from "./redact.ts";

export const PUBLIC_COMMANDS: readonly BotCommand[] = [
  { command: "ask", description: "Ask a question about the articles" },
  { command: "quotes", description: "Direct quotes, optionally of one person" },
  { command: "about", description: "The articles I have read" },
  { command: "help", description: "How to use this bot" },
];

export const ADMIN_COMMANDS: readonly BotCommand[] = [
  ...PUBLIC_COMMANDS,
  { command: "reload", description: "Admin: read the data folder again" },
  { command: "stats", description: "Admin: figures and uptime" },
];

export async function registerCommands(api: Api, adminIds: readonly number[], logger: Logger): Promise<void> {
  await api.setMyCommands([...PUBLIC_COMMANDS]);
  for (const chatId of adminIds) {
    try {
      await api.setMyCommands([...ADMIN_COMMANDS], { scope: { type: "chat", chat_id: chatId } });
    } catch (error) {
      // Telegram only knows chats that have started the bot; that is not fatal.
      logger.warn("could not set admin commands for an admin chat", { chatId, reason: describeError(error) });
    }
  }
}
