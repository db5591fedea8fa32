import { describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.ts';
import { createAgency, updateAgency } from './agency.ts';
import {
  AGENCY_KINDS,
  AgencyKind,
  agencyKindInfo,
  agencyKindSchema,
  agencyKindsInSector,
  sectorOf,
} from './agency-kind.ts';

/** Every agency DOMAIN.md names, with the sector it is listed under. */
const DOMAIN_KINDS: ReadonlyArray<readonly [string, string]> = [
  ['ひきこもり地域支援センター', 'health'],
  ['保健所', 'health'],
  ['医療機関', 'health'],
  ['県福祉事務所', 'welfare'],
  ['生活困窮者自立相談支援機関', 'welfare'],
  ['市町ひきこもり支援窓口', 'welfare'],
  ['社会福祉協議会', 'welfare'],
  ['地域包括支援センター', 'welfare'],
  ['児童相談所', 'welfare'],
  ['障害者相談支援センター', 'welfare'],
  ['障がい者（総合）相談支援センター', 'welfare'],
  ['自閉症・発達障害支援センター', 'welfare'],
  ['子ども心身発達医療センター', 'welfare'],
  ['障害者就業・生活支援センター', 'welfare'],
  ['地域若者サポートステーション', 'employment'],
  ['就職氷河期世代専門相談窓口', 'employment'],
  ['ハローワーク', 'employment'],
  ['総合教育センター', 'education'],
  ['教育支援センター', 'education'],
  ['民生委員・児童委員', 'other'],
  ['民間支援団体', 'other'],
];

describe('agency kinds (支援機関の種別)', () => {
  it('lists every agency named in DOMAIN.md once, with its sector', () => {
    expect(AGENCY_KINDS).toHaveLength(DOMAIN_KINDS.length);
    for (const [nameJa, sector] of DOMAIN_KINDS) {
      const found = AGENCY_KINDS.filter((k) => k.nameJa === nameJa);
      expect(found, nameJa).toHaveLength(1);
      expect(found[0]?.sector, nameJa).toBe(sector);
    }
  });

  it('keeps the table, the const object and the schema in step', () => {
    const tableKinds = AGENCY_KINDS.map((k) => k.kind);
    expect(new Set(tableKinds).size).toBe(tableKinds.length);
    expect([...tableKinds].sort()).toEqual([...Object.values(AgencyKind)].sort());
    expect([...agencyKindSchema.options].sort()).toEqual([...tableKinds].sort());
    for (const k of AGENCY_KINDS) {
      expect(k.nameEn.length).toBeGreaterThan(0);
      expect(agencyKindInfo(k.kind)).toBe(k);
    }
  });

  it('gives the sector of a kind', () => {
    expect(sectorOf('hikikomoriRegionalCentre')).toBe('health');
    expect(sectorOf('medicalInstitution')).toBe('health');
    expect(sectorOf('communityGeneralSupportCentre')).toBe('welfare');
    expect(sectorOf('youthSupportStation')).toBe('employment');
    expect(sectorOf('helloWork')).toBe('employment');
    expect(sectorOf('educationSupportCentre')).toBe('education');
    expect(sectorOf('privateSupportOrganisation')).toBe('other');
    expect(agencyKindsInSector('education')).toEqual(['educationCentre', 'educationSupportCentre']);
    expect(agencyKindsInSector('health')).toHaveLength(3);
    expect(agencyKindsInSector('welfare')).toHaveLength(11);
  });
});

describe('agency', () => {
  const input = {
    kind: 'municipalHikikomoriDesk' as const,
    name: ' 津市ひきこもり相談窓口 ',
    municipalityCode: '242012',
    area: '中勢伊賀',
    services: ['訪問支援', ' ', '家族相談', '訪問支援'],
  };

  it('creates an agency with normalised fields', () => {
    const agency = createAgency('a-1', input);
    expect(agency).toEqual({
      id: 'a-1',
      kind: 'municipalHikikomoriDesk',
      name: '津市ひきこもり相談窓口',
      municipalityCode: '242012',
      area: '中勢伊賀',
      services: ['訪問支援', '家族相談'],
      active: true,
      networkCoordinator: false,
    });
    expect(createAgency('a-2', { ...input, area: '  ' }).area).toBeNull();
    expect(
      createAgency('a-3', { kind: 'helloWork', name: 'ハローワーク津', municipalityCode: '242012' }),
    ).toMatchObject({ area: null, services: [], active: true });
  });

  it('rejects a municipality code with a wrong check digit, naming the field', () => {
    try {
      createAgency('a-1', { ...input, municipalityCode: '242013' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).field).toBe('municipalityCode');
      expect((e as ValidationError).rule).toBe('municipality_code_check_digit');
    }
  });

  it('rejects an unknown kind and an empty name', () => {
    expect(() => createAgency('a-1', { ...input, kind: 'school' as never })).toThrow(ValidationError);
    try {
      createAgency('a-1', { ...input, name: '   ' });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).field).toBe('name');
    }
  });

  it('updates only the given fields and validates them', () => {
    const agency = createAgency('a-1', input);
    const updated = updateAgency(agency, { active: false, area: null });
    expect(updated).toEqual({ ...agency, active: false, area: null });
    expect(agency.active).toBe(true);
    expect(updateAgency(agency, {})).toEqual(agency);
    expect(updateAgency(agency, { name: '津市 ひきこもり支援窓口' }).name).toBe('津市 ひきこもり支援窓口');
    try {
      updateAgency(agency, { municipalityCode: '242013' });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).field).toBe('municipalityCode');
    }
  });
});
