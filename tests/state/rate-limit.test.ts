/**
 * The message rate limit with a fake clock: a sliding window (never more than
 * `limit` answers in any window, where a fixed window let 10 through in 2.2 s),
 * and no question lost — queued a little, or told when to ask again.
 */
import { Bot, type Context } from "grammy";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { rateLimit, type RateLimitOptions } from "../../src/bot/middlewares/rate-limit.ts";
import { memoryRateLimitStore, type RateLimitStore } from "../../src/state/rate-limit-store.ts";
import { FAKE_BOT_INFO } from "../support/fakeBotApi.ts";
import { TEST_TOKEN } from "../support/harness.ts";
import { ALICE, BOB, Updates } from "../support/updates.ts";

/** A bot with only the limiter and an echo, on a clock the test moves. */
function limitedBot(options: RateLimitOptions, store: RateLimitStore = memoryRateLimitStore()) {
  const clock = { now: Date.UTC(2026, 0, 1) };
  const sent: { at: number; chat: number; text: string }[] = [];
  const bot = new Bot<Context>(TEST_TOKEN, { botInfo: FAKE_BOT_INFO });
  bot.use(rateLimit(options, { store, now: () => clock.now, sleep: async (ms) => void (clock.now += ms) }));
  bot.on("message:text", (ctx) => ctx.reply(`answer: ${ctx.message.text}`));
  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as { chat_id: number; text: string };
    if (method === "sendMessage") sent.push({ at: clock.now, chat: p.chat_id, text: p.text });
    return { ok: true, result: { message_id: sent.length, date: 0, chat: { id: p.chat_id, type: "private" } } } as never;
  });
  const u = new Updates();
  /** An update sent "now" by the fake clock. */
  const at = (update: Update): Update => {
    if (update.message) update.message.date = Math.floor(clock.now / 1000);
    return update;
  };
  /**
   * Handles updates one after another, as the bot's per-chat sequentializer
   * does, each sent at `sentAt` (ms): the clock is never behind a message's
   * sending time, and moves on while a queued one waits.
   */
  const burst = async (updates: { update: Update; sentAt: number }[]) => {
    for (const { update, sentAt } of updates) {
      if (update.message) update.message.date = Math.floor(sentAt / 1000);
      clock.now = Math.max(clock.now, sentAt);
      await bot.handleUpdate(update);
    }
  };
  return { bot, clock, sent, u, at, burst };
}

/** The most answers in any window of `ms`. */
function mostInWindow(times: number[], ms: number): number {
  let most = 0;
  for (const start of times) most = Math.max(most, times.filter((t) => t >= start && t < start + ms).length);
  return most;
}

describe("sliding window store", () => {
  it("refuses the 6th message in any 10 s, including across what a fixed window would reset", async () => {
    const store = memoryRateLimitStore();
    const t0 = 1_000_000;
    // Five at 9.9 s: a fixed window starting at t0 would reset at 10 s and accept five more.
    for (let i = 0; i < 5; i++) expect(await store.hit("u", t0 + 9_900, 10_000, 5)).toBe(0);
    expect(await store.hit("u", t0 + 10_100, 10_000, 5)).toBe(9_800);
    expect(await store.hit("u", t0 + 19_899, 10_000, 5)).toBe(1);
    expect(await store.hit("u", t0 + 19_900, 10_000, 5)).toBe(0);
    // Another key is counted apart.
    expect(await store.hit("v", t0 + 19_900, 10_000, 5)).toBe(0);
  });

  it("keeps at most maxKeys users (least recent dropped)", async () => {
    const store = memoryRateLimitStore(2);
    expect(await store.hit("a", 0, 10_000, 1)).toBe(0);
    expect(await store.hit("b", 0, 10_000, 1)).toBe(0);
    expect(await store.hit("c", 0, 10_000, 1)).toBe(0);
    expect(await store.hit("a", 1, 10_000, 1)).toBe(0); // forgotten, so allowed again
    expect(await store.hit("c", 1, 10_000, 1)).toBeGreaterThan(0);
  });
});

