/**
 * Configuration from the environment (and `.env` through dotenv).
 *
 * Every check names the variable it is about, so a wrong value stops start-up
 * with one line the operator can act on. The token's value is never echoed.
 */
import { statSync } from "node:fs";
import path from "node:path";

export type LogLevel = "error" | "warn" | "info" | "debug";
export type LogFormat = "text" | "json";

export interface Config {
  /** Undefined means console mode. */
  token: string | undefined;
  adminIds: number[];
  dataDir: string;
  /** Without trailing slashes; never holds credentials (refused: fetch cannot send them). */
  apiRoot: string | undefined;
  webhook: { url: string; secret: string | undefined; port: number; path: string } | undefined;
  /** Polling mode: serve GET /healthz on this port (webhook mode serves it on PORT). */
  healthPort: number | undefined;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** Shared state for several instances (the STATE layer connects); may hold a password: never print it. */
  redisUrl: string | undefined;
  /** Folder for state kept across restarts when REDIS_URL is not set. */
  stateDir: string;
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
/**
 * Telegram accepts 1-256 of these characters; we ask for 16 or more: a short
 * secret is guessable, and one under 8 characters could not be kept out of the
 * logs (the redactor ignores strings that short: they occur in ordinary text).
 */
const SECRET_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;
const LEVELS: readonly LogLevel[] = ["error", "warn", "info", "debug"];
const FORMATS: readonly LogFormat[] = ["text", "json"];

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
  const looksLikeToken =
    /\d:[A-Za-z0-9_-]{8,}/.test(value) ||
    (secret !== undefined && secret.length >= 8 && value.includes(secret.slice(0, 8)));
  return looksLikeToken ? "(a value that looks like a bot token, not shown)" : `"${value.slice(0, max)}"`;
}

/** Every environment variable the configuration reads (`get` accepts no other name). */
export const CONFIG_VARIABLES = [
  "BOT_TOKEN",
  "ADMIN_IDS",
  "DATA_DIR",
  "TELEGRAM_API_ROOT",
  "WEBHOOK_URL",
  "WEBHOOK_SECRET",
  "PORT",
  "HEALTH_PORT",
  "LOG_LEVEL",
  "LOG_FORMAT",
  "REDIS_URL",
  "STATE_DIR",
] as const;

export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

/** Reads and validates the configuration; throws `ConfigError` on the first bad value. */
export function parseConfig(env: Env, options: { checkDataDir?: boolean } = {}): Config {
  const get = (name: ConfigVariable) => {
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

  const apiRoot = parseApiRoot(get("TELEGRAM_API_ROOT"));

  const webhookUrl = get("WEBHOOK_URL");
  const secret = get("WEBHOOK_SECRET");
  let webhook: Config["webhook"];
  if (webhookUrl !== undefined) {
    const url = parseUrl(webhookUrl);
    // Telegram's Bot API sends webhooks over https only; a self-hosted Bot API
    // server (TELEGRAM_API_ROOT) also allows http, e.g. on a private network.
    const allowed = apiRoot === undefined ? ["https:"] : ["https:", "http:"];
    if (!url || !allowed.includes(url.protocol)) {
      throw new ConfigError(
        "WEBHOOK_URL",
        "must be an https URL such as https://bot.example.com/telegram (http only with a self-hosted Bot API server in TELEGRAM_API_ROOT)",
      );
    }
    if (url.username !== "" || url.password !== "") {
      throw new ConfigError(
        "WEBHOOK_URL",
        "must not contain a user name or password (WEBHOOK_SECRET protects the webhook)",
      );
    }
    if (token === undefined) {
      throw new ConfigError("WEBHOOK_URL", "needs BOT_TOKEN to be set as well");
    }
    webhook = { url: webhookUrl, secret, port: 8080, path: url.pathname };
  }
  if (secret !== undefined && !SECRET_PATTERN.test(secret)) {
    throw new ConfigError(
      "WEBHOOK_SECRET",
      "must be 16-256 characters of A-Z, a-z, 0-9, _ and - (e.g. the output of `openssl rand -hex 16`)",
    );
  }
  const port = parsePort("PORT", get("PORT"), token);
  if (webhook && port !== undefined) webhook.port = port;
  const healthPort = parsePort("HEALTH_PORT", get("HEALTH_PORT"), token);

  const redisUrl = get("REDIS_URL");
  if (redisUrl !== undefined) {
    const url = parseUrl(redisUrl);
    if (!url || (url.protocol !== "redis:" && url.protocol !== "rediss:") || url.hostname === "") {
      throw new ConfigError("REDIS_URL", "must be a redis:// or rediss:// URL such as redis://localhost:6379");
    }
    // Several instances share one webhook: each would register its own random
    // secret with setWebhook and Telegram's requests to the others would get 401.
    if (webhook && secret === undefined) {
      throw new ConfigError(
        "WEBHOOK_SECRET",
        "must be set when REDIS_URL is set (all instances must share one webhook secret)",
      );
    }
  }
  const stateDir = path.resolve(get("STATE_DIR") ?? "./state");
  if (stateDir === dataDir) throw new ConfigError("STATE_DIR", "must not be the data folder (DATA_DIR)");

  const level = (get("LOG_LEVEL") ?? "info").toLowerCase();
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError("LOG_LEVEL", `${shown(level, 20, token)} is not one of ${LEVELS.join(", ")}`);
  }

  const format = (get("LOG_FORMAT") ?? "text").toLowerCase();
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new ConfigError("LOG_FORMAT", `${shown(format, 20, token)} is not one of ${FORMATS.join(", ")}`);
  }

  return {
    token,
    adminIds,
    dataDir,
    apiRoot,
    webhook,
    healthPort,
    logLevel: level as LogLevel,
    logFormat: format as LogFormat,
    redisUrl,
    stateDir,
  };
}

/**
 * TELEGRAM_API_ROOT without trailing slashes (grammY appends `/bot<token>/...`;
 * a trailing slash made every call a 404). The value is never echoed: it may
 * carry a password, which fetch refuses to send anyway.
 */
function parseApiRoot(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const url = parseUrl(value);
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw new ConfigError("TELEGRAM_API_ROOT", "must be an http(s) URL such as https://api.telegram.org");
  }
  if (url.username !== "" || url.password !== "") {
    throw new ConfigError("TELEGRAM_API_ROOT", "must not contain a user name or password (the value is not shown)");
  }
  if (url.search !== "" || url.hash !== "") {
    throw new ConfigError(
      "TELEGRAM_API_ROOT",
      "must not have a query or fragment (expected e.g. https://api.telegram.org)",
    );
  }
  return value.replace(/\/+$/, "");
}

function parsePort(variable: string, text: string | undefined, token: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65535) {
    throw new ConfigError(variable, `${shown(text, 20, token)} is not a port number (0-65535)`);
  }
  return port;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
