/**
 * Entry point (`npm start` runs the build of this file with node): reads the
 * configuration, opens the library and wires the bot in one of three modes —
 * long polling, webhook, or a console chat when no BOT_TOKEN is set.
 * Start-up problems end in one clear line.
 *
 * This process owns its signals: on SIGTERM or SIGINT it stops taking updates,
 * lets the updates already taken finish (at most STOP_DEADLINE_MS), then exits.
 */
import { config as loadDotenv } from "dotenv";
import { createBot } from "./bot/bot.ts";
import { plural } from "./bot/render/texts.ts";
import { CONSOLE_BOT_INFO, CONSOLE_TOKEN, CONSOLE_USER, ConsoleChat, localFileFetcher } from "./bot/console/chat.ts";
import { createLogger } from "./bot/logger.ts";
import { connect, startFailure } from "./bot/modes/connect.ts";
import { closeServer, type HealthState, startHealthServer } from "./bot/modes/health.ts";
import { InFlight } from "./bot/modes/inflight.ts";
import { confirmHandled, startPolling } from "./bot/modes/polling.ts";
import { startWebhook } from "./bot/modes/webhook.ts";
import { Redactor } from "./bot/redact.ts";
import { createStats } from "./bot/stats.ts";
import { type Config, ConfigError, parseConfig } from "./config.ts";
import { Library } from "./library/library.ts";
import { openState } from "./state/open.ts";
import { snapshotDirIn } from "./library/snapshot.ts";

/** How long a stop waits for updates being handled (a 429 retry, an upload). */
const STOP_DEADLINE_MS = 10_000;

const redactor = new Redactor();

function fail(line: string): never {
  process.stderr.write(`error: ${redactor.redact(line)}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  redactor.add(config.token);
  redactor.add(config.webhook?.secret);
  if (config.redisUrl) {
    // The URL holds the password percent-encoded; ioredis' errors may show either form.
    const password = new URL(config.redisUrl).password;
    redactor.add(password || undefined);
    redactor.add(safeDecode(password) || undefined);
  }
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, redactor });

  const { library, report } = await Library.open(config.dataDir, { snapshotDir: snapshotDirIn(config.stateDir) });
  for (const warning of report.warnings ?? []) logger.warn(warning);
  for (const failure of report.failures) logger.warn(`skipped ${failure.file}: ${failure.reason}`);
  if (report.ok) {
    const s = report.stats;
    logger.info(
      `loaded ${plural(s.documents, "document")}, ${plural(s.passages, "passage")}, ${plural(s.quotes, "quote")} from ${config.dataDir} in ${report.ms} ms`,
    );
  } else {
    logger.warn(
      `no article loaded from ${config.dataDir} (${report.reason}); the bot will say so until an admin adds one`,
    );
  }
  if (!config.token) {
    // The console chat keeps its state in memory: it is one person trying the bot.
    const stats = createStats();
    const chat = new ConsoleChat({
      bot: (transport) =>
        createBot({
          library,
          config: {
            token: CONSOLE_TOKEN,
            adminIds: [...config.adminIds, CONSOLE_USER.id],
            autoRetry: false,
            rateLimit: false,
          },
          logger,
          stats,
          botInfo: CONSOLE_BOT_INFO,
          files: localFileFetcher,
          transport,
        }),
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

  let state;
  try {
    state = await openState(config, logger, library);
  } catch (error) {
    fail(`${config.redisUrl ? "REDIS_URL" : "STATE_DIR"}: ${redactor.describe(error)}`);
  }
  logger.info(state.describe);
  const bot = createBot({
    library: state.library,
    config: { token: config.token, adminIds: config.adminIds, ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}) },
    logger,
    stats: state.stats,
    storage: state.storage,
    rateLimitStore: state.rateLimitStore,
  });
  const inFlight = InFlight.track(bot);
  let serving = false;
  const health: HealthState = { serving: () => serving, documents: () => library.engine.stats().documents };

  // Signals are handled from here on: one sent as soon as "is running" was
  // printed, before the handlers below the start were installed, killed the
  // process. One during the start itself (a slow Bot API) ends it at once.
  let started = false;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!started) {
      logger.info(`${signal} received while starting; exiting`);
      await state.close();
      process.exit(0);
    }
    serving = false;
    logger.info(`${signal} received, stopping`);
    await stopTaking();
    if (inFlight.size > 0)
      logger.info(`waiting for ${inFlight.size} update(s) being handled (at most ${STOP_DEADLINE_MS / 1000} s)`);
    const { unfinished } = await inFlight.drain(STOP_DEADLINE_MS);
    if (unfinished > 0)
      logger.warn(`stopping with ${unfinished} update(s) unfinished after ${STOP_DEADLINE_MS / 1000} s`);
    await close(unfinished === 0);
    await state.close();
    logger.info(unfinished === 0 ? "stopped cleanly" : "stopped");
    process.exit(0);
  };
  const onSignal = (signal: string) =>
    void shutdown(signal).catch((error: unknown) => fail(`error while stopping: ${redactor.describe(error)}`));
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  /** Stops taking updates (fast). */
  let stopTaking: () => Promise<void>;
  /** Closes what is left once in-flight updates are done. */
  let close: (finished: boolean) => Promise<void>;
  try {
    await connect(bot, config.token, config.apiRoot);
    if (config.webhook) {
      const webhook = await startWebhook(bot, config.webhook, config.adminIds, logger, redactor, health);
      stopTaking = () => Promise.resolve(webhook.stopTaking());
      close = () => webhook.close();
    } else {
      const healthServer =
        config.healthPort !== undefined ? await startHealthServer(config.healthPort, health) : undefined;
      const runner = await startPolling(bot, config.adminIds, logger, redactor);
      runner.task()?.catch((error: unknown) => {
        fail(`polling stopped: ${redactor.describe(error)}`);
      });
      stopTaking = () => (runner.isRunning() ? runner.stop() : Promise.resolve());
      close = async (finished) => {
        if (finished) {
          await confirmHandled(bot, inFlight.lastUpdateId).catch((error: unknown) =>
            logger.warn("could not confirm the last updates to Telegram; they may come again", {
              reason: redactor.describe(error),
            }),
          );
        }
        if (healthServer) {
          healthServer.closeAllConnections();
          await closeServer(healthServer);
        }
      };
    }
  } catch (error) {
    fail(startFailure(error, config.apiRoot, redactor, config.webhook ? "PORT" : "HEALTH_PORT"));
  }
  serving = true;
  started = true;
}

main().catch((error: unknown) => fail(redactor.describe(error)));

/** `decodeURIComponent`, or the text itself when it is not valid percent-encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
