import { createHash } from 'node:crypto';

/**
 * Deterministic UUID-shaped ids: the same journal replayed gives the same order, trade and fill ids,
 * which restarts and lock-step comparisons rely on. (A random UUID would differ on replay.)
 */
export function stableUuid(...parts: ReadonlyArray<string | number>): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
