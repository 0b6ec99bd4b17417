/** InFlight: what a graceful stop waits for (every handleUpdate until it settles, within a deadline). */
import { Bot } from "grammy";
import { describe, expect, it } from "vitest";
import { InFlight } from "../../src/bot/modes/inflight.ts";
import { FAKE_BOT_INFO } from "../support/fakeBotApi.ts";
import { ALICE, BOB, Updates } from "../support/updates.ts";

const later = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("InFlight", () => {
  it("tracks every bot.handleUpdate call until its handler is done, and remembers the last update id", async () => {
    const bot = new Bot("1:x", { botInfo: FAKE_BOT_INFO });
    const finished: number[] = [];
    bot.use(async (ctx) => {
      await later(ctx.update.update_id === 7 ? 150 : 20);
      finished.push(ctx.update.update_id);
    });
    const inFlight = InFlight.track(bot);
    const u = new Updates();
    const a = bot.handleUpdate({ ...u.privateText("x", ALICE), update_id: 7 });
    const b = bot.handleUpdate({ ...u.privateText("y", BOB), update_id: 5 });
    expect(inFlight.size).toBe(2);
    expect(inFlight.lastUpdateId).toBe(7);
    expect(await inFlight.drain(5_000)).toEqual({ unfinished: 0 });
    expect(finished.sort()).toEqual([5, 7]);
    await Promise.all([a, b]);
    expect(inFlight.size).toBe(0);
  });

  it("stops waiting at the deadline and says how many are unfinished; a failed handler counts as settled", async () => {
    const inFlight = new InFlight();
    void inFlight.add(later(2_000));
    void inFlight.add(Promise.reject(new Error("handler failed"))).catch(() => undefined);
    const started = Date.now();
    expect(await inFlight.drain(100)).toEqual({ unfinished: 1 });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("also waits for work added while draining", async () => {
    const inFlight = new InFlight();
    let second = false;
    void inFlight.add(later(30).then(() => void inFlight.add(later(30).then(() => (second = true)))));
    expect(await inFlight.drain(5_000)).toEqual({ unfinished: 0 });
    expect(second).toBe(true);
  });
});
