import { z } from 'zod';
import { channel } from './define';

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
};
