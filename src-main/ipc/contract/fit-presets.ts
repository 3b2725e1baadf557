/**
 * Fit settings that reproduce a published fit, each with its citation, and how to tell that
 * loaded runs look like the data set it was published for. Free of zod, so the renderer offers
 * them, the CLI lists them as choices, and the services resolve `options.preset` from one list.
 * The start grid of each is the law's default grid, which is already the paper's (fit.defaults).
 */

export const FIT_PRESET_IDS = ['chinchilla-replication', 'joint-app-b'] as const;
export type FitPresetId = (typeof FIT_PRESET_IDS)[number];

export interface FitPreset {
  id: FitPresetId;
  law: 'chinchilla' | 'joint';
  name: string;
  /** What the preset sets; anything given explicitly next to it wins. */
  settings: { delta: number; dropHighest: number; holdoutLowest: number };
  /** The settings in a sentence, as the paper states them. */
  summary: string;
  citation: string;
  /** The data set the fit was published on, and what it looks like when loaded. */
  dataset: { name: string; runs: number; nAct: [number, number]; tokens: [number, number]; experts: readonly number[] | null };
}

export const FIT_PRESETS: readonly FitPreset[] = [
  {
    id: 'chinchilla-replication',
    law: 'chinchilla',
    name: 'Chinchilla replication (Besiroglu et al. 2024)',
    settings: { delta: 1e-3, dropHighest: 5, holdoutLowest: 0 },
    summary: 'drop the 5 highest-loss runs, Huber δ = 10⁻³ on ln L, L-BFGS from Epoch AI’s grid of 4,500 starts',
    citation: 'Besiroglu, Erdil, Barnett & You (2024), “Chinchilla Scaling: A replication attempt”, arXiv:2404.10102',
    // The 245 points read off Hoffmann et al.'s Figure 4 (LAWS.md §5).
    dataset: { name: 'the Chinchilla runs read off Hoffmann et al.’s Figure 4', runs: 245, nAct: [4e7, 2e10], tokens: [1e8, 5e11], experts: null },
  },
  {
    id: 'joint-app-b',
    law: 'joint',
    name: 'Joint MoE law, App. B (Ludziejewski, Pióro et al. 2025)',
    settings: { delta: 1e-2, dropHighest: 0, holdoutLowest: 30 },
    summary:
      'Huber δ = 10⁻² on ln L, the 30 lowest-loss runs held out, L-BFGS from the App. B grid (3⁹ starts), the start with the lowest train + held-out RMSE chosen',
    citation: 'Ludziejewski, Pióro et al. (2025), “Joint MoE Scaling Laws: Mixture of Experts Can Be Memory Efficient”, App. B',
    // The 270 runs of App. E: 78.7 M–2.72 B active parameters, 0.5 B–80 B tokens, E ∈ {1…32} (LAWS.md §1).
    dataset: { name: 'the joint law’s 270 runs (App. E)', runs: 270, nAct: [7e7, 3e9], tokens: [4e8, 9e10], experts: [1, 2, 4, 8, 16, 32] },
  },
];

export const fitPreset = (id: string): FitPreset | undefined => FIT_PRESETS.find((p) => p.id === id);

export interface RunShape {
  nAct: number;
  tokens: number;
  experts?: number | null | undefined;
}

/** The preset whose data set the runs look like, with a sentence saying why; null when none does. */
export function looksLikeDataset(runs: readonly RunShape[]): { presetId: FitPresetId; message: string } | null {
  if (runs.length === 0) return null;
  for (const p of FIT_PRESETS) {
    const d = p.dataset;
    // A few runs more or less (a dropped row, a re-extraction) still look like the set.
    if (Math.abs(runs.length - d.runs) > Math.max(5, d.runs * 0.03)) continue;
    const inside = runs.every((r) => r.nAct >= d.nAct[0] && r.nAct <= d.nAct[1] && r.tokens >= d.tokens[0] && r.tokens <= d.tokens[1]);
    if (!inside) continue;
    const es = new Set(runs.map((r) => r.experts ?? 1));
    const expertsMatch = d.experts === null ? es.size === 1 && es.has(1) : [...es].every((e) => d.experts!.includes(e)) && es.size >= 3;
    if (!expertsMatch) continue;
    return {
      presetId: p.id,
      message: `These ${runs.length} runs look like ${d.name}. The published fit used: ${p.summary} — the preset “${p.name}” sets this.`,
    };
  }
  return null;
}
