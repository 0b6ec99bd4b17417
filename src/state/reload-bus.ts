/**
 * Reload over Redis publish/subscribe: the data folder is shared, so when an
 * admin's /reload or upload reloads one instance, every other instance must
 * read the folder again too. `broadcasting(library)` is the library the bot
 * is given: its reload() reloads here, then tells the others; a message from
 * another instance reloads the real library (not the wrapper, so no echo).
 */
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { LibraryPort } from "../bot/deps.ts";
import type { Logger } from "../bot/logger.ts";
import type { ReloadReport } from "../library/library.ts";
import { watch } from "./redis.ts";

export const RELOAD_CHANNEL = "qa:reload";

export interface ReloadBus {
  /** This instance's id in messages (its own are ignored). */
  readonly instanceId: string;
  /** Tells every other instance to reload. Never throws. */
  publish(): Promise<void>;
  /** The library to hand the bot: reloading it reloads every instance. */
  broadcasting(library: LibraryPort): LibraryPort;
  /** Reloads done here because another instance asked (for tests and /stats). */
  readonly received: number;
  close(): Promise<void>;
}

export async function createReloadBus(redis: Redis, library: LibraryPort, logger: Logger, channel = RELOAD_CHANNEL): Promise<ReloadBus> {
  const instanceId = randomBytes(6).toString("base64url");
  const subscriber = redis.duplicate();
  watch(subscriber, logger, "redis reload subscription");
  let received = 0;
  subscriber.on("message", (_channel: string, text: string) => {
    let from: unknown;
    try {
      from = (JSON.parse(text) as { from?: unknown }).from;
    } catch {
      return;
    }
    if (from === instanceId) return;
    library.reload().then(
      (report) => {
        received++;
        logger.info(report.ok ? "reloaded at another instance's request" : "reload requested by another instance kept the old index", {
          documents: report.stats.documents,
          ...(report.reason ? { reason: report.reason } : {}),
        });
      },
      (error: unknown) => logger.error("reload requested by another instance failed", { reason: String(error) }),
    );
  });
  await subscriber.subscribe(channel);

  const publish = async () => {
    try {
      await redis.publish(channel, JSON.stringify({ from: instanceId, at: Date.now() }));
    } catch (error) {
      logger.warn("could not tell the other instances to reload", { reason: error instanceof Error ? error.message : String(error) });
    }
  };

  return {
    instanceId,
    publish,
    get received() {
      return received;
    },
    broadcasting: (inner) => ({
      get engine() {
        return inner.engine;
      },
      get lastReload() {
        return inner.lastReload;
      },
      get dataDir() {
        return inner.dataDir;
      },
      async reload(): Promise<ReloadReport> {
        const report = await inner.reload();
        await publish();
        return report;
      },
    }),
    close: async () => {
      await subscriber.quit().catch(() => subscriber.disconnect());
    },
  };
}
