import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * When appended bytes are forced to disk:
 * - `always`: every append is one write(2) followed by fsync(2) before `append` returns, so a record is
 *   durable the moment the caller sees it (the audit log's and the session ledger's default);
 * - `batch`: appends are written at once but fsync'd only at `sync()` and `close()` (callers sync once
 *   per event batch; a power cut can lose the unsynced tail, a process crash cannot);
 * - `never`: left to the operating system (tests and benchmarks' peer only).
 * A process killed with SIGKILL loses nothing in any mode once write(2) returned: the kernel has it.
 */
export type FsyncPolicy = 'always' | 'batch' | 'never';

/** An open file that only grows, written whole-line by whole-line. */
export class AppendFile {
  private fd: number | undefined;
  private bytes: number;
  private dirty = false;

  constructor(
    readonly file: string,
    private readonly fsync: FsyncPolicy,
  ) {
    this.fd = openSync(file, 'a');
    this.bytes = fstatSync(this.fd).size;
  }

  get size(): number {
    return this.bytes;
  }

  /** Write all of `data` (looping on short writes) and fsync it when the policy says so. */
  append(data: Buffer): void {
    const fd = this.openFd();
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    this.bytes += data.length;
    if (this.fsync === 'always') fsyncSync(fd);
    else this.dirty = true;
  }

  sync(): void {
    if (this.fd !== undefined && this.dirty && this.fsync !== 'never') fsyncSync(this.fd);
    this.dirty = false;
  }

  close(): void {
    if (this.fd === undefined) return;
    this.sync();
    closeSync(this.fd);
    this.fd = undefined;
  }

  private openFd(): number {
    if (this.fd === undefined) throw new Error(`AppendFile: ${this.file} is closed`);
    return this.fd;
  }
}

/** fsync a directory so a newly created or renamed file's entry survives a power cut. */
export function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The bytes of a file up to and including its last newline, and the bytes after it (a torn write). */
export function splitTornTail(file: string): { complete: Buffer; tail: Buffer } {
  const buf = readFileSync(file);
  const end = buf.lastIndexOf(0x0a) + 1;
  return { complete: buf.subarray(0, end), tail: buf.subarray(end) };
}

/** Cut a file back to `length` bytes and make the cut durable. */
export function truncateDurably(file: string, length: number): void {
  const fd = openSync(file, 'r+');
  try {
    ftruncateSync(fd, length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDirectory(path.dirname(file));
}
