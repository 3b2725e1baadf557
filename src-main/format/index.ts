/** The one formatting module: how quantities are written for people and read back from them. */
export * from './numbers';
export * from './parse';
export * from './bands';
export * from './explanation';
export * from './flags';
