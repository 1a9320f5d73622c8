import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../core/clock.js';
import { OmegaError } from '../core/errors.js';
import { writeFileAtomic } from '../report/files.js';

/**
 * The JSON-lines checkpoint of an experiment: a header line naming the experiment, then one line per
 * finished run, appended as runs finish and rewritten in run-index order when the experiment completes
 * (so the file is the same bytes whatever the order runs finished in, locally or on Redis workers).
 */
export interface CheckpointRecord {
  readonly index: number;
}

const fixHint = (file: string) => `delete ${file} to start this experiment over, or choose another --out folder`;

/** Finished runs in a checkpoint of experiment `hash` (none when the file is missing or empty). */
export function readCheckpoint<R extends CheckpointRecord>(file: string, hash: string, total: number): Map<number, R> {
  const done = new Map<number, R>();
  if (!existsSync(file)) return done;
  const lines = readFileSync(file, 'utf8').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return done; // an empty file (e.g. created, then interrupted before the header): nothing to resume
  let header: unknown;
  try {
    header = JSON.parse(lines[first]!);
  } catch {
    throw new OmegaError(
      'CHECKPOINT_CORRUPT',
      `${file} line ${first + 1} is not a checkpoint header (torn or edited: ${JSON.stringify(lines[first]!.slice(0, 60))}); ${fixHint(file)}`,
    );
  }
  const experiment = header && typeof header === 'object' ? (header as { experiment?: unknown }).experiment : undefined;
  if (typeof experiment !== 'string')
    throw new OmegaError(
      'CHECKPOINT_CORRUPT',
      `${file} line ${first + 1} is not a checkpoint header (no "experiment" field); ${fixHint(file)}`,
    );
  if (experiment !== hash)
    throw new OmegaError(
      'CHECKPOINT_MISMATCH',
      `${file} holds runs of a different experiment (${experiment.slice(0, 12)}…, this one is ${hash.slice(0, 12)}…); choose another --out folder or delete the file`,
    );
  for (let i = first + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.trim()) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(l);
    } catch {
      continue; // a line torn by an interruption: that run is simply done again
    }
    const index = rec && typeof rec === 'object' ? (rec as { index?: unknown }).index : undefined;
    if (!(typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < total)) {
      throw new OmegaError(
        'CHECKPOINT_CORRUPT',
        `${file} line ${i + 1} is not a run of this experiment (index ${JSON.stringify(index)}, expected 0…${total - 1}); ${fixHint(file)}`,
      );
    }
    done.set(index, rec as R);
  }
  return done;
}

/** Write a fresh checkpoint holding only the header. */
export function startCheckpoint(file: string, header: Record<string, unknown>): void {
  writeFileAtomic(file, JSON.stringify(header) + '\n');
}

/** Rewrite the checkpoint atomically: header, then the records in index order. */
export function finishCheckpoint(file: string, header: Record<string, unknown>, records: readonly CheckpointRecord[]): void {
  writeFileAtomic(
    file,
    [JSON.stringify(header), ...[...records].sort((a, b) => a.index - b.index).map((r) => JSON.stringify(r))].join('\n') + '\n',
  );
}

interface LockInfo {
  pid: number;
  host: string;
  started: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take `<checkpoint>.lock` so two experiments never write one folder at once. A lock whose process is gone
 * (same host, pid not running) is stale and taken over. Written by hand: proper-lockfile decides staleness by
 * a refreshed mtime, which cannot be refreshed while a run holds this thread (`workers: 1`).
 * Returns the release function.
 */
export function lockCheckpoint(file: string, log: (line: string) => void = () => undefined): () => void {
  const lock = `${file}.lock`;
  mkdirSync(path.dirname(lock), { recursive: true });
  const me: LockInfo = { pid: process.pid, host: os.hostname(), started: new Date(systemClock.now()).toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      return () => {
        try {
          const held = JSON.parse(readFileSync(lock, 'utf8')) as LockInfo;
          if (held.pid === me.pid && held.host === me.host) rmSync(lock, { force: true });
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let held: LockInfo | undefined;
    try {
      held = JSON.parse(readFileSync(lock, 'utf8')) as LockInfo;
    } catch {
      held = undefined; // empty or torn: its writer died between creating and writing it, unless that was just now
    }
    const stale = held ? held.host === me.host && !alive(held.pid) : systemClock.now() - statSync(lock).mtimeMs > 10_000;
    if (!stale) {
      const who = held ? `process ${held.pid} on ${held.host}, started ${held.started}` : 'another process';
      throw new OmegaError(
        'CHECKPOINT_LOCKED',
        `another experiment (${who}) is writing to ${path.dirname(file)}; wait for it to finish or choose another --out folder${held && held.host !== me.host ? ` (if nothing runs on ${held.host}, delete ${lock})` : ''}`,
      );
    }
    log(`removing the stale lock ${lock}${held ? ` of process ${held.pid}, which is no longer running` : ''}`);
    rmSync(lock, { force: true });
  }
  throw new OmegaError('CHECKPOINT_LOCKED', `could not lock ${lock}: other processes keep taking it; choose another --out folder`);
}
