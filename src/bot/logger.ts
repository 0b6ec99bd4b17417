/**
 * A tiny levelled logger that writes one line per event to stderr.
 *
 * Standard output stays free for the console chat; every line passes through
 * `redact`, so a token that slips into an error message is never printed.
 */
import type { LogLevel } from "../config.ts";
import { redact } from "./redact.ts";

export interface Logger {
  error(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  debug(message: string, extra?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface LoggerOptions {
  level?: LogLevel;
  /** Strings never to print (the token). */
  secrets?: readonly (string | undefined)[];
  /** Where lines go; stderr by default. */
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const max = RANK[options.level ?? "info"];
  const secrets = options.secrets ?? [];
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const log = (level: LogLevel) => (message: string, extra?: Record<string, unknown>) => {
    if (RANK[level] > max) return;
    let line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`;
    if (extra && Object.keys(extra).length > 0) line += " " + safeJson(extra);
    write(redact(line, secrets));
  };
  return { error: log("error"), warn: log("warn"), info: log("info"), debug: log("debug") };
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {} };

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v) => (v instanceof Error ? v.message : v));
  } catch {
    return "[unserialisable]";
  }
}
