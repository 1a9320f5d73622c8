import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOddDocument, claimsOf } from '../../src/odd/index.js';
import { omegaInProcess, omegaProcess } from '../helpers/cli.js';

/** In-process runs (no child process per call); a few tests elsewhere run the real bin/omega.mjs. */
const omega = (...args: string[]) => omegaInProcess(args);

describe('omega simulate', () => {
  it('prints one JSON object with summary and manifest, and writes the report folder', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'omega-sim-'));
    const r = await omega('simulate', '--config', 'configs/small.yaml', '--steps', '200', '--seed', '5', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as {
      summary: { steps: number; families: Array<{ family: string }> };
      manifest: { seed: number; tapeHash: string; steps: number };
      reportDir: string;
      odd: { pass: boolean; claims: number; failed: string[] };
    };
    expect(j.manifest).toMatchObject({ seed: 5, steps: 200 });
    expect(j.summary.families.map((f: { family: string }) => f.family)).toEqual([
      'noise',
      'informed',
      'arbitrageur',
      'marketMaker',
      'homer',
      'llm',
    ]);
    // the ODD claims were checked (a verdict per claim of the document, written beside the report)
    expect(j.odd.claims).toBe(claimsOf(buildOddDocument()).length);
    expect(j.odd.pass).toBe(j.odd.failed.length === 0);
    for (const f of ['report.html', 'model.csv', 'agents.csv', 'manifest.json', 'config.json', 'odd.md'])
      expect(existsSync(path.join(out, f)), f).toBe(true);
    expect((JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { tapeHash: string }).tapeHash).toBe(j.manifest.tapeHash);
    expect(readFileSync(path.join(out, 'model.csv'), 'utf8').split('\n')[0]).toMatch(/^step,market,last_price,mid/);
    // same seed, same tape — in a separate process (the real bin/omega.mjs); the checks run after the tape is
    // written and cannot change it, so this run leaves them out
    const again = JSON.parse(
      omegaProcess(['simulate', '--config', 'configs/small.yaml', '--steps', '200', '--seed', '5', '--no-report', '--no-checks', '--json'])
        .stdout,
    ) as typeof j;
    expect(again.manifest.tapeHash).toBe(j.manifest.tapeHash);
    expect(again.reportDir).toBeNull();
  });

  it('prints a summary table and the report path for people', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'omega-sim-'));
    const r = await omega('simulate', '--config', 'configs/small.yaml', '--steps', '100', '--out', out, '--no-progress');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('P&L by agent family');
    expect(r.stdout).toMatch(/marketMaker/);
    expect(r.stdout).toContain('report.html');
    expect(r.stdout).toMatch(/\nODD: \d+\/\d+ claims hold over 4 seeds/);
  });

  it.each([
    [['--seed', 'abc'], '--seed must be a whole number'],
    [['--steps', '0'], '--steps must be a whole number between 1 and'],
    [['--config', 'configs/nope.yaml'], 'cannot read config file configs/nope.yaml'],
  ])('rejects %j with one clear error', async (args, message) => {
    const r = await omega('simulate', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('names the bad field of a config file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-cfg-'));
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, 'agents:\n  informed:\n    signalQuality: 3\n');
    const r = await omega('simulate', '--config', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('agents.informed.signalQuality must be in [0,1]');
  });
});
