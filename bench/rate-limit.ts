/**
 * `npx tsx bench/rate-limit.ts [ROOT]`: the message rate limit on the real
 * clock, through the in-process harness (default ROOT: this checkout; pass
 * another checkout to measure it the same way, e.g. before a change):
 *   edge:   a fresh bot, idle 9 s, then 10 messages 200 ms apart — where a fixed
 *           window resets mid-burst;
 *   stream: 60 messages 200 ms apart from one user, then a burst of 9 from another.
 * Prints answers, notices, silent drops, and the most answers in any 10 s.
 */
import path from "node:path";

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, ".."));
const { Harness } = await import(`${root}/tests/support/harness.ts`);
const { StubLibrary, StubEngine, LIGHTHOUSE } = await import(`${root}/tests/support/fixtures.ts`);
const { Updates, ALICE, BOB } = await import(`${root}/tests/support/updates.ts`);

interface Sent {
  at: number;
  chat: number;
  notice: boolean;
}

function bot() {
  const h = new Harness({
    library: new StubLibrary(new StubEngine([LIGHTHOUSE])),
    rateLimit: { limit: 5, timeFrameMs: 10_000 },
  });
  const sent: Sent[] = [];
  const t0 = Date.now();
  h.bot.api.config.use((prev: any, method: string, payload: any, signal: any) => {
    if (method === "sendMessage")
      sent.push({ at: Date.now() - t0, chat: payload.chat_id, notice: /a bit fast/.test(payload.text) });
    return prev(method, payload, signal);
  });
  return { h, sent, u: new Updates() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function summary(sent: Sent[], chat: number, messages: number) {
  const mine = sent.filter((s) => s.chat === chat);
  const answers = mine.filter((s) => !s.notice).map((s) => s.at);
  let most = 0;
  for (const t of answers) most = Math.max(most, answers.filter((x) => x >= t && x < t + 10_000).length);
  return {
    messages,
    answered: answers.length,
    notices: mine.length - answers.length,
    silent: messages - mine.length,
    mostAnswersIn10s: most,
  };
}

{
  const { h, sent, u } = bot();
  await sleep(9_000);
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < 10; i++) {
    pending.push(h.send(u.privateText("lighthouse", ALICE)));
    await sleep(200);
  }
  await Promise.all(pending);
  console.log("edge  ", JSON.stringify(summary(sent, ALICE.id, 10)));
}
{
  const { h, sent, u } = bot();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < 60; i++) {
    pending.push(h.send(u.privateText("lighthouse", ALICE)));
    await sleep(200);
  }
  for (let i = 0; i < 9; i++) pending.push(h.send(u.privateText("lighthouse", BOB)));
  await Promise.all(pending);
  console.log("stream", JSON.stringify(summary(sent, ALICE.id, 60)));
  console.log("burst9", JSON.stringify(summary(sent, BOB.id, 9)));
}
