import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { omegaInProcess } from '../helpers/cli.js';

/** In-process runs (no child process per call); a few tests elsewhere run the real bin/omega.mjs. */
const omega = (...args: string[]) => omegaInProcess(args);

/** The fields of `omega facts|validate|odd --json` these tests read (each test asserts them). */
interface FactsJson {
  n: number;
  acf: number[];
  ljung_box: { lags: number; q: number };
  arch_lm: { lags: number; lm: number };
}
interface VerdictsJson {
  pass: boolean;
  verdicts: Array<{ fact: string; pass?: boolean; model?: unknown }>;
}
interface PowerJson {
  markets: number;
  rows: Array<{ miscalibration: string }>;
}
interface OddJson {
  pass: boolean;
  results: Array<{ id: string; pass: boolean }>;
}

describe('omega facts', () => {
  it('prints the documented JSON keys for a CSV column', async () => {
    const r = await omega('facts', '--csv', 'test/facts/fixtures/garch.csv', '--column', 'ret', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as FactsJson;
    expect(Object.keys(j)).toEqual([
      'n',
      'mean',
      'std',
      'skewness',
      'excess_kurtosis',
      'jarque_bera',
      'acf',
      'acf_abs',
      'ljung_box',
      'ljung_box_sq',
      'arch_lm',
      'hill',
      'hurst_dfa',
    ]);
    expect(j.n).toBe(1000);
    expect(j.acf).toHaveLength(20);
    expect(j.ljung_box).toMatchObject({ lags: 20, q: expect.closeTo(34.53147904932036, 6) }); // statsmodels acorr_ljungbox
    expect(j.arch_lm).toMatchObject({ lags: 5, lm: expect.closeTo(32.71556877387594, 6) }); // statsmodels het_arch
  });

  it('computes returns from prices with --kind prices and honors --lags', async () => {
    const j = JSON.parse(
      (
        await omega(
          'facts',
          '--csv',
          'test/facts/fixtures/garch.csv',
          '--column',
          'price',
          '--kind',
          'prices',
          '--transform',
          'log',
          '--lags',
          '10',
          '--json',
        )
      ).stdout,
    ) as FactsJson;
    expect(j.n).toBe(999);
    expect(j.acf).toHaveLength(10);
    expect(j.ljung_box.lags).toBe(10);
  });

  it('names the column, the line and the fix on bad input', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-facts-'));
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, `x\n${Array.from({ length: 80 }, (_, i) => (i === 41 ? 'oops' : String(Math.sin(i)))).join('\n')}\n`);
    let r = await omega('facts', '--csv', file, '--column', 'x');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 43, column "x": "oops" is not a number');
    r = await omega('facts', '--csv', file, '--column', 'y');
    expect(r.stderr).toContain('has no column "y"; its columns are: x');
    r = await omega('facts', '--csv', 'test/facts/fixtures/garch.csv', '--column', 'ret', '--kind', 'levels');
    expect(r.stderr).toContain('--kind must be prices or returns');
  });
});

/** A small season for the command tests: 6 games of 300 steps, two at a time, a small population. */
function smallConfig(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'omega-val-'));
  const file = path.join(dir, 'small.yaml');
  writeFileSync(
    file,
    `markets: { count: 6, life: 300, stagger: 150 }\nagents:\n  noise: { count: 20 }\n  informed: { count: 10 }\n  arbitrageur: { count: 4 }\n  marketMaker: { count: 3 }\n  homer: { count: 6 }\n  llm: { count: 0 }\n`,
  );
  return file;
}

