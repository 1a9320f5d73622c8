import { notFound, badRequest } from './errors.js';
import { ok, paginate, secondsParam, type Route } from './context.js';
import { eventJson, marketJson, orderbookJson, seriesJson, tradeJson } from './views.js';
import { candlesticks } from './candles.js';
import type { MarketDef } from './records.js';
import type { LocalVenue } from './venue.js';

/** Kalshi's `status` filter vocabulary (open/closed/settled…) differs from the response's (active/finalized…). */
const STATUS_FILTER: Record<string, ReadonlyArray<MarketDef['status']>> = {
  unopened: ['initialized'],
  open: ['active'],
  paused: [],
  closed: ['closed', 'determined'],
  settled: ['finalized'],
};

function filterMarkets(v: LocalVenue, q: URLSearchParams): MarketDef[] {
  let list = [...v.markets.values()];
  const status = q.get('status');
  if (status) {
    const allowed = STATUS_FILTER[status];
    if (!allowed)
      throw badRequest(
        `status must be one of unopened, open, paused, closed, settled (response statuses like "active" are not filters), got ${status}`,
      );
    list = list.filter((m) => allowed.includes(m.status));
  }
  const event = q.get('event_ticker');
  if (event) list = list.filter((m) => m.eventTicker === event);
  const series = q.get('series_ticker');
  if (series) list = list.filter((m) => v.events.get(m.eventTicker)?.seriesTicker === series);
  const tickers = q.get('tickers');
  if (tickers) {
    const set = new Set(tickers.split(','));
    list = list.filter((m) => set.has(m.ticker));
  }
  const minClose = secondsParam(q, 'min_close_ts');
  const maxClose = secondsParam(q, 'max_close_ts');
  if (minClose !== undefined) list = list.filter((m) => m.closeMs >= minClose);
  if (maxClose !== undefined) list = list.filter((m) => m.closeMs <= maxClose);
  return list;
}

