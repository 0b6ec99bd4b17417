/**
 * Realistic results for outgoing Bot API calls that never leave the process:
 * used by the console chat and by the in-process tests, so handlers that read
 * `message_id` from a sent message keep working.
 */
import type { Chat, Message, UserFromGetMe } from "grammy/types";

export class FakeApiState {
  #nextMessageId = 1000;

  constructor(readonly botInfo: UserFromGetMe) {}

  nextMessageId(): number {
    return ++this.#nextMessageId;
  }

  /** A Message as Telegram would return it for sendMessage / editMessageText. */
  message(chatId: number | string, text: string, extra: Record<string, unknown> = {}, messageId?: number): Message {
    const id = typeof chatId === "number" ? chatId : Number(chatId) || 0;
    const chat: Chat =
      id < 0 ? { id, type: "supergroup", title: "Group" } : { id, type: "private", first_name: "User" };
    const bot = this.botInfo;
    return {
      message_id: messageId ?? this.nextMessageId(),
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username },
      text,
      ...(extra.reply_markup ? { reply_markup: extra.reply_markup as Message["reply_markup"] } : {}),
    };
  }

  /** The `result` field for `method` called with `payload`. */
  result(method: string, payload: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "sendMessage":
        return this.message(payload.chat_id as number, textOf(payload), payload);
      case "editMessageText":
        if (payload.inline_message_id) return true;
        return this.message(payload.chat_id as number, textOf(payload), payload, Number(payload.message_id));
      case "getFile":
        return {
          file_id: payload.file_id,
          file_unique_id: `u${String(payload.file_id).length}`,
          file_path: payload.file_id,
        };
      case "getUpdates":
        return [];
      case "getWebhookInfo":
        return { url: "", has_custom_certificate: false, pending_update_count: 0 };
      default:
        return true;
    }
  }
}

/** A message payload's text ("" when missing). */
function textOf(payload: Record<string, unknown>): string {
  return typeof payload.text === "string" ? payload.text : "";
}
