/**
 * "How was this computed?": one channel that explains the figures another channel returns. The
 * caller sends that channel's name and the request it sent; the service recomputes the result and
 * returns each headline figure's formula, symbolic and with the values substituted, written in
 * planner units, and its citation — so results stay small and the renderer only renders.
 */
import { z } from 'zod';
import { channel } from './define';
import { EXPLAINED_CHANNELS, PLAN_EXPLAIN_PARTS, type ExplainedChannel } from './names';
import { explanationSchema } from '../../schema/explanation';
import { planBandSchema } from '../../schema/plan';
import { jointChannels } from './joint';
import { chinchillaChannels } from './chinchilla';
import { comprehensiveChannels } from './comprehensive';
import { activationField, granularityField, leverageChannels } from './leverage';
import { deployChannels } from './deploy';
import { denseMoeChannels } from './dense-moe';
import { reportsChannels } from './reports';
import { targetChannels } from './target';
import { nextRunChannels } from './next-run';
import { fitChannels } from './fit';
import { storeChannels } from './store';
import { nextRunProposalSchema } from '../../schema/next-run';

const explained = {
  'law.joint': jointChannels['law.joint'].request,
  'plan.compute': jointChannels['plan.compute'].request,
  'plan.memory': jointChannels['plan.memory'].request,
  'plan.inference': jointChannels['plan.inference'].request,
  'law.chinchilla': chinchillaChannels['law.chinchilla'].request,
  'plan.chinchilla': chinchillaChannels['plan.chinchilla'].request,
  'law.comprehensive': comprehensiveChannels['law.comprehensive'].request,
  'optimum.comprehensive': comprehensiveChannels['optimum.comprehensive'].request,
  'law.leverage': leverageChannels['law.leverage'].request,
  'optimum.leverage': leverageChannels['optimum.leverage'].request,
  'allocation.leverage': leverageChannels['allocation.leverage'].request,
  'compare.denseMoe': jointChannels['compare.denseMoe'].request,
  'denseMoe.optimum': denseMoeChannels['denseMoe.optimum'].request,
  'memory.kv': deployChannels['memory.kv'].request,
  'memory.training': deployChannels['memory.training'].request,
  'deploy.check': deployChannels['deploy.check'].request,
  'table.optimalExperts': jointChannels['table.optimalExperts'].request,
  'leverage.contours': leverageChannels['leverage.contours'].request,
  'scenarios.compare': reportsChannels['scenarios.compare'].request,
  'plan.target': targetChannels['plan.target'].request,
  'nextRun.propose': nextRunChannels['nextRun.propose'].request,
  'fit.status': fitChannels['fit.status'].request,
  'fit.run': fitChannels['fit.run'].request,
  'coefficients.get': storeChannels['coefficients.get'].request,
};
// Every explained channel has its request here, and nothing else.
const _same: [Exclude<ExplainedChannel, keyof typeof explained>, Exclude<keyof typeof explained, ExplainedChannel>] extends [never, never] ? true : never = true;
void _same;

/** Memory as GiB (2³⁰ bytes, 'binary') or GB (10⁹ bytes, 'decimal'), as on the page that asks. */
const bytes = z.enum(['binary', 'decimal']).default('binary');
const member = <C extends ExplainedChannel>(c: C) => z.object({ channel: z.literal(c), request: explained[c], bytes });
/** A forward plan's figures, by part: the recommended design unless the caller names others (the CLI's --explain names them all). */
const parts = z.array(z.enum(PLAN_EXPLAIN_PARTS)).min(1).default(['design']);
/**
 * The band the caller shows (inline with the plan, or the result of its band job): the band part
 * explains it from the refits' best designs it kept instead of re-solving every replicate. Without
 * it, the plan's own inline band (a band left to a job has nothing to explain until the job is done).
 */
const band = planBandSchema.nullable().optional();
const planMember = <C extends 'plan.compute' | 'plan.memory' | 'plan.inference'>(c: C) => member(c).extend({ parts, band });
/**
 * The reverse plan the caller shows (plan.target's answer, its bands merged in when a band job
 * returned them), checked with plan.target's own response schema: the winners' figures are
 * explained from it instead of solving the plan again. Without it (a caller that has none to send),
 * the plan is solved from the request.
 */
const targetAnswer = targetChannels['plan.target'].response.nullable().optional();
/** A contour's cell the reader picked (one of the grid's activation ratios and granularities), written out beside the chart's range. */
const cell = z.object({ activation: activationField, granularity: granularityField }).optional();
/**
 * The proposal the caller shows (the Next runs page's job result, the CLI's answer): explained as
 * it is, its prior recomputed from the request's runs and fit, instead of proposing again (a job of
 * hundreds of refits). Without it, the request is proposed anew.
 */
const proposal = nextRunProposalSchema.optional();
/** A finished fit's run to write the fitted law out at (an index into its residuals); default the run with the largest error. */
const run = z.number({ error: 'run must be a number' }).int('run must be a whole number').min(0, 'run must be at least 0').optional();
/**
 * A blocking fit's answer as the caller got it (fit.run's response, checked with its own schema), with
 * the request it answered: explained from the two, never fitted again. Required: a blocking fit leaves
 * no job to read where it ran in a browser-mode pool worker, and refitting is the cost this avoids.
 */
const fitAnswer = fitChannels['fit.run'].response;

export const explainChannels = {
  'explain.figure': channel({
    summary: 'How a result was computed: each figure of the named channel’s answer to this request as a formula, with the values substituted and the citation',
    request: z.discriminatedUnion('channel', [
      member('law.joint'),
      planMember('plan.compute'),
      planMember('plan.memory'),
      planMember('plan.inference'),
      member('law.chinchilla'),
      member('plan.chinchilla'),
      member('law.comprehensive'),
      member('optimum.comprehensive'),
      member('law.leverage'),
      member('optimum.leverage'),
      member('allocation.leverage'),
      member('compare.denseMoe'),
      member('denseMoe.optimum'),
      member('memory.kv'),
      member('memory.training'),
      member('deploy.check'),
      member('table.optimalExperts'),
      member('leverage.contours').extend({ cell }),
      member('scenarios.compare'),
      member('plan.target').extend({ answer: targetAnswer }),
      member('nextRun.propose').extend({ proposal }),
      member('fit.status').extend({ run }),
      member('fit.run').extend({ answer: fitAnswer, run }),
      // A saved fitted set: how its values were computed, from the fit record fit.save kept with it.
      member('coefficients.get').extend({ run }),
    ]),
    response: z.object({
      channel: z.enum(EXPLAINED_CHANNELS),
      explanations: z.array(explanationSchema),
      /** Why a figure has no explanation (an infeasible plan, a layout that fits nowhere), or null. */
      note: z.string().nullable(),
    }),
  }),
};
