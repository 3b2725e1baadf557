/** Bumped whenever a law, a default or a convention changes what the engine returns. */
export const ENGINE_VERSION = '1.0.0';
