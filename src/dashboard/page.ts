/** The page shell. The client fills in the controls and charts from the first snapshot it receives. */

const CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #f6f8fa; }
header { display: flex; gap: 16px; align-items: baseline; padding: 10px 16px; background: #fff; border-bottom: 1px solid #d0d7de; }
header h1 { font-size: 18px; margin: 0; }
#status { font-weight: 600; }
#status[data-status="playing"] { color: #1a7f37; }
#status[data-status="ended"] { color: #8250df; }
#run-info { color: #57606a; }
main { display: grid; grid-template-columns: 300px 1fr; gap: 12px; padding: 12px 16px; }
aside { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 12px; align-self: start; }
aside h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #57606a; margin: 12px 0 6px; }
aside h2 small { text-transform: none; letter-spacing: 0; font-weight: normal; }
.buttons { display: flex; gap: 6px; flex-wrap: wrap; }
button { font: inherit; padding: 4px 12px; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
button:disabled { opacity: .45; cursor: default; }
button.primary { background: #1f883d; color: #fff; border-color: #1a7f37; }
.control { display: grid; grid-template-columns: 1fr 80px; gap: 2px 8px; margin: 6px 0; align-items: center; }
.control label { grid-column: 1 / 3; font-size: 12px; color: #424a53; }
.control input[type=range] { width: 100%; }
.control input[type=text] { width: 80px; font: inherit; padding: 1px 4px; border: 1px solid #d0d7de; border-radius: 4px; }
.control.pending label::after { content: " • applies on Reset"; color: #9a6700; }
#message { margin: 8px 16px 0; padding: 8px 12px; border-radius: 6px; background: #ffebe9; border: 1px solid #ff8182; color: #82071e; white-space: pre-wrap; }
#notices { font-size: 12px; color: #57606a; }
.downloads a { display: inline-block; margin: 2px 8px 2px 0; }
#content { display: grid; grid-template-rows: auto 1fr; gap: 12px; min-width: 0; }
#summary { display: flex; flex-wrap: wrap; gap: 8px; }
.metric { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 6px 10px; min-width: 96px; }
.metric .k { font-size: 11px; color: #57606a; text-transform: uppercase; }
.metric .v { font-size: 18px; font-variant-numeric: tabular-nums; }
#pnl { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 8px; border-collapse: collapse; font-variant-numeric: tabular-nums; }
#pnl td, #pnl th { padding: 1px 8px; text-align: right; }
#pnl th:first-child, #pnl td:first-child { text-align: left; }
#charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 12px; }
.chart { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; height: 300px; min-width: 0; }
`;

const control = (id: string, label: string) =>
  `<div class="control" id="${id}-control"><label for="${id}-box">${label}</label><input type="range" id="${id}-slider" aria-label="${label}"><input type="text" inputmode="decimal" id="${id}-box"></div>`;

export function pageHtml(): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Omega Point — live simulation</title>
<link rel="icon" href="data:,">
<style>${CSS}</style>
<script src="/assets/plotly.min.js"></script>
<script type="module" src="/assets/app.js"></script>
</head><body>
<header><h1>Omega Point — live simulation</h1><span id="status" data-status="connecting">connecting…</span><span id="run-info"></span></header>
<div id="message" role="alert" hidden></div>
<main>
<aside id="controls">
  <h2>Run</h2>
  <div class="buttons">
    <button id="reset" class="primary" title="rebuild the model from the sliders below (their values are kept)">Reset</button>
    <button id="step" title="exactly one step">Step</button>
    <button id="play">Play</button>
    <button id="pause">Pause</button>
  </div>
  <div class="control"><label for="seed-box">seed</label><input type="text" inputmode="numeric" id="seed-box"></div>
  <div class="control" id="market-control" hidden><label for="market">market</label><select id="market"></select></div>
  <h2>Population <small>(applies on Reset)</small></h2>
  <div id="families"></div>
  ${control('probability', 'initial true probability')}
  <h2>Speed <small>(applies at once)</small></h2>
  ${control('speed', 'steps per second')}
  ${control('interval', 'render interval (steps per chart update, at least)')}
  <h2>Downloads</h2>
  <div class="downloads">
    <a id="dl-series" href="/download/series.csv" download>series.csv</a>
    <a id="dl-model" href="/download/model.csv" download>model.csv</a>
    <a id="dl-agents" href="/download/agents.csv" download>agents.csv</a>
    <a id="dl-report" href="/download/report.html" download>report.html</a>
    <a id="dl-manifest" href="/download/manifest.json" download>manifest.json</a>
  </div>
  <p id="notices"></p>
</aside>
<div id="content">
  <section id="summary-area">
    <div id="summary"></div>
    <table id="pnl"><thead><tr><th>family</th><th>agents</th><th>P&amp;L total ($)</th><th>P&amp;L mean (¢)</th></tr></thead><tbody></tbody></table>
  </section>
  <section id="charts">
    <div class="chart" id="chart-price"></div>
    <div class="chart" id="chart-volume"></div>
    <div class="chart" id="chart-spread"></div>
    <div class="chart" id="chart-returns"></div>
    <div class="chart" id="chart-wealth"></div>
    <div class="chart" id="chart-book"></div>
  </section>
</div>
</main>
</body></html>`;
}
