/** What every service call may use: who is calling and where the data lives. */
export interface ServiceContext {
  transport: 'electron' | 'web' | 'cli';
  dataDir: string;
  appVersion: string;
}
