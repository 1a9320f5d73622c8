import type { UsageTier } from '../rate-limit.js';
import type { BookSide, SelfTradePrevention, TimeInForce } from '../domain/types.js';

/** What the local exchange holds, in its own terms (prices in cent ticks, money in cents). */

export interface SeriesDef {
  readonly ticker: string;
  readonly title: string;
  readonly category: string;
  readonly frequency: string;
  readonly feeType: 'quadratic' | 'quadratic_with_maker_fees';
}

export interface EventDef {
  readonly eventTicker: string;
  readonly seriesTicker: string;
  readonly title: string;
  readonly subTitle: string;
  readonly strikeDateMs?: number;
  readonly mutuallyExclusive: boolean;
}

type MarketPhase = 'initialized' | 'active' | 'closed' | 'determined' | 'finalized';

export interface MarketDef {
  readonly ticker: string;
  readonly eventTicker: string;
  readonly title: string;
  readonly yesSubTitle: string;
  readonly noSubTitle: string;
  readonly rulesPrimary: string;
  /** The market's ticker in the market core (the ABM names its own markets). */
  coreTicker: string;
  readonly createdMs: number;
  openMs: number;
  closeMs: number;
  expectedExpirationMs: number;
  status: MarketPhase;
  result: '' | 'yes' | 'no' | 'scalar';
  /** Cents paid per YES contract once settled. */
  settlementValue?: number;
  settledMs?: number;
  lastPrice?: number;
  volume: number;
  openInterest: number;
}

export interface UserRecord {
  readonly keyId: string;
  readonly name: string;
  readonly userId: string;
  tier: UsageTier;
  /** The account in the current market core. */
  accountId: number;
  /** Fees paid as of the last batch (money units), to attribute fee changes to fills. */
  lastFeesPaid: number;
}

export interface OrderRecord {
  readonly orderId: string;
  readonly keyId: string;
  clientOrderId: string;
  readonly ticker: string;
  readonly side: BookSide;
  yesPrice: number;
  readonly tif: TimeInForce;
  readonly stp: SelfTradePrevention;
  readonly coreMarket: number;
  coreId: number;
  /** Filled + remaining + canceled as first placed, then as amended. */
  initial: number;
  filled: number;
  remaining: number;
  /** Contracts removed without trading (cancels, decreases, IOC/FOK remainders, self-trade prevention). */
  canceledCount: number;
  status: 'resting' | 'canceled' | 'executed';
  takerCost: number;
  makerCost: number;
  takerFeesMicros: number;
  makerFeesMicros: number;
  readonly createdMs: number;
  updatedMs: number;
  readonly expirationMs: number | undefined;
  readonly epoch: number;
}

export interface FillRecord {
  readonly fillId: string;
  readonly tradeId: string;
  readonly orderId: string;
  readonly keyId: string;
  readonly clientOrderId: string;
  readonly ticker: string;
  readonly side: BookSide;
  readonly yesPrice: number;
  readonly count: number;
  readonly isTaker: boolean;
  feeMicros: number;
  readonly tsMs: number;
  postPosition: number;
}

export interface TradeRecord {
  readonly tradeId: string;
  readonly ticker: string;
  readonly yesPrice: number;
  readonly count: number;
  readonly takerSide: BookSide;
  readonly tsMs: number;
}

export interface SettlementRecord {
  readonly keyId: string;
  readonly ticker: string;
  readonly eventTicker: string;
  readonly result: 'yes' | 'no' | 'scalar';
  readonly yesCount: number;
  readonly noCount: number;
  readonly yesCostCents: number;
  readonly noCostCents: number;
  readonly revenueCents: number;
  readonly valueCents: number;
  readonly settledMs: number;
}
