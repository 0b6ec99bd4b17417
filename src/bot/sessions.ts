/**
 * Conversation state, kept only through a grammY `StorageAdapter` (memory by
 * default; the service may pass a file- or Redis-backed one, so it survives a
 * restart and is shared by every instance). Values are plain JSON — the
 * question, never an engine — so a button pressed after a reload or on another
 * instance re-runs its question against whatever index is served then.
 *
 * Keys:
 *   q:<key>              a question behind buttons (More/Back, suggestions, examples)
 *   c:<chat>[:<user>]    the last answer in a chat (per user in groups), for follow-ups
 *   m:<chat>:<message>   the bot's reply to a user's message, so an edit can edit it
 */
import { createHash } from "node:crypto";
import { MemorySessionStorage, type StorageAdapter } from "grammy";
import type { AnswerContext } from "../search/types.ts";

export interface StoredQuestion {
  question: string;
  /** The conversation it continued, so "More" pages through the same answers the first page came from. */
  context?: AnswerContext;
}

export interface LastAnswer {
  question: string;
  context: AnswerContext | null;
}

export interface AnsweredMessage {
  /** The bot's reply that an edit of the question should replace. */
  replyId: number;
}

/** How long conversation state is kept by the default (in-memory) storage. */
export const MEMORY_TTL_MS = 24 * 60 * 60 * 1000;
/** Most entries the default storage holds; the least recently written go first. */
export const MEMORY_CAPACITY = 50_000;

/**
 * grammY's MemorySessionStorage with a bound: it only drops an expired entry
 * when that key is read again, so a long-running bot would keep every
 * question and message id it ever saw. This keeps at most `capacity`.
 */
export class BoundedMemoryStorage<T> implements StorageAdapter<T> {
  readonly #inner: MemorySessionStorage<T>;
  readonly #order = new Set<string>();

  constructor(
    readonly capacity = MEMORY_CAPACITY,
    ttlMs = MEMORY_TTL_MS,
  ) {
    this.#inner = new MemorySessionStorage<T>(ttlMs);
  }

  read(key: string): T | undefined {
    return this.#inner.read(key);
  }

  write(key: string, value: T): void {
    this.#order.delete(key);
    this.#order.add(key);
    this.#inner.write(key, value);
    for (const oldest of this.#order) {
      if (this.#order.size <= this.capacity) break;
      this.#order.delete(oldest);
      this.#inner.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#order.delete(key);
    this.#inner.delete(key);
  }
}

export function defaultStorage(): StorageAdapter<unknown> {
  return new BoundedMemoryStorage<unknown>();
}

/**
 * A question's key for button data: 8 base64url characters of its hash, so
 * asking the same question again reuses one entry, and any instance derives
 * the same key.
 */
export function questionKey(question: string): string {
  return createHash("sha256").update(question).digest("base64url").slice(0, 8);
}

export class ConversationMemory {
  constructor(private readonly storage: StorageAdapter<unknown>) {}

  /** Stores a question (and the context it was asked in); returns the key its buttons carry. */
  async putQuestion(question: string, context?: AnswerContext | null): Promise<string> {
    const stored: StoredQuestion = context ? { question, context } : { question };
    const key = questionKey(JSON.stringify(stored));
    await this.storage.write(`q:${key}`, JSON.parse(JSON.stringify(stored)) as StoredQuestion);
    return key;
  }

  async question(key: string): Promise<StoredQuestion | undefined> {
    const value = (await this.storage.read(`q:${key}`)) as StoredQuestion | undefined;
    return typeof value?.question === "string" ? value : undefined;
  }

  async lastAnswer(scope: string): Promise<LastAnswer | undefined> {
    const value = (await this.storage.read(`c:${scope}`)) as LastAnswer | undefined;
    return value && typeof value.question === "string" ? value : undefined;
  }

  async setLastAnswer(scope: string, last: LastAnswer): Promise<void> {
    await this.storage.write(`c:${scope}`, JSON.parse(JSON.stringify(last)) as LastAnswer);
  }

  async answered(chatId: number, messageId: number): Promise<AnsweredMessage | undefined> {
    const value = (await this.storage.read(`m:${chatId}:${messageId}`)) as AnsweredMessage | undefined;
    return typeof value?.replyId === "number" ? value : undefined;
  }

  async setAnswered(chatId: number, messageId: number, replyId: number): Promise<void> {
    await this.storage.write(`m:${chatId}:${messageId}`, { replyId } satisfies AnsweredMessage);
  }
}

/**
 * Whose conversation a message continues: the chat in private chats, the
 * user within the chat in groups (two people asking at once do not mix).
 */
export function conversationScope(
  chat: { id: number; type: string } | undefined,
  userId: number | undefined,
): string | null {
  if (!chat) return null;
  return chat.type === "private" || userId === undefined ? String(chat.id) : `${chat.id}:${userId}`;
}
