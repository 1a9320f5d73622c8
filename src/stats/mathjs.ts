import type * as MathJs from 'mathjs';
import { requireFromProject } from '../core/paths.js';

let loaded: typeof MathJs | undefined;

/**
 * mathjs, loaded on first use: importing it takes 1–2 s, which every worker thread of a sweep paid at start
 * although most runs never reach an FFT or a matrix inverse.
 */
export function mathjs(): typeof MathJs {
  return (loaded ??= requireFromProject()('mathjs') as typeof MathJs);
}
