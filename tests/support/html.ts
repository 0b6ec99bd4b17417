/** Assertions about the HTML the bot sends. */
import { expect } from "vitest";

/** Checks that tags nest properly and only Telegram's entities are used. */
export function expectWellFormedHtml(html: string): void {
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z]+)(?:\s[^>]*)?>/g)) {
    if (m[1]) expect(stack.pop(), `closing </${m[2]}> in ${html.slice(0, 200)}`).toBe(m[2]);
    else stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
  for (const m of html.matchAll(/&[^;\s]*;?/g)) expect(["&amp;", "&lt;", "&gt;", "&quot;"]).toContain(m[0]);
  const stripped = html.replace(
    /<\/?(b|i|u|s|code|pre|blockquote)>|<blockquote expandable>|<a href="[^"<>]*">|<\/a>/g,
    "",
  );
  expect(stripped).not.toMatch(/[<>]/);
}

/** The text of all <b> segments, tags removed, entities decoded, whitespace dropped. */
export function boldText(html: string): string {
  return squash([...html.matchAll(/<b>([\s\S]*?)<\/b>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "")).join(""));
}
export function squash(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, "");
}
