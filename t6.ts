import { Model, logitChanges, excessKurtosis, ljungBox, archLm, acf, aggregateReturns, summarize, volumeVolatilityCorrelation } from './src/index.js';
const over = JSON.parse(process.argv[2] ?? '{}');
const k = Number(process.argv[3] ?? 10);
let acc = { acf1: 0, inside: 0, kurt: 0, arch: 0, mae: 0, spread: 0, vv: 0, lbpass: 0 };
const S = 8;
for (let seed = 1; seed <= S; seed++) {
  const m = Model.create({ steps: 4000, ...over }, seed).run();
  const mids = m.data.model.mid as number[];
  const vol = (m.data.model.volume as number[]).slice(1);
  const r = aggregateReturns(logitChanges(mids), k);
  const a = acf(r, 20);
  acc.acf1 += a[0]! / S;
  acc.inside += a.slice(1).filter((x) => Math.abs(x) < 1.96 / Math.sqrt(r.length)).length / 19 / S;
  acc.kurt += excessKurtosis(r) / S;
  acc.arch += (archLm(r, 5).p_value < 0.05 ? 1 : 0) / S;
  acc.lbpass += (ljungBox(r, 10).p_value > 0.05 ? 1 : 0) / S;
  acc.vv += volumeVolatilityCorrelation(aggregateReturns(vol, k), r) / S;
  const s = summarize(m).markets[0]!;
  acc.mae += s.meanAbsError / S;
  acc.spread += s.meanSpread / S;
}
console.log(JSON.stringify(Object.fromEntries(Object.entries(acc).map(([a, b]) => [a, +b.toFixed(3)]))));
