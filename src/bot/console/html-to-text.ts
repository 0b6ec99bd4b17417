/**
 * Telegram HTML to terminal text: ANSI styles on a colour terminal, plain
 * markers (**bold**, │ quotes) otherwise, so piped output stays readable.
 */

export interface TextStyle {
  color: boolean;
}

const ANSI: Record<string, [string, string]> = {
  b: ["\x1b[1m", "\x1b[22m"],
  strong: ["\x1b[1m", "\x1b[22m"],
  i: ["\x1b[3m", "\x1b[23m"],
  em: ["\x1b[3m", "\x1b[23m"],
  u: ["\x1b[4m", "\x1b[24m"],
  ins: ["\x1b[4m", "\x1b[24m"],
  s: ["\x1b[9m", "\x1b[29m"],
  del: ["\x1b[9m", "\x1b[29m"],
  code: ["\x1b[36m", "\x1b[39m"],
  pre: ["\x1b[36m", "\x1b[39m"],
};

const PLAIN: Record<string, [string, string]> = {
  b: ["**", "**"],
  strong: ["**", "**"],
  code: ["`", "`"],
};

export function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

export function htmlToText(html: string, style: TextStyle): string {
  const table = style.color ? ANSI : PLAIN;
  let out = "";
  let quoteDepth = 0;
  const hrefs: string[] = [];
  const token = /<(\/?)([a-z-]+)([^>]*)>|([^<]+)|(<)/gi;
  let m: RegExpExecArray | null;
  while ((m = token.exec(html))) {
    const [, closing, rawTag, attrs, text, stray] = m;
    if (text !== undefined || stray !== undefined) {
      let piece = decodeEntities(text ?? stray ?? "");
      if (quoteDepth > 0) piece = piece.replace(/\n/g, "\n│ ");
      out += piece;
      continue;
    }
    const tag = rawTag!.toLowerCase();
    if (tag === "blockquote") {
      if (closing) {
        quoteDepth = Math.max(0, quoteDepth - 1);
        if (!out.endsWith("\n")) out += "\n";
      } else {
        quoteDepth += 1;
        if (out !== "" && !out.endsWith("\n")) out += "\n";
        out += "│ ";
      }
      continue;
    }
    if (tag === "a") {
      if (closing) {
        const href = hrefs.pop();
        if (href) out += style.color ? `\x1b[24m (${href})` : ` (${href})`;
      } else {
        hrefs.push(decodeEntities(/href="([^"]*)"/i.exec(attrs ?? "")?.[1] ?? ""));
        if (style.color) out += "\x1b[4m";
      }
      continue;
    }
    const pair = table[tag];
    if (pair) out += closing ? pair[1] : pair[0];
  }
  return out.replace(/\n$/, "");
}
