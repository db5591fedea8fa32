import { z } from 'zod';

/** The five sectors Mie's plan sorts support agencies into. Consent can be given for a whole sector. */
export const AgencySector = {
  Health: 'health', // 保健・医療
  Welfare: 'welfare', // 福祉
  Employment: 'employment', // 就労
  Education: 'education', // 教育
  Other: 'other', // その他
} as const;
export type AgencySector = (typeof AgencySector)[keyof typeof AgencySector];
export const agencySectorSchema = z.enum(['health', 'welfare', 'employment', 'education', 'other']);

export const AGENCY_SECTOR_NAMES_JA: Readonly<Record<AgencySector, string>> = {
  health: '保健・医療',
  welfare: '福祉',
  employment: '就労',
  education: '教育',
  other: 'その他',
};

/**
 * Kinds of support agency (支援機関). Mie's plan lists 20 agencies that support hikikomori; DOMAIN.md
 * adds ハローワーク to the employment sector, so there are 21 kinds here. The table `AGENCY_KINDS` below
 * is the single source of names and sectors.
 */
export const AgencyKind = {
  // 保健・医療
  HikikomoriRegionalCentre: 'hikikomoriRegionalCentre', // ひきこもり地域支援センター
  PublicHealthCentre: 'publicHealthCentre', // 保健所
  MedicalInstitution: 'medicalInstitution', // 医療機関（アウトリーチ委託機関、こころの医療センター）
  // 福祉
  WelfareOffice: 'welfareOffice', // 県福祉事務所
  SelfRelianceSupport: 'selfRelianceSupport', // 生活困窮者自立相談支援機関
  MunicipalHikikomoriDesk: 'municipalHikikomoriDesk', // 市町ひきこもり支援窓口
  SocialWelfareCouncil: 'socialWelfareCouncil', // 社会福祉協議会
  CommunityGeneralSupportCentre: 'communityGeneralSupportCentre', // 地域包括支援センター
  ChildGuidanceCentre: 'childGuidanceCentre', // 児童相談所
  DisabilityConsultationCentre: 'disabilityConsultationCentre', // 障害者相談支援センター（県）
  RegionalDisabilityConsultationCentre: 'regionalDisabilityConsultationCentre', // 障がい者（総合）相談支援センター
  AutismDevelopmentalSupportCentre: 'autismDevelopmentalSupportCentre', // 自閉症・発達障害支援センター
  ChildDevelopmentMedicalCentre: 'childDevelopmentMedicalCentre', // 子ども心身発達医療センター
  DisabilityEmploymentLifeSupportCentre: 'disabilityEmploymentLifeSupportCentre', // 障害者就業・生活支援センター
  // 就労
  YouthSupportStation: 'youthSupportStation', // 地域若者サポートステーション
  EmploymentIceAgeDesk: 'employmentIceAgeDesk', // 就職氷河期世代専門相談窓口（マイチャレ三重等）
  HelloWork: 'helloWork', // ハローワーク（公共職業安定所）
  // 教育
  EducationCentre: 'educationCentre', // 総合教育センター
  EducationSupportCentre: 'educationSupportCentre', // 教育支援センター
  // その他
  WelfareCommissioner: 'welfareCommissioner', // 民生委員・児童委員
  PrivateSupportOrganisation: 'privateSupportOrganisation', // 民間支援団体（NPO、家族会、当事者会）
} as const;
export type AgencyKind = (typeof AgencyKind)[keyof typeof AgencyKind];

export interface AgencyKindInfo {
  readonly kind: AgencyKind;
  readonly nameJa: string;
  readonly nameEn: string;
  readonly sector: AgencySector;
}

