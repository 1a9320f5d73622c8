import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The checks `npm run lint` and `npm run format:check` run, each fed code it must reject, so a config change
// that silently disables one fails here. Fixtures are linted as virtual files (lintText): nothing is written
// into src/ or test/.
const root = process.cwd();
const node = (script: string, args: string[], input?: string) =>
  spawnSync(process.execPath, [path.join(root, 'node_modules', script), ...args], { cwd: root, encoding: 'utf8', input });

const FIXTURE_SRC = 'src/lint-fixture.ts';
const FIXTURE_TEST = 'test/lint-fixture.test.ts';
const FIXTURE_GOOD = 'src/lint-fixture-good.ts';

const BAD_TS = `
async function work(): Promise<number> {
  return 1;
}
export function floating(): void {
  work();
}
export function misused(xs: number[]): void {
  xs.forEach(async () => {
    await work();
  });
}
export function leaky(text: string): number {
  const x: any = JSON.parse(text);
  const y = JSON.parse(text);
  return x + y.count;
}
export function unused(): number {
  const left = 1;
  return 2;
}
`;

const GOOD_TS = `
async function work(): Promise<number> {
  return 1;
}
export async function awaited(): Promise<number> {
  const n = await work();
  const parsed: unknown = JSON.parse('1');
  return typeof parsed === 'number' ? parsed + n : n;
}
`;

/** The fixtures, as virtual files: nothing is written into src/ or test/. */
const FIXTURES: Record<string, string> = { [FIXTURE_SRC]: BAD_TS, [FIXTURE_TEST]: BAD_TS, [FIXTURE_GOOD]: GOOD_TS };

/**
 * One TypeScript program of the three fixtures with tsconfig.json's compiler options (its libraries and types),
 * handed to the parser. The project service (what `npm run lint` uses) would load the whole project for a file
 * under src/, about 4 CPU-s more for the same type information about code that imports nothing.
 */
function fixtureProgram(): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  )!;
  const virtual = new Map(Object.entries(FIXTURES).map(([file, code]) => [path.join(root, file), code]));
  const host = ts.createCompilerHost(config.options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (file, language, ...rest) => {
    const code = virtual.get(file);
    return code === undefined ? getSourceFile.call(host, file, language, ...rest) : ts.createSourceFile(file, code, language, true);
  };
  host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
  host.readFile = (file) => virtual.get(file) ?? readFile.call(host, file);
  return ts.createProgram([...virtual.keys()], config.options, host);
}

let eslint: ESLint | undefined;

