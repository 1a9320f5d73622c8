// The ODD checks of the agents' behavior: informed beat noise, every family trades, market makers' limits and
// quotes, homers' loyalty, bounds and fallacy, LLM agents' exclusion and reply validation, arbitrage.
import { FAMILIES, type FamilyName } from '../abm/config.js';
import { parseDecision } from '../abm/llm/decision.js';
import { arbitrageCloses } from './evidence.js';
import { LLM_REPLIES, llmExclusion, loneFan } from './check-inputs.js';
import { check, f2, mean, ok, type Check } from './verdict.js';

/** Checks of what each agent family does. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each check's evidence type is its own; callers only hand gather's result to the same check's judge
export const AGENT_CHECKS: Record<string, Check<any>> = {
  'informed-beat-noise': check(
    (ctx) => ctx.runs().map((r) => ({ informed: r.pnl.informed, noise: r.pnl.noise })),
    (seeds: Array<{ informed: number; noise: number }>) => {
      const inf = mean(seeds.map((s) => s.informed));
      const noise = mean(seeds.map((s) => s.noise));
      const ahead = seeds.filter((s) => s.informed > s.noise).length;
      return ok(
        // no seasons: both means are NaN, and NaN > NaN is false
        inf > noise && ahead >= 0.7 * seeds.length,
        `mean P&L per agent over ${seeds.length} seasons: informed ${inf.toFixed(0)}¢, noise ${noise.toFixed(0)}¢; informed ahead in ${ahead}/${seeds.length}`,
      );
    },
  ),
  'every-family-trades': check(
    (ctx) =>
      FAMILIES.filter((f) => ctx.runs()[0]!.model.family(f).length > 0).map((f) => {
        const share = ctx.runs().map(({ model }) => {
          const traded = new Set<number>();
          const tape = model.exchange.tape;
          for (let i = 0; i < tape.length; i++) (traded.add(tape.makerAccountAt(i)), traded.add(tape.takerAccountAt(i)));
          const members = model.family(f);
          return members.filter((a) => traded.has(a.accountId)).length / Math.max(1, members.length);
        });
        return { family: f, share: mean(share) };
      }),
    (shares: Array<{ family: FamilyName; share: number }>) =>
      ok(
        shares.length > 0 && shares.every((s) => s.share >= 0.8),
        shares.map((s) => `${s.family} ${Math.round(100 * s.share)}%`).join(', ') + ' of agents traded',
      ),
  ),
  'mm-inventory-limits': check(
    (ctx) => Math.max(...ctx.runs().map((r) => r.maxInventoryBreach)),
    (worst: number) =>
      ok(
        worst <= 0,
        worst <= 0
          ? `inventory stayed within limits in every market and step (closest: ${-worst} contracts below)`
          : `a market maker exceeded its limit by ${worst} contracts`,
      ),
  ),
  'homer-loyalty': check(
    () => {
      // a YES fan's loyalty moves back toward its start (L₀ = 0.1) by 1% of the gap per look, grows 0.01 per favorable tick, and never passes the cap 0.3
      const homer = loneFan({ loyalty: 0.1, maxLoyalty: 0.3, loyaltyDecay: 0.01, reinforcement: 0.01 });
      homer.observe(0, 50);
      homer.observe(0, 55);
      const reinforced = homer.loyalty(0);
      for (let i = 0; i < 10; i++) homer.observe(0, 55);
      const faded = homer.loyalty(0);
      for (let i = 0; i < 100; i++) homer.observe(0, 55 + 5 * (i + 1));
      return { reinforced, faded, capped: homer.loyalty(0) };
    },
    (e: { reinforced: number; faded: number; capped: number }) => {
      const expectedFaded = 0.1 + (0.15 - 0.1) * 0.99 ** 10;
      return ok(
        Math.abs(e.reinforced - 0.15) < 1e-12 && Math.abs(e.faded - expectedFaded) < 1e-12 && e.capped === 0.3,
        `+5 ticks: 0.1 → ${e.reinforced.toFixed(5)} (expected 0.15); 10 flat looks → ${e.faded.toFixed(5)} (0.1 + 0.05·0.99¹⁰ = ${expectedFaded.toFixed(5)}); a long rally → ${e.capped} (cap 0.3)`,
      );
    },
  ),
  'homer-bounded': check(
    (ctx) => ({ overCap: Math.max(...ctx.runs().map((r) => r.maxLoyaltyOverCap)), errors: ctx.runs().map((r) => r.stats.meanAbsError) }),
    (e: { overCap: number; errors: number[] }) => {
      const worst = Math.max(...e.errors);
      return ok(
        e.overCap <= 1e-12 && e.errors.length > 0 && worst < 5,
        `loyalty stayed at or below every fan's cap in every market (largest margin ${f2(-e.overCap)}); mean |price − truth| per season ${f2(Math.min(...e.errors))}–${f2(worst)}¢ in ${e.errors.length} seasons (a runaway loop would push a season past 5¢)`,
      );
    },
  ),
  'homer-fallacy': check(
    () => {
      // fixed loyalty (no reinforcement or fading), so only the fallacy moves the value after a streak of 3 rises
      const fixed = { loyalty: 0, loyaltyDecay: 0, reinforcement: 0, streak: 3, fallacyStrength: 0.05 };
      const on = loneFan({ ...fixed, gamblersFallacy: true });
      const off = loneFan(fixed);
      for (const h of [on, off]) for (let i = 0; i < 4; i++) h.observe(0, 50 + i);
      return { on: on.perceivedValue(0.5), off: off.perceivedValue(0.5) };
    },
    (e: { on: number; off: number }) =>
      ok(
        Math.abs(e.off - 0.5) < 1e-12 && Math.abs(e.on - 0.45) < 1e-12,
        `after 3 rises a fallacy-prone fan values YES at ${e.on.toFixed(2)} (expects a fall); without the fallacy ${e.off.toFixed(2)}`,
      ),
  ),
  'llm-excluded-without-endpoint': check(
    () => llmExclusion({}),
    (e: { requested: number; llmAgents: number; notices: string[] }) => {
      const excluded =
        e.llmAgents === 0 && e.notices.some((n) => n.startsWith(`${e.requested} LLM agent(s) left out: no language-model endpoint`));
      return ok(excluded, excluded ? `notice: ${e.notices[0]}` : `${e.llmAgents} LLM agents were created without an endpoint`);
    },
  ),
  'llm-reply-validated': check(
    () => ({ good: parseDecision(LLM_REPLIES.good).ok, bad: Object.values(LLM_REPLIES.bad).map((x) => parseDecision(x).ok) }),
    (e: { good: boolean; bad: boolean[] }) =>
      ok(
        e.good && e.bad.length > 0 && e.bad.every((b) => !b),
        `valid JSON decision ${e.good ? 'accepted' : 'REJECTED'}; ${e.bad.filter((b) => !b).length}/${e.bad.length} bad replies (${Object.keys(LLM_REPLIES.bad).join(', ')}) rejected`,
      ),
  ),
  'mm-two-sided': check(
    (ctx) => mean(ctx.runs().map((r) => r.twoSided)),
    (share: number) => ok(share >= 0.9, `book two-sided in ${(100 * share).toFixed(1)}% of (step, trading market) pairs`),
  ),
  'arbitrageurs-close': check(
    (ctx) => arbitrageCloses(ctx.runs()),
    (e: { attempts: number; closes: number; contracts: number }) =>
      ok(
        e.closes > 0 && e.contracts >= e.closes && e.closes <= e.attempts,
        `${e.closes} of ${e.attempts} close orders filled, closing ${e.contracts} contracts (counted from the position before and after each order)`,
      ),
  ),
};
