/**
 * The console chat's transformer is the bot's transport (the innermost one),
 * so it gets each call as Telegram would — parse mode and link-preview
 * defaults applied — and renders HTML because the call says it is HTML.
 */
import { PassThrough } from "node:stream";
import type { Transformer } from "grammy";
import { describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.ts";
import { CONSOLE_BOT_INFO, CONSOLE_TOKEN, CONSOLE_USER, ConsoleChat } from "../../src/bot/console/chat.ts";
import { silentLogger } from "../../src/bot/logger.ts";
import { createStats } from "../../src/bot/stats.ts";
import { LIGHTHOUSE, StubEngine, StubLibrary } from "../support/fixtures.ts";

describe("console chat transport", () => {
  it("sees every message with the bot's defaults applied, and prints it rendered", async () => {
    const seen: { method: string; payload: Record<string, unknown> }[] = [];
    const output = new PassThrough();
    let out = "";
    output.on("data", (c: Buffer) => (out += c.toString()));
    const input = new PassThrough();
    const chat = new ConsoleChat({
      bot: (transport) => {
        const spy: Transformer = (prev, method, payload, signal) => {
          seen.push({ method, payload: { ...(payload as Record<string, unknown>) } });
          return transport(prev, method, payload, signal);
        };
        return createBot({
          library: new StubLibrary(new StubEngine([LIGHTHOUSE])),
          config: { token: CONSOLE_TOKEN, adminIds: [CONSOLE_USER.id], autoRetry: false, rateLimit: false },
          logger: silentLogger,
          stats: createStats(),
          botInfo: CONSOLE_BOT_INFO,
          transport: spy,
        });
      },
      input,
      output,
      color: false,
      prompt: false,
    });
    const done = chat.run();
    input.end(["/help", "/about"].join("\n") + "\n");
    await done;
    const messages = seen.filter((c) => c.method === "sendMessage");
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const m of messages) {
      expect(m.payload.parse_mode).toBe("HTML");
      expect(m.payload.link_preview_options).toEqual({ is_disabled: true });
    }
    expect(out).toContain("bot ›");
    expect(out).not.toMatch(/<\/?(b|i|code|a)\b|&amp;|&lt;/);
  });
});
