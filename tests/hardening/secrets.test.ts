/**
 * Secrets and configuration: the token never appears in configuration errors
 * (even when it is pasted into the wrong variable), in logs or replies when a
 * download through the Bot API fails, and a wrong configuration is always one
 * line naming the variable. (Start-up with a closed TELEGRAM_API_ROOT port and
 * a rejected token are in tests/e2e/startup.test.ts; the process losing the
 * Bot API mid-run is in telegram-faults.test.ts.)
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.ts";
import type { Logger } from "../../src/bot/logger.ts";
import { createStats } from "../../src/bot/stats.ts";
import { CONFIG_VARIABLES, ConfigError, parseConfig, TOKEN_PATTERN } from "../../src/config.ts";
import { FakeBotApi } from "../support/fakeBotApi.ts";
import { LIGHTHOUSE, StubEngine, StubLibrary } from "../support/fixtures.ts";
import { ADMIN, Updates } from "../support/updates.ts";

const TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** Tokens shaped like BotFather's: a 6-10 digit id, a colon, 35 URL-safe characters. */
const token = fc
  .tuple(
    fc.integer({ min: 100_000, max: 9_999_999_999 }),
    fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 35, maxLength: 35 }),
  )
  .map(([id, secret]) => `${id}:${secret}`);

/** Every variable but BOT_TOKEN itself: where a token may be pasted by mistake. */
const VARIABLES = CONFIG_VARIABLES.filter((name) => name !== "BOT_TOKEN");

/** True when `text` shows 8 or more consecutive characters of the token's secret part. */
function leaks(text: string, botToken: string): boolean {
  const secret = botToken.split(":")[1]!;
  for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) return true;
  return false;
}

describe("configuration errors", () => {
  it("a token pasted into any other variable stops start-up with one line that does not show it", () => {
    fc.assert(
      fc.property(
        token,
        fc.constantFrom(...VARIABLES),
        fc.constantFrom("", " ", ",", "12,", "@", "/tmp/"),
        fc.boolean(),
        (botToken, variable, prefix, alsoAsToken) => {
          expect(TOKEN_PATTERN.test(botToken)).toBe(true);
          const env: Record<string, string> = { DATA_DIR: ".", [variable]: `${prefix}${botToken}` };
          if (alsoAsToken) env.BOT_TOKEN = botToken;
          if (variable === "WEBHOOK_SECRET" || variable === "WEBHOOK_URL") env.BOT_TOKEN = botToken;
          let message = "";
          try {
            parseConfig(env);
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
            message = (error as Error).message;
            expect(message.split("\n")).toHaveLength(1);
            expect(message.startsWith(`${variable}: `) || message.startsWith("BOT_TOKEN: ")).toBe(true);
          }
          expect(leaks(message, botToken), message).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("any ADMIN_IDS value either gives positive safe integer ids or one line naming ADMIN_IDS", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(fc.oneof(fc.nat().map(String), fc.string({ maxLength: 12 }))).map((a) => a.join(",")),
        ),
        (value) => {
          try {
            const { adminIds } = parseConfig({ DATA_DIR: ".", ADMIN_IDS: value });
            for (const id of adminIds) {
              expect(Number.isSafeInteger(id) && id > 0).toBe(true);
              expect(value).toContain(String(id));
            }
          } catch (error) {
            expect(error).toBeInstanceOf(ConfigError);
            expect((error as Error).message).toMatch(/^ADMIN_IDS: [^\n]*$/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("usernames are never admin ids", () => {
    for (const value of ["@ada_admin", "ada_admin", "1001,@ada", "1001 ada", "+1001", "1001.0", "0x3e9"]) {
      expect(() => parseConfig({ DATA_DIR: ".", ADMIN_IDS: value }), value).toThrow(/^ADMIN_IDS: /);
    }
  });
});

describe("network errors at run time", () => {
  const TOKEN = "8080808080:Qx7vK2mZp9LwT4nRb8YcH3jFd6GsA1eUk0V";
  let api: FakeBotApi;
  const lines: string[] = [];

  beforeAll(async () => {
    api = await FakeBotApi.start({ token: TOKEN });
  });
  afterAll(async () => {
    await api.close().catch(() => undefined);
  });

  it("an upload whose download fails (missing file, then the Bot API gone) gets a polite reply, and neither logs nor replies show the token", async () => {
    const record = (level: string) => (message: string, extra?: Record<string, unknown>) =>
      lines.push(`${level} ${message} ${JSON.stringify(extra ?? {})}`);
    const logger: Logger = {
      error: record("error"),
      warn: record("warn"),
      info: record("info"),
      debug: record("debug"),
    };
    const bot = createBot({
      library: new StubLibrary(new StubEngine([LIGHTHOUSE])),
      config: { token: TOKEN, adminIds: [ADMIN.id], apiRoot: api.url, rateLimit: false, autoRetry: false },
      logger,
      stats: createStats(),
      botInfo: api.botInfo,
    });
    const u = new Updates();
    // A file_id the Bot API does not know: getFile answers 400.
    await bot.handleUpdate(u.document("UNKNOWN_FILE", "a.md", 10, ADMIN));
    // Then the Bot API disappears: getFile fails with a network error (whose raw
    // form names the request URL, token included).
    await api.close();
    await bot.handleUpdate(u.document("GONE", "b.md", 10, ADMIN));

    const replies = api.callsOf("sendMessage").map((c) => String(c.payload.text));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/could not download/);
    const warnings = lines.filter((l) => l.startsWith("warn upload download failed"));
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/getFile/);
    const all = [...replies, ...lines].join("\n");
    expect(all).not.toContain(TOKEN);
    expect(leaks(all, TOKEN), all).toBe(false);
  });
});
