import type { EntityTable } from './write-path';

/** Domain field ↔ column for every record kind that goes through the write path. */
export const ENTERPRISE: EntityTable = {
  entity: 'enterprise', table: 'enterprises', key: 'id',
  columns: {
    name: 'name', uscc: 'uscc', pollutionSourceCode: 'pollution_source_code', industryCode: 'industry_code',
    permitClass: 'permit_class', keyUnit: ['key_unit', 'bool'], state: 'state', address: 'address',
    townCode: 'town_code', villageCode: 'village_code', watershedId: 'watershed_id', lon: 'lon', lat: 'lat',
    legalRepresentative: 'legal_representative', contactName: 'contact_name', contactPhone: 'contact_phone',
    tags: ['tags', 'json'], note: 'note', dischargeStandard: 'discharge_standard', permitLimits: ['permit_limits', 'json'],
    permitNumber: 'permit_number', permitIssuer: 'permit_issuer', permitValidFrom: 'permit_valid_from', permitValidTo: 'permit_valid_to',
    registrationNumber: 'registration_number', keyUnitCategories: ['key_unit_categories', 'json'],
  },
};

export const OUTFALL: EntityTable = {
  entity: 'outfall', table: 'outfalls', key: 'id',
  columns: {
    name: 'name', code: 'code', localCode: 'local_code', codeState: 'code_state', type: 'type', subType: 'sub_type',
    waterBodyId: 'water_body_id', watershedId: 'watershed_id', townCode: 'town_code', villageCode: 'village_code',
    lon: 'lon', lat: 'lat', entryMode: 'entry_mode', dischargePattern: 'discharge_pattern', enterpriseId: 'enterprise_id',
    approvalState: 'approval_state', signState: 'sign_state', remediationCategory: 'remediation_category',
    remediationState: 'remediation_state', nearestSection: 'nearest_section', sectionDistanceKm: 'section_distance_km',
    note: 'note', dischargeStandard: 'discharge_standard', permitLimits: ['permit_limits', 'json'],
    responsibleKind: 'responsible_kind', responsibleName: 'responsible_name', responsibleUscc: 'responsible_uscc',
    responsibleContact: 'responsible_contact', responsiblePhone: 'responsible_phone', approvalNumber: 'approval_number', approvalDate: 'approval_date',
    remediationMeasures: 'remediation_measures', remediationPlannedAt: 'remediation_planned_at', remediationDoneAt: 'remediation_done_at',
    postMonitoring: 'post_monitoring', closureEvidence: 'closure_evidence',
  },
};

export const PERSON: EntityTable = {
  entity: 'person', table: 'people', key: 'id',
  columns: {
    name: 'name', role: 'role', certificateNo: 'certificate_no', unit: 'unit', post: 'post', townCode: 'town_code',
    phone: 'phone', active: ['active', 'bool'],
  },
};

export const REGION: EntityTable = {
  entity: 'region', table: 'regions', key: 'code', columns: { name: 'name', level: 'level', parentCode: 'parent_code' },
};

export const WATERSHED: EntityTable = { entity: 'watershed', table: 'watersheds', key: 'id', columns: { name: 'name' } };

export const WATER_BODY: EntityTable = {
  entity: 'water_body', table: 'water_bodies', key: 'id', columns: { name: 'name', kind: 'kind', watershedId: 'watershed_id' },
};

/** Settings are one record per key; its single field is `value` (JSON). */
export const SETTING: EntityTable = { entity: 'settings', table: 'settings', key: 'key', columns: { value: ['value', 'json'] } };

export const CHECKLIST_TEMPLATE: EntityTable = {
  entity: 'checklist_template', table: 'checklist_templates', key: 'id',
  columns: {
    code: 'code', version: 'version', name: 'name', targetKinds: ['target_kinds', 'json'], definition: 'definition',
    sha256: 'sha256', builtin: ['builtin', 'bool'], retired: ['retired', 'bool'], basedOn: 'based_on',
  },
};

