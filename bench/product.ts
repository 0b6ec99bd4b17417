/**
 * The product modules the benchmark measures, imported lazily.
 *
 * Loaded by URL at run time rather than imported statically so the harness still runs
 * (and reports what is missing) while a module is being written, instead of failing
 * to start; the types come from the stable interfaces in src/.
 */
import type { Document, LoadResult } from "../src/corpus/types.ts";
import type { AnswerEngine } from "../src/search/types.ts";

export interface Product {
  loadCorpus: ((dir: string) => Promise<LoadResult>) | null;
  createEngine: ((documents: Document[]) => AnswerEngine) | null;
  /** Why a module is unavailable, keyed by module path. */
  missing: Record<string, string>;
}

/** Imports a module of src/ by path relative to the repository root; null when absent. */
export async function importSrc<T>(path: string, missing: Record<string, string>): Promise<T | null> {
  try {
    return (await import(new URL(`../${path}`, import.meta.url).href)) as T;
  } catch (error) {
    missing[path] = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    return null;
  }
}

export async function loadProduct(): Promise<Product> {
  const missing: Record<string, string> = {};
  const loader = await importSrc<{ loadCorpus?: Product["loadCorpus"] }>("src/corpus/loader.ts", missing);
  const engine = await importSrc<{ createEngine?: Product["createEngine"] }>("src/search/engine.ts", missing);
  return {
    loadCorpus: loader?.loadCorpus ?? null,
    createEngine: engine?.createEngine ?? null,
    missing,
  };
}
