import { describe, expect, it } from "vitest";
import { INLINE_CACHE_SECONDS } from "../../src/bot/features/inline.ts";
import { MAX_MESSAGE_LENGTH } from "../../src/bot/render/html.ts";
import { Harness } from "../support/harness.ts";
import { LIGHTHOUSE, StubEngine, StubLibrary, makeDocument } from "../support/fixtures.ts";
import { expectWellFormedHtml } from "../support/html.ts";
import { Updates } from "../support/updates.ts";

/** Many passages sharing a word, so a query has more than 50 answers. */
const MANY = makeDocument(
  "many",
  "Many <ships>",
  Array.from({ length: 70 }, (_, i) => ({
    section: `Part ${i}`,
    text: `Ship number ${i} sailed & arrived at the harbour on day ${i}.`,
  })),
);

async function inline(h: Harness, u: Updates, query: string, offset = "") {
  const calls = await h.send(u.inline(query, offset));
  expect(calls.map((c) => c.method)).toEqual(["answerInlineQuery"]);
  return calls[0]!.payload as { results: any[]; next_offset: string; cache_time: number; button?: unknown };
}

describe("inline mode", () => {
  it("offers articles with title, description and the formatted answer as HTML", async () => {
    const h = new Harness({ library: new StubLibrary(new StubEngine([LIGHTHOUSE])) });
    const p = await inline(h, new Updates(), "How much will the work cost?");
    expect(p.results.length).toBeGreaterThan(0);
    const first = p.results[0];
    expect(first.type).toBe("article");
    expect(first.title).toContain("The work will cost");
    expect(first.description).toContain("Harbour council");
    expect(first.input_message_content.parse_mode).toBe("HTML");
    expect(first.input_message_content.message_text).toContain("<b>The work will cost 2 million crowns &amp; take");
    expect(p.cache_time).toBe(INLINE_CACHE_SECONDS);
    expect(p.cache_time).toBeLessThanOrEqual(30);
  });

  it("pages with next_offset; ids unique across pages and at most 64 bytes; <= 50 results", async () => {
    const h = new Harness({ library: new StubLibrary(new StubEngine([MANY])) });
    const u = new Updates();
    const seen = new Set<string>();
    let offset = "";
    let pages = 0;
    do {
      const p = await inline(h, u, "ship harbour", offset);
      expect(p.results.length).toBeLessThanOrEqual(50);
      for (const r of p.results) {
        expect(Buffer.byteLength(r.id)).toBeLessThanOrEqual(64);
        expect(seen.has(r.id)).toBe(false);
        seen.add(r.id);
        expect(r.input_message_content.message_text.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
        expectWellFormedHtml(r.input_message_content.message_text);
      }
      expect(Buffer.byteLength(p.next_offset)).toBeLessThanOrEqual(64);
      offset = p.next_offset;
      pages += 1;
    } while (offset !== "" && pages < 20);
    expect(pages).toBeGreaterThan(1);
    expect(offset).toBe("");
    expect(seen.size).toBeLessThanOrEqual(50);
    expect(seen.size).toBeGreaterThan(10);
  });

  it("an empty query offers the key quotes", async () => {
    const h = new Harness({ library: new StubLibrary(new StubEngine([LIGHTHOUSE])) });
    const p = await inline(h, new Updates(), "");
    expect(p.results.length).toBe(LIGHTHOUSE.quotes.length);
    expect(p.results[0].title).toContain("Mirela Voss");
    expect(p.results[0].input_message_content.message_text).toContain("The lighthouse is the heart of our harbour");
  });

  it("no answer: no results, a help button, next_offset empty", async () => {
    const h = new Harness({ library: new StubLibrary(new StubEngine([LIGHTHOUSE])) });
    const p = await inline(h, new Updates(), "weather on mars");
    expect(p.results).toEqual([]);
    expect(p.next_offset).toBe("");
    expect(p.button).toBeDefined();
    expect((await h.stats.read()).abstained).toBe(1);
  });

  it("a forged offset does not break the answer", async () => {
    const h = new Harness({ library: new StubLibrary(new StubEngine([MANY])) });
    for (const offset of ["-5", "abc", "1e9", "999999999"]) {
      const p = await inline(h, new Updates(), "ship", offset);
      expect(p.results.length).toBeLessThanOrEqual(50);
    }
  });

  it("'query is too old' is logged and dropped", async () => {
    const h = new Harness({ library: new StubLibrary(new StubEngine([LIGHTHOUSE])) });
    h.failNext(
      "answerInlineQuery",
      400,
      "Bad Request: query is too old and response timeout expired or query ID is invalid",
    );
    await h.send(new Updates().inline("lighthouse"));
    expect(h.logs.filter((l) => l.level === "error")).toEqual([]);
    expect(h.logs.some((l) => /dropped/.test(l.message))).toBe(true);
  });
});
