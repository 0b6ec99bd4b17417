/**
 * Access control: admin rights come only from the sender's user id being in
 * ADMIN_IDS. Nobody else can reload or upload — not with an admin's username
 * or name, a group titled like an admin, an anonymous group admin, a forwarded
 * or replied-to admin command, a caption, an inline query or a button.
 *
 * Also: the per-user message rate limit never holds back button presses, and
 * webhook requests without exactly the right secret header get 401 and are
 * never processed — also when no WEBHOOK_SECRET is configured.
 */
import { freePort } from "../support/spawnBot.ts";
import { request } from "node:http";
import type { Chat, Update, User } from "grammy/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.ts";
import type { FileFetcher } from "../../src/bot/deps.ts";
import { silentLogger } from "../../src/bot/logger.ts";
import { startWebhook, type WebhookServer } from "../../src/bot/modes/webhook.ts";
import { Redactor } from "../../src/bot/redact.ts";
import { createStats } from "../../src/bot/stats.ts";
import { FakeBotApi } from "../support/fakeBotApi.ts";
import { LIGHTHOUSE, StubEngine, StubLibrary } from "../support/fixtures.ts";
import { Harness } from "../support/harness.ts";
import { ADMIN, ALICE, GROUP, Updates } from "../support/updates.ts";

/** Someone dressed up as the admin: same names, another id. */
const IMPOSTOR: User = { id: 6666, is_bot: false, first_name: ADMIN.first_name, username: ADMIN.username! };
/** Telegram's sender for anonymous group admins. */
const ANONYMOUS_ADMIN: User = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };

const ADMIN_ONLY = /only the bot's admins/;

