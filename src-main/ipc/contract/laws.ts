/** The law registry over the contract: what each law is, its units and fitted ranges, and the questions it answers. */
import { z } from 'zod';
import { channel } from './define';
import { QUESTION_IDS } from './ids';
import { lawsListSchema } from '../../schema/laws';

export { QUESTION_IDS };

const questionField = z.enum(QUESTION_IDS, { error: `question must be one of ${QUESTION_IDS.join(', ')}` });

export const lawsChannels = {
  'laws.list': channel({
    summary: 'Every law with its citation, variables and units, fitted ranges and the design questions it answers; optionally only those answering one question',
    request: z.object({ question: questionField.optional(), family: z.enum(['dense', 'moe']).optional() }),
    response: lawsListSchema,
  }),
};
