/**
 * The one command table: it feeds the handlers (by name), the command menu
 * (setMyCommands), /help and the console's help. Everyone sees the public
 * commands; each admin's private chat also lists the admin ones (scope `chat`).
 * Also the bot's profile texts (setMyDescription / setMyShortDescription).
 */
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "./logger.ts";
import { describeError } from "./redact.ts";
import { LIMITS } from "./render/limits.ts";

export interface CommandSpec {
  command: string;
  /** One line for the menu. */
  description: string;
  /** Arguments as shown in /help, HTML ("<i>question</i>"). */
  args?: string;
  /** Only admins may use it (shown only in their chats). */
  admin?: boolean;
  /** Kept out of the menu (e.g. /start, which Telegram shows its own way). */
  hidden?: boolean;
}

export const COMMANDS = {
  start: { command: "start", description: "Start: what I do, with examples", hidden: true },
  ask: { command: "ask", description: "Ask a question about the articles", args: "<i>question</i>" },
  quotes: { command: "quotes", description: "Direct quotes, optionally of one person", args: "[<i>name</i>]" },
  about: { command: "about", description: "The articles I have read" },
  help: { command: "help", description: "How to use this bot" },
  reload: { command: "reload", description: "Admin: read the data folder again", admin: true },
  stats: { command: "stats", description: "Admin: figures and uptime", admin: true },
} as const satisfies Record<string, CommandSpec>;

const ALL: readonly CommandSpec[] = Object.values(COMMANDS);

export const PUBLIC_COMMANDS: readonly BotCommand[] = ALL.filter((c) => !c.admin && !c.hidden).map(menuEntry);
export const ADMIN_COMMANDS: readonly BotCommand[] = [...PUBLIC_COMMANDS, ...ALL.filter((c) => c.admin).map(menuEntry)];

function menuEntry(c: CommandSpec): BotCommand {
  return { command: c.command, description: c.description };
}

/** Commands for /help (HTML lines) — public ones, or admin ones. */
export function commandLines(admin: boolean): string[] {
  return ALL.filter((c) => !c.hidden && !!c.admin === admin).map(
    (c) => `/${c.command}${c.args ? ` ${c.args}` : ""} — ${c.description.replace(/^Admin: /, "")}`,
  );
}

/** Shown in an empty chat with the bot (up to 512 characters). */
export const BOT_DESCRIPTION =
  "I answer questions about the news articles I have read: a short answer first, who said it, and where it comes from, " +
  'with the passage a tap away. Ask me anything about them, say "What is this article about?", or use me inline in any chat.';
/** On the bot's profile and in shared links (up to 120 characters). */
export const BOT_SHORT_DESCRIPTION = "Short answers about the news articles I have read — who said what, and where.";

/**
 * Fills the command menus and the bot's descriptions. Called once at start by
 * every mode that talks to Telegram (polling and webhook).
 */
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
  await setBotDescriptions(api, logger);
}

/** setMyDescription + setMyShortDescription; a refusal is logged, never fatal. */
export async function setBotDescriptions(api: Api, logger: Logger): Promise<void> {
  try {
    await api.setMyDescription(BOT_DESCRIPTION.slice(0, LIMITS.description));
    await api.setMyShortDescription(BOT_SHORT_DESCRIPTION.slice(0, LIMITS.shortDescription));
  } catch (error) {
    logger.warn("could not set the bot's description", { reason: describeError(error) });
  }
}
