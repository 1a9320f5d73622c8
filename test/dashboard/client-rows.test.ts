import { describe, expect, it } from 'vitest';
import { appendRows, continuityProblem, emptyRows } from '../../src/dashboard/client/rows.js';
import type { StepRows } from '../../src/dashboard/index.js';

const rows = (from: number, to: number): StepRows => {
  const step = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const col = (k: number) => step.map((s) => s * k);
  return {
    step,
    marketStep: step,
    mid: col(1),
    lastPrice: col(2),
    truth: col(3),
    volume: col(4),
    trades: col(5),
    spread: col(6),
    midChange: col(7),
    wealth: { noise: col(8) },
  };
};

describe('page-side batch helpers', () => {
  it('appendRows joins batches and keeps only the last `cap` steps of every column', () => {
    const joined = appendRows(appendRows(emptyRows(['noise']), rows(1, 3), 5), rows(4, 7), 5);
    expect(joined).toEqual(rows(3, 7));
    expect(appendRows(rows(1, 2), rows(3, 3), 10)).toEqual(rows(1, 3));
  });

  it('continuityProblem accepts only the next step of the same run', () => {
    expect(continuityProblem({ run: 2, lastStep: 10 }, { run: 2, from: 11, to: 14 })).toBeNull();
    expect(continuityProblem({ run: 2, lastStep: 10 }, { run: 2, from: 12, to: 14 })).toBe('batch starts at step 12, expected 11');
    expect(continuityProblem({ run: 2, lastStep: 10 }, { run: 2, from: 10, to: 14 })).toBe('batch starts at step 10, expected 11');
    expect(continuityProblem({ run: 2, lastStep: 10 }, { run: 3, from: 11, to: 11 })).toBe('batch of run 3 while showing run 2');
  });
});
