import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { OmegaError } from '../core/errors.js';
import { writeFileAtomic } from './files.js';
import { plotlySourceCode, scriptJson, type Figure } from './plotly.js';

/** Flags that keep Debian's Chromium quiet and offline on a sandboxed machine. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium is: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p)) {
    throw new OmegaError(
      'CHROMIUM_MISSING',
      `Chromium not found at ${p}. Install it with \`sudo apt-get install -y chromium\` (or run scripts/install-system-deps.sh), or set CHROMIUM_PATH.`,
    );
  }
  return p;
}

export async function launchChromium(): Promise<Browser> {
  // loaded on first use: playwright-core takes ~0.4 s to import, and most users of src/ never draw a PNG
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

export interface ImageOptions {
  readonly width?: number;
  readonly height?: number;
  readonly scale?: number;
}

/**
 * Static images of Plotly figures, drawn by Plotly itself in headless Chromium (no kaleido).
 * One browser serves many figures: launch once, export, close. The figures are drawn one at a time on one page
 * that loads plotly.js once: loading it (3.5 MB of JavaScript to parse) was most of the cost of each figure when
 * every figure had a page of its own. Each figure is purged after its export, and the image is the one a fresh
 * page draws, byte for byte.
 */
export class FigureExporter {
  private page: Promise<Page> | undefined;
  /** The exports in the order they were asked for: one page draws one figure at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<FigureExporter> {
    return new FigureExporter(await launchChromium());
  }

  async png(figure: Figure, options: ImageOptions = {}): Promise<Buffer> {
    const url = await this.render(figure, 'png', options);
    return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
  }

  async svg(figure: Figure, options: ImageOptions = {}): Promise<string> {
    const url = await this.render(figure, 'svg', options);
    return decodeURIComponent(url.slice(url.indexOf(',') + 1));
  }

  /** Render and write a PNG (or SVG when the path ends in .svg). */
  async write(figure: Figure, file: string, options: ImageOptions = {}): Promise<string> {
    writeFileAtomic(file, file.endsWith('.svg') ? await this.svg(figure, options) : await this.png(figure, options));
    return file;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  /** The page with plotly.js loaded, made on first use (a failed load is retried by the next export). */
  private plotlyPage(): Promise<Page> {
    this.page ??= (async () => {
      const page = await this.browser.newPage();
      try {
        await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0"></body></html>');
        await page.addScriptTag({ content: plotlySourceCode() });
        return page;
      } catch (e) {
        this.page = undefined;
        await page.close().catch(() => undefined);
        throw e;
      }
    })();
    return this.page;
  }

  private render(figure: Figure, format: 'png' | 'svg', options: ImageOptions): Promise<string> {
    const run = this.queue.then(() => this.renderNow(figure, format, options));
    this.queue = run.catch(() => undefined); // one failed export does not stop the next
    return run;
  }

  private async renderNow(figure: Figure, format: 'png' | 'svg', options: ImageOptions): Promise<string> {
    const width = options.width ?? 900;
    const height = options.height ?? 500;
    const scale = options.scale ?? 1;
    const page = await this.plotlyPage();
    const spec = { data: figure.data, layout: { ...figure.layout, width, height }, config: { staticPlot: true, ...figure.config } };
    // a fresh div of the figure's size for each figure (as a page of its own had), removed once exported
    return await page.evaluate(
      `(function () { var s = ${scriptJson(spec)};
         var div = document.createElement('div');
         div.id = 'fig';
         div.style.width = '${width}px';
         div.style.height = '${height}px';
         document.body.appendChild(div);
         var done = function () { Plotly.purge(div); div.remove(); };
         return Plotly.newPlot(div, s.data, s.layout, s.config).then(function (gd) {
           return Plotly.toImage(gd, { format: '${format}', width: ${width}, height: ${height}, scale: ${scale} });
         }).then(function (url) { done(); return url; }, function (e) { done(); throw e; }); })()`,
    );
  }
}

/** One-off export (launches and closes a browser; use {@link FigureExporter} for many figures). */
export async function exportFigure(figure: Figure, file: string, options: ImageOptions = {}): Promise<string> {
  const exporter = await FigureExporter.launch();
  try {
    return await exporter.write(figure, file, options);
  } finally {
    await exporter.close();
  }
}
