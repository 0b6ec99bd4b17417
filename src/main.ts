/**
 * Entry point (`npm start`): reads the configuration, opens the library and
 * wires the bot in one of three modes — long polling, webhook, or a console
 * chat when no BOT_TOKEN is set. Start-up problems end in one clear line.
 */
import { config as loadDotenv } from "dotenv";
import { GrammyError, HttpError } from "grammy";
import { createBot } from "./bot/bot.ts";
import { CONSOLE_BOT_INFO, CONSOLE_TOKEN, CONSOLE_USER, ConsoleChat, localFileFetcher } from "./bot/console/chat.ts";
import { createLogger } from "./bot/logger.ts";
import { connect } from "./bot/modes/connect.ts";
import { startPolling } from "./bot/modes/polling.ts";
import { startWebhook } from "./bot/modes/webhook.ts";
import { describeError, redact } from "./bot/redact.ts";
import { createStats } from "./bot/stats.ts";
import { ConfigError, parseConfig } from "./config.ts";
import { Library } from "./search/library.ts";

const secrets: string[] = [];

function fail(line: string): never {
  process.stderr.write(`error: ${redact(line, secrets)}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (config.token) secrets.push(config.token);
  const logger = createLogger({ level: config.logLevel, secrets });

  const { library, report } = await Library.open(config.dataDir);
  for (const failure of report.failures) logger.warn(`skipped ${failure.file}: ${failure.reason}`);
  if (report.ok) {
    const s = report.stats;
    logger.info(`loaded ${s.documents} documents, ${s.passages} passages, ${s.quotes} quotes from ${config.dataDir} in ${report.ms} ms`);
  } else {
    logger.warn(`no article loaded from ${config.dataDir} (${report.reason}); the bot will say so until an admin adds one`);
  }
  const stats = createStats();

  if (!config.token) {
    const bot = createBot({
      library,
      config: { token: CONSOLE_TOKEN, adminIds: [...config.adminIds, CONSOLE_USER.id], autoRetry: false, rateLimit: false },
      logger,
      stats,
      botInfo: CONSOLE_BOT_INFO,
      files: localFileFetcher,
    });
    const chat = new ConsoleChat({
      bot,
      input: process.stdin,
      output: process.stdout,
      color: process.stdout.isTTY === true && !process.env.NO_COLOR,
      prompt: process.stdin.isTTY === true,
    });
    process.stdout.write(
      `No BOT_TOKEN set, so this is a console chat with @${chat.username} (you are the admin). ` +
        `Put BOT_TOKEN=<token from @BotFather> in .env to connect to Telegram. Type :help for console commands.\n`,
    );
    await chat.run();
    return;
  }

  const bot = createBot({
    library,
    config: { token: config.token, adminIds: config.adminIds, ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}) },
    logger,
    stats,
  });

  let stop: () => Promise<void>;
  try {
    await connect(bot, config.token, config.apiRoot);
    if (config.webhook) {
      const server = await startWebhook(bot, config.webhook, config.adminIds, logger, secrets);
      stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
    } else {
      const runner = await startPolling(bot, config.adminIds, logger, secrets);
      runner.task()?.catch((error: unknown) => {
        fail(`polling stopped: ${describeError(error, secrets)}`);
      });
      stop = () => (runner.isRunning() ? runner.stop() : Promise.resolve());
    }
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) fail("BOT_TOKEN: Telegram rejected the token (401 Unauthorized)");
    if (error instanceof HttpError) fail(`TELEGRAM_API_ROOT: cannot reach the Bot API at ${config.apiRoot ?? "https://api.telegram.org"} (${describeError(error.error, secrets)})`);
    fail(`cannot start the bot: ${describeError(error, secrets)}`);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, stopping`);
    stop().then(
      () => {
        logger.info("stopped cleanly");
        process.exit(0);
      },
      (error: unknown) => fail(`error while stopping: ${describeError(error, secrets)}`),
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => fail(describeError(error, secrets)));
