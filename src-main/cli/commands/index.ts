import type { CliCommand } from '../command';
import { appCommands } from './app';
import { jointCommands } from './joint';

/** Every CLI command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [...appCommands, ...jointCommands] as unknown as readonly CliCommand[];
