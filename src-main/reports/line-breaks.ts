/**
 * Where a report's table cell may break a line. PDFKit's line breaker follows UAX 14, which breaks
 * after a "/" and inside a figure, so a narrow label column read "(tokens/" above "param)" and a
 * cell "1.0 ×" above "10²² FLOPs". Cells are wrapped here instead, at ordinary spaces only: a
 * figure stays whole with its unit ("1.0 × 10²² FLOPs", "12.3 B", "80 GiB") and a unit such as
 * "tokens/param" is never split. Each line fits its width as PDFKit measures it, so PDFKit draws the
 * lines as given; only a single word wider than the column is left to PDFKit to break.
 */
import { SCALED_UNIT_WORDS } from '../format';

const NBSP = '\u00a0';

// Non-ASCII characters in a regular expression or a String.raw are written as \u escapes: esbuild
// escapes them in strings but not there, and one such character makes the whole bundled renderer
// (build/bundle-cli.mjs, 1.4 MB) two-byte text, slower to decode when a process loads it (reports/renderer.ts).

/** What may follow a figure as its unit ("12.3 B", "10²² FLOPs", "80 GiB", "30 days", "2.06 nats/token"). */
const UNIT = String.raw`(?:${SCALED_UNIT_WORDS.join('|')}|FLOP\/s|FLOPs|tokens?|days?|hours?|GPU-hours|device-hours|nats(?:\/\S+)?|parameters?|params|experts?|%|W|kWh|s|bytes|devices?|GPUs?)(?=$|[\s).,;:/])`;
/** A digit or a superscript one (⁰ ¹ ² ³ ⁴–⁹), escaped as the note above says. */
const FIGURE_THEN_UNIT = new RegExp(String.raw`([\d\u2070\u00b9\u00b2\u00b3\u2074-\u2079]) (?=${UNIT})`, 'g');

/**
 * The spaces a line must not break at, made no-break: the spaces around a "×" after a figure (a
 * mantissa and its power of ten, "512 × NVIDIA H100") and the space between a figure and its unit.
 */
export function bindFigures(text: string): string {
  return text.replace(/(\d) \u00d7 /g, `$1${NBSP}×${NBSP}`).replace(FIGURE_THEN_UNIT, `$1${NBSP}`);
}

/**
 * `text` in lines no wider than `width` (as `measure` says), broken at ordinary spaces only, figures
 * kept with their units (bindFigures). A bound group wider than a line on its own is broken at its
 * bound spaces rather than inside a word. Existing line breaks are kept.
 */
export function wrapCell(text: string, width: number, measure: (s: string) => number): string {
  return text
    .split('\n')
    .map((paragraph) => fill(bindFigures(paragraph), width, measure))
    .join('\n');
}

function fill(paragraph: string, width: number, measure: (s: string) => number): string {
  const words = paragraph.split(' ').flatMap((w) => (w.includes(NBSP) && measure(w) > width ? w.split(NBSP) : [w]));
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measure(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  lines.push(line);
  return lines.join('\n');
}

