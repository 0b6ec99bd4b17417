/**
 * A small fake Telegram Bot API server on 127.0.0.1 for tests, hardening and
 * soak runs: the real bot process talks to it through TELEGRAM_API_ROOT.
 *
 * - `pushUpdate` queues an update; `getUpdates` long-polls with offset/timeout.
 * - Every call is recorded (`calls`, `waitForCall`).
 * - `failNext` injects 429 retry_after / 5xx / 403 / connection resets;
 *   `delayNext` makes responses slow.
 * - `addFile` serves a download through getFile + /file/bot<token>/<path>.
 * - `setWebhook` is recorded; `deliverWebhook` POSTs an update to it.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update, UserFromGetMe } from "grammy/types";
import { FakeApiState } from "../../src/bot/console/fake-api.ts";

export interface RecordedCall {
  method: string;
  payload: Record<string, any>;
  /** Milliseconds since the server started. */
  at: number;
  /** Position in `calls`. */
  index: number;
}

export interface InjectedFailure {
  /** HTTP status and Bot API error_code (e.g. 429, 500, 403). 0 = reset the connection. */
  status: number;
  description?: string;
  retryAfter?: number;
  /** How many calls fail (default 1). */
  times?: number;
}

export interface FakeBotApiOptions {
  token: string;
  botInfo?: UserFromGetMe;
}

