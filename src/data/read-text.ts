import { readFileSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import { OmegaError } from '../core/errors.js';

/**
 * A text file, gunzipped when it ends in .gz. A truncated or corrupt archive is an error that names the file
 * and how far it could be read (the lines before the damage), never a bare zlib stack.
 */
export function readText(file: string): string {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    throw new OmegaError('DATA_FILE_MISSING', `cannot read ${file}: ${(e as Error).message}`);
  }
  if (!file.endsWith('.gz')) return buf.toString('utf8');
  try {
    return gunzipSync(buf).toString('utf8');
  } catch (e) {
    // decompress what is there, to say where the damage starts
    let readable = '';
    try {
      readable = gunzipSync(buf, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
    } catch {
      /* nothing readable */
    }
    const lines = readable ? readable.split('\n').length - 1 : 0;
    const where = lines > 0 ? `after line ${lines} of its CSV` : 'from its first byte';
    throw new OmegaError('DATA_FILE_CORRUPT', `${file} is truncated or corrupt (${(e as Error).message}) ${where}; copy or download the file again`, { file, lines });
  }
}
