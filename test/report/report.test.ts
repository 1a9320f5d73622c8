import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depthChart, FigureExporter, launchChromium, lineChart, Report, tableHtml, toCsv, toFrame } from '../../src/report/index.js';
import { inkFraction } from './chromium.js';

const price = Array.from({ length: 200 }, (_, i) => 50 + 20 * Math.sin(i / 15));

function sampleReport(): Report {
  return new Report({ title: 'Test <report>', subtitle: 'charts must draw offline', metadata: { seed: 7, config: 'default' } })
    .heading('Prices')
    .text('A sine wave & a depth chart.')
    .figure('price', lineChart('Price', [{ name: 'price', y: price }], { x: 'step', y: '¢' }))
    .figure(
      'depth',
      depthChart('Depth', {
        yes: [
          { price: 45, qty: 10 },
          { price: 44, qty: 5 },
        ],
        no: [{ price: 52, qty: 7 }],
      }),
    )
    .table('levels', [
      { price: 45, qty: 10, note: 'a, "quoted"' },
      { price: 44, qty: 5, note: '<b>' },
    ]);
}

describe('Report: files', () => {
  it('writes report.html with plotly inlined once, plus CSV, JSON and metadata beside it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-report-'));
    const out = await sampleReport().write(dir);
    expect([...out.files].sort()).toEqual(['depth.json', 'levels.csv', 'metadata.json', 'price.json', 'report.html']);
    const html = readFileSync(out.html, 'utf8');
    expect(html.split('Plotly.newPlot').length - 1).toBe(2);
    expect(html.match(/plotly\.js v\d/gi)?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(html).not.toMatch(/<script[^>]+src=/); // nothing loaded from the network
    expect(html).toContain('Test &lt;report&gt;');
    expect(readFileSync(path.join(dir, 'levels.csv'), 'utf8')).toBe('price,qty,note\n45,10,"a, ""quoted"""\n44,5,<b>\n');
    expect(JSON.parse(readFileSync(path.join(dir, 'metadata.json'), 'utf8'))).toEqual({ seed: 7, config: 'default' });
    expect((JSON.parse(readFileSync(path.join(dir, 'price.json'), 'utf8')) as { data: Array<{ y: unknown[] }> }).data[0]!.y).toHaveLength(
      200,
    );
  });

  it('rejects names that cannot be file names, and duplicates', () => {
    const r = new Report({ title: 't' });
    expect(() => r.table('Bad Name', [])).toThrow(/lower-case/);
    r.table('ok', []);
    expect(() => r.figure('ok', lineChart('x', []))).toThrow(/already used/);
  });

  it('renders danfojs DataFrames and arrays of records as the same escaped table', () => {
    const rows = [
      { a: 1, b: 'x<y' },
      { a: 2.5, b: 'z' },
    ];
    expect(tableHtml(toFrame(rows))).toBe(tableHtml(rows));
    expect(tableHtml(rows)).toContain('x&lt;y');
    expect(toCsv(toFrame({ a: [1, 2], b: ['p', 'q'] }))).toBe('a,b\n1,p\n2,q\n');
  });

  it('keeps the header of an empty table when its columns are named, and adds keys the rows bring', () => {
    expect(toCsv([])).toBe('\n');
    expect(toCsv([], ['a', 'b'])).toBe('a,b\n');
    expect(toCsv([{ b: 2, c: 3 }], ['a', 'b'])).toBe('a,b,c\n,2,3\n');
    expect(tableHtml([], { header: ['a'] })).toContain('<th>a</th>');
  });
});

describe('Report and figures in headless Chromium', () => {
  let exporter: FigureExporter;
  beforeAll(async () => {
    exporter = await FigureExporter.launch();
  }, 60_000);
  afterAll(async () => {
    await exporter?.close();
  });

  it('draws every chart of the written report with no network', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-report-'));
    const out = await sampleReport().write(dir);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
      const requests: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
      });
      await page.goto(pathToFileURL(out.html).href);
      await page.waitForFunction("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2", undefined, { timeout: 20_000 });
      expect(await page.locator('.js-plotly-plot').count()).toBe(2);
      // each chart drew its traces (plot-area paths exist)
      const traces = await page.evaluate(
        "Array.from(document.querySelectorAll('.js-plotly-plot')).map((el) => el.querySelectorAll('.scatterlayer .trace').length)",
      );
      expect(traces).toEqual([1, 2]);
      const shot = await page.locator('#fig-price').screenshot();
      expect(inkFraction(shot).ink).toBeGreaterThan(0.01);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('exports PNG and SVG through one browser', async () => {
    const fig = lineChart('Export', [{ name: 'p', y: price }]);
    const png = await exporter.png(fig, { width: 640, height: 360 });
    const ink = inkFraction(png);
    expect([ink.width, ink.height]).toEqual([640, 360]);
    expect(ink.ink).toBeGreaterThan(0.01);
    const svg = await exporter.svg(fig, { width: 640, height: 360 });
    expect(svg.startsWith('<svg')).toBe(true);
    const dir = mkdtempSync(path.join(tmpdir(), 'omega-png-'));
    const written = await sampleReport().write(dir, { exporter });
    expect(written.files).toContain('price.png');
    expect(existsSync(path.join(dir, 'depth.png'))).toBe(true);
  }, 60_000);

  it('draws each figure afresh on its one page: the same bytes whatever it drew before, also when exports overlap', async () => {
    const size = { width: 320, height: 200 };
    const line = lineChart('Again', [{ name: 'p', y: price }]);
    const depth = depthChart('Depth', { yes: [{ price: 45, qty: 10 }], no: [{ price: 52, qty: 7 }] });
    const first = await exporter.png(line, size);
    await exporter.svg(depth, size);
    const [again, other] = await Promise.all([exporter.png(line, size), exporter.png(depth, size)]);
    expect(again.equals(first)).toBe(true);
    expect(other.equals(first)).toBe(false);
    expect(inkFraction(other).ink).toBeGreaterThan(0.01);
  }, 60_000);
});
