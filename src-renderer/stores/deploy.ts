/**
 * The cluster a planner deploys on, shared by every wizard's Deploy section: training hardware and
 * devices, serving hardware, context and attention layout, the reserve, and a known model to set
 * beside the recommended design.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RequestOf } from '../../src-main/ipc/contract';
import type { TrainingCluster } from './wizards';

export type AttentionKind = 'mha' | 'gqa' | 'mla';
export type OptimizerId = 'adam-mixed' | 'adam-fp32' | 'adam-8bit-mixed' | 'sgd-momentum-mixed' | 'sgd-momentum-fp32';

export interface DeployInputs {
  trainHardwareId: string;
  trainDevices: number;
  seqLen: number;
  optimizer: OptimizerId;
  /** 'any' searches ZeRO 0–3. */
  zero: 'any' | 0 | 1 | 2 | 3;
  utilization: number | null;
  price: number | null;
  /** Power per device in W, for energy; null: the profile's. */
  power: number | null;
  serveHardwareId: string;
  serveDevices: number;
  /** Serving tensor- and expert-parallel degrees; null lets the service take the largest that divide heads, experts and devices. */
  serveTp: number | null;
  serveEp: number | null;
  batch: number;
  context: number;
  weightBytes: number;
  kvBytes: number;
  attention: AttentionKind;
  kvHeads: number;
  headDim: number;
  latentDim: number;
  ropeDim: number;
  reserveKind: 'share' | 'gib';
  reserveShare: number;
  reserveGib: number;
  /** '' none, a preset id, or 'config' for a pasted config.json. */
  compareWith: string;
  configJson: string;
}

export const defaultDeploy = (): DeployInputs => ({
  trainHardwareId: 'h100-sxm',
  trainDevices: 64,
  seqLen: 4096,
  optimizer: 'adam-mixed',
  zero: 'any',
  utilization: null,
  price: null,
  power: null,
  serveHardwareId: '8xh100',
  serveDevices: 8,
  serveTp: null,
  serveEp: null,
  batch: 1,
  context: 32_768,
  weightBytes: 2,
  kvBytes: 2,
  attention: 'mha',
  kvHeads: 8,
  headDim: 128,
  latentDim: 512,
  ropeDim: 64,
  reserveKind: 'share',
  reserveShare: 0.1,
  reserveGib: 8,
  compareWith: '',
  configJson: '',
});

type CheckRequest = RequestOf<'deploy.check'>;
type ModelSource = CheckRequest['model'];

/** The deployment check of one model on the chosen cluster; `flops` gives time and cost. */
export function deployRequest(d: DeployInputs, model: ModelSource, flops: number | null): CheckRequest {
  const attention =
    model.kind !== 'design' || d.attention === 'mha'
      ? undefined
      : d.attention === 'gqa'
        ? { kind: 'gqa' as const, kvHeads: d.kvHeads, headDim: d.headDim }
        : { kind: 'mla' as const, latentDim: d.latentDim, ropeDim: d.ropeDim };
  return {
    model,
    ...(attention ? { attention } : {}),
    reserve: d.reserveKind === 'share' ? { kind: 'share', share: d.reserveShare } : { kind: 'gib', gib: d.reserveGib },
    training: {
      hardwareId: d.trainHardwareId,
      devices: d.trainDevices,
      seqLen: d.seqLen,
      optimizer: d.optimizer,
      ...(d.zero === 'any' ? {} : { zero: [d.zero] }),
      ...(flops !== null ? { flops } : {}),
      ...(d.utilization !== null ? { utilization: d.utilization } : {}),
      ...(d.price !== null ? { pricePerDeviceHour: d.price } : {}),
      ...(d.power !== null ? { powerWattsPerDevice: d.power } : {}),
    },
    serving: {
      hardwareId: d.serveHardwareId,
      devices: d.serveDevices,
      ...(d.serveTp != null ? { tp: d.serveTp } : {}),
      ...(d.serveEp != null ? { ep: d.serveEp } : {}),
      batch: d.batch,
      context: d.context,
      weightBytes: d.weightBytes,
      kvBytes: d.kvBytes,
    },
  };
}

/** The training cluster of the Deploy section, which also prices the wizard's plan (and so its saved scenario). */
export const trainingClusterOf = (d: DeployInputs): TrainingCluster => ({ hardwareId: d.trainHardwareId, devices: d.trainDevices, utilization: d.utilization, price: d.price, power: d.power });

export const useDeploy = defineStore('deploy', () => {
  const inputs = ref<DeployInputs>(defaultDeploy());
  return { inputs };
});
