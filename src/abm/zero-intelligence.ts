import type { ModelConfig } from './config.js';

/**
 * The zero-intelligence population of a model: the same noise traders, all of the random style, and the
 * same market makers; no informed traders, arbitrageurs, homers or LLM agents. Nobody sees the truth.
 */
export function zeroIntelligenceConfig(config: ModelConfig): ModelConfig {
  const a = config.agents;
  return {
    ...config,
    agents: {
      ...a,
      noise: { ...a.noise, mix: { random: 1, contrarian: 0, trend: 0 } },
      informed: { ...a.informed, count: 0 },
      arbitrageur: { ...a.arbitrageur, count: 0 },
      homer: { ...a.homer, count: 0 },
      llm: { ...a.llm, count: 0 },
    },
  };
}
