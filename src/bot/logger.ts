/**
 * A small levelled logger that writes one line per event to stderr, readable
 * text by default or one JSON object a line (`LOG_FORMAT=json`) for log
 * collectors.
 *
 * Standard output stays free for the console chat. Every string passes through
 * the redactor (no token or secret is printed) and through `sanitise` (a file
 * name with a newline cannot forge a log line): this is the one place both
 * happen. A hand-written JSON formatter is kept instead of pino: the bot logs
 * a few lines per minute, and pino's key-path redaction would not find a token
 * inside an error message, which is where tokens turn up.
 */
import type { LogFormat, LogLevel } from "../config.ts";
import { Redactor } from "./redact.ts";

export interface Logger {
  error(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  debug(message: string, extra?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface LoggerOptions {
  level?: LogLevel;
  /** "text" (default): `<time> <LEVEL> message {extra}`; "json": one object a line. */
  format?: LogFormat;
  /** Secrets never to print; the token is added by whoever creates the logger. */
  redactor?: Redactor;
  /** Where lines go; stderr by default. */
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const max = RANK[options.level ?? "info"];
  const redactor = options.redactor ?? new Redactor();
  const json = options.format === "json";
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const clean = (text: string) => sanitise(redactor.redact(text));
  const log = (level: LogLevel) => (message: string, extra?: Record<string, unknown>) => {
    if (RANK[level] > max) return;
    const time = new Date().toISOString();
    const fields = extra && Object.keys(extra).length > 0 ? cleanValue(extra, clean) : undefined;
    let line: string;
    if (json) {
      line = safeJson({ time, level, msg: clean(message), ...(fields as Record<string, unknown> | undefined) });
    } else {
      line = `${time} ${level.toUpperCase().padEnd(5)} ${clean(message)}`;
      if (fields) line += " " + safeJson(fields);
    }
    write(redactor.redact(line));
  };
  return { error: log("error"), warn: log("warn"), info: log("info"), debug: log("debug") };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };

/** Line breaks, other control characters and bidi overrides, which can fake or hide log lines. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` on one line with unsafe characters shown as `\uXXXX` escapes. */
export function sanitise(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Strings at any depth redacted and sanitised; errors as their message; cycles cut. */
function cleanValue(value: unknown, clean: (text: string) => string, seen = new Set<unknown>()): unknown {
  if (typeof value === "string") return clean(value);
  if (value instanceof Error) return clean(value.message);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) out = value.map((v) => cleanValue(v, clean, seen));
  else {
    const fields: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) fields[clean(key)] = cleanValue(v, clean, seen);
    out = fields;
  }
  seen.delete(value);
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return "[unserialisable]";
  }
}
