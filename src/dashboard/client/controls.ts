import type { FamilyInfo, Limits, Pace, Settings } from '../protocol.js';
import { control } from './api.js';
import { byId, make } from './dom.js';

/** A slider with a text box beside it; both show the same draft value. */
class Pair {
  readonly slider: HTMLInputElement;
  readonly box: HTMLInputElement;
  private applied = '';

  constructor(
    readonly id: string,
    private readonly onEdit: () => void,
  ) {
    this.slider = byId<HTMLInputElement>(`${id}-slider`);
    this.box = byId<HTMLInputElement>(`${id}-box`);
    this.slider.addEventListener('input', () => {
      this.box.value = this.slider.value;
      this.onEdit();
    });
    // the box sends what was typed, as typed: the server's validation names what is wrong with it
    this.box.addEventListener('input', () => {
      const v = Number(this.box.value);
      if (this.box.value.trim() !== '' && Number.isFinite(v)) this.slider.value = String(v);
      this.onEdit();
    });
  }

  range(min: number, max: number, step: number): void {
    Object.assign(this.slider, { min: String(min), max: String(max), step: String(step) });
  }

  /** Show the value the server applied (this discards a draft). */
  set(value: number | readonly [number, number]): void {
    this.applied = typeof value === 'number' ? String(value) : `${value[0]}-${value[1]}`;
    this.box.value = this.applied;
    this.slider.value = String(typeof value === 'number' ? value : (value[0] + value[1]) / 2);
    this.mark();
  }

  get draft(): string {
    return this.box.value;
  }

  get pending(): boolean {
    return this.box.value.trim() !== this.applied;
  }

  mark(): void {
    byId(`${this.id}-control`).classList.toggle('pending', this.pending);
  }
}

function familyControl(f: FamilyInfo): HTMLElement {
  const id = `count-${f.name}`;
  const div = make('div', { class: 'control', id: `${id}-control`, 'data-family': f.name });
  div.append(
    make('label', { for: `${id}-box` }, f.label),
    make('input', { type: 'range', id: `${id}-slider`, 'aria-label': f.label }),
    make('input', { type: 'text', inputmode: 'numeric', id: `${id}-box` }),
  );
  return div;
}

/**
 * The sliders and boxes. Population, initial probability and seed are drafts until Reset sends them;
 * speed and render interval are sent when let go. Values shown after any control are the server's.
 */
export class Controls {
  private counts = new Map<string, Pair>();
  private probability: Pair;
  private speed: Pair;
  private interval: Pair;
  private readonly seed = byId<HTMLInputElement>('seed-box');
  private familiesKey = '';

  constructor() {
    this.probability = new Pair('probability', () => this.probability.mark());
    this.speed = new Pair('speed', () => undefined);
    this.interval = new Pair('interval', () => undefined);
    for (const p of [this.speed, this.interval]) {
      p.slider.addEventListener('change', () => void this.sendPace());
      p.box.addEventListener('change', () => void this.sendPace());
    }
    byId('reset').addEventListener('click', () => void control('reset', this.resetRequest()));
    byId('step').addEventListener('click', () => void control('step'));
    byId('play').addEventListener('click', () => void control('play'));
    byId('pause').addEventListener('click', () => void control('pause'));
  }

  /** The body Reset sends: every draft as typed. */
  resetRequest(): { seed: string; initialProbability: string; counts: Record<string, string> } {
    const counts: Record<string, string> = {};
    for (const [f, p] of this.counts) counts[f] = p.draft;
    return { seed: this.seed.value, initialProbability: this.probability.draft, counts };
  }

  /** Show the applied settings (first load, Reset from any tab, reload). */
  showSettings(families: readonly FamilyInfo[], limits: Limits, settings: Settings): void {
    const key = families.map((f) => f.name).join();
    if (key !== this.familiesKey) {
      const box = byId('families');
      box.replaceChildren(...families.map(familyControl));
      this.counts = new Map(families.map((f) => [f.name, new Pair(`count-${f.name}`, () => this.counts.get(f.name)!.mark())]));
      this.familiesKey = key;
    }
    for (const [f, p] of this.counts) {
      const n = settings.counts[f] ?? 0;
      p.range(limits.count.min, Math.min(limits.count.max, Math.max(200, 2 * n)), 1);
      p.set(n);
    }
    this.probability.range(limits.initialProbability.min, limits.initialProbability.max, 0.01);
    this.probability.set(settings.initialProbability);
    this.seed.value = String(settings.seed);
  }

  showPace(limits: Limits, pace: Pace): void {
    this.speed.range(limits.stepsPerSecond.min, Math.min(limits.stepsPerSecond.max, 1000), 1);
    this.interval.range(limits.renderInterval.min, Math.min(limits.renderInterval.max, 100), 1);
    this.speed.set(pace.stepsPerSecond);
    this.interval.set(pace.renderInterval);
  }

  private async sendPace(): Promise<void> {
    await control('pace', { stepsPerSecond: this.speed.draft, renderInterval: this.interval.draft });
  }
}
