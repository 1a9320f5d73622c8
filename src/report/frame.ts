import type { DataFrame } from 'danfojs-node';
import { requireFromProject } from '../core/paths.js';

type Danfo = typeof import('danfojs-node');
let danfo: Danfo | undefined;

/** danfojs-node, loaded on first use: it pulls in TensorFlow.js (~1.5 s), which plain CLI runs do not need. */
export function danfojs(): Danfo {
  danfo ??= requireFromProject()('danfojs-node') as Danfo;
  return danfo;
}

/** A DataFrame from columns (`{ step: Float64Array, price: number[] }`) or from an array of records. */
export function toFrame(data: Record<string, ArrayLike<unknown>> | ReadonlyArray<Record<string, unknown>>): DataFrame {
  const dfd = danfojs();
  if (Array.isArray(data)) return new dfd.DataFrame(data as Record<string, unknown>[]);
  const columns: Record<string, unknown[]> = {};
  for (const [k, v] of Object.entries(data as Record<string, ArrayLike<unknown>>)) columns[k] = Array.from(v);
  return new dfd.DataFrame(columns);
}
