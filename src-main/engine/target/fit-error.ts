/**
 * What the papers report about their own fit error, for published sets that carry no bootstrap
 * replicates. It is shown as a loss band and says what it is: a residual of the published fit,
 * not a confidence interval for an extrapolated prediction.
 */
export interface PublishedFitError {
  /** Half-width of the loss band, nats per token. */
  lossHalfWidth: number;
  label: string;
}

const BY_SET: Record<string, PublishedFitError> = {
  'ludziejewski2025-joint': {
    lossHalfWidth: 0.0062,
    label: 'Published fit error (Ludziejewski, Pióro et al. 2025, App. B): ± train RMSE 0.0062 nats/token; held-out RMSE 0.0039, max held-out error 0.018. A residual of the fit, not a confidence interval.',
  },
  'moe-comprehensive-2025': {
    lossHalfWidth: 0.0059,
    label: 'Published fit error (arXiv:2509.23678): ± 0.0059 nats/token average validation error. A residual of the fit, not a confidence interval.',
  },
};

/** The published fit error of a set, or null when its paper reports none the product can cite. */
export function publishedFitError(setId: string): PublishedFitError | null {
  return BY_SET[setId] ?? null;
}
