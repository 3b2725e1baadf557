import { command } from '../command';
import { UsageError } from '../args';
import { byteConventionNote } from '../../format';
import { BYTES_CHOICES } from '../text';

const preferencesText = (v: { byteConvention: 'binary' | 'decimal' }) => `Memory units: ${byteConventionNote(v.byteConvention)}`;

export const appCommands = [
  command({
    words: ['info'],
    summary: 'Version, law engine version and data folder',
    channel: 'app.info',
    example: 'info --json',
    flags: {},
    format: (v) =>
      [`${v.name} ${v.version}`, `Law engine ${v.engineVersion}`, `Data folder: ${v.dataDir}`, `Platform: ${v.platform}`].join('\n'),
  }),
  command({
    words: ['preferences'],
    summary: 'The saved preferences every transport follows (memory units), shared with the app',
    channel: 'app.preferences',
    example: 'preferences',
    flags: {},
    format: preferencesText,
  }),
  command({
    words: ['preferences', 'set'],
    summary: 'Save the memory units (GB = 10⁹ or GiB = 2³⁰ bytes) the app, its reports and the CLI write memory in',
    channel: 'app.setPreferences',
    example: 'preferences set --memory-units GB',
    flags: {
      'memory-units': { kind: 'string', description: 'GiB (2³⁰ bytes) or GB (10⁹ bytes)', choices: Object.keys(BYTES_CHOICES), required: true },
    },
    toRequest: (v) => {
      const convention = BYTES_CHOICES[v['memory-units'] as keyof typeof BYTES_CHOICES];
      if (!convention) throw new UsageError('--memory-units must be GiB or GB');
      return { byteConvention: convention };
    },
    format: preferencesText,
  }),
];
