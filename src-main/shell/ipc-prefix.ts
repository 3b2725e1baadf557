/** Prefix of every contract channel on Electron's IPC, so nothing else can collide with it. */
export const IPC_PREFIX = 'moe:';
/** The custom scheme and host the app's page is served from. */
export const APP_SCHEME = 'moe-app';
export const APP_HOST = 'workbench';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
