/**
 * The Target page's inputs and the plan.target request, both ways, in one place: the page sends
 * `targetRequest(inputs)`, and `moe-workbench target --save` keeps `targetInputsOf(answer)`, so a
 * scenario saved from either opens, recomputes and reports the same. Zod-free (the renderer
 * imports it at run time); the inputs' shape is schema/scenario-inputs.ts's.
 */
import type { RequestOf, ResponseOf } from './index';
import type { TargetInputs } from './scenario-inputs';

/** The question by default: the cheapest MoE that matches a 7B dense model trained on 2T tokens. */
export const defaultTargetInputs = (): TargetInputs => ({
  goal: 'match-dense',
  loss: 2.2,
  denseParams: 7e9,
  denseTokens: 2e12,
  denseFlops: 1e23,
  moeActive: 1e9,
  moeTokens: 1e11,
  moeExperts: 8,
  experts: [1, 2, 4, 8, 16, 32, 64],
  laws: ['joint', 'chinchilla', 'comprehensive'],
  jointSetId: 'ludziejewski2025-joint',
  // The Epoch replication, as everywhere else in the product (Baselines, the dense baseline, the CLI).
  chinchillaSetId: 'besiroglu2024',
  comprehensiveSetId: 'moe-comprehensive-2025',
  inferenceTokens: 0,
  maxTokens: 15e12,
  hardwareId: '',
  pricePerDeviceHour: null,
});

export function targetRequest(i: TargetInputs): RequestOf<'plan.target'> {
  const goal: RequestOf<'plan.target'>['goal'] =
    i.goal === 'loss'
      ? { kind: 'loss', loss: i.loss }
      : i.goal === 'match-dense'
        ? { kind: 'match-dense', params: i.denseParams, tokens: i.denseTokens }
        : i.goal === 'match-dense-optimal'
          ? { kind: 'match-dense-optimal', flops: i.denseFlops }
          : { kind: 'match-moe', nAct: i.moeActive, tokens: i.moeTokens, experts: i.moeExperts };
  return {
    goal,
    experts: i.experts,
    laws: i.laws,
    jointSetId: i.jointSetId,
    chinchillaSetId: i.chinchillaSetId,
    comprehensiveSetId: i.comprehensiveSetId,
    inferenceTokens: i.inferenceTokens,
    maxTokens: i.maxTokens,
    ...(i.hardwareId ? { hardwareId: i.hardwareId, ...(i.pricePerDeviceHour !== null ? { pricePerDeviceHour: i.pricePerDeviceHour } : {}) } : {}),
  };
}

/**
 * The page's inputs for an answer: its goal, expert counts, laws and the sets they used; a law the
 * answer did not use keeps the page's default set, as the page would show it.
 * `pricePerDeviceHour` is the price the request gave (the answer prices with the profile's otherwise).
 */
export function targetInputsOf(answer: ResponseOf<'plan.target'>, pricePerDeviceHour: number | null = null): TargetInputs {
  const g = answer.goal;
  const goal: Partial<TargetInputs> =
    g.kind === 'loss'
      ? { goal: 'loss', loss: g.loss }
      : g.kind === 'match-dense'
        ? { goal: 'match-dense', denseParams: g.params, denseTokens: g.tokens }
        : g.kind === 'match-dense-optimal'
          ? { goal: 'match-dense-optimal', denseFlops: g.flops }
          : { goal: 'match-moe', moeActive: g.nAct, moeTokens: g.tokens, moeExperts: g.experts };
  const defaults = defaultTargetInputs();
  const setOf = (law: TargetInputs['laws'][number], fallback: string) => answer.laws.find((l) => l.law === law)?.coefficientSetId ?? fallback;
  return {
    ...defaults,
    ...goal,
    experts: answer.experts,
    laws: answer.laws.map((l) => l.law),
    jointSetId: setOf('joint', defaults.jointSetId),
    chinchillaSetId: setOf('chinchilla', defaults.chinchillaSetId),
    comprehensiveSetId: setOf('comprehensive', defaults.comprehensiveSetId),
    inferenceTokens: answer.inferenceTokens,
    maxTokens: answer.maxTokens,
    hardwareId: answer.hardware?.id ?? '',
    pricePerDeviceHour,
  };
}
