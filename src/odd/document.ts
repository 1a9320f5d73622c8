import { FAMILIES } from '../abm/config.js';
import { allParameters, entities, schedule } from './generated.js';
import { OddDocumentSchema, type OddDocument } from './schema.js';

/**
 * What each family may sense through its AgentContext. The `sensing-declared` check records the
 * calls agents actually make and fails on anything not listed here.
 */
export const DECLARED_SENSING: Record<(typeof FAMILIES)[number], readonly string[]> = {
  noise: ['units', 'mid', 'bestBid', 'bestAsk', 'hasBid', 'hasAsk', 'movingAverage', 'position', 'freeCash', 'affordable'],
  informed: ['units', 'bestBid', 'bestAsk', 'hasBid', 'hasAsk', 'trueProbability', 'position', 'freeCash', 'affordable'],
  arbitrageur: ['units', 'mid', 'bestBid', 'bestAsk', 'hasBid', 'hasAsk', 'trueProbability', 'position', 'freeCash', 'affordable'],
  marketMaker: ['units', 'mid', 'lastPrice', 'bestBid', 'bestAsk', 'hasBid', 'hasAsk', 'signedFlow', 'position', 'freeCash', 'affordable', 'isOpen', 'remaining', 'restingPrice'],
  homer: ['units', 'mid', 'bestBid', 'bestAsk', 'hasBid', 'hasAsk', 'position', 'freeCash', 'affordable'],
  llm: ['units', 'mid', 'lastPrice', 'midAt', 'movingAverage', 'bestBid', 'bestAsk', 'hasBid', 'hasAsk', 'position', 'freeCash', 'affordable'],
};

/**
 * The ODD description of the default model. Prose and claims are written here; entities, state
 * variables, the schedule and every parameter table are generated from the model's code and config
 * schemas when the document is built, so they cannot drift from the model.
 */
