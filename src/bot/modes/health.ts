/**
 * `GET /healthz` for container runtimes and load balancers: 200 while the bot
 * serves with at least one article loaded, 503 otherwise (starting, stopping,
 * or an empty library), with a one-line JSON body saying which.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export const HEALTH_PATH = "/healthz";

export interface HealthState {
  /** True between "running" and the start of a stop. */
  serving(): boolean;
  /** Documents in the index now served. */
  documents(): number;
}

/** Answers `GET /healthz` (and HEAD); returns false for any other request. */
export function answerHealth(req: IncomingMessage, res: ServerResponse, state: HealthState): boolean {
  const pathname = new URL(req.url ?? "/", "http://localhost").pathname;
  if (pathname !== HEALTH_PATH || (req.method !== "GET" && req.method !== "HEAD")) return false;
  const serving = state.serving();
  const documents = state.documents();
  const ok = serving && documents > 0;
  const body = JSON.stringify({ ok, serving, documents });
  res.writeHead(ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

/** A server that only answers /healthz (polling mode, HEALTH_PORT). */
export async function startHealthServer(port: number, state: HealthState): Promise<Server> {
  const server = createServer((req, res) => {
    if (!answerHealth(req, res, state)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}

/** Stops accepting connections and closes idle keep-alive ones; resolves when all are closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
