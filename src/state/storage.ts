/**
 * grammY storage adapters for conversation state (answer pages, follow-up
 * context): the one on the embedded file store here, the Redis one in
 * redis-state.ts. Both are wrapped so that a value too large
 * is refused with a warning and a store failure is logged and read as "no
 * state" — the bot answers anyway.
 */
import type { StorageAdapter } from "grammy";
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
