/** Channels of the project store: hardware profiles, coefficient sets, projects, scenarios, backups. */
import { z } from 'zod';
import { listOptionsShape } from '../../schema/list-options';
import { channel } from './define';
import { COEFFICIENT_PROVENANCES } from '../../schema/provenance';
import { snapshotCheckSchema } from '../../schema/snapshots';
import { coefficientSetRowSchema, hardwareProfileRowSchema, LAW_IDS, pageSchema, projectRowSchema as projectSchema, scenarioSummarySchema } from '../../schema/store-rows';

/** What the contract sends of the store's rows: all but the seed bookkeeping. */
export const hardwareProfileSchema = hardwareProfileRowSchema.omit({ seedVersion: true, createdAt: true });
export const coefficientSetSchema = coefficientSetRowSchema.omit({ seedVersion: true, createdAt: true });
export { scenarioSummarySchema };

const id = (what: string) => z.string({ error: `${what} must be a string` }).min(1, `${what} must not be empty`).max(200, `${what} is too long`);
const name = z.string().trim().min(1, 'name must not be empty').max(200, 'name must be at most 200 characters');
const lawId = z.enum(LAW_IDS);
const storeProvenance = z.enum(COEFFICIENT_PROVENANCES);
const finiteValues = z.record(z.string().min(1).max(100), z.number().finite('coefficient values must be finite numbers'));


const hardwareFields = {
  name,
  deviceCount: z.number().int('deviceCount must be a whole number').min(1, 'deviceCount must be at least 1').max(1_000_000),
  memoryBytesPerDevice: z.number().int('memoryBytesPerDevice must be a whole number of bytes').positive('memoryBytesPerDevice must be positive').max(1e15),
  peakFlopsPerDevice: z.number().positive('peakFlopsPerDevice must be positive').max(1e20),
  defaultUtilization: z.number().gt(0, 'defaultUtilization must be above 0').max(1, 'defaultUtilization must be at most 1'),
  pricePerDeviceHour: z.number().nonnegative('pricePerDeviceHour must not be negative').max(1e6).nullable().optional(),
  powerWattsPerDevice: z.number().positive('powerWattsPerDevice must be positive').max(1e6).nullable().optional(),
  source: z.string().max(2000).optional(),
};




export const scenarioSchema = scenarioSummarySchema.extend({ inputs: z.unknown(), results: z.unknown().nullable(), notes: z.string() });

const listOptions = listOptionsShape;
const page = pageSchema;
const tags = z.array(z.string().trim().min(1, 'tags must not be empty').max(60, 'a tag is at most 60 characters')).max(50, 'at most 50 tags');
const wizard = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'wizard must be a lower-case id such as compute or memory');

/** What a scenario create or update may carry besides its identity. */
const scenarioFields = {
  results: z.unknown().optional(),
  notes: z.string().max(20_000).optional(),
  tags: tags.optional(),
  hardwareProfileId: id('hardwareProfileId').nullable().optional(),
  coefficientSetId: id('coefficientSetId').nullable().optional(),
};

