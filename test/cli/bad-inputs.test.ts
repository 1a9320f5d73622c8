import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Model } from '../../src/abm/model.js';
import { parseModelConfig, requireAgents } from '../../src/abm/config.js';
import { summarize } from '../../src/abm/summary.js';
import { OmegaError } from '../../src/core/errors.js';
import { Exchange } from '../../src/market/index.js';
import { omegaInProcess, omegaProcess, type CliResult } from '../helpers/cli.js';

/**
 * One table of bad inputs across every class of issue 15: each row is a command (run in-process through the
 * CLI's main(), stdout/stderr captured) or a library call, the exit code it must give (a call's thrown
 * OmegaError is what the CLI turns into exit 2), the words its one error must contain, and words that must
 * not appear (a stack trace, a secret, "$NaN"). A few rows need a real process (pipes, signals, another
 * user) and run bin/omega.mjs.
 */
interface Row {
  readonly what: string;
  readonly cli?: readonly string[];
  readonly env?: Record<string, string | undefined>;
  readonly call?: () => unknown;
  /** Run as a real child process instead of in-process. */
  readonly process?: boolean;
  readonly code: number;
  readonly words: ReadonlyArray<string | RegExp>;
  readonly absent?: readonly string[];
  /** For calls that must throw: the OmegaError code. */
  readonly errorCode?: string;
}

/** A stack frame (`    at fn (file:line:col)`) or a JavaScript error name means a crash, not one clear error. */
const ALWAYS_ABSENT: ReadonlyArray<string | RegExp> = [
  /^\s+at .*:\d+:\d+\)?$/m,
  'TypeError',
  'ReferenceError',
  'SyntaxError:',
  'Cannot read properties',
];

let dir = '';
let llm: Server;
let llmBase = '';
let closedPort = 0;
const SECRET = 'sk-SECRET-0123456789';

// ---------- fixtures: NFL data directories, CSV files, configs ----------
const HEADER =
  'game_id,season,game_type,week,gameday,weekday,gametime,away_team,away_score,home_team,home_score,location,result,total,overtime,old_game_id,gsis,nfl_detail_id,pfr,pff,espn,ftn,away_rest,home_rest,away_moneyline,home_moneyline,spread_line,away_spread_odds,home_spread_odds,total_line,under_odds,over_odds,div_game,roof,surface,temp,wind,away_qb_id,home_qb_id,away_qb_name,home_qb_name,away_coach,home_coach,referee,stadium_id,stadium';
interface GameCells {
  id?: string;
  season?: string;
  type?: string;
  week?: string;
  day?: string;
  time?: string;
  away?: string;
  home?: string;
  as?: string;
  hs?: string;
  loc?: string;
  result?: string;
  aml?: string;
  hml?: string;
  spread?: string;
}
const gameRow = (c: GameCells = {}) =>
  `${c.id ?? '2015_01_NYG_DAL'},${c.season ?? '2015'},${c.type ?? 'REG'},${c.week ?? '1'},${c.day ?? '2015-09-13'},Sunday,${c.time ?? '20:30'},${c.away ?? 'NYG'},${c.as ?? '26'},${c.home ?? 'DAL'},${c.hs ?? '27'},${c.loc ?? 'Home'},${c.result ?? '1'},,0,,,,,,,,7,7,${c.aml ?? '240'},${c.hml ?? '-280'},${c.spread ?? '6'},,,51,,,1,outdoors,grass,,,,,,,,,,,`;
const GOOD = [
  gameRow({
    id: '2015_01_SD_STL',
    away: 'SD',
    home: 'STL',
    as: '17',
    hs: '24',
    result: '7',
    aml: '130',
    hml: '-150',
    spread: '3',
    time: '13:00',
  }),
  gameRow({ id: '2015_01_OAK_KC', away: 'OAK', home: 'KC', as: '20', hs: '20', result: '0', aml: '', hml: '' }),
];

/** A data directory whose games table is the good rows plus `extra` (line 4 onwards), optionally gzipped or damaged. */
function dataDir(name: string, extra: string[], form: 'csv' | 'gz' | 'truncated-gz' | 'corrupt-gz' | 'raw' = 'csv', raw = ''): string {
  const d = path.join(dir, 'data', name);
  mkdirSync(path.join(d, 'nfl', 'games'), { recursive: true });
  if (name.startsWith('pbp-')) {
    // play-by-play win probabilities for the 2020 game only
    mkdirSync(path.join(d, 'nfl', 'pbp', 'nflfastr_partial_seasons'), { recursive: true });
    writeFileSync(
      path.join(d, 'nfl', 'pbp', 'nflfastr_partial_seasons', 'pbp_2020.csv'),
      'game_id,home_wp,game_seconds_remaining,vegas_home_wp,total_home_score,total_away_score\n2020_01_NYG_DAL,0.6,3600,0.62,0,0\n2020_01_NYG_DAL,0.7,1800,0.71,7,0\n',
    );
  }
  const text = form === 'raw' ? raw : [HEADER, ...GOOD, ...extra].join('\n') + '\n';
  if (form === 'csv' || form === 'raw') writeFileSync(path.join(d, 'nfl', 'games', 'games.csv'), text);
  else {
    const gz = gzipSync(Buffer.from(text.repeat(form === 'gz' ? 1 : 40)));
    writeFileSync(
      path.join(d, 'nfl', 'games', 'games.csv.gz'),
      form === 'gz'
        ? gz
        : form === 'truncated-gz'
          ? gz.subarray(0, Math.floor(gz.length / 2))
          : Buffer.concat([Buffer.from('not gzip at all'), gz]),
    );
  }
  return d;
}

function file(name: string, text: string): string {
  const f = path.join(dir, name);
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, text);
  return f;
}

const series = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
const returnsCsv = (rows: string, header = 'r') => `${header}\n${rows}\n`;
const noise = (i: number) => String(Math.sin(i * 12.9898) * 0.01);

function bt(name: string, extra: string[], more: string[] = [], form: Parameters<typeof dataDir>[2] = 'csv', raw = ''): string[] {
  return ['backtest', 'nfl', '--seasons', '2015', '--no-report', '--json', '--data-dir', dataDir(name, extra, form, raw), ...more];
}

