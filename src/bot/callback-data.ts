/**
 * The "More"/"Back" buttons' callback data: `more:<key>:<index>`.
 *
 * Parsing is strict because anyone can send any callback data: a forged or
 * malformed string yields null, never an exception.
 */
const PATTERN = /^more:([A-Za-z0-9_-]{8}):(\d{1,2})$/;

export interface MoreData {
  key: string;
  index: number;
}

export function encodeMore(key: string, index: number): string {
  const data = `more:${key}:${index}`;
  if (!PATTERN.test(data)) throw new Error(`invalid callback data: ${data}`);
  return data;
}

export function decodeMore(data: string | undefined): MoreData | null {
  const match = data === undefined ? null : PATTERN.exec(data);
  if (!match) return null;
  return { key: match[1]!, index: Number(match[2]) };
}

/** Any callback data this bot ever produces starts with this. */
export const MORE_PREFIX = "more:";
