/**
 * The Bot API's rules for what a bot may send, as one check per outgoing call,
 * shared by the property tests, the fault tests and the soak run.
 *
 * Each check throws an Error naming the rule that was broken, so fast-check can
 * shrink to the input that broke it. No vitest import: the soak script (a
 * plain tsx program) uses these checks too.
 */

/** Telegram's limits (see /work/shared/notes/telegram.md). */
export const LIMITS = {
  messageText: 4096,
  inlineResults: 50,
  inlineResultIdBytes: 64,
  nextOffsetBytes: 64,
  callbackDataBytes: 64,
  callbackAnswerText: 200,
} as const;

function fail(rule: string, detail: unknown): never {
  throw new Error(
    `${rule}: ${typeof detail === "string" ? detail.slice(0, 300) : JSON.stringify(detail).slice(0, 300)}`,
  );
}

/** Text Telegram can read: well-formed UTF-16 (no lone surrogates), so it survives the trip to UTF-8. */
function checkEncodable(text: string, what: string): void {
  if (/[\uD800-\uDFFF]/u.test(text))
    fail(`${what} contains a lone surrogate (not encodable as UTF-8)`, JSON.stringify(text));
}

function checkMessageText(text: unknown, parseMode: unknown, what: string): void {
  if (typeof text !== "string" || text.length === 0) fail(`${what} is empty`, text);
  if (text.length > LIMITS.messageText)
    fail(`${what} is longer than ${LIMITS.messageText}`, `${text.length} characters`);
  checkEncodable(text, what);
  if (parseMode === "HTML") checkHtml(text, what);
  else if (parseMode !== undefined) fail(`${what} uses an unexpected parse_mode`, parseMode);
}

/** Tags Telegram's HTML parse mode understands (the bot uses a subset). */
const ALLOWED_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "code",
  "pre",
  "a",
  "blockquote",
  "tg-spoiler",
  "span",
]);
const ENTITIES = new Set(["&amp;", "&lt;", "&gt;", "&quot;"]);

/** Well-formed Telegram HTML: allowed tags only, properly nested, only the four entities, no stray < or >. */
export function checkHtml(html: string, what = "HTML"): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z-]+)((?:\s[^<>]*)?)>/g;
  let plain = "";
  let at = 0;
  for (const m of html.matchAll(tag)) {
    plain += html.slice(at, m.index);
    at = m.index + m[0].length;
    const name = m[2]!.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) fail(`${what} uses a tag Telegram does not allow`, m[0]);
    if (m[1]) {
      const open = stack.pop();
      if (open !== name) fail(`${what} closes <${open ?? "nothing"}> with </${name}>`, html);
    } else {
      if (name === "a" && !/^\s+href="[^"<>]*"$/.test(m[3]!)) fail(`${what} has a link without a plain href`, m[0]);
      if (name !== "a" && name !== "blockquote" && m[3] !== "") fail(`${what} has attributes on <${name}>`, m[0]);
      stack.push(name);
    }
  }
  plain += html.slice(at);
  if (stack.length > 0) fail(`${what} leaves <${stack.join(">, <")}> open`, html);
  if (/[<>]/.test(plain)) fail(`${what} has an unescaped < or >`, html);
  for (const m of plain.matchAll(/&[^;\s&]*;?/g))
    if (!ENTITIES.has(m[0])) fail(`${what} has an entity Telegram does not know`, m[0]);
}

function checkKeyboard(markup: unknown, what: string): void {
  const rows = (markup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard;
  if (!rows) return;
  for (const button of rows.flat() as { text?: string; callback_data?: string }[]) {
    if (!button.text) fail(`${what}: a button without text`, button);
    if (button.callback_data !== undefined) {
      const bytes = Buffer.byteLength(button.callback_data);
      if (bytes < 1 || bytes > LIMITS.callbackDataBytes)
        fail(`${what}: callback_data is ${bytes} bytes`, button.callback_data);
    }
  }
}

/** Checks one outgoing Bot API call against Telegram's rules; unknown methods pass. */
export function checkOutgoing(method: string, payload: Record<string, any>): void {
  switch (method) {
    case "sendMessage":
    case "editMessageText":
      checkMessageText(payload.text, payload.parse_mode, method);
      checkKeyboard(payload.reply_markup, method);
      return;
    case "answerInlineQuery": {
      const results = payload.results as Record<string, any>[];
      if (!Array.isArray(results)) fail("answerInlineQuery without results", payload);
      if (results.length > LIMITS.inlineResults)
        fail(`more than ${LIMITS.inlineResults} inline results`, results.length);
      const ids = new Set<string>();
      for (const r of results) {
        const bytes = Buffer.byteLength(String(r.id ?? ""));
        if (bytes < 1 || bytes > LIMITS.inlineResultIdBytes) fail(`inline result id is ${bytes} bytes`, r.id);
        if (ids.has(r.id)) fail("duplicate inline result id", r.id);
        ids.add(r.id);
        if (typeof r.title !== "string" || r.title === "") fail("inline result without a title", r);
        checkEncodable(r.title, "inline title");
        if (r.description !== undefined) checkEncodable(String(r.description), "inline description");
        const content = r.input_message_content as { message_text?: string; parse_mode?: string };
        checkMessageText(content?.message_text, content?.parse_mode, "inline message_text");
      }
      const offset = String(payload.next_offset ?? "");
      if (Buffer.byteLength(offset) > LIMITS.nextOffsetBytes) fail("next_offset is longer than 64 bytes", offset);
      return;
    }
    case "answerCallbackQuery":
      if (payload.text !== undefined) {
        if (String(payload.text).length > LIMITS.callbackAnswerText)
          fail("callback answer text longer than 200", payload.text);
        checkEncodable(String(payload.text), "callback answer");
      }
      return;
    default:
      return;
  }
}
