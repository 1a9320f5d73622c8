import { parseModelConfig, parseParameter, type ExperimentSpec } from '../../src/index.js';

/** The benchmark's sweep: Morris, 3 trajectories × 3 parameters = 12 runs of 2,000 steps of the default model. */
export function sweepSpec(): ExperimentSpec {
  const base = parseModelConfig({ steps: 2000 });
  const params = ['agents.informed.count=5:40', 'agents.marketMaker.riskAversion=0.05:0.5', 'agents.noise.count=20:60'].map((p) =>
    parseParameter(p, base),
  );
  return { base, design: 'morris', params, runs: 3 };
}
