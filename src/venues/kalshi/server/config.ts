import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { ValidationError } from '../../../core/errors.js';
import { parseWith } from '../../../core/validation.js';
import { USAGE_TIERS, type UsageTier } from '../rate-limit.js';
import { FaultSettingsSchema } from './faults.js';

/** A market listed as is, quoted by the house around a fixed fair probability. */
const StaticMarketSchema = z
  .object({
    ticker: z.string().regex(/^[A-Z0-9][A-Z0-9._-]*$/, { error: 'must be an upper-case Kalshi-style ticker (A-Z, 0-9, -, _, .)' }),
    title: z.string().min(1).optional(),
    fair: z.number().gt(0).lt(1, { error: 'must be a probability strictly between 0 and 1' }).optional(),
  })
  .strict();

const HouseSchema = z
  .object({
    halfSpreadCents: z.number().int().min(1).max(20).default(2),
    size: z.number().int().min(1).max(1_000_000).default(100),
    levels: z.number().int().min(1).max(20).default(3),
  })
  .strict();

const AbmSchema = z
  .object({
    markets: z.number().int().min(1).max(100).default(2),
    stepsPerEpoch: z.number().int().min(10).max(1_000_000).default(20_000),
    stepsPerSecond: z.number().min(0).max(10_000).default(4),
    /** Passed to the agent-based model (`Model.create`) as is: agents, fundamental, fees… */
    model: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

const NflSchema = z
  .object({
    season: z.number().int().min(1999).max(2100),
    weeks: z.array(z.number().int().min(1).max(22)).min(1).optional(),
    /** Replay seconds per wall-clock second; 0 = lock-step (time moves only through `advance`). */
    speed: z.number().min(0).max(1e7).default(0),
    dataDir: z.string().optional(),
    /** Markets open this long before kickoff. */
    preGameMinutes: z
      .number()
      .min(1)
      .max(7 * 24 * 60)
      .default(120),
    /** In real-time replays, jump over stretches with no market open (days between game days). */
    skipIdle: z.boolean().default(true),
  })
  .strict();

export const ExchangeConfigSchema = z
  .object({
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(42),
    markets: z.array(StaticMarketSchema).default([]),
    abm: AbmSchema.optional(),
    nfl: NflSchema.optional(),
    house: HouseSchema.default(HouseSchema.parse({})),
    /** Balance of a new key's account in cents ($10,000 by default, like a funded demo account). */
    demoBalanceCents: z.number().int().min(0).max(1e12).default(1_000_000),
    defaultTier: z.enum(USAGE_TIERS as [UsageTier, ...UsageTier[]]).default('basic'),
    /** Accepted |now − timestamp| of a signed request, in ms (Kalshi's is unpublished; ±60 s is rejected there). */
    authWindowMs: z.number().int().min(1000).max(600_000).default(30_000),
    /** Per-key rate limits as Kalshi's tiers; false turns them off (benchmarks). */
    rateLimits: z.boolean().default(true),
    /** Allow unauthenticated WebSocket connections for public channels (docs disagree; strict by default). */
    publicWebSocket: z.boolean().default(false),
    /** fsync the journal before answering a write (group commit); false writes without fsync. */
    fsync: z.boolean().default(true),
    /** Faults to inject from the start (drills); change them later through POST /admin/faults. */
    faults: FaultSettingsSchema.optional(),
  })
  .strict()
  .refine((c) => !(c.abm && c.nfl), { error: 'choose one driver: abm or nfl, not both', path: ['nfl'] });

export type ExchangeConfig = z.output<typeof ExchangeConfigSchema>;
export type ExchangeConfigInput = z.input<typeof ExchangeConfigSchema>;

/** With no config: the agent-based model trading a default set of markets. */
export function parseExchangeConfig(input: unknown = {}, what = 'exchange config'): ExchangeConfig {
  const raw = (input ?? {}) as Record<string, unknown>;
  const withDriver =
    raw.abm === undefined && raw.nfl === undefined && (raw.markets === undefined || (raw.markets as unknown[]).length === 0)
      ? { ...raw, abm: {} }
      : raw;
  return parseWith(ExchangeConfigSchema, withDriver, what);
}

export function loadExchangeConfig(file: string): ExchangeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ValidationError(`cannot read --config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = path.extname(file).toLowerCase() === '.json' ? JSON.parse(text) : YAML.parse(text);
  } catch (e) {
    throw new ValidationError(`--config ${file} is not valid ${path.extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(e as Error).message}`);
  }
  return parseExchangeConfig(raw ?? {}, `exchange config ${file}`);
}
