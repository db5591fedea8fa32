import { describe, expectTypeOf, it } from 'vitest';
import {
  type Actor,
  type CaseRecord,
  type CaseView,
  createInMemoryRegister,
  type DomainError,
  type IndicatorReport,
  type Page,
  type PlannedContact,
  type Register,
  type Repositories,
  type SupportStage,
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
