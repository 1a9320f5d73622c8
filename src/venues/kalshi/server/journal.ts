import { closeSync, existsSync, fdatasync, openSync, readFileSync, truncateSync, write } from 'node:fs';
import type { VenueCommand } from './commands.js';

/**
 * The local exchange's append-only command journal (`journal.jsonl`), with group commit: commands
 * appended while a write is in flight go out together in the next write, followed by one fdatasync,
 * and each caller's promise resolves once its command is on disk. A torn last line (a crash mid-write)
 * is cut off when the journal is opened.
 */
export class Journal {
  private readonly fd: number;
  private pending: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  private flushing = false;
  private closed = false;

  constructor(
    readonly file: string,
    private readonly fsync: boolean,
  ) {
    this.fd = openSync(file, 'a');
  }

  /** Read every complete command; a torn last line is removed from the file. */
  static read(file: string): VenueCommand[] {
    if (!existsSync(file)) return [];
    const text = readFileSync(file, 'utf8');
    const out: VenueCommand[] = [];
    let offset = 0;
    for (const line of text.split('\n')) {
      const end = offset + Buffer.byteLength(line) + 1;
      if (line.trim() === '') {
        offset = end;
        continue;
      }
      try {
        out.push(JSON.parse(line) as VenueCommand);
      } catch {
        if (end >= Buffer.byteLength(text)) {
          truncateSync(file, offset); // torn tail from a crash: drop it
          break;
        }
        throw new Error(
          `${file}: line at byte ${offset} is not valid JSON; the journal is damaged (restore it or start with a new --state directory)`,
        );
      }
      offset = end;
    }
    return out;
  }

  append(cmd: VenueCommand): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal is closed'));
    this.pending.push(JSON.stringify(cmd));
    const p = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) this.flush();
    return p;
  }

  private flush(): void {
    if (this.pending.length === 0) {
      this.flushing = false;
      return;
    }
    this.flushing = true;
    const data = Buffer.from(this.pending.join('\n') + '\n');
    const waiters = this.waiters;
    this.pending = [];
    this.waiters = [];
    const done = (err: Error | null) => {
      for (const w of waiters) err ? w.reject(err) : w.resolve();
      this.flush();
    };
    write(this.fd, data, 0, data.length, null, (err) => {
      if (err || !this.fsync) return done(err);
      fdatasync(this.fd, (e) => done(e));
    });
  }

  /** Wait for pending writes, then close. */
  async close(): Promise<void> {
    while (this.flushing || this.pending.length) await new Promise((r) => setTimeout(r, 1));
    this.closed = true;
    closeSync(this.fd);
  }
}
