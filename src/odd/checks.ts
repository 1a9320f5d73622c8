import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Agent } from '../abm/agents/agent.js';
import type { MarketMaker } from '../abm/agents/market-maker.js';
import { DEFAULT_AGENT_REPORTERS, DEFAULT_MODEL_REPORTERS } from '../abm/collector.js';
import { FAMILIES, type FamilyName, type ModelConfig } from '../abm/config.js';
import { AgentContext } from '../abm/context.js';
import { expectedPnlByFamily, randomTraderDecisions } from '../abm/analysis.js';
import type { Homer } from '../abm/agents/homer.js';
import { parseDecision } from '../abm/llm/decision.js';
import { Model } from '../abm/model.js';
import { kellyFraction } from '../abm/risk.js';
import { projectRoot } from '../core/paths.js';
import { modelSeries } from '../facts/from-model.js';
import { groupStats } from '../facts/group-stats.js';
import { evaluateSuite, type SuiteResult } from '../facts/suite.js';
import { Exchange } from '../market/exchange.js';
import { makerFee, takerFee } from '../market/fees.js';
import { DECLARED_SENSING } from './document.js';
import { allParameters, schedule } from './generated.js';
import type { OddDocument } from './schema.js';

export interface CheckResult {
  readonly pass: boolean;
  readonly detail: string;
}

/**
 * Shared, lazily computed evidence for the checks: a set of default-model runs across seeds, the
 * expected P&L of each family just before resolution, and the stylized-facts suite on those runs.
 */
export class CheckContext {
  private cachedRuns: Array<{ model: Model; expectedPnl: Record<FamilyName, number>; twoSided: number; maxInventoryBreach: number }> | undefined;
  private cachedSuite: SuiteResult | undefined;

  constructor(
    readonly config: ModelConfig,
    readonly seeds: number,
    readonly document: OddDocument,
  ) {}

  runs() {
    if (this.cachedRuns) return this.cachedRuns;
    this.cachedRuns = [];
    for (let i = 0; i < this.seeds; i++) {
      const model = modelFor({ ...this.config, seed: this.config.seed + i });
      let twoSided = 0;
      let breach = 0;
      const makers = model.family('marketMaker') as MarketMaker[];
      model.run({
        steps: model.config.steps - 1,
        onStep: (m) => {
          const b = m.markets[0]!.book;
          if (b.hasBid() && b.hasAsk()) twoSided++;
          for (const mm of makers) breach = Math.max(breach, Math.abs(m.accountOf(mm).qty(0)) - mm.maxInventory);
        },
      });
      const expectedPnl = expectedPnlByFamily(model);
      model.run();
      this.cachedRuns.push({ model, expectedPnl, twoSided: twoSided / (model.t - 1), maxInventoryBreach: breach });
    }
    return this.cachedRuns;
  }

  suite(): SuiteResult {
    this.cachedSuite ??= evaluateSuite({ model: this.runs().map((r) => groupStats(modelSeries(r.model))) }, { seed: this.config.seed });
    return this.cachedSuite;
  }
}

type Check = (ctx: CheckContext) => CheckResult;

/**
 * Models for the checks leave LLM agents out (no endpoint in their environment): a check must not depend
 * on, or pay for, a remote language model. The LLM claims are checked on their own.
 */
