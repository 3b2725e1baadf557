/**
 * The contract's old names for reading and writing quantities, kept over `src-main/format` while
 * callers move to it: the rules are the format module's (12.3 B, 1.0 × 10²², GiB unless chosen).
 */
import { DEFAULT_BYTE_CONVENTION, bytes, count, flops } from '../../format';

export * from '../../format/parse';

/** Parameter and token counts: "12.3 B". */
export const formatCount = (x: number, digits?: number): string => count(x, digits);
/** FLOPs and other huge quantities: "1.0 × 10²²". */
export const formatSci = (x: number, digits?: number): string => flops(x, digits);
/** Bytes in binary units; pages that know the reader's convention use src-main/format directly. */
export const formatBytes = (x: number): string => bytes(x, DEFAULT_BYTE_CONVENTION);
