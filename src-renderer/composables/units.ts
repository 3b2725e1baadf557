/**
 * The reader's byte convention (GB = 10⁹ or GiB = 2³⁰), chosen once in the navigation column and
 * used by every page, chart and report request; kept across sessions in localStorage.
 */
import { ref, watch } from 'vue';
import { BYTE_CONVENTIONS, DEFAULT_BYTE_CONVENTION, bytes, bytesTick, type ByteConvention } from '../../src-main/format';

const KEY = 'moe-workbench.byte-convention';

function initial(): ByteConvention {
  try {
    const saved = globalThis.localStorage?.getItem(KEY);
    return BYTE_CONVENTIONS.find((c) => c === saved) ?? DEFAULT_BYTE_CONVENTION;
  } catch {
    return DEFAULT_BYTE_CONVENTION;
  }
}

export const byteConvention = ref<ByteConvention>(initial());

watch(byteConvention, (c) => {
  try {
    globalThis.localStorage?.setItem(KEY, c);
  } catch {
    // Private windows may refuse storage; the choice then lasts for this session only.
  }
});

/** Bytes in the reader's convention: "640 GiB" or "687 GB". */
export const showBytes = (x: number | null | undefined): string => bytes(x, byteConvention.value);
/** Axis tick for bytes in the reader's convention. */
export const showBytesTick = (x: number): string => bytesTick(x, byteConvention.value);
