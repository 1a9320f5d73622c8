import { marked } from 'marked';
import { escapeHtml } from '../report/html.js';
import type { OddCheckResult } from './check-odd.js';
import { DESIGN_CONCEPTS, type OddDocument, type OddSection, type ParameterRow } from './schema.js';

const CONCEPT_TITLES: Record<string, string> = {
  basicPrinciples: 'Basic principles',
  emergence: 'Emergence',
  adaptation: 'Adaptation',
  objectives: 'Objectives',
  learning: 'Learning',
  prediction: 'Prediction',
  sensing: 'Sensing',
  interaction: 'Interaction',
  stochasticity: 'Stochasticity',
  collectives: 'Collectives',
  observation: 'Observation',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join(
    '\n',
  );
}

function claimLines(
  claims: ReadonlyArray<{ id: string; statement: string; check: string }>,
  results?: OddCheckResult,
  prefix = '',
): string {
  return claims
    .map((c) => {
      const r = results?.results.find((x) => x.id === `${prefix}${c.id}`);
      const mark = r && !r.skipped ? (r.pass ? '✅' : '❌') : '◻️';
      return `- ${mark} ${c.statement} — check \`${c.check}\`${r ? `: ${r.detail}` : ''}`;
    })
    .join('\n');
}

function section(s: OddSection, results?: OddCheckResult): string {
  if (s.notApplicable) return `*Not applicable:* ${s.notApplicable}`;
  return [s.text, s.claims.length ? claimLines(s.claims, results) : ''].filter(Boolean).join('\n\n');
}

function paramTable(rows: readonly ParameterRow[]): string {
  return table(
    ['parameter', 'default', 'unit', 'range', 'per agent', 'description'],
    rows.map((r) => [
      `\`${r.group === 'run' ? '' : `${r.group}.`}${r.name}\``,
      r.default,
      r.unit,
      r.range,
      r.perAgent ? 'drawn per agent' : '',
      r.description,
    ]),
  );
}

/** Every parameter table of the document, as rendered in its Markdown. */
export function renderParameterTable(doc: OddDocument): string {
  return doc.submodels
    .filter((s) => s.parameters.length)
    .map((s) => paramTable(s.parameters))
    .join('\n\n');
}

/** The document as Markdown, with each claim's verdict inline when `results` are given. */
export function renderOddMarkdown(doc: OddDocument, results?: OddCheckResult): string {
  const out: string[] = [`# ${doc.title}`, `*${doc.version}*`];
  if (results) {
    const failed = results.results.filter((r) => !r.pass).length;
    const skipped = results.results.filter((r) => r.skipped).length;
    out.push(
      `**Checks:** ${results.results.length - failed - skipped}/${results.results.length - skipped} claims pass${skipped ? ` (${skipped} stylized-fact claims left to omega odd --check)` : ''} over ${results.seeds} seeds × ${results.steps} steps; ${results.coverage.filter((c) => c.status === 'checked').length} elements/concepts checked, ${results.coverage.filter((c) => c.status === 'n/a').length} not applicable, ${results.coverage.filter((c) => c.status === 'unchecked').length} unchecked.`,
    );
  }
  out.push(
    '## 1. Purpose and patterns',
    doc.purposeAndPatterns.purpose,
    '**Patterns** (each a stylized fact with a threshold, checked across seeds):',
  );
  out.push(
    claimLines(
      doc.purposeAndPatterns.patterns.map((p) => ({ id: p.id, statement: `${p.description} (${p.scale})`, check: p.check })),
      results,
      'pattern-',
    ),
  );
  if (doc.purposeAndPatterns.claims.length) out.push(claimLines(doc.purposeAndPatterns.claims, results));
  out.push('## 2. Entities, state variables and scales', doc.entities.text);
  for (const e of doc.entities.entities)
    out.push(
      `**${e.name}** — ${e.description}`,
      table(
        ['state variable', 'type', 'initial'],
        e.stateVariables.map((v) => [`\`${v.name}\``, v.type, v.initial]),
      ),
    );
  out.push(`**Scales.** ${doc.entities.scales}`, claimLines(doc.entities.claims, results));
  out.push(
    '## 3. Process overview and scheduling',
    doc.processOverview.text,
    doc.processOverview.schedule.map((s, i) => `${i + 1}. **${s.phase}** — ${s.description}`).join('\n'),
    claimLines(doc.processOverview.claims, results),
  );
  out.push('## 4. Design concepts');
  for (const k of DESIGN_CONCEPTS) out.push(`### ${CONCEPT_TITLES[k]}`, section(doc.designConcepts[k], results));
  out.push('## 5. Initialization', section(doc.initialization, results));
  out.push('## 6. Input data', section(doc.inputData, results));
  out.push('## 7. Submodels');
  for (const s of doc.submodels)
    out.push(
      `### ${s.name}`,
      s.text,
      s.parameters.length ? paramTable(s.parameters) : '',
      s.claims.length ? claimLines(s.claims, results) : '',
    );
  if (results)
    out.push(
      '## Coverage',
      table(
        ['element / concept', 'status', 'claims', 'note'],
        results.coverage.map((c) => [c.part, c.status, String(c.claims), c.note]),
      ),
    );
  return out.filter((x) => x !== '').join('\n\n') + '\n';
}

/** The same document as a standalone HTML page (Markdown rendered by marked). */
export function renderOddHtml(doc: OddDocument, results?: OddCheckResult): string {
  const body = marked.parse(renderOddMarkdown(doc, results), { async: false }) as string;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)} — ODD</title><style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1d2733}table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}th,td{border:1px solid #dde3ea;padding:.25rem .5rem;text-align:left}th{background:#f3f6f9}code{background:#f3f6f9;padding:0 .2rem}</style></head><body>${body}</body></html>`;
}