export const storeChannels = {
  'store.status': channel({
    summary: 'Whether the project store opened, where it is, and the backups next to it',
    request: z.object({}).strict(),
    response: z.object({
      ok: z.boolean(),
      path: z.string(),
      schemaVersion: z.number().nullable(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
      backups: z.array(z.object({ path: z.string(), schemaVersion: z.number(), createdAt: z.string(), sizeBytes: z.number() })),
    }),
  }),
  'store.restoreBackup': channel({
    summary: 'Put a backup in place of a damaged database (the damaged file is kept, renamed)',
    request: z.object({ backupPath: z.string().min(1) }),
    response: z.object({ restoredFrom: z.string(), damagedMovedTo: z.string().nullable() }),
  }),
  'hardware.list': channel({
    summary: 'Hardware profiles: memory, peak dense bf16 FLOP/s, default utilisation',
    request: z.object({}).strict(),
    response: z.object({ profiles: z.array(hardwareProfileSchema) }),
  }),
  'hardware.save': channel({
    summary: 'Create a hardware profile, or edit one (seeded profiles included)',
    request: z.object({ id: id('id').optional(), ...hardwareFields }),
    response: hardwareProfileSchema,
  }),
  'hardware.delete': channel({
    summary: 'Delete a hardware profile',
    request: z.object({ id: id('id') }),
    response: z.object({ deleted: z.string() }),
  }),
  'coefficients.list': channel({
    summary: 'Coefficient sets, published and user-made, optionally for one law',
    request: z.object({ law: lawId.optional() }),
    response: z.object({ sets: z.array(coefficientSetSchema) }),
  }),
  'coefficients.get': channel({
    summary: 'One coefficient set with its values and provenance',
    request: z.object({ id: id('id') }),
    response: coefficientSetSchema,
  }),
  'coefficients.create': channel({
    summary: 'Save a user coefficient set (a fit, or hand-edited numbers)',
    request: z.object({
      law: lawId,
      name,
      values: finiteValues,
      provenance: z.enum(['user-fit', 'user-edited']).optional(),
      citation: z.string().max(2000).optional(),
      source: z.string().max(20_000).optional(),
      notes: z.string().max(20_000).optional(),
    }),
    response: coefficientSetSchema,
  }),
  'coefficients.duplicate': channel({
    summary: 'Copy a coefficient set (published ones included) to edit it',
    request: z.object({ id: id('id'), name: name.optional(), values: finiteValues.optional(), notes: z.string().max(20_000).optional() }),
    response: coefficientSetSchema,
  }),
  'coefficients.update': channel({
    summary: 'Edit a user coefficient set (published sets are read-only)',
    request: z.object({ id: id('id'), name: name.optional(), values: finiteValues.optional(), notes: z.string().max(20_000).optional() }),
    response: coefficientSetSchema,
  }),
  'coefficients.delete': channel({
    summary: 'Delete a user coefficient set',
    request: z.object({ id: id('id') }),
    response: z.object({ deleted: z.string() }),
  }),
  'projects.list': channel({
    summary: 'Projects, searchable and sorted',
    request: z.object(listOptions),
    response: page(projectSchema),
  }),
  'projects.create': channel({
    summary: 'Create a project',
    request: z.object({ name, notes: z.string().max(20_000).optional() }),
    response: projectSchema,
  }),
  'projects.update': channel({
    summary: 'Rename a project or edit its notes',
    request: z.object({ id: id('id'), name: name.optional(), notes: z.string().max(20_000).optional() }),
    response: projectSchema,
  }),
  'projects.duplicate': channel({
    summary: 'Copy a project with its scenarios and runs',
    request: z.object({ id: id('id'), name: name.optional() }),
    response: projectSchema,
  }),
  'projects.delete': channel({
    summary: 'Move a project to the trash (undo with projects.restore)',
    request: z.object({ id: id('id') }),
    response: projectSchema,
  }),
  'projects.restore': channel({
    summary: 'Bring a project back from the trash',
    request: z.object({ id: id('id') }),
    response: projectSchema,
  }),
  'projects.export': channel({
    summary: 'A whole project as one versioned JSON document',
    request: z.object({ id: id('id') }),
    response: z.object({ fileName: z.string(), document: z.unknown() }),
  }),
  'projects.import': channel({
    summary: 'Import a project file, as its text or its parsed JSON document (a name clash creates a copy)',
    // the text is parsed and checked off the store's thread; a parsed document is first copied there
    request: z
      .object({ text: z.string().optional(), document: z.unknown().optional() })
      .refine((r) => (r.text === undefined) !== (r.document === undefined), { message: 'give either the file\'s text or its document, not both', path: ['text'] }),
    response: z.object({ project: projectSchema, renamedFrom: z.string().nullable(), scenarioIds: z.array(z.string()) }),
  }),
  'scenarios.list': channel({
    summary: 'Scenarios, by project, name, tag or wizard, sorted',
    request: z.object({ ...listOptions, projectId: id('projectId').optional(), tag: z.string().max(60).optional(), wizard: wizard.optional() }),
    response: page(scenarioSummarySchema),
  }),
  'scenarios.get': channel({
    summary: 'One scenario with its inputs, results snapshot and whether its inputs changed',
    request: z.object({ id: id('id') }),
    /** snapshot: whether the saved results read as their kind, and at which saved version (a page reopening them shows them only then). */
    response: scenarioSchema.extend({ snapshot: snapshotCheckSchema }),
  }),
  'scenarios.create': channel({
    summary: 'Save a scenario: its wizard, inputs and a snapshot of its results',
    request: z.object({ ...scenarioFields, projectId: id('projectId'), name, wizard, inputs: z.unknown() }),
    response: scenarioSchema,
  }),
  'scenarios.update': channel({
    summary: 'Rename, retag, annotate or recompute a scenario',
    request: z.object({ ...scenarioFields, id: id('id'), name: name.optional(), inputs: z.unknown().optional() }),
    response: scenarioSchema,
  }),
  'scenarios.duplicate': channel({
    summary: 'Copy a scenario to explore a variant',
    request: z.object({ id: id('id'), name: name.optional(), projectId: id('projectId').optional() }),
    response: scenarioSchema,
  }),
  'scenarios.delete': channel({
    summary: 'Move a scenario to the trash (undo with scenarios.restore)',
    request: z.object({ id: id('id') }),
    response: scenarioSchema,
  }),
  'scenarios.restore': channel({
    summary: 'Bring a scenario back from the trash',
    request: z.object({ id: id('id') }),
    response: scenarioSchema,
  }),
  'trash.empty': channel({
    summary: 'Delete for good what is in the trash',
    request: z.object({ projectId: id('projectId').optional() }),
    response: z.object({ projects: z.number(), scenarios: z.number() }),
  }),
};