export const FAKE_BOT_INFO: UserFromGetMe = {
  id: 4242,
  is_bot: true,
  first_name: "Test Article Bot",
  username: "TestArticleBot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

type Waiter = () => void;

export class FakeBotApi {
  readonly calls: RecordedCall[] = [];
  /** Requests with a wrong token (answered 401, not recorded in `calls`). */
  unauthorized = 0;
  webhook: { url: string; secret: string | undefined } | null = null;
  readonly botInfo: UserFromGetMe;

  readonly #token: string;
  readonly #server: Server;
  readonly #state: FakeApiState;
  readonly #started = Date.now();
  #updates: Update[] = [];
  #nextUpdateId = 1;
  #pollers = new Set<Waiter>();
  #callWaiters = new Set<Waiter>();
  #failures = new Map<string, InjectedFailure[]>();
  #delays = new Map<string, number[]>();
  #files = new Map<string, { path: string; content: Buffer }>();

  private constructor(options: FakeBotApiOptions) {
    this.#token = options.token;
    this.botInfo = options.botInfo ?? FAKE_BOT_INFO;
    this.#state = new FakeApiState(this.botInfo);
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error) => {
        if (!res.headersSent)
          res.writeHead(500).end(JSON.stringify({ ok: false, error_code: 500, description: String(error) }));
      });
    });
  }

  static async start(options: FakeBotApiOptions): Promise<FakeBotApi> {
    const api = new FakeBotApi(options);
    await new Promise<void>((resolve) => api.#server.listen(0, "127.0.0.1", resolve));
    return api;
  }

  /** The value for TELEGRAM_API_ROOT / client.apiRoot. */
  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Queues an update for getUpdates; returns its update_id. */
  pushUpdate(update: Omit<Update, "update_id"> | Record<string, unknown>): number {
    const update_id = this.#nextUpdateId++;
    this.#updates.push({ update_id, ...update });
    for (const wake of this.#pollers) wake();
    return update_id;
  }

  /** Updates not yet confirmed by a getUpdates offset. */
  get pendingUpdates(): number {
    return this.#updates.length;
  }

  failNext(method: string, failure: InjectedFailure): void {
    const list = this.#failures.get(method) ?? [];
    for (let i = 0; i < (failure.times ?? 1); i++) list.push(failure);
    this.#failures.set(method, list);
  }

  delayNext(method: string, ms: number, times = 1): void {
    const list = this.#delays.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(ms);
    this.#delays.set(method, list);
  }

  /** Makes a file downloadable; returns its file_id. */
  addFile(content: string | Uint8Array, filePath = `documents/file_${this.#files.size + 1}`): string {
    const fileId = `FILE${this.#files.size + 1}_${Math.random().toString(36).slice(2, 10)}`;
    this.#files.set(fileId, { path: filePath, content: Buffer.from(content) });
    return fileId;
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call (from index `from`) matching; rejects after `timeoutMs`. */
  waitForCall(
    predicate: (call: RecordedCall) => boolean,
    { from = 0, timeoutMs = 15_000 }: { from?: number; timeoutMs?: number } = {},
  ): Promise<RecordedCall> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.calls.slice(from).find(predicate);
        if (found) {
          this.#callWaiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        this.#callWaiters.delete(check);
        const seen = this.calls
          .slice(from)
          .map((c) => c.method)
          .join(", ");
        reject(new Error(`timed out waiting for a call (seen since #${from}: ${seen || "none"})`));
      }, timeoutMs);
      if (!check()) this.#callWaiters.add(check);
    });
  }

  /** POSTs an update to the registered webhook, with `secret` as the header (if given). */
  deliverWebhook(update: Record<string, unknown>, secret?: string): Promise<{ status: number; body: string }> {
    if (!this.webhook) throw new Error("no webhook registered");
    const url = new URL(this.webhook.url);
    const body = JSON.stringify({ update_id: this.#nextUpdateId++, ...update });
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            ...(secret !== undefined ? { "x-telegram-bot-api-secret-token": secret } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  async close(): Promise<void> {
    for (const wake of this.#pollers) wake();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      const entry = [...this.#files.values()].find((f) => f.path === decodeURIComponent(file[2]!));
      if (file[1] !== this.#token || !entry) return void res.writeHead(404).end("Not Found");
      return void res.writeHead(200, { "content-type": "application/octet-stream" }).end(entry.content);
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match)
      return void res.writeHead(404).end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
    if (match[1] !== this.#token) {
      this.unauthorized += 1;
      return this.#send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    }
    const method = match[2]!;
    const payload = { ...Object.fromEntries(url.searchParams), ...(await readBody(req)) };

    const delay = this.#delays.get(method)?.shift();
    if (delay) await new Promise((r) => setTimeout(r, delay));

    const call: RecordedCall = { method, payload, at: Date.now() - this.#started, index: this.calls.length };
    const failure = this.#failures.get(method)?.shift();
    if (failure) {
      call.payload = { ...payload, __failed: failure.status };
      this.#record(call);
      if (failure.status === 0) return void req.socket.destroy();
      return this.#send(res, failure.status, {
        ok: false,
        error_code: failure.status,
        description: failure.description ?? defaultDescription(failure.status, failure.retryAfter),
        ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}),
      });
    }

    if (method === "getUpdates") return this.#getUpdates(req, res, payload, call);
    this.#record(call);
    let result: unknown;
    switch (method) {
      case "getFile": {
        const entry = this.#files.get(String(payload.file_id));
        if (!entry)
          return this.#send(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
        result = {
          file_id: payload.file_id,
          file_unique_id: `u_${payload.file_id}`,
          file_size: entry.content.length,
          file_path: entry.path,
        };
        break;
      }
      case "setWebhook":
        this.webhook = { url: String(payload.url), secret: payload.secret_token as string | undefined };
        result = true;
        break;
      case "deleteWebhook":
        this.webhook = null;
        result = true;
        break;
      case "sendMessage":
      case "editMessageText": {
        const text = String(payload.text ?? "");
        if (text.length === 0 || text.length > 4096) {
          return this.#send(res, 400, {
            ok: false,
            error_code: 400,
            description: "Bad Request: message text is empty or too long",
          });
        }
        result = this.#state.result(method, payload);
        break;
      }
      default:
        result = this.#state.result(method, payload);
    }
    this.#send(res, 200, { ok: true, result });
  }

  #record(call: RecordedCall): void {
    this.calls.push(call);
    for (const check of [...this.#callWaiters]) check();
  }

  #getUpdates(req: IncomingMessage, res: ServerResponse, payload: Record<string, any>, call: RecordedCall): void {
    const offset = Number(payload.offset ?? 0);
    const limit = Math.max(1, Math.min(100, Number(payload.limit ?? 100)));
    const timeout = Math.max(0, Number(payload.timeout ?? 0));
    if (offset > 0) this.#updates = this.#updates.filter((u) => u.update_id >= offset);
    this.#record(call);
    const take = () => this.#updates.slice(0, limit);
    if (take().length > 0 || timeout === 0) return this.#send(res, 200, { ok: true, result: take() });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.#pollers.delete(finish);
      clearTimeout(timer);
      if (!res.writableEnded && !req.socket.destroyed) this.#send(res, 200, { ok: true, result: take() });
    };
    const timer = setTimeout(finish, timeout * 1000);
    this.#pollers.add(finish);
    res.on("close", finish);
  }

  #send(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded) return;
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }
}

function defaultDescription(status: number, retryAfter?: number): string {
  if (status === 429) return `Too Many Requests: retry after ${retryAfter ?? 1}`;
  if (status === 403) return "Forbidden: bot was blocked by the user";
  if (status === 400) return "Bad Request: query is too old and response timeout expired or query ID is invalid";
  if (status >= 500) return "Internal Server Error";
  return "Error";
}

async function readBody(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw === "") return {};
  const type = req.headers["content-type"] ?? "";
  if (type.includes("application/json")) return JSON.parse(raw) as Record<string, any>;
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(raw));
  return { __raw: raw };
}
