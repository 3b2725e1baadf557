#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so the command never depends on a stale build.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');
