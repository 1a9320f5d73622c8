import type { Column, StepRows } from '../protocol.js';

/**
 * Pure helpers for the batches the page receives (no DOM here, so vitest checks them in Node).
 */

const COLUMNS = ['mid', 'lastPrice', 'truth', 'volume', 'trades', 'spread', 'midChange'] as const;

function tail<T>(xs: T[], cap: number): T[] {
  return xs.length > cap ? xs.slice(xs.length - cap) : xs;
}

/**
 * `b` appended to `a`, keeping only the last `cap` steps: batches waiting for an animation frame (or
 * piling up in a background tab, where frames stop) never hold more than the charts can show.
 */
export function appendRows(a: StepRows, b: StepRows, cap: number): StepRows {
  const wealth: Record<string, Column> = {};
  for (const f of Object.keys(b.wealth)) wealth[f] = tail([...(a.wealth[f] ?? []), ...b.wealth[f]!], cap);
  const out = { step: tail([...a.step, ...b.step], cap), marketStep: tail([...a.marketStep, ...b.marketStep], cap), wealth } as Record<
    string,
    unknown
  >;
  for (const k of COLUMNS) out[k] = tail([...a[k], ...b[k]], cap);
  return out as unknown as StepRows;
}

export function emptyRows(families: readonly string[]): StepRows {
  const wealth: Record<string, Column> = {};
  for (const f of families) wealth[f] = [];
  return { step: [], marketStep: [], mid: [], lastPrice: [], truth: [], volume: [], trades: [], spread: [], midChange: [], wealth };
}

/** Why a batch cannot be appended to what the page holds (then the page resyncs), or null if it follows on. */
export function continuityProblem(
  held: { run: number; lastStep: number },
  batch: { run: number; from: number; to: number },
): string | null {
  if (batch.run !== held.run) return `batch of run ${batch.run} while showing run ${held.run}`;
  if (batch.from !== held.lastStep + 1) return `batch starts at step ${batch.from}, expected ${held.lastStep + 1}`;
  if (batch.to < batch.from) return `empty batch ${batch.from}..${batch.to}`;
  return null;
}
