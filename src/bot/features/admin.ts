/**
 * Admin commands: /reload, /stats, and adding an article by sending a file
 * (caption /replace to replace an article of the same name).
 *
 * The admin handlers live on a composer filtered by `isAdmin` (a user id in
 * ADMIN_IDS), so no handler repeats the check; everyone else reaches the
 * refusal below it: a polite reply, and nothing changes.
 */
import { Composer } from "grammy";
import { isAdmin } from "../access.ts";
import { COMMANDS } from "../commands.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { httpFileFetcher } from "../files.ts";
import { describeError } from "../redact.ts";
import { code, escapeHtml } from "../render/html.ts";
import { renderReload, renderStats, texts } from "../render/texts.ts";
import {
  checkText,
  DEFAULT_MAX_UPLOAD_BYTES,
  safeFileName,
  saveArticle,
  saveFailureReason,
  type SaveResult,
} from "../upload.ts";

/** A caption that asks to replace an existing article of the same name. */
const REPLACE_CAPTION = /^\/replace(?:@\w+)?(?:\s|$)/i;

/** Every admin command in the table: the ones a non-admin is refused. */
const ADMIN_COMMAND_NAMES = Object.values(COMMANDS).flatMap((c) => ("admin" in c && c.admin ? [c.command] : []));

/** The reply to a saved upload (HTML). */
export function renderSaved(result: SaveResult): string {
  const name = code(escapeHtml(result.name));
  switch (result.status) {
    case "saved":
      return `📥 Saved ${name}. Reloading…`;
    case "replaced":
      return `📥 Replaced ${name}, as asked. Reloading…`;
    case "unchanged":
      return `📎 ${name} already holds exactly this file; nothing changed.`;
    case "renamed":
      return (
        `📥 Saved as ${name}: ${code(escapeHtml(result.wanted))} already exists and was kept. ` +
        `To replace it instead, send the file again with the caption /replace. Reloading…`
      );
  }
}

export function adminFeature(deps: BotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const admins = deps.config.adminIds;
  const maxBytes = deps.config.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const fetchFile = deps.files ?? httpFileFetcher(deps.config.token, deps.config.apiRoot);
  const now = deps.now ?? (() => new Date());
  const admin = feature.filter((ctx) => isAdmin(ctx, admins));

  const reload = async (ctx: BotContext) => {
    deps.logger.info("reload requested", { by: ctx.from?.id });
    const report = await deps.library.reload();
    deps.logger.info(report.ok ? "reload done" : "reload kept the old index", {
      ok: report.ok,
      ms: report.ms,
      documents: report.stats.documents,
      failures: report.failures.map((f) => f.file),
    });
    await ctx.reply(renderReload(report));
  };

  admin.command(COMMANDS.reload.command, reload);

  // The figures of the index serving this update (ctx.engine), even if a reload finishes meanwhile.
  admin.command(COMMANDS.stats.command, async (ctx) => {
    const counts = await deps.stats.read();
    await ctx.reply(
      renderStats({
        corpus: ctx.engine.stats(),
        ...counts,
        lastReload: deps.library.lastReload,
        startedAt: deps.stats.startedAt,
        now: now(),
      }),
    );
  });

  // Files are taken in private chats only: in groups they are usually not for the bot.
  admin.chatType("private").on("message:document", async (ctx) => {
    const doc = ctx.message.document;
    const name = safeFileName(doc.file_name);
    if (!name) return void (await ctx.reply(texts.uploadWrongType));
    if (doc.file_size !== undefined && doc.file_size > maxBytes) {
      return void (await ctx.reply(texts.uploadTooBig(maxBytes)));
    }
    let bytes: Uint8Array;
    try {
      bytes = await fetchFile(ctx.api, doc.file_id, maxBytes);
    } catch (error) {
      const reason = describeError(error, [deps.config.token]);
      deps.logger.warn("upload download failed", { reason });
      return void (await ctx.reply(/too big/.test(reason) ? texts.uploadTooBig(maxBytes) : texts.uploadFailed));
    }
    const checked = checkText(bytes);
    if (!checked.ok) {
      if (checked.problem === "empty") return void (await ctx.reply(texts.uploadEmpty));
      return void (await ctx.reply(
        `📎 That file is not an article I can read (${checked.reason}), so I did not add it.`,
      ));
    }
    const replace = REPLACE_CAPTION.test(ctx.message.caption ?? "");
    let saved: SaveResult;
    try {
      saved = await saveArticle(deps.library.dataDir, name, bytes, { replace });
    } catch (error) {
      const why = saveFailureReason(error);
      deps.logger.warn("upload could not be saved", {
        file: name,
        code: (error as { code?: unknown }).code,
        reason: describeError(error),
      });
      return void (await ctx.reply(`📎 I could not save ${code(escapeHtml(name))}: ${why}. Nothing was changed.`));
    }
    deps.logger.info("article uploaded", {
      file: saved.name,
      status: saved.status,
      bytes: bytes.length,
      by: ctx.from.id,
    });
    await ctx.reply(renderSaved(saved));
    if (saved.status !== "unchanged") await reload(ctx);
  });

  // Everyone else: a polite refusal, and nothing changes.
  const refuse = async (ctx: BotContext) => void (await ctx.reply(texts.adminOnly));
  feature.command(ADMIN_COMMAND_NAMES, refuse);
  feature.chatType("private").on("message:document", refuse);

  return feature;
}
