import type { CliCommand } from '../command';
import { appCommands } from './app';
import { jointCommands } from './joint';
import { optimalExpertCommands } from './optimal-experts';
import { leverageCommands } from './leverage';
import { comprehensiveCommands } from './comprehensive';
import { chinchillaCommands } from './chinchilla';
import { lawsCommands } from './laws';
import { storeCommands } from './store';
import { fitCommands } from './fit';
import { reportsCommands } from './reports';
import { targetCommands } from './target';
import { contractCommands } from './contract';
import { sweepCommands } from './sweep';
import { projectsCommands } from './projects';
import { denseMoeCommands } from './dense-moe';
import { deployCommands } from './deploy';
import { nextRunsCommands } from './next-runs';

/** Every CLI command, in the order `--help` lists them. */
export const COMMANDS: readonly CliCommand[] = [...appCommands, ...jointCommands, ...optimalExpertCommands, ...leverageCommands, ...comprehensiveCommands, ...denseMoeCommands, ...chinchillaCommands, ...lawsCommands, ...storeCommands, ...projectsCommands, ...fitCommands, ...reportsCommands, ...targetCommands, ...nextRunsCommands, ...sweepCommands, ...deployCommands, ...contractCommands] as unknown as readonly CliCommand[];
