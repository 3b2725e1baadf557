/**
 * The layering rule of docs/ARCHITECTURE.md as a check: the table there names each layer, the
 * folders (or files) it owns, and what it may import; this module reads every import of every
 * source file — static, `import type`, `export … from`, dynamic `import()`, `import('x').T` in
 * types and `require('x')` — and reports each one the table does not allow.
 *
 * A "may import" cell is a comma-separated list of layer names and packages (`node` is Node's
 * built-in modules); `name (types)` allows type-only imports of that layer. A layer may always
 * import itself.
 *
 * Run `npx tsx build/layers.ts` to list violations; `npm test` runs it through
 * tests/unit/architecture/layers.test.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export interface Layer {
  name: string;
  /** Repository-relative folders (ending in '/') or files. */
  paths: string[];
  /** Layers and packages this layer may import at run time. */
  imports: Set<string>;
  /** Layers and packages it may import as types only. */
  typeImports: Set<string>;
}

export interface ImportEdge {
  file: string;
  line: number;
  specifier: string;
  typeOnly: boolean;
  /** 'dynamic' for import(), 'require' for require(). */
  kind: 'static' | 'dynamic' | 'require';
}

export interface Violation extends ImportEdge {
  from: string;
  to: string;
  message: string;
}

const cell = (s: string) => s.trim();

/** The layer table: the first markdown table whose header starts with `layer | folders`. */
export function parseLayerTable(markdown: string): Layer[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^\|\s*layer\s*\|\s*folders?\s*\|/i.test(l));
  if (start < 0) throw new Error('docs/ARCHITECTURE.md has no "| layer | folders | … | may import |" table');
  const header = lines[start]!.split('|').slice(1, -1).map(cell);
  const mayCol = header.findIndex((h) => /may import/i.test(h));
  if (mayCol < 0) throw new Error('the layer table has no "may import" column');
  const layers: Layer[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').slice(1, -1).map(cell);
    const name = cells[0]!.replace(/`/g, '');
    const paths = [...cells[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    if (!name || paths.length === 0) throw new Error(`layer table row without a name or a backticked folder: ${line}`);
    const imports = new Set<string>();
    const typeImports = new Set<string>();
    for (const item of cells[mayCol]!.replace(/`/g, '').split(',').map(cell).filter((x) => x && x !== '—')) {
      const m = /^(.+?)\s*\(types\)$/.exec(item);
      if (m) typeImports.add(m[1]!);
      else imports.add(item);
    }
    layers.push({ name, paths, imports, typeImports });
  }
  for (const l of layers) {
    for (const target of [...l.imports, ...l.typeImports]) {
      if (!/^[a-z@][\w@/.-]*$/i.test(target)) throw new Error(`layer ${l.name}: "${target}" is not a layer or package name`);
    }
  }
  return layers;
}

/** The layer owning a repository-relative path: the longest matching folder or file. */
export function layerOf(layers: readonly Layer[], rel: string): Layer | undefined {
  let best: { layer: Layer; len: number } | undefined;
  for (const layer of layers) {
    for (const p of layer.paths) {
      const hit = p.endsWith('/') ? rel.startsWith(p) : rel === p;
      if (hit && (!best || p.length > best.len)) best = { layer, len: p.length };
    }
  }
  return best?.layer;
}

function scriptOf(file: string, text: string): string {
  if (!file.endsWith('.vue')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** Every import of one file, with whether it is type-only. */
export function importsOf(file: string, text: string): ImportEdge[] {
  const src = ts.createSourceFile(file, scriptOf(file, text), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: ImportEdge[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean, kind: ImportEdge['kind']) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    out.push({ file, line: src.getLineAndCharacterOfPosition(node.getStart()).line + 1, specifier: spec.text, typeOnly, kind });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      const allNamedTypes =
        !!c && !c.name && !!c.namedBindings && ts.isNamedImports(c.namedBindings) && c.namedBindings.elements.length > 0 && c.namedBindings.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier, !!c && (c.isTypeOnly || allNamedTypes), 'static');
    } else if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node, node.moduleSpecifier, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)), 'static');
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly, 'require');
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], false, 'dynamic');
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') add(node, node.arguments[0], false, 'require');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal as ts.Expression, true, 'dynamic');
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out;
}

const NODE_BUILTINS = new Set(builtinModules);
const EXTENSIONS = ['', '.ts', '.vue', '.json', '.mjs', '.js', '/index.ts'];

/** A layer name or a package name for what a specifier points to; null when a relative path does not resolve. */
export function targetOf(layers: readonly Layer[], root: string, file: string, specifier: string): { name: string; rel?: string } | null {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const base = resolve(dirname(join(root, file)), specifier.replace(/\?.*$/, ''));
    const hit = EXTENSIONS.map((e) => base + e).find((p) => existsSync(p) && statSync(p).isFile());
    if (!hit) return null;
    const rel = relative(root, hit).split(sep).join('/');
    return { name: layerOf(layers, rel)?.name ?? `(unlisted) ${rel}`, rel };
  }
  if (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]!)) return { name: 'node' };
  const parts = specifier.split('/');
  return { name: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]! };
}

function sourceFiles(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs).flatMap((f) => {
    const rel = `${dir}/${f}`;
    if (statSync(join(root, rel)).isDirectory()) return sourceFiles(root, rel);
    return /\.(ts|vue|mts|mjs)$/.test(f) && !f.endsWith('.d.ts') ? [rel] : [];
  });
}

/** Checks every source file under the table's folders; returns the imports the table does not allow. */
export function checkLayers(root: string, layers: readonly Layer[]): Violation[] {
  const roots = [...new Set(layers.flatMap((l) => l.paths.map((p) => p.split('/')[0]!)))].filter((d) => existsSync(join(root, d)) && statSync(join(root, d)).isDirectory());
  const files = roots.flatMap((d) => sourceFiles(root, d));
  const violations: Violation[] = [];
  for (const file of files) {
    const from = layerOf(layers, file);
    if (!from) continue;
    for (const edge of importsOf(file, readFileSync(join(root, file), 'utf8'))) {
      const target = targetOf(layers, root, file, edge.specifier);
      const v = (to: string, message: string) => violations.push({ ...edge, from: from.name, to, message });
      if (!target) {
        v('?', `${file}:${edge.line} imports ${edge.specifier}, which does not resolve to a file`);
        continue;
      }
      if (target.name === from.name) continue;
      if (from.imports.has(target.name)) continue;
      if (edge.typeOnly && from.typeImports.has(target.name)) continue;
      const allowed = from.typeImports.has(target.name) ? ` (${from.name} may import ${target.name} as types only)` : '';
      v(target.name, `${file}:${edge.line}: ${from.name} must not import ${target.name}${edge.typeOnly ? ' (type-only)' : ''} — ${edge.specifier}${allowed}`);
    }
  }
  return violations;
}

export function checkRepository(root: string): Violation[] {
  return checkLayers(root, parseLayerTable(readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8')));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(__filename_of())) {
  const root = resolve(dirname(__filename_of()), '..');
  const found = checkRepository(root);
  for (const v of found) console.log(v.message);
  console.log(found.length === 0 ? 'layers: every import is allowed by docs/ARCHITECTURE.md' : `layers: ${found.length} import(s) outside docs/ARCHITECTURE.md`);
  process.exitCode = found.length === 0 ? 0 : 1;
}

function __filename_of(): string {
  return new URL(import.meta.url).pathname;
}
