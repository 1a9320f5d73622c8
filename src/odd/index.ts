export {
  OddDocumentSchema,
  ClaimSchema,
  DESIGN_CONCEPTS,
  ELEMENTS,
  type OddDocument,
  type OddDocumentInput,
  type Claim,
  type OddSection,
  type ParameterRow,
  type Entity,
  type DesignConcept,
} from './schema.js';
export { buildOddDocument, DECLARED_SENSING } from './document.js';
export { allParameters, parameterRows, entities as oddEntities, schedule as oddSchedule } from './generated.js';
export { CHECKS, CheckContext, FULL_SEASON_ABLATIONS, runCheck, type CheckResult, type Check } from './checks.js';
export { configValues, renderedDefaults } from './check-inputs.js';
export { ablationConfig, type AblationEvidence, type RunEvidence } from './evidence.js';
export { checkOdd, coverage as oddCoverage, claimsOf, type OddCheckResult, type ClaimResult, type CoverageRow } from './check-odd.js';
export { renderOddMarkdown, renderOddHtml, renderParameterTable } from './render.js';
