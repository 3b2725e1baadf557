/** The text of a PDF, as a reader's screen reader or a search would see it, for report tests. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** `lines`: the document's lines as laid out (a text run ending its line ends one), spaces of every kind read as " ". */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string; first: string; pageTexts: string[]; lines: string[] }> {
  const doc = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    parts.push(content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  const lines = parts.flatMap((p) => p.split('\n')).map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
  const pages = doc.numPages;
  await doc.destroy();
  const pageTexts = parts.map((p) => p.replace(/\s+/g, ' '));
  return { pages, text: parts.join('\n').replace(/\s+/g, ' '), first: pageTexts[0] ?? '', pageTexts, lines };
}
