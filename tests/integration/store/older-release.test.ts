/**
 * A database written by an earlier release opens, migrates (after a backup) and reads back whole.
 *
 * tests/fixtures/store/release-2de47c7-v4.sqlite was written by the code at commit 2de47c7
 * (schema version 4), not by today's code: `git worktree add /tmp/old 2de47c7`, node_modules
 * symlinked, then `npx tsx make-fixture.ts` with the script kept next to it
 * (make-release-fixture.ts.txt): one project, three scenarios (one in the trash, one with a
 * hardware profile and coefficient set and results) and two runs, closed cleanly.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { databasePath, LATEST_SCHEMA_VERSION, listBackups, openStore } from '../../../src-main/store';
import { useTempDirs } from './temp-store';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'store', 'release-2de47c7-v4.sqlite');
const tempDir = useTempDirs('moe-release-');

describe('a database from release 2de47c7 (schema version 4)', () => {
  it('is backed up, migrated to the latest version, and every row reads back', () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir);
    copyFileSync(FIXTURE, databasePath(dir));
    const s = openStore({ dataDir: dir });
    expect(s.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(listBackups(dir).map((b) => b.schemaVersion)).toEqual([4]);

    const [project] = s.projects.list().items;
    expect(project).toMatchObject({ name: 'Release 2de47c7 project', notes: 'written by the code at commit 2de47c7', scenarioCount: 2 });
    const live = s.scenarios.list({ projectId: project!.id, sort: 'name' }).items;
    expect(live.map((x) => [x.name, x.wizard, x.tags])).toEqual([
      ['Dense baseline 7B', 'compute', ['baseline', 'dense']],
      ['MoE 64 experts', 'memory', ['moe']],
    ]);
    const dense = s.scenarios.get(live[0]!.id);
    expect(dense).toMatchObject({ inputs: { flops: 1e23, experts: [1] }, results: { loss: 2.1 }, notes: 'n1', hardwareProfileId: 'h100-sxm', inputsChanged: false });
    expect(s.scenarios.list({ projectId: project!.id, trash: 'only' }).items.map((x) => x.name)).toEqual(['Trashed sketch']);
    const runs = s.runs.list(project!.id);
    expect(runs.map((r) => [r.name, r.nAct, r.tokens, r.loss, r.activatedExperts, r.sharedRatio])).toEqual([
      ['r1', 1e8, 2e9, 3.2, 2, 0.25],
      ['r2', 4e8, 8e9, 2.9, null, null],
    ]);
    // rows written before the search index existed are found through it
    expect(s.scenarios.list({ projectId: project!.id, search: 'baseli' }).items.map((x) => x.name)).toEqual(['Dense baseline 7B']);
    expect(s.scenarios.list({ projectId: project!.id, search: 'experts' }).items.map((x) => x.name)).toEqual(['MoE 64 experts']);
    expect(s.integrityCheck()).toEqual(['ok']);
    s.close();

    // the backup is the release's file as it was
    const backup = new Database(listBackups(dir)[0]!.path, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(4);
    expect(backup.prepare('SELECT count(*) FROM scenarios').pluck().get()).toBe(3);
    backup.close();
  });
});
