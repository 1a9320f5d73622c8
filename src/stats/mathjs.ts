import type * as MathJs from 'mathjs';
import { requireFromProject } from '../core/paths.js';

let loaded: typeof MathJs | undefined;

/**
 * mathjs, loaded on first use: importing it takes 1–2 s, which every worker thread of a sweep paid at start
 * although most runs never reach an FFT or a matrix inverse. It is loaded from the package's own single-file
 * build (`mathjs/lib/browser/math.js`, an entry its package.json exports): the same functions of the same
 * version, ≈ 0.09 CPU-s to load against ≈ 0.6 for the CommonJS tree of several hundred modules (measured on
 * this machine, load 11); inv and multiply give the same bits on 6,000 random matrices, singular ones included.
 */
export function mathjs(): typeof MathJs {
  return (loaded ??= requireFromProject()('mathjs/lib/browser/math.js') as typeof MathJs);
}
