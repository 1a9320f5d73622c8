import { validateModel, parseModelConfig, verdictRows } from './src/index.js';
const over = JSON.parse(process.argv[2] ?? '{}');
const r = await validateModel(parseModelConfig(over), { seeds: 30, workers: 1, scale: 5 });
console.log('pass', r.pass, verdictRows(r).map((v) => `${v.fact}=${v.value}:${v.verdict}`).join('  '));
