import type { Rng } from '../../core/rng.js';
import type { LlmParams } from '../config.js';
import type { AgentContext } from '../context.js';
import type { ChatMessage, LlmClient } from '../llm/client.js';
import { parseDecision, type LlmDecision } from '../llm/decision.js';
import { draw } from '../params.js';
import { positionLimit } from '../risk.js';
import { Agent } from './agent.js';

type Plan = { side: 'buy' | 'sell'; price: number; size: number; market: number } | null;

/**
 * LLM agents: hybrid decisions. In a step where it decides (probability `tradeProbability`), the agent
 * asks its language model with probability `share` — always when the mid moved `complexityTrigger` ticks
 * or more since its last look — and otherwise follows its rule (a short/long moving-average crossover).
 * The model must answer with JSON {side, price, size, reason}; an invalid reply, a failed call or a spent
 * budget falls back to the rule and is counted. The consultation happens in the model's `consult` phase,
 * before any agent acts, so the step itself stays synchronous and reproducible (replies are cached by prompt).
 * Each decision is about one trading market, chosen at random.
 */
export class LlmAgent extends Agent {
  readonly share: number;
  readonly complexityTrigger: number;
  readonly tradeProbability: number;
  readonly orderSize: number;
  readonly maxPositionFraction: number;
  /** Decisions sent to the model. */
  consultations = 0;
  /** Valid model decisions used. */
  modelDecisions = 0;
  /** Replies that were not a valid decision (fell back to the rule). */
  invalidReplies = 0;
  /** Calls that failed (timeout, HTTP error) and fell back to the rule. */
  failedCalls = 0;
  /** Consultations skipped because the budget was spent. */
  budgetStops = 0;
  /** Consultations skipped or cut short because the step's or the run's wall-clock deadline passed. */
  deadlineStops = 0;
  ruleDecisions = 0;
  cost = 0;
  inputTokens = 0;
  outputTokens = 0;
  /** The last reason the model gave. */
  lastReason = '';
  private plan: Plan | undefined;
  private readonly lastMid: Float64Array;

  constructor(id: number, familyIndex: number, accountId: number, rng: Rng, capital: number, p: LlmParams, markets = 1) {
    super(id, 'llm', familyIndex, accountId, rng, capital, markets);
    this.lastMid = new Float64Array(markets).fill(Number.NaN);
    this.share = draw(p.share, rng);
    this.complexityTrigger = draw(p.complexityTrigger, rng);
    this.tradeProbability = draw(p.tradeProbability, rng);
    this.orderSize = draw(p.orderSize, rng, true);
    this.maxPositionFraction = draw(p.maxPositionFraction, rng);
  }

  /** The rule: buy when the 3-step mean mid is ½ tick above the 12-step one, sell when below. */
  rule(ctx: AgentContext, m = 0): Plan {
    const d = ctx.movingAverage(3, m) - ctx.movingAverage(12, m);
    if (d > 0.5 && ctx.hasAsk(m)) return { side: 'buy', price: ctx.bestAsk(m), size: this.orderSize, market: m };
    if (d < -0.5 && ctx.hasBid(m)) return { side: 'sell', price: ctx.bestBid(m), size: this.orderSize, market: m };
    return null;
  }

  prompt(ctx: AgentContext, m = 0): ChatMessage[] {
    const recent = [5, 4, 3, 2, 1].map((k) => ctx.midAt(ctx.step - k, m)).map((x) => x.toFixed(1));
    return [
      {
        role: 'system',
        content:
          'You trade a binary prediction-market contract that pays 100 cents if the event happens. Reply with one JSON object {"side":"buy"|"sell"|"hold","price":<int cents 1-99>,"size":<int contracts>,"reason":<short string>} and nothing else.',
      },
      {
        role: 'user',
        content: `Step ${ctx.step}. Best bid ${ctx.hasBid(m) ? ctx.bestBid(m) : 'none'}, best ask ${ctx.hasAsk(m) ? ctx.bestAsk(m) : 'none'}, last trade ${ctx.lastPrice(m)}. Mids over the last 5 steps: ${recent.join(', ')}. Your position: ${ctx.position(m)} contracts (positive = YES). Free cash: ${ctx.freeCash()} cents. Maximum size: ${this.orderSize}.`,
      },
    ];
  }

  /** The consult phase: decide whether to act, and how (asking the model when due). */
  async prepare(ctx: AgentContext, client: LlmClient | undefined): Promise<void> {
    const rng = this.rng;
    this.plan = undefined;
    const m = ctx.pickMarket(rng);
    if (m < 0) return;
    const mid = ctx.mid(m);
    const moved = Number.isNaN(this.lastMid[m]!) ? 0 : Math.abs(mid - this.lastMid[m]!);
    this.lastMid[m] = mid;
    if (rng.float() >= this.tradeProbability) return;
    const consult = rng.float() < this.share || moved >= this.complexityTrigger;
    if (!consult || !client) {
      this.ruleDecisions++;
      this.plan = this.rule(ctx, m);
      return;
    }
    this.consultations++;
    const res = await client.chat(this.prompt(ctx, m));
    if (res.ok === false) {
      if (res.error === 'budget') this.budgetStops++;
      else if (res.error === 'deadline') this.deadlineStops++;
      else this.failedCalls++;
      this.ruleDecisions++;
      this.plan = this.rule(ctx, m);
      return;
    }
    this.cost += res.cost;
    this.inputTokens += res.inputTokens;
    this.outputTokens += res.outputTokens;
    const parsed = parseDecision(res.content);
    if (parsed.ok === false) {
      this.invalidReplies++;
      this.ruleDecisions++;
      this.plan = this.rule(ctx, m);
      return;
    }
    this.modelDecisions++;
    this.lastReason = parsed.decision.reason;
    this.plan = toPlan(parsed.decision, m);
  }

  step(ctx: AgentContext): void {
    this.decisions++;
    const plan = this.plan;
    this.plan = undefined;
    if (!plan) return;
    const m = plan.market;
    const units = ctx.units(m);
    const pos = ctx.position(m);
    const cost = plan.side === 'buy' ? plan.price / units : 1 - plan.price / units;
    const limit = positionLimit(this.capital, this.maxPositionFraction, cost, units);
    const room = plan.side === 'buy' ? limit - pos : limit + pos;
    // the model answers in buy/sell (YES); on the book a buy is a bid, a sell an ask
    const side = plan.side === 'buy' ? 'bid' : 'ask';
    const qty = Math.min(plan.size, this.orderSize, room, ctx.affordable(side, plan.price, m));
    if (qty > 0) ctx.submit(side, plan.price, qty, 'ioc', m);
  }
}

function toPlan(d: LlmDecision, market: number): Plan {
  return d.side === 'hold' || d.size === 0 ? null : { side: d.side, price: d.price, size: d.size, market };
}
