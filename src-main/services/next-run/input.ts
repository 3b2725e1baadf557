/**
 * What a next-run request means: the project's runs, the joint-law fit and its bootstrap
 * replicates, the hardware's throughput. Refused before any worker starts, naming the field,
 * when the project has no runs, the set is not a joint-law fit with replicates, or no candidate
 * fits in the allowance.
 */
import { candidateRuns, DEFAULT_CANDIDATE_GRID, type NextRunInput, type NextRunProposal } from '../../engine/next-run';
import type { FitRun } from '../../engine/fit';
import type { ParsedRequestOf, ResponseOf } from '../../ipc/contract';
import { count, flops, gpuHours, loss, percent } from '../../format';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { findHardwareProfile } from '../memory-budget';
import { resolveCoefficientSet } from '../provenance';
import { NEXT_RUN_DENSE_REFUSAL } from '../../ipc/contract/next-run-inputs';
import { PUBLISHED_SETS, type CoefficientSet } from '../../engine/common/coefficients';

type Request = ParsedRequestOf<'nextRun.start'>;
type Proposal = ResponseOf<'nextRun.propose'>;

export interface ResolvedNextRun {
  input: NextRunInput;
  context: Pick<Proposal, 'inputs' | 'project' | 'hardware' | 'provenance'>;
  /** The fit and the hardware as resolved here, for what else reads them (the explanation, the report). */
  set: CoefficientSet;
  hardware: { name: string; pricePerDeviceHour: number | null };
}

/** Engine field → request path, so an engine refusal points at what the caller sent. */
export const ENGINE_FIELD_PATH: Record<string, string[]> = {
  planExperts: ['experts'],
  runs: ['projectId'],
  coefficients: ['coefficientSetId'],
  peakFlopsPerDevice: ['hardwareId'],
};

export function resolveNextRun(r: Request, ctx: ServiceContext): ResolvedNextRun {
  const store = ctx.store();
  const project = store.projects.get(r.projectId);
  const rows = store.runs.list(r.projectId);
  if (rows.length === 0) throw new ServiceError('invalid-request', `Project "${project.name}" has no training runs: import the runs the fit was made on first`, ['projectId']);
  const runs: FitRun[] = rows.map((row) => ({ nAct: row.nAct, tokens: row.tokens, loss: row.loss, experts: row.experts ?? 1, label: row.name || `run ${row.id}` }));
  const law = PUBLISHED_SETS.find((s) => s.id === r.coefficientSetId)?.law ?? store.coefficients.find(r.coefficientSetId)?.law;
  if (law === 'chinchilla') throw new ServiceError('invalid-request', NEXT_RUN_DENSE_REFUSAL, ['coefficientSetId']);
  if (law !== undefined && law !== 'joint') throw new ServiceError('invalid-request', `Coefficient set "${r.coefficientSetId}" is for the ${law} law; the next-run planner needs a joint-law fit`, ['coefficientSetId']);
  const { set, provenance } = resolveCoefficientSet(ctx, 'joint', r.coefficientSetId);
  const replicates = store.coefficients.replicates(set.id);
  if (!replicates || replicates.length < 2) {
    throw new ServiceError(
      'invalid-request',
      `Coefficient set "${set.name}" has no bootstrap replicates: the planner narrows the band they describe. Fit the joint law to this project's runs with bootstrap replicates (the Fit page with "Bootstrap replicates" set) and save the fit.`,
      ['coefficientSetId'],
    );
  }
  const profile = findHardwareProfile(ctx, r.hardwareId);
  const utilization = r.utilization ?? profile.defaultUtilization;
  const throughput = { peakFlopsPerDevice: profile.peakFlopsPerDevice, utilization };
  const grid = { ...DEFAULT_CANDIDATE_GRID, ...r.candidates };
  if (candidateRuns(grid, throughput, r.gpuHours).length === 0) {
    const cheapest = candidateRuns(grid, throughput, Infinity)[0]!;
    throw new ServiceError('invalid-request', `No candidate run fits in ${gpuHours(r.gpuHours)} on ${profile.name}: the cheapest (${count(cheapest.nAct)} active parameters on ${count(cheapest.tokens)} tokens) takes ${gpuHours(cheapest.gpuHours)}`, ['gpuHours']);
  }
  const input: NextRunInput = {
    runs,
    coefficients: set.values,
    replicates,
    targetFlops: r.targetFlops,
    gpuHours: r.gpuHours,
    throughput,
    count: r.count,
    quantity: r.quantity,
    worlds: r.worlds,
    seed: r.seed,
    candidates: grid,
  };
  if (r.experts) input.planExperts = r.experts;
  return {
    input,
    set,
    hardware: { name: profile.name, pricePerDeviceHour: profile.pricePerDeviceHour },
    context: {
      inputs: {
        projectId: project.id,
        coefficientSetId: set.id,
        targetFlops: r.targetFlops,
        gpuHours: r.gpuHours,
        hardwareId: profile.id,
        utilization: r.utilization ?? null,
        count: r.count,
        quantity: r.quantity,
        experts: r.experts ?? null,
        worlds: r.worlds,
        seed: r.seed,
        candidates: { nAct: [...grid.nAct], tokensPerParam: [...grid.tokensPerParam], experts: [...grid.experts] },
      },
      project: { id: project.id, name: project.name, runs: runs.length },
      hardware: { id: profile.id, name: profile.name, peakFlopsPerDevice: profile.peakFlopsPerDevice, utilization },
      provenance,
    },
  };
}

const bandText = (p: NextRunProposal, b: { low: number; high: number }) => (p.quantity === 'loss' ? `${loss(b.low)}–${loss(b.high)} nats/token` : `${count(b.low)}–${count(b.high)} active parameters`);

/** The proposal in one paragraph. */
export function nextRunAnswer(p: NextRunProposal, hardwareName: string): string {
  const what = p.quantity === 'loss' ? 'predicted loss' : 'active parameters N_act';
  const runs = p.runs.map((x, i) => `${i + 1}) ${count(x.nAct)} active parameters, ${count(x.tokens)} tokens, E = ${x.experts} (${gpuHours(x.gpuHours)})`).join('; ');
  const band = p.simulated ?? p.predicted;
  const shrink = band.after.high - band.after.low;
  const wide = band.before.high - band.before.low;
  const how = p.simulated ? `in ${p.simulated.worlds} simulated refits` : 'by the linearised law';
  return (
    `At ${flops(p.targetFlops)} FLOPs the fit recommends E = ${p.plan.experts} with ${count(p.plan.nAct)} active parameters on ${count(p.plan.tokens)} tokens (loss ${loss(p.plan.loss)} nats/token). ` +
    `To narrow the 90 % band of its ${what}, run ${runs} on ${hardwareName}: ${gpuHours(p.gpuHours)} of the ${gpuHours(p.gpuHoursAllowance)} allowed. ` +
    `The band goes from ${bandText(p, band.before)} to ${bandText(p, band.after)} ${how}` +
    (wide > 0 ? ` (${percent(shrink / wide)} of its width).` : '.')
  );
}
