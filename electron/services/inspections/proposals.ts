import type { ProposedFinding } from '../../../shared/api/inspections';
import { failingItems, type Answers } from '../../../shared/checklist/answers';
import { deadlineFrom } from '../../../shared/checklist/deadline-band';
import type { TemplateDefinition } from '../../../shared/checklist/template';
import type { InspectionRow, ReviewedFinding } from '../../store/inspections';

/**
 * What the failing items propose, each merged with the inspector's saved review: the item's default
 * description, legal basis and deadline band; the target's responsible unit and person.
 */
export function proposedFindings(def: TemplateDefinition, answers: Answers, i: InspectionRow, reviewed: Map<string, ReviewedFinding>): ProposedFinding[] {
  const start = (i.startedAt ?? i.createdAt).slice(0, 10);
  return failingItems(def, answers).map((item) => {
    const proposal = item.finding!;
    const saved = reviewed.get(item.id);
    const defaults: ProposedFinding = {
      itemId: item.id, itemLabel: item.label, included: true,
      description: proposal.description, legalBasis: proposal.legalBasis, deadlineBand: proposal.deadlineBand,
      responsibleUnit: i.targetExtra.responsibleUnit ?? i.targetName, responsiblePerson: i.targetExtra.responsiblePerson ?? '',
      deadline: deadlineFrom(start, proposal.deadlineBand), measures: proposal.measures,
    };
    return saved ? { ...defaults, ...saved, deadlineBand: defaults.deadlineBand, itemLabel: item.label } : defaults;
  });
}
