import type { EntityTable } from './write-path';

/** Domain field ↔ column for every record kind that goes through the write path. */
export const ENTERPRISE: EntityTable = {
  entity: 'enterprise', table: 'enterprises', key: 'id',
  columns: {
    name: 'name', uscc: 'uscc', pollutionSourceCode: 'pollution_source_code', industryCode: 'industry_code',
    permitClass: 'permit_class', keyUnit: ['key_unit', 'bool'], state: 'state', address: 'address',
    townCode: 'town_code', villageCode: 'village_code', watershedId: 'watershed_id', lon: 'lon', lat: 'lat',
    legalRepresentative: 'legal_representative', contactName: 'contact_name', contactPhone: 'contact_phone',
    tags: ['tags', 'json'], note: 'note',
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
    note: 'note',
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
