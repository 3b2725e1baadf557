/**
 * The reader's byte convention (GB = 10⁹ or GiB = 2³⁰), chosen once in the navigation column and
 * used by every page, chart and report. It is one setting for every transport: saved in the data
 * folder through `app.setPreferences`, so the services' sentences (warnings, a budget's source),
 * the PDF and the CLI write memory the same way; live answers are asked again once it is saved (`bytePreference.ts`, started by the app).
 */
import { ref } from 'vue';
import { bytes, bytesTick, DEFAULT_BYTE_CONVENTION, type ByteConvention } from '../../src-main/format';

export const byteConvention = ref<ByteConvention>(DEFAULT_BYTE_CONVENTION);
/** The convention the services write in: follows `byteConvention` once the main side has saved it. */
export const savedByteConvention = ref<ByteConvention | null>(null);

/** Bytes in the reader's convention: "640 GiB" or "687 GB". */
export const showBytes = (x: number | null | undefined): string => bytes(x, byteConvention.value);
/** Axis tick for bytes in the reader's convention. */
export const showBytesTick = (x: number): string => bytesTick(x, byteConvention.value);
