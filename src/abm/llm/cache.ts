import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface CachedReply {
  readonly content: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * Model replies keyed by SHA-256 of (endpoint, model, messages): a reply from one server or model is never
 * replayed for another. The endpoint in the key is the redacted URL, so no key or password enters the file. Kept in memory and, when given a file, appended to
 * it as JSON lines, so a rerun of the same simulation sends no request, costs nothing and gets the same
 * answers. A corrupt line (e.g. a crash mid-write) is skipped, never fatal.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedReply>();
  /** Entries read from the file when the cache was opened. */
  readonly loaded: number;
  /** Entries added since. */
  stored = 0;

  constructor(readonly file?: string) {
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try {
          const e = JSON.parse(line) as { key: string } & CachedReply;
          if (typeof e.key === 'string' && typeof e.content === 'string')
            this.entries.set(e.key, { content: e.content, inputTokens: e.inputTokens ?? 0, outputTokens: e.outputTokens ?? 0 });
        } catch {
          /* a torn line from an interrupted write: ignore it */
        }
      }
    }
    this.loaded = this.entries.size;
  }

  /** The key of a request: `endpoint` is the redacted URL (see core/redact.ts). */
  static key(endpoint: string, model: string, messages: unknown): string {
    return createHash('sha256')
      .update(JSON.stringify([endpoint, model, messages]))
      .digest('hex');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedReply | undefined {
    return this.entries.get(key);
  }

  set(key: string, reply: CachedReply): void {
    this.entries.set(key, reply);
    this.stored++;
    if (this.file) {
      mkdirSync(path.dirname(this.file), { recursive: true });
      appendFileSync(this.file, JSON.stringify({ key, ...reply }) + '\n');
    }
  }
}
