import { z } from 'zod';
import { channel } from './define';

/** Memory as GiB (2³⁰ bytes, 'binary') or GB (10⁹ bytes, 'decimal'): one setting for every page, sentence, report and CLI output. */
const preferences = z.object({ byteConvention: z.enum(['binary', 'decimal']) }).strict();

export const appChannels = {
  'app.info': channel({
    summary: 'Version of the app and its law engine, the data folder and the transport in use',
    request: z.object({}).strict(),
    response: z.object({
      name: z.string(),
      version: z.string(),
      engineVersion: z.string(),
      dataDir: z.string(),
      transport: z.enum(['electron', 'web', 'cli']),
      platform: z.string(),
    }),
  }),
  'app.preferences': channel({
    summary: "The reader's preferences every transport follows (memory as GB = 10⁹ or GiB = 2³⁰ bytes), kept in the data folder",
    request: z.object({}).strict(),
    response: preferences,
  }),
  'app.setPreferences': channel({
    summary: 'Change the preferences: the pages, the services\' sentences, the reports and the CLI then write memory in this convention',
    request: preferences.partial().strict(),
    response: preferences,
  }),
};
