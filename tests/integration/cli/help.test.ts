/** `--help` for every command, in-process: it answers despite required options, with units and an example that parses. */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src-main/cli/commands';
import { findCommand, GLOBAL_FLAGS } from '../../../src-main/cli/run';
import { parseFlags } from '../../../src-main/cli/args';
import { cli } from './run-cli';

/** Splits an example command line as a shell would for these simple lines: quotes kept together, redirections dropped. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    const w = m[1] ?? m[2] ?? m[3]!;
    if (m[3] !== undefined && /^[<>|]/.test(w)) break;
    out.push(w);
  }
  return out;
}

describe('moe-workbench --help', () => {
  it('lists every command', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.words.join(' ')}`);
  });

  for (const c of COMMANDS) {
    const name = c.words.join(' ');
    it(`${name} --help shows every option, numbers with their unit, and an example`, async () => {
      const r = await cli(...c.words, '--help');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout.startsWith(`moe-workbench ${name}`)).toBe(true);
      for (const [flag, spec] of Object.entries(c.flags)) {
        const line = r.stdout.split('\n').find((l) => l.startsWith(`  --${flag} `) || l === `  --${flag}`);
        expect(line, `--${flag}`).toBeDefined();
        if (spec.kind === 'number' || spec.kind === 'bytes' || spec.kind === 'int-list') {
          expect(spec.unit.trim(), `--${flag} unit`).not.toBe('');
          expect(line, `--${flag} shows its unit`).toContain(`<${spec.kind === 'int-list' ? `${spec.unit},…` : spec.unit}>`);
        }
      }
      expect(r.stdout).toContain(`Example:\n  moe-workbench ${c.example}\n`);
      // `help <command>` says the same.
      expect((await cli('help', ...c.words)).stdout).toBe(r.stdout);
    });

    it(`${name}: its example names this command and its options parse`, () => {
      const argv = words(c.example);
      expect(findCommand(argv)).toBe(c);
      let rest = argv.slice(c.words.length);
      for (const _ of c.positionals ?? []) if (rest[0] !== undefined && (!rest[0].startsWith('--') || rest[0] === '-')) rest = rest.slice(1);
      const values = parseFlags(rest, c.channel ? { ...c.flags, ...GLOBAL_FLAGS } : { ...c.flags, help: GLOBAL_FLAGS.help! });
      for (const [flag, spec] of Object.entries(c.flags)) if (spec.required) expect(values[flag], `--${flag}`).toBeDefined();
    });
  }

  it('the examples that need no saved ids or files run and succeed', async () => {
    const selfContained = COMMANDS.filter((c) => !/[A-Z]{2,}_ID\d?|\.csv|\.pdf|\.sqlite|\.jsonl?\b|[<>|]|-$/.test(c.example));
    expect(selfContained.length).toBeGreaterThan(COMMANDS.length / 2);
    for (const c of selfContained) {
      const r = await cli(...words(c.example));
      expect(r.code, `${c.example}: ${r.stderr}`).toBe(0);
      expect(r.stdout.length, c.example).toBeGreaterThan(0);
    }
  });

  it('a missing required option still names the option and its unit', async () => {
    const r = await cli('plan', 'compute');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--flops \(FLOPs\)/);
    // --json belongs to the commands that answer one channel; a tool says it does not know it.
    const tool = await cli('batch', '--json');
    expect(tool.code).toBe(2);
    expect(tool.stderr).toMatch(/Unknown option --json/);
  });
});