describe('omega validate and omega odd', () => {
  it('validate prints model, null and real-data columns, and its exit code follows its verdict', async () => {
    const r = await omega('validate', '--seeds', '4', '--config', smallConfig(), '--workers', '1', '--no-progress');
    expect(r.stdout).toContain('Stylized facts over 4 seeds, 24 markets');
    for (const col of ['model', 'zero_intelligence', 'truth_only', 'shuffled', 'nfl_per_play', 'nfl_per_5_plays', 'beats_nulls'])
      expect(r.stdout).toContain(col);
    expect(r.stdout).toMatch(/Real data: \d+ NFL games/);
    const verdict = /(PASS|FAIL): (\d+)\/(\d+) must-pass facts hold/.exec(r.stdout)!;
    expect(verdict).not.toBeNull();
    expect(r.code).toBe(verdict[1] === 'PASS' ? 0 : 1);
    expect(verdict[1] === 'PASS').toBe(verdict[2] === verdict[3]);
  });

  it('validate fails, with exit code 1, a market without informed traders (prices stop tracking the truth)', async () => {
    const r = await omega('validate', '--seeds', '3', '--config', smallConfig(), '--workers', '1', '--no-real', '--json');
    const j = JSON.parse(r.stdout) as VerdictsJson;
    expect(r.code).toBe(j.pass ? 0 : 1);
    expect(j.verdicts.find((v) => v.fact === 'tracks_truth')!.model).toMatchObject({
      ciLow: expect.any(Number),
      ciHigh: expect.any(Number),
      detail: expect.stringContaining('3/3 seeds pass'),
    });
    const zi = path.join(mkdtempSync(path.join(tmpdir(), 'omega-zi-')), 'zi.yaml');
    writeFileSync(
      zi,
      'markets: { count: 6, life: 300, stagger: 150 }\nagents:\n  noise: { count: 20 }\n  informed: { count: 0 }\n  arbitrageur: { count: 0 }\n  marketMaker: { count: 3 }\n  homer: { count: 0 }\n  llm: { count: 0 }\n',
    );
    const bad = await omega('validate', '--seeds', '3', '--config', zi, '--workers', '1', '--no-real', '--json');
    expect(bad.code).toBe(1);
    const jb = JSON.parse(bad.stdout) as VerdictsJson;
    expect(jb.pass).toBe(false);
    expect(jb.verdicts.find((v) => v.fact === 'tracks_truth')).toMatchObject({ pass: false });
  });

  it('validate --power prints which miscalibrations the calibration facts detect', async () => {
    const r = await omega('validate', '--power', '--replications', '10', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as PowerJson;
    expect(j.markets).toBe(1080);
    expect(j.rows.map((x) => x.miscalibration)).toEqual([
      'calibrated',
      'logit × 0.8 (too timid)',
      'logit × 1.25 (too extreme)',
      '3¢ longshot premium',
    ]);
  });

  it('odd --check exits 0 exactly when it prints PASS, and --out writes Markdown and HTML with verdicts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-odd-'));
    const out = path.join(dir, 'odd.md');
    const r = await omega('odd', '--check', '--seeds', '3', '--config', smallConfig(), '--out', out);
    const verdict = /(PASS|FAIL): (\d+)\/(\d+) claims hold; (\d+) element\(s\)\/concept\(s\) unchecked/.exec(r.stdout)!;
    expect(verdict, r.stdout + r.stderr).not.toBeNull();
    expect(r.code).toBe(verdict[1] === 'PASS' ? 0 : 1);
    expect(verdict[4]).toBe('0');
    expect(readFileSync(out, 'utf8')).toContain('✅');
    expect(existsSync(out.replace(/\.md$/, '.html'))).toBe(true);
    expect((await omega('odd')).stderr).toContain('omega odd needs --check, --out <file>, or both');
  });

  it('odd --check fails, with exit code 1, a model whose market makers are gone (books go one-sided)', async () => {
    const nomm = path.join(mkdtempSync(path.join(tmpdir(), 'omega-nomm-')), 'nomm.yaml');
    writeFileSync(
      nomm,
      'markets: { count: 4, life: 300, stagger: 150 }\nagents:\n  noise: { count: 20 }\n  informed: { count: 6 }\n  arbitrageur: { count: 2 }\n  marketMaker: { count: 0 }\n  homer: { count: 4 }\n  llm: { count: 0 }\n',
    );
    const r = await omega('odd', '--check', '--seeds', '2', '--config', nomm, '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout) as OddJson;
    expect(j.pass).toBe(false);
    expect(j.results.find((x) => x.id === 'two-sided')).toMatchObject({ pass: false });
  });
});
