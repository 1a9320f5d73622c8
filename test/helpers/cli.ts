import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run `omega …` inside this process: `main()` with stdout, stderr and console captured, and the exit
 * code it returns. No child process and no TypeScript compile per call, so a table of a hundred bad inputs
 * costs seconds. Environment overrides are applied for the call and restored after it. Calls must not
 * overlap (the streams are process-wide): vitest runs a file's tests one at a time unless told otherwise.
 */
export async function omegaInProcess(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  const { log, error, warn, info } = console;
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const capture = (sink: 'out' | 'err') =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      if (sink === 'out') stdout += text;
      else stderr += text;
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }) as typeof process.stdout.write;
  const line =
    (sink: 'out' | 'err') =>
    (...parts: unknown[]) =>
      capture(sink)(parts.map(String).join(' ') + '\n');
  process.stdout.write = capture('out');
  process.stderr.write = capture('err');
  console.log = console.info = line('out');
  console.error = console.warn = line('err');
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'omega', ...args]);
    return { code, stdout, stderr };
  } catch (e) {
    // an error main() does not turn into an exit code is a crash: report it as the process would
    return { code: 1, stdout, stderr: stderr + ((e as Error).stack ?? String(e)) };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    Object.assign(console, { log, error, warn, info });
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.exitCode = undefined;
  }
}

/** Run `omega …` as a real child process (bin/omega.mjs), for what only a process shows: exit codes, signals, pipes. */
export function omegaProcess(
  args: readonly string[],
  options: { env?: Record<string, string | undefined>; input?: string; timeoutMs?: number } = {},
): CliResult {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...options.env })) if (v !== undefined) env[k] = v;
  const r = spawnSync(process.execPath, ['bin/omega.mjs', ...args], {
    encoding: 'utf8',
    env,
    input: options.input,
    timeout: options.timeoutMs ?? 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
