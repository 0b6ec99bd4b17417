/**
 * Soak run (`npm run soak [-- <updates> <seconds>]`, not part of `npm test`):
 * the real bot process (`npm start`) against the fake Bot API on 127.0.0.1,
 * fed a bounded number of mixed updates — private questions (answerable and
 * hostile), commands, stickers, inline queries, genuine and forged button
 * presses, group /ask@bot and group chatter — with at most WINDOW awaiting an
 * answer at any time.
 *
 * Checks: every update that deserves an answer gets exactly one (group chatter
 * none); every outgoing call obeys Telegram's rules; the process stays up; its
 * resident memory is flat after warm-up; the token is never printed.
 * Prints updates/s, replies, p50/p95/p99 latency and RSS figures; exits 1 when
 * a check fails. Stops by itself: at most <updates> updates and <seconds> s.
 */
import { readdirSync, readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { Message, Update, User } from "grammy/types";
import { Library } from "../../src/library/library.ts";
import { BRIDGE_ARTICLE, removeDir, tempDataDir } from "../support/articles.ts";
import { FakeBotApi, type RecordedCall } from "../support/fakeBotApi.ts";
import { BotProcess } from "../support/spawnBot.ts";
import { ADMIN, Updates } from "../support/updates.ts";
import { ADVERSARIAL } from "../hardening/support/hostile.ts";
import { checkOutgoing } from "../hardening/support/telegram-rules.ts";

const TOTAL = Math.min(100_000, Math.max(100, Number(process.argv[2] ?? 10_000) || 10_000));
const DEADLINE_SECONDS = Math.min(1_800, Math.max(30, Number(process.argv[3] ?? 300) || 300));
/** Updates awaiting their answer at most at once (a busy bot, not a flood that only measures queueing). */
const WINDOW = 200;
const GROUPS = 20;

type Kind = "private" | "command" | "sticker" | "inline" | "callback" | "group-ask" | "group-chatter";
interface Expectation {
  kind: Kind;
  pushedAt: number;
  answeredAt?: number;
  answers: number;
}

const token = `${7_000_000_000 + Math.floor(Math.random() * 999_999_999)}:${randomBytes(27).toString("base64url").slice(0, 35)}`;

// ---- process helpers (Linux /proc; the bot is a descendant of this process) ----

function children(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(name)]);
    } catch {
      /* gone */
    }
  }
  return map;
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The descendant of this process running src/main.ts (the bot's own node process). */
function findBotPid(): number | undefined {
  const tree = children();
  const stack = [...(tree.get(process.pid) ?? [])];
  let best: { pid: number; rss: number } | undefined;
  while (stack.length > 0) {
    const pid = stack.pop()!;
    stack.push(...(tree.get(pid) ?? []));
    let cmd = "";
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
      continue;
    }
    // `npm start` runs the build (dist/main.js); `npm run dev` the source.
    if (!/dist\/main\.js|src\/main\.ts/.test(cmd)) continue;
    const rss = rssKb(pid);
    if (!best || rss > best.rss) best = { pid, rss };
  }
  return best?.pid;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;

// ---- the run ----

async function main(): Promise<number> {
  const dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE }, true);
  const { library } = await Library.open(dir);
  const questions = [
    ...library.engine.suggestions(20),
    "How much did the bridge cost?",
    "What did Reyk say?",
    "What is the capital of Mars?",
  ];
  const hostile = ADVERSARIAL.filter(
    (s) => s.trim() !== "" && !s.includes("@") && !s.startsWith("/") && s.length < 900,
  );

  const serverStart = Date.now();
  const api = await FakeBotApi.start({ token });
  const bot = new BotProcess({
    BOT_TOKEN: token,
    TELEGRAM_API_ROOT: api.url,
    DATA_DIR: dir,
    ADMIN_IDS: String(ADMIN.id),
    LOG_LEVEL: "warn",
  });
  let exitCode: number | null | undefined;
  void bot.exited.then((code) => (exitCode = code));

  const cleanup = async () => {
    await bot.stop("SIGTERM").catch(() => undefined);
    await api.close().catch(() => undefined);
    await removeDir(dir);
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));

  try {
    await api.waitForCall((c) => c.method === "getUpdates", { timeoutMs: 60_000 });
    let pid: number | undefined;
    for (let i = 0; i < 50 && pid === undefined; i++) {
      pid = findBotPid();
      if (pid === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    if (pid === undefined) throw new Error("could not find the bot's process in /proc");

    const u = new Updates();
    const expected = new Map<string, Expectation>();
    const chatter = new Set<string>();
    const counts: Record<Kind, number> = {
      private: 0,
      command: 0,
      sticker: 0,
      inline: 0,
      callback: 0,
      "group-ask": 0,
      "group-chatter": 0,
    };
    const buttons: string[] = [];
    const problems: string[] = [];
    const unexpected: RecordedCall[] = [];
    /** Chats where a button was pressed: a suggestion button asks its question there, as a new message (at most one). */
    const buttonChats = new Map<string, number>();
    let edits = 0;
    let askedByButtons = 0;
    let outstanding = 0;
    let pushed = 0;
    let nextUser = 1_000_000;
    const rss: { at: number; kb: number; pushed: number }[] = [];
    const rssStart = rssKb(pid);
    const started = Date.now();
    const deadline = started + DEADLINE_SECONDS * 1000;

    const push = (update: Update, key: string | null, kind: Kind) => {
      const { update_id: _ignored, ...body } = update;
      counts[kind] += 1;
      pushed += 1;
      if (key === null) chatter.add(String(update.message?.message_id));
      else {
        expected.set(key, { kind, pushedAt: Date.now(), answers: 0 });
        outstanding += 1;
      }
      api.pushUpdate(body);
    };

    const user = (): User => ({ id: nextUser++, is_bot: false, first_name: "Soak" });
    const group = (n: number) => ({
      id: -1_000_000_000_000 - (n % GROUPS),
      type: "supergroup" as const,
      title: `Soak ${n % GROUPS}`,
    });
    const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
    const question = () => (Math.random() < 0.8 ? pick(questions) : `${pick(questions)} ${pick(hostile)}`);

    const pushOne = () => {
      const r = Math.random();
      if (r < 0.3) {
        const from = user();
        push(u.privateText(question(), from), `chat:${from.id}`, "private");
      } else if (r < 0.36) {
        const from = user();
        push(
          u.privateText(pick(["/help", "/about", "/quotes", "/start", "/quotes Reyk", "/frobnicate"]), from),
          `chat:${from.id}`,
          "command",
        );
      } else if (r < 0.4) {
        const from = user();
        push(u.sticker(from), `chat:${from.id}`, "sticker");
      } else if (r < 0.6) {
        const update = u.inline(
          Math.random() < 0.1 ? "" : question().slice(0, 256),
          Math.random() < 0.1 ? "10" : "",
          user(),
        );
        push(update, `iq:${update.inline_query!.id}`, "inline");
      } else if (r < 0.72) {
        const from = user();
        const genuine = buttons.length > 0 && Math.random() < 0.7;
        const data = genuine ? pick(buttons) : pick(["more:AAAAAAAA:1", "forged", "more:zzzzzzzz:99", "x".repeat(64)]);
        const message = {
          message_id: 1 + Math.floor(Math.random() * 1e6),
          date: 0,
          chat: { id: from.id, type: "private", first_name: "Soak" },
          text: "answer",
        } as Message;
        const update = u.callback(data, message, from);
        buttonChats.set(`chat:${from.id}`, 0);
        push(update, `cb:${update.callback_query!.id}`, "callback");
      } else if (r < 0.8) {
        const chat = group(pushed);
        const message = u.textMessage(chat, user(), `/ask@${api.botInfo.username} ${question()}`);
        push({ update_id: 0, message } as Update, `group:${chat.id}:${message.message_id}`, "group-ask");
      } else {
        const chat = group(pushed);
        const message = u.textMessage(chat, user(), question());
        push({ update_id: 0, message } as Update, null, "group-chatter");
      }
    };

    let cursor = 0;
    const drain = () => {
      for (; cursor < api.calls.length; cursor++) {
        const call = api.calls[cursor]!;
        const p = call.payload;
        let key: string | null = null;
        switch (call.method) {
          case "sendMessage":
            key = p.chat_id < 0 ? `group:${p.chat_id}:${p.reply_parameters?.message_id}` : `chat:${p.chat_id}`;
            for (const b of p.reply_markup?.inline_keyboard?.flat() ?? [])
              if (b.callback_data && buttons.length < 5_000) buttons.push(b.callback_data);
            break;
          case "answerInlineQuery":
            key = `iq:${p.inline_query_id}`;
            break;
          case "answerCallbackQuery":
            key = `cb:${p.callback_query_id}`;
            break;
          case "editMessageText":
            edits += 1;
            break;
          default:
            break;
        }
        try {
          checkOutgoing(call.method, p);
        } catch (error) {
          if (problems.length < 20) problems.push(`${call.method}: ${(error as Error).message}`);
        }
        if (key === null) continue;
        const e = expected.get(key);
        const asked = e ? undefined : buttonChats.get(key);
        if (asked !== undefined) {
          if (asked > 0) unexpected.push(call);
          buttonChats.set(key, asked + 1);
          askedByButtons += asked === 0 ? 1 : 0;
          continue;
        }
        if (!e) {
          unexpected.push(call);
          continue;
        }
        e.answers += 1;
        if (e.answers === 1) {
          e.answeredAt = serverStart + call.at;
          outstanding -= 1;
        }
      }
    };

    let lastSample = 0;
    while (Date.now() < deadline && exitCode === undefined) {
      drain();
      while (pushed < TOTAL && outstanding < WINDOW) pushOne();
      if (Date.now() - lastSample >= 250) {
        rss.push({ at: Date.now() - started, kb: rssKb(pid), pushed });
        lastSample = Date.now();
      }
      if (pushed >= TOTAL && outstanding === 0) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const loadDone = Date.now();
    // A short settle so that a late duplicate answer or a reply to chatter would be seen.
    await new Promise((r) => setTimeout(r, 1_500));
    drain();
    const rssEnd = rssKb(pid);

    // Latency without load: questions one at a time (not counted in the figures above).
    const idle: number[] = [];
    for (let i = 0; i < 50 && Date.now() < deadline && exitCode === undefined; i++) {
      const from = user();
      const sent = Date.now();
      const mark = api.calls.length;
      api.pushUpdate((({ update_id: _u, ...body }) => body)(u.privateText(pick(questions), from)));
      const call = await api.waitForCall((c) => c.method === "sendMessage" && c.payload.chat_id === from.id, {
        from: mark,
        timeoutMs: 10_000,
      });
      idle.push(serverStart + call.at - sent);
    }
    idle.sort((a, b) => a - b);

    // ---- figures ----
    const all = [...expected.values()];
    const missing = all.filter((e) => e.answers === 0);
    const duplicates = all.filter((e) => e.answers > 1);
    const latencies = all
      .filter((e) => e.answeredAt !== undefined)
      .map((e) => Math.max(0, e.answeredAt! - e.pushedAt))
      .sort((a, b) => a - b);
    const seconds = (loadDone - started) / 1000;
    const warm = rss.find((s) => s.pushed >= TOTAL * 0.2) ?? rss[0];
    const peak = Math.max(rssStart, ...rss.map((s) => s.kb), rssEnd);
    const growth = warm ? rssEnd - warm.kb : 0;
    const leakedToken =
      (bot.stdout + bot.stderr).includes(token) || (bot.stdout + bot.stderr).includes(token.split(":")[1]!);

    const lines = [
      `soak: ${pushed} updates in ${seconds.toFixed(1)} s = ${(pushed / seconds).toFixed(0)} updates/s (window ${WINDOW}, node ${process.version}, ${(await import("node:os")).cpus().length} CPUs)`,
      `  mix: ${Object.entries(counts)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ")}`,
      `  answered: ${all.length - missing.length}/${all.length} expected; missing ${missing.length}; duplicates ${duplicates.length}; replies to chatter or unknown ${unexpected.length}; questions asked by buttons ${askedByButtons}; message edits ${edits}`,
      `  latency (push -> answer): p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1) ?? NaN} ms`,
      `  latency one at a time (50 questions after the load): p50 ${percentile(idle, 50)} ms, max ${idle.at(-1) ?? NaN} ms`,
      `  RSS by progress: ${[0.2, 0.4, 0.6, 0.8, 1]
        .map((f) => rss.find((s) => s.pushed >= TOTAL * f) ?? rss.at(-1))
        .map((s, i) => `${(i + 1) * 20}% ${s ? mb(s.kb) : "n/a"}`)
        .join(", ")}`,
      `  RSS of the bot process: start ${mb(rssStart)}, after warm-up (20%) ${warm ? mb(warm.kb) : "n/a"}, peak ${mb(peak)}, end ${mb(rssEnd)} (growth after warm-up ${mb(growth)})`,
      `  Telegram-rule violations: ${problems.length}; token printed: ${leakedToken ? "YES" : "no"}; process ${exitCode === undefined ? "still running" : `exited (${exitCode})`}`,
    ];
    for (const p of problems.slice(0, 5)) lines.push(`    ! ${p}`);
    for (const e of missing.slice(0, 5)) lines.push(`    ! missing answer for a ${e.kind} update`);
    for (const c of unexpected.slice(0, 5))
      lines.push(`    ! unexpected ${c.method} ${JSON.stringify(c.payload).slice(0, 160)}`);
    process.stdout.write(lines.join("\n") + "\n");

    const warnings = bot.stderr.split("\n").filter((l) => /ERROR/.test(l));
    if (warnings.length > 0)
      process.stdout.write(
        `  error lines in the bot's log: ${warnings.length} (first: ${warnings[0]!.slice(0, 200)})\n`,
      );

    const flat = growth <= Math.max(64 * 1024, (warm?.kb ?? 0) * 0.5);
    const ok =
      pushed === TOTAL &&
      missing.length === 0 &&
      duplicates.length === 0 &&
      unexpected.length === 0 &&
      problems.length === 0 &&
      !leakedToken &&
      exitCode === undefined &&
      flat;
    process.stdout.write(
      ok
        ? "soak: OK\n"
        : `soak: FAILED${flat ? "" : " (memory grew after warm-up)"}${pushed < TOTAL ? " (deadline before all updates were sent)" : ""}\n`,
    );
    return ok ? 0 : 1;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
