import { z } from 'zod';
import { parseWith } from '../core/validation.js';
import { STRATEGIES } from '../backtest/nfl.js';

/**
 * A paper session's settings: the strategy and its options (as `omega backtest nfl` takes them), the
 * markets (an NFL season's games, optionally some weeks), the mode, the fill model shadow mode and the
 * comparison use, risk limits and the kill switch. Recorded as the session ledger's first record; a
 * restart with other settings is refused. Never holds a key: those come from flags or the environment.
 */
export const PaperConfigSchema = z
  .object({
    strategy: z.enum(STRATEGIES),
    edge: z.number().min(0).lt(1).optional(),
    kelly: z.number().gt(0).max(1).optional(),
    minPrice: z.number().int().min(1).max(99).optional(),
    maxPrice: z.number().int().min(1).max(99).optional(),
    inGame: z.boolean().optional(),
    season: z.number().int().min(1999).max(2100),
    weeks: z.array(z.number().int().min(1).max(22)).min(1).optional(),
    mode: z.enum(['orders', 'shadow']).default('orders'),
    execution: z.enum(['quote', 'book']).default('quote'),
    queue: z.enum(['back', 'front']).default('back'),
    risk: z
      .object({
        maxStakePerGame: z.number().min(0).optional(),
        maxExposurePerWeek: z.number().min(0).optional(),
        drawdownHalt: z.number().gt(0).max(1).optional(),
      })
      .strict()
      .default({}),
    /** Kill switch: stop opening positions once the loss from the start passes this (cents). */
    maxLoss: z.number().gt(0).optional(),
    openOrdersAtStop: z.enum(['cancel', 'keep']).default('cancel'),
    /** After a crash: keep the orders the venue still holds open (adopt, the default) or cancel them before trading on. */
    openOrdersAtRestart: z.enum(['adopt', 'cancel']).optional(),
    /** Shadow mode: the simulated account's cash in cents (default: the venue balance). */
    startingCash: z.number().int().min(0).optional(),
  })
  .strict();

export type PaperConfig = z.output<typeof PaperConfigSchema>;
export type PaperConfigInput = z.input<typeof PaperConfigSchema>;

export function parsePaperConfig(input: unknown, what = 'paper session settings'): PaperConfig {
  return parseWith(PaperConfigSchema, input, what);
}
