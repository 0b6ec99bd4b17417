/**
 * A small invented article for tests that run the real engine, and helpers to
 * make temporary data directories (so tests do not lean on the seed's facts).
 */
import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const SEED_DIR = path.resolve(import.meta.dirname, "../../data");

export const BRIDGE_ARTICLE = `---
title: Valley towns open the new river bridge
date: 2023-06-02
source: Valley Courier
---

# Valley towns open the new river bridge

The towns of Orlen and Brask opened a new bridge over the Silva river on Friday. The bridge cost 40 million crowns and took three years to build.

## What the engineer said

Chief engineer Tomas Reyk praised the builders. "This bridge will carry ten thousand cars a day. It is built to last a century," said Reyk.

## Traffic and ferries

The old ferry between the towns will stop running in July. Commuters will save about twenty minutes each way.
`;

/** A fresh temp directory holding the given files. */
export async function tempDataDir(files: Record<string, string | Uint8Array>, withSeed = false): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "qa-bot-data-"));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  if (withSeed) {
    for (const name of await readdir(SEED_DIR)) await copyFile(path.join(SEED_DIR, name), path.join(dir, name));
  }
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Bytes that are not valid UTF-8. */
export const INVALID_UTF8 = new Uint8Array([0x54, 0x68, 0x65, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a, 0x80, 0x81]);
