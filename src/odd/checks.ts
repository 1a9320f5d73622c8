import path from 'node:path';
import { Agent } from '../abm/agents/agent.js';
import { randomTraderDecisions } from '../abm/analysis.js';
import { DEFAULT_AGENT_REPORTERS, DEFAULT_MODEL_REPORTERS } from '../abm/collector.js';
import { loadModelConfig, type FamilyName, type ModelConfig } from '../abm/config.js';
import { AgentContext } from '../abm/context.js';
import { Model } from '../abm/model.js';
import { kellyFraction } from '../abm/risk.js';
import { projectRoot } from '../core/paths.js';
import { Rng } from '../core/rng.js';
import { calibrationByHorizon } from '../facts/truth-calibration.js';
import { Exchange } from '../market/exchange.js';
import { makerFee, takerFee } from '../market/fees.js';
import { DECLARED_SENSING } from './document.js';
import { modelFor, type CheckContext } from './evidence.js';
import { renderParameterTable } from './render.js';
import {
  ambientCalls,
  configValues,
  firstSteps,
  initialState,
  recordSchedule,
  renderedDefaults,
  sameDecisions,
  truthHorizons,
  truthPath,
  withTwoMoreTraders,
} from './check-inputs.js';
import { check, ok, type Check, type CheckResult } from './verdict.js';
import { AGENT_CHECKS } from './checks-agents.js';
import { ABLATION_CHECKS } from './checks-ablations.js';

export { CheckContext } from './evidence.js';
export type { CheckResult, Check } from './verdict.js';
export { FULL_SEASON_ABLATIONS } from './checks-ablations.js';

