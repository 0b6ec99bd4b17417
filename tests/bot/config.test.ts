import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";
import { describeError, redact, Redactor } from "../../src/bot/redact.ts";
import { createLogger, sanitise } from "../../src/bot/logger.ts";
import { startFailure } from "../../src/bot/modes/connect.ts";
import { GrammyError, HttpError } from "grammy";

const TOKEN = "123456789:AAHk3xYzSECRETsecret_abcdefghijklmno";
const base = { DATA_DIR: "./data" };

function configError(env: Record<string, string>): string {
  try {
    parseConfig({ ...base, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split("\n")).toHaveLength(1);
    return message;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("defaults: console mode, no admins, ./data, info", () => {
    const c = parseConfig(base);
    expect(c.token).toBeUndefined();
    expect(c.adminIds).toEqual([]);
    expect(c.dataDir.endsWith("data")).toBe(true);
    expect(c.logLevel).toBe("info");
    expect(c.logFormat).toBe("text");
    expect(c.webhook).toBeUndefined();
    expect(c.healthPort).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(c.stateDir.endsWith("state")).toBe(true);
    expect(parseConfig({ ...base, BOT_TOKEN: "  " }).token).toBeUndefined();
  });

  it("reads every variable", () => {
    const c = parseConfig({
      ...base,
      BOT_TOKEN: TOKEN,
      ADMIN_IDS: " 12345, 678 ,",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081",
      WEBHOOK_URL: "https://bot.example.com/tg/hook",
      WEBHOOK_SECRET: "s3cret_-X-0123456",
      PORT: "8443",
      LOG_LEVEL: "DEBUG",
      LOG_FORMAT: "json",
      HEALTH_PORT: "9090",
      REDIS_URL: "redis://redis:6379",
      STATE_DIR: "/var/lib/bot",
    });
    expect(c.token).toBe(TOKEN);
    expect(c.adminIds).toEqual([12345, 678]);
    expect(c.apiRoot).toBe("http://127.0.0.1:8081");
    expect(c.webhook).toEqual({
      url: "https://bot.example.com/tg/hook",
      secret: "s3cret_-X-0123456",
      port: 8443,
      path: "/tg/hook",
    });
    expect(c.logLevel).toBe("debug");
    expect(c.logFormat).toBe("json");
    expect(c.healthPort).toBe(9090);
    expect(c.redisUrl).toBe("redis://redis:6379");
    expect(c.stateDir).toBe("/var/lib/bot");
  });

  it("TELEGRAM_API_ROOT with trailing slashes is normalised (grammY appends /bot<token>/...)", () => {
    expect(parseConfig({ ...base, TELEGRAM_API_ROOT: "http://127.0.0.1:8081/" }).apiRoot).toBe("http://127.0.0.1:8081");
    expect(parseConfig({ ...base, TELEGRAM_API_ROOT: "https://tg.example/api//" }).apiRoot).toBe(
      "https://tg.example/api",
    );
  });

  it("a password in TELEGRAM_API_ROOT or WEBHOOK_URL is refused by name and never shown", () => {
    const password = "hunter2-very-secret";
    const api = configError({ TELEGRAM_API_ROOT: `https://admin:${password}@tg.example/` });
    expect(api).toMatch(/^TELEGRAM_API_ROOT: .*password/);
    expect(api).not.toContain(password);
    const hook = configError({ BOT_TOKEN: TOKEN, WEBHOOK_URL: `https://u:${password}@bot.example/hook` });
    expect(hook).toMatch(/^WEBHOOK_URL: /);
    expect(hook).not.toContain(password);
  });

  it("WEBHOOK_URL must be https (the message says so), unless a self-hosted Bot API server is set", () => {
    expect(configError({ BOT_TOKEN: TOKEN, WEBHOOK_URL: "http://bot.example.com/hook" })).toMatch(
      /^WEBHOOK_URL: must be an https URL/,
    );
    const local = parseConfig({
      ...base,
      BOT_TOKEN: TOKEN,
      WEBHOOK_URL: "http://bot:8080/hook",
      TELEGRAM_API_ROOT: "http://bot-api:8081",
    });
    expect(local.webhook?.url).toBe("http://bot:8080/hook");
  });

  it("REDIS_URL with a webhook needs a fixed WEBHOOK_SECRET (instances would overwrite each other's)", () => {
    const webhook = {
      BOT_TOKEN: TOKEN,
      WEBHOOK_URL: "https://bot.example/hook",
      REDIS_URL: "redis://:pw-secret-123@redis:6379",
    };
    const message = configError(webhook);
    expect(message).toMatch(/^WEBHOOK_SECRET: must be set when REDIS_URL is set/);
    expect(message).not.toContain("pw-secret-123");
    expect(parseConfig({ ...base, ...webhook, WEBHOOK_SECRET: "shared_secret_0123" }).redisUrl).toBe(webhook.REDIS_URL);
    expect(configError({ REDIS_URL: "http://redis:6379" })).toMatch(/^REDIS_URL: /);
  });

  it("each wrong value is one line naming the variable, and never echoes the token", () => {
    const bad = "12345:short";
    const tokenMessage = configError({ BOT_TOKEN: bad });
    expect(tokenMessage).toMatch(/^BOT_TOKEN: /);
    expect(tokenMessage).not.toContain(bad);
    expect(configError({ BOT_TOKEN: "no-colon-token-abcdefghijklmnopqrstuvwxyz" })).toMatch(/^BOT_TOKEN: /);
    expect(configError({ ADMIN_IDS: "12,@alice" })).toMatch(/^ADMIN_IDS: "@alice"/);
    expect(configError({ ADMIN_IDS: "-5" })).toMatch(/^ADMIN_IDS: /);
    expect(configError({ DATA_DIR: "/definitely/not/here" })).toMatch(/^DATA_DIR: .*does not exist/);
    expect(configError({ DATA_DIR: "./package.json" })).toMatch(/^DATA_DIR: .*not a directory/);
    expect(configError({ TELEGRAM_API_ROOT: "ftp://x" })).toMatch(/^TELEGRAM_API_ROOT: /);
    expect(configError({ BOT_TOKEN: TOKEN, WEBHOOK_URL: "not a url" })).toMatch(/^WEBHOOK_URL: /);
    expect(configError({ WEBHOOK_URL: "https://x.example/hook" })).toMatch(/^WEBHOOK_URL: needs BOT_TOKEN/);
    expect(configError({ BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://x.example/h", WEBHOOK_SECRET: "has space" })).toMatch(
      /^WEBHOOK_SECRET: /,
    );
    // Too short to be kept out of the logs (and guessable): refused, and the message does not echo it.
    const short = configError({ BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://x.example/h", WEBHOOK_SECRET: "abc_123" });
    expect(short).toMatch(/^WEBHOOK_SECRET: must be 16-256 characters/);
    expect(short).not.toContain("abc_123");
    expect(configError({ PORT: "99999" })).toMatch(/^PORT: /);
    expect(configError({ PORT: "eighty" })).toMatch(/^PORT: /);
    expect(configError({ LOG_LEVEL: "loud" })).toMatch(/^LOG_LEVEL: /);
    expect(configError({ LOG_FORMAT: "xml" })).toMatch(/^LOG_FORMAT: /);
    expect(configError({ HEALTH_PORT: "70000" })).toMatch(/^HEALTH_PORT: /);
  });
});

describe("token redaction", () => {
  it("redacts the token from URLs in error messages", () => {
    const error = new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed, reason: ECONNREFUSED`);
    expect(describeError(error)).not.toContain(TOKEN);
    expect(describeError(error)).not.toContain("SECRET");
    expect(describeError(new Error("x", { cause: new Error(`at /bot${TOKEN}/`) }), [TOKEN])).not.toContain(TOKEN);
    expect(redact(`a ${TOKEN} b`, [TOKEN])).toBe("a <redacted> b");
  });

  it("the logger never writes the token", () => {
    for (const format of ["text", "json"] as const) {
      const lines: string[] = [];
      const logger = createLogger({
        level: "debug",
        format,
        redactor: new Redactor([TOKEN]),
        write: (l) => lines.push(l),
      });
      logger.error(`failed ${TOKEN}`, { url: `https://x/bot${TOKEN}/m` });
      logger.debug("fine");
      expect(lines).toHaveLength(2);
      expect(lines.join("\n")).not.toContain(TOKEN);
      expect(lines.join("\n")).not.toContain("SECRETsecret");
    }
  });

  it("a secret added to the redactor later (a webhook secret made at start) is redacted from then on", () => {
    const lines: string[] = [];
    const redactor = new Redactor();
    const logger = createLogger({ redactor, write: (l) => lines.push(l) });
    redactor.add("run-secret-0123456789");
    logger.info("secret is run-secret-0123456789", { header: "run-secret-0123456789" });
    expect(lines[0]).not.toContain("run-secret-0123456789");
  });
});

describe("log lines", () => {
  it("LOG_FORMAT=json writes one JSON object a line with time, level, msg and the extra fields", () => {
    const lines: string[] = [];
    const logger = createLogger({ format: "json", write: (l) => lines.push(l) });
    logger.warn("skipped a.md: not text", { file: "a.md", bytes: 12, nested: { error: new Error("boom") } });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      level: "warn",
      msg: "skipped a.md: not text",
      file: "a.md",
      bytes: 12,
      nested: { error: "boom" },
    });
    expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
  });

  it("a file name with newlines or control characters cannot forge a log line, in either format", () => {
    const forged = "evil.md\n2026-01-01T00:00:00.000Z ERROR forged line\r\u001b[31m\u2028x";
    for (const format of ["text", "json"] as const) {
      const lines: string[] = [];
      const logger = createLogger({ format, write: (l) => lines.push(l) });
      logger.info(`article uploaded ${forged}`, { file: forged });
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toMatch(/[\n\r\u001b\u2028]/);
    }
    expect(sanitise("a\nb")).toBe("a\\u000ab");
  });
});

describe("start-up failures", () => {
  const network = new HttpError(
    "Network request for 'getMe' failed!",
    new Error(`fetch failed for https://api.telegram.org/bot${TOKEN}/getMe`),
  );

  it("a network error blames TELEGRAM_API_ROOT only when it was set, and never shows the token", () => {
    const redactor = new Redactor([TOKEN]);
    const unset = startFailure(network, undefined, redactor, "HEALTH_PORT");
    expect(unset).not.toMatch(/^TELEGRAM_API_ROOT/);
    expect(unset).toMatch(/^cannot reach Telegram at https:\/\/api\.telegram\.org/);
    expect(unset).not.toContain(TOKEN.split(":")[1]);
    expect(startFailure(network, "http://127.0.0.1:1", redactor, "PORT")).toMatch(
      /^TELEGRAM_API_ROOT: cannot reach the Bot API at http:\/\/127\.0\.0\.1:1 /,
    );
  });

  it("a rejected token and a busy port name their variable", () => {
    const redactor = new Redactor([TOKEN]);
    const rejected = new GrammyError(
      "Call to 'getMe' failed!",
      { ok: false, error_code: 401, description: "Unauthorized" },
      "getMe",
      {},
    );
    expect(startFailure(rejected, undefined, redactor, "PORT")).toMatch(/^BOT_TOKEN: /);
    const busy = Object.assign(new Error("listen EADDRINUSE"), { code: "EADDRINUSE" });
    expect(startFailure(busy, undefined, redactor, "PORT")).toMatch(/^PORT: /);
  });
});
