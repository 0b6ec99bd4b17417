import { beforeEach, describe, expect, it } from "vitest";
import { Harness, sentMessage } from "../support/harness.ts";
import { LIGHTHOUSE, StubEngine, StubLibrary } from "../support/fixtures.ts";
import { ALICE, BOB, GROUP, Updates } from "../support/updates.ts";
import { boldText, squash } from "../support/html.ts";

describe("groups", () => {
  let h: Harness;
  let u: Updates;
  beforeEach(() => {
    h = new Harness({ library: new StubLibrary(new StubEngine([LIGHTHOUSE])) });
    u = new Updates();
  });

  it("stays silent on ordinary chatter, stickers and photos", async () => {
    expect(await h.send(u.groupText("How much will the lighthouse work cost?"))).toEqual([]);
    expect(await h.send(u.groupText("@SomeoneElse what about the lighthouse?"))).toEqual([]);
    expect(await h.send(u.photo(ALICE, GROUP))).toEqual([]);
  });

  it("answers /ask question, replying to the asker", async () => {
    const update = u.groupText("/ask How much will the work cost?");
    const reply = await h.reply(update);
    expect(reply.payload.chat_id).toBe(GROUP.id);
    expect(boldText(reply.payload.text)).toContain(squash("The work will cost 2 million crowns"));
    expect(reply.payload.reply_parameters.message_id).toBe(update.message!.message_id);
  });

  it("answers /ask@ThisBot but not /ask@OtherBot", async () => {
    expect((await h.reply(u.groupText("/ask@TestArticleBot How much will the work cost?"))).payload.text).toContain(
      "2 million",
    );
    expect(await h.send(u.groupText("/ask@OtherBot How much will the work cost?"))).toEqual([]);
  });

  it("/ask without a question explains how to ask", async () => {
    expect((await h.reply(u.groupText("/ask"))).payload.text).toMatch(/Ask me like this/);
  });

  it("answers a message that mentions @ThisBot, without the mention in the question", async () => {
    const reply = await h.reply(u.groupText("@TestArticleBot how much will the work cost?"));
    expect(reply.payload.text).toContain("2 million");
    const mid = await h.reply(u.groupText("hey @testarticlebot who pledged the money?"));
    expect(mid.payload.text).toContain("pledged half of the money");
  });

  it("answers a reply to one of its own messages, but not a reply to someone else", async () => {
    const first = await h.reply(u.groupText("/ask How much will the work cost?"));
    const botMessage = sentMessage(first);
    const reply = await h.reply(u.groupText("and who pays the money?", BOB, { reply_to_message: botMessage }));
    expect(reply.payload.text).toMatch(/money/);
    const humanMessage = u.textMessage(GROUP, ALICE, "lighthouse talk");
    expect(await h.send(u.groupText("lighthouse money?", BOB, { reply_to_message: humanMessage }))).toEqual([]);
  });

  it("ignores messages that came via_bot this bot", async () => {
    const update = u.groupText("@TestArticleBot lighthouse", ALICE, {
      via_bot: { id: h.bot.botInfo.id, is_bot: true, first_name: "Bot", username: "TestArticleBot" },
    });
    expect(await h.send(update)).toEqual([]);
  });

  it("unknown commands for other bots are ignored; for this bot they get a hint", async () => {
    expect(await h.send(u.groupText("/frobnicate"))).toEqual([]);
    expect((await h.reply(u.groupText("/frobnicate@TestArticleBot"))).payload.text).toMatch(/\/help/);
  });
});

describe("group rate limit", () => {
  it("counts only messages addressed to this bot", async () => {
    const h = new Harness({
      library: new StubLibrary(new StubEngine([LIGHTHOUSE])),
      rateLimit: { limit: 1, timeFrameMs: 60_000 },
    });
    const u = new Updates();
    for (let i = 0; i < 3; i++) {
      expect(await h.send(u.groupText("/ask@OtherBot lighthouse"))).toEqual([]);
      expect(await h.send(u.groupText("chatter about the lighthouse"))).toEqual([]);
    }
    expect((await h.reply(u.groupText("/ask@TestArticleBot How much will the work cost?"))).payload.text).toContain(
      "2 million",
    );
    expect((await h.reply(u.groupText("/ask@TestArticleBot again?"))).payload.text).toMatch(/a bit fast/);
  });
});
