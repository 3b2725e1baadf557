/**
 * The report fonts, parsed once per process. Parsing DejaVu Sans (and shaping text with it)
 * costs far more than writing a report, so the parsed fonts are shared by every PDF (PDFKit
 * accepts an already-parsed font; each document still embeds only its own subset) and give
 * ECharts true text widths for its server-side layout of legends and labels.
 *
 * Text is shaped with kerning and standard ligatures only (REPORT_FEATURES): fontkit would also
 * run DejaVu's mark, mkmk, ccmp, locl, calt… lookups on every word, which change nothing in the
 * Latin, Greek, digits and signs the reports print (tests/unit/reports/fonts.test.ts lays out
 * every string of a report both ways) but whose tables fontkit decodes, and whose code runs for
 * the first time, during the first report of a process (about a fifth of its font work).
 */
import PDFDocument from 'pdfkit';
import { reportFonts } from './resources';

/** The parts of a parsed (fontkit) font used here. */
export interface ParsedFont {
  unitsPerEm: number;
  /** Shapes with REPORT_FEATURES unless `features` are given (fontkit's defaults: an empty list). */
  layout(text: string, features?: Record<string, boolean> | string[]): { advanceWidth: number };
}

/**
 * fontkit's default features (every script's common and horizontal ones, the fraction and
 * directional ones) switched off, except kerning (`kern`) and standard ligatures (`liga`: fi, fl).
 */
export const REPORT_FEATURES: Readonly<Record<string, boolean>> = Object.freeze({
  rvrn: false, ltra: false, ltrm: false, frac: false, numr: false, dnom: false,
  ccmp: false, locl: false, rlig: false, mark: false, mkmk: false,
  calt: false, clig: false, rclt: false, curs: false,
});

/** What `lightPostTable` reaches inside a fontkit font. */
interface FontkitTables {
  stream: { buffer: Uint8Array };
  directory: { tables: Record<string, { tag: string; offset: number; length: number } | undefined> };
  _tables: Record<string, unknown>;
  _decodeTable(entry: { tag: string; offset: number; length: number }): Record<string, unknown>;
}

/** The `post` table's fields after its header, by version (1 and 3 have none): fontkit's VersionedStruct. */
const POST_VERSION_FIELDS = ['numberOfGlyphs', 'glyphNameIndex', 'names', 'offsets', 'map'] as const;

/**
 * Gives the font a `post` table whose header (italic angle, underline, fixed pitch, memory hints)
 * is read from its nine fields, and whose glyph names are decoded when first asked for. fontkit
 * decodes a table whole on first access, and PDFKit reads `post` when it embeds a font, for
 * `isFixedPitch` and `italicAngle` only: DejaVu's table is mostly the names of its 6,000 glyphs,
 * whose decoding took about a tenth of a process's first report (two fonts). The same values as
 * fontkit's own decoding (tests/unit/reports/fonts.test.ts).
 */
export function lightPostTable(font: FontkitTables): void {
  const entry = font.directory.tables.post;
  if (!entry || entry.length < 32 || 'post' in font._tables) return;
  const b = font.stream.buffer;
  const v = new DataView(b.buffer, b.byteOffset + entry.offset, 32);
  const post: Record<string, unknown> = {
    version: v.getInt32(0) / 65536,
    italicAngle: v.getInt32(4) / 65536,
    underlinePosition: v.getInt16(8),
    underlineThickness: v.getInt16(10),
    isFixedPitch: v.getUint32(12),
    minMemType42: v.getUint32(16),
    maxMemType42: v.getUint32(20),
    minMemType1: v.getUint32(24),
    maxMemType1: v.getUint32(28),
  };
  let whole: Record<string, unknown> | undefined;
  for (const field of POST_VERSION_FIELDS) {
    Object.defineProperty(post, field, { enumerable: true, get: () => (whole ??= font._decodeTable(entry))[field] });
  }
  font._tables.post = post;
}

let parsed: { regular: ParsedFont; bold: ParsedFont } | null = null;

export function parsedReportFonts(): { regular: ParsedFont; bold: ParsedFont } {
  if (parsed) return parsed;
  const paths = reportFonts();
  const parse = (path: string): ParsedFont => {
    const probe = new PDFDocument({ autoFirstPage: false, font: path });
    const font = (probe as unknown as { _font: { font: ParsedFont } })._font.font;
    lightPostTable(font as unknown as FontkitTables);
    // PDFKit calls layout(word) with no features unless a text() call names some; none does.
    const layout = font.layout.bind(font);
    font.layout = (text, features) => layout(text, features ?? { ...REPORT_FEATURES });
    return font;
  };
  parsed = { regular: parse(paths.regular), bold: parse(paths.bold) };
  return parsed;
}

/** Width in px (or pt) of `text` set in a CSS font such as "bold 12px DejaVu Sans". */
export function measureText(text: string, cssFont?: string): number {
  const fonts = parsedReportFonts();
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(cssFont ?? '')?.[1] ?? 12);
  const font = /\bbold\b|\b[6-9]00\b/.test(cssFont ?? '') ? fonts.bold : fonts.regular;
  return (font.layout(text).advanceWidth / font.unitsPerEm) * size;
}
