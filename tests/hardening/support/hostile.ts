/**
 * Arbitraries for hostile text: what people paste into a public bot.
 *
 * Strings are built from fragments (adversarial constants, random Unicode,
 * lone surrogates, control characters, and real words of the served articles
 * so that some inputs actually reach answer rendering), joined by random
 * separators, sometimes blown up past Telegram's 4096 characters.
 */
import fc from "fast-check";

export const ADVERSARIAL: readonly string[] = [
  "",
  " ",
  "\t\n\r",
  "\u00a0\u2003\u3000",
  "<script>alert(1)</script>",
  "<b>bold</b>",
  "</i></b></code>",
  '<a href="javascript:alert(1)">x</a>',
  "<blockquote expandable>",
  "&amp;&amp;amp;&lt;&#x41;&#65;&nbsp;&",
  "& < > \" '",
  "**bold** __u__ `code` ```pre``` [link](http://x) ~~s~~ ||spoiler||",
  "'; DROP TABLE articles; --",
  '" OR 1=1 --',
  ".*+?^${}()|[]\\",
  "(?<=x)\\1(((((a*)*)*)*)*)$",
  "%s %n %x {0} ${process.env.BOT_TOKEN} {{7*7}}",
  "the of and a an is what who when where why how",
  "was were be been being do does did",
  "1 2 3 42 3.14 1e308 -0 NaN Infinity 0x1F 2024-03-11",
  "9".repeat(400),
  "\u202eevil\u202c \u200f\u200e",
  "\u0627\u0644\u0633\u0644\u0627\u0645 \u05e9\u05dc\u05d5\u05dd",
  "e\u0301\u0301\u0301\u0301\u0301 Z\u0351\u0352\u0353\u0354\u0355\u0356",
  "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466} \u{1F3F3}\uFE0F\u200D\u{1F308} \u{1F44D}\u{1F3FD}",
  "\u200b\u200c\u200d\u2060\ufeff",
  "\u0000\u0001\u0007\u001b[31m\u007f\u0085",
  "\ud800",
  "\udfff",
  "\ud83d",
  "a\ud800b\udc00c",
  "/ask",
  "/reload",
  "/start@OtherBot",
  "@TestArticleBot",
  "@",
  "#",
  "\\",
  "\n\n\n",
  "...",
  "???!!!",
  "\u{10FFFF}\u{E0001}\u{FFFE}",
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));

/** One piece of a hostile string; `words` are real words of the served articles. */
export function fragment(words: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ADVERSARIAL) },
    { weight: 4, arbitrary: words.length > 0 ? fc.constantFrom(...words) : fc.constant("word") },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 10 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 20 }) },
    { weight: 1, arbitrary: loneSurrogate },
    { weight: 1, arbitrary: control },
  );
}

/** A hostile string: fragments joined by random separators, sometimes repeated past 4096 characters. */
export function hostileText(words: readonly string[]): fc.Arbitrary<string> {
  const joined = fc
    .tuple(fc.array(fragment(words), { maxLength: 12 }), fc.constantFrom(" ", "", "\n", " & ", "<", "\u200d", "?"))
    .map(([parts, separator]) => parts.join(separator));
  return fc.oneof(
    { weight: 8, arbitrary: joined },
    {
      weight: 1,
      arbitrary: fc.tuple(joined, fc.integer({ min: 1, max: 5000 })).map(([text, times]) => {
        const unit = text === "" ? "x" : text;
        return unit.repeat(Math.ceil(Math.max(4100, times) / unit.length)).slice(0, Math.max(4100, times * 2));
      }),
    },
  );
}

/** Content words of a corpus, for fragments that hit the index. */
export function corpusWords(texts: readonly string[], max = 200): string[] {
  const words = new Set<string>();
  for (const text of texts) for (const w of text.match(/[\p{L}\p{N}'’-]{3,}/gu) ?? []) words.add(w);
  return [...words].slice(0, max);
}
