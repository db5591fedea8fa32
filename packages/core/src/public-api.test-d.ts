import { describe, expectTypeOf, it } from 'vitest';
import {
  type Actor,
  type Area,
  type CaseRecord,
  type CaseView,
  createInMemoryRegister,
  type DomainError,
  type DuplicateCandidate,
  type IndicatorReport,
  type IndicatorTarget,
  MUNICIPALITY_CODE_LENGTH,
  type MunicipalityIndicators,
  type Page,
  type PersonLookup,
  type PersonMerge,
  type PersonMergeFormer,
  type PersonSearchResult,
  type PlannedContact,
  type PossibleDuplicateError,
  pseudonymiseMergeFormer,
  type Register,
  type ReportingPeriod,
  type Repositories,
  type SupportStage,
  TEXT_MAX_LENGTH,
  type TextKind,
  type UnitOfWork,
  type ValidationError,
  type WorklistKind,
  type WorklistResult,
} from './index.ts';

describe('public types', () => {
  it('gives integrators a typed in-memory register', () => {
    expectTypeOf(createInMemoryRegister)
      .returns.resolves.toHaveProperty('register')
      .toEqualTypeOf<Register>();
  });

  it('types every use-case by actor and input', () => {
    type Cases = Register['cases'];
    expectTypeOf<Parameters<Cases['get']>>().toEqualTypeOf<[Actor, string]>();
    expectTypeOf<Awaited<ReturnType<Cases['get']>>>().toEqualTypeOf<CaseView>();
    expectTypeOf<Awaited<ReturnType<Cases['list']>>>().toEqualTypeOf<Page<CaseView>>();
    expectTypeOf<Awaited<ReturnType<Register['indicators']['report']>>>().toEqualTypeOf<IndicatorReport>();
    expectTypeOf<Awaited<ReturnType<Register['worklist']['worklist']>>>().toEqualTypeOf<WorklistResult>();
    expectTypeOf<Awaited<ReturnType<Register['contacts']['planNext']>>>().toEqualTypeOf<PlannedContact>();
  });

  it('keeps the worklist kinds a closed union', () => {
    expectTypeOf<WorklistKind>().toEqualTypeOf<
      'nextContactDue' | 'noContactForLong' | 'pauseReviewDue' | 'planReviewDue' | 'referralWaiting'
    >();
  });

  it('states the maxima of text and the length of codes as literal constants (the API documents them)', () => {
    expectTypeOf(TEXT_MAX_LENGTH.note).toEqualTypeOf<10_000>();
    expectTypeOf<TextKind>().toEqualTypeOf<keyof typeof TEXT_MAX_LENGTH>();
    expectTypeOf(MUNICIPALITY_CODE_LENGTH).toEqualTypeOf<6>();
  });

  it('types the indicator periods, the per-municipality table, 圏域 and targets', () => {
    expectTypeOf<ReportingPeriod['kind']>().toEqualTypeOf<
      'fiscalYear' | 'firstHalf' | 'secondHalf' | 'month' | 'range'
    >();
    type Indicators = Register['indicators'];
    expectTypeOf<Awaited<ReturnType<Indicators['byMunicipality']>>>().toEqualTypeOf<
      MunicipalityIndicators[]
    >();
    expectTypeOf<Awaited<ReturnType<Indicators['saveArea']>>>().toEqualTypeOf<Area>();
    expectTypeOf<Awaited<ReturnType<Indicators['setTarget']>>>().toEqualTypeOf<IndicatorTarget>();
    expectTypeOf<IndicatorReport['targets'][number]['rate']>().toEqualTypeOf<number | null>();
  });

  it('types person search, lookup through merges and the duplicate refusal', () => {
    type Persons = Register['persons'];
    expectTypeOf<Awaited<ReturnType<Persons['search']>>>().toEqualTypeOf<PersonSearchResult>();
    expectTypeOf<PersonSearchResult['totalCount']>().toEqualTypeOf<number>();
    expectTypeOf<Awaited<ReturnType<Persons['get']>>>().toEqualTypeOf<PersonLookup>();
    expectTypeOf<PossibleDuplicateError>().toMatchTypeOf<DomainError>();
    expectTypeOf<PossibleDuplicateError['candidates']>().toEqualTypeOf<readonly DuplicateCandidate[]>();
    expectTypeOf<DomainError['code']>().extract<'POSSIBLE_DUPLICATE'>().toEqualTypeOf<'POSSIBLE_DUPLICATE'>();
  });

  it('pseudonymises merge records to their own shape', () => {
    expectTypeOf(pseudonymiseMergeFormer).parameter(0).toEqualTypeOf<PersonMergeFormer>();
    expectTypeOf(pseudonymiseMergeFormer).returns.toEqualTypeOf<PersonMergeFormer>();
    expectTypeOf<Repositories['persons']['eraseMerge']>()
      .parameter(1)
      .toEqualTypeOf<Pick<PersonMerge, 'former' | 'reason'>>();
  });

  it('keeps the stage a closed union', () => {
    expectTypeOf<SupportStage>().toEqualTypeOf<
      'encounter' | 'individual' | 'group' | 'socialParticipation'
    >();
    expectTypeOf<CaseRecord['stage']>().toEqualTypeOf<SupportStage>();
  });

  it('makes validation errors domain errors with field and rule', () => {
    expectTypeOf<ValidationError>().toMatchTypeOf<DomainError>();
    expectTypeOf<ValidationError['field']>().toEqualTypeOf<string | undefined>();
  });

  it('lets storage be swapped through the ports', () => {
    expectTypeOf<UnitOfWork['transaction']>().parameter(0).parameter(0).toEqualTypeOf<Repositories>();
  });
});
