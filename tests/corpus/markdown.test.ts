import { describe, expect, it } from "vitest";
import { buildDocument } from "../../src/corpus/build.ts";
import { parseMarkdown } from "../../src/corpus/markdown.ts";

const article = `---
title: "Rail Link Opens"
date: 2025-05-02
source: Example Wire
url: https://example.org/rail
---

# Ignored Because Front Matter Has A Title

The new line cuts travel time by **half**, officials said. See [the map](https://example.org/map).

![A train](train.jpg)

## Funding

Minister of Transport Jane Doe said the project cost $2 billion.
"We delivered it on time," Doe said.
`;

describe("Markdown articles", () => {
  it("reads front matter fields", () => {
    const draft = parseMarkdown(article);
    expect(draft.title).toBe("Rail Link Opens");
    expect(draft.date).toBe("2025-05-02");
    expect(draft.source).toBe("Example Wire");
    expect(draft.url).toBe("https://example.org/rail");
  });

  it("turns # headings into sections and strips inline markup and images", () => {
    const doc = buildDocument("rail", "rail.md", parseMarkdown(article));
    expect(doc.sections.map((s) => s.title)).toEqual(["Ignored Because Front Matter Has A Title", "Funding"]);
    expect(doc.passages[0]!.text).toBe("The new line cuts travel time by half, officials said. See the map.");
    expect(doc.passages.some((p) => p.text.includes("train.jpg"))).toBe(false);
  });

  it("uses the first level-one heading as the title when there is no front matter", () => {
    const draft = parseMarkdown("# Budget Passed\n\nThe parliament passed the budget.\n");
    expect(draft.title).toBe("Budget Passed");
    expect(draft.blocks).toEqual([{ kind: "paragraph", text: "The parliament passed the budget." }]);
  });

  it("attributes quotes in Markdown text like in raw text", () => {
    const doc = buildDocument("rail", "rail.md", parseMarkdown(article));
    expect(doc.quotes.map((q) => [q.text, q.speaker])).toEqual([["We delivered it on time", "Jane Doe"]]);
  });
});