export const INSPECTION: EntityTable = {
  entity: 'inspection', table: 'inspections', key: 'id',
  columns: {
    state: 'state', templateId: 'template_id', targetKind: 'target_kind', targetId: 'target_id', targetName: 'target_name',
    targetAddress: 'target_address', targetExtra: ['target_extra', 'json'], townCode: 'town_code', townName: 'town_name',
    startedAt: 'started_at', endedAt: 'ended_at', place: 'place', lon: 'lon', lat: 'lat', positionSource: 'position_source',
    officers: ['officers', 'json'], recorder: ['recorder', 'json'], present: ['present', 'json'], body: 'body', notice: 'notice', failingCount: 'failing_count',
    supersedes: 'supersedes', correctionReason: 'correction_reason', finalizedAt: 'finalized_at', sha256: 'sha256',
    createdBy: 'created_by', recusal: 'recusal', recusalNote: 'recusal_note', source: 'source',
  },
};

/** One answer per inspection and item; its id is `inspectionId/itemId`. */
export const INSPECTION_ANSWER: EntityTable = {
  entity: 'inspection_answer', table: 'inspection_answers', key: 'id',
  columns: { inspectionId: 'inspection_id', itemId: 'item_id', value: ['value', 'json'], note: 'note' },
};

export const INSPECTION_PHOTO: EntityTable = {
  entity: 'inspection_photo', table: 'inspection_photos', key: 'id',
  columns: {
    inspectionId: 'inspection_id', itemId: 'item_id', sha256: 'sha256', thumbSha256: 'thumb_sha256', fileName: 'file_name',
    caption: 'caption', takenAt: 'taken_at', lon: 'lon', lat: 'lat', width: 'width', height: 'height',
  },
};

/** An audio or video recording in an inspection (issue 19): what it proves is its `purpose` (evidence | refusal). */
export const INSPECTION_RECORDING: EntityTable = {
  entity: 'inspection_recording', table: 'inspection_recordings', key: 'id',
  columns: {
    inspectionId: 'inspection_id', sha256: 'sha256', fileName: 'file_name', caption: 'caption', mime: 'mime', size: 'size',
    recordedAt: 'recorded_at', purpose: 'purpose',
  },
};

/** One signature per inspection and role; its id is `inspectionId/role`. */
export const INSPECTION_SIGNATURE: EntityTable = {
  entity: 'inspection_signature', table: 'inspection_signatures', key: 'id',
  columns: { inspectionId: 'inspection_id', role: 'role', signerName: 'signer_name', sha256: 'sha256', signedAt: 'signed_at', refusedReason: 'refused_reason' },
};

/** The reviewed proposal of one failing item; its id is `inspectionId/itemId`. */
export const INSPECTION_FINDING: EntityTable = {
  entity: 'inspection_finding', table: 'inspection_findings', key: 'id',
  columns: {
    inspectionId: 'inspection_id', itemId: 'item_id', included: ['included', 'bool'], description: 'description',
    legalBasis: 'legal_basis', deadlineBand: 'deadline_band', responsibleUnit: 'responsible_unit',
    responsiblePerson: 'responsible_person', deadline: 'deadline', measures: 'measures',
  },
};

export const INSPECTION_RECORD: EntityTable = {
  entity: 'inspection_record', table: 'inspection_records', key: 'inspection_id',
  columns: { node: 'node', chainSeq: 'chain_seq', prevSha256: 'prev_sha256', canonical: 'canonical', sha256: 'sha256', signer: 'signer', signerKey: 'signer_key', signature: 'signature' },
};

export const FINDING: EntityTable = {
  entity: 'finding', table: 'findings', key: 'id',
  columns: {
    sourceKind: 'source_kind', sourceId: 'source_id', itemId: 'item_id', targetKind: 'target_kind', targetId: 'target_id',
    targetName: 'target_name', townCode: 'town_code', description: 'description', legalBasis: 'legal_basis',
    deadlineBand: 'deadline_band', responsibleUnit: 'responsible_unit', responsiblePerson: 'responsible_person',
    deadline: 'deadline', measures: 'measures', foundAt: 'found_at', state: 'state',
    number: 'number', goal: 'goal', partnerUnits: 'partner_units', leader: 'leader',
    watershedId: 'watershed_id', industrySection: 'industry_section',
  },
};

