import type { LocalVenue } from '../venue.js';
import type { CoreAdapter } from '../core-adapter.js';
import type { MarketDef } from '../records.js';

/** Helpers the drivers share to list markets in Kalshi's series → event → market shape. */
export function listMarket(
  venue: LocalVenue,
  def: Omit<MarketDef, 'status' | 'result' | 'volume' | 'openInterest'> & { status?: MarketDef['status'] },
): MarketDef {
  const m: MarketDef = { status: 'active', result: '', volume: 0, openInterest: 0, ...def };
  venue.addMarket(m);
  return m;
}

export function listStatic(
  venue: LocalVenue,
  core: CoreAdapter,
  markets: ReadonlyArray<{ ticker: string; title?: string }>,
  ts: number,
): MarketDef[] {
  if (markets.length === 0) return [];
  venue.addSeries({
    ticker: 'KXOMEGASTATIC',
    title: 'Omega Point static markets',
    category: 'Simulation',
    frequency: 'custom',
    feeType: 'quadratic',
  });
  venue.addEvent({
    eventTicker: 'KXOMEGASTATIC-1',
    seriesTicker: 'KXOMEGASTATIC',
    title: 'Static markets',
    subTitle: 'from the exchange config',
    mutuallyExclusive: false,
  });
  return markets.map((s) => {
    if (!venue.markets.has(s.ticker)) core.listMarket(s.ticker, s.title ?? s.ticker);
    return listMarket(venue, {
      ticker: s.ticker,
      eventTicker: 'KXOMEGASTATIC-1',
      title: s.title ?? s.ticker,
      yesSubTitle: 'Yes',
      noSubTitle: 'No',
      rulesPrimary: `${s.ticker} resolves when settled through the admin endpoint.`,
      coreTicker: s.ticker,
      createdMs: ts,
      openMs: ts,
      closeMs: ts + 365 * 86_400_000,
      expectedExpirationMs: ts + 365 * 86_400_000,
    });
  });
}
