/**
 * Drives the real `createBot` in process: a preset botInfo, and an API
 * transformer that records every outgoing call and answers like Telegram.
 */
import type { Bot, Context } from "grammy";
import { GrammyError, type StorageAdapter, type Transformer } from "grammy";
import type { Message, Update } from "grammy/types";
import { createBot } from "../../src/bot/bot.ts";
import { FakeApiState } from "../../src/bot/console/fake-api.ts";
import type { BotDeps, FileFetcher, LibraryPort } from "../../src/bot/deps.ts";
import type { Logger } from "../../src/bot/logger.ts";
import { createStats, type BotStats } from "../../src/bot/stats.ts";
import { FAKE_BOT_INFO } from "./fakeBotApi.ts";
import { ADMIN } from "./updates.ts";

export const TEST_TOKEN = "123456:TEST-token-abcdefghijklmnopqrstuvwxyz_0123";

export interface Call {
  method: string;
  payload: Record<string, any>;
  /** The result returned to the bot (for sendMessage: the Message). */
  result: unknown;
}

export interface HarnessOptions {
  library: LibraryPort;
  adminIds?: number[];
  rateLimit?: BotDeps["config"]["rateLimit"];
  files?: FileFetcher;
  maxUploadBytes?: number;
  /** Conversation storage (default: the bot's in-memory one). */
  storage?: StorageAdapter<unknown>;
  /** Persistent or shared state (tests/state); memory when absent. */
  state?: Pick<BotDeps, "stats" | "storage" | "rateLimitStore">;
}

export interface LogLine {
  level: keyof Logger;
  message: string;
  extra?: Record<string, unknown>;
}

export class Harness {
  readonly calls: Call[] = [];
  readonly logs: LogLine[] = [];
  readonly bot: Bot<Context>;
  readonly stats: BotStats;
  readonly #state = new FakeApiState(FAKE_BOT_INFO);
  readonly #failures: { method: string; code: number; description: string }[] = [];

  constructor(options: HarnessOptions) {
    this.stats = options.state?.stats ?? createStats();
    const storage = options.state?.storage ?? options.storage;
    const logger = Object.fromEntries(
      (["error", "warn", "info", "debug"] as const).map((level) => [
        level,
        (message: string, extra?: Record<string, unknown>) =>
          this.logs.push({ level, message, ...(extra ? { extra } : {}) }),
      ]),
    ) as unknown as Logger;
    // The transport is the innermost transformer: calls are recorded as Telegram would get them (parse mode, previews set).
    const transport: Transformer = async (_prev, method, payload) => {
      const p = (payload ?? {}) as Record<string, any>;
      const failure = this.#failures.findIndex((f) => f.method === method);
      if (failure >= 0) {
        const [f] = this.#failures.splice(failure, 1);
        this.calls.push({ method, payload: p, result: undefined });
        throw new GrammyError(
          `Call to '${method}' failed!`,
          { ok: false, error_code: f!.code, description: f!.description },
          method,
          p,
        );
      }
      const result = this.#state.result(method, p);
      this.calls.push({ method, payload: p, result });
      return { ok: true, result } as never;
    };
    this.bot = createBot({
      library: options.library,
      config: {
        token: TEST_TOKEN,
        adminIds: options.adminIds ?? [ADMIN.id],
        rateLimit: options.rateLimit ?? false,
        autoRetry: false,
        ...(options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {}),
      },
      logger,
      stats: this.stats,
      ...(options.state?.rateLimitStore ? { rateLimitStore: options.state.rateLimitStore } : {}),
      botInfo: FAKE_BOT_INFO,
      transport,
      ...(options.files ? { files: options.files } : {}),
      ...(storage ? { storage } : {}),
    });
  }

  /** Makes the next call of `method` fail as Telegram would. */
  failNext(method: string, code: number, description: string): void {
    this.#failures.push({ method, code, description });
  }

  async send(update: Update): Promise<Call[]> {
    const from = this.calls.length;
    await this.bot.handleUpdate(update);
    return this.calls.slice(from);
  }

  /** Replies (sendMessage calls) made while handling `update`. */
  async replies(update: Update): Promise<Call[]> {
    return (await this.send(update)).filter((c) => c.method === "sendMessage");
  }

  /** The one reply to `update`; fails the test if there is not exactly one. */
  async reply(update: Update): Promise<Call> {
    const replies = await this.replies(update);
    if (replies.length !== 1) {
      throw new Error(
        `expected one reply, got ${replies.length}: ${JSON.stringify(replies.map((r) => r.payload.text))}`,
      );
    }
    return replies[0]!;
  }
}

export function sentMessage(call: Call): Message {
  return call.result as Message;
}
