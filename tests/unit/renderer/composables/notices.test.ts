/** Notices: confirmations go by themselves, errors stay, the same confirmation never piles up (issue 12, item 8). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ContractError } from '../../../../src-main/ipc/contract';
import { INFO_NOTICE_MS, MAX_NOTICES, useNotices } from '../../../../src-renderer/stores/notices';

beforeEach(() => {
  vi.useFakeTimers();
  setActivePinia(createPinia());
});
afterEach(() => vi.useRealTimers());

describe('notices', () => {
  it('a confirmation dismisses itself; an error stays until dismissed', () => {
    const n = useNotices();
    n.push({ kind: 'info', title: 'Scenario saved', message: '"A" is in the Scenarios page.' });
    n.error(new ContractError({ code: 'invalid-request', message: 'experts must not repeat an expert count', path: ['experts'] }), 'Could not save');
    expect(n.items.map((x) => x.title)).toEqual(['Scenario saved', 'Could not save (invalid-request)']);
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1);
    expect(n.items).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(n.items.map((x) => x.title)).toEqual(['Could not save (invalid-request)']);
    expect(n.items[0]!.field).toBe('experts');
    vi.advanceTimersByTime(10 * INFO_NOTICE_MS);
    expect(n.items).toHaveLength(1);
  });

  it('saving twice shows one "Scenario saved", the newer one, with its own full time', () => {
    const n = useNotices();
    n.push({ kind: 'info', title: 'Scenario saved', message: 'first' });
    vi.advanceTimersByTime(INFO_NOTICE_MS / 2);
    n.push({ kind: 'info', title: 'Scenario saved', message: 'second' });
    expect(n.items.map((x) => x.message)).toEqual(['second']);
    // The first one's timer firing does not take the second away.
    vi.advanceTimersByTime(INFO_NOTICE_MS / 2);
    expect(n.items.map((x) => x.message)).toEqual(['second']);
    vi.advanceTimersByTime(INFO_NOTICE_MS / 2);
    expect(n.items).toHaveLength(0);
  });

  it('never holds more than the cap; the oldest goes first', () => {
    const n = useNotices();
    for (let i = 0; i < MAX_NOTICES + 3; i++) n.error(new Error(`failure ${i}`), `Failure ${i}`);
    expect(n.items.map((x) => x.title)).toEqual(Array.from({ length: MAX_NOTICES }, (_, i) => `Failure ${i + 3}`));
  });
});
