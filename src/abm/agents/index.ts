import { Rng } from '../../core/rng.js';
import type { Exchange } from '../../market/exchange.js';
import type { FamilyName, ModelConfig } from '../config.js';
import { draw } from '../params.js';
import type { Agent } from './agent.js';
import { Arbitrageur } from './arbitrageur.js';
import { Homer } from './homer.js';
import { LlmAgent } from './llm-agent.js';
import { InformedTrader } from './informed.js';
import { MarketMaker } from './market-maker.js';
import { NoiseTrader } from './noise.js';
import { FamilyState } from './state.js';

export { Agent } from './agent.js';
export { NoiseTrader, type NoiseStyle } from './noise.js';
export { InformedTrader } from './informed.js';
export { Arbitrageur } from './arbitrageur.js';
export { MarketMaker } from './market-maker.js';
export { Homer } from './homer.js';
export { LlmAgent } from './llm-agent.js';

/**
 * Build the population: families in a fixed order, each agent with its own account, state for `markets`
 * markets and a stream derived from (seed, 'agent', family, index). Its starting cash is the first draw of that stream,
 * so growing one family never changes another family's agents.
 */
export function createAgents(config: ModelConfig, exchange: Exchange, options: { llm?: boolean; markets?: number } = {}): Agent[] {
  const k = options.markets ?? 1;
  const agents: Agent[] = [];
  // each family's per-market state in one array (see FamilyState)
  const noiseState = new FamilyState(NoiseTrader.STATE, config.agents.noise.count, k);
  const informedState = new FamilyState(InformedTrader.STATE, config.agents.informed.count, k);
  const makerState = new FamilyState(MarketMaker.STATE, config.agents.marketMaker.count, k);
  const homerState = new FamilyState(Homer.STATE, config.agents.homer.count, k);
  const build: Record<FamilyName, (id: number, i: number, account: number, rng: Rng, cash: number) => Agent> = {
    noise: (id, i, acct, rng, cash) => new NoiseTrader(id, i, acct, rng, cash, config.agents.noise, k, noiseState.slot(i)),
    informed: (id, i, acct, rng, cash) => new InformedTrader(id, i, acct, rng, cash, config.agents.informed, k, informedState.slot(i)),
    arbitrageur: (id, i, acct, rng, cash) => new Arbitrageur(id, i, acct, rng, cash, config.agents.arbitrageur, k),
    marketMaker: (id, i, acct, rng, cash) => new MarketMaker(id, i, acct, rng, cash, config.agents.marketMaker, k, makerState.slot(i)),
    homer: (id, i, acct, rng, cash) => new Homer(id, i, acct, rng, cash, config.agents.homer, k, homerState.slot(i)),
    llm: (id, i, acct, rng, cash) => new LlmAgent(id, i, acct, rng, cash, config.agents.llm, k),
  };
  for (const family of ['noise', 'informed', 'arbitrageur', 'marketMaker', 'homer', 'llm'] as const) {
    if (family === 'llm' && !options.llm) continue;
    const params = config.agents[family];
    for (let i = 0; i < params.count; i++) {
      const rng = Rng.derive(config.seed, 'agent', family, i);
      const cash = Math.round(draw(params.cash, rng));
      const account = exchange.openAccount(`${family}-${i}`, cash * k);
      agents.push(build[family](agents.length, i, account, rng, cash));
    }
  }
  return agents;
}
