import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentRows, parseParameter, runExperiment, type ExperimentSpec } from '../../src/experiments/index.js';
import { parseModelConfig } from '../../src/abm/index.js';
import { omegaInProcess } from '../helpers/cli.js';

const base = parseModelConfig({
  steps: 150,
  agents: {
    noise: { count: 12 },
    informed: { count: 5 },
    arbitrageur: { count: 2 },
    marketMaker: { count: 2 },
    homer: { count: 4 },
    llm: { count: 0 },
  },
});
const params = [parseParameter('agents.informed.count=2:12', base), parseParameter('agents.marketMaker.riskAversion=0.05:0.5', base)];

describe('experiments', () => {
  it('replications give mean and a 95% CI per metric', async () => {
    const r = await runExperiment({ base, design: 'replications', params: [], runs: 6 }, { workers: 1 });
    expect(r.records.map((x) => x.seed)).toEqual([42, 43, 44, 45, 46, 47]);
    const mae = r.summary.find((s) => s.metric === 'mean_abs_error')!;
    expect(mae.n).toBe(6);
    expect(mae.ciLow).toBeLessThan(mae.mean);
    expect(mae.ciHigh).toBeGreaterThan(mae.mean);
  });

  it('a pool of two workers gives exactly the single-thread results', async () => {
    const spec: ExperimentSpec = { base, design: 'lhs', params, runs: 4, seeds: 2 };
    const one = await runExperiment(spec, { workers: 1 });
    const two = await runExperiment(spec, { workers: 2 });
    expect(JSON.stringify(experimentRows(two))).toBe(JSON.stringify(experimentRows(one)));
    expect(two.records).toHaveLength(8);
    expect(one.records[0]!.manifest.tapeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('Morris and Sobol designs produce indices for every metric', async () => {
    const m = await runExperiment({ base, design: 'morris', params, runs: 3 }, { workers: 1 });
    expect(m.points).toHaveLength(3 * (params.length + 1));
    expect(m.morris!.mean_abs_error!.map((x) => x.parameter)).toEqual(params.map((p) => p.name));
    const s = await runExperiment({ base, design: 'sobol', params, runs: 4 }, { workers: 1 });
    expect(s.points).toHaveLength(4 * (params.length + 2));
    expect(s.sobol!.volume!).toHaveLength(2);
  });

  it('resumes an interrupted experiment from its checkpoint without redoing finished runs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-exp-'));
    const checkpoint = path.join(dir, 'runs.jsonl');
    const spec: ExperimentSpec = { base, design: 'factorial', params, runs: 2, seeds: 2 };
    const controller = new AbortController();
    let finished = 0;
    await expect(
      runExperiment(spec, {
        workers: 1,
        checkpoint,
        signal: controller.signal,
        onProgress: () => {
          if (++finished === 3) controller.abort();
        },
      }),
    ).rejects.toThrow(/aborted/);
    const saved = readFileSync(checkpoint, 'utf8').trim().split('\n').length - 1;
    expect(saved).toBe(3);
    const resumed = await runExperiment(spec, { workers: 1, checkpoint });
    expect(resumed.resumed).toBe(3);
    const fresh = await runExperiment(spec, { workers: 1 });
    expect(JSON.stringify(experimentRows(resumed))).toBe(JSON.stringify(experimentRows(fresh)));
    // a checkpoint of another experiment is refused
    await expect(runExperiment({ ...spec, runs: 3 }, { workers: 1, checkpoint })).rejects.toThrow(/different experiment/);
  });

  it('rejects parameters that are not in the config, or out of range, by name', () => {
    expect(() => parseParameter('agents.informed.cunt=1:5', base)).toThrow(/no such setting/);
    expect(() => parseParameter('agents.informed.signalQuality=0.5:1.5', base)).toThrow(
      /agents\.informed\.signalQuality must be in \[0,1\]/,
    );
    expect(() => parseParameter('agents.informed.count', base)).toThrow(/must look like/);
  });
});

describe('omega sweep', () => {
  // in this process (main() returns the exit code bin/omega.mjs exits with): test/cli/sweep-inputs.test.ts runs the real process
  it('writes results with a manifest per row, a sensitivity table, and resumes on rerun', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'omega-sweep-'));
    const cfg = path.join(out, 'base.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        steps: 150,
        agents: {
          noise: { count: 12 },
          informed: { count: 5 },
          arbitrageur: { count: 2 },
          marketMaker: { count: 2 },
          homer: { count: 4 },
          llm: { count: 0 },
        },
      }),
    );
    const args = [
      'sweep',
      '--config',
      cfg,
      '--design',
      'morris',
      '--runs',
      '3',
      '--param',
      'agents.informed.count=2:12',
      '--param',
      'agents.marketMaker.riskAversion=0.05:0.5',
      '--workers',
      '1',
      '--out',
      out,
      '--json',
    ];
    const r = await omegaInProcess(args);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { sensitivity: Array<{ parameter: string }> };
    expect(j).toMatchObject({ design: 'morris', points: 9, runs: 9, resumed: 0 });
    expect(j.sensitivity.map((s) => s.parameter)).toEqual(['agents.informed.count', 'agents.marketMaker.riskAversion']);
    const header = readFileSync(path.join(out, 'results.csv'), 'utf8').split('\n')[0]!;
    expect(header).toContain('agents.informed.count');
    expect(header).toContain('tape_hash');
    expect(existsSync(path.join(out, 'sensitivity-mean_abs_error.csv'))).toBe(true);
    const again = JSON.parse((await omegaInProcess(args)).stdout) as { resumed: number };
    expect(again.resumed).toBe(9);
    const bad = await omegaInProcess(['sweep', '--param', 'agents.nope=1:2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--param agents.nope: no such setting');
  });
});
