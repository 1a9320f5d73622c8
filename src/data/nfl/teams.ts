import { existsSync } from 'node:fs';
import path from 'node:path';
import { readCsv } from '../csv.js';
import { readText } from '../read-text.js';

/** The relocations inside 1999–2025, for when the crosswalk file is not available (download cache). */
const RELOCATIONS: Record<string, string> = { STL: 'LA', SD: 'LAC', OAK: 'LV' };

/** nflverse team codes of 1999–2025 (the 32 teams and the relocated OAK, SD, STL): the known codes when no crosswalk file is present. */
export const NFLVERSE_TEAMS: readonly string[] = ['ARI', 'ATL', 'BAL', 'BUF', 'CAR', 'CHI', 'CIN', 'CLE', 'DAL', 'DEN', 'DET', 'GB', 'HOU', 'IND', 'JAX', 'KC', 'LA', 'LAC', 'LV', 'MIA', 'MIN', 'NE', 'NO', 'NYG', 'NYJ', 'OAK', 'PHI', 'PIT', 'SD', 'SEA', 'SF', 'STL', 'TB', 'TEN', 'WAS'];

export interface TeamCrosswalk {
  /** Season code (nflverse) → franchise code (current). */
  franchise(code: string): string;
  /** True for a season code the crosswalk knows. */
  known(code: string): boolean;
  /** 538 code → nflverse franchise code. */
  fromFiveThirtyEight(code: string): string;
  readonly source: 'crosswalk' | 'built-in';
}

/**
 * Team codes normalized across relocations, from `reference/team_abbr_crosswalk.csv` when present
 * (else the three relocations of 1999–2025, STL→LA, SD→LAC, OAK→LV).
 */
export function loadCrosswalk(dataDir: string): TeamCrosswalk {
  const file = path.join(dataDir, 'nfl', 'reference', 'team_abbr_crosswalk.csv');
  if (!existsSync(file)) {
    const teams = new Set(NFLVERSE_TEAMS);
    return { franchise: (c) => RELOCATIONS[c] ?? c, known: (c) => teams.has(c), fromFiveThirtyEight: (c) => ({ LAR: 'LA', WSH: 'WAS', OAK: 'LV' })[c] ?? c, source: 'built-in' };
  }
  const table = readCsv(file, readText(file));
  const toFranchise = new Map<string, string>();
  const from538 = new Map<string, string>();
  for (const { values } of table.rows) {
    toFranchise.set(values.nflverse_abbr!, values.franchise_abbr!);
    if (values.fivethirtyeight_abbr) from538.set(values.fivethirtyeight_abbr, values.franchise_abbr!);
    if (values.fivethirtyeight_qbelo_subset_abbr) from538.set(values.fivethirtyeight_qbelo_subset_abbr, values.franchise_abbr!);
  }
  return { franchise: (c) => toFranchise.get(c) ?? c, known: (c) => toFranchise.has(c), fromFiveThirtyEight: (c) => from538.get(c) ?? c, source: 'crosswalk' };
}
