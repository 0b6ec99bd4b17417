/** The console chat in process: typed lines in, readable replies out. */
import { PassThrough } from "node:stream";
import type { Transformer } from "grammy";
import { describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.ts";
import {
  CONSOLE_BOT_INFO,
  CONSOLE_TOKEN,
  CONSOLE_USER,
  ConsoleChat,
  localFileFetcher,
} from "../../src/bot/console/chat.ts";
import { htmlToText } from "../../src/bot/console/html-to-text.ts";
import { silentLogger } from "../../src/bot/logger.ts";
import { createStats } from "../../src/bot/stats.ts";
import { Library } from "../../src/library/library.ts";
import { BRIDGE_ARTICLE, removeDir, tempDataDir } from "../support/articles.ts";
import path from "node:path";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";

async function session(lines: string[]): Promise<string> {
  const dir = await tempDataDir({ "bridge.md": BRIDGE_ARTICLE });
  try {
    const { library } = await Library.open(dir);
    const bot = (transport: Transformer) =>
      createBot({
        library,
        config: { token: CONSOLE_TOKEN, adminIds: [CONSOLE_USER.id], autoRetry: false, rateLimit: false },
        logger: silentLogger,
        stats: createStats(),
        botInfo: CONSOLE_BOT_INFO,
        files: localFileFetcher,
        transport,
      });
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (c: Buffer) => (out += c.toString()));
    const chat = new ConsoleChat({ bot, input, output, color: false, prompt: false });
    const done = chat.run();
    input.end(lines.join("\n") + "\n");
    await done;
    return out;
  } finally {
    await removeDir(dir);
  }
}

describe("console chat", () => {
  it("answers questions and commands, with markup made readable", async () => {
    const out = await session([
      "How much did the bridge cost?",
      "/about",
      "/quotes reyk",
      "What is the capital of Mars?",
    ]);
    expect(out).toMatch(/bot › .*\*\*The bridge cost 40 million crowns/);
    expect(out).toContain("Valley towns open the new river bridge");
    expect(out).toContain("Tomas Reyk");
    expect(out).toContain("does not say");
    expect(out).not.toMatch(/<\/?b>|&amp;|&lt;/);
  });

  it("shows buttons and lets the user press them", async () => {
    const out = await session(["bridge", ":more", ":back", "/press 9"]);
    expect(out).toMatch(/\[1\] More/);
    expect(out).toContain("bot (edited) ›");
    expect(out).toContain("Answer 2 of");
    expect(out).toContain('(no button "9")');
  });

  it("folds the passage under an answer with a key to open it; Share runs the inline query; :edit edits the answer", async () => {
    const out = await session([
      "How much did the bridge cost?",
      ":open",
      ":press share",
      ":edit When will the old ferry stop running?",
      "thanks!",
      ":group thanks @ArticleQABot",
    ]);
    // Folded: the first words and the key, not the whole passage.
    expect(out).toMatch(/│ The towns of Orlen and Brask opened a new bridge[^\n]*\[:open to read the passage\]/);
    // Opened: the whole passage.
    expect(out).toMatch(/│ The towns of Orlen and Brask opened a new bridge over the Silva river on Friday\. …/);
    expect(out).toContain("Telegram types @ArticleQABot How much did the bridge cost?");
    expect(out).toMatch(/inline › \d+ results?:/);
    expect(out).toMatch(/bot \(edited\) › \*\*The old ferry between the towns will stop running in July\./);
    expect(out).toContain("You're welcome!");
    expect(out).toContain("[group] bot reacted 👍");
  });

  it("runs inline queries and sends a chosen result", async () => {
    const out = await session([`@${CONSOLE_BOT_INFO.username} How much did the bridge cost?`, ":pick 1", "?"]);
    expect(out).toMatch(/inline › \d+ results?/);
    expect(out).toContain(`you via @${CONSOLE_BOT_INFO.username} ›`);
    expect(out).toMatch(/Tomas Reyk said/); // empty query: key quotes
  });

  it("simulates a group: silent on chatter, answers /ask@bot, mentions and replies", async () => {
    const u = CONSOLE_BOT_INFO.username;
    const out = await session([
      ":group nice weather today",
      `:group /ask@${u} How much did the bridge cost?`,
      ":reply When will the old ferry stop running?",
    ]);
    const groupReplies = out.match(/\[group\] bot ›/g) ?? [];
    expect(groupReplies).toHaveLength(2);
    expect(out).toContain("40 million crowns");
    expect(out).toMatch(/ferry/);
  });

  it("the console user is admin; :guest is refused; :file adds an article", async () => {
    const file = path.join(tmpdir(), `console-upload-${process.pid}.md`);
    await writeFile(
      file,
      "---\ntitle: Lake festival draws crowds\n---\n\nThe lake festival drew nine thousand visitors on Sunday.\n",
    );
    const out = await session([
      "/stats",
      ":guest",
      "/reload",
      ":admin",
      `:file ${file}`,
      "How many visitors came to the lake festival?",
    ]);
    expect(out).toContain("Questions answered: 0");
    expect(out).toContain("only the bot's admins");
    expect(out).toMatch(/Saved `console-upload-\d+\.md`/);
    expect(out).toContain("Documents: 2 (+1)");
    expect(out).toContain("nine thousand visitors");
  });
});

describe("htmlToText", () => {
  it("turns Telegram HTML into readable text", () => {
    expect(htmlToText("<b>a &amp; b</b> <i>c</i> &lt;d&gt;", { color: false })).toBe("**a & b** c <d>");
    expect(htmlToText("x<blockquote>q1\nq2</blockquote>y", { color: false })).toBe("x\n│ q1\n│ q2\ny");
    expect(htmlToText('<a href="https://e.x/?a=1&amp;b=2">link</a>', { color: false })).toBe(
      "link (https://e.x/?a=1&b=2)",
    );
    expect(htmlToText("<b>x</b>", { color: true })).toBe("\x1b[1mx\x1b[22m");
  });
});
