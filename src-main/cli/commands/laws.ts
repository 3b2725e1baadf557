/** `laws list`: the law registry, optionally only the laws answering one design question. */
import { QUESTION_IDS } from '../../ipc/contract/ids';
import { command } from '../command';
import { quantity } from '../../format';

const range = (r: { min: number | null; max: number | null; unit: string }) => {
  const n = (x: number) => quantity(x, r.unit);
  return `${r.min === null ? '…' : n(r.min)} to ${r.max === null ? '…' : n(r.max)}`;
};

export const lawsCommands = [
  command({
    words: ['laws', 'list'],
    summary: 'Every law with citation, variables and units, fitted ranges and the questions it answers',
    channel: 'laws.list',
    example: 'laws list --question compute-optimal',
    flags: {
      question: { kind: 'string', description: `Only laws answering this question: ${QUESTION_IDS.join(', ')}`, choices: QUESTION_IDS },
      family: { kind: 'string', description: 'Only laws speaking about dense or moe models', choices: ['dense', 'moe'] },
    },
    format: (v) => {
      const head = v.question ? `Laws answering "${v.question}": ${v.laws.length}` : `Laws: ${v.laws.length}`;
      const blocks = v.laws.map((l) =>
        [
          `${l.id} — ${l.name}${l.needsCalibration && !/calibrat/i.test(l.name) ? ' [needs calibration]' : ''}`,
          `  ${l.citation}`,
          `  Variables: ${l.variables.map((x) => `${x.symbol} (${x.name}, ${x.unit === '1' ? 'dimensionless' : x.unit})`).join('; ')}`,
          `  Fitted ranges: ${l.fittedRanges.length ? l.fittedRanges.map((r) => `${r.label} ${r.symbol} ${range(r)}`).join('; ') : 'not published in checkable form'}`,
          ...(l.domainNote ? [`  ${l.domainNote}`] : []),
          `  Answers: ${l.answers.join(', ')}; models: ${l.families.join(', ')}`,
          `  Default coefficients: ${l.defaultCoefficientSet.name} [${l.defaultCoefficientSet.id}, ${l.defaultCoefficientSet.provenance}]`,
        ].join('\n'),
      );
      return [head, ...blocks].join('\n\n');
    },
  }),
];
