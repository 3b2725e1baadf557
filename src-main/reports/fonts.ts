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

let parsed: { regular: ParsedFont; bold: ParsedFont } | null = null;

export function parsedReportFonts(): { regular: ParsedFont; bold: ParsedFont } {
  if (parsed) return parsed;
  const paths = reportFonts();
  const parse = (path: string): ParsedFont => {
    const probe = new PDFDocument({ autoFirstPage: false, font: path });
    const font = (probe as unknown as { _font: { font: ParsedFont } })._font.font;
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
