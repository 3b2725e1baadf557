import type { FitLawId, LossModel } from '../types';
import { chinchillaModel } from './chinchilla';
import { comprehensiveModel } from './comprehensive';
import { denseMoeModel } from './dense-moe';
import { jointModel } from './joint';
import { perEModel } from './per-e';

export { chinchillaModel, comprehensiveModel, denseMoeModel, jointModel, perEModel };

const MODELS: Record<FitLawId, LossModel> = {
  chinchilla: chinchillaModel,
  joint: jointModel,
  'per-e': perEModel,
  comprehensive: comprehensiveModel,
  'dense-moe': denseMoeModel,
};

/** The loss model of a law; throws naming the field for an unknown law. */
export function lossModel(law: FitLawId): LossModel {
  const m = (MODELS as Record<string, LossModel | undefined>)[law];
  if (!m) throw new Error(`law must be one of ${Object.keys(MODELS).join(', ')}, got ${JSON.stringify(law)}`);
  return m;
}