describe("rate limit middleware", () => {
  it("a burst of 9 private questions: all 9 answered, never more than 5 in any 10 s", async () => {
    const { clock, sent, u, burst } = limitedBot({ limit: 5, timeFrameMs: 10_000 });
    await burst(Array.from({ length: 9 }, (_, i) => ({ update: u.privateText(`q${i + 1}`), sentAt: clock.now })));
    expect(sent.map((s) => s.text)).toEqual(Array.from({ length: 9 }, (_, i) => `answer: q${i + 1}`));
    expect(mostInWindow(sent.map((s) => s.at), 10_000)).toBe(5);
    // The waiting ones came about one window later, not more.
    expect(Math.max(...sent.map((s) => s.at)) - sent[0]!.at).toBe(10_100); // the window and a 0.1 s margin
  });

  it("keeps the README's promise under a steady stream: 30 messages 0.2 s apart, at most 5 answers per 10 s", async () => {
    const { clock, sent, u, burst } = limitedBot({ limit: 5, timeFrameMs: 10_000 });
    const t0 = clock.now;
    await burst(Array.from({ length: 30 }, (_, i) => ({ update: u.privateText(`q${i}`), sentAt: t0 + i * 200 })));
    const answers = sent.filter((s) => s.text.startsWith("answer:"));
    const notices = sent.filter((s) => /a bit fast/.test(s.text));
    expect(mostInWindow(answers.map((s) => s.at), 10_000)).toBe(5);
    // Each answer came at most 15 s after its question was sent.
    for (const a of answers) expect(a.at - (t0 + Number(a.text.slice("answer: q".length)) * 200)).toBeLessThanOrEqual(15_000);
    // Over 30 s of asking, two windows' worth answered (and a little), the rest told when to ask.
    expect(answers.length).toBeGreaterThanOrEqual(10);
    expect(answers.length).toBeLessThanOrEqual(15);
    expect(notices.length).toBeGreaterThanOrEqual(5);
  });

  it("past what can wait, each message is told exactly when to ask again; only a flood beyond that is not answered", async () => {
    const { clock, sent, u, burst } = limitedBot({ limit: 5, timeFrameMs: 10_000 });
    await burst(Array.from({ length: 16 }, (_, i) => ({ update: u.privateText(`q${i + 1}`), sentAt: clock.now })));
    const answers = sent.filter((s) => s.text.startsWith("answer:"));
    const notices = sent.filter((s) => /a bit fast/.test(s.text));
    expect(answers).toHaveLength(10); // 5 at once, 5 after about 10 s (within the 15 s a question may wait)
    expect(notices).toHaveLength(5); // as many notices as the limit, each with the wait
    for (const n of notices) expect(n.text).toMatch(/please ask that again in 10 s/);
    expect(sent).toHaveLength(15); // the 16th is a flood
  });

  it("the wait it names is the real one: asking again then is answered", async () => {
    const { bot, clock, sent, u, at } = limitedBot({ limit: 2, timeFrameMs: 60_000 });
    await bot.handleUpdate(at(u.privateText("q1")));
    clock.now += 5_000;
    await bot.handleUpdate(at(u.privateText("q2")));
    clock.now += 10_000;
    await bot.handleUpdate(at(u.privateText("q3")));
    expect(sent.at(-1)!.text).toMatch(/please ask that again in 45 s/);
    clock.now += 45_000;
    await bot.handleUpdate(at(u.privateText("q4")));
    expect(sent.at(-1)!.text).toBe("answer: q4");
    expect(sent.at(-1)!.at).toBe(clock.now); // not queued: the slot was free as promised
  });

  it("in a group nothing is queued: over the limit the asker is told when to ask again", async () => {
    const { bot, sent, u, at } = limitedBot({ limit: 1, timeFrameMs: 10_000 });
    await bot.handleUpdate(at(u.groupText("/ask@TestArticleBot first")));
    await bot.handleUpdate(at(u.groupText("/ask@TestArticleBot second")));
    expect(sent.map((s) => s.text)).toEqual(["answer: /ask@TestArticleBot first", expect.stringMatching(/again in 10 s/)]);
    expect(sent[1]!.at).toBe(sent[0]!.at);
  });

  it("users are limited apart, and a failing counter store lets messages through", async () => {
    const failing: RateLimitStore = { hit: () => Promise.reject(new Error("Redis down")) };
    const { bot, sent, u, at } = limitedBot({ limit: 1, timeFrameMs: 10_000 }, failing);
    for (let i = 0; i < 3; i++) await bot.handleUpdate(at(u.privateText(`a${i}`, ALICE)));
    expect(sent.filter((s) => s.chat === ALICE.id)).toHaveLength(3);

    const second = limitedBot({ limit: 1, timeFrameMs: 10_000 });
    await second.bot.handleUpdate(second.at(second.u.privateText("a", ALICE)));
    await second.bot.handleUpdate(second.at(second.u.privateText("b", BOB)));
    expect(second.sent.map((s) => s.text)).toEqual(["answer: a", "answer: b"]);
  });
});