describe("only ADMIN_IDS user ids are admins", () => {
  let library: StubLibrary;
  let fetched: number;
  let h: Harness;
  let u: Updates;
  beforeEach(() => {
    library = new StubLibrary(new StubEngine([LIGHTHOUSE]));
    fetched = 0;
    const files: FileFetcher = async () => {
      fetched += 1;
      return new TextEncoder().encode("# Evil\n\nEvil text.\n");
    };
    h = new Harness({ library, files });
    u = new Updates();
  });

  function changedNothing(): void {
    expect(library.reloads, "no reload").toBe(0);
    expect(fetched, "no download").toBe(0);
  }

  it("an impostor with the admin's username and name is refused /reload, /stats and uploads, in private and groups", async () => {
    for (const text of ["/reload", "/stats"]) {
      expect((await h.reply(u.privateText(text, IMPOSTOR))).payload.text).toMatch(ADMIN_ONLY);
      expect((await h.reply(u.groupText(`${text}@TestArticleBot`, IMPOSTOR))).payload.text).toMatch(ADMIN_ONLY);
    }
    expect((await h.reply(u.document("F1", "evil.md", 20, IMPOSTOR))).payload.text).toMatch(ADMIN_ONLY);
    changedNothing();
  });

  it("a group titled or numbered like an admin gives no rights; neither does posting as an anonymous admin or as the group", async () => {
    const lookalike: Chat.SupergroupChat = {
      id: -ADMIN.id,
      type: "supergroup",
      title: `${ADMIN.username} ${ADMIN.id}`,
      username: ADMIN.username!,
    };
    const inLookalike = u.groupText("/reload@TestArticleBot", ALICE);
    (inLookalike.message as { chat: Chat }).chat = lookalike;
    expect((await h.reply(inLookalike)).payload.text).toMatch(ADMIN_ONLY);

    const anonymous = u.groupText("/reload@TestArticleBot", ANONYMOUS_ADMIN, { sender_chat: GROUP });
    expect((await h.reply(anonymous)).payload.text).toMatch(ADMIN_ONLY);

    // A message with no sender at all (a channel-style post forged into a group).
    const noSender = u.groupText("/reload@TestArticleBot", ALICE, { sender_chat: GROUP });
    delete (noSender.message as { from?: User }).from;
    const calls = await h.send(noSender);
    for (const c of calls) expect(String(c.payload.text ?? "")).not.toMatch(/Reloaded/);
    changedNothing();
  });

  it("forwarding, quoting or replying to an admin's /reload does not make it the admin's", async () => {
    const adminMessage = u.textMessage(
      { id: ADMIN.id, type: "private", first_name: ADMIN.first_name },
      ADMIN,
      "/reload",
    );
    const forwarded = u.privateText("/reload", ALICE);
    Object.assign(forwarded.message!, {
      forward_origin: { type: "user", sender_user: ADMIN, date: 1 },
      forward_from: ADMIN,
    });
    expect((await h.reply(forwarded)).payload.text).toMatch(ADMIN_ONLY);
    const reply = u.groupText("/reload@TestArticleBot", ALICE, {
      reply_to_message: adminMessage,
      quote: { text: "/reload", position: 0 },
    });
    expect((await h.reply(reply)).payload.text).toMatch(ADMIN_ONLY);
    changedNothing();
  });

  it("a document captioned /reload from a non-admin is refused and neither saved nor reloaded; a captioned photo does nothing admin-like", async () => {
    const captioned = u.document("F1", "article.md", 20, ALICE);
    Object.assign(captioned.message!, {
      caption: "/reload",
      caption_entities: [{ type: "bot_command", offset: 0, length: 7 }],
    });
    expect((await h.reply(captioned)).payload.text).toMatch(ADMIN_ONLY);

    const inGroup = u.document("F2", "article.md", 20, ALICE);
    Object.assign(inGroup.message!, {
      chat: GROUP,
      caption: "/reload@TestArticleBot",
      caption_entities: [{ type: "bot_command", offset: 0, length: 22 }],
    });
    for (const c of await h.send(inGroup)) expect(String(c.payload.text ?? "")).not.toMatch(/Reload|Saved/);

    const photo = u.photo(ALICE);
    Object.assign(photo.message!, {
      caption: "/reload",
      caption_entities: [{ type: "bot_command", offset: 0, length: 7 }],
    });
    for (const c of await h.send(photo)) expect(String(c.payload.text ?? "")).not.toMatch(/Reload|Saved/);
    changedNothing();
  });

  it("no button or inline query reloads: forged admin-looking callback data and inline '/reload' change nothing", async () => {
    const message = u.textMessage({ id: ALICE.id, type: "private", first_name: ALICE.first_name }, ALICE, "x");
    for (const data of ["reload", "/reload", "admin:reload", "upload", "more:reload0:0", "/reload@TestArticleBot"]) {
      for (const from of [ALICE, IMPOSTOR]) {
        const calls = await h.send(u.callback(data, message, from));
        expect(calls.map((c) => c.method)).toEqual(["answerCallbackQuery"]);
      }
    }
    for (const query of ["/reload", "/stats", "reload"]) {
      expect((await h.send(u.inline(query))).map((c) => c.method)).toEqual(["answerInlineQuery"]);
    }
    changedNothing();
  });

  it("the real admin id works from a private chat and a group (so the refusals above are about identity)", async () => {
    expect((await h.reply(u.privateText("/reload", ADMIN))).payload.text).toMatch(/Reloaded/);
    expect((await h.reply(u.groupText("/reload@TestArticleBot", ADMIN))).payload.text).toMatch(/Reloaded/);
    expect(library.reloads).toBe(2);
  });
});

describe("rate limit", () => {
  it("a user over the message limit still gets every button press answered", async () => {
    const h = new Harness({
      library: new StubLibrary(new StubEngine([LIGHTHOUSE])),
      rateLimit: { limit: 1, timeFrameMs: 60_000 },
    });
    const u = new Updates();
    const first = await h.reply(u.privateText("harbour lighthouse council money"));
    expect((await h.reply(u.privateText("lighthouse"))).payload.text).toMatch(/a bit fast/);
    const data = first.payload.reply_markup.inline_keyboard.flat()[0].callback_data as string;
    for (let i = 0; i < 5; i++) {
      const calls = await h.send(u.callback(data, first.result as never));
      expect(calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(1);
    }
  });
});

function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "content-type": "application/json", ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * POSTs `total` bytes in 16 KB chunks (chunked encoding, no Content-Length, or
 * with it when `declare`), stopping as soon as a response arrives. Resolves
 * with the status and how many bytes were written by then.
 */
function postStream(
  url: string,
  total: number,
  headers: Record<string, string>,
  declare = false,
): Promise<{ status: number; written: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(declare ? { "content-length": String(total) } : {}),
          ...headers,
        },
      },
      (res) => {
        answered = true;
        res.resume();
        resolve({ status: res.statusCode ?? 0, written });
      },
    );
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const pump = () => {
      while (!answered && written < total) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });
}