/** A small model whose LLM agents keep their cache in memory (nothing written under the project's .cache). */
const LLM_CONFIG =
  'steps: 60\nagents:\n  noise: { count: 10 }\n  informed: { count: 4 }\n  marketMaker: { count: 2 }\n  homer: { count: 0 }\n  arbitrageur: { count: 0 }\n  llm: { count: 3, cacheFile: "", share: 0.5, tradeProbability: 0.5 }\n';
let SIM: string[] = [];

function rows(): Row[] {
  const F = (name: string, text: string) => file(path.join('csv', name), text);
  const C = (name: string, text: string) => file(path.join('configs', name), text);
  const aFile = file('a-file', 'not a folder');
  const llmUrl = (mode: string) => `${llmBase}/${mode}/v1/chat/completions`;
  const folder = (name: string) => {
    const d = path.join(dir, name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  SIM = ['simulate', '--config', C('llm.yaml', LLM_CONFIG), '--no-report', '--no-checks', '--no-progress'];
  return [
    // ---- usage: commands and flags ----
    { what: 'no command', cli: [], code: 2, words: ['a command is needed'] },
    { what: 'unknown command', cli: ['simulat'], code: 2, words: ["unknown command 'simulat'"] },
    { what: 'unknown flag', cli: ['simulate', '--sed', '3'], code: 2, words: ["unknown option '--sed'"] },
    { what: 'missing flag value', cli: ['simulate', '--seed'], code: 2, words: ["'-s, --seed <n>' argument missing"] },
    { what: 'backtest without a market', cli: ['backtest'], code: 2, words: ['Usage: omega backtest'] },
    { what: 'unknown backtest market', cli: ['backtest', 'nba'], code: 2, words: ["unknown command 'nba'"] },
    { what: 'facts without --csv', cli: ['facts', '--column', 'x'], code: 2, words: ["required option '--csv <file>' not specified"] },
    {
      what: 'unknown flag of facts',
      cli: ['facts', '--csv', 'x.csv', '--column', 'x', '--bogus'],
      code: 2,
      words: ["unknown option '--bogus'"],
    },
    { what: 'odd with nothing to do', cli: ['odd'], code: 2, words: ['omega odd needs --check, --out <file>, or both'] },
    { what: 'help is not an error', cli: ['simulate', '--help'], code: 0, words: ['Usage: omega simulate'] },
    // ---- numbers in flags ----
    {
      what: '--seed in hex',
      cli: ['simulate', '--seed', '0x10'],
      code: 2,
      words: ['--seed must be a whole number written in decimal digits'],
    },
    { what: '--seed not a number', cli: ['simulate', '--seed', 'abc'], code: 2, words: ['--seed must be a whole number'] },
    { what: '--seed fractional', cli: ['simulate', '--seed', '1.5'], code: 2, words: ['--seed must be a whole number between 0 and'] },
    { what: '--seed negative', cli: ['simulate', '--seed', '-1'], code: 2, words: ['--seed must be a whole number between 0 and'] },
    { what: '--seed empty', cli: ['simulate', '--seed', ''], code: 2, words: ['--seed must be a whole number'] },
    { what: '--seed Infinity', cli: ['simulate', '--seed', 'Infinity'], code: 2, words: ['--seed must be a whole number'] },
    { what: '--steps zero', cli: ['simulate', '--steps', '0'], code: 2, words: ['--steps must be a whole number between 1 and'] },
    {
      what: '--steps too many',
      cli: ['simulate', '--steps', '1e9'],
      code: 2,
      words: ['--steps must be a whole number between 1 and 100000000'],
    },
    {
      what: '--steps binary',
      cli: ['simulate', '--steps', '0b101'],
      code: 2,
      words: ['--steps must be a whole number written in decimal digits'],
    },
    {
      what: '--lags zero',
      cli: ['facts', '--csv', 'x.csv', '--column', 'x', '--lags', '0'],
      code: 2,
      words: ['--lags must be a whole number between 1 and 10000'],
    },
    {
      what: '--kelly above 1',
      cli: ['backtest', 'nfl', '--kelly', '2', '--no-report'],
      code: 2,
      words: ['--kelly must be a number between 0.001 and 1'],
    },
    {
      what: '--edge in hex',
      cli: ['backtest', 'nfl', '--edge', '0x1', '--no-report'],
      code: 2,
      words: ['--edge must be a number in decimal notation'],
    },
    {
      what: '--cash zero',
      cli: ['backtest', 'nfl', '--cash', '0', '--no-report'],
      code: 2,
      words: ['--cash must be a number between 1 and'],
    },
    {
      what: '--min-price above --max-price',
      cli: ['backtest', 'nfl', '--min-price', '60', '--max-price', '40', '--no-report'],
      code: 2,
      words: ['--min-price (60) must not exceed --max-price (40)'],
    },
    {
      what: '--seasons reversed',
      cli: ['backtest', 'nfl', '--seasons', '2024-2006', '--no-report'],
      code: 2,
      words: ['the first season must not be after the last'],
    },
    {
      what: '--seasons not a range',
      cli: ['backtest', 'nfl', '--seasons', 'recent', '--no-report'],
      code: 2,
      words: ['--seasons must be a season or a range like 2006-2024'],
    },
    {
      what: '--strategy unknown',
      cli: ['backtest', 'nfl', '--strategy', 'vibes', '--no-report'],
      code: 2,
      words: ['--strategy must be one of elo-edge, spread-edge'],
    },
    {
      what: '--execution unknown',
      cli: ['backtest', 'nfl', '--execution', 'magic', '--no-report'],
      code: 2,
      words: ['--execution must be quote or book'],
    },
    {
      what: '--data-dir missing',
      cli: ['backtest', 'nfl', '--data-dir', '/nonexistent/dir', '--no-report'],
      code: 2,
      words: ['data directory /nonexistent/dir (from --data-dir / dataDir) does not exist'],
    },
    // ---- config files ----
    {
      what: 'config file missing',
      cli: ['simulate', '--config', 'configs/nope.yaml'],
      code: 2,
      words: ['cannot read config file configs/nope.yaml'],
    },
    {
      what: 'empty config file',
      cli: ['simulate', '--config', C('empty.yaml', '')],
      code: 2,
      words: ['has no settings (it is empty or only comments)', 'leave --config out'],
    },
    {
      what: 'comments-only config file',
      cli: ['simulate', '--config', C('comments.yaml', '# nothing here\n# at all\n')],
      code: 2,
      words: ['has no settings'],
    },
    { what: 'empty JSON object config', cli: ['simulate', '--config', C('empty.json', '{}')], code: 2, words: ['has no settings'] },
    {
      what: 'config is a list',
      cli: ['simulate', '--config', C('list.yaml', '- 1\n- 2\n')],
      code: 2,
      words: ['must hold a mapping of settings', 'got a list'],
    },
    {
      what: 'config YAML syntax error',
      cli: ['simulate', '--config', C('broken.yaml', 'steps: [1, 2\n')],
      code: 2,
      words: ['is not valid YAML'],
    },
    {
      what: 'config JSON syntax error',
      cli: ['simulate', '--config', C('broken.json', '{"steps": }')],
      code: 2,
      words: ['is not valid JSON'],
    },
    {
      what: 'config with an unknown extension',
      cli: ['simulate', '--config', C('model.txt', 'steps: 10')],
      code: 2,
      words: ['unknown extension .txt; use .yaml, .yml or .json'],
    },
    {
      what: 'config unknown key',
      cli: ['simulate', '--config', C('unknown.yaml', 'stepz: 10\n')],
      code: 2,
      words: ['unknown key "stepz"'],
    },
    {
      what: 'config value out of range',
      cli: ['simulate', '--config', C('range.yaml', 'agents:\n  informed:\n    signalQuality: 3\n')],
      code: 2,
      words: ['agents.informed.signalQuality must be in [0,1]'],
    },
    {
      what: 'config with zero agents',
      cli: [
        'simulate',
        '--config',
        C(
          'zero.yaml',
          'agents:\n  noise: {count: 0}\n  informed: {count: 0}\n  arbitrageur: {count: 0}\n  marketMaker: {count: 0}\n  homer: {count: 0}\n  llm: {count: 0}\n',
        ),
      ],
      code: 2,
      words: ["every family's count is 0, so nobody would trade"],
    },
    {
      what: 'config with only LLM agents and no endpoint',
      cli: [
        'simulate',
        '--config',
        C(
          'llm-only.yaml',
          'agents:\n  noise: {count: 0}\n  informed: {count: 0}\n  arbitrageur: {count: 0}\n  marketMaker: {count: 0}\n  homer: {count: 0}\n  llm: {count: 3}\n',
        ),
        '--no-report',
      ],
      env: { OMEGA_LLM_URL: undefined },
      code: 2,
      words: ['no agent takes part', 'set OMEGA_LLM_URL'],
    },
    {
      what: 'config with a million agents',
      cli: ['simulate', '--config', C('million.yaml', 'agents:\n  noise: {count: 1000000}\n')],
      code: 2,
      words: ['more than the 100,000 one model supports'],
    },
    {
      what: 'config steps negative',
      cli: ['simulate', '--config', C('neg.yaml', 'steps: -5\n')],
      code: 2,
      words: ['steps must be a whole number ≥ 0'],
    },
    {
      what: 'config short window not shorter than long',
      cli: ['simulate', '--config', C('windows.yaml', 'agents:\n  noise:\n    shortWindow: 50\n    longWindow: 20\n')],
      code: 2,
      words: ['agents.noise.shortWindow must be shorter than agents.noise.longWindow'],
    },
    {
      what: 'config LLM endpoint not a URL',
      cli: ['simulate', '--config', C('llm-url.yaml', 'agents:\n  llm:\n    endpoint: localhost-8080\n')],
      code: 2,
      words: ['agents.llm.endpoint must be a URL'],
    },
    {
      what: 'config LLM timeout too short',
      cli: ['simulate', '--config', C('llm-timeout.yaml', 'agents:\n  llm:\n    timeoutMs: 5\n')],
      code: 2,
      words: ['agents.llm.timeoutMs'],
    },
    {
      what: 'config LLM step deadline zero',
      cli: ['simulate', '--config', C('llm-deadline.yaml', 'agents:\n  llm:\n    stepDeadlineMs: 0\n')],
      code: 2,
      words: ['agents.llm.stepDeadlineMs must be a whole number in [100,3600000]'],
    },
    {
      what: 'config LLM key in a config field',
      cli: ['simulate', '--config', C('llm-key.yaml', 'agents:\n  llm:\n    apiKey: sk-abc\n')],
      code: 2,
      words: ['unknown key "apiKey"'],
    },
    // ---- CSV files for omega facts ----
    { what: 'CSV file missing', cli: ['facts', '--csv', 'nope.csv', '--column', 'r'], code: 2, words: ['cannot read CSV file nope.csv'] },
    {
      what: 'CSV empty',
      cli: ['facts', '--csv', F('empty.csv', ''), '--column', 'r'],
      code: 2,
      words: ['is empty; the first line must name the columns'],
    },
    {
      what: 'CSV unknown column',
      cli: ['facts', '--csv', F('ok.csv', returnsCsv(series(200, noise))), '--column', 'x'],
      code: 2,
      words: ['has no column "x"; its columns are: r'],
    },
    {
      what: 'CSV cell not a number',
      cli: ['facts', '--csv', F('word.csv', returnsCsv(series(200, (i) => (i === 41 ? 'oops' : noise(i))))), '--column', 'r'],
      code: 2,
      words: ['line 43, column "r": "oops" is not a number'],
    },
    {
      what: 'CSV cell in hex',
      cli: ['facts', '--csv', F('hex.csv', returnsCsv(series(200, (i) => (i === 9 ? '0x10' : noise(i))))), '--column', 'r'],
      code: 2,
      words: ['line 11, column "r": "0x10" is not a number in decimal notation'],
    },
    {
      what: 'CSV cell Infinity',
      cli: ['facts', '--csv', F('inf.csv', returnsCsv(series(200, (i) => (i === 3 ? 'Infinity' : noise(i))))), '--column', 'r'],
      code: 2,
      words: ['line 5, column "r": "Infinity" is not a number'],
    },
    {
      what: 'CSV cell empty',
      cli: ['facts', '--csv', F('blank.csv', `t,r\n${series(200, (i) => `${i},${i === 7 ? '' : noise(i)}`)}\n`), '--column', 'r'],
      code: 2,
      words: ['line 9, column "r": is empty'],
    },
    {
      what: 'CSV duplicate header',
      cli: ['facts', '--csv', F('dup.csv', `r,t,r\n${series(200, (i) => `${noise(i)},${i},1`)}\n`), '--column', 'r'],
      code: 2,
      words: ['line 1: the header names column "r" twice (columns 1 and 3)'],
    },
    {
      what: 'CSV ragged row',
      cli: ['facts', '--csv', F('ragged.csv', `t,r\n${series(200, (i) => (i === 20 ? `${i}` : `${i},${noise(i)}`))}\n`), '--column', 'r'],
      code: 2,
      words: ['line 22: 1 fields, but the header names 2'],
    },
    {
      what: 'CSV too short a series',
      cli: ['facts', '--csv', F('short.csv', returnsCsv(series(20, noise))), '--column', 'r'],
      code: 2,
      words: ['need at least 64 returns'],
    },
    {
      what: 'CSV constant series',
      cli: ['facts', '--csv', F('constant.csv', returnsCsv(series(300, () => '0.5'))), '--column', 'r'],
      code: 2,
      words: ['every one of the 300 returns is 0.5: a constant series has no variance'],
      absent: ['determinant'],
    },
    {
      what: 'CSV constant prices',
      cli: [
        'facts',
        '--csv',
        F(
          'flat.csv',
          returnsCsv(
            series(300, () => '42'),
            'p',
          ),
        ),
        '--column',
        'p',
        '--kind',
        'prices',
      ],
      code: 2,
      words: ['every one of the 299 returns is 0'],
    },
    {
      what: 'price of 150¢ under --transform logit',
      cli: [
        'facts',
        '--csv',
        F(
          'cents.csv',
          returnsCsv(
            series(300, (i) => String(i === 99 ? 150 : 40 + (i % 7))),
            'p',
          ),
        ),
        '--column',
        'p',
        '--kind',
        'prices',
        '--transform',
        'logit',
      ],
      code: 2,
      words: ['line 101, column "p": 150 is not a price in cents (0–100)'],
    },
    {
      what: 'negative price under --transform log',
      cli: [
        'facts',
        '--csv',
        F(
          'neg-price.csv',
          returnsCsv(
            series(300, (i) => String(i === 50 ? -3 : 40 + (i % 7))),
            'p',
          ),
        ),
        '--column',
        'p',
        '--kind',
        'prices',
        '--transform',
        'log',
      ],
      code: 2,
      words: ['log returns need positive prices'],
    },
    {
      what: '--kind unknown',
      cli: ['facts', '--csv', 'test/facts/fixtures/garch.csv', '--column', 'ret', '--kind', 'levels'],
      code: 2,
      words: ['--kind must be prices or returns'],
    },
    {
      what: '--transform unknown',
      cli: ['facts', '--csv', 'test/facts/fixtures/garch.csv', '--column', 'price', '--kind', 'prices', '--transform', 'sqrt'],
      code: 2,
      words: ['--transform must be diff, logit or log'],
    },
    {
      what: '--hill-k too large',
      cli: ['facts', '--csv', 'test/facts/fixtures/garch.csv', '--column', 'ret', '--hill-k', '5000'],
      code: 2,
      words: ['k must be a whole number in [1, n−1]'],
    },
    // ---- NFL data ----
    {
      what: 'NFL impossible date',
      cli: bt('date', [gameRow({ day: '2015-02-30' })]),
      code: 2,
      words: ['games.csv line 4, column "gameday": "2015-02-30" is not a real calendar date'],
    },
    {
      what: 'NFL date in another format',
      cli: bt('date-format', [gameRow({ day: '13/09/2015' })]),
      code: 2,
      words: ['line 4, column "gameday": "13/09/2015" must be a date YYYY-MM-DD'],
    },
    {
      what: 'NFL kickoff time 25:00',
      cli: bt('time', [gameRow({ time: '25:00' })]),
      code: 2,
      words: ['line 4, column "gametime": "25:00" must be a time HH:MM'],
    },
    {
      what: 'NFL moneyline 0',
      cli: bt('ml0', [gameRow({ hml: '0' })]),
      code: 2,
      words: ['line 4, column "home_moneyline": "0" is not an American moneyline'],
    },
    {
      what: 'NFL moneyline 50',
      cli: bt('ml50', [gameRow({ aml: '50' })]),
      code: 2,
      words: ['line 4, column "away_moneyline": "50" is not an American moneyline'],
    },
    {
      what: 'NFL moneyline in hex',
      cli: bt('mlhex', [gameRow({ aml: '0x96' })]),
      code: 2,
      words: ['column "away_moneyline": "0x96" is not a number'],
    },
    {
      what: 'NFL moneyline text',
      cli: bt('mltext', [gameRow({ aml: '+1xx' })]),
      code: 2,
      words: ['line 4, column "away_moneyline": "+1xx" is not a number'],
    },
    {
      what: 'NFL score −999',
      cli: bt('score', [gameRow({ hs: '-999', result: '-1025' })]),
      code: 2,
      words: ['line 4, column "home_score": "-999" must be a whole number ≥ 0'],
    },
    {
      what: 'NFL fractional score',
      cli: bt('score-frac', [gameRow({ as: '26.5', result: '0.5' })]),
      code: 2,
      words: ['column "away_score": "26.5" must be a whole number ≥ 0'],
    },
    {
      what: 'NFL result not home − away',
      cli: bt('result', [gameRow({ result: '9' })]),
      code: 2,
      words: ['column "result": "9" is 9, but home_score − away_score is 1'],
    },
    {
      what: 'NFL unknown team code',
      cli: bt('team', [gameRow({ id: '2015_01_XXX_DAL', away: 'XXX' })]),
      code: 2,
      words: ['line 4, column "away_team": "XXX" is not a known team code'],
    },
    {
      what: 'NFL a team playing itself',
      cli: bt('self', [gameRow({ id: '2015_01_DAL_DAL', away: 'DAL' })]),
      code: 2,
      words: ['column "away_team": "DAL" is the home team too'],
    },
    {
      what: 'NFL duplicated game',
      cli: bt('dup', [gameRow(), gameRow()]),
      code: 2,
      words: ['line 5, column "game_id": "2015_01_NYG_DAL" repeats the game of line 4'],
    },
    {
      what: 'NFL duplicated season (every game twice)',
      cli: bt('dup-season', [...GOOD]),
      code: 2,
      words: ['line 4, column "game_id": "2015_01_SD_STL" repeats the game of line 2'],
    },
    {
      what: 'NFL week 0',
      cli: bt('week', [gameRow({ week: '0' })]),
      code: 2,
      words: ['column "week": "0" must be a whole number in [1, 30]'],
    },
    {
      what: 'NFL season in hex',
      cli: bt('season', [gameRow({ season: '0x7df' })]),
      code: 2,
      words: ['column "season": "0x7df" is not a number'],
    },
    {
      what: 'NFL unknown game type',
      cli: bt('type', [gameRow({ type: 'PRE' })]),
      code: 2,
      words: ['column "game_type": "PRE" must be REG, WC, DIV, CON or SB'],
    },
    {
      what: 'NFL unknown location',
      cli: bt('loc', [gameRow({ loc: 'Away' })]),
      code: 2,
      words: ['column "location": "Away" must be Home or Neutral'],
    },
    {
      what: 'NFL missing team',
      cli: bt('noteam', [gameRow({ home: '' })]),
      code: 2,
      words: ['column "home_team": "" is empty but required'],
    },
    {
      what: 'NFL truncated .csv.gz',
      cli: bt('trunc', [], [], 'truncated-gz'),
      code: 2,
      words: [
        /games\.csv\.gz is truncated or corrupt \(unexpected end of file\) (after line \d+ of its CSV|from its first byte); copy or download the file again/,
      ],
    },
    {
      what: 'NFL corrupt .csv.gz',
      cli: bt('corrupt', [], [], 'corrupt-gz'),
      code: 2,
      words: ['games.csv.gz is truncated or corrupt (incorrect header check) from its first byte'],
    },
    { what: 'NFL not the games table', cli: bt('other', [], [], 'raw', 'a,b\n1,2\n'), code: 2, words: ['is not the nflverse games table'] },
    {
      what: 'NFL duplicate header column',
      cli: bt('duphdr', [], [], 'raw', `${HEADER},season\n`),
      code: 2,
      words: ['the header names column "season" twice'],
    },
    { what: 'NFL empty games file', cli: bt('emptyfile', [], [], 'raw', ''), code: 2, words: ['has no header row'] },
    {
      what: 'NFL no games table in the folder',
      cli: ['backtest', 'nfl', '--no-report', '--data-dir', path.join(dir, 'data')],
      code: 2,
      words: ['no nfl/games/games.csv(.gz) under'],
    },
    {
      what: 'NFL --skip-invalid counts a bad row and goes on',
      cli: bt('skip', [gameRow({ hml: '0' })], ['--skip-invalid']),
      code: 0,
      words: ['"games":2', '"skipped_rows":1'],
    },
    {
      what: 'NFL --skip-invalid counts duplicates and unknown teams',
      cli: bt('skip-dup', [...GOOD, gameRow({ id: '2015_01_XXX_DAL', away: 'XXX' })], ['--skip-invalid']),
      code: 0,
      words: ['"games":2', '"skipped_rows":3'],
    },
    {
      what: 'NFL gzipped table with a bad row',
      cli: bt('gz-bad', [gameRow({ day: '2015-13-01' })], [], 'gz'),
      code: 2,
      words: ['games.csv.gz line 4, column "gameday": "2015-13-01" is not a real calendar date'],
    },
    {
      what: '--in-game with no play-by-play for the seasons',
      cli: [...bt('pbp-2020', [gameRow({ id: '2020_01_NYG_DAL', season: '2020', day: '2020-09-13' })], ['--in-game']), '--seasons', '2015'],
      code: 2,
      words: ['--in-game needs play-by-play win probabilities', 'none for seasons 2015-2015 (it has games of 2020)'],
    },
    {
      what: '--in-game with no play-by-play at all',
      cli: bt('nopbp', [], ['--in-game']),
      code: 2,
      words: ['no nflfastr_partial_seasons or nflscrapr_postseason files found'],
    },
    // ---- output folders ----
    { what: 'simulate --out is a file', cli: ['simulate', '--out', aFile], code: 2, words: ['is a file, not a folder'] },
    {
      what: 'simulate --out under a file',
      cli: ['simulate', '--out', path.join(aFile, 'run')],
      code: 2,
      words: ['which is a file, not a folder'],
    },
    {
      what: 'simulate --out under /proc',
      cli: ['simulate', '--out', '/proc/omega-run'],
      code: 2,
      words: ['is inside /proc, a kernel file system'],
    },
    { what: 'simulate --out is /proc/self', cli: ['simulate', '--out', '/proc/self/fd'], code: 2, words: ['is inside /proc'] },
    {
      what: 'simulate --out under /sys',
      cli: ['simulate', '--out', '/sys/kernel/omega'],
      code: 2,
      words: ['is inside /sys, a kernel file system'],
    },
    { what: 'simulate --out under /dev', cli: ['simulate', '--out', '/dev/null/run'], code: 2, words: ['is inside /dev'] },
    { what: 'backtest --out is a file', cli: ['backtest', 'nfl', '--out', aFile], code: 2, words: ['--out', 'is a file, not a folder'] },
    { what: 'backtest --out under /proc', cli: ['backtest', 'nfl', '--out', '/proc/x/y'], code: 2, words: ['is inside /proc'] },
    {
      what: 'odd --out under a file',
      cli: ['odd', '--out', path.join(aFile, 'odd.md')],
      code: 2,
      words: ['which is a file, not a folder'],
    },
    { what: 'odd --out under /sys', cli: ['odd', '--out', '/sys/odd.md'], code: 2, words: ['is inside /sys'] },
    { what: 'odd --out is a folder', cli: ['odd', '--out', folder('odd-dir.md')], code: 2, words: ['is a folder; name a file inside it'] },
    {
      what: 'odd --out not Markdown',
      cli: ['odd', '--out', path.join(dir, 'odd.txt')],
      code: 2,
      words: ['--out must name a Markdown file ending in .md'],
    },
    {
      what: 'backtest grid --out under /proc',
      cli: ['backtest', 'grid', '--seasons', '2015', '--out', '/proc/grid'],
      code: 2,
      words: ['--out /proc/grid is inside /proc'],
    },
    {
      what: 'sweep --out is a file',
      cli: ['sweep', '--design', 'replications', '--runs', '1', '--out', aFile],
      code: 2,
      words: ['is a file, not a folder'],
    },
    // ---- LLM settings (a local server answers by path) ----
    {
      what: 'OMEGA_LLM_URL not a URL',
      cli: SIM,
      env: { OMEGA_LLM_URL: 'notaurl' },
      code: 2,
      words: ['OMEGA_LLM_URL must be an http(s) URL'],
    },
    {
      what: 'OMEGA_LLM_URL without a scheme',
      cli: SIM,
      env: { OMEGA_LLM_URL: 'localhost:8080/v1/chat/completions' },
      code: 2,
      words: ['OMEGA_LLM_URL must be an http(s) URL'],
    },
    {
      what: 'OMEGA_LLM_URL with another scheme, key redacted',
      cli: SIM,
      env: { OMEGA_LLM_URL: `ftp://me:${SECRET}@host/v1` },
      code: 2,
      words: ['OMEGA_LLM_URL must be an http(s) URL', 'me:***@'],
      absent: [SECRET],
    },
    {
      what: 'LLM endpoint on a closed port',
      cli: SIM,
      env: { OMEGA_LLM_URL: `http://127.0.0.1:${closedPort}/v1/chat/completions` },
      code: 2,
      words: ['cannot reach the language-model endpoint', '(ECONNREFUSED): start the model server'],
    },
    {
      what: 'LLM closed port, key in the URL redacted',
      cli: SIM,
      env: { OMEGA_LLM_URL: `http://user:${SECRET}@127.0.0.1:${closedPort}/v1/chat/completions?api_key=${SECRET}` },
      code: 2,
      words: ['cannot reach', 'user:***@', 'api_key=***'],
      absent: [SECRET],
    },
    {
      what: 'LLM HTTP 401 without a key',
      cli: SIM,
      env: { OMEGA_LLM_URL: llmUrl('401'), OMEGA_LLM_API_KEY: undefined },
      code: 2,
      words: ['wants an API key (HTTP 401): set $OMEGA_LLM_API_KEY'],
    },
    {
      what: 'LLM HTTP 401 with a wrong key',
      cli: SIM,
      env: { OMEGA_LLM_URL: llmUrl('401'), OMEGA_LLM_API_KEY: SECRET },
      code: 2,
      words: ['refused the API key (HTTP 401): check the key in $OMEGA_LLM_API_KEY'],
      absent: [SECRET],
    },
    {
      what: 'LLM HTTP 403',
      cli: SIM,
      env: { OMEGA_LLM_URL: llmUrl('403'), OMEGA_LLM_API_KEY: SECRET },
      code: 2,
      words: ['(HTTP 403)'],
      absent: [SECRET],
    },
    {
      what: 'LLM HTTP 404 (wrong path)',
      cli: SIM,
      env: { OMEGA_LLM_URL: llmUrl('404') },
      code: 2,
      words: ['answered HTTP 404: check the URL path'],
    },
    {
      what: 'LLM negative token usage is counted, never $NaN',
      cli: [...SIM, '--json'],
      env: { OMEGA_LLM_URL: llmUrl('negative-usage') },
      code: 0,
      words: [/"bad-response":[1-9]/, /"invalidReplies":0/, /"spent":0\.0\d+/],
      absent: ['NaN'],
    },
    {
      what: 'LLM text token usage is counted',
      cli: [...SIM, '--json'],
      env: { OMEGA_LLM_URL: llmUrl('text-usage') },
      code: 0,
      words: [/"bad-response":[1-9]/, /"fallbacks":[1-9]/],
      absent: ['NaN'],
    },
    {
      what: 'LLM failures shown in the summary',
      cli: SIM,
      env: { OMEGA_LLM_URL: llmUrl('400') },
      code: 0,
      words: ['LLM agents', /fell back to the rule \(0 invalid replies, [1-9]\d* failed calls/, /http [1-9]/],
    },
    {
      what: 'LLM $0 budget is honored',
      cli: [
        'simulate',
        '--config',
        C('llm-budget0.yaml', LLM_CONFIG.replace('cacheFile: ""', 'cacheFile: "", budget: 0')),
        '--no-report',
        '--no-checks',
        '--json',
      ],
      env: { OMEGA_LLM_URL: llmUrl('ok') },
      code: 0,
      words: [/"calls":0,/, /"budgetStops":[1-9]/, /"budget":0,/],
      absent: ['NaN'],
    },
    // ---- library calls at the API boundary ----
    {
      what: 'Model.run({steps: -5})',
      call: () => Model.create({ steps: 20 }, 1).run({ steps: -5 }),
      code: 2,
      errorCode: 'VALIDATION',
      words: ['Model.run: steps must be a whole number ≥ 0, got -5'],
    },
    {
      what: 'Model.run({steps: 1.5})',
      call: () => Model.create({ steps: 20 }, 1).run({ steps: 1.5 }),
      code: 2,
      errorCode: 'VALIDATION',
      words: ['Model.run: steps must be a whole number ≥ 0, got 1.5'],
    },
    {
      what: 'Model.run({steps: NaN})',
      call: () => Model.create({ steps: 20 }, 1).run({ steps: Number.NaN }),
      code: 2,
      errorCode: 'VALIDATION',
      words: ['Model.run: steps must be a whole number ≥ 0'],
    },
    {
      what: 'Model.runAsync({steps: -1})',
      call: () => Model.create({ steps: 20 }, 1).runAsync({ steps: -1 }),
      code: 2,
      errorCode: 'VALIDATION',
      words: ['Model.runAsync: steps must be a whole number ≥ 0, got -1'],
    },
    {
      what: 'requireAgents with zero agents',
      call: () =>
        requireAgents(
          parseModelConfig({
            agents: {
              noise: { count: 0 },
              informed: { count: 0 },
              arbitrageur: { count: 0 },
              marketMaker: { count: 0 },
              homer: { count: 0 },
              llm: { count: 0 },
            },
          }),
        ),
      code: 2,
      errorCode: 'VALIDATION',
      words: ["every family's count is 0"],
    },
    {
      what: 'a model with zero agents reports no price, not a made-up one',
      call: () => {
        const m = Model.create(
          {
            steps: 5,
            agents: {
              noise: { count: 0 },
              informed: { count: 0 },
              arbitrageur: { count: 0 },
              marketMaker: { count: 0 },
              homer: { count: 0 },
              llm: { count: 0 },
            },
          },
          1,
        ).run();
        return { notices: m.notices, market: summarize(m).markets[0] };
      },
      code: 0,
      words: ['no agent takes part: the market will have no trades and no price', '"finalMid":null', '"trades":0'],
    },
    {
      what: 'parseModelConfig with 200,000 agents',
      call: () => parseModelConfig({ agents: { noise: { count: 100_000 }, homer: { count: 100_000 } } }),
      code: 2,
      errorCode: 'VALIDATION',
      words: [/200,\d{3} agents in total is more than the 100,000/],
    },
    {
      what: 'parseModelConfig seed as a string',
      call: () => parseModelConfig({ seed: '0x10' }),
      code: 2,
      errorCode: 'VALIDATION',
      words: ['seed'],
    },
    {
      what: 'Model.create with a malformed OMEGA_LLM_URL',
      call: () => Model.create({}, 1, { env: { OMEGA_LLM_URL: `htp//x:${SECRET}@h` } }),
      code: 2,
      errorCode: 'VALIDATION',
      words: ['OMEGA_LLM_URL must be an http(s) URL'],
      absent: [SECRET],
    },
    {
      what: 'listMarket twice',
      call: () => {
        const ex = new Exchange();
        ex.listMarket({ ticker: 'M' });
        ex.listMarket({ ticker: 'M' });
      },
      code: 2,
      errorCode: 'DUPLICATE_MARKET',
      words: ['market M is already listed'],
    },
    {
      what: 'listMarket with an empty ticker',
      call: () => new Exchange().listMarket({ ticker: '' }),
      code: 2,
      errorCode: 'INVALID_TICKER',
      words: ['ticker must be a non-empty string'],
    },
    {
      what: 'openAccount with negative cash',
      call: () => new Exchange().openAccount('a', -100),
      code: 2,
      errorCode: 'INVALID_AMOUNT',
      words: ['cash must be a non-negative number'],
    },
    {
      what: 'deposit of zero',
      call: () => {
        const ex = new Exchange();
        ex.deposit(ex.openAccount('a', 0), 0);
      },
      code: 2,
      errorCode: 'INVALID_AMOUNT',
      words: ['deposit: amount must be a positive number'],
    },
    {
      what: 'order in an unknown market',
      call: () => {
        const ex = new Exchange();
        ex.submitOrder(ex.openAccount('a', 1000), { ticker: 'NOPE', side: 'bid', price: 50, count: 1, timeInForce: 'gtc' });
      },
      code: 2,
      errorCode: 'UNKNOWN_MARKET',
      words: ['unknown market "NOPE"'],
    },
    {
      what: 'order without the funds',
      call: () => {
        const ex = new Exchange();
        ex.listMarket({ ticker: 'M' });
        ex.submitOrder(ex.openAccount('a', 10), { ticker: 'M', side: 'bid', price: 50, count: 10, timeInForce: 'gtc' });
      },
      code: 2,
      errorCode: 'INSUFFICIENT_FUNDS',
      words: ['needs', 'but has 10 free'],
    },
    {
      what: 'order at price 0',
      call: () => {
        const ex = new Exchange();
        ex.listMarket({ ticker: 'M' });
        ex.submitOrder(ex.openAccount('a', 1000), { ticker: 'M', side: 'bid', price: 0, count: 1, timeInForce: 'gtc' });
      },
      code: 2,
      errorCode: 'INVALID_PRICE',
      words: ['price'],
    },
    {
      what: 'order of 1.5 contracts',
      call: () => {
        const ex = new Exchange();
        ex.listMarket({ ticker: 'M' });
        ex.submitOrder(ex.openAccount('a', 1000), { ticker: 'M', side: 'bid', price: 50, count: 1.5, timeInForce: 'gtc' });
      },
      code: 2,
      errorCode: 'INVALID_QUANTITY',
      words: ['count'],
    },
    {
      what: 'order with an unknown side',
      call: () => {
        const ex = new Exchange();
        ex.listMarket({ ticker: 'M' });
        ex.submitOrder(ex.openAccount('a', 1000), { ticker: 'M', side: 'maybe' as 'bid', price: 50, count: 1, timeInForce: 'gtc' });
      },
      code: 2,
      errorCode: 'INVALID_SIDE',
      words: ['side must be "bid" (buy YES) or "ask" (sell YES)'],
    },
  ];
}

async function runRow(r: Row): Promise<CliResult> {
  if (r.call) {
    try {
      // a call that returns is checked on what it returned (as JSON: NaN shows as null)
      return { code: 0, stdout: JSON.stringify(await r.call()) ?? '', stderr: '' };
    } catch (e) {
      const err = e as Error & { code?: string };
      if (r.errorCode) expect(err.code, `${r.what}: error code`).toBe(r.errorCode);
      return { code: e instanceof OmegaError ? 2 : 1, stdout: '', stderr: err.message };
    }
  }
  // LLM settings of the environment running the tests never leak into a row
  const env = { OMEGA_LLM_URL: undefined, OMEGA_LLM_API_KEY: undefined, OMEGA_LLM_MODEL: undefined, ...r.env };
  return r.process ? omegaProcess(r.cli!, { env }) : omegaInProcess(r.cli!, env);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'omega-bad-inputs-'));
  llm = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const mode = (req.url ?? '').split('/')[1];
      const reply = (usage: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ choices: [{ message: { content: '{"side":"hold","price":50,"size":0,"reason":"wait"}' } }], usage }));
      };
      if (mode === '400' || mode === '401' || mode === '403' || mode === '404')
        return void (res.writeHead(Number(mode)), res.end('{"error":"no"}'));
      if (mode === 'negative-usage') return reply({ prompt_tokens: -100, completion_tokens: 10 });
      if (mode === 'text-usage') return reply({ prompt_tokens: 'many', completion_tokens: 10 });
      reply({ prompt_tokens: 100, completion_tokens: 10 });
    });
  });
  await new Promise<void>((r) => llm.listen(0, '127.0.0.1', () => r()));
  llmBase = `http://127.0.0.1:${(llm.address() as { port: number }).port}`;
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
});
afterAll(() => new Promise<void>((r) => (llm.closeAllConnections(), llm.close(() => r()))));

