/**
 * A real redis-server (Debian's package; `.ci/run` installs it) on a free
 * loopback port, without persistence, for the tests that need Redis. When it
 * cannot start, `startRedis` throws: such a test fails, never skips.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { freePort } from "./spawnBot.ts";

export interface RedisServer {
  url: string;
  /** A new client on this server (closed by `stop`). */
  client(): Redis;
  /** Clears every key (between tests). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  let lastError = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    let child: ChildProcess;
    try {
      child = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        {
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
    } catch (error) {
      throw new Error(`cannot start redis-server (install it: apt-get install -y redis-server): ${String(error)}`);
    }
    let output = "";
    child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      child.once("error", (error) => {
        lastError = `cannot start redis-server (install it: apt-get install -y redis-server): ${error.message}`;
        clearTimeout(timer);
        resolve(false);
      });
      child.once("exit", () => {
        clearTimeout(timer);
        resolve(false);
      });
      const check = () => {
        if (/Ready to accept connections/.test(output)) {
          clearTimeout(timer);
          resolve(true);
        } else setTimeout(check, 20);
      };
      check();
    });
    if (!ready) {
      child.kill("SIGKILL");
      if (/ENOENT/.test(lastError)) throw new Error(lastError);
      lastError ||= `redis-server did not start on port ${port}: ${output.slice(-500)}`;
      continue;
    }
    const url = `redis://127.0.0.1:${port}`;
    const clients: Redis[] = [];
    const admin = new Redis(url);
    clients.push(admin);
    return {
      url,
      client() {
        const c = new Redis(url);
        clients.push(c);
        return c;
      },
      flush: async () => {
        await admin.flushall();
      },
      stop: async () => {
        for (const c of clients) c.disconnect();
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        await exited;
      },
    };
  }
  throw new Error(lastError);
}
