/**
 * grammY storage adapters for conversation state (answer pages, follow-up
 * context): one on the embedded file store, one on Redis (the maintained
 * @grammyjs/storage-redis adapter). Both are wrapped so that a value too large
 * is refused with a warning and a store failure is logged and read as "no
 * state" — the bot answers anyway.
 */
import { RedisAdapter } from "@grammyjs/storage-redis";
import type { StorageAdapter } from "grammy";
import type { Redis } from "ioredis";
import type { Logger } from "../bot/logger.ts";
import type { Namespace } from "./file-store.ts";

/** Conversation entries live a day after their last write. */
export const CONVERSATION_TTL_MS = 24 * 60 * 60 * 1000;
/** Entries kept in the file store; the least recently written go first. */
export const CONVERSATION_MAX_ENTRIES = 50_000;
/** A conversation value is a question and a little context, never this big. */
export const MAX_VALUE_BYTES = 64 * 1024;

/** A StorageAdapter over one namespace of the file store (TTL and bound set on the namespace). */
export function fileStorage(space: Namespace): StorageAdapter<unknown> {
  return {
    read: (key) => structuredClone(space.get(key)),
    write: (key, value) => space.set(key, structuredClone(value)),
    delete: (key) => space.delete(key),
  };
}

/** The grammY Redis adapter with a key prefix (several bots may share one Redis) and a TTL. */
export function redisStorage(redis: Redis, options: { prefix: string; ttlMs: number }): StorageAdapter<unknown> {
  const adapter = new RedisAdapter<unknown>({ instance: redis, ttl: Math.ceil(options.ttlMs / 1000) });
  const k = (key: string) => options.prefix + key;
  return {
    read: (key) => adapter.read(k(key)),
    write: (key, value) => adapter.write(k(key), value),
    delete: (key) => adapter.delete(k(key)),
  };
}

/** Bounds value size and turns store failures into log lines. */
export function resilient(adapter: StorageAdapter<unknown>, logger: Logger, maxValueBytes = MAX_VALUE_BYTES): StorageAdapter<unknown> {
  const failed = (op: string) => (error: unknown) => {
    logger.warn(`state: ${op} failed; going on without it`, { reason: error instanceof Error ? error.message : String(error) });
    return undefined;
  };
  return {
    read: async (key) => {
      try {
        return await adapter.read(key);
      } catch (error) {
        return failed("read")(error);
      }
    },
    write: async (key, value) => {
      const bytes = Buffer.byteLength(JSON.stringify(value) ?? "");
      if (bytes > maxValueBytes) {
        logger.warn(`state: refused a ${bytes}-byte value (limit ${maxValueBytes})`);
        return;
      }
      try {
        await adapter.write(key, value);
      } catch (error) {
        failed("write")(error);
      }
    },
    delete: async (key) => {
      try {
        await adapter.delete(key);
      } catch (error) {
        failed("delete")(error);
      }
    },
  };
}
