/** Import specifier → absolute path of its stand-in (aliases.mjs). */
export declare const REPORT_STUB_ALIASES: Record<string, string>;
