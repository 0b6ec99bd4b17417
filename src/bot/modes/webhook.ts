/**
 * Webhook mode: a node:http server on PORT that hands Telegram's POSTs on the
 * webhook path to grammY. Requests without the right
 * X-Telegram-Bot-Api-Secret-Token header get 401 and are never processed.
 */
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { type Bot, type Context, webhookCallback } from "grammy";
import { ALLOWED_UPDATES } from "../bot.ts";
import { registerCommands } from "../commands.ts";
import type { Logger } from "../logger.ts";
import { describeError } from "../redact.ts";

export interface WebhookOptions {
  url: string;
  path: string;
  port: number;
  /** When absent a random one is made for this run (and registered with setWebhook). */
  secret: string | undefined;
}

export async function startWebhook(
  bot: Bot<Context>,
  options: WebhookOptions,
  adminIds: readonly number[],
  logger: Logger,
  secrets: string[],
): Promise<Server> {
  const secret = options.secret ?? randomBytes(32).toString("base64url");
  secrets.push(secret);
  const handle = webhookCallback(bot, "http", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 9_000 });
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || pathname !== options.path) {
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      logger.error("webhook request failed", { reason: describeError(error, secrets) });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, () => {
      server.off("error", reject);
      resolve();
    });
  });
  await registerCommands(bot.api, adminIds, logger).catch((error) =>
    logger.warn("could not register the command menu", { reason: describeError(error, secrets) }),
  );
  await bot.api.setWebhook(options.url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  logger.info(`@${bot.botInfo.username} is running (webhook on port ${port}, path ${options.path})`);
  return server;
}
