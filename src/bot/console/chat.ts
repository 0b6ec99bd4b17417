/**
 * The console chat: the same bot object and handlers, talking to a terminal.
 *
 * Typed lines become updates fed to `bot.handleUpdate`; an API transformer
 * catches every outgoing call (nothing reaches the network) and prints it
 * readably. Works with piped input too, and returns at end of input.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Bot, Context, Transformer } from "grammy";
import type { InlineKeyboardButton, InlineQueryResult, Message, User, UserFromGetMe } from "grammy/types";
import { COMMANDS } from "../commands.ts";
import type { FileFetcher } from "../deps.ts";
import { FakeApiState } from "./fake-api.ts";
import { htmlToText } from "./html-to-text.ts";

/** Who the console user is: an admin unless they switch with `:guest`. */
export const CONSOLE_USER: User = { id: 777_000_001, is_bot: false, first_name: "You", username: "console_user" };
export const CONSOLE_GUEST: User = { id: 777_000_002, is_bot: false, first_name: "Guest", username: "console_guest" };
export const CONSOLE_GROUP_ID = -100_777_000_001;

export const CONSOLE_BOT_INFO: UserFromGetMe = {
  id: 777_000_000,
  is_bot: true,
  first_name: "Article Q&A",
  username: "ArticleQABot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/** A placeholder token: the console never talks to Telegram. */
export const CONSOLE_TOKEN = "0:console-mode-no-token";

export function consoleHelp(username: string): string {
  return [
    "Console commands (everything else is sent to the bot as a private message):",
    "  What did they discuss?      ask a question",
    `  ${Object.values(COMMANDS)
      .filter((c) => !("hidden" in c))
      .map((c) => `/${c.command}`)
      .join(" ")}   bot commands (you are an admin)`,
    `  @${username} question       inline query (also: ?question; "@${username}" alone for key quotes)`,
    "  :next                       next page of inline results     :pick N   send inline result N",
    "  :press N  :more :back       press a button under the last answer (also /press N, :N; Share runs the inline query)",
    "  :open                       read the folded passage under the last answer",
    "  :edit text                  edit your last message (the bot edits its answer)",
    "  :group text                 say something in a group (try /ask@… , @mention, plain chatter)",
    "  :reply text                 reply in the group to the bot's last group message",
    "  :file path/to/article.md    send a file (adds an article, as admin)",
    "  :guest / :admin             switch between a normal user and the admin",
    "  :help  :quit",
  ].join("\n");
}

/** Reads a local file for `:file` uploads (file_id is the path). */
export const localFileFetcher: FileFetcher = async (_api, fileId, maxBytes) => {
  const info = await stat(fileId);
  if (info.size > maxBytes) throw new Error("file too big");
  return new Uint8Array(await readFile(fileId));
};

interface Keyboard {
  chatId: number;
  messageId: number;
  buttons: InlineKeyboardButton[];
}

export interface ConsoleOptions {
  /**
   * Builds the bot with the console's transformer as `deps.transport`: the
   * innermost one, so it sees each call as Telegram would (parse mode and
   * the other defaults applied), and nothing reaches the network.
   */
  bot: (transport: Transformer) => Bot<Context>;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  color: boolean;
  /** Show a prompt (interactive terminals only). */
  prompt: boolean;
}

export class ConsoleChat {
  readonly #bot: Bot<Context>;
  readonly #out: NodeJS.WritableStream;
  readonly #color: boolean;
  readonly #state: FakeApiState;
  #updateId = 1;
  #user: User = CONSOLE_USER;
  #keyboard: Keyboard | undefined;
  #inline: { query: string; results: InlineQueryResult[]; nextOffset: string } | undefined;
  #lastGroupBotMessage: Message | undefined;

  constructor(private readonly options: ConsoleOptions) {
    this.#bot = options.bot(this.#transformer);
    this.#out = options.output;
    this.#color = options.color;
    this.#state = new FakeApiState(this.#bot.botInfo);
  }

  get username(): string {
    return this.#bot.botInfo.username;
  }

  #print(text: string): void {
    this.#out.write(text + "\n");
  }

  #dim(text: string): string {
    return this.#color ? `\x1b[2m${text}\x1b[22m` : text;
  }

  /**
   * Telegram HTML as terminal text. An expandable blockquote (the passage
   * around an answer) is shown folded, as Telegram shows it: its first words
   * and the key that opens it (`:open`).
   */
  #render(html: string): string {
    const fold = /<blockquote expandable>([\s\S]*?)<\/blockquote>/;
    const m = fold.exec(html);
    if (!m) return htmlToText(html, { color: this.#color });
    const inner = htmlToText(m[1]!, { color: false });
    this.#folded = htmlToText(`<blockquote>${m[1]!}</blockquote>`, { color: this.#color });
    const preview = inner.replace(/\s+/g, " ").trim();
    const short = preview.length > 70 ? `${preview.slice(0, 70).replace(/\s\S*$/, "")}…` : preview;
    const before = htmlToText(html.slice(0, m.index), { color: this.#color }).replace(/\n$/, "");
    const after = htmlToText(html.slice(m.index + m[0].length), { color: this.#color }).replace(/^\n/, "");
    return `${before}\n${this.#dim(`│ ${short}  [:open to read the passage]`)}\n${after}`;
  }

  /** The last folded passage, shown in full by `:open`. */
  #folded: string | undefined;
  /** The user's last message, for `:edit`. */
  #lastOwnMessage: Message | undefined;

  /** Intercepts every API call: prints it, returns what Telegram would. */
  readonly #transformer: Transformer = (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    const result = this.#state.result(method, p);
    const chatId = Number(p.chat_id);
    const where = chatId < 0 ? "[group] " : "";
    switch (method) {
      case "sendMessage":
      case "editMessageText": {
        const text = typeof p.text === "string" ? p.text : "";
        const body = p.parse_mode === "HTML" ? this.#render(text) : text;
        const label = method === "editMessageText" ? "bot (edited)" : "bot";
        this.#print(`\n${where}${label} › ${body}`);
        this.#showKeyboard(p, result as Message);
        if (chatId < 0 && method === "sendMessage") this.#lastGroupBotMessage = result as Message;
        break;
      }
      case "answerCallbackQuery":
        if (typeof p.text === "string" && p.text) this.#print(this.#dim(`  🔔 ${p.text}`));
        break;
      case "answerInlineQuery":
        this.#showInline(p);
        break;
      case "setMessageReaction": {
        const emoji = (p.reaction as Array<{ emoji?: string }> | undefined)?.map((r) => r.emoji ?? "").join("") ?? "";
        this.#print(this.#dim(`\n${where}bot reacted ${emoji} to your message`));
        break;
      }
      default:
        break;
    }
    return Promise.resolve({ ok: true, result } as never);
  };

  #showKeyboard(p: Record<string, unknown>, message: Message): void {
    const markup = p.reply_markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined;
    const buttons = markup?.inline_keyboard?.flat() ?? [];
    if (buttons.length === 0) {
      if (p.reply_markup !== undefined || this.#keyboard?.messageId === message.message_id) this.#keyboard = undefined;
      return;
    }
    this.#keyboard = { chatId: message.chat.id, messageId: message.message_id, buttons };
    this.#print(
      this.#dim(`  ${buttons.map((b, i) => `[${i + 1}] ${b.text}`).join("   ")}   (type :press N, or :more / :back)`),
    );
  }

  #showInline(p: Record<string, unknown>): void {
    const results = (p.results as InlineQueryResult[]) ?? [];
    const nextOffset = typeof p.next_offset === "string" ? p.next_offset : "";
    const previous = this.#inline && this.#pendingOffset ? this.#inline.results : [];
    this.#inline = { query: this.#pendingQuery, results: [...previous, ...results], nextOffset };
    if (results.length === 0) {
      const button = (p.button as { text?: string } | undefined)?.text;
      this.#print(`\ninline › no results${button ? ` — ${button}` : ""}`);
      return;
    }
    const lines = results.map((r, i) => {
      const a = r as { title?: string; description?: string };
      return `  [${previous.length + i + 1}] ${a.title ?? r.type}${a.description ? this.#dim(` — ${a.description}`) : ""}`;
    });
    this.#print(
      `\ninline › ${results.length} ${results.length === 1 ? "result" : "results"}${previous.length ? " more" : ""}:\n${lines.join("\n")}`,
    );
    this.#print(this.#dim(`  (type :pick N to send one${nextOffset ? ", :next for more" : ""})`));
  }

  #pendingQuery = "";
  #pendingOffset = "";

  #from(): User {
    return this.#user;
  }

  async #send(update: Record<string, unknown>): Promise<void> {
    await this.#bot.handleUpdate({ update_id: this.#updateId++, ...update });
  }

  #message(chatId: number, text: string, extra: Partial<Message> = {}): Message {
    const chat =
      chatId < 0
        ? { id: chatId, type: "supergroup" as const, title: "Console group" }
        : { id: chatId, type: "private" as const, first_name: this.#user.first_name };
    const message = {
      message_id: this.#state.nextMessageId(),
      date: Math.floor(Date.now() / 1000),
      chat,
      from: this.#from(),
      text,
      ...extra,
    } as Message;
    const entities = commandAndMentionEntities(text);
    if (entities.length > 0 && !extra.document) (message as Message.TextMessage).entities = entities;
    if (!extra.document) this.#lastOwnMessage = message;
    return message;
  }

  async #inlineQuery(query: string, offset: string): Promise<void> {
    this.#pendingQuery = query;
    this.#pendingOffset = offset;
    await this.#send({
      inline_query: {
        id: String(this.#updateId),
        from: this.#from(),
        query: query.slice(0, 256),
        offset,
        chat_type: "private",
      },
    });
  }

  async #press(selector: string): Promise<void> {
    const kb = this.#keyboard;
    if (!kb) return this.#print(this.#dim("  (no buttons to press)"));
    let button: InlineKeyboardButton | undefined;
    if (/^\d+$/.test(selector)) button = kb.buttons[Number(selector) - 1];
    else button = kb.buttons.find((b) => b.text.toLowerCase().includes(selector.toLowerCase()));
    if (button && "switch_inline_query" in button) {
      // Share: Telegram would let you pick a chat and type "@bot question" there.
      this.#print(
        this.#dim(`  (share: in the chat you pick, Telegram types @${this.username} ${button.switch_inline_query})`),
      );
      this.#inline = undefined;
      return this.#inlineQuery(button.switch_inline_query ?? "", "");
    }
    if (!button || !("callback_data" in button)) return this.#print(this.#dim(`  (no button "${selector}")`));
    const message = {
      message_id: kb.messageId,
      date: Math.floor(Date.now() / 1000),
      chat:
        kb.chatId < 0
          ? { id: kb.chatId, type: "supergroup", title: "Console group" }
          : { id: kb.chatId, type: "private", first_name: this.#user.first_name },
      from: { id: this.#bot.botInfo.id, is_bot: true, first_name: this.#bot.botInfo.first_name },
      text: "",
    } as Message;
    await this.#send({
      callback_query: {
        id: String(this.#updateId),
        from: this.#from(),
        chat_instance: "console",
        message,
        data: button.callback_data,
      },
    });
  }

  #pick(n: number): void {
    const result = this.#inline?.results[n - 1] as
      { input_message_content?: { message_text?: string; parse_mode?: string } } | undefined;
    const content = result?.input_message_content;
    if (!content?.message_text) return this.#print(this.#dim(`  (no inline result ${n})`));
    const body = content.parse_mode === "HTML" ? this.#render(content.message_text) : content.message_text;
    this.#print(`\nyou via @${this.username} › ${body}`);
  }

  /** Handles one typed line. Returns false when the user asked to quit. */
  async line(raw: string): Promise<boolean> {
    const line = raw.replace(/\r$/, "");
    const text = line.trim();
    if (text === "") return true;
    const me = `@${this.username}`.toLowerCase();
    const lower = text.toLowerCase();
    let m: RegExpExecArray | null;

    if (text === ":quit" || text === ":exit" || text === ":q") return false;
    if (text === ":help") return (this.#print(consoleHelp(this.username)), true);
    if (text === ":guest")
      return ((this.#user = CONSOLE_GUEST), this.#print(this.#dim("  (you are now a normal user)")), true);
    if (text === ":admin")
      return ((this.#user = CONSOLE_USER), this.#print(this.#dim("  (you are now the admin)")), true);
    if (text === ":more" || text === ":back") return (await this.#press(text.slice(1)), true);
    if (text === ":open") return (this.#print(this.#folded ?? this.#dim("  (nothing folded to open)")), true);
    if ((m = /^:edit\s+([\s\S]+)$/.exec(text))) {
      const last = this.#lastOwnMessage;
      if (!last) return (this.#print(this.#dim("  (you have not sent a message yet)")), true);
      const edited = {
        ...this.#message(last.chat.id, m[1]!),
        message_id: last.message_id,
        edit_date: Math.floor(Date.now() / 1000),
      };
      this.#lastOwnMessage = edited;
      await this.#send({ edited_message: edited });
      return true;
    }
    if ((m = /^(?::press|\/press|:)\s*(\d+)$/.exec(text))) return (await this.#press(m[1]!), true);
    if ((m = /^:press\s+(\S[\s\S]*)$/.exec(text))) return (await this.#press(m[1]!.trim()), true);
    if ((m = /^:pick\s+(\d+)$/.exec(text))) return (this.#pick(Number(m[1])), true);
    if (text === ":next") {
      if (!this.#inline?.nextOffset) return (this.#print(this.#dim("  (no more inline results)")), true);
      await this.#inlineQuery(this.#inline.query, this.#inline.nextOffset);
      return true;
    }
    if ((m = /^:group\s+([\s\S]+)$/.exec(text))) {
      await this.#send({ message: this.#message(CONSOLE_GROUP_ID, m[1]!) });
      return true;
    }
    if ((m = /^:reply\s+([\s\S]+)$/.exec(text))) {
      const target = this.#lastGroupBotMessage;
      if (!target) return (this.#print(this.#dim("  (the bot has not said anything in the group yet)")), true);
      await this.#send({
        message: this.#message(CONSOLE_GROUP_ID, m[1]!, { reply_to_message: target } as Partial<Message>),
      });
      return true;
    }
    if ((m = /^:file\s+(.+)$/.exec(text))) {
      const file = path.resolve(m[1]!.trim());
      const size = await stat(file).then(
        (s) => s.size,
        () => undefined,
      );
      if (size === undefined) return (this.#print(this.#dim(`  (cannot read ${file})`)), true);
      const document = { file_id: file, file_unique_id: "console", file_name: path.basename(file), file_size: size };
      await this.#send({ message: this.#message(this.#user.id, "", { document, text: undefined }) });
      return true;
    }
    if (text.startsWith(":")) return (this.#print(this.#dim("  (unknown console command; type :help)")), true);
    if (lower === me || lower.startsWith(me + " ")) {
      this.#inline = undefined;
      await this.#inlineQuery(text.slice(me.length).trim(), "");
      return true;
    }
    if (text.startsWith("?")) {
      this.#inline = undefined;
      await this.#inlineQuery(text.slice(1).trim(), "");
      return true;
    }
    await this.#send({ message: this.#message(this.#user.id, text) });
    return true;
  }

  /** Reads lines until end of input or :quit; lines are handled one at a time, in order. */
  async run(): Promise<void> {
    const rl = createInterface({ input: this.options.input, terminal: false });
    const prompt = () => {
      if (this.options.prompt) this.#out.write(this.#dim("\nyou › "));
    };
    prompt();
    for await (const raw of rl) {
      let go = true;
      try {
        go = await this.line(raw);
      } catch (error) {
        this.#print(`(console error: ${error instanceof Error ? error.message : String(error)})`);
      }
      if (!go) break;
      prompt();
    }
    rl.close();
  }
}

/** Entities Telegram would attach: a leading /command and @mentions. */
export function commandAndMentionEntities(text: string): NonNullable<Message.TextMessage["entities"]> {
  const entities: NonNullable<Message.TextMessage["entities"]> = [];
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const mention of text.matchAll(/(^|\s)(@[A-Za-z0-9_]{5,32})/g)) {
    entities.push({ type: "mention", offset: mention.index + mention[1]!.length, length: mention[2]!.length });
  }
  return entities;
}
