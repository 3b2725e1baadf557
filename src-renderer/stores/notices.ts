import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ContractError } from '../../src-main/ipc/contract/runtime';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  title: string;
  message: string;
  /** The request field the error points at, when it names one. */
  field?: string;
}

/** How long a confirmation ("Scenario saved") stays before it goes by itself; errors stay until dismissed. */
export const INFO_NOTICE_MS = 6000;
/** Most notices on screen at once: the oldest goes first. */
export const MAX_NOTICES = 5;

/** App-wide messages: every failed call ends up here, so nothing fails silently. */
export const useNotices = defineStore('notices', () => {
  const items = ref<Notice[]>([]);
  let next = 1;

  function push(n: Omit<Notice, 'id'>): void {
    const id = next++;
    // A new confirmation replaces an older one with the same title instead of piling up beside it.
    items.value = items.value.filter((x) => !(n.kind === 'info' && x.kind === 'info' && x.title === n.title));
    items.value.push({ ...n, id });
    if (items.value.length > MAX_NOTICES) items.value.shift();
    if (n.kind === 'info') setTimeout(() => dismiss(id), INFO_NOTICE_MS);
  }

  function error(err: unknown, title = 'Request failed'): void {
    if (err instanceof ContractError) {
      push({ kind: 'error', title: `${title} (${err.code})`, message: err.message, ...(err.path?.length ? { field: err.path.join('.') } : {}) });
    } else {
      push({ kind: 'error', title, message: err instanceof Error ? err.message : String(err) });
    }
  }

  function dismiss(id: number): void {
    items.value = items.value.filter((n) => n.id !== id);
  }

  return { items, push, error, dismiss };
});
