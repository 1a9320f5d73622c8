import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { OmegaError } from '../core/errors.js';

/** A text file, gunzipped when it ends in .gz. */
export function readText(file: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    throw new OmegaError('DATA_FILE_MISSING', `cannot read ${file}: ${(e as Error).message}`);
  }
  return file.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
}
