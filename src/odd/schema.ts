import { z } from 'zod';

/**
 * The ODD protocol, second update (Grimm et al. 2020, JASSS 23(2) 7): seven elements, eleven design
 * concepts. Every behavioral statement is a {@link Claim} naming an executable check; a concept that
 * does not apply says so with a reason.
 */
export const ClaimSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, { error: 'must be lower-case letters, digits and dashes' }),
    statement: z.string().min(10, { error: 'must state the claim in a sentence' }),
    /** Id of a check in the registry (src/odd/checks.ts), e.g. `informed-beat-noise` or `fact:heavy_tails`. */
    check: z.string().min(1, { error: 'must name a check' }),
  })
  .strict();

export const SectionSchema = z
  .object({
    text: z.string(),
    claims: z.array(ClaimSchema).default([]),
    /** Set when the element or concept does not apply: the reason. */
    notApplicable: z.string().optional(),
  })
  .strict();

const PatternSchema = z
  .object({
    id: z.string(),
    description: z.string(),
    scale: z.string(),
    check: z.string(),
  })
  .strict();

const ParameterRowSchema = z
  .object({
    group: z.string(),
    name: z.string(),
    default: z.string(),
    unit: z.string(),
    range: z.string(),
    perAgent: z.boolean(),
    description: z.string(),
  })
  .strict();

const EntitySchema = z
  .object({
    name: z.string(),
    description: z.string(),
    stateVariables: z.array(z.object({ name: z.string(), type: z.string(), initial: z.string() }).strict()),
  })
  .strict();

export const DESIGN_CONCEPTS = [
  'basicPrinciples',
  'emergence',
  'adaptation',
  'objectives',
  'learning',
  'prediction',
  'sensing',
  'interaction',
  'stochasticity',
  'collectives',
  'observation',
] as const;
export type DesignConcept = (typeof DESIGN_CONCEPTS)[number];

export const OddDocumentSchema = z
  .object({
    title: z.string(),
    version: z.string(),
    purposeAndPatterns: z
      .object({ purpose: z.string(), patterns: z.array(PatternSchema).min(1), claims: z.array(ClaimSchema).default([]) })
      .strict(),
    entities: z
      .object({ text: z.string(), entities: z.array(EntitySchema).min(1), scales: z.string(), claims: z.array(ClaimSchema).default([]) })
      .strict(),
    processOverview: z
      .object({
        text: z.string(),
        schedule: z.array(z.object({ phase: z.string(), description: z.string() }).strict()).min(1),
        claims: z.array(ClaimSchema).default([]),
      })
      .strict(),
    designConcepts: z
      .object(Object.fromEntries(DESIGN_CONCEPTS.map((c) => [c, SectionSchema])) as Record<DesignConcept, typeof SectionSchema>)
      .strict(),
    initialization: SectionSchema,
    inputData: SectionSchema,
    submodels: z
      .array(
        z
          .object({ name: z.string(), text: z.string(), parameters: z.array(ParameterRowSchema), claims: z.array(ClaimSchema).default([]) })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type Claim = z.output<typeof ClaimSchema>;
export type OddSection = z.output<typeof SectionSchema>;
export type OddDocument = z.output<typeof OddDocumentSchema>;
export type OddDocumentInput = z.input<typeof OddDocumentSchema>;
export type ParameterRow = z.output<typeof ParameterRowSchema>;
export type Entity = z.output<typeof EntitySchema>;

/** The seven elements, in ODD order, with the keys used in this document. */
export const ELEMENTS = [
  ['purposeAndPatterns', '1. Purpose and patterns'],
  ['entities', '2. Entities, state variables and scales'],
  ['processOverview', '3. Process overview and scheduling'],
  ['designConcepts', '4. Design concepts'],
  ['initialization', '5. Initialization'],
  ['inputData', '6. Input data'],
  ['submodels', '7. Submodels'],
] as const;
