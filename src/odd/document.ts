import { FAMILIES } from '../abm/config.js';
import { allParameters, entities, schedule } from './generated.js';
import { OddDocumentSchema, type OddDocument } from './schema.js';

/**
 * What each family may sense through its AgentContext. The `sensing-declared` check records the
 * calls agents actually make and fails on anything not listed here.
 */
export const DECLARED_SENSING: Record<(typeof FAMILIES)[number], readonly string[]> = {
  noise: ['pickMarket', 'units', 'mid', 'bestBid', 'bestAsk', 'hasBid', 'hasAsk', 'movingAverage', 'position', 'freeCash', 'affordable'],
  informed: [
    'pickMarket',
    'isActive',
    'units',
    'bestBid',
    'bestAsk',
    'hasBid',
    'hasAsk',
    'trueProbability',
    'position',
    'freeCash',
    'affordable',
  ],
  arbitrageur: [
    'pickMarket',
    'units',
    'mid',
    'bestBid',
    'bestAsk',
    'hasBid',
    'hasAsk',
    'trueProbability',
    'position',
    'freeCash',
    'affordable',
  ],
  marketMaker: [
    'activeCount',
    'activeMarket',
    'units',
    'mid',
    'lastPrice',
    'bestBid',
    'bestAsk',
    'hasBid',
    'hasAsk',
    'signedFlow',
    'position',
    'freeCash',
    'affordable',
    'isOpen',
    'remaining',
    'restingPrice',
  ],
  homer: ['pickMarket', 'units', 'mid', 'bestBid', 'bestAsk', 'hasBid', 'hasAsk', 'position', 'freeCash', 'affordable'],
  llm: [
    'pickMarket',
    'units',
    'mid',
    'lastPrice',
    'midAt',
    'movingAverage',
    'bestBid',
    'bestAsk',
    'hasBid',
    'hasAsk',
    'position',
    'freeCash',
    'affordable',
  ],
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
        'Study how a Kalshi-style binary prediction market on a season of games aggregates private information: how closely and how fast prices follow a known true probability, who profits, how loyal fans bias prices, and which stylized facts of real markets the trading produces beyond what the news process already carries — with heterogeneous traders (noise, informed, arbitrageurs, market makers, homers and, optionally, language-model agents) interacting only through limit order books with Kalshi fees. The model is judged by the patterns below, each a stylized fact with a threshold from the literature and null models it must beat (src/facts/thresholds.ts).',
      patterns: [
        {
          id: 'tracks-truth',
          description: 'prices track the true probability in every season (seed), not only on average',
          scale: 'every step of every game; per season',
          check: 'fact:tracks_truth',
        },
        {
          id: 'convergence',
          description: 'prices converge to the resolved outcome',
          scale: 'life deciles of every game, per season',
          check: 'fact:convergence',
        },
        {
          id: 'calibration',
          description: 'prices are calibrated: outcome on price has slope 1 and intercept 0',
          scale: 'prices at 10%–90% of each game’s life, ≥ 1,000 games',
          check: 'fact:calibration',
        },
        {
          id: 'no-autocorrelation',
          description: 'price changes are not autocorrelated (a martingale), beyond a negative lag 1',
          scale: 'Δp over 5 steps, per season',
          check: 'fact:no_autocorrelation',
        },
        {
          id: 'volatility-clustering',
          description: 'volatility clusters, beyond the truth and shuffled returns',
          scale: 'Δlogit over 5 steps, volatility profile removed',
          check: 'fact:volatility_clustering',
        },
        {
          id: 'arch-effects',
          description: 'ARCH effects in most seasons, beyond the nulls',
          scale: 'ARCH-LM(5) per season',
          check: 'fact:arch_effects',
        },
        {
          id: 'intermittency',
          description: 'bursts of extreme returns (Fano factor > 1), beyond the truth and shuffled returns',
          scale: 'windows of 10 returns',
          check: 'fact:intermittency',
        },
        {
          id: 'volume-volatility',
          description: 'volume is correlated with volatility',
          scale: 'per 5-step period',
          check: 'fact:volume_volatility',
        },
      ],
      claims: [
        {
          id: 'informed-profit',
          statement: 'Informed traders earn more than noise traders, in most seasons (prices aggregate their information).',
          check: 'informed-beat-noise',
        },
      ],
    },
    entities: {
      text: 'Agents of up to six families (LLM agents only when a model endpoint is configured), each with one exchange account holding its capital for every game; binary markets (games), each with an order book, a schedule (open, close) and a true probability. Money is in cents; prices are integer ticks 1–99 on the cent grid.',
      entities: entities(),
      scales:
        'Time is discrete: one step is one round in which every agent acts once (about a sixth of a football play; a game lasts `markets.life` = 1,000 steps, a season `steps` = 9,750). There is no space: every agent may trade every game that is open.',
      claims: [
        {
          id: 'conservation',
          statement:
            'Cash and contracts are conserved: deposits = cash + reserved + outstanding YES/NO pairs + fees, and YES held = NO held.',
          check: 'conservation',
        },
        {
          id: 'parameters-from-code',
          statement:
            'The parameter tables of this document, as rendered, equal the default configuration file (configs/default.yaml) as parsed and validated.',
          check: 'parameters-match-config',
        },
      ],
    },
    processOverview: {
      text: 'Each step runs the phases below in order. A game opens at step stagger·k, trades for `life` steps and resolves on its result at the start of its closing step; games still trading when the run ends resolve then, on the result their path already holds.',
      schedule: schedule(),
      claims: [
        {
          id: 'schedule-is-code',
          statement: 'The schedule above is the one Model.step executes (traced by instrumenting every phase).',
          check: 'schedule-matches-code',
        },
        {
          id: 'random-activation',
          statement: 'All agents act once per step, in a fresh random order each step.',
          check: 'random-activation',
        },
      ],
    },
    designConcepts: {
      basicPrinciples: {
        text: 'Markets aggregate dispersed information (Hayek; Wolfers & Zitzewitz 2004). The truth is a martingale probability — a game score with diffusion and scoring jumps, p_t = P(final margin > 0 | score) — so a perfect price would be calibrated at every horizon. Informed traders see noisy signals of it, noise traders trade on none, market makers quote Avellaneda–Stoikov prices and learn from order flow as in Kyle (1985), and withdraw liquidity after adverse fills as dealers facing adverse selection do (Glosten & Milgrom 1985); large price changes come from the gaps this leaves in the book (Farmer, Gillemot, Lillo, Mike & Sen 2004; Chiarella, Iori & Perelló 2009).',
        claims: [
          {
            id: 'truth-is-a-probability',
            statement: 'The true probability is a martingale: outcomes are calibrated on p_t at every horizon.',
            check: 'truth-martingale',
          },
          {
            id: 'information-aggregation',
            statement: 'Trading keeps prices within a few cents of the true probability in every season.',
            check: 'fact:tracks_truth',
          },
        ],
      },
      emergence: {
        text: 'Imposed by the rules: the truth (a martingale game score), its scoring jumps and with them heavy tails of returns, each game’s result, the agents’ decision rules and Kalshi’s fees. Emerging from the interaction: how closely prices track the truth (information aggregation by informed traders and arbitrageurs), the absence of autocorrelation in price changes (order flow priced by market makers), volatility clustering and ARCH effects beyond the truth’s own, bursts of extreme returns beyond the truth’s own (intermittency: imposed is only each maker’s rule to pull its quotes for a while after the fair value moves against its fills; the bursts emerge when several makers withdraw after news and noise orders then walk through the thin book), heavy tails beyond the jumps’ (the same gaps in the book), the volume–volatility correlation (trading on news), and the size of the fans’ price bias. Each claim below is tied to an ablation (the same seeds with the mechanism switched off) or to a null model.',
        claims: [
          {
            id: 'emergent-tracking',
            statement: 'Tracking emerges from informed trading: without informed traders and arbitrageurs the price error grows.',
            check: 'ablation-information',
          },
          {
            id: 'emergent-unpredictability',
            statement: 'Market makers pricing order flow keep price changes unpredictable: without it, lag-1 autocorrelation rises.',
            check: 'ablation-order-flow',
          },
          {
            id: 'imposed-tails',
            statement:
              'The truth’s scoring jumps impose heavy tails: with market makers that never withdraw, excess kurtosis falls without jumps.',
            check: 'ablation-jumps',
          },
          {
            id: 'emergent-clustering',
            statement: 'Volatility clusters beyond the truth alone and shuffled returns.',
            check: 'fact:volatility_clustering',
          },
          {
            id: 'emergent-tails',
            statement:
              'Liquidity withdrawal produces heavy tails of its own: in games without scoring jumps, excess kurtosis falls when market makers never withdraw.',
            check: 'ablation-withdrawal-tails',
          },
          {
            id: 'emergent-intermittency',
            statement:
              'Bursts of extreme returns come from market makers withdrawing liquidity after adverse fills: without withdrawal, the Fano factor of extreme returns falls.',
            check: 'ablation-liquidity-withdrawal',
          },
          {
            id: 'emergent-volume-volatility',
            statement:
              'Volume and volatility are correlated because traders act on news: without informed traders and arbitrageurs the correlation falls.',
            check: 'ablation-volume-volatility',
          },
        ],
      },
      adaptation: {
        text: 'Market makers skew quotes against inventory, stop quoting the side that would breach their limit, and pull their quotes for a while after an adverse fill; arbitrageurs close positions once prices converge; informed traders re-target positions when their belief changes; homers’ loyalty decays and is reinforced when the market moves their way.',
        claims: [
          {
            id: 'homer-loyalty',
            statement: 'Homer loyalty decays geometrically and grows when the market moves the fan’s way.',
            check: 'homer-loyalty',
          },
          { id: 'mm-inventory', statement: 'Market makers never hold more than their inventory limit.', check: 'mm-inventory-limits' },
          {
            id: 'arb-close',
            statement: 'Arbitrageurs close positions as prices converge to their reference.',
            check: 'arbitrageurs-close',
          },
        ],
      },
      objectives: {
        text: 'Informed traders size positions by fractional Kelly, maximizing expected log wealth given their belief; market makers trade off spread income against inventory risk.',
        claims: [
          {
            id: 'kelly-objective',
            statement: 'Kelly sizing follows f* = (p − c)/(1 − c) for a binary contract.',
            check: 'kelly-closed-form',
          },
        ],
      },
      learning: {
        text: '',
        claims: [],
        notApplicable:
          'Decision rules never change. Informed traders update a belief (an EWMA of signals) and market makers a fair value, which is state, not learning.',
      },
      prediction: {
        text: 'Market makers anticipate adverse selection by moving their fair value with net taker flow (Kyle’s λ), so quotes move before informed traders finish trading. Fallacy-prone homers predict reversals after streaks (the gambler’s fallacy). LLM agents ask a language model for a decision.',
        claims: [
          {
            id: 'gamblers-fallacy',
            statement: 'With the gambler’s fallacy on, a fan expects a reversal after a streak and shifts its value against it.',
            check: 'homer-fallacy',
          },
          {
            id: 'unpredictable-returns',
            statement: 'Because makers price order flow, returns at the analysis scale are not autocorrelated.',
            check: 'fact:no_autocorrelation',
          },
        ],
      },
      sensing: {
        text: 'Agents see which games are open, the public book of the game they look at (best bid/ask, mid, last trade, moving averages, net flow) and their own account. Only informed traders (noisy signal) and arbitrageurs (lagged noisy reference) read the true probability.',
        claims: [
          { id: 'sensing-declared', statement: 'Each family reads only the observables declared for it.', check: 'sensing-declared' },
        ],
      },
      interaction: {
        text: 'Agents interact only through orders on the exchange (mediated interaction); there are no messages between agents.',
        claims: [
          {
            id: 'orders-only',
            statement: 'No agent holds a reference to another agent, the model or the exchange.',
            check: 'interaction-only-via-orders',
          },
        ],
      },
      stochasticity: {
        text: 'Each game’s opening probability and score path, the activation order and every agent’s decisions (including which open game it looks at) are random, each from its own stream derived from the run seed.',
        claims: [
          { id: 'reproducible', statement: 'The same config and seed give the same trade tape, byte for byte.', check: 'reproducible' },
          {
            id: 'independent-streams',
            statement: 'Adding an agent leaves every other agent’s random decisions unchanged.',
            check: 'stream-independence',
          },
          {
            id: 'no-ambient-randomness',
            statement: 'The source never calls Math.random or reads the wall clock outside the clock module.',
            check: 'no-ambient-randomness',
          },
        ],
      },
      collectives: {
        text: '',
        claims: [],
        notApplicable: 'Agents form no groups; families are types, and no agent’s behavior depends on a group it belongs to.',
      },
      observation: {
        text: 'Model reporters (price, mid, best bid/ask, spread, volume, trades, true probability) for every open game every `collectEvery` steps; agent reporters (cash, contracts held over all games, wealth marked to mid, realized P&L, fees, orders) every `agentCollectEvery` steps and at the end; the full trade tape; each game’s mid, volume and truth over its life.',
        claims: [
          {
            id: 'reporters',
            statement: 'The collected columns are exactly the declared reporters, at the declared frequency.',
            check: 'observation-reporters',
          },
        ],
      },
    },
    initialization: {
      text: 'Every agent starts flat; its capital per game is drawn from its family’s range and deposited once for every game of the season; its parameters are drawn from the config ranges; every book is empty; each game’s score starts where the home team wins with its opening probability (drawn from `initialProbability`). Initial state depends only on config and seed.',
      claims: [
        {
          id: 'initial-state',
          statement:
            'At step 0 every agent is flat with capital inside its configured range (deposited for every game), and the same seed gives the same initial population.',
          check: 'initial-state',
        },
      ],
    },
    inputData: {
      text: '',
      claims: [],
      notApplicable:
        'By default no external time series drives the model: the games are simulated. With `markets.truth.source: nfl` recorded in-game win-probability paths of real NFL games (nflfastR / nflscrapR play-by-play files in the data directory) drive the markets instead; the default model and its checks do not use them.',
    },
    submodels: [
      { name: 'Run settings', text: 'Length of the run and data collection.', parameters: params.run, claims: [] },
      {
        name: 'Markets and exchange',
        text: 'Binary contracts on the cent grid with Kalshi fees: taker ceil(0.07·C·P·(1−P)) to the cent; orders lock their worst-case cost; settlement pays 100¢ per winning contract.',
        parameters: params.markets,
        claims: [
          {
            id: 'kalshi-fees',
            statement: 'Fees match Kalshi’s worked examples (10 @ 50¢ → 18¢; 100 @ 23¢ → $1.24 taker, 31¢ maker).',
            check: 'fees-kalshi',
          },
        ],
      },
      {
        name: 'True probability',
        text: 'A game score S_{t+1} = S_t + σ ε_t + B_t J_t (ε ~ N(0,1), B ~ Bernoulli(λ), J ~ N(0, s²)), drawn in advance from the game’s own stream; p_t = Σ_n C(k,n) λⁿ(1−λ)^{k−n} Φ(S_t / √(kσ² + n s²)) with k steps left, so p_t = P(S_T > 0 | S_t), a martingale; the game resolves YES when S_T > 0 (src/abm/truth/). Parameters chosen so the truth’s returns have the tails of real in-game win probability per play.',
        parameters: params.truth,
        claims: [
          {
            id: 'truth-martingale',
            statement: 'Outcomes are calibrated on p_t at every horizon of a game (slope 1, intercept 0).',
            check: 'truth-martingale',
          },
          {
            id: 'outcome-from-truth',
            statement: 'Every market settles on its game’s result, the sign of the final score.',
            check: 'outcome-from-truth',
          },
        ],
      },
      {
        name: 'Noise traders',
        text: 'Random, contrarian and trend-following styles (80/10/10 by default: chartists’ predictable orders are not arbitraged by anyone in the model, so their share was calibrated against the no-autocorrelation pattern) with recency bias and overconfidence; each look is at one open game (src/abm/agents/noise.ts).',
        parameters: params.noise,
        claims: [
          {
            id: 'all-trade',
            statement: 'Every family trades: risk limits are relative to each agent’s own capital.',
            check: 'every-family-trades',
          },
        ],
      },
      {
        name: 'Informed traders',
        text: 'Noisy signals averaged into a belief that fades with time; fractional-Kelly targets worked in IOC child orders, one game at a time until done (src/abm/agents/informed.ts).',
        parameters: params.informed,
        claims: [
          {
            id: 'informed-edge',
            statement: 'Informed traders earn more than noise traders, seed by seed in most seeds.',
            check: 'informed-beat-noise',
          },
        ],
      },
      {
        name: 'Arbitrageurs',
        text: 'Trade each game against a lagged, noisy outside reference (a sportsbook line); close when converged (src/abm/agents/arbitrageur.ts).',
        parameters: params.arbitrageur,
        claims: [
          {
            id: 'arb-closes',
            statement: 'Arbitrageurs close positions once prices converge, and those closing orders fill.',
            check: 'arbitrageurs-close',
          },
        ],
      },
      {
        name: 'Market makers',
        text: 'Avellaneda–Stoikov quotes in every open game around a flow-adjusted fair value, skewed by inventory (γ 0.01–0.05: a stronger skew made quotes revert after one-sided flow, which the no-autocorrelation pattern rejected). Liquidity withdrawal: when a maker was filled and its fair value then moved against those fills by 3–6 ticks or more in one step, it pulls its quotes in that game for 20–50 steps (Glosten & Milgrom 1985: a dealer facing informed flow widens or leaves; the makers of the 2010 flash crash withdrew, Kirilenko, Kyle, Samadi & Tuzun 2017); the values were chosen among five tried on seeds 1–8 as the one whose bursts beat the truth alone (src/abm/agents/market-maker.ts).',
        parameters: params.marketMaker,
        claims: [
          {
            id: 'two-sided',
            statement: 'Market makers keep the books of open games two-sided in at least 90% of steps.',
            check: 'mm-two-sided',
          },
          {
            id: 'mm-limits',
            statement: 'Market makers never hold more than their inventory limit in any game.',
            check: 'mm-inventory-limits',
          },
        ],
      },
      {
        name: 'Homers',
        text: 'Fans loyal to YES (the home team, 70%) or NO: perceived value = price pulled toward the favored outcome by a loyalty that is reinforced when the game’s price moves their way, pulled back toward its starting level and capped; small stakes (2% of capital per game); optional gambler’s fallacy (src/abm/agents/homer.ts).',
        parameters: params.homer,
        claims: [
          { id: 'homer-trade', statement: 'Homers trade (their limits are relative to their own capital).', check: 'every-family-trades' },
          { id: 'homer-bounded', statement: 'Loyalty never passes its cap and no season’s price error runs away.', check: 'homer-bounded' },
        ],
      },
      {
        name: 'LLM agents',
        text: 'Hybrid decisions: a moving-average rule by default, an OpenAI-compatible language model for a share of decisions or after large moves; replies are JSON decisions validated with zod, cached by prompt, costed in tokens and capped by a budget (src/abm/agents/llm-agent.ts, src/abm/llm/).',
        parameters: params.llm,
        claims: [
          {
            id: 'llm-excluded',
            statement: 'Without a configured endpoint LLM agents are left out with a notice, never faked.',
            check: 'llm-excluded-without-endpoint',
          },
          {
            id: 'llm-validated',
            statement: 'Only a valid JSON decision {side, price, size, reason} is acted on; anything else falls back to the rule.',
            check: 'llm-reply-validated',
          },
        ],
      },
    ],
  });
}
