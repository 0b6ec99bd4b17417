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

describe("Markdown edge cases the hand-written parser got wrong (issue 11)", () => {
  it("reads a folded YAML title (`title: >-`) as its text, not as '>-'", () => {
    const draft = parseMarkdown("---\ntitle: >-\n  Harbour works\n  resume in spring\n---\n\nThe port reopened.\n");
    expect(draft.title).toBe("Harbour works resume in spring");
  });

  it("unescapes quotes inside a quoted YAML value", () => {
    const draft = parseMarkdown("---\ntitle: \"The \\\"new\\\" bridge\"\nsource: 'Valley''s Courier'\n---\n\nText.\n");
    expect(draft.title).toBe('The "new" bridge');
    expect(draft.source).toBe("Valley's Courier");
  });

  it("reads top-level keys only: a nested or dashed key does not replace a field", () => {
    const draft = parseMarkdown(
      "---\ntitle: Real title\nseo:\n  title: Search engine title\nsite-source: Elsewhere\n---\n\nText.\n",
    );
    expect(draft.title).toBe("Real title");
    expect(draft.source).toBeNull();
  });

  it("takes a setext heading as the title and its underline is no text", () => {
    const draft = parseMarkdown(
      "Budget Passed\n=============\n\nThe parliament passed the budget.\n\nDetails\n-------\n\nIt grows by a tenth.\n",
    );
    expect(draft.title).toBe("Budget Passed");
    expect(draft.blocks).toEqual([
      { kind: "paragraph", text: "The parliament passed the budget." },
      { kind: "heading", text: "Details" },
      { kind: "paragraph", text: "It grows by a tenth." },
    ]);
  });

  it("does not index link definitions or footnotes, and drops footnote marks", () => {
    const draft = parseMarkdown(
      '# Rail\n\nThe line opened[^1] as [planned][plan].\n\n[plan]: https://example.org/plan "The plan"\n[^1]: Opened on a Friday, said the operator.\n',
    );
    expect(draft.blocks).toEqual([{ kind: "paragraph", text: "The line opened as planned." }]);
  });

  it("keeps a list under its lead-in as one passage, one line per item, and skips fenced code", () => {
    const draft = parseMarkdown(
      "# Plan\n\nThe council agreed on:\n- a new road\n- a school\n\n```\nconst x = 1;\n```\n",
    );
    expect(draft.blocks).toEqual([{ kind: "paragraph", text: "The council agreed on:\na new road\na school" }]);
  });
});