describe('bad inputs: one clear error, exit code 2, nothing written', () => {
  it('covers every class with at least 100 rows', () => {
    const table = rows();
    expect(table.length).toBeGreaterThanOrEqual(100);
    const names = table.map((r) => r.what);
    expect(new Set(names).size, 'row names are unique').toBe(names.length);
  });

  it('every row gives its exit code and its error, and no stack trace, secret or $NaN', async () => {
    const failures: string[] = [];
    for (const r of rows()) {
      const out = await runRow(r);
      const text = `${out.stderr}\n${out.stdout}`;
      const problems: string[] = [];
      if (out.code !== r.code) problems.push(`exit ${out.code}, expected ${r.code}`);
      for (const w of r.words) if (typeof w === 'string' ? !text.includes(w) : !w.test(text)) problems.push(`missing ${String(w)}`);
      for (const a of [...ALWAYS_ABSENT, ...(r.absent ?? [])])
        if (typeof a === 'string' ? text.includes(a) : a.test(text)) problems.push(`contains ${String(a)}`);
      if (r.code === 2 && r.cli) {
        const errorLines = out.stderr.split('\n').filter((l) => l.startsWith('omega: ') || l.startsWith('error: '));
        if (errorLines.length > 1) problems.push(`${errorLines.length} error lines`);
        if (out.stdout.trim() !== '' && !r.cli.includes('--help')) problems.push('printed to stdout');
      }
      if (problems.length)
        failures.push(
          `${r.what} (${r.cli ? `omega ${r.cli.join(' ')}` : 'call'}): ${problems.join('; ')}\n    stderr: ${out.stderr.slice(0, 400)}`,
        );
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 120_000);
});

describe('bad inputs that need a real process', () => {
  it('an unknown command exits 2 from the real binary', () => {
    const r = omegaProcess(['simulat']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'simulat'");
  });

  it('a closed pipe on stdout (omega simulate | head -1) ends quietly', async () => {
    const child = spawn(
      process.execPath,
      ['bin/omega.mjs', 'simulate', '--config', 'configs/small.yaml', '--steps', '30', '--no-report', '--no-checks', '--no-progress'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout.destroy(); // the reader is gone before anything is written: every write meets EPIPE
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|    at /);
  });

  it('a read-only output folder is refused before the run, as a user who cannot write there', () => {
    const ro = path.join(dir, 'read-only');
    mkdirSync(ro, { recursive: true });
    chmodSync(ro, 0o555);
    // root writes anywhere: run the command as "nobody" then, so permissions apply
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    chmodSync(dir, 0o755);
    const r = spawnSyncAs(
      ['simulate', '--config', 'configs/small.yaml', '--steps', '20', '--no-checks', '--out', path.join(ro, 'run')],
      asUser,
    );
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`cannot write in ${ro} (permission denied)`);
    expect(readdirSync(ro)).toEqual([]);
  });

  it('a key written inside the LLM endpoint appears nowhere: output, report files, manifest', async () => {
    const out = path.join(dir, 'secret-run');
    const endpoint = `${llmBase.replace('http://', `http://user:${SECRET}@`)}/ok/v1/chat/completions?api_key=${SECRET}`;
    const cfg = file(path.join('configs', 'secret.yaml'), LLM_CONFIG.replace('cacheFile: ""', `cacheFile: "", endpoint: "${endpoint}"`));
    const r = await omegaInProcess(['simulate', '--config', cfg, '--no-checks', '--no-progress', '--json', '--out', out], {
      OMEGA_LLM_URL: undefined,
    });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { summary: { llm: { replies: number } } }).summary.llm.replies).toBeGreaterThan(0);
    const sources: Array<[string, string]> = [
      ['stdout', r.stdout],
      ['stderr', r.stderr],
      ...readdirSync(out).map((f): [string, string] => [f, readFileSync(path.join(out, f), 'utf8')]),
    ];
    expect(sources.filter(([, text]) => text.includes('user:***@')).map(([name]) => name)).toEqual(
      expect.arrayContaining(['stdout', 'manifest.json', 'config.json']),
    );
    expect(
      sources.filter(([, text]) => text.includes(SECRET)).map(([name]) => name),
      'where the key appears',
    ).toEqual([]);
  });

  it('nothing is written on a bad input: a failed run leaves an existing report folder as it was', async () => {
    const out = path.join(dir, 'kept');
    expect(
      (await omegaInProcess(['simulate', '--config', 'configs/small.yaml', '--steps', '30', '--no-checks', '--no-progress', '--out', out]))
        .code,
    ).toBe(0);
    const before = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), 'utf8')]));
    const r = await omegaInProcess(['simulate', '--config', 'configs/small.yaml', '--steps', '30', '--no-checks', '--out', out], {
      OMEGA_LLM_URL: `http://127.0.0.1:${closedPort}/v1/chat/completions`,
    });
    expect(r.code).toBe(2);
    expect(Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), 'utf8')]))).toEqual(before);
    expect(existsSync(path.join(path.dirname(out), '.kept.previous'))).toBe(false);
  });
});

function spawnSyncAs(args: string[], ids: { uid?: number; gid?: number }): CliResult {
  const r = spawnSync(process.execPath, ['bin/omega.mjs', ...args], { encoding: 'utf8', timeout: 120_000, ...ids });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
