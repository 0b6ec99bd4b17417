/**
 * Every other message the bot sends, as pure functions of plain data, so the
 * wording can be tested without a network and reused by the console.
 */
import type { Document } from "../../corpus/types.ts";
import type { CorpusStats } from "../../search/types.ts";
import type { ReloadReport } from "../../library/library.ts";
import { commandLines } from "../commands.ts";
import type { SmallTalk } from "../smalltalk.ts";
import { MAX_MESSAGE_LENGTH, bold, code, escapeHtml, escapeWithin, italic, joinWithin, link } from "./html.ts";
import { LIMITS, nameList, titleHtml } from "./limits.ts";

export interface HelpOptions {
  botUsername: string;
  isAdmin: boolean;
  inGroup: boolean;
  /** Example questions are shown as buttons under the message. */
  hasExamples: boolean;
}

export function renderHelp(o: HelpOptions): string {
  const me = escapeHtml(o.botUsername);
  const blocks = [
    `👋 I answer questions about the news articles I have read: a short answer first, who said it and where it comes from, with the passage a tap away. Ask a follow-up ("What else did he say?", "Tell me more") or "What is this article about?".`,
    o.inGroup
      ? `In this group, ask me with ${code(`/ask your question`)}, or reply to one of my messages. ${code("/ask")} sent as a reply answers the message it replies to.`
      : `Just send me a question. In groups, use ${code(`/ask your question`)} or reply to one of my messages.`,
    `Anywhere, type ${code(`@${me} your question`)} to pick an answer inline; ↗ Share under an answer does it for you.`,
  ];
  const commands = commandLines(false);
  if (o.isAdmin) commands.push("", bold("Admin:"), ...commandLines(true), "Send a .txt or .md file to add an article.");
  blocks.push(commands.join("\n"));
  if (o.hasExamples) blocks.push(bold("Tap an example to ask it:"));
  return joinWithin(blocks);
}

/** The honest abstention; related questions, when there are any, come as buttons. */
export function renderNoAnswer(question: string, hasSuggestions: boolean): string {
  const blocks = [
    `🤷 The article does not say${question.trim() ? ` — I found nothing that answers “${escapeWithin(question.trim(), 200)}”` : ""}.`,
  ];
  if (hasSuggestions) blocks.push(bold("Maybe one of these:"));
  return joinWithin(blocks);
}

/** Short friendly replies to small talk (never a passage, never "the article does not say"). */
export function renderSmallTalk(kind: SmallTalk, botUsername: string): string {
  switch (kind) {
    case "greeting":
      return "👋 Hi! Ask me anything about the news articles I have read — or tap an example:";
    case "thanks":
      return "You're welcome! 🙂 Ask me anything else about the articles.";
    case "farewell":
      return "Bye! 👋 Come back with more questions any time.";
    case "help":
    case "identity":
      return `🤖 I'm @${escapeHtml(botUsername)}: I answer questions about the news articles I have read, quoting who said what and where it comes from. Send me a question, or /help for more. For example:`;
    case "emoji":
    case "ack":
      return "👍 Anything else you'd like to know about the articles?";
  }
}

export function renderAbout(documents: readonly Document[]): string {
  if (documents.length === 0) return "📭 No article is loaded yet.";
  const blocks = documents.map((d) => {
    const title = d.url ? link(d.url, bold(titleHtml(d.title))) : bold(titleHtml(d.title));
    const lines = [`📰 ${title}`];
    // The date only: `source` may be a dateline city, which is not who published the article.
    if (d.date) lines.push(escapeHtml(d.date));
    lines.push(italic(`${plural(d.passages.length, "passage")}, ${plural(d.quotes.length, "quote")}`));
    if (d.people.length)
      lines.push(
        `People: ${nameList(
          d.people.map((p) => p.name),
          600,
        )}`,
      );
    return lines.join("\n");
  });
  const heading = `I have read ${plural(documents.length, "article")}:`;
  return joinWithin([heading, ...blocks], MAX_MESSAGE_LENGTH, "\n\n", (n) => italic(`…and ${n} more.`));
}

