import { DomainError } from '../../../shared/api/result';
import { canonicalDocument } from '../../../shared/inspection/document';
import { sha256Of } from '../../store/blob-store';
import { FINDING, INSPECTION, INSPECTION_FINDING, INSPECTION_RECORD } from '../../store/entities';
import { findingsFromSource, targetFacets } from '../../store/findings';
import { buildDocument } from '../../store/inspection-document';
import { getInspectionRow, includedFindingsOf, lastChainLink, photosOf, recordingsOf, signaturesOf } from '../../store/inspections';
import { blobProblem } from '../../store/verify-records';
import { deviceSigner, signRecord } from '../../store/record-signing';
import { PROGRAM_SIGNER } from '../../../shared/inspection/record-signature';
import { authorOf, newId, type ServiceContext } from '../context';
import type { Handlers } from '../handlers';
import { applyRecheckResults, recordFindingCreated } from '../findings/index';
import { problemsItemId } from './recheck';
import type { RecheckRow } from '../../../shared/checklist/recheck';
import type { TemplateDefinition } from '../../../shared/checklist/template';
import { refreshFinding } from '../findings/index';
import { officerOf } from './draft';
import { inspectionView, mustGetDraft } from './view';

/**
 * Freezes a draft as a signed record: validates everything, re-hashes its evidence, writes the
 * canonical JSON with its SHA-256 as the next link of this device's chain, raises the reviewed
 * findings and marks the record it corrects as superseded — all in one transaction.
 */
export function finalizeInspection(ctx: ServiceContext, id: string, finalizedAt = new Date().toISOString()) {
  const author = authorOf(ctx);
  const store = ctx.store;
  return store.transaction(() => {
    const draft = mustGetDraft(ctx, id);
    // The record names officers as the directory has them now (a certificate fixed since is taken).
    const officers = draft.officers.map((o) => officerOf(ctx, o.personId, 'officerIds'));
    const recorder = draft.recorder && officerOf(ctx, draft.recorder.personId, 'recorderId');
    store.write(INSPECTION, id, { officers, recorder }, author);
    const view = inspectionView(ctx, id);
    if (Object.keys(view.problems).length) {
      const n = Object.keys(view.problems).length;
      throw new DomainError('invalid', `还有 ${n} 处未完成，不能定稿：${Object.values(view.problems).slice(0, 3).join('；')}${n > 3 ? '……' : ''}`, view.problems);
    }
    for (const sha of [...photosOf(store.db, id).flatMap((p) => [p.sha256, p.thumbSha256]), ...recordingsOf(store.db, id).map((r) => r.sha256), ...signaturesOf(store.db, id).flatMap((s) => (s.sha256 ? [s.sha256] : []))]) {
      const problem = blobProblem(store.db, store.blobDir, sha);
      if (problem) throw new DomainError('invalid', `证据文件有误，不能定稿：${problem}`);
    }
    for (const f of view.findings) {
      const { itemLabel: _l, itemId, ...fields } = f;
      store.write(INSPECTION_FINDING, `${id}/${itemId}`, { inspectionId: id, itemId, ...fields }, author);
    }
    const failing = new Set(view.findings.map((f) => f.itemId));
    for (const row of includedFindingsOf(store.db, id)) {
      if (!failing.has(row.item_id)) store.write(INSPECTION_FINDING, row.id, { included: false }, author);
    }
    const link = lastChainLink(store.db, store.nodeId);
    const chain = { node: store.nodeId, seq: (link?.chainSeq ?? 0) + 1, prev: link?.sha256 ?? null };
    const canonical = canonicalDocument(buildDocument(store.db, id, chain, finalizedAt, author));
    const sha256 = sha256Of(canonical);
    // Signed by this device's key, naming the account signed in (issue 18): re-hashing an altered text breaks it.
    const signer = ctx.session.user?.account ?? PROGRAM_SIGNER;
    const device = deviceSigner(store.db);
    const signature = signRecord(device, { sha256, signer, node: chain.node, chainSeq: chain.seq });
    store.write(INSPECTION_RECORD, id, { node: chain.node, chainSeq: chain.seq, prevSha256: chain.prev, canonical, sha256, signer, signerKey: device.publicKey, signature }, author);
    store.write(INSPECTION, id, { state: 'finalized', finalizedAt, sha256 }, author);
    const findingIds: string[] = [];
    const i = getInspectionRow(store.db, id)!;
    // A correction carries the findings of the record it supersedes over instead of raising them twice.
    const carried = new Map((i.supersedes ? findingsFromSource(store.db, i.supersedes) : [])
      .map((r) => [(r as { item_id: string }).item_id, (r as { id: string }).id]));
    for (const f of view.findings.filter((x) => x.included)) {
      const findingId = carried.get(f.itemId) ?? newId();
      findingIds.push(findingId);
      store.write(FINDING, findingId, {
        sourceKind: 'inspection', sourceId: id, itemId: f.itemId, targetKind: i.targetKind, targetId: i.targetId, targetName: i.targetName,
        townCode: i.townCode, description: f.description, legalBasis: f.legalBasis, deadlineBand: f.deadlineBand,
        responsibleUnit: f.responsibleUnit, responsiblePerson: f.responsiblePerson, deadline: f.deadline, measures: f.measures,
        foundAt: (i.startedAt ?? finalizedAt).slice(0, 10), state: 'open', ...targetFacets(store.db, i.targetKind, i.targetId),
      }, author);
      if (!carried.has(f.itemId)) recordFindingCreated(ctx, findingId, i.startedAt ?? finalizedAt.slice(0, 16), author, '现场检查发现');
      else refreshFinding(store, findingId);
    }
    if (i.supersedes) store.write(INSPECTION, i.supersedes, { state: 'superseded' }, author);
    // A 复查 (issue 19) moves each problem it recorded on, as its officers' actions.
    const problemsItem = problemsItemId(view.template.definition as TemplateDefinition);
    const rows = problemsItem ? view.answers[problemsItem]?.value : null;
    if (Array.isArray(rows) && !i.supersedes) applyRecheckResults(ctx, id, { kind: i.targetKind, id: i.targetId }, (i.startedAt ?? finalizedAt).slice(0, 16), rows as RecheckRow[]);
    return { sha256, chainSeq: chain.seq, findingIds };
  });
}

export const finalizeHandlers = {
  'inspections.finalize': (ctx, { id }) => finalizeInspection(ctx, id),
} satisfies Partial<Handlers>;