async function ruleIds(file: string): Promise<string[]> {
  // the project's own config (which rules apply to src/ and test/); only the parser's source of types is replaced
  // one instance and one program for the file's cases
  eslint ??= new ESLint({
    cwd: root,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, programs: [fixtureProgram()] } } },
  });
  const [result] = await eslint.lintText(FIXTURES[file]!, { filePath: path.join(root, file) });
  return result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`).sort();
}

describe('ESLint (eslint.config.mjs)', () => {
  it('reports floating and misused promises, any leaks and unused variables in src', async () => {
    const ids = await ruleIds(FIXTURE_SRC);
    expect(ids).toEqual([
      '@typescript-eslint/no-explicit-any',
      '@typescript-eslint/no-floating-promises',
      '@typescript-eslint/no-misused-promises',
      '@typescript-eslint/no-unsafe-assignment',
      '@typescript-eslint/no-unsafe-assignment',
      '@typescript-eslint/no-unsafe-member-access',
      '@typescript-eslint/no-unsafe-return',
      '@typescript-eslint/no-unused-vars',
    ]);
  });

  it('in tests it still reports reading an any (only the bare assignment is allowed, for vitest matchers)', async () => {
    const ids = await ruleIds(FIXTURE_TEST);
    expect(ids).toContain('@typescript-eslint/no-unsafe-member-access');
    expect(ids).toContain('@typescript-eslint/no-floating-promises');
    expect(ids).not.toContain('@typescript-eslint/no-unsafe-assignment');
  });

  it('passes the same code once the promise is awaited, typed and used', async () => {
    expect(await ruleIds(FIXTURE_GOOD)).toEqual([]);
  });
});

describe('knip (knip.jsonc)', () => {
  it('reports an export nothing imports, and passes once it is module-local', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-knip-'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'fixture', type: 'module', private: true }));
    writeFileSync(path.join(dir, 'knip.json'), JSON.stringify({ entry: ['src/index.ts'], project: ['src/**/*.ts'] }));
    writeFileSync(path.join(dir, 'src', 'index.ts'), "export { used } from './a.js';\n");
    writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const used = 1;\nexport const dead = 2;\n');
    const knip = () => node('knip/bin/knip.js', ['--directory', dir, '--no-progress', '--include', 'exports']);
    const bad = knip();
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/Unused exports \(1\)\s+dead\s+src\/a\.ts:2/);
    writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const used = 1;\nconst dead = 2;\nexport const twice = dead * 2;\n');
    writeFileSync(path.join(dir, 'src', 'index.ts'), "export { used, twice } from './a.js';\n");
    const good = knip();
    expect(good.status, good.stdout).toBe(0);
  });
});

describe('spelling (cspell.json): one spelling per word, American as for canceled', () => {
  // the British spellings are assembled here so this file itself passes the check
  const british = ['cancel' + 'led', 'behavi' + 'our', 'cent' + 're', 'gr' + 'ey', 'normal' + 'ised'];
  const cspellArgs = ['lint', '--no-progress', '--no-summary', '--report', 'flagged', '--config', path.join(root, 'cspell.json')];
  const spell = (text: string) => node('cspell/bin.mjs', [...cspellArgs, 'stdin://src/fixture.ts'], text);
  /**
   * The two texts that must be flagged, checked by one cspell run (each run loads the dictionaries, ≈ 2 CPU-s):
   * scratch files under a src/ of their own, the run started there; each test reads its own file's lines.
   */
  const FLAGGED = {
    british: `const is${'Cancel' + 'led'} = true; // ${british.slice(1, 3).join(' ')}\nconst s = '${british.slice(3).join(' ')}';\n`,
    minority: `// the ${'favor' + 'ite'} wins\n`,
  };
  let flaggedRun: SpawnSyncReturns<string> | undefined;
  const flagged = (name: keyof typeof FLAGGED) => {
    if (!flaggedRun) {
      const dir = mkdtempSync(path.join(tmpdir(), 'omega-spell-'));
      mkdirSync(path.join(dir, 'src'));
      for (const [n, text] of Object.entries(FLAGGED)) writeFileSync(path.join(dir, 'src', `${n}.ts`), text);
      const files = Object.keys(FLAGGED).map((n) => `src/${n}.ts`);
      flaggedRun = spawnSync(process.execPath, [path.join(root, 'node_modules', 'cspell/bin.mjs'), ...cspellArgs, ...files], {
        cwd: dir,
        encoding: 'utf8',
      });
    }
    const lines = flaggedRun.stdout.split('\n').filter((l) => l.startsWith(`src/${name}.ts:`));
    return { status: flaggedRun.status, stdout: lines.join('\n') };
  };

  it('flags each British double in identifiers, comments and strings, with the American fix', () => {
    const r = flagged('british');
    expect(r.status).toBe(1);
    const words = [...r.stdout.matchAll(/Forbidden word \((\w+)\) fix: \((\w+)\)/g)].map((m) => `${m[1]}->${m[2]}`);
    expect(words).toEqual([
      'Cancel' + 'led->Canceled',
      `${british[1]}->behavior`,
      `${british[2]}->center`,
      `${british[3]}->gray`,
      `${british[4]}->normalized`,
    ]);
  });

  it('passes the American spellings', () => {
    const r = spell("const isCanceled = true; // behavior at the center, gray\nconst s = 'normalized';\n");
    expect(r.status, r.stdout).toBe(0);
  });

  it('flags the minority spelling of a word the code base writes the British way (favourite, as in the favourite_longshot fact)', () => {
    const r = flagged('minority');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('fix: (favourite)');
  });
});

describe('Prettier (.prettierrc.json) and the format:check switch', () => {
  it('rejects code that is not in the project style and accepts the same code formatted', async () => {
    const options = { ...(await prettier.resolveConfig(path.join(root, 'src', 'x.ts'))), filepath: path.join(root, 'src', 'x.ts') };
    expect(options).toMatchObject({ printWidth: 140, singleQuote: true });
    const ugly = 'const a = {b:"c"}\n';
    expect(await prettier.check(ugly, options)).toBe(false);
    expect(await prettier.check(await prettier.format(ugly, options), options)).toBe(true);
    expect(await prettier.format(ugly, options)).toBe("const a = { b: 'c' };\n");
  });

  it('format:check is off until .prettier-enforced exists, and then fails on an unformatted file', () => {
    // a copy of the switch script in a scratch repo (it resolves prettier and the flag file from its own folder)
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-fmt-'));
    mkdirSync(path.join(dir, 'scripts'));
    writeFileSync(path.join(dir, 'scripts', 'format-check.mjs'), readFileSync(path.join(root, 'scripts', 'format-check.mjs')));
    mkdirSync(path.join(dir, 'node_modules'));
    spawnSync('ln', ['-s', path.join(root, 'node_modules', 'prettier'), path.join(dir, 'node_modules', 'prettier')]);
    writeFileSync(path.join(dir, '.prettierrc.json'), readFileSync(path.join(root, '.prettierrc.json')));
    writeFileSync(path.join(dir, 'bad.ts'), 'const a = {b:"c"}\n');
    const check = () => spawnSync(process.execPath, [path.join(dir, 'scripts', 'format-check.mjs')], { cwd: dir, encoding: 'utf8' });
    const off = check();
    expect(off.status).toBe(0);
    expect(off.stdout).toContain('not enforced yet (no .prettier-enforced): 1 files differ');
    writeFileSync(path.join(dir, '.prettier-enforced'), '');
    const on = check();
    expect(on.status).toBe(1);
    expect(on.stderr).toContain('bad.ts');
    writeFileSync(path.join(dir, 'bad.ts'), "const a = { b: 'c' };\n");
    expect(check().status).toBe(0);
  });
});
