/**
 * Errors at their field (issue 12, item 3): a main-side error lands at the field its path names,
 * in the field's words; the scope knows which fields are invalid, so Save can refuse.
 */
import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { ContractError } from '../../../../src-main/ipc/contract';
import { createFieldScope, inFieldWords, pathWithin } from '../../../../src-renderer/composables/fieldErrors';

const rejected = (message: string, path: Array<string | number>) => new ContractError({ code: 'invalid-request', message, path });

describe('pathWithin', () => {
  it('an error inside a list field belongs to the field; a sibling or a parent does not', () => {
    expect(pathWithin(['experts', 2], ['experts'])).toBe(true);
    expect(pathWithin(['experts'], ['experts'])).toBe(true);
    expect(pathWithin(['options', 'delta'], ['options', 'delta'])).toBe(true);
    expect(pathWithin(['options'], ['options', 'delta'])).toBe(false);
    expect(pathWithin(['expertsX'], ['experts'])).toBe(false);
    expect(pathWithin(['flops'], [])).toBe(false);
  });
});

describe('inFieldWords', () => {
  it('says the zod message with the field’s label instead of the request key and without the path prefix', () => {
    expect(inFieldWords('experts: experts must not repeat an expert count', ['experts'], 'Expert counts')).toBe('Expert counts must not repeat an expert count');
    expect(inFieldWords('experts must not repeat an expert count (field: experts)', ['experts'], 'Expert counts')).toBe('Expert counts must not repeat an expert count');
  });
  it('takes a lead that spells the key with its parents as words for the label', () => {
    expect(inFieldWords('serving tp 3 does not divide the 64 attention heads', ['serving', 'tp'], 'Serving TP')).toBe('Serving TP 3 does not divide the 64 attention heads');
    expect(inFieldWords('tp 3 does not divide the 64 attention heads', ['serving', 'tp'], 'Serving TP')).toBe('Serving TP 3 does not divide the 64 attention heads');
  });
  it('leads with the label when the message does not start with the key', () => {
    expect(inFieldWords('options.delta: Too big: expected number to be <=10', ['options', 'delta'], 'Huber δ')).toBe('Huber δ: too big: expected number to be <=10');
  });
});

describe('a field scope', () => {
  it('shows a standing error at the field its path names, lists that field as invalid, and lets it go when the source answers', async () => {
    const scope = createFieldScope();
    const error = ref<ContractError | null>(null);
    const run = effectScope();
    run.run(() => scope.addSource(() => error.value));
    const experts = { label: 'Expert counts', path: ['experts'], local: '' };
    const flops = { label: 'Training budget', path: ['flops'], local: '' };
    scope.register(experts);
    scope.register(flops);
    expect(scope.invalid.value).toEqual([]);

    error.value = rejected('experts: experts must not repeat an expert count', ['experts', 2]);
    await nextTick();
    expect(scope.serverMessage(['experts'], 'Expert counts')).toBe('Expert counts must not repeat an expert count');
    expect(scope.serverMessage(['flops'], 'Training budget')).toBe('');
    expect(scope.fieldOf(error.value)).toBe('Expert counts');
    expect(scope.invalid.value).toEqual([{ label: 'Expert counts', message: 'Expert counts must not repeat an expert count' }]);

    error.value = null;
    expect(scope.invalid.value).toEqual([]);
    run.stop();
  });

  it('counts a field’s own parse error as invalid too, and an error no field names is left to the page', () => {
    const scope = createFieldScope();
    const unregister = scope.register({ label: 'Memory', path: ['memoryBytes'], local: 'Memory: add a unit to "80" (e.g. 80 GB or 80 GiB)' });
    expect(scope.invalid.value.map((f) => f.label)).toEqual(['Memory']);
    expect(scope.report(rejected('nothing here', ['somewhereElse']))).toBe(false);
    expect(scope.fieldOf(rejected('nothing here', ['somewhereElse']))).toBeNull();
    unregister();
    expect(scope.invalid.value).toEqual([]);
  });

  it('a reported error (a refused save) stands until the field is edited or the next attempt', () => {
    const scope = createFieldScope();
    scope.register({ label: 'Scenario name', path: ['name'], local: '' });
    scope.register({ label: 'New project name', path: ['project', 'name'], local: '' });
    expect(scope.report(rejected('name: name must not be empty', ['project', 'name']))).toBe(true);
    expect(scope.invalid.value.map((f) => f.label)).toEqual(['New project name']);
    scope.forget(['name']);
    expect(scope.invalid.value).toHaveLength(1);
    scope.forget(['project', 'name']);
    expect(scope.invalid.value).toEqual([]);
    scope.report(rejected('name must not be empty', ['name']));
    scope.clearReported();
    expect(scope.invalid.value).toEqual([]);
  });
});
