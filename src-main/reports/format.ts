/**
 * The reports' old number writers, kept as names over `src-main/format` while callers move to it
 * (the rules are the format module's: no "e+", real superscripts, planner units).
 */
import { DEFAULT_BYTE_CONVENTION, bytes as bytesIn, bytesTick, decimals, flopsTick, significant, superscript } from '../format';

export { superscript };

/** A plain figure to `digits` significant digits; a power of ten only past 10¹⁵ or below 10⁻³. */
export const sci = (x: number | null | undefined, digits = 4): string => significant(x, digits);

export const fixed = (x: number | null | undefined, places = 4): string => decimals(x, places);

/** Bytes in the reports' default convention. */
export const bytes = (x: number | null | undefined): string => bytesIn(x, DEFAULT_BYTE_CONVENTION);

export const bytesShort = (x: number): string => bytesTick(x, DEFAULT_BYTE_CONVENTION);

export const tick = flopsTick;
