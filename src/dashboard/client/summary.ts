import type { Status, Summary } from '../protocol.js';
import { byId, formatNumber, make } from './dom.js';

const METRICS: ReadonlyArray<{ key: string; label: string; value: (s: Summary) => string }> = [
  { key: 'step', label: 'step', value: (s) => String(s.step) },
  { key: 'last-price', label: 'last price (¢)', value: (s) => formatNumber(s.lastPrice) },
  { key: 'mid', label: 'mid (¢)', value: (s) => formatNumber(s.mid) },
  { key: 'truth', label: 'true prob. (¢)', value: (s) => formatNumber(s.truth, 2) },
  { key: 'market-step', label: 'market figures at step', value: (s) => String(s.marketStep) },
  { key: 'error', label: '|mid − truth| (¢)', value: (s) => formatNumber(s.errorVsTruth, 2) },
  { key: 'mean-error', label: 'mean |error| (¢)', value: (s) => formatNumber(s.meanAbsError, 2) },
  { key: 'trades', label: 'trades', value: (s) => formatNumber(s.trades, 0) },
  { key: 'volume', label: 'volume', value: (s) => formatNumber(s.volume, 0) },
  { key: 'spread', label: 'spread (ticks)', value: (s) => formatNumber(s.spread, 0) },
  { key: 'best-bid', label: 'best bid', value: (s) => formatNumber(s.bestBid, 0) },
  { key: 'best-ask', label: 'best ask', value: (s) => formatNumber(s.bestAsk, 0) },
];

/** Where the charted market stands: what a user needs to read its numbers after it settled. */
export function marketState(s: Summary): string {
  if (s.settlement) return `settled ${s.settlement.resolution.toUpperCase()} at step ${s.settlement.step}`;
  return s.errorVsTruth === null ? 'not open yet' : 'trading';
}

/** The headline numbers beside the charts, and the status line. */
export class SummaryView {
  private readonly values = new Map<string, HTMLElement>();

  private readonly state: HTMLElement;

  constructor() {
    const box = byId('summary');
    this.state = make('div', { class: 'v', id: 'metric-market-state' }, '—');
    const stateCard = make('div', { class: 'metric', id: 'market-state' });
    stateCard.append(make('div', { class: 'k' }, 'market'), this.state);
    box.append(stateCard);
    for (const m of METRICS) {
      const v = make('div', { class: 'v', id: `metric-${m.key}` }, '—');
      const card = make('div', { class: 'metric' });
      card.append(make('div', { class: 'k' }, m.label), v);
      box.append(card);
      this.values.set(m.key, v);
    }
  }

  render(s: Summary): void {
    for (const m of METRICS) this.values.get(m.key)!.textContent = m.value(s);
    this.state.textContent = marketState(s);
    this.state.parentElement!.dataset.settled = s.settlement ? s.settlement.resolution : '';
    const body = byId('pnl').querySelector('tbody')!;
    body.replaceChildren(
      ...s.pnl.map((p) => {
        const tr = make('tr', { 'data-family': p.family });
        tr.append(
          make('td', {}, p.family),
          make('td', {}, String(p.agents)),
          make('td', {}, formatNumber(p.total / 100, 2)),
          make('td', {}, formatNumber(p.mean, 0)),
        );
        return tr;
      }),
    );
  }

  /** `market` names the charted market once it has settled before the run's end (`ticker settled NO at step 1002`). */
  status(status: Status, step: number, outcome: Summary['outcome'], market?: string): void {
    const el = byId('status');
    el.dataset.status = status;
    const run =
      status === 'playing'
        ? 'playing'
        : status === 'ended'
          ? `ended after step ${step}: resolved ${outcome ? outcome.resolution.toUpperCase() : ''}`
          : `paused at step ${step}`;
    el.textContent = market && status !== 'ended' ? `${run} · ${market}` : run;
    byId<HTMLButtonElement>('play').disabled = status !== 'paused';
    byId<HTMLButtonElement>('step').disabled = status !== 'paused';
    byId<HTMLButtonElement>('pause').disabled = status !== 'playing';
  }
}
