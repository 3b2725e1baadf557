/**
 * Errors at their field. A page (or a dialog) is a field scope: its fields register with the
 * request path they fill (["experts"], ["options", "delta"]) and their own parse error; every
 * error the main side returns for the page's requests — live queries join by themselves, one-off
 * calls report theirs — is shown at the field its path names, in that field's words. The scope
 * knows which fields are invalid, so Save can refuse and say why, and the results column can
 * point at the field instead of repeating the message.
 */
import {
  computed,
  hasInjectionContext,
  inject,
  onScopeDispose,
  provide,
  reactive,
  shallowRef,
  toValue,
  useId,
  watch,
  type ComputedRef,
  type InjectionKey,
  type MaybeRefOrGetter,
} from 'vue';
import { ContractError } from '../../src-main/ipc/contract/runtime';

export type FieldPath = ReadonlyArray<string | number>;

/** Whether an error's path lies at or inside a field's path: ["experts", 2] belongs to the field ["experts"]. */
export function pathWithin(errorPath: FieldPath, fieldPath: FieldPath): boolean {
  return fieldPath.length > 0 && errorPath.length >= fieldPath.length && fieldPath.every((p, i) => String(p) === String(errorPath[i]));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A main-side message in the field's own words: the "path: " prefix and a "(field: …)" suffix the
 * transports add are dropped, and the request's key at the start ("experts must not repeat…")
 * becomes the field's label ("Expert counts must not repeat…"); otherwise the label leads.
 */
export function inFieldWords(message: string, path: FieldPath, label: string): string {
  let m = message.trim();
  // The transports name the path, or the start of it, before or after the message.
  for (let n = path.length; n > 0; n--) {
    const dotted = escape(path.slice(0, n).map(String).join('.'));
    m = m.replace(new RegExp(`^${dotted}:\\s*`), '').replace(new RegExp(`\\s*\\(field: ${dotted}\\)\\.?$`), '');
  }
  const keys = path.filter((p): p is string => typeof p === 'string');
  // The key may lead with its parents spelled as words ("serving tp 3 does not divide …"): the
  // longest such lead becomes the label.
  for (let n = keys.length; n > 0; n--) {
    const lead = new RegExp(`^${keys.slice(-n).map(escape).join('\\s+')}\\b`);
    if (lead.test(m)) return m.replace(lead, label);
  }
  if (m.toLowerCase().startsWith(label.toLowerCase())) return m;
  return `${label}: ${m.charAt(0).toLowerCase()}${m.slice(1)}`;
}

interface FieldEntry {
  label: string;
  path: FieldPath | undefined;
  /** The field's own parse or range error ('' when it reads). */
  local: string;
}

export interface InvalidField {
  label: string;
  message: string;
}

export interface FieldScope {
  /** A source of errors that stands until it answers again (a live query's error). Returns its removal. */
  addSource(source: () => ContractError | null): () => void;
  /** An error from a one-off call (a save, a start); true when a field took it, so the caller need not show it too. */
  report(err: unknown): boolean;
  /** Forgets reported errors (before the next attempt). */
  clearReported(): void;
  /** Forgets the reported errors about a field the user has just edited. */
  forget(path: FieldPath | undefined): void;
  /** The message a field at `path` shows for the main side's errors, in its words; '' when none. */
  serverMessage(path: FieldPath | undefined, label: string): string;
  /** The label of the field an error lands at, or null when no field on the page names its path. */
  fieldOf(err: ContractError | null): string | null;
  /** Every field that is invalid now, by its own check or the main side's. */
  invalid: ComputedRef<InvalidField[]>;
  register(entry: FieldEntry): () => void;
}

const KEY: InjectionKey<FieldScope> = Symbol('field-scope');

export function createFieldScope(): FieldScope {
  const sources = shallowRef<Array<() => ContractError | null>>([]);
  const reported = shallowRef<ContractError[]>([]);
  const fields = reactive(new Set<FieldEntry>()) as Set<FieldEntry>;

  const standing = computed(() => {
    const all = [...sources.value.map((s) => s()), ...reported.value];
    return all.filter((e): e is ContractError => !!e && !!e.path?.length);
  });
  const errorAt = (path: FieldPath | undefined) => (path?.length ? standing.value.find((e) => pathWithin(e.path!, path)) : undefined);
  const serverMessage = (path: FieldPath | undefined, label: string) => {
    const err = errorAt(path);
    return err ? inFieldWords(err.message, err.path!, label) : '';
  };
  const invalid = computed(() =>
    [...fields].flatMap((f) => {
      const message = f.local || serverMessage(f.path, f.label);
      return message ? [{ label: f.label, message }] : [];
    }),
  );

  return {
    addSource(source) {
      sources.value = [...sources.value, source];
      return () => (sources.value = sources.value.filter((s) => s !== source));
    },
    report(err) {
      if (!(err instanceof ContractError) || !err.path?.length) return false;
      reported.value = [...reported.value, err];
      return this.fieldOf(err) !== null;
    },
    clearReported() {
      reported.value = [];
    },
    forget(path) {
      if (path?.length) reported.value = reported.value.filter((e) => !pathWithin(e.path!, path));
    },
    serverMessage,
    fieldOf(err) {
      if (!err?.path?.length) return null;
      for (const f of fields) if (f.path && pathWithin(err.path, f.path)) return f.label;
      return null;
    },
    invalid,
    register(entry) {
      fields.add(entry);
      return () => fields.delete(entry);
    },
  };
}

/** Makes the calling component a field scope for its descendants (a page, a dialog). */
export function provideFieldScope(): FieldScope {
  const scope = createFieldScope();
  provide(KEY, scope);
  return scope;
}

/** The nearest enclosing field scope, or null outside one (a unit test, a component mounted alone). */
export function useFieldScope(): FieldScope | null {
  return hasInjectionContext() ? inject(KEY, null) : null;
}

/** Joins an error source to the enclosing scope for as long as the caller lives. */
export function reportErrorsFrom(source: () => ContractError | null): void {
  const scope = useFieldScope();
  if (!scope) return;
  const remove = scope.addSource(source);
  onScopeDispose(remove);
}

/**
 * One field's part: register its label, request path and own error with the enclosing scope, and
 * get back what it shows (its own error first, else the main side's) and its ARIA wiring.
 */
export function useField(opts: {
  label: MaybeRefOrGetter<string>;
  path: MaybeRefOrGetter<FieldPath | undefined>;
  local: MaybeRefOrGetter<string>;
  hint?: MaybeRefOrGetter<string>;
  scope?: FieldScope | null;
}) {
  const id = useId();
  const scope = opts.scope === undefined ? useFieldScope() : opts.scope;
  const entry = reactive<FieldEntry>({ label: '', path: undefined, local: '' });
  watch(
    () => ({ label: toValue(opts.label), path: toValue(opts.path), local: toValue(opts.local) }),
    (now) => Object.assign(entry, now),
    { immediate: true, flush: 'sync' },
  );
  const message = computed(() => entry.local || (scope?.serverMessage(entry.path, entry.label) ?? ''));
  if (scope) onScopeDispose(scope.register(entry));
  const errorId = `${id}-err`;
  const hintId = `${id}-hint`;
  const describedBy = computed(() => [toValue(opts.hint) ? hintId : '', message.value ? errorId : ''].filter(Boolean).join(' ') || undefined);
  /** Call on the user's edit: a reported error about what they changed no longer stands. */
  const edited = () => scope?.forget(entry.path);
  return { id, errorId, hintId, message, invalid: computed(() => !!message.value), describedBy, edited };
}
