/**
 * Guard: every contract channel reaches the CLI through a command of its own (its declared
 * `channel`), or is served inside another command (job control behind a synchronous command,
 * --save, --explain, a plan's band job, report --csv), or is on the short list of channels still reached only
 * through the generic `moe-workbench call <channel> <json>`. A new channel on none of these fails
 * here, and giving a listed channel a command fails here until it leaves the list, so the list only
 * shrinks.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src-main/cli/commands';
import { findCommand } from '../../../src-main/cli/run';
import { CHANNEL_NAMES, type ChannelName } from '../../../src-main/ipc/contract/names';

/** Channels a command serves without being its own channel: the command that does, and how. */
const SERVED_INSIDE: Partial<Record<ChannelName, { command: string; how: string }>> = {
  'fit.start': { command: 'fit', how: 'fit runs the fit to the end in-process (fit.run) instead of starting a job' },
  'fit.status': { command: 'fit', how: 'a synchronous fit has no job to poll; fit --explain explains the answer it printed (explain.figure on fit.run)' },
  'fit.cancel': { command: 'fit', how: 'a synchronous fit is cancelled by stopping the process' },
  'fit.discard': { command: 'fit', how: 'a synchronous fit leaves no job to discard' },
  'fit.save': { command: 'fit', how: 'fit --save-set keeps the fitted set' },
  'nextRun.start': { command: 'next-runs', how: 'next-runs proposes in-process (nextRun.propose) instead of starting a job' },
  'nextRun.status': { command: 'next-runs', how: 'a synchronous proposal has no job to poll' },
  'nextRun.cancel': { command: 'next-runs', how: 'a synchronous proposal is cancelled by stopping the process' },
  'band.start': { command: 'plan compute', how: 'a plan that leaves its bootstrap band to a job (bandJob) runs that job before printing (cli/band-job.ts)' },
  'band.status': { command: 'plan compute', how: 'the plan command polls the band job, reporting progress on stderr' },
  'band.cancel': { command: 'plan compute', how: 'Ctrl-C during a plan cancels its band job' },
  'scenarios.create': { command: 'plan compute', how: '--save NAME on the plan, target and next-runs commands' },
  'reports.csv': { command: 'report', how: 'report --csv FILE' },
  'explain.figure': { command: 'law joint', how: '--explain on every command whose channel is explained' },
};

/** Still reached only through `moe-workbench call <channel> <json>`: give each a command and take it off. */
const CALL_ONLY: readonly ChannelName[] = [];

const commanded = new Set(COMMANDS.map((c) => c.channel).filter((c): c is ChannelName => c !== undefined));

describe('every contract channel reaches the CLI', () => {
  it('each channel has a command, is served inside one, or is on the call-only list', () => {
    const unserved = CHANNEL_NAMES.filter((c) => !commanded.has(c) && !(c in SERVED_INSIDE) && !CALL_ONLY.includes(c));
    expect(unserved, 'channels with no CLI command: add one (or say which command serves them)').toEqual([]);
  });

  it('the lists name only real channels that have no command of their own, and real serving commands', () => {
    for (const c of [...Object.keys(SERVED_INSIDE), ...CALL_ONLY]) expect(CHANNEL_NAMES, c).toContain(c);
    const listedWithCommand = [...Object.keys(SERVED_INSIDE), ...CALL_ONLY].filter((c) => commanded.has(c as ChannelName));
    expect(listedWithCommand, 'these have a command now: take them off the lists').toEqual([]);
    for (const [channel, { command }] of Object.entries(SERVED_INSIDE)) {
      const words = command.split(' ');
      expect(findCommand(words)?.words, `${channel}: no command "${command}"`).toEqual(words);
    }
    expect(new Set(CALL_ONLY).size).toBe(CALL_ONLY.length);
  });
});
