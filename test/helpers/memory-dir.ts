import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** Linux's shared-memory file system: files there live in memory only. */
const MEMORY_ROOT = '/dev/shm';

let memoryRoot: string | null | undefined;

function memoryFileSystem(): string | null {
  if (memoryRoot === undefined) {
    try {
      accessSync(MEMORY_ROOT, constants.W_OK);
      memoryRoot = MEMORY_ROOT;
    } catch {
      memoryRoot = null;
    }
  }
  return memoryRoot;
}

/**
 * Paper session folders (not created yet, as `omega paper run --session` wants them) in memory (/dev/shm) where the
 * machine has it, else under the temp folder; removed after the test file. Call it at the top of a test file: it
 * registers that file's cleanup (test files share their worker's modules, so a hook registered when this module
 * loads would clean up after the first file only).
 *
 * For tests of paper sessions that kill processes or run many of them: the ledger and audit log fsync every record,
 * which on a disk waits for the journal (the 50-kill recovery test spent about a third of its wall time there). A
 * SIGKILL keeps what a process wrote in the page cache on any file system, so what those tests prove does not
 * change; power loss, the one thing fsync is for, no test here can show either way.
 */
export function memorySessionDirs(): () => string {
  const made: string[] = [];
  // memory comes back only when the folders go (an exit handler would not run: vitest ends its forks by signal)
  afterAll(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const root = memoryFileSystem();
    const dir = mkdtempSync(path.join(root ?? tmpdir(), 'omega-paper-'));
    if (root !== null) made.push(dir);
    return path.join(dir, 'session');
  };
}
