/**
 * Markdown articles: optional YAML-style front matter (title, date, source, url)
 * and `#` headings. The first level-one heading is the title when the front
 * matter has none. Inline markup is reduced to plain text.
 */
import { isCaptionLine } from "./captions.ts";
import type { Block, Draft } from "./draft.ts";

const FRONT_MATTER = /^---\s*\n([\s\S]*?)\n---\s*(?:\n|$)/;

export function parseMarkdown(text: string): Draft {
  let body = text.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
  const meta: Record<string, string> = {};
  const front = FRONT_MATTER.exec(body);
  if (front) {
    for (const line of front[1]!.split("\n")) {
      const field = /^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$/.exec(line);
      if (field) meta[field[1]!.toLowerCase()] = unquote(field[2]!);
    }
    body = body.slice(front[0].length);
  }

  const blocks: Block[] = [];
  let title = meta.title || null;
  let paragraph: string[] = [];
  let inFence = false;
  // List items stay one passage but one line (and so one sentence) each.
  const flush = () => {
    const textOfParagraph = paragraph.join("").trim();
    if (textOfParagraph) blocks.push({ kind: "paragraph", text: textOfParagraph });
    paragraph = [];
  };
  for (const line of body.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) {
      flush();
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      const headingText = inline(heading[2]!);
      if (!headingText) continue;
      if (heading[1] === "#" && !title && blocks.length === 0) title = headingText;
      else blocks.push({ kind: "heading", text: headingText });
      continue;
    }
    if (/^\s*$/.test(line) || /^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      continue;
    }
    if (/^\s*!\[[^\]]*\]\([^)]*\)\s*$/.test(line) || isCaptionLine(inline(line))) {
      flush();
      continue;
    }
    const item = /^\s*(?:[-*+]|\d+[.)])\s+/.test(line);
    const content = inline(line.replace(/^\s*(?:>\s?)+/, "").replace(/^\s*(?:[-*+]|\d+[.)])\s+/, ""));
    if (paragraph.length > 0) paragraph.push(item ? "\n" : " ");
    paragraph.push(content);
  }
  flush();

  const date = /^\d{4}-\d{2}-\d{2}/.exec(meta.date ?? "")?.[0] ?? null;
  return { title, date, source: meta.source || null, url: meta.url || null, blocks };
}

/** Markdown inline syntax to plain text: images, links, emphasis, code, HTML tags. */
function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^\p{L}\d])[*_](.+?)[*_](?=$|[^\p{L}\d])/gu, "$1$2")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

function unquote(value: string): string {
  const match = /^(["'])(.*)\1$/.exec(value);
  return match ? match[2]! : value;
}