/** Checks of the model's process: conservation, reproducibility, streams, scheduling, sensing, truth, fees, docs. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each check's evidence type is its own; callers only hand gather's result to the same check's judge
const PROCESS_CHECKS: Record<string, Check<any>> = {
  conservation: check(
    (ctx) => ctx.runs().map(({ model }) => model.exchange.audit()),
    (audits: Array<ReturnType<Exchange['audit']>>) => {
      const bad = audits.filter(
        (a) =>
          a.cash + a.reserved + a.openPairValue + a.fees !== a.deposited || a.reserved !== 0 || a.yesHeld.some((y, i) => y !== a.noHeld[i]),
      );
      return ok(
        audits.length > 0 && bad.length === 0,
        bad.length === 0 ? `money and contracts conserved in ${audits.length} settled seasons` : `${bad.length} seasons broke conservation`,
      );
    },
  ),
  reproducible: check(
    (ctx) => {
      const cfg = firstSteps(ctx.config);
      return {
        a: modelFor(cfg).run().manifest().tapeHash,
        b: modelFor(cfg).run().manifest().tapeHash,
        c: modelFor({ ...cfg, seed: cfg.seed + 1 })
          .run()
          .manifest().tapeHash,
      };
    },
    (e: { a: string; b: string; c: string }) =>
      ok(e.a === e.b && e.a !== e.c, `tape ${e.a.slice(0, 12)}… then ${e.b.slice(0, 12)}…; seed+1 gives ${e.c.slice(0, 12)}…`),
  ),
  'stream-independence': check(
    (ctx) => {
      const cfg = firstSteps(ctx.config);
      const decisions = (c: ModelConfig) => randomTraderDecisions(c, undefined, { env: {} });
      const base = decisions(cfg);
      return { same: sameDecisions(base, decisions(withTwoMoreTraders(cfg))), total: base.size };
    },
    (e: { same: number; total: number }) =>
      ok(e.total > 0 && e.same === e.total, `${e.same}/${e.total} random-style traders decided identically after adding two agents`),
  ),
  'random-activation': check(
    (ctx) => {
      const m = modelFor({ ...ctx.config, steps: 50 });
      m.step();
      const first = m.activationOrder();
      m.step();
      return { first, second: m.activationOrder(), agents: m.agents.length };
    },
    (e: { first: number[]; second: number[]; agents: number }) => {
      const isPermutation = e.first.length === e.agents && [...e.first].sort((a, b) => a - b).every((v, i) => v === i);
      return ok(
        isPermutation && JSON.stringify(e.first) !== JSON.stringify(e.second),
        `each step activates all ${e.agents} agents once (${isPermutation ? 'a permutation' : 'NOT a permutation'}); consecutive orders ${JSON.stringify(e.first) !== JSON.stringify(e.second) ? 'differ' : 'are the same'}`,
      );
    },
  ),
  'sensing-declared': check(
    (ctx) => {
      const used = new Map<string, Set<string>>();
      const proto = AgentContext.prototype as unknown as Record<string, unknown>;
      const names = Object.getOwnPropertyNames(AgentContext.prototype).filter(
        (n) => n !== 'constructor' && typeof Object.getOwnPropertyDescriptor(AgentContext.prototype, n)?.value === 'function',
      );
      const originals = new Map(names.map((n) => [n, proto[n] as (...a: unknown[]) => unknown]));
      const sensing = new Set(names.filter((n) => !['submit', 'cancel', 'amend', 'setActive'].includes(n)));
      try {
        for (const n of sensing) {
          const f = originals.get(n)!;
          proto[n] = function (this: AgentContext, ...args: unknown[]) {
            const fam = this.agent?.family;
            if (fam) (used.get(fam) ?? used.set(fam, new Set()).get(fam)!).add(n);
            return f.apply(this, args);
          };
        }
        modelFor(firstSteps(ctx.config)).run();
      } finally {
        for (const [n, f] of originals) proto[n] = f;
      }
      return [...used].map(([family, calls]) => ({ family, calls: [...calls].sort() }));
    },
    (used: Array<{ family: string; calls: string[] }>) => {
      const violations = used.flatMap(({ family, calls }) =>
        calls.filter((c) => !DECLARED_SENSING[family as FamilyName]?.includes(c)).map((c) => `${family} read ${c}`),
      );
      return ok(
        used.length > 0 && violations.length === 0,
        violations.length ? violations.join('; ') : used.map((u) => `${u.family}: ${u.calls.join(', ')}`).join(' | '),
      );
    },
  ),
  'interaction-only-via-orders': check(
    (ctx) => {
      const m = ctx.runs()[0]!.model;
      const leaks: string[] = [];
      for (const a of m.agents)
        for (const [k, v] of Object.entries(a))
          if (v instanceof Agent || v instanceof Model || v instanceof Exchange) leaks.push(`${a.kind}.${k}`);
      return { leaks, agents: m.agents.length };
    },
    (e: { leaks: string[]; agents: number }) =>
      ok(
        e.agents > 0 && e.leaks.length === 0,
        e.leaks.length
          ? `references found: ${e.leaks.join(', ')}`
          : `no agent field refers to another agent, the model or the exchange (${e.agents} agents)`,
      ),
  ),
  'no-ambient-randomness': check(
    () => ambientCalls(path.join(projectRoot(), 'src')),
    (hits: string[]) =>
      ok(
        hits.length === 0,
        hits.length ? `ambient calls at ${hits.join(', ')}` : 'no Math.random or Date.now in src/ outside the clock module',
      ),
  ),
  'observation-reporters': check(
    (ctx) => {
      const m = modelFor({
        ...ctx.config,
        markets: { ...ctx.config.markets, count: 1 },
        steps: 40,
        collectEvery: 2,
        agentCollectEvery: 10,
      }).run();
      return {
        modelCols: Object.keys(m.data.model),
        agentCols: Object.keys(m.data.agents),
        modelRows: m.data.modelRowCount,
        agentRows: m.data.agentRowCount,
        agents: m.agents.length,
      };
    },
    (e: { modelCols: string[]; agentCols: string[]; modelRows: number; agentRows: number; agents: number }) => {
      const wantModel = ['step', 'market', ...Object.keys(DEFAULT_MODEL_REPORTERS)];
      const wantAgent = ['step', ...Object.keys(DEFAULT_AGENT_REPORTERS)];
      // one market, steps 0, 2, …, 40 → 21 model rows; agents at 0, 10, 20, 30, 40 → 5 rows each
      const rowsOk = e.modelRows === 21 && e.agentRows === 5 * e.agents;
      return ok(
        JSON.stringify(e.modelCols) === JSON.stringify(wantModel) && JSON.stringify(e.agentCols) === JSON.stringify(wantAgent) && rowsOk,
        `model columns ${e.modelCols.join(',')}; ${e.modelRows} model rows (21 expected) and ${e.agentRows} agent rows (${5 * e.agents} expected) for 40 steps collected every 2 / 10`,
      );
    },
  ),
  'initial-state': check(
    (ctx) => initialState(ctx.config, modelFor(ctx.config), modelFor(ctx.config), modelFor({ ...ctx.config, seed: ctx.config.seed + 1 })),
    (e: { flat: boolean; inRange: boolean; emptyBooks: boolean; sameSeedSame: boolean; nextSeedDiffers: boolean }) =>
      ok(
        e.flat && e.inRange && e.emptyBooks && e.sameSeedSame && e.nextSeedDiffers,
        `flat: ${e.flat}, capital in range and deposited for every market: ${e.inRange}, empty books: ${e.emptyBooks}, same seed → same population: ${e.sameSeedSame}, next seed → different: ${e.nextSeedDiffers}`,
      ),
  ),
  'truth-martingale': check(
    (ctx) => {
      // the configured game, simulated 4,000 times; p_t evaluated at ten horizons (the whole path is not needed)
      const { life } = ctx.config.markets;
      const params = ctx.config.markets.truth;
      const horizons = truthHorizons(life);
      const paths = Array.from({ length: 4000 }, (_, i) =>
        truthPath(Rng.derive(ctx.config.seed, 'truth-check', i), life, params, horizons),
      );
      return calibrationByHorizon(paths, horizons).map((h) => ({
        step: h.step,
        slope: h.regression.slope.value,
        ci: h.slopeCi,
        calibrated: h.calibrated,
      }));
    },
    (rows: Array<{ step: number; slope: number; ci: [number, number]; calibrated: boolean }>) =>
      ok(
        rows.length > 0 && rows.every((r) => r.calibrated),
        `outcome on p_t at ${rows.length} horizons: slopes ${rows.map((r) => r.slope.toFixed(2)).join(', ')}; ${rows.filter((r) => r.calibrated).length}/${rows.length} intervals (Bonferroni) hold slope 1 and intercept 0`,
      ),
  ),
  'outcome-from-truth': check(
    (ctx) => {
      let markets = 0;
      let agree = 0;
      for (const { model } of ctx.runs()) {
        for (const s of model.markets) {
          markets++;
          const final = s.truth.scores?.[s.truth.scores.length - 1];
          if (
            s.outcome === s.truth.outcome &&
            (final === undefined || s.outcome === (final > 0 ? 1 : 0)) &&
            model.outcomes?.[s.index]?.resolution === (s.outcome === 1 ? 'yes' : 'no')
          )
            agree++;
        }
      }
      return { markets, agree };
    },
    (e: { markets: number; agree: number }) =>
      ok(
        e.markets > 0 && e.agree === e.markets,
        `${e.agree}/${e.markets} markets settled on their game's result (the sign of the final score)`,
      ),
  ),
  'fees-kalshi': check(
    () => [takerFee(10, 50), takerFee(100, 23), makerFee(100, 23)],
    (got: number[]) =>
      ok(
        JSON.stringify(got) === JSON.stringify([18, 124, 31]),
        `taker 10@50 → ${got[0]}¢ (18), taker 100@23 → ${got[1]}¢ (124), maker 100@23 → ${got[2]}¢ (31)`,
      ),
  ),
  'kelly-closed-form': check(
    () => ({ edge: kellyFraction(0.6, 0.5), none: kellyFraction(0.4, 0.5) }),
    (e: { edge: number; none: number }) =>
      ok(
        Math.abs(e.edge - 0.2) < 1e-12 && e.none === 0,
        `f*(p = 0.6, c = 0.5) = ${e.edge.toFixed(6)} (closed form 0.2); f*(0.4, 0.5) = ${e.none} (0)`,
      ),
  ),
  'schedule-matches-code': check(
    (ctx) => ({ documented: ctx.document.processOverview.schedule.map((s) => s.phase), traced: recordSchedule(ctx.config, 3) }),
    (e: { documented: string[]; traced: string[][] }) => {
      // without LLM agents a step runs every documented phase but the consultation
      const expected = e.documented.filter((p) => p !== 'consult');
      const bad = e.traced.findIndex((steps) => JSON.stringify(steps) !== JSON.stringify(expected));
      return ok(
        e.traced.length > 0 && bad < 0,
        bad < 0
          ? `${e.traced.length} steps traced inside Model.step: ${e.traced[0]?.join(' → ')} (the document without the LLM consultation)`
          : `step ${bad + 1} ran ${e.traced[bad]!.join(' → ')}; the document says ${expected.join(' → ')}`,
      );
    },
  ),
  'parameters-match-config': check(
    (ctx) => ({
      rendered: [...renderedDefaults(renderParameterTable(ctx.document))],
      file: [...configValues(loadModelConfig(path.join(projectRoot(), 'configs', 'default.yaml')))],
    }),
    (e: { rendered: Array<[string, string]>; file: Array<[string, string]> }) => {
      const file = new Map(e.file);
      const skip = new Set(['seed', 'steps']);
      const mismatches = e.rendered
        .filter(([k, v]) => !skip.has(k) && file.has(k) && file.get(k) !== v)
        .map(([k, v]) => `${k}: table ${v}, configs/default.yaml ${file.get(k)}`);
      const undocumented = [...file.keys()].filter((k) => !skip.has(k) && !e.rendered.some(([r]) => r === k));
      return ok(
        e.rendered.length > 0 && e.file.length > 0 && mismatches.length === 0 && undocumented.length === 0,
        e.file.length === 0
          ? 'configs/default.yaml gave no parameters'
          : mismatches.length || undocumented.length
            ? [...mismatches, ...undocumented.map((k) => `${k} is not in the ODD tables`)].join('; ')
            : `${e.rendered.length} rendered parameter rows equal configs/default.yaml parsed and validated`,
      );
    },
  ),
};

/** Every check a claim may name, in the order agents, process, ablations. `fact:<id>` checks are resolved against the stylized-facts suite. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each check's evidence type is its own; callers only hand gather's result to the same check's judge
export const CHECKS: Record<string, Check<any>> = { ...AGENT_CHECKS, ...PROCESS_CHECKS, ...ABLATION_CHECKS };

/** Run one named check (`fact:<id>` looks up the stylized-facts suite with its null models). */
export function runCheck(name: string, ctx: CheckContext): CheckResult {
  try {
    if (name.startsWith('fact:')) {
      const id = name.slice(5);
      const v = ctx.suite().verdicts.find((x) => x.fact === id);
      if (!v) return { pass: false, detail: `no stylized fact named ${id}` };
      const nulls = Object.entries(v.differs)
        .map(([n, d]) => `${d ? 'beats' : 'does not beat'} ${n}`)
        .join(', ');
      return {
        pass: v.pass,
        detail: `${v.statistic}: ${v.model.value.toPrecision(3)} (95% CI ${v.model.ciLow.toPrecision(3)} … ${v.model.ciHigh.toPrecision(3)}), threshold ${v.threshold}; ${v.model.detail}${nulls ? `; ${nulls}` : ''}`,
      };
    }
    const c = CHECKS[name];
    if (!c) return { pass: false, detail: `unknown check "${name}" (known: ${Object.keys(CHECKS).join(', ')}, fact:<id>)` };
    return c.judge(c.gather(ctx));
  } catch (e) {
    return { pass: false, detail: `check threw: ${(e as Error).message}` };
  }
}
