/** `coefficients duplicate` and `coefficients delete`: copy a set (a published one included) to edit, remove a user's set. */
import { command } from '../command';

export const coefficientCommands = [
  command({
    words: ['coefficients', 'duplicate'],
    summary: 'Copy a coefficient set (published ones included) as a user set to edit',
    channel: 'coefficients.duplicate',
    example: 'coefficients duplicate hoffmann2022 --name "Chinchilla, my copy"',
    flags: {
      name: { kind: 'string', unit: 'text', description: 'Name of the copy (default: the name with a number)' },
      notes: { kind: 'string', unit: 'text', description: 'Notes of the copy' },
    },
    positionals: [{ name: 'ID', field: 'id', description: 'the coefficient set id (see: coefficients list)' }],
    format: (s) => `Copied to coefficient set "${s.name}" [${s.id}] — ${s.law} law, ${s.provenance}`,
  }),
  command({
    words: ['coefficients', 'delete'],
    summary: 'Delete a user coefficient set (published sets are read-only)',
    channel: 'coefficients.delete',
    example: 'coefficients delete SET_ID',
    flags: {},
    positionals: [{ name: 'ID', field: 'id', description: 'the coefficient set id (see: coefficients list)' }],
    format: (r) => `Deleted coefficient set ${r.deleted}`,
  }),
];