function modelFor(config: Parameters<typeof Model.create>[0], seed?: number, options: Parameters<typeof Model.create>[2] = {}): Model {
  return Model.create(config, seed, { env: {}, ...options });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const ok = (pass: boolean, detail: string): CheckResult => ({ pass, detail });

/** Every check a claim may name. `fact:<id>` checks are resolved against the stylized-facts suite. */
export const CHECKS: Record<string, Check> = {
  'informed-beat-noise': (ctx) => {
    const runs = ctx.runs();
    const inf = mean(runs.map((r) => r.expectedPnl.informed));
    const noise = mean(runs.map((r) => r.expectedPnl.noise));
    const paired = runs.filter((r) => r.expectedPnl.informed > r.expectedPnl.noise).length;
    return ok(inf > noise && paired >= 0.7 * runs.length, `mean expected P&L per agent over ${runs.length} seeds: informed ${inf.toFixed(0)}¢, noise ${noise.toFixed(0)}¢; informed ahead in ${paired}/${runs.length} seeds`);
  },
  'every-family-trades': (ctx) => {
    const present = FAMILIES.filter((f) => ctx.runs()[0]!.model.family(f).length > 0);
    const shares = present.map((f) => {
      const s = ctx.runs().map(({ model }) => {
        const traded = new Set<number>();
        const tape = model.exchange.tape;
        for (let i = 0; i < tape.length; i++) (traded.add(tape.makerAccountAt(i)), traded.add(tape.takerAccountAt(i)));
        const members = model.family(f);
        return members.filter((a) => traded.has(a.accountId)).length / Math.max(1, members.length);
      });
      return [f, mean(s)] as const;
    });
    return ok(shares.every(([, s]) => s >= 0.8), shares.map(([f, s]) => `${f} ${Math.round(100 * s)}%`).join(', ') + ' of agents traded');
  },
  'mm-inventory-limits': (ctx) => {
    const worst = Math.max(...ctx.runs().map((r) => r.maxInventoryBreach));
    return ok(worst <= 0, worst <= 0 ? `inventory stayed within limits in every step of ${ctx.seeds} runs (closest: ${-worst} contracts below)` : `a market maker exceeded its limit by ${worst} contracts`);
  },
  'homer-loyalty': () => {
    // a YES fan's loyalty moves back toward its start (L₀ = 0.1) by 1% of the gap per look, grows 0.01 per favourable tick, and never passes the cap
    const model = modelFor({ markets: { count: 1 }, steps: 10, agents: { noise: { count: 0 }, informed: { count: 0 }, arbitrageur: { count: 0 }, marketMaker: { count: 0 }, homer: { count: 1, yesShare: 1, loyalty: 0.1, maxLoyalty: 0.3, loyaltyDecay: 0.01, reinforcement: 0.01, tradeProbability: 0 }, llm: { count: 0 } } });
    const homer = model.family('homer')[0] as Homer;
    homer.observe(0, 50);
    homer.observe(0, 55); // five ticks the fan's way
    const reinforced = homer.loyalty[0]!;
    for (let i = 0; i < 10; i++) homer.observe(0, 55);
    const faded = homer.loyalty[0]!;
    for (let i = 0; i < 100; i++) homer.observe(0, 55 + 5 * (i + 1));
    const capped = homer.loyalty[0]!;
    const expectedFaded = 0.1 + (reinforced - 0.1) * 0.99 ** 10;
    return ok(Math.abs(reinforced - (0.1 + 0.05)) < 1e-12 && Math.abs(faded - expectedFaded) < 1e-12 && capped === 0.3, `+5 ticks: 0.1 → ${reinforced.toFixed(5)}; 10 flat looks → ${faded.toFixed(5)} (0.1 + 0.05·0.99¹⁰ = ${expectedFaded.toFixed(5)}); a long rally stops at the cap ${capped}`);
  },
  'homer-fallacy': () => {
    const base = { agents: { noise: { count: 0 }, informed: { count: 0 }, arbitrageur: { count: 0 }, marketMaker: { count: 0 }, homer: { count: 1, yesShare: 1, loyalty: 0, loyaltyDecay: 0, reinforcement: 0, tradeProbability: 0, streak: 3, fallacyStrength: 0.05 }, llm: { count: 0 } }, steps: 10 };
    const on = modelFor({ ...base, agents: { ...base.agents, homer: { ...base.agents.homer, gamblersFallacy: true } } }).family('homer')[0] as Homer;
    const off = modelFor(base).family('homer')[0] as Homer;
    for (const h of [on, off]) for (let i = 0; i < 4; i++) h.observe(0, 50 + i);
    const vOn = on.perceivedValue(0.5);
    const vOff = off.perceivedValue(0.5);
    return ok(Math.abs(vOff - 0.5) < 1e-12 && Math.abs(vOn - 0.45) < 1e-12, `after 3 rises a fallacy-prone fan values YES at ${vOn.toFixed(2)} (expects a fall); without the fallacy ${vOff.toFixed(2)}`);
  },
  'llm-excluded-without-endpoint': () => {
    const m = modelFor({ steps: 5, agents: { llm: { count: 3 } } }, 1, { env: {} });
    const excluded = m.family('llm').length === 0 && m.notices.some((n) => /LLM agent\(s\) left out: no language-model endpoint/.test(n));
    return ok(excluded, excluded ? `notice: ${m.notices[0]}` : 'LLM agents were created without an endpoint');
  },
  'llm-reply-validated': () => {
    const good = parseDecision('```json\n{"side":"buy","price":55,"size":3,"reason":"momentum"}\n```');
    const bad = ['no json here', '{"side":"buy","price":150,"size":3,"reason":"x"}', '{"side":"short","price":50,"size":1,"reason":"x"}', '{"side":"buy","price":50,"size":1}'].map(parseDecision);
    return ok(good.ok && bad.every((b) => !b.ok), `valid JSON decision accepted; prose, out-of-range price, unknown side and missing reason rejected`);
  },
  'mm-two-sided': (ctx) => {
    const share = mean(ctx.runs().map((r) => r.twoSided));
    return ok(share >= 0.9, `book two-sided in ${(100 * share).toFixed(1)}% of steps`);
  },
  'arbitrageurs-close': (ctx) => {
    const closes = ctx.runs().reduce((s, r) => s + r.model.family('arbitrageur').reduce((t, a) => t + ((a as unknown as { closes: number }).closes ?? 0), 0), 0);
    return ok(closes > 0, `${closes} position closes on convergence over ${ctx.seeds} runs`);
  },
  conservation: (ctx) => {
    const bad = ctx.runs().filter(({ model }) => {
      const a = model.exchange.audit();
      return a.cash + a.reserved + a.openPairValue + a.fees !== a.deposited || a.reserved !== 0 || a.yesHeld.some((y, i) => y !== a.noHeld[i]);
    });
    return ok(bad.length === 0, bad.length === 0 ? `money and contracts conserved in ${ctx.seeds} settled runs` : `${bad.length} runs broke conservation`);
  },
  reproducible: (ctx) => {
    const cfg = { ...ctx.config, steps: Math.min(ctx.config.steps, 400) };
    const a = modelFor(cfg).run().manifest().tapeHash;
    const b = modelFor(cfg).run().manifest().tapeHash;
    const c = modelFor({ ...cfg, seed: cfg.seed + 1 }).run().manifest().tapeHash;
    return ok(a === b && a !== c, `tape ${a.slice(0, 12)}… twice; seed+1 gives ${c.slice(0, 12)}…`);
  },
  'stream-independence': (ctx) => {
    const cfg = { ...ctx.config, steps: Math.min(ctx.config.steps, 400) };
    const decisions = (c: ModelConfig) => randomTraderDecisions(c, undefined, { env: {} });
    const base = decisions(cfg);
    const more = decisions({ ...cfg, agents: { ...cfg.agents, noise: { ...cfg.agents.noise, count: cfg.agents.noise.count + 1 }, informed: { ...cfg.agents.informed, count: cfg.agents.informed.count + 1 } } });
    let same = 0;
    for (const [i, seq] of base) if (JSON.stringify(more.get(i)) === JSON.stringify(seq)) same++;
    return ok(base.size > 0 && same === base.size, `${same}/${base.size} random-style traders decided identically after adding two agents`);
  },
  'random-activation': (ctx) => {
    const m = modelFor({ ...ctx.config, steps: 50 });
    m.step();
    const first = m.activationOrder();
    m.step();
    const second = m.activationOrder();
    const isPermutation = [...first].sort((a, b) => a - b).every((v, i) => v === i);
    return ok(isPermutation && JSON.stringify(first) !== JSON.stringify(second), `each step activates all ${first.length} agents once; consecutive orders differ`);
  },
  'sensing-declared': (ctx) => {
    const used = new Map<string, Set<string>>();
    const proto = AgentContext.prototype as unknown as Record<string, unknown>;
    const names = Object.getOwnPropertyNames(AgentContext.prototype).filter((n) => n !== 'constructor' && typeof Object.getOwnPropertyDescriptor(AgentContext.prototype, n)?.value === 'function');
    const originals = new Map(names.map((n) => [n, proto[n] as (...a: unknown[]) => unknown]));
    const sensing = new Set(names.filter((n) => !['submit', 'cancel', 'amend'].includes(n)));
    try {
      for (const n of sensing) {
        const f = originals.get(n)!;
        proto[n] = function (this: AgentContext, ...args: unknown[]) {
          const fam = this.agent?.family;
          if (fam) (used.get(fam) ?? used.set(fam, new Set()).get(fam)!).add(n);
          return f.apply(this, args);
        };
      }
      modelFor({ ...ctx.config, steps: Math.min(ctx.config.steps, 300) }).run();
    } finally {
      for (const [n, f] of originals) proto[n] = f;
    }
    const violations: string[] = [];
    for (const [fam, calls] of used) for (const c of calls) if (!DECLARED_SENSING[fam as FamilyName]?.includes(c)) violations.push(`${fam} read ${c}`);
    return ok(violations.length === 0, violations.length ? violations.join('; ') : [...used].map(([f, c]) => `${f}: ${[...c].sort().join(', ')}`).join(' | '));
  },
  'interaction-only-via-orders': (ctx) => {
    const m = ctx.runs()[0]!.model;
    const leaks: string[] = [];
    for (const a of m.agents) for (const [k, v] of Object.entries(a)) if (v instanceof Agent || v instanceof Model || v instanceof Exchange) leaks.push(`${a.kind}.${k}`);
    return ok(leaks.length === 0, leaks.length ? `references found: ${leaks.join(', ')}` : `no agent field refers to another agent, the model or the exchange (${m.agents.length} agents)`);
  },
  'no-ambient-randomness': () => {
    const root = path.join(projectRoot(), 'src');
    const hits: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = path.join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          readFileSync(p, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (/Math\.random\(|Date\.now\(/.test(line) && !/clock|ambient-ok/.test(line)) hits.push(`${path.relative(root, p)}:${i + 1}`);
            });
        }
      }
    };
    walk(root);
    return ok(hits.length === 0, hits.length ? `ambient calls at ${hits.join(', ')}` : 'no Math.random or Date.now in src/ outside the clock module');
  },
  'observation-reporters': (ctx) => {
    const m = modelFor({ ...ctx.config, steps: 40, collectEvery: 2, agentCollectEvery: 10 }).run();
    const modelCols = Object.keys(m.data.model);
    const agentCols = Object.keys(m.data.agents);
    const wantModel = ['step', 'market', ...Object.keys(DEFAULT_MODEL_REPORTERS)];
    const wantAgent = ['step', ...Object.keys(DEFAULT_AGENT_REPORTERS)];
    const rowsOk = m.data.modelRowCount === 21 * m.markets.length && m.data.agentRowCount === 5 * m.agents.length;
    return ok(JSON.stringify(modelCols) === JSON.stringify(wantModel) && JSON.stringify(agentCols) === JSON.stringify(wantAgent) && rowsOk, `model columns ${modelCols.join(',')}; ${m.data.modelRowCount} model rows and ${m.data.agentRowCount} agent rows for 40 steps collected every 2 / 10`);
  },
  'initial-state': (ctx) => {
    const a = modelFor(ctx.config);
    const b = modelFor(ctx.config);
    const c = modelFor({ ...ctx.config, seed: ctx.config.seed + 1 });
    const flat = a.agents.every((x) => a.accountOf(x).qty(0) === 0 && a.accountOf(x).reserved === 0);
    const inRange = a.agents.every((x) => {
      const cash = ctx.config.agents[x.family].cash;
      const [lo, hi] = typeof cash === 'number' ? [cash, cash] : [cash[0]!, cash[1]!];
      return x.capital >= Math.floor(lo) && x.capital <= Math.ceil(hi) && a.accountOf(x).cash === x.deposit && x.deposit === x.capital * a.markets.length;
    });
    const fingerprint = (m: Model) => JSON.stringify(m.agents.map((x) => [x.kind, x.capital]));
    const empty = a.markets.every((s) => s.book.restingOrders === 0);
    return ok(flat && inRange && empty && fingerprint(a) === fingerprint(b) && fingerprint(a) !== fingerprint(c), `flat: ${flat}, cash in range: ${inRange}, empty books: ${empty}, same seed → same population, next seed → different`);
  },
  'resolution-calibrated': (ctx) => {
    const runs = ctx.runs();
    const p = runs.flatMap((r) => r.model.markets.map((s) => s.truth.probabilities[0]!));
    const o = runs.flatMap((r) => r.model.markets.map((s) => s.truth.outcome));
    const se = Math.sqrt(p.reduce((s, x) => s + x * (1 - x), 0)) / p.length;
    const gap = Math.abs(mean(o) - mean(p));
    return ok(gap <= 3 * se + 1e-9, `${o.filter((x) => x === 1).length}/${o.length} resolved YES; mean opening probability ${mean(p).toFixed(3)} (|gap| ${gap.toFixed(3)} ≤ 3·se ${(3 * se).toFixed(3)})`);
  },
  'fees-kalshi': () => {
    const got = [takerFee(10, 50), takerFee(100, 23), makerFee(100, 23)];
    return ok(JSON.stringify(got) === JSON.stringify([18, 124, 31]), `taker 10@50 → ${got[0]}¢, taker 100@23 → ${got[1]}¢, maker 100@23 → ${got[2]}¢`);
  },
  'kelly-closed-form': () => {
    const f = kellyFraction(0.6, 0.5);
    return ok(Math.abs(f - 0.2) < 1e-12 && kellyFraction(0.4, 0.5) === 0, `f*(p = 0.6, c = 0.5) = ${f.toFixed(6)} (closed form 0.2)`);
  },
  'schedule-matches-code': (ctx) => {
    const code = JSON.stringify(schedule());
    return ok(JSON.stringify(ctx.document.processOverview.schedule) === code, `document schedule: ${ctx.document.processOverview.schedule.map((s) => s.phase).join(' → ')}; code: ${schedule().map((s) => s.phase).join(' → ')}`);
  },
  'parameters-match-config': (ctx) => {
    const generated = Object.values(allParameters()).flat();
    const documented = ctx.document.submodels.flatMap((s) => s.parameters);
    const key = (r: { group: string; name: string; default: string; range: string }) => `${r.group}.${r.name}=${r.default} ${r.range}`;
    const missing = generated.filter((g) => !documented.some((d) => key(d) === key(g)));
    return ok(missing.length === 0, missing.length ? `not documented as in the schemas: ${missing.map((m) => `${m.group}.${m.name}`).join(', ')}` : `${documented.length} parameters, all equal to the config schemas`);
  },
};

/** Run one named check (`fact:<id>` looks up the stylized-facts suite). */
export function runCheck(name: string, ctx: CheckContext): CheckResult {
  if (name.startsWith('fact:')) {
    const id = name.slice(5);
    const v = ctx.suite().verdicts.find((x) => x.fact === id);
    if (!v) return { pass: false, detail: `no stylized fact named ${id}` };
    return { pass: v.model.meets, detail: `${v.statistic}: ${v.model.value.toPrecision(3)} (95% CI ${v.model.ciLow.toPrecision(3)} … ${v.model.ciHigh.toPrecision(3)}), threshold ${v.threshold}, ${ctx.seeds} seeds; ${v.model.detail}` };
  }
  const check = CHECKS[name];
  if (!check) return { pass: false, detail: `unknown check "${name}" (known: ${Object.keys(CHECKS).join(', ')}, fact:<id>)` };
  try {
    return check(ctx);
  } catch (e) {
    return { pass: false, detail: `check threw: ${(e as Error).message}` };
  }
}
