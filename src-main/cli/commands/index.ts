import type { CliCommand } from '../command';
import { appCommands } from './app';

/** Every CLI command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [...appCommands] as unknown as readonly CliCommand[];
