import { publishedSet } from '../../../../src-main/engine/common/coefficients';
export { fit, lnEHat } from '../../../../src-main/engine/fit';

export function publishedCoefficients(id: string): Record<string, number> {
  return { ...publishedSet(id).values };
}
