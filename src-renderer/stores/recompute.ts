/**
 * Recomputes a saved scenario's results from its inputs with the same requests its wizard
 * sends, so a scenario whose hardware profile or coefficient set changed can be brought up
 * to date from the library.
 */
import { call } from '../api/client';
import { nextRunRequestOf } from '../../src-main/ipc/contract/next-run-inputs';
import { architectureRequest, computeRequest, filledInputs, inferenceRequest, leverageRequest, memoryRequest, targetRequest, type WizardId } from './wizards';

export async function recomputeResults(wizard: WizardId, inputs: unknown): Promise<unknown> {
  const f = filledInputs(wizard, inputs);
  switch (f.wizard) {
    case 'compute':
      return call('plan.compute', computeRequest(f.inputs));
    case 'memory':
      return call('plan.memory', memoryRequest(f.inputs));
    case 'inference':
      return call('plan.inference', inferenceRequest(f.inputs));
    case 'leverage':
      return call('law.leverage', leverageRequest(f.inputs));
    case 'architecture':
      return call('optimum.comprehensive', architectureRequest(f.inputs));
    case 'target':
      return call('plan.target', targetRequest(f.inputs));
    case 'next-run':
      // The blocking form of the job: the simulated refits run in a worker thread all the same.
      return call('nextRun.propose', nextRunRequestOf(f.inputs));
  }
}
