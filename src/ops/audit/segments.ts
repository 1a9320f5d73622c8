import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * A chained log is a folder of segment files `<prefix>-<first seq, 12 digits>.jsonl`; a new segment
 * starts when the current one would pass its size limit, and the chain continues across them.
 */
export interface Segment {
  readonly file: string;
  readonly firstSeq: number;
}

export function segmentName(prefix: string, firstSeq: number): string {
  return `${prefix}-${String(firstSeq).padStart(12, '0')}.jsonl`;
}

/** The segments of `prefix` in `dir`, in order (none when the folder does not exist). */
export function listSegments(dir: string, prefix: string): Segment[] {
  if (!existsSync(dir)) return [];
  const re = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{12})\\.jsonl$`);
  const out: Segment[] = [];
  for (const name of readdirSync(dir)) {
    const m = re.exec(name);
    if (m) out.push({ file: path.join(dir, name), firstSeq: Number(m[1]) });
  }
  return out.sort((a, b) => a.firstSeq - b.firstSeq);
}
