/**
 * Starts the real bot with `npm start` in its own process group, with a
 * controlled environment (a developer's .env cannot leak in: every variable
 * is set, empty meaning unset), and collects its output. It runs the built
 * code in dist/ (tests/support/build.ts builds it before the suite).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { CONFIG_VARIABLES } from "../../src/config.ts";

export const REPO = path.resolve(import.meta.dirname, "../..");

export class BotProcess {
  stdout = "";
  stderr = "";
  readonly exited: Promise<number | null>;
  readonly #child: ChildProcess;

  /**
   * `via: "npm"` runs `npm start --silent` (what users type); `via: "node"` runs
   * the same command npm runs (`node dist/main.js`) without npm in between, so
   * a test can see the bot's own exit code after a signal.
   */
  constructor(env: Record<string, string>, options: { stdin?: "pipe" | "ignore"; via?: "npm" | "node" } = {}) {
    const stdin = options.stdin ?? "ignore";
    const [command, args] =
      options.via === "node" ? [process.execPath, ["dist/main.js"]] : ["npm", ["start", "--silent"]];
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) clean[k] = v;
    for (const name of CONFIG_VARIABLES) clean[name] = "";
    delete clean.NODE_OPTIONS;
    this.#child = spawn(command, args, {
      cwd: REPO,
      // A fresh state folder per process unless the test shares one (restarts).
      env: { ...clean, NO_COLOR: "1", STATE_DIR: mkdtempSync(path.join(os.tmpdir(), "bot-state-")), ...env },
      stdio: [stdin, "pipe", "pipe"],
      detached: true,
    });
    this.#child.stdout!.on("data", (c: Buffer) => (this.stdout += c.toString()));
    this.#child.stderr!.on("data", (c: Buffer) => (this.stderr += c.toString()));
    this.exited = new Promise((resolve) => this.#child.on("exit", (code) => resolve(code)));
  }

  /** The id of the spawned process (npm or node); also its process group's id. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** True while any process of the spawned process group is alive. */
  groupAlive(): boolean {
    const pid = this.#child.pid;
    if (pid === undefined) return false;
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  get stdin(): NodeJS.WritableStream {
    return this.#child.stdin!;
  }

  /** Waits until `pattern` appears in stdout or stderr. */
  async waitForOutput(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.stdout + this.stderr)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${pattern}; stderr: ${this.stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /**
   * Sends `signal` (to the whole process group, or only to the spawned
   * process) and waits for its exit code; SIGKILLs the group after `timeoutMs`.
   */
  async stop(signal: NodeJS.Signals = "SIGTERM", { group = true, timeoutMs = 15_000 } = {}): Promise<number | null> {
    const pid = this.#child.pid;
    if (pid !== undefined && this.#child.exitCode === null) {
      try {
        process.kill(group ? -pid : pid, signal);
      } catch {
        /* already gone */
      }
    }
    const timer = setTimeout(() => {
      if (pid !== undefined) {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          /* gone */
        }
      }
    }, timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for the webhook server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
