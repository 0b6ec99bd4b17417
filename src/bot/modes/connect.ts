/**
 * The first contact with the Bot API (getMe), done without auto-retry so a
 * wrong token or an unreachable server fails start-up at once with one line,
 * instead of retrying silently for minutes.
 */
import { Api, type Bot, type Context } from "grammy";

export async function connect(bot: Bot<Context>, token: string, apiRoot: string | undefined): Promise<void> {
  const api = new Api(token, { timeoutSeconds: 15, ...(apiRoot ? { apiRoot } : {}) });
  bot.botInfo = await api.getMe();
}