export const publicRoutes: Route[] = [
  {
    method: 'GET',
    path: '/exchange/status',
    auth: false,
    handler: () => ok({ exchange_active: true, trading_active: true, exchange_estimated_resume_time: null }),
  },
  {
    method: 'GET',
    path: '/exchange/schedule',
    auth: false,
    handler: () => {
      const allDay = [{ open_time: '00:00', close_time: '23:59' }];
      return ok({
        schedule: {
          standard_hours: [
            {
              start_time: '2020-01-01T00:00:00Z',
              end_time: '2100-01-01T00:00:00Z',
              monday: allDay,
              tuesday: allDay,
              wednesday: allDay,
              thursday: allDay,
              friday: allDay,
              saturday: allDay,
              sunday: allDay,
            },
          ],
          maintenance_windows: [],
        },
      });
    },
  },
  {
    method: 'GET',
    path: '/series',
    auth: false,
    handler: ({ venue, query }) =>
      ok({
        series: [...venue.series.values()].filter((s) => !query.get('category') || s.category === query.get('category')).map(seriesJson),
      }),
  },
  {
    method: 'GET',
    path: '/series/:series_ticker',
    auth: false,
    handler: ({ venue, params }) => {
      const s = venue.series.get(params.series_ticker!);
      if (!s) throw notFound(`series ${params.series_ticker}`);
      return ok({ series: seriesJson(s) });
    },
  },
  {
    method: 'GET',
    path: '/events',
    auth: false,
    handler: ({ venue, query }) => {
      let events = [...venue.events.values()];
      const series = query.get('series_ticker');
      if (series) events = events.filter((e) => e.seriesTicker === series);
      const status = query.get('status');
      if (status) {
        const allowed = STATUS_FILTER[status];
        if (!allowed) throw badRequest(`status must be one of unopened, open, closed, settled, got ${status}`);
        events = events.filter((e) =>
          [...venue.markets.values()].some((m) => m.eventTicker === e.eventTicker && allowed.includes(m.status)),
        );
      }
      const { page, cursor } = paginate(events, query, 200, 200);
      return ok({ events: page.map((e) => eventJson(venue, e, query.get('with_nested_markets') === 'true')), cursor });
    },
  },
  {
    method: 'GET',
    path: '/events/:event_ticker',
    auth: false,
    handler: ({ venue, params, query }) => {
      const e = venue.events.get(params.event_ticker!);
      if (!e) throw notFound(`event ${params.event_ticker}`);
      const markets = [...venue.markets.values()].filter((m) => m.eventTicker === e.eventTicker).map((m) => marketJson(venue, m));
      return ok({ event: eventJson(venue, e, query.get('with_nested_markets') === 'true'), markets });
    },
  },
  {
    method: 'GET',
    path: '/markets',
    auth: false,
    handler: ({ venue, query }) => {
      const { page, cursor } = paginate(filterMarkets(venue, query), query, 100, 1000);
      return ok({ markets: page.map((m) => marketJson(venue, m)), cursor });
    },
  },
  {
    method: 'GET',
    path: '/markets/trades',
    auth: false,
    handler: ({ venue, query }) => {
      const ticker = query.get('ticker');
      let trades = ticker ? (venue.tradesByTicker.get(ticker) ?? []) : venue.trades;
      const min = secondsParam(query, 'min_ts');
      const max = secondsParam(query, 'max_ts');
      if (min !== undefined || max !== undefined)
        trades = trades.filter((t) => (min === undefined || t.tsMs >= min) && (max === undefined || t.tsMs <= max));
      // newest first, as Kalshi lists trades
      const { page, cursor } = paginate([...trades].reverse(), query, 100, 1000);
      return ok({ trades: page.map(tradeJson), cursor });
    },
  },
  {
    method: 'GET',
    path: '/markets/orderbooks',
    auth: false,
    handler: ({ venue, query }) => {
      const tickers = query
        .getAll('tickers')
        .flatMap((t) => t.split(','))
        .filter(Boolean);
      if (tickers.length === 0) throw badRequest('tickers is required (repeat tickers=A&tickers=B)');
      return ok({ orderbooks: tickers.map((t) => ({ ticker: venue.market(t).ticker, orderbook_fp: orderbookJson(venue, t, 0) })) });
    },
  },
  {
    method: 'GET',
    path: '/markets/:ticker',
    auth: false,
    handler: ({ venue, params }) => ok({ market: marketJson(venue, venue.market(params.ticker!)) }),
  },
  {
    method: 'GET',
    path: '/markets/:ticker/orderbook',
    auth: false,
    handler: ({ venue, params, query }) => {
      const depth = query.get('depth') === null ? 0 : Number(query.get('depth'));
      if (!Number.isInteger(depth) || depth > 100)
        throw badRequest(`depth must be a whole number ≤ 100 (0 or negative = all levels), got ${query.get('depth')}`);
      venue.market(params.ticker!);
      return ok({ orderbook_fp: orderbookJson(venue, params.ticker!, depth) });
    },
  },
  {
    method: 'GET',
    path: '/series/:series_ticker/markets/:ticker/candlesticks',
    auth: false,
    handler: ({ venue, params, query }) =>
      ok({ ticker: venue.market(params.ticker!).ticker, candlesticks: candlesticks(venue, params.ticker!, query) }),
  },
  {
    method: 'GET',
    path: '/markets/candlesticks',
    auth: false,
    handler: ({ venue, query }) => {
      const tickers = (query.get('market_tickers') ?? '').split(',').filter(Boolean);
      if (tickers.length === 0 || tickers.length > 100) throw badRequest('market_tickers must list 1 to 100 tickers, comma-separated');
      return ok({ markets: tickers.map((t) => ({ market_ticker: venue.market(t).ticker, candlesticks: candlesticks(venue, t, query) })) });
    },
  },
];
