import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBackend, redactUrl } from '../../src/experiments/backend.js';
import { decodeJson, encodeJson } from '../../src/experiments/codec.js';
import { sourceHash } from '../../src/experiments/compiled.js';
import { manifestMismatch, type CodeManifest } from '../../src/experiments/manifest.js';

describe('--backend', () => {
  it('parses local and Redis URLs, with the password only in the parsed value, never in its display', () => {
    expect(parseBackend(undefined)).toEqual({ kind: 'local' });
    expect(parseBackend('local')).toEqual({ kind: 'local' });
    expect(parseBackend('redis://10.0.0.5')).toMatchObject({
      kind: 'redis',
      host: '10.0.0.5',
      port: 6379,
      db: 0,
      tls: false,
      display: 'redis://10.0.0.5:6379/0',
    });
    const b = parseBackend('rediss://omega:p%40ss@redis.example.org:6380/3', {});
    expect(b).toMatchObject({
      kind: 'redis',
      host: 'redis.example.org',
      port: 6380,
      db: 3,
      username: 'omega',
      password: 'p@ss',
      tls: true,
      display: 'rediss://omega:***@redis.example.org:6380/3',
    });
  });

  it('takes the password from $OMEGA_REDIS_PASSWORD when the URL has none', () => {
    expect(parseBackend('redis://127.0.0.1:6379', { OMEGA_REDIS_PASSWORD: 'from-env' })).toMatchObject({
      password: 'from-env',
      display: 'redis://:***@127.0.0.1:6379/0',
    });
    expect(parseBackend('redis://:in-url@127.0.0.1:6379', { OMEGA_REDIS_PASSWORD: 'from-env' })).toMatchObject({ password: 'in-url' });
  });

  it('rejects what is not a Redis URL, naming the flag and the form, without echoing a password', () => {
    expect(() => parseBackend('http://127.0.0.1:6379')).toThrow(
      /--backend must be local, or redis:\/\/\[user:password@\]host\[:port\]\[\/db\].*scheme http:/,
    );
    expect(() => parseBackend('redis://:hunter2@127.0.0.1:port')).toThrow(/redis:\/\/:\*\*\*@127\.0\.0\.1:port/);
    expect(() => parseBackend('redis://:hunter2@127.0.0.1:port')).not.toThrow(/hunter2/);
    expect(() => parseBackend('redis://127.0.0.1:6379/x')).toThrow(/database after the port must be a number/);
    expect(() => parseBackend('redis://')).toThrow(/--backend must be|needs a host/);
  });

  it('redacts credentials in any text', () => {
    expect(redactUrl('connect redis://user:secret@h:1/0 and rediss://:s2@h2')).toBe('connect redis://user:***@h:1/0 and rediss://:***@h2');
    expect(redactUrl('redis://token@h:1')).toBe('redis://***@h:1');
    expect(redactUrl('no url here')).toBe('no url here');
  });
});

describe('the job codec', () => {
  it('round-trips what structured clone keeps and plain JSON loses', () => {
    const value = {
      nan: Number.NaN,
      inf: Infinity,
      ninf: -Infinity,
      negZero: -0,
      missing: undefined,
      xs: [1, Number.NaN, 2.5],
      typed: new Float64Array([0.1, Number.NaN]),
      nested: { s: 'text', n: null, b: true },
    };
    const back = decodeJson<typeof value>(encodeJson(value));
    expect(back.nan).toBeNaN();
    expect(back.inf).toBe(Infinity);
    expect(back.ninf).toBe(-Infinity);
    expect(Object.is(back.negZero, -0)).toBe(true);
    expect('missing' in back && back.missing === undefined).toBe(true);
    expect(back.xs[1]).toBeNaN();
    expect(back.typed).toBeInstanceOf(Float64Array);
    expect(Array.from(back.typed)[0]).toBe(0.1);
    expect(back.nested).toEqual({ s: 'text', n: null, b: true });
    expect(back).toEqual(structuredClone(value)); // exactly what a worker thread would have returned
    // plain JSON would not: the reason the codec exists
    expect(JSON.parse(JSON.stringify(value))).not.toEqual(structuredClone(value));
  });
});

describe('code manifest', () => {
  const own: CodeManifest = { packageVersion: '0.1.0', gitCommit: 'a'.repeat(40), nodeMajor: 20, sourceHash: 'b'.repeat(64) };
  it('matches itself and names every difference otherwise', () => {
    expect(manifestMismatch(own, own)).toBeNull();
    const m = manifestMismatch({ ...own, packageVersion: '0.2.0', gitCommit: null, nodeMajor: 22, sourceHash: 'c'.repeat(64) }, own)!;
    expect(m).toContain('package version 0.2.0 vs 0.1.0');
    expect(m).toContain('git commit none vs aaaaaaaaaaaa');
    expect(m).toContain('Node major 22 vs 20');
    expect(m).toContain('source hash cccccccccccc vs bbbbbbbbbbbb');
    expect(m).toContain('restart omega worker');
  });

  it('the source hash changes with any file of src, and only with what it covers', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'omega-hash-'));
    mkdirSync(path.join(root, 'src', 'a'), { recursive: true });
    writeFileSync(path.join(root, 'src', 'a', 'x.ts'), 'export const x = 1;\n');
    writeFileSync(path.join(root, 'tsconfig.json'), '{}');
    const h0 = sourceHash(root);
    expect(sourceHash(root)).toBe(h0);
    writeFileSync(path.join(root, 'README.md'), 'not compiled');
    expect(sourceHash(root)).toBe(h0);
    writeFileSync(path.join(root, 'src', 'a', 'x.ts'), 'export const x = 2;\n');
    const h1 = sourceHash(root);
    expect(h1).not.toBe(h0);
    writeFileSync(path.join(root, 'tsconfig.json'), '{"compilerOptions":{}}');
    expect(sourceHash(root)).not.toBe(h1);
  });
});
