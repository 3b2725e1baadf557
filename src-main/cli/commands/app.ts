import { command } from '../command';

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
];
