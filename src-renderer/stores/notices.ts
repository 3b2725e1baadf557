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

/** App-wide messages: every failed call ends up here, so nothing fails silently. */
export const useNotices = defineStore('notices', () => {
  const items = ref<Notice[]>([]);
  let next = 1;

  function push(n: Omit<Notice, 'id'>): void {
    items.value.push({ ...n, id: next++ });
    if (items.value.length > 5) items.value.shift();
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
