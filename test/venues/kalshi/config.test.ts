import { describe, expect, it } from 'vitest';
import { loadExchangeConfig, parseExchangeConfig } from '../../../src/venues/kalshi/index.js';

describe('exchange config', () => {
  it('no config: the agent-based model drives the default markets', () => {
    const c = parseExchangeConfig({});
    expect(c.abm).toMatchObject({ markets: 2, stepsPerSecond: 4 });
    expect(c.nfl).toBeUndefined();
    expect(c.demoBalanceCents).toBe(1_000_000);
  });

  it('the shipped example configs parse', () => {
    expect(loadExchangeConfig('configs/exchange-nfl.yaml').nfl).toMatchObject({ season: 2021, weeks: [1], speed: 600 });
    expect(loadExchangeConfig('configs/exchange-static.yaml').markets.map((m) => m.ticker)).toEqual(['OMEGA-RAIN', 'OMEGA-FED']);
  });

  it.each([
    [{ nfl: { season: 2021, speed: -1 } }, /nfl\.speed/],
    [{ markets: [{ ticker: 'lower-case' }] }, /markets\[0\]\.ticker must be an upper-case Kalshi-style ticker/],
    [{ markets: [{ ticker: 'A', fair: 1.2 }] }, /markets\[0\]\.fair/],
    [{ abm: {}, nfl: { season: 2021 } }, /choose one driver: abm or nfl/],
    [{ rateLimit: false }, /unknown key "rateLimit"/],
  ])('rejects %j naming the field', (input, message) => {
    expect(() => parseExchangeConfig(input)).toThrow(message);
  });
});