export function buildOddDocument(): OddDocument {
  const params = allParameters();
  return OddDocumentSchema.parse({
    title: 'Omega Point prediction-market ABM',
    version: 'ODD 2020 (Grimm et al., JASSS 23(2) 7)',
    purposeAndPatterns: {
      purpose:
        'Study how a Kalshi-style binary prediction market aggregates private information: who profits, how well prices track the truth, how loyal fans bias prices, and which stylized facts of real markets emerge from heterogeneous traders (noise, informed, arbitrageurs, market makers, homers and, optionally, language-model agents) interacting only through a limit order book with Kalshi fees.',
      patterns: [
        { id: 'tracks-truth', description: 'prices track the latent true probability', scale: 'every step, per market', check: 'fact:tracks_truth' },
        { id: 'convergence', description: 'prices converge to the resolved outcome', scale: 'market lifetime, pooled over seeds', check: 'fact:convergence' },
        { id: 'heavy-tails', description: 'returns are heavy-tailed (excess kurtosis > 0)', scale: 'Δlogit(mid) over 5 steps', check: 'fact:heavy_tails' },
        { id: 'volatility-clustering', description: 'volatility clusters (ACF of |r| > 0)', scale: 'Δlogit(mid) over 5 steps', check: 'fact:volatility_clustering' },
        { id: 'no-autocorrelation', description: 'returns are not linearly autocorrelated', scale: 'Δlogit(mid) over 5 steps', check: 'fact:no_autocorrelation' },
        { id: 'aggregational-gaussianity', description: 'kurtosis falls as returns are aggregated', scale: '5, 10, 20, 40 steps', check: 'fact:aggregational_gaussianity' },
        { id: 'volume-volatility', description: 'volume is correlated with volatility', scale: 'per 5-step period', check: 'fact:volume_volatility' },
      ],
      claims: [{ id: 'informed-profit', statement: 'Informed traders earn more than noise traders on average (prices aggregate their information).', check: 'informed-beat-noise' }],
    },
    entities: {
      text: 'Agents of up to six families (LLM agents only when a model endpoint is configured), each with an exchange account; binary markets, each with an order book and a latent true probability. Money is in cents; prices are integer ticks 1–99 on the cent grid.',
      entities: entities(),
      scales: 'Time is discrete: one step is one round in which every agent acts once (no calendar unit; a run is `steps` long, 2,000 by default). There is no space: all agents trade every market.',
      claims: [
        { id: 'conservation', statement: 'Cash and contracts are conserved: deposits = cash + reserved + outstanding YES/NO pairs + fees, and YES held = NO held.', check: 'conservation' },
        { id: 'parameters-from-code', statement: 'The parameter tables of this document are the model’s own config schemas.', check: 'parameters-match-config' },
      ],
    },
    processOverview: {
      text: 'Each step runs the phases below in order; at the end of the run every market resolves YES with its final true probability (a draw from its own stream) and the exchange settles.',
      schedule: schedule(),
      claims: [
        { id: 'schedule-is-code', statement: 'The schedule above is the one Model.step executes.', check: 'schedule-matches-code' },
        { id: 'random-activation', statement: 'All agents act once per step, in a fresh random order each step.', check: 'random-activation' },
      ],
    },
    designConcepts: {
      basicPrinciples: {
        text: 'Markets aggregate dispersed information (Hayek; Wolfers & Zitzewitz 2004). Informed traders see noisy signals of the truth, noise traders trade on no information, market makers quote Avellaneda–Stoikov prices and learn from order flow as in Kyle (1985).',
        claims: [{ id: 'information-aggregation', statement: 'Trading keeps prices within a few cents of the true probability (homers’ loyalty adds a bias of a few cents).', check: 'fact:tracks_truth' }],
      },
      emergence: {
        text: 'Price paths, volatility clustering, fat tails and the volume–volatility link emerge from the interaction; none is imposed (the truth process has no volatility clustering).',
        claims: [
          { id: 'emergent-clustering', statement: 'Volatility clustering emerges at the analysis scale.', check: 'fact:volatility_clustering' },
          { id: 'emergent-volume-volatility', statement: 'Volume and volatility are positively correlated.', check: 'fact:volume_volatility' },
        ],
      },
      adaptation: {
        text: 'Market makers skew quotes against inventory and stop quoting the side that would breach their limit; arbitrageurs close positions once prices converge; informed traders re-target positions when their belief changes; homers’ loyalty decays and is reinforced when the market moves their way.',
        claims: [
          { id: 'homer-loyalty', statement: 'Homer loyalty decays geometrically and grows when the market moves the fan’s way.', check: 'homer-loyalty' },
          { id: 'mm-inventory', statement: 'Market makers never hold more than their inventory limit.', check: 'mm-inventory-limits' },
          { id: 'arb-close', statement: 'Arbitrageurs close positions as prices converge to their reference.', check: 'arbitrageurs-close' },
        ],
      },
      objectives: {
        text: 'Informed traders size positions by fractional Kelly, maximizing expected log wealth given their belief; market makers trade off spread income against inventory risk.',
        claims: [{ id: 'kelly-objective', statement: 'Kelly sizing follows f* = (p − c)/(1 − c) for a binary contract.', check: 'kelly-closed-form' }],
      },
      learning: { text: '', claims: [], notApplicable: 'Decision rules never change. Informed traders update a belief (an EWMA of signals) and market makers a fair value, which is state, not learning.' },
      prediction: {
        text: 'Market makers anticipate adverse selection by moving their fair value with net taker flow (Kyle’s λ), so quotes move before informed traders finish trading. Fallacy-prone homers predict reversals after streaks (the gambler’s fallacy). LLM agents ask a language model for a decision.',
        claims: [
          { id: 'gamblers-fallacy', statement: 'With the gambler’s fallacy on, a fan expects a reversal after a streak and shifts its value against it.', check: 'homer-fallacy' },{ id: 'unpredictable-returns', statement: 'Because makers price order flow, returns at the analysis scale are not autocorrelated.', check: 'fact:no_autocorrelation' }],
      },
      sensing: {
        text: 'Agents see the public book (best bid/ask, mid, last trade, moving averages, net flow) and their own account. Only informed traders (noisy signal) and arbitrageurs (lagged noisy reference) read the true probability.',
        claims: [{ id: 'sensing-declared', statement: 'Each family reads only the observables declared for it.', check: 'sensing-declared' }],
      },
      interaction: {
        text: 'Agents interact only through orders on the exchange (mediated interaction); there are no messages between agents.',
        claims: [{ id: 'orders-only', statement: 'No agent holds a reference to another agent, the model or the exchange.', check: 'interaction-only-via-orders' }],
      },
      stochasticity: {
        text: 'The truth path, resolution, the activation order and every agent’s decisions are random, each from its own stream derived from the run seed.',
        claims: [
          { id: 'reproducible', statement: 'The same config and seed give the same trade tape, byte for byte.', check: 'reproducible' },
          { id: 'independent-streams', statement: 'Adding an agent leaves every other agent’s random decisions unchanged.', check: 'stream-independence' },
          { id: 'no-ambient-randomness', statement: 'The source never calls Math.random or reads the wall clock outside the clock module.', check: 'no-ambient-randomness' },
        ],
      },
      collectives: { text: '', claims: [], notApplicable: 'Agents form no groups; families are types, and no agent’s behavior depends on a group it belongs to.' },
      observation: {
        text: 'Model reporters (price, mid, best bid/ask, spread, volume, trades, true probability) every `collectEvery` steps; agent reporters (cash, position, wealth marked to mid, realized P&L, fees, orders) every `agentCollectEvery` steps and at the end; the full trade tape.',
        claims: [{ id: 'reporters', statement: 'The collected columns are exactly the declared reporters, at the declared frequency.', check: 'observation-reporters' }],
      },
    },
    initialization: {
      text: 'Every agent starts flat with cash drawn from its family’s range and its own parameters drawn from the config ranges; the book is empty; the true probability starts at `initialProbability`. Initial state depends only on config and seed.',
      claims: [{ id: 'initial-state', statement: 'At step 0 every agent is flat with cash inside its configured range, and the same seed gives the same initial population.', check: 'initial-state' }],
    },
    inputData: { text: '', claims: [], notApplicable: 'No external time series drives the model: the truth process is internal. (The NFL backtests use data; this model does not.)' },
    submodels: [
      { name: 'Run settings', text: 'Length of the run and data collection.', parameters: params.run, claims: [] },
      { name: 'Markets and exchange', text: 'Binary contracts on the cent grid with Kalshi fees: taker ceil(0.07·C·P·(1−P)) to the cent; orders lock their worst-case cost; settlement pays 100¢ per winning contract.', parameters: params.markets, claims: [{ id: 'kalshi-fees', statement: 'Fees match Kalshi’s worked examples (10 @ 50¢ → 18¢; 100 @ 23¢ → $1.24 taker, 31¢ maker).', check: 'fees-kalshi' }] },
      {
        name: 'True probability',
        text: 'x_{t+1} = reflect(x_t + σ ε_t + J_t) in logit space, J_t ~ Bernoulli(λ)·N(0, s²); the market resolves YES with the final probability.',
        parameters: params.fundamental,
        claims: [
          { id: 'truth-bounded', statement: 'The true probability stays inside the reflecting bounds.', check: 'truth-bounded' },
          { id: 'resolution-calibrated', statement: 'Markets resolve YES about as often as their final true probability says.', check: 'resolution-calibrated' },
        ],
      },
      { name: 'Noise traders', text: 'Random, contrarian and trend-following styles with recency bias and overconfidence (src/abm/agents/noise.ts).', parameters: params.noise, claims: [{ id: 'all-trade', statement: 'Every family trades: risk limits are relative to each agent’s own capital.', check: 'every-family-trades' }] },
      { name: 'Informed traders', text: 'Noisy signals averaged into a belief; fractional-Kelly targets worked in IOC child orders (src/abm/agents/informed.ts).', parameters: params.informed, claims: [{ id: 'informed-edge', statement: 'Informed traders earn more than noise traders, seed by seed in most seeds.', check: 'informed-beat-noise' }] },
      { name: 'Arbitrageurs', text: 'Trade the market against a lagged, noisy outside reference; close when converged (src/abm/agents/arbitrageur.ts).', parameters: params.arbitrageur, claims: [{ id: 'arb-closes', statement: 'Arbitrageurs close positions once prices converge.', check: 'arbitrageurs-close' }] },
      { name: 'Market makers', text: 'Avellaneda–Stoikov quotes around a flow-adjusted fair value, skewed by inventory (src/abm/agents/market-maker.ts).', parameters: params.marketMaker, claims: [{ id: 'two-sided', statement: 'Market makers keep the book two-sided in at least 90% of steps.', check: 'mm-two-sided' }] },
      { name: 'Homers', text: 'Fans loyal to YES (the home team) or NO: perceived value = price pulled toward the favored outcome by a loyalty that decays and is reinforced; optional gambler’s fallacy (src/abm/agents/homer.ts).', parameters: params.homer, claims: [{ id: 'homer-trade', statement: 'Homers trade (their limits are relative to their own capital).', check: 'every-family-trades' }] },
      {
        name: 'LLM agents',
        text: 'Hybrid decisions: a moving-average rule by default, an OpenAI-compatible language model for a share of decisions or after large moves; replies are JSON decisions validated with zod, cached by prompt, costed in tokens and capped by a budget (src/abm/agents/llm-agent.ts, src/abm/llm/).',
        parameters: params.llm,
        claims: [
          { id: 'llm-excluded', statement: 'Without a configured endpoint LLM agents are left out with a notice, never faked.', check: 'llm-excluded-without-endpoint' },
          { id: 'llm-validated', statement: 'Only a valid JSON decision {side, price, size, reason} is acted on; anything else falls back to the rule.', check: 'llm-reply-validated' },
        ],
      },
    ],
  });
}
