import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { omegaInProcess } from '../helpers/cli.js';
import { ManualClock } from '../../src/core/clock.js';
import { AuditLog } from '../../src/ops/index.js';

function omega(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/omega.mjs', ...args], { encoding: 'utf8', cwd: process.cwd() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function session(records: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'omega-audit-cli-'));
  const log = new AuditLog(path.join(dir, 'audit'), { clock: new ManualClock(1_000) });
  for (let i = 0; i < records; i++) log.record('decision', { i });
  log.close();
  return dir;
}

describe('omega audit verify', () => {
  it('passes a good log (session folder or audit folder) and names the first bad sequence number of an edited one', () => {
    const dir = session(8);
    const ok = omega('audit', 'verify', dir);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/audit: OK — 8 records in 1 file, seq 1\.\.8, head [0-9a-f]{16}\n$/);
    expect(omega('audit', 'verify', path.join(dir, 'audit'), '--json').stdout).toContain('"ok":true');

    const file = path.join(dir, 'audit', 'audit-000000000001.jsonl');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('{"i":5}', '{"i":6}'));
    const bad = omega('audit', 'verify', dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /FAILED at seq 6 \(audit-000000000001\.jsonl line 6, byte \d+\): hash does not match the record content; records 1\.\.5 verify/,
    );
    const j = JSON.parse(omega('audit', 'verify', dir, '--json').stdout) as { ok: boolean; firstBadSeq: number };
    expect(j).toMatchObject({ ok: false, firstBadSeq: 6 });
  });

  it('a folder without an audit log is bad input (exit 2, nothing written)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-audit-cli-'));
    mkdirSync(path.join(dir, 'other'));
    const r = await omegaInProcess(['audit', 'verify', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no audit log in .* \(expected audit-\*\.jsonl files there or in/);
    expect((await omegaInProcess(['audit', 'verify', path.join(dir, 'missing')])).stderr).toMatch(/is not a folder/);
  });
});
