import { provenance } from '../core/provenance.js';
import { sourceHash } from './compiled.js';

/** What must match between a coordinator and a worker for a run to give the same bytes on either. */
export interface CodeManifest {
  readonly packageVersion: string;
  readonly gitCommit: string | null;
  readonly nodeMajor: number;
  /** Hash of src and the compiler settings: catches uncommitted edits that the commit alone misses. */
  readonly sourceHash: string;
}

let cached: CodeManifest | undefined;

export function codeManifest(): CodeManifest {
  if (cached) return cached;
  const { version, commit } = provenance();
  cached = { packageVersion: version, gitCommit: commit, nodeMajor: Number(process.versions.node.split('.')[0]), sourceHash: sourceHash() };
  return cached;
}

/** null when the manifests match; otherwise one sentence naming every difference (job's value vs this worker's). */
export function manifestMismatch(job: CodeManifest, own: CodeManifest): string | null {
  const diffs: string[] = [];
  if (job.packageVersion !== own.packageVersion) diffs.push(`package version ${job.packageVersion} vs ${own.packageVersion}`);
  if (job.gitCommit !== own.gitCommit)
    diffs.push(`git commit ${job.gitCommit?.slice(0, 12) ?? 'none'} vs ${own.gitCommit?.slice(0, 12) ?? 'none'}`);
  if (job.nodeMajor !== own.nodeMajor) diffs.push(`Node major ${job.nodeMajor} vs ${own.nodeMajor}`);
  if (job.sourceHash !== own.sourceHash)
    diffs.push(`source hash ${job.sourceHash.slice(0, 12)} vs ${own.sourceHash.slice(0, 12)} (uncommitted edits?)`);
  return diffs.length
    ? `the job was made by different code than this worker runs (job vs worker: ${diffs.join('; ')}); check out the coordinator's commit on this machine (git checkout, npm ci) and restart omega worker`
    : null;
}
