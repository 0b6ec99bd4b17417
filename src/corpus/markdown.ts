/**
 * Markdown articles: optional YAML front matter (title, date, source, url) read
 * by `yaml`, and the body read by `marked`'s lexer, so headings (ATX and
 * setext), lists, quotes, code, link definitions and escapes follow CommonMark
 * instead of hand-written patterns (which backtracked badly on hostile input).
 * The first level-one heading is the title when the front matter has none.
 * Inline markup is reduced to plain text.
 */
import { Lexer, type Token, type Tokens } from "marked";
import { parse as parseYaml } from "yaml";
import { isCaptionLine } from "./captions.ts";
import type { Block, Draft } from "./draft.ts";

/** `---` on the first line, up to the next line that is `---` (or `...`) alone. */
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;
/** "[^1]: text": a footnote definition (not article text). */
const FOOTNOTE = /^\s{0,3}\[\^[^\]\s]{1,40}\]:/;
/** "[^1]" in running text: a footnote reference. */
const FOOTNOTE_REF = /\[\^[^\]\s]{1,40}\]/g;

export function parseMarkdown(text: string): Draft {
  let body = text.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
  let meta: Record<string, string> = {};
  const front = FRONT_MATTER.exec(body);
  if (front) {
    meta = readFrontMatter(front[1]!);
    body = body.slice(front[0].length);
  }

  const blocks: Block[] = [];
  let title = meta.title || null;
  const paragraph = (textOfParagraph: string, joinToPrevious = false) => {
    const cleaned = textOfParagraph.trim();
    if (!cleaned) return;
    const previous = blocks.at(-1);
    // A list right under its lead-in line stays in that passage, one line per item.
    if (joinToPrevious && previous?.kind === "paragraph") previous.text += `\n${cleaned}`;
    else blocks.push({ kind: "paragraph", text: cleaned });
  };
  const walk = (tokens: readonly Token[]) => {
    let previousType = "";
    for (const token of tokens) {
      switch (token.type) {
        case "heading": {
          const headingText = flat(inlineText((token as Tokens.Heading).tokens));
          if (!headingText) break;
          if ((token as Tokens.Heading).depth === 1 && !title && blocks.length === 0) title = headingText;
          else blocks.push({ kind: "heading", text: headingText });
          break;
        }
        case "paragraph":
          if (!FOOTNOTE.test((token as Tokens.Paragraph).raw))
            paragraph(lines(inlineText((token as Tokens.Paragraph).tokens)));
          break;
        case "text":
          paragraph(lines(inlineText((token as Tokens.Text).tokens ?? [token])));
          break;
        case "list":
          paragraph(listText(token as Tokens.List), previousType === "paragraph");
          break;
        case "blockquote":
          walk((token as Tokens.Blockquote).tokens);
          break;
        case "code":
          // Fenced code is not article text; an indented block in an article is usually an indented paragraph.
          if ((token as Tokens.Code).codeBlockStyle === "indented") paragraph(lines((token as Tokens.Code).text));
          break;
        case "html":
          paragraph(lines(stripTags((token as Tokens.HTML).text)));
          break;
        case "table": {
          const table = token as Tokens.Table;
          const rows = [table.header, ...table.rows].map((row) =>
            row.map((cell) => flat(inlineText(cell.tokens))).join(" "),
          );
          paragraph(rows.join(" "));
          break;
        }
        // "space", "hr", "def" (link definitions) and anything else: not text.
      }
      previousType = token.type;
    }
  };
  walk(new Lexer({ gfm: true }).lex(body));

  const date = /^\d{4}-\d{2}-\d{2}/.exec(meta.date ?? "")?.[0] ?? null;
  return { title, date, source: meta.source || null, url: meta.url || null, blocks };
}

/** Top-level scalar fields of the front matter, keys lower-cased; none when it is not YAML. */
function readFrontMatter(source: string): Record<string, string> {
  let data: unknown;
  try {
    data = parseYaml(source, { maxAliasCount: 100, prettyErrors: false });
  } catch {
    return {};
  }
  const meta: Record<string, string> = {};
  if (!data || typeof data !== "object" || Array.isArray(data)) return meta;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value === "string") meta[key.toLowerCase()] = value.trim();
    else if (typeof value === "number" || value instanceof Date)
      meta[key.toLowerCase()] = value instanceof Date ? value.toISOString() : String(value);
  }
  return meta;
}

/** Items one per line (a passage, one sentence per item), nested lists flattened. */
function listText(list: Tokens.List): string {
  const out: string[] = [];
  for (const item of list.items) {
    const parts: string[] = [];
    const flush = () => out.push(flat(parts.splice(0).join(" ")));
    for (const child of item.tokens) {
      if (child.type === "list") {
        flush();
        out.push(listText(child as Tokens.List));
      } else if ("tokens" in child && child.tokens) parts.push(inlineText(child.tokens));
      else if ("text" in child && typeof child.text === "string") parts.push(child.text);
    }
    flush();
  }
  return out.filter(Boolean).join("\n");
}

/** A paragraph's lines (soft breaks), without image-only or caption lines, joined by spaces. */
function lines(text: string): string {
  return text
    .split("\n")
    .map(flat)
    .filter((line) => line !== "" && !isCaptionLine(line))
    .join(" ");
}

/** Inline tokens to plain text: emphasis and links keep their words; images, HTML and footnote marks go. */
function inlineText(tokens: readonly Token[]): string {
  let out = "";
  for (const token of tokens) {
    switch (token.type) {
      case "image":
      case "html":
        break;
      case "br":
        out += "\n";
        break;
      case "codespan":
      case "escape":
        out += (token as Tokens.Codespan).text;
        break;
      case "text":
        out += (token as Tokens.Text).tokens ? inlineText((token as Tokens.Text).tokens!) : (token as Tokens.Text).text;
        break;
      default:
        if ("tokens" in token && token.tokens) out += inlineText(token.tokens);
        else if ("text" in token && typeof token.text === "string") out += token.text;
    }
  }
  return out.replace(FOOTNOTE_REF, "");
}

function flat(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** HTML block to its text (tags dropped, lines kept). */
function stripTags(html: string): string {
  return html.replace(/<[^<>]*>/g, "");
}
