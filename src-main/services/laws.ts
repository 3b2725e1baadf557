/** The law registry as a service: every law, or only those able to answer one design question. */
import { PUBLISHED_SETS, type LawId } from '../engine/common/coefficients';
import type { LawVariable } from '../engine/common/law-description';
import { LAW_REGISTRY, lawsForQuestion, QUESTION_IDS, type LawEntry } from '../engine/laws';
import type { Handlers } from './handlers';
import { DEFAULT_SET_BY_LAW } from './provenance';

/** A fitted range's variable as a reader sees it: the law's own label and symbol for it (tests/unit/engine/laws.test.ts holds every range to a variable). */
const wordsOf = (v: LawVariable | undefined, name: string) => ({ label: v?.label ?? v?.name ?? name, symbol: v?.symbol ?? name });

function describe(entry: LawEntry) {
  const d = entry.description;
  const setId = DEFAULT_SET_BY_LAW[d.id as LawId];
  const set = PUBLISHED_SETS.find((s) => s.id === setId);
  if (!set) throw new Error(`Law "${d.id}" has no published default coefficient set`);
  return {
    id: d.id,
    name: d.name,
    citation: d.citation,
    variables: d.variables.map((v) => ({ name: v.name, symbol: v.symbol, unit: v.unit, description: v.description })),
    fittedRanges: Object.entries(d.fittedRanges).map(([variable, range]) => ({
      variable,
      ...wordsOf(d.variables.find((v) => v.name === variable), variable),
      min: range.min ?? null,
      max: range.max ?? null,
      unit: range.unit,
      note: range.note ?? null,
    })),
    domainNote: d.domainNote ?? null,
    questions: [...d.questions],
    answers: [...entry.answers],
    families: [...entry.families],
    needsCalibration: entry.needsCalibration,
    coefficientKeys: [...entry.coefficientKeys],
    defaultCoefficientSet: { id: set.id, name: set.name, citation: set.citation, provenance: set.provenance },
  };
}

export const lawsHandlers: Pick<Handlers, 'laws.list'> = {
  'laws.list': (r) => {
    const family = r.family !== undefined ? { family: r.family } : {};
    const entries = r.question !== undefined
      ? lawsForQuestion(r.question, family)
      : LAW_REGISTRY.filter((e) => r.family === undefined || e.families.includes(r.family));
    return { question: r.question ?? null, questionIds: [...QUESTION_IDS], laws: entries.map(describe) };
  },
};
