/**
 * Several instances on one real Redis (redis-server on a loopback port; a
 * test fails when it cannot start): conversation state written by one is read
 * by the other, /stats on either counts both, rate-limit counters are shared,
 * a reload on one reaches the other, and a Redis outage never stops answers.
 */
import type { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Logger } from "../../src/bot/logger.ts";
import { silentLogger } from "../../src/bot/logger.ts";
import { openState, type State } from "../../src/state/open.ts";
import { openRedisState } from "../../src/state/redis-state.ts";
import { connectRedis } from "../../src/state/redis.ts";
import { LIGHTHOUSE, StubEngine, StubLibrary } from "../support/fixtures.ts";
import { Harness, sentMessage } from "../support/harness.ts";
import { startRedis, type RedisServer } from "../support/redis.ts";
import { ADMIN, ALICE, BOB, Updates } from "../support/updates.ts";

let server: RedisServer;
const opened: State[] = [];

beforeAll(async () => {
  server = await startRedis();
}, 30_000);

afterAll(async () => {
  for (const s of opened) await s.close().catch(() => undefined);
  await server?.stop();
});

beforeEach(async () => {
  await server.flush();
});

/** One bot instance: its own library, its own Redis connection. */
async function instance(options: { rateLimit?: { limit: number; timeFrameMs: number } } = {}) {
  const library = new StubLibrary(new StubEngine([LIGHTHOUSE]));
  const state = await openState({ stateDir: "/nonexistent-never-used", redisUrl: server.url }, silentLogger, library);
  opened.push(state);
  const h = new Harness({ library: state.library, rateLimit: options.rateLimit ?? false, state });
  return { library, state, h };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("two instances on one Redis", () => {
  it("conversation state written by one instance is read by the other, with a TTL", async () => {
    const a = await instance();
    const b = await instance();
    await a.state.storage.write("chat:42", { question: "Who restored the lighthouse?", page: 2 });
    expect(await b.state.storage.read("chat:42")).toEqual({ question: "Who restored the lighthouse?", page: 2 });
    const ttl = await server.client().pttl("qa:conv:chat:42");
    expect(ttl).toBeGreaterThan(23 * 3600 * 1000);
    expect(ttl).toBeLessThanOrEqual(24 * 3600 * 1000);
    await b.state.storage.delete("chat:42");
    expect(await a.state.storage.read("chat:42")).toBeUndefined();
  });

  it("a question answered by one instance is paged on by the other: More pressed there", async () => {
    const a = await instance();
    const b = await instance();
    const u = new Updates();
    const question = "harbour lighthouse council money";
    const first = await a.h.reply(u.privateText(question));
    const more = (first.payload.reply_markup.inline_keyboard.flat() as { text: string; callback_data?: string }[]).find((k) => /More/.test(k.text))!;
    const calls = await b.h.send(u.callback(more.callback_data!, sentMessage(first)));
    const edit = calls.find((c) => c.method === "editMessageText")!;
    expect(edit.payload.text).toContain(`Answer 2 of ${b.library.engine.answer(question, { limit: 10 }).length}`);
    expect(calls.find((c) => c.method === "answerCallbackQuery")!.payload.text).toBeUndefined();
  });

  it("/stats on either instance counts the questions both answered", async () => {
    const a = await instance();
    const b = await instance();
    const u = new Updates();
    expect((await a.h.reply(u.privateText("How much will the lighthouse work cost?"))).payload.text).toContain("2 million");
    expect((await b.h.reply(u.privateText("How much will the lighthouse work cost?", BOB))).payload.text).toContain("2 million");
    await b.h.send(u.inline("lighthouse"));
    // Counting is fire-and-forget: wait until the last count has reached Redis.
    let seen = { answered: 0, abstained: 0, inlineQueries: 0 };
    const poll = setInterval(() => void b.state.stats.read().then((c) => (seen = c)), 10);
    await until(() => seen.inlineQueries === 1).finally(() => clearInterval(poll));
    for (const h of [a.h, b.h]) {
      const stats = (await h.reply(u.privateText("/stats", ADMIN))).payload.text as string;
      expect(stats).toContain("Questions answered: 3");
      expect(stats).toContain("Inline queries: 1");
    }
  });

  it("rate-limit counters are shared: a user's messages to both instances count together", async () => {
    const limit = { limit: 2, timeFrameMs: 60_000 };
    const a = await instance({ rateLimit: limit });
    const b = await instance({ rateLimit: limit });
    const u = new Updates();
    expect((await a.h.reply(u.privateText("lighthouse", ALICE))).payload.text).toMatch(/lighthouse/i);
    expect((await b.h.reply(u.privateText("lighthouse", ALICE))).payload.text).toMatch(/lighthouse/i);
    expect((await a.h.reply(u.privateText("lighthouse", ALICE))).payload.text).toMatch(/a bit fast — please ask that again in (59|60) s/);
    // Another user is not affected.
    expect((await b.h.reply(u.privateText("lighthouse", BOB))).payload.text).toMatch(/lighthouse/i);
  });

  it("a /reload on one instance makes the other reload too (and the first only once)", async () => {
    const a = await instance();
    const b = await instance();
    const u = new Updates();
    expect((await a.h.reply(u.privateText("/reload", ADMIN))).payload.text).toMatch(/Reloaded/);
    await until(() => b.library.reloads === 1);
    expect(b.state.reloadBus?.received).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(a.library.reloads).toBe(1); // its own message is not an order to reload again
    expect(b.library.reloads).toBe(1);
  });
});

describe("Redis failures", () => {
  it("with Redis gone, the bot still answers quickly and logs why", async () => {
    const own = await startRedis();
    const lines: string[] = [];
    const logger: Logger = { error: (m) => void lines.push(m), warn: (m) => void lines.push(m), info() {}, debug() {} };
    const redis: Redis = await connectRedis(own.url, logger, { commandTimeoutMs: 300 });
    const library = new StubLibrary(new StubEngine([LIGHTHOUSE]));
    const state = await openRedisState(redis, logger, library);
    const h = new Harness({ library: state.library, rateLimit: { limit: 5, timeFrameMs: 10_000 }, state });
    const u = new Updates();
    await own.stop();

    const started = Date.now();
    expect((await h.reply(u.privateText("How much will the lighthouse work cost?"))).payload.text).toContain("2 million");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await state.storage.read("chat:1")).toBeUndefined();
    await state.storage.write("chat:1", { q: 1 }); // logged, not thrown
    await until(() => lines.some((l) => /state: (read|write) failed/.test(l)));
    await until(() => lines.some((l) => /stats: could not count in Redis/.test(l)));
    // /stats still answers (with the last totals it could read).
    expect((await h.reply(u.privateText("/stats", ADMIN))).payload.text).toContain("Questions answered: 0");
    expect(lines.some((l) => /stats: could not read Redis/.test(l))).toBe(true);
    expect(h.logs.some((l) => /rate limit: counter store failed/.test(l.message))).toBe(true);
    redis.disconnect();
    await state.reloadBus?.close();
  }, 20_000);

  it("an unreachable REDIS_URL is a clear start-up error naming where, without the password", async () => {
    const library = new StubLibrary(new StubEngine([LIGHTHOUSE]));
    await expect(
      openState({ stateDir: "/nonexistent", redisUrl: "redis://:hunter2secret@127.0.0.1:1" }, silentLogger, library),
    ).rejects.toThrow(/cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
  }, 20_000);
});