export const RECORD_EVENT: EntityTable = {
  entity: 'record_event', table: 'record_events', key: 'id',
  columns: { stream: 'stream', streamId: 'stream_id', kind: 'kind', hlc: 'hlc', author: 'author', at: 'at', text: 'text', data: ['data', 'json'], blobs: ['blobs', 'json'] },
};

export const COMPLAINT: EntityTable = {
  entity: 'complaint', table: 'complaints', key: 'id',
  columns: {
    number: 'number', channel: 'channel', receivedAt: 'received_at', complainantName: 'complainant_name', complainantPhone: 'complainant_phone',
    content: 'content', categories: ['categories', 'json'], townCode: 'town_code', address: 'address', lon: 'lon', lat: 'lat',
    targetKind: 'target_kind', targetId: 'target_id', targetName: 'target_name',
    acceptDays: 'accept_days', completeDays: 'complete_days', maxExtensionDays: 'max_extension_days',
  },
};

export const CASE: EntityTable = {
  entity: 'case', table: 'cases', key: 'id',
  columns: {
    sourceKind: 'source_kind', sourceId: 'source_id', targetKind: 'target_kind', targetId: 'target_id', targetName: 'target_name',
    party: 'party', uscc: 'uscc', legalRepresentative: 'legal_representative', address: 'address', townCode: 'town_code', facts: 'facts', openedAt: 'opened_at',
  },
};

export const DIRECTORY_ENTRY: EntityTable = {
  entity: 'directory_entry', table: 'directory_entries', key: 'target_id', columns: { category: 'category', excluded: ['excluded', 'bool'] },
};

export const INSPECTOR_CONFLICT: EntityTable = {
  entity: 'inspector_conflict', table: 'inspector_conflicts', key: 'id', columns: { personId: 'person_id', targetId: 'target_id', reason: 'reason' },
};

export const PLAN: EntityTable = {
  entity: 'plan', table: 'plans', key: 'id',
  columns: {
    name: 'name', matter: 'matter', periodFrom: 'period_from', periodTo: 'period_to', quotas: ['quotas', 'json'], state: 'state',
    seed: 'seed', snapshot: 'snapshot', drawSha256: 'draw_sha256', drawnAt: 'drawn_at', drawnBy: 'drawn_by', releasedAt: 'released_at',
  },
};

export const PLAN_TASK: EntityTable = {
  entity: 'plan_task', table: 'plan_tasks', key: 'id',
  columns: {
    planId: 'plan_id', order: 'order_no', targetKind: 'target_kind', targetId: 'target_id', targetName: 'target_name', townCode: 'town_code',
    category: 'category', inspectorIds: ['inspector_ids', 'json'], inspectionId: 'inspection_id', result: 'result', publishedAt: 'published_at',
  },
};

export const GEOMETRY: EntityTable = { entity: 'geometry', table: 'geometries', key: 'id', columns: { kind: 'kind', name: 'name', geojson: ['geojson', 'json'] } };

/** Every record kind by its entity name (the names changes carry). */
export const ENTITY_TABLES: ReadonlyMap<string, EntityTable> = new Map([
  ENTERPRISE, OUTFALL, PERSON, REGION, WATERSHED, WATER_BODY, SETTING, CHECKLIST_TEMPLATE, INSPECTION, INSPECTION_ANSWER,
  INSPECTION_PHOTO, INSPECTION_RECORDING, INSPECTION_SIGNATURE, INSPECTION_FINDING, INSPECTION_RECORD, FINDING, RECORD_EVENT, COMPLAINT, CASE,
  DIRECTORY_ENTRY, INSPECTOR_CONFLICT, PLAN, PLAN_TASK, GEOMETRY,
].map((t) => [t.entity, t]));