describe.each([
  ["with WEBHOOK_SECRET", "configured_Secret-42"],
  ["without WEBHOOK_SECRET (a random one per run)", undefined],
])("webhook %s", (_name, configured) => {
  const TOKEN = "70707:WEBHOOK_access_ABCDEFGHIJKLMNOPQRSTUVWX";
  let api: FakeBotApi;
  let server: WebhookServer;
  let url: string;
  let processed: Update[];

  beforeAll(async () => {
    api = await FakeBotApi.start({ token: TOKEN });
    processed = [];
    const bot = createBot({
      library: new StubLibrary(new StubEngine([LIGHTHOUSE])),
      config: { token: TOKEN, adminIds: [ADMIN.id], apiRoot: api.url, rateLimit: false, autoRetry: false },
      logger: silentLogger,
      stats: createStats(),
      botInfo: api.botInfo,
    });
    // Everything grammY would process goes through handleUpdate.
    const handleUpdate = bot.handleUpdate.bind(bot);
    bot.handleUpdate = (update, envelope) => {
      processed.push(update);
      return handleUpdate(update, envelope);
    };
    const port = await freePort();
    url = `http://127.0.0.1:${port}/hook`;
    const health = { serving: () => true, documents: () => 1 };
    server = await startWebhook(
      bot,
      { url, path: "/hook", port, secret: configured, maxBodyBytes: 64 * 1024 },
      [ADMIN.id],
      silentLogger,
      new Redactor(),
      health,
    );
  });
  afterAll(async () => {
    await server.close();
    await api.close();
  });

  it("answers 401 to every wrong or missing secret and never processes those updates; the right one is processed", async () => {
    const secret = api.webhook!.secret!;
    expect(secret.length).toBeGreaterThanOrEqual(16);
    if (configured) expect(secret).toBe(configured);
    const u = new Updates();
    const wrong: (Record<string, string> | null)[] = [
      {},
      { "x-telegram-bot-api-secret-token": "" },
      { "x-telegram-bot-api-secret-token": "wrong" },
      { "x-telegram-bot-api-secret-token": secret.slice(0, -1) },
      { "x-telegram-bot-api-secret-token": `${secret}x` },
      {
        "x-telegram-bot-api-secret-token":
          secret.toUpperCase() === secret ? secret.toLowerCase() : secret.toUpperCase(),
      },
      { "x-telegram-bot-api-secret-token-x": secret },
      { authorization: `Bearer ${secret}` },
    ];
    for (const headers of wrong) {
      const status = await post(url, JSON.stringify(u.privateText("/reload", ADMIN)), headers!);
      expect(status, JSON.stringify(headers)).toBe(401);
    }
    expect(processed).toEqual([]);
    expect(api.callsOf("sendMessage")).toEqual([]);

    const good = u.privateText("lighthouse", ALICE);
    expect(await post(url, JSON.stringify(good), { "x-telegram-bot-api-secret-token": secret })).toBe(200);
    expect(processed.map((p) => p.update_id)).toEqual([good.update_id]);
  });

  it("refuses bodies over the limit with 413 without reading them whole, declared or streamed; never processes them", async () => {
    const secret = api.webhook!.secret!;
    const before = processed.length;
    const header = { "x-telegram-bot-api-secret-token": secret };
    const streamed = await postStream(url, 10 * 1024 * 1024, header);
    expect(streamed.status).toBe(413);
    // Refused once the 64 KB limit was passed, far from the 10 MB offered.
    expect(streamed.written).toBeLessThan(5 * 1024 * 1024);
    const declared = await postStream(url, 10 * 1024 * 1024, header, true);
    expect(declared.status).toBe(413);
    expect(declared.written).toBeLessThan(5 * 1024 * 1024);
    // Without the secret the body is not even read: 401.
    expect((await postStream(url, 1024 * 1024, {})).status).toBe(401);
    expect(processed.length).toBe(before);
    // And the server still serves.
    const good = new Updates().privateText("lighthouse", ALICE);
    expect(await post(url, JSON.stringify(good), header)).toBe(200);
  });

  it("answers GET /healthz with 200 while serving; once it stops taking updates, a new one is refused (503 or no connection)", async () => {
    const health = await get(new URL("/healthz", url).toString());
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true, documents: 1 });
    server.stopTaking();
    const late = new Updates().privateText("lighthouse", ALICE);
    const before = processed.length;
    const status = await post(url, JSON.stringify(late), {
      "x-telegram-bot-api-secret-token": api.webhook!.secret!,
    }).catch(() => "refused");
    expect([503, "refused"]).toContain(status);
    expect(processed.length).toBe(before);
  });
});
