/**
 * What the bot is built from. Everything is passed in, so tests can hand the
 * bot a fake library, a recording logger and a fixed clock.
 */
import type { Api, StorageAdapter, Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { ReloadReport } from "../library/library.ts";
import type { RateLimitStore } from "../state/rate-limit-store.ts";
import type { AnswerEngine } from "../search/types.ts";
import type { Logger } from "./logger.ts";
import type { BotStats } from "./stats.ts";

/** The part of `Library` the bot uses (so tests need not build a real one). */
export interface LibraryPort {
  readonly engine: AnswerEngine;
  readonly lastReload: Date | null;
  readonly dataDir: string;
  reload(): Promise<ReloadReport>;
}

/** Downloads a file a user sent, given its file_id; at most `maxBytes`. */
export type FileFetcher = (api: Api, fileId: string, maxBytes: number) => Promise<Uint8Array>;

export interface BotConfig {
  /** The real token, or a placeholder in console mode and tests. */
  token: string;
  adminIds: readonly number[];
  /** Bot API server (TELEGRAM_API_ROOT); default Telegram's. */
  apiRoot?: string;
  /** Largest article an admin may upload, in bytes. */
  maxUploadBytes?: number;
  /** Per-user message rate limit, or false to switch it off. */
  rateLimit?: { limit: number; timeFrameMs: number } | false;
  /** Retry 429/5xx with @grammyjs/auto-retry (off in console mode: nothing to retry). */
  autoRetry?: boolean;
}

export interface BotDeps {
  library: LibraryPort;
  config: BotConfig;
  logger: Logger;
  stats: BotStats;
  /** Rate-limit counters (memory when absent; Redis to share them between instances). */
  rateLimitStore?: RateLimitStore;
  /** Preset bot info: skips getMe (tests, console mode). */
  botInfo?: UserFromGetMe;
  files?: FileFetcher;
  now?: () => Date;
  /**
   * Conversation state (questions behind buttons, the last answer per chat,
   * answered messages): plain JSON through a grammY storage adapter, so a
   * file- or Redis-backed one survives restarts and is shared by instances.
   * Default: in memory, kept for a day.
   */
  storage?: StorageAdapter<unknown>;
  /**
   * The innermost API transformer, in place of the network (console chat,
   * in-process tests): it sees each call as Telegram would, defaults applied.
   */
  transport?: Transformer;
}