/** "1 article", "2 articles". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `${n}` : "±0";
}

/** What a reload did: figures, their change, time taken, failed files. */
export function renderReload(report: ReloadReport): string {
  const s = report.stats;
  const d = report.delta;
  const blocks: string[] = [];
  if (report.ok) {
    blocks.push(
      `✅ Reloaded in ${report.ms} ms.\n` +
        `Documents: ${s.documents} (${signed(d.documents)})\n` +
        `Passages: ${s.passages} (${signed(d.passages)})\n` +
        `Quotes: ${s.quotes} (${signed(d.quotes)})`,
    );
  } else {
    blocks.push(
      `⚠️ Reload failed after ${report.ms} ms: ${escapeWithin(report.reason ?? "unknown reason", 500)}.\n` +
        `Still serving the previous index: ${plural(s.documents, "document")}, ${plural(s.passages, "passage")}, ${plural(s.quotes, "quote")}.`,
    );
  }
  if (report.failures.length > 0) {
    // Line by line within the room left, so that with hundreds of bad files the
    // first ones are still named (as one block, the whole list was dropped).
    const lines = report.failures.map((f) => `• ${code(escapeWithin(f.file, 200))} — ${escapeWithin(f.reason, 300)}`);
    const heading = bold(`Skipped ${report.failures.length} ${report.failures.length === 1 ? "file" : "files"}:`);
    const room = Math.max(0, MAX_MESSAGE_LENGTH - blocks.join("\n\n").length - 2 - heading.length - 1);
    const list = joinWithin(lines, room, "\n", (n) => italic(`…and ${n} more (all are named in the log).`));
    blocks.push(`${heading}\n${list}`);
  }
  return joinWithin(blocks);
}

export interface StatsView {
  corpus: CorpusStats;
  answered: number;
  abstained: number;
  inlineQueries: number;
  lastReload: Date | null;
  startedAt: Date;
  now: Date;
}

function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return `${d} d ${h} h ${m} min`;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

export function renderStats(v: StatsView): string {
  const last = v.lastReload
    ? `${v.lastReload.toISOString().replace("T", " ").slice(0, 19)} UTC (${formatDuration(v.now.getTime() - v.lastReload.getTime())} ago)`
    : "never";
  return [
    bold("📊 Stats"),
    `Documents: ${v.corpus.documents}`,
    `Passages: ${v.corpus.passages}`,
    `Sentences: ${v.corpus.sentences}`,
    `Quotes: ${v.corpus.quotes}`,
    `Questions answered: ${v.answered}`,
    `Abstentions: ${v.abstained}`,
    `Inline queries: ${v.inlineQueries}`,
    `Last reload: ${last}`,
    `Uptime: ${formatDuration(v.now.getTime() - v.startedAt.getTime())}`,
  ].join("\n");
}

export const texts = {
  adminOnly: "🔒 Sorry, only the bot's admins can do that. Nothing was changed.",
  nonText: "🙂 I can only read text. Send me a question about the article, or /help.",
  askUsage: (username: string) =>
    `Ask me like this: ${code("/ask What was discussed?")}, send ${code("/ask")} as a reply to a question, or type ${code(`@${escapeHtml(username)} What was discussed?`)} to answer inline.`,
  /** A follow-up when everything on it was already shown. */
  nothingMore: (speaker: string | null, hasSuggestions: boolean) =>
    (speaker
      ? `That's everything ${bold(escapeWithin(speaker, 100))} says in the articles I have read — I've shown it all.`
      : "That's all the articles I have read say about it — I've shown it all.") +
    (hasSuggestions ? `\n\n${bold("Maybe one of these:")}` : ""),
  /** Shows which question a tapped button or a deep link asked. */
  asked: (question: string) => `❓ ${italic(escapeWithin(question, 300))}`,
  unknownCommand: "I don't know that command. Try /help.",
  rateLimited: (seconds: number) => `⏳ You're sending messages a bit fast — please ask that again in ${seconds} s.`,
  expiredButton: "This button has expired; please ask again.",
  noMore: "That was the last answer.",
  uploadWrongType: "📎 Only .txt or .md files can be added as articles.",
  uploadTooBig: (max: number) => `📎 That file is too big; the limit is ${Math.round(max / 1024)} KB.`,
  uploadNotText: "📎 That file is not UTF-8 text, so I did not add it.",
  uploadEmpty: "📎 That file is empty, so I did not add it.",
  uploadFailed: "📎 I could not download that file from Telegram; please try again.",
  uploadSaved: (name: string, replaced: boolean) =>
    `📥 ${replaced ? "Replaced" : "Saved"} ${code(escapeHtml(name))}. Reloading…`,
  noQuotes: (name: string | undefined, speakers: readonly string[]) => {
    const first = name
      ? `No direct quotes by “${escapeWithin(name, 100)}” in the loaded articles.`
      : "The loaded articles contain no direct quotes.";
    return speakers.length
      ? `${first}\nPeople quoted: ${nameList(speakers, LIMITS.message - first.length - 100)}`
      : first;
  },
  showingResultsFor: (question: string) => italic(`Showing results for “${escapeWithin(question, 200)}”`),
  unknownStart: "That link did not carry a question I can read; here is how to use me.",
  longQuestion: (max: number) => `✂️ That's a long message; I only read its first ${max} characters.`,
} as const;
