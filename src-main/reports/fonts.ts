/**
 * The report fonts, parsed once per process. Parsing DejaVu Sans (and shaping text with it)
 * costs far more than writing a report, so the parsed fonts are shared by every PDF (PDFKit
 * accepts an already-parsed font; each document still embeds only its own subset) and give
 * ECharts true text widths for its server-side layout of legends and labels.
 */
import PDFDocument from 'pdfkit';
import { reportFonts } from './resources';

/** The parts of a parsed (fontkit) font used here. */
export interface ParsedFont {
  unitsPerEm: number;
  layout(text: string): { advanceWidth: number };
}

let parsed: { regular: ParsedFont; bold: ParsedFont } | null = null;

export function parsedReportFonts(): { regular: ParsedFont; bold: ParsedFont } {
  if (parsed) return parsed;
  const paths = reportFonts();
  const parse = (path: string): ParsedFont => {
    const probe = new PDFDocument({ autoFirstPage: false, font: path });
    return (probe as unknown as { _font: { font: ParsedFont } })._font.font;
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
