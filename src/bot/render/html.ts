/**
 * HTML parse-mode helpers.
 *
 * Telegram's HTML understands only `&lt; &gt; &amp; &quot;`; every piece of
 * article or user text goes through `escapeHtml` before it meets a tag.
 */

/** Telegram's limit on a message text (after entity parsing). We hold the HTML source to it, which is stricter. */
export const MAX_MESSAGE_LENGTH = 4096;

/** Escapes `&` first, then `<`, `>` and `"`. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export const bold = (html: string) => `<b>${html}</b>`;
export const italic = (html: string) => `<i>${html}</i>`;
export const code = (html: string) => `<code>${html}</code>`;
export const blockquote = (html: string) => `<blockquote>${html}</blockquote>`;

/** Longest URL made into a link; a longer one (an article's front matter can hold anything) shows the label alone. */
export const MAX_LINK_URL = 512;

/** A link, only for http(s) URLs of sane length; anything else is shown as the label alone. */
export function link(url: string, labelHtml: string): string {
  return /^https?:\/\//i.test(url) && url.length <= MAX_LINK_URL
    ? `<a href="${escapeHtml(url)}">${labelHtml}</a>`
    : labelHtml;
}

/**
 * Cuts plain text to at most `max` UTF-16 units, preferring a sentence end,
 * then a word boundary, and never splitting a surrogate pair. Adds "…" when cut.
 */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? "…" : "";
  const room = max - 1;
  const head = text.slice(0, room);
  const sentenceEnd = Math.max(
    head.lastIndexOf(". "),
    head.lastIndexOf("! "),
    head.lastIndexOf("? "),
    head.lastIndexOf(".\n"),
  );
  let cut: number;
  if (sentenceEnd >= room / 2) cut = sentenceEnd + 1;
  else {
    const space = head.search(/\s\S*$/);
    cut = space >= room / 2 ? space : room;
  }
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut).trimEnd() + "…";
}

/** Escapes plain text cut so that its escaped form is at most `max` characters. */
export function escapeWithin(text: string, max: number): string {
  let room = max;
  for (;;) {
    const html = escapeHtml(truncatePlain(text, room));
    if (html.length <= max || room <= 0) return html.length <= max ? html : "";
    room -= Math.max(1, html.length - max);
  }
}

/**
 * Joins ready HTML blocks with `separator` while the result stays within
 * `max`; blocks that do not fit are dropped and counted in `overflow(n)`.
 * Each block must be well-formed on its own, so the cut is never inside markup.
 */
export function joinWithin(
  blocks: readonly string[],
  max: number = MAX_MESSAGE_LENGTH,
  separator = "\n\n",
  overflow: (dropped: number) => string = (n) => `<i>…and ${n} more.</i>`,
): string {
  let out = "";
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const candidate = out === "" ? block : out + separator + block;
    const rest = blocks.length - i - 1;
    const reserve = rest > 0 ? separator.length + overflow(rest).length : 0;
    if (candidate.length + reserve <= max) {
      out = candidate;
      continue;
    }
    const note = overflow(blocks.length - i);
    if (out === "") {
      // Not even the first block fits: fall back to the note alone.
      return note.slice(0, max);
    }
    return (out + separator + note).length <= max ? out + separator + note : out;
  }
  return out;
}

/** Characters a reader sees of an HTML fragment: tags removed, the four entities counted as one. */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(?:lt|gt|amp|quot);/g, "&").length;
}
