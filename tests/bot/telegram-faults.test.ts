/**
 * The bot over real HTTP against the fake Bot API: 429 and 5xx are retried by
 * @grammyjs/auto-retry (one reply, no duplicates), and uploads are downloaded
 * through getFile and the file endpoint.
 */
import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.ts";
import { silentLogger } from "../../src/bot/logger.ts";
import { createStats } from "../../src/bot/stats.ts";
import { Library } from "../../src/library/library.ts";
import { BRIDGE_ARTICLE, removeDir, tempDataDir } from "../support/articles.ts";
import { FakeBotApi } from "../support/fakeBotApi.ts";
import { ADMIN, ALICE, Updates } from "../support/updates.ts";

const TOKEN = "31337:FAULTS_token_ABCDEFGHIJKLMNOPQRSTUVWXYZ";

describe("Telegram faults through the fake Bot API", () => {
  let api: FakeBotApi;
  let dir: string;
  let bot: ReturnType<typeof createBot>;
  const u = new Updates();

  beforeAll(async () => {
    api = await FakeBotApi.start({ token: TOKEN });
    dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE });
    const { library } = await Library.open(dir);
    bot = createBot({
      library,
      config: { token: TOKEN, adminIds: [ADMIN.id], apiRoot: api.url, rateLimit: false },
      logger: silentLogger,
      stats: createStats(),
      botInfo: api.botInfo,
    });
  });
  afterAll(async () => {
    await api.close();
    await removeDir(dir);
  });

  it("retries a 429 with retry_after and a 500, then delivers exactly one reply", async () => {
    const from = api.calls.length;
    api.failNext("sendMessage", { status: 429, retryAfter: 1 });
    api.failNext("sendMessage", { status: 500 });
    await bot.handleUpdate(u.privateText("How much did the bridge cost?", ALICE));
    const sends = api.calls.slice(from).filter((c) => c.method === "sendMessage");
    expect(sends.map((c) => c.payload.__failed ?? "ok")).toEqual([429, 500, "ok"]);
    expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(900);
  }, 20_000);

  it("downloads an admin's upload through getFile and the file endpoint", async () => {
    const fileId = api.addFile(
      "# River ferry ends\n\nThe river ferry made its last crossing on Sunday.\n",
      "documents/ferry.md",
    );
    const from = api.calls.length;
    await bot.handleUpdate(u.document(fileId, "ferry.md", 60, ADMIN));
    expect(await readdir(dir)).toContain("ferry.md");
    const texts = api.calls
      .slice(from)
      .filter((c) => c.method === "sendMessage")
      .map((c) => c.payload.text as string);
    expect(texts.join("\n")).toContain("Documents: 2 (+1)");
  });
});
