/**
 * Configuration from the environment (and `.env` through dotenv).
 *
 * Every check names the variable it is about, so a wrong value stops start-up
 * with one line the operator can act on. The token's value is never echoed.
 */
import { statSync } from "node:fs";
import path from "node:path";

export type LogLevel = "error" | "warn" | "info" | "debug";

export interface Config {
  /** Undefined means console mode. */
  token: string | undefined;
  adminIds: number[];
  dataDir: string;
  apiRoot: string | undefined;
  webhook: { url: string; secret: string | undefined; port: number; path: string } | undefined;
  logLevel: LogLevel;
}

/** A configuration mistake; `message` is the one line shown to the operator. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable}: ${problem}`);
    this.name = "ConfigError";
  }
}

/** BotFather tokens: the bot id, a colon, then 35 URL-safe characters (30+ accepted). */
export const TOKEN_PATTERN = /^\d{1,20}:[A-Za-z0-9_-]{30,100}$/;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
const LEVELS: readonly LogLevel[] = ["error", "warn", "info", "debug"];

type Env = Record<string, string | undefined>;

/**
 * A bad value as shown in a ConfigError, cut to `max` characters — or not at
 * all when it may hold the token. Operators paste the token into the wrong
 * variable; echoing a cut piece of it (e.g. the first 40 characters of a
 * 10-digit-id token) printed most of its secret, past the redaction of whole
 * token-shaped strings.
 */
function shown(value: string, max: number, token: string | undefined): string {
  const secret = token?.split(":")[1];
  const looksLikeToken = /\d:[A-Za-z0-9_-]{8,}/.test(value) || (secret !== undefined && secret.length >= 8 && value.includes(secret.slice(0, 8)));
  return looksLikeToken ? "(a value that looks like a bot token, not shown)" : `"${value.slice(0, max)}"`;
}

/** Reads and validates the configuration; throws `ConfigError` on the first bad value. */
export function parseConfig(env: Env, options: { checkDataDir?: boolean } = {}): Config {
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };

  const token = get("BOT_TOKEN");
  if (token !== undefined && !TOKEN_PATTERN.test(token)) {
    throw new ConfigError(
      "BOT_TOKEN",
      "does not look like a bot token (expected <digits>:<30+ letters, digits, _ or ->, as BotFather gives it)",
    );
  }

  const adminIds: number[] = [];
  for (const part of (get("ADMIN_IDS") ?? "").split(",")) {
    const id = part.trim();
    if (id === "") continue;
    if (!/^\d{1,16}$/.test(id) || !Number.isSafeInteger(Number(id)) || Number(id) === 0) {
      throw new ConfigError(
        "ADMIN_IDS",
        `${shown(id, 40, token)} is not a numeric Telegram user id (expected e.g. ADMIN_IDS=123456789,987654321)`,
      );
    }
    adminIds.push(Number(id));
  }

  const dataDir = path.resolve(get("DATA_DIR") ?? "./data");
  if (options.checkDataDir !== false) {
    let isDir = false;
    try {
      isDir = statSync(dataDir).isDirectory();
    } catch {
      throw new ConfigError("DATA_DIR", `${shown(dataDir, 500, token)} does not exist or cannot be read`);
    }
    if (!isDir) throw new ConfigError("DATA_DIR", `${shown(dataDir, 500, token)} is not a directory`);
  }

  const apiRoot = get("TELEGRAM_API_ROOT");
  if (apiRoot !== undefined && !isHttpUrl(apiRoot)) {
    throw new ConfigError("TELEGRAM_API_ROOT", "must be an http(s) URL such as https://api.telegram.org");
  }

  const webhookUrl = get("WEBHOOK_URL");
  const secret = get("WEBHOOK_SECRET");
  const portText = get("PORT");
  let webhook: Config["webhook"];
  if (webhookUrl !== undefined) {
    if (!isHttpUrl(webhookUrl)) {
      throw new ConfigError("WEBHOOK_URL", "must be an https URL such as https://bot.example.com/telegram");
    }
    if (token === undefined) {
      throw new ConfigError("WEBHOOK_URL", "needs BOT_TOKEN to be set as well");
    }
    if (secret !== undefined && !SECRET_PATTERN.test(secret)) {
      throw new ConfigError("WEBHOOK_SECRET", "must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
    }
    webhook = { url: webhookUrl, secret, port: 8080, path: new URL(webhookUrl).pathname };
  } else if (secret !== undefined && !SECRET_PATTERN.test(secret)) {
    throw new ConfigError("WEBHOOK_SECRET", "must be 1-256 characters of A-Z, a-z, 0-9, _ and -");
  }
  if (portText !== undefined) {
    const port = Number(portText);
    if (!/^\d{1,5}$/.test(portText) || port > 65535) {
      throw new ConfigError("PORT", `${shown(portText, 20, token)} is not a port number (0-65535)`);
    }
    if (webhook) webhook.port = port;
  }

  const level = (get("LOG_LEVEL") ?? "info").toLowerCase();
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError("LOG_LEVEL", `${shown(level, 20, token)} is not one of ${LEVELS.join(", ")}`);
  }

  return { token, adminIds, dataDir, apiRoot, webhook, logLevel: level as LogLevel };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
