/** STATE_DIR and REDIS_URL in the configuration. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";

const base = { DATA_DIR: "/tmp" };

describe("state configuration", () => {
  it("STATE_DIR defaults to ./state and is resolved; REDIS_URL is off by default", () => {
    const config = parseConfig(base, { checkDataDir: false });
    expect(config.stateDir).toBe(path.resolve("state"));
    expect(config.redisUrl).toBeUndefined();
    expect(parseConfig({ ...base, STATE_DIR: "/var/lib/bot" }, { checkDataDir: false }).stateDir).toBe("/var/lib/bot");
  });

  it("STATE_DIR may not be the data folder", () => {
    expect(() => parseConfig({ DATA_DIR: "/tmp/x", STATE_DIR: "/tmp/x/" }, { checkDataDir: false })).toThrow(/^STATE_DIR: must not be the data folder/);
  });

  it("REDIS_URL must be a redis:// or rediss:// URL, and a bad one is never echoed (it may hold a password)", () => {
    expect(parseConfig({ ...base, REDIS_URL: "redis://:pw@redis:6379/0" }, { checkDataDir: false }).redisUrl).toBe("redis://:pw@redis:6379/0");
    expect(parseConfig({ ...base, REDIS_URL: "rediss://cache.example:6380" }, { checkDataDir: false }).redisUrl).toBe("rediss://cache.example:6380");
    for (const bad of ["http://:hunter2pw@redis:6379", "localhost:6379", "redis://"]) {
      let error: unknown;
      try {
        parseConfig({ ...base, REDIS_URL: bad }, { checkDataDir: false });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^REDIS_URL: must be a redis:\/\//);
      expect((error as Error).message).not.toContain("hunter2pw");
    }
  });
});
