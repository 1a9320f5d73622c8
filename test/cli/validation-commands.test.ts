import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { omegaInProcess } from '../helpers/cli.js';

/** In-process runs (no child process per call); a few tests elsewhere run the real bin/omega.mjs. */
const omega = (...args: string[]) => omegaInProcess(args);

/** The fields of `omega facts --json` and `omega validate --json` these tests read (each test asserts them). */
interface FactsJson {
  n: number;
  acf: number[];
  ljung_box: { lags: number; q: number };
  arch_lm: { lags: number; lm: number };
}
interface ValidateJson {
  seeds: number;
  verdicts: Array<Record<string, unknown>>;
}

describe('omega facts', () => {
  it('prints the documented JSON keys for a CSV column', async () => {
    const r = await omega('facts', '--csv', 'test/facts/fixtures/garch.csv', '--column', 'ret', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as FactsJson;
    expect(Object.keys(j)).toEqual(['n', 'mean', 'std', 'skewness', 'excess_kurtosis', 'jarque_bera', 'acf', 'acf_abs', 'ljung_box', 'ljung_box_sq', 'arch_lm', 'hill', 'hurst_dfa']);
    expect(j.n).toBe(1000);
    expect(j.acf).toHaveLength(20);
    expect(j.ljung_box).toMatchObject({ lags: 20, q: expect.closeTo(34.53147904932036, 6) }); // statsmodels acorr_ljungbox
    expect(j.arch_lm).toMatchObject({ lags: 5, lm: expect.closeTo(32.71556877387594, 6) }); // statsmodels het_arch
  });

  it('computes returns from prices with --kind prices and honors --lags', async () => {
    const j = JSON.parse((await omega('facts', '--csv', 'test/facts/fixtures/garch.csv', '--column', 'price', '--kind', 'prices', '--transform', 'log', '--lags', '10', '--json')).stdout) as FactsJson;
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

describe('omega validate and omega odd', () => {
  it('validate prints the verdict table and passes on the default model', async () => {
    const r = await omega('validate', '--seeds', '8', '--steps', '1500', '--workers', '1', '--no-progress');
    expect(r.stdout).toContain('Stylized facts over 8 seeds');
    expect(r.stdout).toMatch(/heavy_tails\s+│ must/);
    expect(r.stdout).toMatch(/(PASS|FAIL): \d+\/\d+ must-pass facts hold/);
  });

  it('validate --json gives verdicts with CIs', async () => {
    const r = await omega('validate', '--seeds', '4', '--steps', '800', '--workers', '1', '--json');
    const j = JSON.parse(r.stdout) as ValidateJson;
    expect(j.seeds).toBe(4);
    expect(j.verdicts[0]).toMatchObject({ fact: 'no_autocorrelation', tier: 'must', ciLow: expect.any(Number), ciHigh: expect.any(Number) });
  });

  it('odd --check passes and --out writes Markdown and HTML with verdicts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-odd-'));
    const out = path.join(dir, 'odd.md');
    const r = await omega('odd', '--check', '--out', out);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/PASS: \d+\/\d+ claims hold; 0 element\(s\)\/concept\(s\) unchecked/);
    expect(readFileSync(out, 'utf8')).toContain('✅');
    expect(existsSync(out.replace(/\.md$/, '.html'))).toBe(true);
    expect((await omega('odd')).stderr).toContain('omega odd needs --check, --out <file>, or both');
  });
});
