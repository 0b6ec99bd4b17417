/**
 * Builders for the updates Telegram would send, with the entities it would
 * attach (bot_command, mention), for in-process tests and the fake server.
 */
import type { Chat, Message, MessageEntity, Update, User } from "grammy/types";

export const ADMIN: User = { id: 1001, is_bot: false, first_name: "Ada", username: "ada_admin" };
export const ALICE: User = { id: 2002, is_bot: false, first_name: "Alice", username: "alice" };
export const BOB: User = { id: 3003, is_bot: false, first_name: "Bob" };
export const GROUP: Chat.SupergroupChat = { id: -1001234567890, type: "supergroup", title: "Readers" };

export function entitiesFor(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const m of text.matchAll(/(^|\s)(@[A-Za-z0-9_]{5,32})/g)) {
    entities.push({ type: "mention", offset: m.index + m[1]!.length, length: m[2]!.length });
  }
  return entities;
}

function privateChat(user: User): Chat.PrivateChat {
  return { id: user.id, type: "private", first_name: user.first_name };
}

export class Updates {
  #updateId = 1;
  #messageId = 1;

  #wrap(body: Record<string, unknown>): Update {
    return { update_id: this.#updateId++, ...body };
  }

  message(chat: Chat, from: User, fields: Record<string, unknown>): Message {
    return { message_id: this.#messageId++, date: Math.floor(Date.now() / 1000), chat, from, ...fields };
  }

  textMessage(chat: Chat, from: User, text: string, extra: Record<string, unknown> = {}): Message {
    const entities = entitiesFor(text);
    return this.message(chat, from, { text, ...(entities.length ? { entities } : {}), ...extra });
  }

  /** A private text message from `from`. */
  privateText(text: string, from: User = ALICE): Update {
    return this.#wrap({ message: this.textMessage(privateChat(from), from, text) });
  }

  groupText(text: string, from: User = ALICE, extra: Record<string, unknown> = {}): Update {
    return this.#wrap({ message: this.textMessage(GROUP, from, text, extra) });
  }

  sticker(from: User = ALICE): Update {
    return this.#wrap({
      message: this.message(privateChat(from), from, {
        sticker: {
          file_id: "STICKER",
          file_unique_id: "S1",
          type: "regular",
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
        },
      }),
    });
  }

  photo(from: User = ALICE, chat: Chat = privateChat(from)): Update {
    return this.#wrap({
      message: this.message(chat, from, { photo: [{ file_id: "PHOTO", file_unique_id: "P1", width: 90, height: 90 }] }),
    });
  }

  voice(from: User = ALICE): Update {
    return this.#wrap({
      message: this.message(privateChat(from), from, {
        voice: { file_id: "VOICE", file_unique_id: "V1", duration: 2 },
      }),
    });
  }

  document(fileId: string, fileName: string, size: number, from: User = ADMIN): Update {
    return this.#wrap({
      message: this.message(privateChat(from), from, {
        document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: fileName, file_size: size },
      }),
    });
  }

  /** A button press on `message` (as the bot sent it) with `data`. */
  callback(data: string, message: Message, from: User = ALICE): Update {
    return this.#wrap({ callback_query: { id: `cb${this.#updateId}`, from, chat_instance: "ci", message, data } });
  }

  /** `original` edited to `text` (same message id), as `edited_message`. */
  edited(original: Message, text: string): Update {
    const entities = entitiesFor(text);
    const { entities: _old, ...rest } = original as Message.TextMessage;
    return this.#wrap({
      edited_message: {
        ...rest,
        text,
        ...(entities.length ? { entities } : {}),
        edit_date: Math.floor(Date.now() / 1000),
      },
    });
  }

  inline(query: string, offset = "", from: User = ALICE): Update {
    return this.#wrap({ inline_query: { id: `iq${this.#updateId}`, from, query, offset, chat_type: "sender" } });
  }
}
