import { defaultModelConfig, parseModelConfig, mergeDeep, validateModel } from '../src/index.js';
const grid: Array<Record<string, unknown>> = JSON.parse(process.env.GRID!);
for (const over of grid) {
  const cfg = parseModelConfig(mergeDeep(JSON.parse(JSON.stringify(defaultModelConfig())) as Record<string, unknown>, over));
  const r = await validateModel(cfg, { seeds: Number(process.env.SEEDS ?? 12), workers: 2, nulls: false, real: false });
  const v = (id: string) => r.verdicts.find((x) => x.fact === id)!;
  const na = v('no_autocorrelation'), cal = v('calibration'), tr = v('tracks_truth'), ls = v('favourite_longshot');
  console.log(JSON.stringify(over), '|', na.model.detail.split(';')[0], 'acf1', na.model.detail.split('statistic ')[1], '| cal', cal.model.detail.split(';').slice(0, 2).join(';'), '| mae', tr.model.detail.split('statistic ')[1], '| LP', ls.model.value.toFixed(2));
}
