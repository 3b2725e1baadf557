/** Services of comparisons and reports: load the saved scenarios, then hand them to src-main/reports. */
import { isStoreError } from '../store';
import { buildComparison, type ComparisonOptions, type ReportScenario } from '../reports/comparison';
import { buildDecision } from '../reports/decision';
import { chartCsv, comparisonCsv, scenarioCsv } from '../reports/csv';
import type { Handlers } from './handlers';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';
import { resolveCoefficientSet } from './provenance';
import { bytesOf } from './preferences';
import type { CoefficientSet, LawId } from '../engine/common/coefficients';
import type { SetResolver } from '../reports/law-snapshots';
import type { NextRunResolver } from '../reports/how-computed';
import type { ParsedRequestOf } from '../ipc/contract';
import { nextRunRequestOf } from '../ipc/contract/next-run-inputs';
import { resolveNextRun } from './next-run/input';
import { reportRenderer } from '../reports/renderer';
import { savedFitExplainer } from './fit/record';
import { join } from 'node:path';

/** Where the report renderer's compiled code is kept: the data folder's code-cache/ unless the context names another. */
export const codeCacheDir = (ctx: Pick<ServiceContext, 'dataDir' | 'codeCacheDir'>): string => ctx.codeCacheDir ?? join(ctx.dataDir, 'code-cache');

/**
 * Coefficient sets for the derived tables of leverage and architecture scenarios and for the
 * dense baseline (a Chinchilla-form set): published ones from the seed, the user's from the
 * store; null when the set is gone.
 */
export function setResolver(ctx: ServiceContext): SetResolver {
  return (id: string): CoefficientSet | null => {
    for (const law of ['leverage', 'comprehensive', 'joint', 'chinchilla'] as LawId[]) {
      try {
        return resolveCoefficientSet(ctx, law, id).set;
      } catch (err) {
        if (!(err instanceof ServiceError)) throw err;
      }
    }
    return null;
  };
}

/** The resolvers the comparison reads a scenario's names through: coefficient sets and hardware profiles from the store. */
export function comparisonResolvers(ctx: ServiceContext): Required<ComparisonOptions> {
  return {
    resolveSet: setResolver(ctx),
    resolveHardware: (id) => {
      try {
        return ctx.store().hardware.find(id) ?? null;
      } catch (err) {
        if (isStoreError(err)) return null;
        throw err;
      }
    },
  };
}

/** A saved proposal's runs, fit and hardware as the planner reads them now; null when any is gone. */
export function nextRunResolver(ctx: ServiceContext): NextRunResolver {
  return (inputs) => {
    try {
      const { input, set, hardware } = resolveNextRun(nextRunRequestOf(inputs) as ParsedRequestOf<'nextRun.start'>, ctx);
      return { input, set, hardware };
    } catch (err) {
      if (err instanceof ServiceError || isStoreError(err)) return null;
      throw err;
    }
  };
}

/** The scenarios, in the order asked, each with its project's name; a missing one names its place in the request. */
export function loadScenarios(ctx: ServiceContext, ids: readonly string[], field: string, indexed = true): ReportScenario[] {
  const store = ctx.store();
  const projectNames = new Map<string, string | null>();
  return ids.map((id, i) => {
    const row = store.scenarios.find(id);
    if (!row) throw new ServiceError('not-found', `No scenario with id "${id}"`, indexed ? [field, i] : [field]);
    if (!projectNames.has(row.projectId)) {
      let name: string | null = null;
      try {
        name = store.projects.find(row.projectId)?.name ?? null;
      } catch (err) {
        if (!isStoreError(err)) throw err;
      }
      projectNames.set(row.projectId, name);
    }
    return { ...row, projectName: projectNames.get(row.projectId) ?? null };
  });
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'scenario';
}

const baseName = (scenarios: readonly ReportScenario[]) =>
  scenarios.length === 1 ? slug(scenarios[0]!.name) : `comparison-of-${scenarios.length}-scenarios`;

export const reportsHandlers: Pick<Handlers, 'scenarios.compare' | 'reports.csv' | 'reports.pdf'> = {
  // The side-by-side model and the report's page 1 (what was asked, the answers, who wins on what), in the same words as the PDF.
  'scenarios.compare': (r, ctx) => {
    const scenarios = loadScenarios(ctx, r.ids, 'ids');
    const resolvers = comparisonResolvers(ctx);
    return { ...buildComparison(scenarios, resolvers), decision: buildDecision(scenarios, r.byteConvention ?? bytesOf(ctx), resolvers) };
  },

  'reports.csv': (r, ctx) => {
    if (r.kind === 'comparison') {
      const scenarios = loadScenarios(ctx, r.ids ?? [], 'ids');
      return { fileName: `${baseName(scenarios)}.csv`, content: comparisonCsv(buildComparison(scenarios, comparisonResolvers(ctx))) };
    }
    if (r.kind === 'scenario') {
      const [s] = loadScenarios(ctx, [r.id!], 'id', false);
      return { fileName: `${slug(s!.name)}.results.csv`, content: scenarioCsv(s!, comparisonResolvers(ctx)) };
    }
    const scenarios = r.ids ? loadScenarios(ctx, r.ids, 'ids') : loadScenarios(ctx, [r.id!], 'id', false);
    const charts = buildComparison(scenarios, comparisonResolvers(ctx)).charts;
    const chart = charts.find((c) => c.id === r.chart);
    if (!chart) {
      const known = charts.map((c) => c.id).join(', ') || 'none (no scenario has results to chart)';
      throw new ServiceError('not-found', `No chart "${r.chart}" for these scenarios; charts: ${known}`, ['chart']);
    }
    return { fileName: `${baseName(scenarios)}.${chart.id}.csv`, content: chartCsv(chart) };
  },

  'reports.pdf': async (r, ctx) => {
    const scenarios = loadScenarios(ctx, r.scenarioIds, 'scenarioIds');
    // pdfkit, its fonts and ECharts load with the first report, not with every service (CLI start-up).
    const loaded = await reportRenderer(codeCacheDir(ctx));
    const byteConvention = r.byteConvention ?? bytesOf(ctx);
    const resolvers = comparisonResolvers(ctx);
    const decision = buildDecision(scenarios, byteConvention, resolvers);
    const pdf = await loaded.renderer.renderPdf(scenarios, { appVersion: ctx.appVersion, paper: r.paper, byteConvention, ...resolvers, resolveNextRun: nextRunResolver(ctx), resolveFit: savedFitExplainer(ctx), decision });
    // The code compiled by this report, for the next process; after the answer is on its way.
    setImmediate(() => loaded.keep());
    const suffix = scenarios.length === 1 ? '.design-report.pdf' : '.pdf';
    return { fileName: `${baseName(scenarios)}${suffix}`, base64: pdf.toString('base64'), sizeBytes: pdf.length, winners: decision.winners };
  },
};
