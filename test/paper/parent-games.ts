import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import type { Game } from '../../src/data/nfl/games.js';

/**
 * The NFL games table as the parent test process parsed it (harness.ts writes it once, v8-serialized, and names
 * the file in PAPER_GAMES_FILE). Parsing and validating the CSV took about a third of a session child's start
 * (≈ 0.17 of 0.65 CPU-s), which the recovery test's 52 children paid each; what the children test — a session
 * killed and restarted — does not depend on which process parsed the same rows. `omega paper` itself still loads
 * the data (test/cli/paper.test.ts).
 */
export function parentGames(): Game[] {
  const file = process.env.PAPER_GAMES_FILE;
  if (file === undefined) throw new Error('PAPER_GAMES_FILE is not set: run session children through test/paper/harness.ts');
  return deserialize(readFileSync(file)) as Game[];
}
