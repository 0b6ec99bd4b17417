/**
 * Vitest global set-up: compiles src/ to dist/ when dist/ is missing or older
 * than a source file, so tests that spawn the bot run the code `npm start`
 * runs (node dist/main.js), also after an edit without `npm run build`.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const REPO = path.resolve(import.meta.dirname, "../..");

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function builtAt(): number {
  try {
    return statSync(path.join(REPO, "dist/main.js")).mtimeMs;
  } catch {
    return 0;
  }
}

export default function setup(): void {
  const sources = Math.max(newest(path.join(REPO, "src")), statSync(path.join(REPO, "tsconfig.build.json")).mtimeMs);
  if (builtAt() >= sources) return;
  execFileSync("npm", ["run", "build", "--silent"], { cwd: REPO, stdio: "inherit" });
}
