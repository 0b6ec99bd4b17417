/** Console mode: `npm start` without BOT_TOKEN, with lines piped in. */
import { describe, expect, it } from "vitest";
import { BRIDGE_ARTICLE, removeDir, tempDataDir } from "../support/articles.ts";
import { BotProcess } from "../support/spawnBot.ts";

describe("npm start without BOT_TOKEN (console chat)", () => {
  it("answers piped lines with the same handlers and exits cleanly at end of input", async () => {
    const dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE });
    try {
      const bot = new BotProcess({ DATA_DIR: dir }, { stdin: "pipe" });
      bot.stdin.end(
        [
          "/help",
          "How much did the bridge cost?",
          "What is the capital of Mars?",
          "@ArticleQABot What did Reyk say?",
          ":group chatter that should get no answer",
          "/reload",
        ].join("\n") + "\n",
      );
      expect(await bot.exited).toBe(0);
      const out = bot.stdout;
      // The hint is one line: how to connect, and where the console help is.
      expect(out.split("\n")[0]).toMatch(/^No BOT_TOKEN set.*BOT_TOKEN=.*BotFather.*:help/);
      expect(out).toContain("Tap an example to ask it:");
      expect(out).toMatch(/\*\*The bridge cost 40 million crowns/);
      expect(out).toContain("does not say");
      expect(out).toMatch(/inline › \d+ results?/);
      expect(out).not.toContain("[group] bot ›");
      expect(out).toMatch(/Reloaded in \d+ ms/);
      // One article is "1 document", not "1 documents".
      expect(bot.stderr).toMatch(/loaded 1 document, \d+ passages, 1 quote from/);
      expect(out).not.toMatch(/<\/?b>|&amp;/);
    } finally {
      await removeDir(dir);
    }
  }, 60_000);
});
