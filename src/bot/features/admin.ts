/**
 * Admin commands: /reload, /stats, and adding an article by sending a file.
 * Admin means a user id in ADMIN_IDS; everyone else gets a polite refusal
 * and nothing changes.
 */
import { Composer, type Context } from "grammy";
import { isAdmin } from "../access.ts";
import type { BotDeps } from "../deps.ts";
import { httpFileFetcher } from "../files.ts";
import { describeError } from "../redact.ts";
import { renderReload, renderStats, texts } from "../render/texts.ts";
import { checkText, DEFAULT_MAX_UPLOAD_BYTES, safeFileName, saveArticle } from "../upload.ts";

export function adminFeature(deps: BotDeps): Composer<Context> {
  const feature = new Composer();
  const admins = deps.config.adminIds;
  const maxBytes = deps.config.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const fetchFile = deps.files ?? httpFileFetcher(deps.config.token, deps.config.apiRoot);
  const now = deps.now ?? (() => new Date());

  const reload = async (ctx: Context) => {
    deps.logger.info("reload requested", { by: ctx.from?.id });
    const report = await deps.library.reload();
    deps.logger.info(report.ok ? "reload done" : "reload kept the old index", {
      ok: report.ok,
      ms: report.ms,
      documents: report.stats.documents,
      failures: report.failures.map((f) => f.file),
    });
    await ctx.reply(renderReload(report), { parse_mode: "HTML" });
  };

  feature.command("reload", async (ctx) => {
    if (!isAdmin(ctx, admins)) return void (await ctx.reply(texts.adminOnly));
    await reload(ctx);
  });

  feature.command("stats", async (ctx) => {
    if (!isAdmin(ctx, admins)) return void (await ctx.reply(texts.adminOnly));
    const counts = await deps.stats.read();
    await ctx.reply(
      renderStats({
        corpus: deps.library.engine.stats(),
        ...counts,
        lastReload: deps.library.lastReload,
        startedAt: deps.stats.startedAt,
        now: now(),
      }),
      { parse_mode: "HTML" },
    );
  });

  // Files are taken in private chats only: in groups they are usually not for the bot.
  feature.chatType("private").on("message:document", async (ctx) => {
    if (!isAdmin(ctx, admins)) return void (await ctx.reply(texts.adminOnly));
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
    if (!checked.ok) return void (await ctx.reply(checked.problem === "empty" ? texts.uploadEmpty : texts.uploadNotText));
    const saved = await saveArticle(deps.library.dataDir, name, bytes);
    deps.logger.info("article uploaded", { file: name, bytes: bytes.length, by: ctx.from.id });
    await ctx.reply(texts.uploadSaved(name, saved.replaced), { parse_mode: "HTML" });
    await reload(ctx);
  });

  return feature;
}
