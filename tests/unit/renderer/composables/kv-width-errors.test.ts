/**
 * Errors at their field for the KV-cache layout's widths (issue 12, item 3). The Memory and
 * Inference caps, the memory sweep and the Deploy section's check all send the layout as the
 * request's `attention`; CacheLayoutField registers each width at ['attention', key]. A width the
 * main side refuses must come back with that path and read, at that field and no other, in the
 * field's words ("KV heads must be at least 1"). The requests are built by the pages' own builders
 * and checked by the contract exactly as dispatch checks every payload.
 */
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../../src-main/ipc/contract/runtime';
import { checkRequest } from '../../../../src-main/ipc/check-request';
import type { ChannelName } from '../../../../src-main/ipc/contract';
import { createFieldScope } from '../../../../src-renderer/composables/fieldErrors';
import { defaultInferenceInputs, defaultMemoryInputs, inferenceRequest, memoryRequest } from '../../../../src-main/ipc/contract/plan-inputs';
import { memorySweepFields } from '../../../../src-renderer/stores/wizards';
import { defaultDeploy, deployRequest } from '../../../../src-renderer/stores/deploy';
import type { CacheLayoutState } from '../../../../src-main/ipc/contract/scenario-inputs';

/** The labels CacheLayoutField gives its widths, as a reader sees them on the page. */
const LABEL = { kvHeads: 'KV heads', headDim: 'Head dimension', latentDim: 'Latent width', ropeDim: 'RoPE width' } as const;
type Width = keyof typeof LABEL;
const KIND: Record<Width, 'gqa' | 'mla'> = { kvHeads: 'gqa', headDim: 'gqa', latentDim: 'mla', ropeDim: 'mla' };

/** Values the contract refuses for each width, with the sentence the reader should see (LAWS.md §7's bounds: 1–4096 KV heads, …). */
const REFUSED: Record<Width, Array<[number, string]>> = {
  kvHeads: [[0, 'KV heads must be at least 1'], [2.5, 'KV heads must be a whole number'], [4097, 'KV heads must be at most 4096']],
  headDim: [[0, 'Head dimension must be at least 1'], [64.5, 'Head dimension must be a whole number'], [65_537, 'Head dimension must be at most 65536']],
  latentDim: [[0, 'Latent width must be at least 1'], [1.5, 'Latent width must be a whole number'], [1_000_001, 'Latent width must be at most 1000000']],
  ropeDim: [[-1, 'RoPE width must be at least 0'], [0.5, 'RoPE width must be a whole number'], [65_537, 'RoPE width must be at most 65536']],
};

const layoutWith = (width: Width, value: number): CacheLayoutState => ({ kind: KIND[width], kvHeads: 8, headDim: 128, latentDim: 512, ropeDim: 64, [width]: value });

/** Every request a page sends with the layout in it, built as the page builds it. */
function requests(layout: CacheLayoutState): Array<[ChannelName, unknown]> {
  const memory = defaultMemoryInputs();
  memory.memory.cacheLayout = layout;
  const inference = defaultInferenceInputs();
  inference.capMemory = true;
  inference.memory.cacheLayout = layout;
  const deploy = { ...defaultDeploy(), attention: layout.kind, kvHeads: layout.kvHeads, headDim: layout.headDim, latentDim: layout.latentDim, ropeDim: layout.ropeDim };
  return [
    ['plan.memory', memoryRequest(memory)],
    ['plan.inference', inferenceRequest(inference)],
    ['sweep.memory', { flops: memory.budget.flops, ...memorySweepFields(memory) }],
    ['deploy.check', deployRequest(deploy, { kind: 'design', dModel: 2048, nBlocks: 24, nHeads: 32, experts: 8, vocab: 50_257, name: 'a design' }, 1e22)],
  ];
}

/** The field scope of a page holding the layout's four widths, as CacheLayoutField registers them. */
function pageScope() {
  const scope = createFieldScope();
  for (const width of Object.keys(LABEL) as Width[]) scope.register({ label: LABEL[width], path: ['attention', width], local: '' });
  return scope;
}

describe('a KV-cache width the main side refuses', () => {
  it('is accepted by every channel at the defaults (the requests below differ from a valid one in that width only)', () => {
    for (const kind of ['gqa', 'mla'] as const)
      for (const [channel, request] of requests({ kind, kvHeads: 8, headDim: 128, latentDim: 512, ropeDim: 64 })) {
        const checked = checkRequest(channel, request);
        expect(checked.ok, `${channel} ${kind}: ${checked.ok ? '' : checked.error.message}`).toBe(true);
      }
  });

  for (const width of Object.keys(LABEL) as Width[])
    for (const [value, sentence] of REFUSED[width])
      it(`${width} = ${value}: every channel names ['attention', '${width}'], and the page shows "${sentence}" at "${LABEL[width]}" alone`, () => {
        for (const [channel, request] of requests(layoutWith(width, value))) {
          const checked = checkRequest(channel, request);
          expect(checked.ok, `${channel} accepted ${width} = ${value}`).toBe(false);
          if (checked.ok) continue;
          expect(checked.error.path, channel).toEqual(['attention', width]);
          const scope = pageScope();
          scope.addSource(() => new ContractError(checked.error));
          expect(scope.invalid.value, channel).toEqual([{ label: LABEL[width], message: sentence }]);
          expect(scope.fieldOf(new ContractError(checked.error))).toBe(LABEL[width]);
        }
      });
});
