/**
 * Downloading a file a user sent, through the configured Bot API server.
 *
 * The download URL contains the token, so errors from here carry only the
 * HTTP status or a redacted reason, never the URL.
 */
import type { Api } from "grammy";
import type { FileFetcher } from "./deps.ts";
import { describeError } from "./redact.ts";

export function httpFileFetcher(token: string, apiRoot = "https://api.telegram.org"): FileFetcher {
  return async (api: Api, fileId: string, maxBytes: number) => {
    const file = await api.getFile(fileId);
    if (!file.file_path) throw new Error("Telegram gave no file path (file too big?)");
    if (file.file_size !== undefined && file.file_size > maxBytes) throw new Error("file too big");
    let response: Response;
    try {
      response = await fetch(`${apiRoot.replace(/\/+$/, "")}/file/bot${token}/${file.file_path}`, {
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new Error(`download failed: ${describeError(error, [token])}`);
    }
    if (!response.ok) throw new Error(`download failed: HTTP ${response.status}`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of (response.body ?? []) as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) throw new Error("file too big");
      chunks.push(chunk);
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  };
}
