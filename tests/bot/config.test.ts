import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";
import { describeError, redact } from "../../src/bot/redact.ts";
import { createLogger } from "../../src/bot/logger.ts";

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
    expect(c.webhook).toBeUndefined();
    expect(parseConfig({ ...base, BOT_TOKEN: "  " }).token).toBeUndefined();
  });

  it("reads every variable", () => {
    const c = parseConfig({
      ...base,
      BOT_TOKEN: TOKEN,
      ADMIN_IDS: " 12345, 678 ,",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081",
      WEBHOOK_URL: "https://bot.example.com/tg/hook",
      WEBHOOK_SECRET: "s3cret_-X",
      PORT: "8443",
      LOG_LEVEL: "DEBUG",
    });
    expect(c.token).toBe(TOKEN);
    expect(c.adminIds).toEqual([12345, 678]);
    expect(c.apiRoot).toBe("http://127.0.0.1:8081");
    expect(c.webhook).toEqual({ url: "https://bot.example.com/tg/hook", secret: "s3cret_-X", port: 8443, path: "/tg/hook" });
    expect(c.logLevel).toBe("debug");
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
    expect(configError({ BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://x.example/h", WEBHOOK_SECRET: "has space" })).toMatch(/^WEBHOOK_SECRET: /);
    expect(configError({ PORT: "99999" })).toMatch(/^PORT: /);
    expect(configError({ PORT: "eighty" })).toMatch(/^PORT: /);
    expect(configError({ LOG_LEVEL: "loud" })).toMatch(/^LOG_LEVEL: /);
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
    const lines: string[] = [];
    const logger = createLogger({ level: "debug", secrets: [TOKEN], write: (l) => lines.push(l) });
    logger.error(`failed ${TOKEN}`, { url: `https://x/bot${TOKEN}/m` });
    logger.debug("fine");
    expect(lines).toHaveLength(2);
    expect(lines.join("\n")).not.toContain(TOKEN);
    expect(lines.join("\n")).not.toContain("SECRETsecret");
  });
});
