/**
 * Flag parsing for the CLI. Each command declares its flags with a kind; anything unknown,
 * missing or malformed becomes a UsageError that names the flag.
 */
import { parseAxis, parseBytes, parseIntList, parseNumber } from '../format';

export type FlagKind = 'number' | 'bytes' | 'int-list' | 'axis' | 'int-axis' | 'string' | 'boolean';

interface FlagBase {
  description: string;
  required?: boolean;
  /** The request field this flag fills; defaults to the camelCase of the flag name. */
  field?: string;
}

/** A number always says what it counts: --help shows it as the value, e.g. `--flops <FLOPs>`. */
export interface NumericFlag extends FlagBase {
  /** `axis`: values of a grid axis, a list or FROM:TO:FACTOR (format's parseAxis); `int-axis` of whole numbers. */
  kind: 'number' | 'bytes' | 'int-list' | 'axis' | 'int-axis';
  unit: string;
  /** An axis's most values (format's parseAxis takes 24 unless told): what the channel's request accepts. */
  maxValues?: number;
}

export interface StringFlag extends FlagBase {
  kind: 'string';
  choices?: readonly string[];
  /** What the value is, shown by --help when there are no choices, e.g. `file` or `id`. */
  unit?: string;
}

export interface BooleanFlag extends FlagBase {
  kind: 'boolean';
}

export type FlagSpec = NumericFlag | StringFlag | BooleanFlag;

/** How --help writes a flag's value: its choices, else its unit, else its kind. */
export function placeholder(spec: FlagSpec): string {
  if (spec.kind === 'boolean') return '';
  if (spec.kind === 'string' && spec.choices) return spec.choices.join('|');
  if (spec.kind === 'int-list') return `${spec.unit},…`;
  if (spec.kind === 'axis' || spec.kind === 'int-axis') return `${spec.unit},…|FROM:TO:FACTOR`;
  return spec.unit ?? spec.kind;
}

export type FlagValues = Record<string, number | number[] | string | boolean>;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

export function fieldOf(flag: string, spec: FlagSpec): string {
  return spec.field ?? camelCase(flag);
}

/** Parses `--name value`, `--name=value` and boolean `--name`; returns values keyed by flag name. */
export function parseFlags(argv: readonly string[], specs: Record<string, FlagSpec>): FlagValues {
  const out: FlagValues = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const spec = specs[name];
    if (!spec) throw new UsageError(`Unknown option --${name}`);
    if (spec.kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    let raw: string | undefined;
    if (eq >= 0) raw = arg.slice(eq + 1);
    else {
      raw = argv[i + 1];
      if (raw === undefined || raw.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      i++;
    }
    if (name in out) throw new UsageError(`--${name} is given twice`);
    out[name] = parseValue(name, spec, raw);
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && !(name in out)) throw new UsageError(`Missing required option --${name} (${placeholder(spec)}): ${spec.description}`);
  }
  return out;
}

function parseValue(name: string, spec: FlagSpec, raw: string): number | number[] | string {
  const what = `--${name}`;
  switch (spec.kind) {
    case 'number': {
      const r = parseNumber(raw, what);
      if (!r.ok) throw new UsageError(r.message);
      return r.value;
    }
    case 'bytes': {
      const r = parseBytes(raw, what);
      if (!r.ok) throw new UsageError(r.message);
      return r.value;
    }
    case 'int-list': {
      const r = parseIntList(raw, what);
      if (!r.ok) throw new UsageError(r.message);
      return r.value;
    }
    case 'axis':
    case 'int-axis': {
      const r = parseAxis(raw, what, { integer: spec.kind === 'int-axis', ...(spec.maxValues ? { maxValues: spec.maxValues } : {}) });
      if (!r.ok) throw new UsageError(r.message);
      return r.value;
    }
    case 'string':
      if (spec.kind === 'string' && spec.choices && !spec.choices.includes(raw)) {
        throw new UsageError(`${what}: "${raw}" is not one of ${spec.choices.join(', ')}`);
      }
      return raw;
    default:
      throw new UsageError(`${what}: unsupported kind`);
  }
}

/** Builds a request object from parsed flags, using each flag's field name; a dotted field (`dense.exponent`) fills a nested object. */
export function toRequest(values: FlagValues, specs: Record<string, FlagSpec>, skip: readonly string[] = []): Record<string, unknown> {
  const req: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const spec = specs[name];
    if (!spec || skip.includes(name)) continue;
    const path = fieldOf(name, spec).split('.');
    let into = req;
    for (const key of path.slice(0, -1)) into = (into[key] ??= {}) as Record<string, unknown>;
    into[path[path.length - 1]!] = value;
  }
  return req;
}
