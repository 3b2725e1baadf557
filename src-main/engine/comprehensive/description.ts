/**
 * The comprehensive five-factor MoE law as the product presents it (LAWS.md §3). Its fitted
 * ranges drive the extrapolation flags of every result in this folder.
 */
import type { LawDescription } from '../common/law-description';

export const COMPREHENSIVE_LAW: LawDescription = {
  id: 'comprehensive',
  name: 'Comprehensive five-factor MoE law',
  citation: '"Towards a Comprehensive Scaling Law of Mixture-of-Experts", 2025, arXiv:2509.23678',
  variables: [
    { name: 'total', symbol: 'N', label: 'total parameters', unit: 'parameters', description: 'Total parameters.' },
    { name: 'tokens', symbol: 'D', label: 'training tokens', unit: 'tokens', description: 'Training tokens.' },
    { name: 'active', symbol: 'N_a', label: 'active parameters', unit: 'parameters', description: 'Activated parameters per token.' },
    {
      name: 'activeExperts',
      symbol: 'G',
      label: 'activated experts',
      unit: 'experts',
      description: 'Activated experts per token, shared plus routed (not the EL law’s granularity).',
    },
    { name: 'sharedRatio', symbol: 'S', label: 'shared-expert ratio', unit: '1', description: 'Shared experts over activated experts.' },
    { name: 'activeRatio', symbol: 'N_a/N', unit: '1', description: 'Activation ratio by parameters.' },
    {
      name: 'threshold',
      symbol: 'τ',
      unit: 'nats/token per percentage point',
      description: 'Efficiency-aware cut-off: stop adding activated parameters once one more percentage point of N_a/N saves less loss than τ.',
    },
    { name: 'loss', symbol: 'L', unit: 'nats/token', description: 'Final training loss (Dolma v1.7).' },
  ],
  fittedRanges: {
    total: { min: 133e6, max: 3.4e9, unit: 'parameters', note: 'Validated up to 9B parameters.' },
    tokens: { min: 10e9, max: 50e9, unit: 'tokens', note: 'Validated up to 100B tokens.' },
    active: { min: 30e6, max: 2.2e9, unit: 'parameters' },
    activeExperts: { min: 1, max: 20, unit: 'experts' },
    sharedRatio: { min: 0, max: 0.7, unit: '1' },
  },
  questions: [
    'What loss will an MoE with N total and N_a activated parameters, G activated experts and shared ratio S reach on D tokens?',
    'How many experts should be activated per token, and what share of them should be shared?',
    'What fraction of a model’s parameters should be activated, theoretically and once the cost of activation is counted?',
  ],
};
