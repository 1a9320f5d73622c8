import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { omegaInProcess } from '../helpers/cli.js';

const running: ChildProcess[] = [];
afterEach(() => {
  for (const c of running.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Start `omega dashboard …`; resolves with the first stdout line (the URL) and the process. */
function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ url: string; child: ChildProcess; stderr: () => string }> {
  const child = spawn(process.execPath, ['bin/omega.mjs', 'dashboard', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ url: out.slice(0, nl), child, stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`omega dashboard exited with ${code} before printing its URL: ${err}`)));
  });
}

const getJson = (url: string) =>
  new Promise<unknown>((resolve, reject) => {
    http
      .get(url, (res) => {
        let t = '';
        res.on('data', (c) => (t += c));
        res.on('end', () => resolve(JSON.parse(t)));
      })
      .on('error', reject);
  });

// 'close' (not 'exit'): it fires after the child's stdout and stderr have been read to the end
const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null && child.stdout?.readableEnded !== false && child.stderr?.readableEnded !== false
      ? resolve(child.exitCode)
      : child.on('close', (code) => resolve(code)),
  );

describe('omega dashboard', () => {
  it('prints its 127.0.0.1 URL first, serves the run, and stops cleanly on SIGTERM', async () => {
    const { url, child, stderr } = await startCli(['--port', '0', '--config', 'configs/small.yaml', '--seed', '7', '--steps', '900']);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const state = await getJson(`${url}api/state`);
    expect(state).toMatchObject({ kind: 'snapshot', settings: { seed: 7 }, run: { endStep: 900 }, status: 'paused' });
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
    // read stderr only once the process has ended: the line may still be in the pipe while it runs
    expect(stderr()).toMatch(/omega dashboard: \d+ agents, 4 market\(s\), 900 steps, seed 7; press Ctrl-C to stop/); // configs/small.yaml: games open every 250 steps
  });

  it('--open hands the URL to the desktop opener', async () => {
    const bin = mkdtempSync(path.join(tmpdir(), 'omega-open-'));
    const record = path.join(bin, 'opened.txt');
    writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\necho "$1" > ${JSON.stringify(record)}\n`);
    chmodSync(path.join(bin, 'xdg-open'), 0o755);
    const { url, child } = await startCli(['--port', '0', '--open'], { ...process.env, PATH: `${bin}:${process.env.PATH}` });
    // poll until the opener ran: the bound (60 s) guards against a hang, it is not a timing assumption
    for (let i = 0; i < 1200 && !existsSync(record); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(record, 'utf8').trim()).toBe(url);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('a port in use, a bad flag or a bad config gets one clear error and exit code 2', async () => {
    // the port is held by a plain listener in this process, and the refusals run in-process (main()'s exit code):
    // the two dashboard processes above are the ones whose process boundary matters
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = String((holder.address() as net.AddressInfo).port);
    const busy = await omegaInProcess(['dashboard', '--port', port]);
    await new Promise((resolve) => holder.close(resolve));
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain(`port ${port} on 127.0.0.1 is already in use; pick another with --port N (0 picks a free one)`);
    const badPort = await omegaInProcess(['dashboard', '--port', 'eighty']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port');
    expect(badPort.stderr).toContain('must be a whole number');
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-dash-cfg-'));
    writeFileSync(path.join(dir, 'bad.yaml'), 'agents:\n  noise: { count: -3 }\n');
    const badConfig = await omegaInProcess(['dashboard', '--config', path.join(dir, 'bad.yaml')]);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('agents.noise.count must be a whole number ≥ 0');
    expect(badConfig.stdout).toBe('');
  });
});
