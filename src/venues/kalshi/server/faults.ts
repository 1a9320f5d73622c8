import { z } from 'zod';

/**
 * Fault injection for tests and drills, set through the exchange config, `LocalExchange.faults`, or
 * the loopback admin endpoint `POST /admin/faults`. Counters count down as faults fire.
 */
export const FaultSettingsSchema = z
  .object({
    /** Added before every REST response. */
    latencyMs: z.number().min(0).max(60_000).optional(),
    /** Answer 429 `{"error":"too many requests"}` to the next N requests (a 429 storm). */
    storm429: z.number().int().min(0).optional(),
    /** Answer the next N requests with a 5xx. */
    error5xx: z.number().int().min(0).optional(),
    error5xxStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    /** Process the next N writes, then answer 503 anyway (the response is "lost": tests idempotent retries). */
    lose5xxAfterWrite: z.number().int().min(0).optional(),
    /** Close the next N connections without answering (a reset). */
    resetConnections: z.number().int().min(0).optional(),
    /** Skip one sequence number in the next N orderbook messages (a gap the client must resync on). */
    sequenceGaps: z.number().int().min(0).optional(),
    /** Shift the exchange's authentication clock (ms): a client with an honest clock looks skewed. */
    clockSkewMs: z.number().min(-3_600_000).max(3_600_000).optional(),
  })
  .strict();
export type FaultSettings = z.infer<typeof FaultSettingsSchema>;

export class FaultInjector {
  private s: FaultSettings = {};
  /** Called when WebSocket connections should be dropped now. */
  onDropWebSockets: (() => number) | undefined;

  set(settings: FaultSettings): void {
    this.s = { ...this.s, ...settings };
  }

  clear(): void {
    this.s = {};
  }

  get settings(): FaultSettings {
    return { ...this.s };
  }

  private take(k: 'storm429' | 'error5xx' | 'lose5xxAfterWrite' | 'resetConnections' | 'sequenceGaps'): boolean {
    const n = this.s[k] ?? 0;
    if (n <= 0) return false;
    this.s[k] = n - 1;
    return true;
  }

  latency(): number {
    return this.s.latencyMs ?? 0;
  }
  storm(): boolean {
    return this.take('storm429');
  }
  serverError(): number | undefined {
    return this.take('error5xx') ? (this.s.error5xxStatus ?? 503) : undefined;
  }
  loseAfterWrite(): boolean {
    return this.take('lose5xxAfterWrite');
  }
  reset(): boolean {
    return this.take('resetConnections');
  }
  gap(): boolean {
    return this.take('sequenceGaps');
  }
  skewMs(): number {
    return this.s.clockSkewMs ?? 0;
  }
  dropWebSockets(): number {
    return this.onDropWebSockets?.() ?? 0;
  }
}
