import { describe, expect, it } from "vitest";
import { renderAnswer } from "../../src/bot/render/answer.ts";
import { MAX_MESSAGE_LENGTH, escapeHtml, joinWithin, truncatePlain } from "../../src/bot/render/html.ts";
import { answerResult, paginate, resultId } from "../../src/bot/render/inline.ts";
import { renderQuoteList } from "../../src/bot/render/quotes.ts";
import { renderNoAnswer, renderReload } from "../../src/bot/render/texts.ts";
import { LIGHTHOUSE, answerFor, makeDocument } from "../support/fixtures.ts";
import { expectWellFormedHtml } from "../support/html.ts";

/** What a reader sees before expanding: tags and the folded blockquote removed, entities decoded. */
function visible(html: string): string {
  return html
    .replace(/<blockquote expandable>[\s\S]*?<\/blockquote>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

describe("escapeHtml", () => {
  it("escapes & before < and > so entities are not double-decoded", () => {
    expect(escapeHtml(`<b>&amp; "x"</b>`)).toBe("&lt;b&gt;&amp;amp; &quot;x&quot;&lt;/b&gt;");
  });
});

describe("renderAnswer", () => {
  it("marks the answering sentence in bold and escapes article text", () => {
    const html = renderAnswer(answerFor(LIGHTHOUSE, 0, 1));
    expect(html.startsWith("<b>The work will cost 2 million crowns &amp; take &lt;two&gt; years.</b>\n")).toBe(true);
    // The rest of the passage is folded, a tap away, not bold, without repeating the answer.
    expect(html).toContain(
      "<blockquote expandable>The harbour council of Port Maren voted on Tuesday to restore the old lighthouse. …</blockquote>",
    );
    expect(html).not.toContain("<b>The harbour council");
    expectWellFormedHtml(html);
  });

  it("puts the answer first: the sentence and the source in about 600 visible characters, the passage folded", () => {
    const long =
      "The council heard many long reports on the harbour, its walls, its boats and its people over the whole day. ".repeat(
        20,
      );
    const doc = makeDocument("long", "A long article", [
      { text: `${long}The key fact is that the lighthouse reopens in May. ${long}` },
    ]);
    const k = doc.passages[0]!.sentences.findIndex((s) => s.text.startsWith("The key fact"));
    const html = renderAnswer(answerFor(doc, 0, k));
    expect(html.length).toBeGreaterThan(2000);
    expect(visible(html).length).toBeLessThanOrEqual(600);
    expect(visible(html)).toContain("The key fact is that the lighthouse reopens in May.");
    expect(visible(html)).toContain("A long article");
  });

  it("keeps the visible part within 600 characters even with a long speaker, title, section and sentence", () => {
    const sentence = `"${"the harbour will be lit again and everyone will see it from far away, ".repeat(12)}" she said.`;
    const doc = makeDocument("w", "W".repeat(500), [
      { section: "S".repeat(300), speaker: "N".repeat(300), text: sentence },
    ]);
    const html = renderAnswer(answerFor(doc, 0, 0), { index: 8, total: 10 });
    expect(html).toContain("🗣");
    expect(visible(html).length).toBeLessThanOrEqual(600);
    expectWellFormedHtml(html);
  });

  it("links the source when the article has a url, and cuts a giant title", () => {
    const doc = { ...LIGHTHOUSE, url: "https://example.org/news?a=1&b=2", title: "T".repeat(6000) };
    const html = renderAnswer(answerFor(doc, 0, 0));
    expect(html).toContain('<a href="https://example.org/news?a=1&amp;b=2">');
    expect(html.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(visible(html).length).toBeLessThanOrEqual(600);
    expectWellFormedHtml(html);
  });

  it("a giant url in front matter is not linked, so the answer still fits one message", () => {
    const doc = { ...LIGHTHOUSE, url: `https://example.org/${"x".repeat(5000)}` };
    const html = renderAnswer(answerFor(doc, 0, 0));
    expect(html).not.toContain("<a href");
    expect(html.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expectWellFormedHtml(html);
  });

  it("a giant speaker name is cut in quote lists", () => {
    const quote = { ...LIGHTHOUSE.quotes[0]!, speaker: "S".repeat(5000) };
    const html = renderQuoteList("<b>Quotes</b>", [quote], [LIGHTHOUSE]);
    expect(html.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(html).toContain("S".repeat(50));
    expectWellFormedHtml(html);
  });

  it("names the source: title, date and section", () => {
    const html = renderAnswer(answerFor(LIGHTHOUSE, 2, 0));
    expect(html).toContain("Harbour council restores the old lighthouse");
    expect(html).toContain("2024-03-11");
    expect(html).toContain("Funding");
  });

  it("sets off a direct quote with the speaker's full name", () => {
    const answer = answerFor(LIGHTHOUSE, 1, 1);
    expect(answer.speaker).toBe("Mirela Voss");
    const html = renderAnswer(answer);
    expect(html.startsWith("🗣 <b>Mirela Voss</b>:\n<b>&quot;The lighthouse is the heart")).toBe(true);
    // The rest of the quote is set off in the folded passage.
    expect(html).toMatch(
      /<blockquote expandable>Mayor Mirela Voss welcomed the vote\. … [^<]*<i>We will light it again by next summer,<\/i>/,
    );
    expectWellFormedHtml(html);
  });

  it("puts no speaker header over narration about a person", () => {
    const narration = { ...answerFor(LIGHTHOUSE, 1, 0), speaker: "Mirela Voss" };
    expect(narration.quote).toBeNull();
    const html = renderAnswer(narration);
    expect(html).not.toContain("🗣");
    expect(html.startsWith("<b>Mayor Mirela Voss welcomed the vote.</b>")).toBe(true);
  });

  it("shows the position when there are several answers", () => {
    expect(renderAnswer(answerFor(LIGHTHOUSE, 0, 0), { index: 1, total: 3 })).toContain("Answer 2 of 3");
    expect(renderAnswer({ ...answerFor(LIGHTHOUSE, 0, 0), kind: "overview" }, { index: 0, total: 3 })).toContain(
      "Overview 1 of 3",
    );
  });

  it("cuts a huge passage at sentence boundaries around the answer and stays within 4096", () => {
    const filler = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} has <tags> & ampersands.`).join(" ");
    const doc = makeDocument("big", "Big <doc>", [{ text: `${filler} The key fact is here. ${filler}` }]);
    const k = doc.passages[0]!.sentences.findIndex((s) => s.text.startsWith("The key fact"));
    const html = renderAnswer(answerFor(doc, 0, k));
    expect(html.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(html).toContain("<b>The key fact is here.</b>");
    expect(html).toMatch(/<blockquote expandable>… /);
    expect(html).toContain(" …</blockquote>");
    // Cuts fall between sentences: every visible sentence is whole.
    expect(html).not.toMatch(/Sentence number \d+ has &lt;tags&gt; &amp;(?! ampersands\.)/);
    expectWellFormedHtml(html);
  });

  it("cuts a single giant sentence without breaking an entity", () => {
    const doc = makeDocument("giant", "Giant", [{ text: "&<>".repeat(3000) + "." }]);
    const html = renderAnswer(answerFor(doc, 0, 0));
    expect(html.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expectWellFormedHtml(html);
  });
});

describe("other renderers", () => {
  it("the no-answer message is honest, escapes the question and offers suggestions", () => {
    const html = renderNoAnswer("<script>alert(1)</script>", true);
    expect(html).toContain("does not say");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("Maybe one of these");
    expect(renderNoAnswer("x", false)).not.toContain("Maybe one of these");
    expectWellFormedHtml(html);
  });

  it("a long quote list fits one message and says how many were left out", () => {
    const doc = makeDocument(
      "q",
      "Quotes",
      Array.from({ length: 80 }, (_, i) => ({ speaker: "A <B>", text: `"${"word ".repeat(40)}number ${i}."` })),
    );
    const html = renderQuoteList("<b>Quotes</b>", doc.quotes, [doc]);
    expect(html.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(html).toMatch(/…and \d+ more quotes/);
    expect(html).toContain("A &lt;B&gt;");
    expectWellFormedHtml(html);
  });

  it("joinWithin never exceeds the limit", () => {
    const blocks = Array.from({ length: 50 }, (_, i) => `<b>${"x".repeat(i * 10)}</b>`);
    for (const max of [10, 100, 1000, 4096]) expect(joinWithin(blocks, max).length).toBeLessThanOrEqual(max);
  });

  it("truncatePlain prefers a sentence end and never splits a surrogate pair", () => {
    expect(truncatePlain("One two three four. Five six seven.", 25)).toBe("One two three four.…");
    expect(truncatePlain("One two three four five six seven", 16)).toBe("One two three…");
    const emoji = "😀".repeat(10);
    const cut = truncatePlain(emoji, 6);
    expect(cut.endsWith("…")).toBe(true);
    expect(/[\ud800-\udbff]…$/.test(cut)).toBe(false);
  });

  it("the reload report names failed files and the change", () => {
    const html = renderReload({
      ok: true,
      stats: { documents: 2, passages: 10, sentences: 30, quotes: 4 },
      delta: { documents: 1, passages: 3, sentences: 9, quotes: -1 },
      failures: [{ file: "bad<1>.txt", reason: "not valid UTF-8" }],
      ms: 12,
    });
    expect(html).toContain("Documents: 2 (+1)");
    expect(html).toContain("Quotes: 4 (-1)");
    expect(html).toContain("12 ms");
    expect(html).toContain("bad&lt;1&gt;.txt");
    expectWellFormedHtml(html);
  });
});

describe("inline rendering", () => {
  it("result ids are stable hashes of at most 64 bytes", () => {
    const a = answerResult(answerFor(LIGHTHOUSE, 0, 0));
    const b = answerResult(answerFor(LIGHTHOUSE, 0, 0));
    expect(a.id).toBe(b.id);
    expect(Buffer.byteLength(a.id)).toBeLessThanOrEqual(64);
    expect(resultId("x")).not.toBe(resultId("y"));
  });

  it("paginate returns next_offset until the end, then an empty string, and ignores forged offsets", () => {
    const items = Array.from({ length: 25 }, (_, i) => i);
    expect(paginate(items, "", 10)).toEqual({ page: items.slice(0, 10), nextOffset: "10" });
    expect(paginate(items, "20", 10)).toEqual({ page: items.slice(20), nextOffset: "" });
    expect(paginate(items, "abc", 10).page[0]).toBe(0);
    expect(paginate(items, "99999999", 10)).toEqual({ page: [], nextOffset: "" });
    expect(paginate(items, "", 500).page.length).toBe(25);
  });
});