/** THE table of agency kinds: Japanese and English names and sector, in the plan's order. */
export const AGENCY_KINDS: readonly AgencyKindInfo[] = [
  {
    kind: 'hikikomoriRegionalCentre',
    nameJa: 'ひきこもり地域支援センター',
    nameEn: 'Regional hikikomori support centre',
    sector: 'health',
  },
  { kind: 'publicHealthCentre', nameJa: '保健所', nameEn: 'Public health centre', sector: 'health' },
  {
    kind: 'medicalInstitution',
    nameJa: '医療機関',
    nameEn: 'Medical institution (psychiatric outreach, mental health medical centre)',
    sector: 'health',
  },
  { kind: 'welfareOffice', nameJa: '県福祉事務所', nameEn: 'Prefectural welfare office', sector: 'welfare' },
  {
    kind: 'selfRelianceSupport',
    nameJa: '生活困窮者自立相談支援機関',
    nameEn: 'Self-reliance support for people in need',
    sector: 'welfare',
  },
  {
    kind: 'municipalHikikomoriDesk',
    nameJa: '市町ひきこもり支援窓口',
    nameEn: 'Municipal hikikomori desk',
    sector: 'welfare',
  },
  {
    kind: 'socialWelfareCouncil',
    nameJa: '社会福祉協議会',
    nameEn: 'Social welfare council',
    sector: 'welfare',
  },
  {
    kind: 'communityGeneralSupportCentre',
    nameJa: '地域包括支援センター',
    nameEn: 'Community general support centre (elder care)',
    sector: 'welfare',
  },
  { kind: 'childGuidanceCentre', nameJa: '児童相談所', nameEn: 'Child guidance centre', sector: 'welfare' },
  {
    kind: 'disabilityConsultationCentre',
    nameJa: '障害者相談支援センター',
    nameEn: 'Prefectural disability consultation centre',
    sector: 'welfare',
  },
  {
    kind: 'regionalDisabilityConsultationCentre',
    nameJa: '障がい者（総合）相談支援センター',
    nameEn: 'Regional disability consultation centre',
    sector: 'welfare',
  },
  {
    kind: 'autismDevelopmentalSupportCentre',
    nameJa: '自閉症・発達障害支援センター',
    nameEn: 'Autism and developmental disorder support centre',
    sector: 'welfare',
  },
  {
    kind: 'childDevelopmentMedicalCentre',
    nameJa: '子ども心身発達医療センター',
    nameEn: 'Child development medical centre',
    sector: 'welfare',
  },
  {
    kind: 'disabilityEmploymentLifeSupportCentre',
    nameJa: '障害者就業・生活支援センター',
    nameEn: 'Employment and life support centre for disabled people',
    sector: 'welfare',
  },
  {
    kind: 'youthSupportStation',
    nameJa: '地域若者サポートステーション',
    nameEn: 'Youth support station',
    sector: 'employment',
  },
  {
    kind: 'employmentIceAgeDesk',
    nameJa: '就職氷河期世代専門相談窓口',
    nameEn: 'Employment ice-age generation desk (e.g. My Challenge Mie)',
    sector: 'employment',
  },
  {
    kind: 'helloWork',
    nameJa: 'ハローワーク',
    nameEn: 'Public employment office (Hello Work)',
    sector: 'employment',
  },
  { kind: 'educationCentre', nameJa: '総合教育センター', nameEn: 'Education centre', sector: 'education' },
  {
    kind: 'educationSupportCentre',
    nameJa: '教育支援センター',
    nameEn: 'Education support centre (school refusal)',
    sector: 'education',
  },
  {
    kind: 'welfareCommissioner',
    nameJa: '民生委員・児童委員',
    nameEn: 'Welfare commissioner / child welfare volunteer',
    sector: 'other',
  },
  {
    kind: 'privateSupportOrganisation',
    nameJa: '民間支援団体',
    nameEn: 'Private support organisation (NPO, family association, peer group)',
    sector: 'other',
  },
];

// z.enum needs a non-empty tuple; the const object is the source of the values.
const KIND_VALUES = Object.values(AgencyKind) as [AgencyKind, ...AgencyKind[]];
export const agencyKindSchema = z.enum(KIND_VALUES);

const BY_KIND: ReadonlyMap<AgencyKind, AgencyKindInfo> = new Map(AGENCY_KINDS.map((k) => [k.kind, k]));

export function agencyKindInfo(kind: AgencyKind): AgencyKindInfo {
  const info = BY_KIND.get(kind);
  if (!info) throw new RangeError(`unknown agency kind: ${kind}`);
  return info;
}

export function sectorOf(kind: AgencyKind): AgencySector {
  return agencyKindInfo(kind).sector;
}

export function agencyKindsInSector(sector: AgencySector): readonly AgencyKind[] {
  return AGENCY_KINDS.filter((k) => k.sector === sector).map((k) => k.kind);
}
