import type { Limits, Snapshot, StateMessage, Status, StepBatch, StepRows, Summary } from '../protocol.js';
import { control, showMessage, type ControlName } from './api.js';
import { Charts } from './charts.js';
import { Controls } from './controls.js';
import { byId, make } from './dom.js';
import { appendRows, continuityProblem, emptyRows } from './rows.js';
import { marketState, SummaryView } from './summary.js';

/** Counters the browser tests and the benchmark read (window.omegaDashboard.stats). */
const stats = { snapshots: 0, batches: 0, renders: 0, resyncs: 0, lastReceived: -1, lastRendered: -1, run: 0, renderMs: 0, maxRenderMs: 0 };

const charts = new Charts(2000);
const summary = new SummaryView();
const controls = new Controls();

let run = 0;
let families: readonly string[] = [];
let limits: Limits | undefined;
let window_ = 2000;
let lastSummary: Summary | undefined;
/** The run's status as last heard (batches and state messages arrive in the order the server sent them). */
let status: Status = 'paused';
/** Batches received but not drawn yet, merged; drawn at the next animation frame. */
let pending: { rows: StepRows; last: StepBatch } | null = null;
let frameRequested = false;
/** A snapshot being drawn: batches wait for it. */
let rebuilding: Promise<void> = Promise.resolve();

/** The run's market tickers, as the selector lists them. */
let tickers: readonly string[] = [];
let market = Number(new URLSearchParams(location.hash.slice(1)).get('market') ?? 0) || 0;
let source: EventSource | undefined;

function connect(): void {
  source?.close();
  const es = new EventSource(`/events?market=${market}`);
  source = es;
  let opened = false;
  es.addEventListener('snapshot', () => (opened = true));
  es.addEventListener('error', () => {
    if (es !== source) return;
    // a market that does not exist (an old link): fall back to the first one
    if (!opened && market !== 0) {
      market = 0;
      history.replaceState(null, '', location.pathname);
      return connect();
    }
    const el = byId('status');
    el.dataset.status = 'connecting';
    el.textContent = 'reconnecting… (is omega dashboard still running?)';
  });
  es.addEventListener('snapshot', (e) => onSnapshot(JSON.parse((e as MessageEvent<string>).data) as Snapshot));
  es.addEventListener('steps', (e) => onBatch(JSON.parse((e as MessageEvent<string>).data) as StepBatch));
  es.addEventListener('state', (e) => onState(JSON.parse((e as MessageEvent<string>).data) as StateMessage));
}

/** Drop what the page holds and stream again: the server starts with a fresh snapshot. */
function resync(reason: string): void {
  stats.resyncs++;
  console.warn(`dashboard: resyncing (${reason})`);
  connect();
}

function onSnapshot(s: Snapshot): void {
  stats.snapshots++;
  run = stats.run = s.run.id;
  families = s.run.familiesPresent;
  limits = s.limits;
  window_ = s.run.window;
  pending = null;
  stats.lastReceived = s.summary.step;
  lastSummary = s.summary;
  status = s.status;
  controls.showSettings(s.families, s.limits, s.settings);
  controls.showPace(s.limits, s.pace);
  showRunInfo(s);
  rebuilding = charts.rebuild(s.rows, families, s.book, s.run.window).then(() => {
    stats.lastRendered = s.summary.step;
    showSummary(s.summary);
  });
}

function onBatch(b: StepBatch): void {
  stats.batches++;
  const problem = continuityProblem({ run, lastStep: stats.lastReceived }, b);
  if (problem) return resync(problem);
  stats.lastReceived = b.to;
  status = b.status;
  pending = { rows: appendRows(pending?.rows ?? emptyRows(families), b.rows, window_), last: b };
  if (!frameRequested) {
    frameRequested = true;
    requestAnimationFrame(() => void render());
  }
}

/** At most one render per animation frame, with every batch that arrived since the last one. */
async function render(): Promise<void> {
  await rebuilding;
  frameRequested = false;
  const p = pending;
  pending = null;
  if (!p || p.last.run !== run) return;
  const t0 = performance.now();
  charts.append(p.rows);
  charts.drawBook(p.last.book);
  showSummary(p.last.summary);
  lastSummary = p.last.summary;
  stats.lastRendered = p.last.to;
  stats.renders++;
  const ms = performance.now() - t0;
  stats.renderMs += ms;
  stats.maxRenderMs = Math.max(stats.maxRenderMs, ms);
}

function onState(m: StateMessage): void {
  if (m.run !== run) return;
  if (limits) controls.showPace(limits, m.pace);
  status = m.status;
  // with batches pending, the next render shows it with their numbers
  if (!pending) summary.status(status, lastSummary?.step ?? m.step, lastSummary?.outcome ?? null, settledNote(lastSummary));
  if (m.error) showMessage(m.error);
}

/** "OMEGA-SIM-1 settled NO at step 1002" once the charted market has settled; undefined while it trades. */
function settledNote(s: Summary | undefined): string | undefined {
  return s?.settlement ? `${tickers[market] ?? ''} ${marketState(s)}`.trim() : undefined;
}

function showSummary(s: Summary): void {
  summary.render(s);
  summary.status(status, s.step, s.outcome, settledNote(s));
  // mark settled markets in the selector (options keep their value; only the text changes)
  const options = byId<HTMLSelectElement>('market').options;
  s.settled.forEach((r, i) => {
    const o = options[i];
    const text = r ? `${tickers[i]} (settled ${r.toUpperCase()})` : tickers[i];
    if (o && text !== undefined && o.text !== text) o.text = text;
  });
}

function showRunInfo(s: Snapshot): void {
  tickers = s.run.markets;
  byId('run-info').textContent =
    `run ${s.run.id} · ${s.run.agents} agents · ${s.run.markets.length} market(s) · seed ${s.settings.seed} · ends at step ${s.run.endStep}`;
  byId('notices').textContent = s.run.notices.join(' ');
  const select = byId<HTMLSelectElement>('market');
  select.replaceChildren(...s.run.markets.map((t, i) => make('option', { value: String(i) }, t)));
  select.value = String(s.run.market);
  byId('market-control').hidden = s.run.markets.length < 2;
  market = s.run.market;
  byId<HTMLAnchorElement>('dl-series').href = `/download/series.csv?market=${market}`;
}

byId<HTMLSelectElement>('market').addEventListener('change', (e) => {
  market = Number((e.target as HTMLSelectElement).value);
  location.hash = `market=${market}`;
  connect();
});

// the hook the browser tests and the benchmark use; the buttons call the same `control`
(window as unknown as { omegaDashboard: unknown }).omegaDashboard = {
  stats,
  control: (name: ControlName, body?: unknown) => control(name, body),
};

connect();
