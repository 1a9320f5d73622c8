import type { Status, Summary } from '../protocol.js';
import { byId, formatNumber, make } from './dom.js';

const METRICS: ReadonlyArray<{ key: string; label: string; value: (s: Summary) => string }> = [
  { key: 'step', label: 'step', value: (s) => String(s.step) },
  { key: 'last-price', label: 'last price (¢)', value: (s) => formatNumber(s.lastPrice) },
  { key: 'mid', label: 'mid (¢)', value: (s) => formatNumber(s.mid) },
  { key: 'truth', label: 'true prob. (¢)', value: (s) => formatNumber(s.truth, 2) },
  { key: 'error', label: '|mid − truth| (¢)', value: (s) => formatNumber(s.errorVsTruth, 2) },
  { key: 'mean-error', label: 'mean |error| (¢)', value: (s) => formatNumber(s.meanAbsError, 2) },
  { key: 'trades', label: 'trades', value: (s) => formatNumber(s.trades, 0) },
  { key: 'volume', label: 'volume', value: (s) => formatNumber(s.volume, 0) },
  { key: 'spread', label: 'spread (ticks)', value: (s) => formatNumber(s.spread, 0) },
  { key: 'best-bid', label: 'best bid', value: (s) => formatNumber(s.bestBid, 0) },
  { key: 'best-ask', label: 'best ask', value: (s) => formatNumber(s.bestAsk, 0) },
];

/** The headline numbers beside the charts, and the status line. */
export class SummaryView {
  private readonly values = new Map<string, HTMLElement>();

  constructor() {
    const box = byId('summary');
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

  status(status: Status, step: number, outcome: Summary['outcome']): void {
    const el = byId('status');
    el.dataset.status = status;
    el.textContent =
      status === 'playing'
        ? 'playing'
        : status === 'ended'
          ? `ended after step ${step}: resolved ${outcome ? outcome.resolution.toUpperCase() : ''}`
          : `paused at step ${step}`;
    byId<HTMLButtonElement>('play').disabled = status !== 'paused';
    byId<HTMLButtonElement>('step').disabled = status !== 'paused';
    byId<HTMLButtonElement>('pause').disabled = status !== 'playing';
  }
}
