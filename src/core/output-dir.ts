import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ValidationError } from './errors.js';

/**
 * Output folders (reports, tear sheets): checked before any work, written as a whole.
 *
 * A folder is written into a hidden staging sibling (`.<name>.staging-<pid>-<random>`) and renamed into place.
 * Replacing an existing folder takes two renames — the old folder to `.<name>.previous-<pid>`, the staging
 * folder to `<name>` — then the old one is deleted. Every write first runs {@link recoverOutputDir}, which
 * undoes what a killed writer left: a folder caught between the two renames is put back, and staging or
 * previous folders of processes that are gone are removed. So after kill -9 at any moment the folder is the
 * old complete one or the new complete one (once recovered), never a mix, and no partial file is ever inside it.
 */

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Kernel pseudo-filesystems: writing there does nothing useful and can block. */
const SYSTEM_ROOTS = ['/proc', '/sys', '/dev'];

function nearestExisting(p: string): string {
  let cur = p;
  while (!existsSync(cur)) {
    const up = path.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  return cur;
}

function underSystemRoot(p: string): string | undefined {
  return SYSTEM_ROOTS.find((r) => p === r || p.startsWith(`${r}/`));
}

/**
 * Check that `dir` can receive an output folder, before any work is done: not inside /proc, /sys or /dev, not
 * an existing file, not below a file, and its parent writable (probed by creating and removing a staging
 * folder there, which also catches read-only file systems). `flag` names where the path came from.
 */
export function checkOutputDir(dir: string, flag = '--out'): string {
  const target = path.resolve(dir);
  const existing = nearestExisting(target);
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    /* keep the lexical path */
  }
  const system = underSystemRoot(target) ?? underSystemRoot(real);
  if (system)
    throw new ValidationError(
      `${flag} ${dir} is inside ${system}, a kernel file system that holds no reports; choose a folder such as reports/my-run`,
      [{ path: flag, message: 'system folder' }],
    );
  if (existing === target && !statSync(target).isDirectory()) {
    throw new ValidationError(`${flag} ${dir} is a file, not a folder; choose a new folder name (the report is a folder of files)`, [
      { path: flag, message: 'is a file' },
    ]);
  }
  if (existing !== target && !statSync(existing).isDirectory()) {
    throw new ValidationError(`${flag} ${dir} is below ${existing}, which is a file, not a folder; choose a path under a folder`, [
      { path: flag, message: 'under a file' },
    ]);
  }
  // probe: can a sibling be created where the folder will be staged?
  const parent = existing === target ? path.dirname(target) : existing;
  const probe = path.join(parent, `.${path.basename(target)}.staging-${process.pid}-probe`);
  try {
    mkdirSync(probe);
    rmdirSync(probe);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'EROFS'
        ? 'the file system is read-only'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : `${code ?? 'error'}: ${(e as Error).message}`;
    throw new ValidationError(`${flag} ${dir}: cannot write in ${parent} (${why}); choose a folder you can write to`, [
      { path: flag, message: why },
    ]);
  }
  return target;
}

/** {@link checkOutputDir} for a single output file: its folder must be writable, and the file must not be a folder. */
export function checkOutputFile(file: string, flag = '--out'): string {
  const target = path.resolve(file);
  if (existsSync(target) && statSync(target).isDirectory())
    throw new ValidationError(`${flag} ${file} is a folder; name a file inside it`, [{ path: flag, message: 'is a folder' }]);
  const folder = path.dirname(target);
  const existing = nearestExisting(folder);
  if (!underSystemRoot(target) && !statSync(existing).isDirectory()) {
    throw new ValidationError(`${flag} ${file} is below ${existing}, which is a file, not a folder; choose a path under a folder`, [
      { path: flag, message: 'under a file' },
    ]);
  }
  try {
    checkOutputDir(folder, flag);
  } catch (e) {
    if (e instanceof ValidationError) throw new ValidationError(e.message.replace(`${flag} ${folder}`, `${flag} ${file}`), e.issues);
    throw e;
  }
  return target;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Undo what a killed writer left beside `dir`: restore `.<name>.previous-<pid>` when `dir` is missing (a swap
 * killed between its renames), then remove staging, probe and previous folders whose process is gone.
 */
export function recoverOutputDir(dir: string): void {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  if (!existsSync(parent)) return;
  const leftovers = readdirSync(parent)
    .map((name) => ({ name, m: new RegExp(`^\\.${escapeRegExp(base)}\\.(staging|previous)-(\\d+)(?:-[0-9a-f]+|-probe)?$`).exec(name) }))
    .filter((x): x is { name: string; m: RegExpExecArray } => x.m !== null && !alive(Number(x.m[2])));
  if (!existsSync(target)) {
    const previous = leftovers.find((x) => x.m[1] === 'previous');
    if (previous) renameSync(path.join(parent, previous.name), target);
  }
  for (const x of leftovers) rmSync(path.join(parent, x.name), { recursive: true, force: true });
}

/**
 * Write the folder `dir` as a whole: `fill(staging)` writes every file into a fresh staging folder, which then
 * replaces `dir` (see the module comment for what a kill at any moment leaves). If `fill` throws, `dir` is
 * untouched and the staging folder is removed.
 */
export async function writeFolderAtomic<T>(dir: string, fill: (staging: string) => Promise<T> | T): Promise<T> {
  const target = path.resolve(dir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  mkdirSync(parent, { recursive: true });
  recoverOutputDir(target);
  if (existsSync(target) && !statSync(target).isDirectory())
    throw new ValidationError(`${dir} is a file, not a folder; choose a new folder name`);
  const staging = path.join(parent, `.${base}.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging);
  let result: T;
  try {
    result = await fill(staging);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (!existsSync(target)) {
    renameSync(staging, target);
    return result;
  }
  const previous = path.join(parent, `.${base}.previous-${process.pid}`);
  rmSync(previous, { recursive: true, force: true });
  renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
  return result;
}

/**
 * Write one file by writing a hidden sibling (`.<name>.<pid>.partial`) and renaming it over the target, so a
 * crash or a full disk never leaves a half-written file; partial siblings left by dead processes are removed.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  const base = path.basename(file);
  mkdirSync(dir, { recursive: true });
  const stale = new RegExp(`^\\.${escapeRegExp(base)}\\.(\\d+)\\.partial$`);
  for (const name of readdirSync(dir)) {
    const m = stale.exec(name);
    if (m && !alive(Number(m[1]))) rmSync(path.join(dir, name), { force: true });
  }
  const tmp = path.join(dir, `.${base}.${process.pid}.partial`);
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}
