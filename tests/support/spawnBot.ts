/**
 * Starts the real bot with `npm start` in its own process group, with a
 * controlled environment (a developer's .env cannot leak in: every variable
 * is set, empty meaning unset), and collects its output.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export const REPO = path.resolve(import.meta.dirname, "../..");

const VARIABLES = ["BOT_TOKEN", "ADMIN_IDS", "DATA_DIR", "TELEGRAM_API_ROOT", "WEBHOOK_URL", "WEBHOOK_SECRET", "PORT", "LOG_LEVEL"];

export class BotProcess {
  stdout = "";
  stderr = "";
  readonly exited: Promise<number | null>;
  readonly #child: ChildProcess;

  /**
   * `via: "npm"` runs `npm start --silent` (what users type); `via: "tsx"` runs
   * the same command npm runs (`tsx src/main.ts`) without npm in between, so
   * a test can see the bot's own exit code after a signal.
   */
  constructor(env: Record<string, string>, options: { stdin?: "pipe" | "ignore"; via?: "npm" | "tsx" } = {}) {
    const stdin = options.stdin ?? "ignore";
    const [command, args] =
      options.via === "tsx" ? [path.join(REPO, "node_modules/.bin/tsx"), ["src/main.ts"]] : ["npm", ["start", "--silent"]];
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) clean[k] = v;
    for (const name of VARIABLES) clean[name] = "";
    delete clean.NODE_OPTIONS;
    this.#child = spawn(command, args, {
      cwd: REPO,
      env: { ...clean, NO_COLOR: "1", ...env },
      stdio: [stdin, "pipe", "pipe"],
      detached: true,
    });
    this.#child.stdout!.on("data", (c: Buffer) => (this.stdout += c.toString()));
    this.#child.stderr!.on("data", (c: Buffer) => (this.stderr += c.toString()));
    this.exited = new Promise((resolve) => this.#child.on("exit", (code) => resolve(code)));
  }

  get stdin(): NodeJS.WritableStream {
    return this.#child.stdin!;
  }

  /** Waits until `pattern` appears in stdout or stderr. */
  async waitForOutput(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.stdout + this.stderr)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; stderr: ${this.stderr.slice(-2000)}`);
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
