import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ResponseOf } from '../../src-main/ipc/contract';
import { call } from '../api/client';
import { useNotices } from './notices';

export type HardwareProfile = ResponseOf<'hardware.list'>['profiles'][number];
export type CoefficientSetInfo = ResponseOf<'coefficients.list'>['sets'][number];

/** Hardware profiles and coefficient sets, loaded once and refreshed after edits. */
export const useCatalog = defineStore('catalog', () => {
  const hardware = ref<HardwareProfile[]>([]);
  const sets = ref<CoefficientSetInfo[]>([]);
  const loaded = ref(false);
  const notices = useNotices();
  let loading: Promise<void> | null = null;

  async function refresh(): Promise<void> {
    try {
      const [h, c] = await Promise.all([call('hardware.list', {}), call('coefficients.list', {})]);
      hardware.value = h.profiles;
      sets.value = c.sets;
      loaded.value = true;
    } catch (err) {
      notices.error(err, 'Could not load hardware profiles and coefficient sets');
    }
  }

  function ensure(): Promise<void> {
    if (!loading) loading = refresh();
    return loading;
  }

  const profile = (id: string | null | undefined) => hardware.value.find((p) => p.id === id) ?? null;
  const setsFor = (law: CoefficientSetInfo['law']) => sets.value.filter((s) => s.law === law);

  return { hardware, sets, loaded, refresh, ensure, profile, setsFor };
});
