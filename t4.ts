import { Model } from './src/index.js';
const fam = ['noise', 'informed', 'arbitrageur', 'marketMaker'] as const;
const acc: Record<string, number[]> = {};
for (let seed = 1; seed <= 12; seed++) {
  const m = Model.create({ steps: 1000 }, seed);
  m.run({ steps: 999 });
  const truth = m.markets[0]!.fundamental.probability;
  for (const f of fam) {
    const ag = m.family(f);
    const ev = ag.reduce((s, a) => { const acct = m.accountOf(a); const q = acct.qty(0); return s + acct.cash + acct.reserved + (q > 0 ? q * 100 * truth : -q * 100 * (1 - truth)) - a.capital; }, 0) / ag.length;
    (acc[f] ??= []).push(Math.round(ev));
  }
}
for (const f of fam) console.log(f, acc[f]!.join(' '), 'mean', Math.round(acc[f]!.reduce((a, b) => a + b) / acc[f]!.length));
