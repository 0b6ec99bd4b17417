/**
 * Webhook mode: a node:http server on PORT that hands Telegram's POSTs on the
 * webhook path to grammY, and answers GET /healthz.
 *
 * - Requests without the right X-Telegram-Bot-Api-Secret-Token header get 401
 *   and are never processed (their bodies are never read).
 * - Bodies above `maxBodyBytes` get 413 as soon as the limit is passed
 *   (Content-Length or counted while streaming), never buffered whole.
 * - While stopping, new updates get 503, so Telegram delivers them again later.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type Bot, type Context, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import { ALLOWED_UPDATES } from "../bot.ts";
import { registerCommands } from "../commands.ts";
import type { Logger } from "../logger.ts";
import type { Redactor } from "../redact.ts";
import { answerHealth, closeServer, type HealthState } from "./health.ts";

/** Telegram's updates are a few KB; 1 MB leaves room and stops memory exhaustion. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookOptions {
  url: string;
  path: string;
  port: number;
  /** When absent a random one is made for this run (and registered with setWebhook). */
  secret: string | undefined;
  maxBodyBytes?: number;
}

export interface WebhookServer {
  server: Server;
  /** Stops taking updates (503) and new connections; running requests go on. */
  stopTaking(): void;
  /** Closes the server, cutting connections still open. */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}
class BadBody extends Error {}

const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** Reads a JSON body of at most `max` bytes; rejects with BodyTooLarge as soon as it is passed. */
function readJson(req: IncomingMessage, max: number): Promise<Update> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (declared > max) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off("data", onData);
        req.pause();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("error", reject);
    req.once("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf-8")) as Update);
      } catch {
        reject(new BadBody());
      }
    });
  });
}

/** grammY's "http" adapter, with a body size limit. */
function limitedHttp(max: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers[SECRET_HEADER];
    return {
      get update() {
        return readJson(req, max);
      },
      header: Array.isArray(header) ? header[0] : header,
      end: () => res.end(),
      respond: (json: string) => res.writeHead(200, { "content-type": "application/json" }).end(json),
      unauthorized: () => res.writeHead(401).end('"unauthorized"'),
    };
  };
}

export async function startWebhook(
  bot: Bot<Context>,
  options: WebhookOptions,
  adminIds: readonly number[],
  logger: Logger,
  redactor: Redactor,
  health: HealthState,
): Promise<WebhookServer> {
  const secret = options.secret ?? randomBytes(32).toString("base64url");
  redactor.add(secret);
  const max = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const callback = webhookCallback(bot, limitedHttp(max), {
    secretToken: secret,
    onTimeout: "return",
    timeoutMilliseconds: 9_000,
  });
  // grammY types a custom adapter's handler loosely; at run time it is async.
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    await Promise.resolve(callback(req, res));
  };
  let taking = true;
  const server = createServer((req, res) => {
    if (answerHealth(req, res, health)) return;
    const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
    if (req.method !== "POST" || pathname !== options.path) {
      res.writeHead(404).end();
      return;
    }
    if (!taking) {
      res.writeHead(503, { connection: "close", "retry-after": "5" }).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof BodyTooLarge) {
        logger.warn("webhook request refused: body too large", { limit: max });
        res.writeHead(413, { connection: "close" }).end();
        res.once("finish", () => req.destroy());
      } else if (error instanceof BadBody) {
        res.writeHead(400).end();
      } else {
        logger.error("webhook request failed", { reason: redactor.describe(error) });
        res.writeHead(500).end();
      }
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
    logger.warn("could not register the command menu", { reason: redactor.describe(error) }),
  );
  await bot.api.setWebhook(options.url, { secret_token: secret, allowed_updates: ALLOWED_UPDATES });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  logger.info(`@${bot.botInfo.username} is running (webhook on port ${port}, path ${options.path})`);
  let closing: Promise<void> | undefined;
  return {
    server,
    stopTaking() {
      taking = false;
      closing ??= closeServer(server);
    },
    async close() {
      taking = false;
      closing ??= closeServer(server);
      server.closeAllConnections();
      await closing;
    },
  };
}
