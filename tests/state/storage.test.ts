/** The conversation storage wrapper: bounded values, failures logged and read as "no state". */
import type { StorageAdapter } from "grammy";
import { describe, expect, it } from "vitest";
import type { Logger } from "../../src/bot/logger.ts";
import { resilient } from "../../src/state/storage.ts";

function recording() {
  const lines: string[] = [];
  const logger: Logger = { error: (m) => void lines.push(m), warn: (m) => void lines.push(m), info() {}, debug() {} };
  return { logger, lines };
}

function memory(): StorageAdapter<unknown> & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return { data, read: (k) => data.get(k), write: (k, v) => void data.set(k, v), delete: (k) => void data.delete(k) };
}

describe("resilient storage", () => {
  it("refuses a value over the size bound with a warning, and keeps smaller ones", async () => {
    const inner = memory();
    const { logger, lines } = recording();
    const storage = resilient(inner, logger, 1000);
    await storage.write("small", { q: "x".repeat(900) });
    await storage.write("big", { q: "x".repeat(1000) });
    expect(inner.data.has("small")).toBe(true);
    expect(inner.data.has("big")).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/refused a 1008-byte value \(limit 1000\)/)]);
  });

  it("a failing store is logged: reads give undefined, writes and deletes do not throw", async () => {
    const boom = () => Promise.reject(new Error("connection lost"));
    const { logger, lines } = recording();
    const storage = resilient({ read: boom, write: boom, delete: boom }, logger);
    expect(await storage.read("k")).toBeUndefined();
    await expect(storage.write("k", { a: 1 })).resolves.toBeUndefined();
    await expect(storage.delete("k")).resolves.toBeUndefined();
    expect(lines).toEqual(["state: read failed; going on without it", "state: write failed; going on without it", "state: delete failed; going on without it"]);
  });
});
