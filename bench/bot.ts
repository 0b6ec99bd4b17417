/**
 * Bot throughput: updates per second through `bot.handleUpdate`, no network.
 *
 * Our bot (createBot with its real middlewares: sequentialize, rate limiter, features,
 * auto-retry) and a bare grammY echo bot get the same kind of updates in the same
 * process. Outgoing Bot API calls are answered by a transformer that records them and
 * returns a fake Message, so what is measured is grammY plus our handlers — the part
 * we control — and the ratio to the echo bot says how much our answer path costs.
 *
 * Every update comes from a new user, so the per-user rate limiter runs (as in
 * production) but never trips: a tripped limiter would answer with a cheap notice
 * and inflate the figure.
 */
import { Bot, type Context, type Transformer } from "grammy";
import type { Message, Update, UserFromGetMe } from "grammy/types";
import { CONSOLE_BOT_INFO } from "../src/bot/console/chat.ts";
import type { BotDeps } from "../src/bot/deps.ts";
import type { AnswerEngine } from "../src/search/types.ts";
import { importSrc } from "./product.ts";
import { type LoopBudget, type LatencySummary, timeLoopAsync } from "./stats.ts";

const TOKEN = "123456789:bench-token-not-a-real-one-AAAAAAAAAAAA";

/** The console's bot identity, renamed: the same fields Telegram's getMe returns. */
export const BOT_INFO: UserFromGetMe = {
  ...CONSOLE_BOT_INFO,
  id: 123456789,
  first_name: "Bench",
  username: "bench_qa_bot",
};

/** Records outgoing calls per method and returns what Telegram would (a Message for sends). */
export class RecordingApi {
  readonly calls = new Map<string, number>();
  #messageId = 1;

  readonly transformer: Transformer = async (_prev, method, payload) => {
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
    const p = payload as Record<string, unknown>;
    let result: unknown = true;
    if (method === "sendMessage" || method === "editMessageText") {
      const chatId = Number(p.chat_id) || 0;
      result = {
        message_id: this.#messageId++,
        date: 1_700_000_000,
        chat: { id: chatId, type: "private", first_name: "User" },
        from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name, username: BOT_INFO.username },
        text: String(p.text ?? ""),
      } satisfies Message;
    } else if (method === "getMe") result = BOT_INFO;
    return { ok: true, result } as never;
  };

  total(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }
}

let nextUser = 10_000_000;
let nextUpdate = 1;

export function messageUpdate(text: string): Update {
  const user = nextUser++;
  return {
    update_id: nextUpdate++,
    message: {
      message_id: nextUpdate,
      date: 1_700_000_000,
      chat: { id: user, type: "private", first_name: "User" },
      from: { id: user, is_bot: false, first_name: "User" },
      text,
    },
  };
}

export function inlineUpdate(query: string): Update {
  const user = nextUser++;
  return {
    update_id: nextUpdate++,
    inline_query: {
      id: String(nextUpdate),
      from: { id: user, is_bot: false, first_name: "User" },
      query,
      offset: "",
      chat_type: "sender",
    },
  };
}

export function echoBot(api: RecordingApi): Bot {
  const bot = new Bot(TOKEN, { botInfo: BOT_INFO });
  bot.api.config.use(api.transformer);
  bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
  return bot;
}

/** Our bot as production builds it, around an already-built engine; null while src/bot is missing. */
export async function ourBot(
  engine: AnswerEngine,
  api: RecordingApi,
  missing: Record<string, string>,
): Promise<Bot<Context> | null> {
  const botModule = await importSrc<{ createBot?: (deps: BotDeps) => Bot<Context> }>("src/bot/bot.ts", missing);
  const loggerModule = await importSrc<typeof import("../src/bot/logger.ts")>("src/bot/logger.ts", missing);
  const statsModule = await importSrc<typeof import("../src/bot/stats.ts")>("src/bot/stats.ts", missing);
  const libraryModule = await importSrc<typeof import("../src/library/library.ts")>("src/library/library.ts", missing);
  if (!botModule?.createBot || !loggerModule || !statsModule || !libraryModule) return null;
  const bot = botModule.createBot({
    library: new libraryModule.Library("data", engine),
    config: { token: TOKEN, adminIds: [] },
    // Production log level (info): debug lines are built and dropped, nothing is printed.
    logger: loggerModule.createLogger({ level: "info", write: () => {} }),
    stats: statsModule.createStats(),
    botInfo: BOT_INFO,
  });
  bot.api.config.use(api.transformer);
  return bot;
}

export interface BotBench {
  echo: LatencySummary;
  question: LatencySummary | null;
  inline: LatencySummary | null;
  /** Outgoing calls per update, to check every update got its reply. */
  callsPerUpdate: { echo: number; question: number | null; inline: number | null };
}

/** Echo bot, then our bot with question messages, then with inline queries. */
export async function benchBots(
  engine: AnswerEngine | null,
  questions: readonly string[],
  budget: LoopBudget,
  missing: Record<string, string>,
): Promise<BotBench> {
  const run = async (bot: Bot<Context>, api: RecordingApi, make: (q: string) => Update) => {
    const before = api.total();
    const summary = await timeLoopAsync(questions, (q) => bot.handleUpdate(make(q)), budget);
    return { summary, calls: (api.total() - before) / (summary.count + budget.warmup) };
  };
  const echoApi = new RecordingApi();
  const echo = await run(echoBot(echoApi), echoApi, messageUpdate);
  if (!engine)
    return {
      echo: echo.summary,
      question: null,
      inline: null,
      callsPerUpdate: { echo: echo.calls, question: null, inline: null },
    };
  const api = new RecordingApi();
  const bot = await ourBot(engine, api, missing);
  if (!bot)
    return {
      echo: echo.summary,
      question: null,
      inline: null,
      callsPerUpdate: { echo: echo.calls, question: null, inline: null },
    };
  const question = await run(bot, api, messageUpdate);
  const inline = await run(bot, api, inlineUpdate);
  return {
    echo: echo.summary,
    question: question.summary,
    inline: inline.summary,
    callsPerUpdate: { echo: echo.calls, question: question.calls, inline: inline.calls },
  };
}
