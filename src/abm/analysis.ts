import type { TradeForSpread } from '../models/microstructure.js';
import type { NoiseTrader } from './agents/noise.js';
import { FAMILIES, type FamilyName, type ModelConfigInput } from './config.js';
import { Model, type ModelOptions } from './model.js';

/**
 * Mean P&L per agent of each family with open positions marked at each market's current true probability
 * (the expected settlement value): compares families without the coin flip of the markets still trading.
 * NaN for empty families.
 */
export function expectedPnlByFamily(model: Model): Record<FamilyName, number> {
  const out = {} as Record<FamilyName, number>;
  for (const f of FAMILIES) {
    const members = model.family(f);
    let total = 0;
    for (const a of members) {
      const acct = model.accountOf(a);
      total += acct.cash + acct.reserved - a.deposit;
      for (const [m, pos] of acct.positions) {
        const q = pos.qty;
        if (q === 0) continue;
        const s = model.markets[m]!;
        const truth = s.trueProbabilityAt(model.t);
        total += q > 0 ? q * s.units * truth : -q * s.units * (1 - truth);
      }
    }
    out[f] = members.length ? total / members.length : Number.NaN;
  }
  return out;
}

/**
 * Every trade of a market with its direction and the mid before it and `tau` steps after it, for the
 * spread decomposition of src/models/microstructure.ts. Trades of step t use the mid recorded at the end of
 * step t − 1 as "before" (agents act in between).
 */
export function tradesForSpread(model: Model, tau = 5, market = 0): TradeForSpread[] {
  const s = model.markets[market];
  if (!s) throw new RangeError(`no market ${market}`);
  const tape = model.exchange.tape;
  const out: TradeForSpread[] = [];
  for (let i = 0; i < tape.length; i++) {
    if (tape.marketAt(i) !== market) continue;
    const t = tape.timeAt(i);
    if (t + tau - s.open >= s.length) continue;
    out.push({
      price: tape.priceAt(i),
      direction: tape.takerSideAt(i) === 0 ? 1 : -1,
      midBefore: s.midAt(t - 1 - s.open),
      midAfter: s.midAt(t + tau - s.open),
    });
  }
  return out;
}

/**
 * Run a model and record every decision (+1 buy, −1 sell, 0 none) of its random-style noise traders, keyed by
 * family index. Their decisions depend only on their own streams, so this log is the evidence that adding
 * an agent, or one extra draw in another agent (`extraDrawFor`: a noise trader's index), changes nothing else.
 */
export function randomTraderDecisions(
  config: ModelConfigInput,
  seed?: number,
  options: ModelOptions & { extraDrawFor?: number } = {},
): Map<number, number[]> {
  const m = Model.create(config, seed, options);
  const log = new Map<number, number[]>();
  for (const a of m.family('noise') as NoiseTrader[]) {
    if (a.style !== 'random') continue;
    const seq: number[] = [];
    log.set(a.familyIndex, seq);
    const decide = a.decide.bind(a);
    a.decide = (ctx, m) => {
      const d = decide(ctx, m);
      seq.push(d);
      return d;
    };
  }
  if (options.extraDrawFor !== undefined) m.family('noise')[options.extraDrawFor]!.rng.float();
  m.run();
  return log;
}
