import { describe, expectTypeOf, it } from 'vitest';
import {
  type AuthenticationError,
  type CaseDetails,
  CaseDocument,
  type CaseSummary,
  type Contact,
  createRegisterClient,
  type DuplicateCandidate,
  type GraphQLResponseError,
  type IndicatorReport,
  type IndicatorsQuery,
  MeDocument,
  type MeQuery,
  type MeQueryVariables,
  type MutationResult,
  type NetworkError,
  type OpenCaseInput,
  type OpenCaseResult,
  type OpenedCase,
  type Person,
  type Referral,
  type ReferralResponse,
  type RegisterClient,
  type RegisterClientError,
  type RegisterClientOptions,
  type RequestError,
  type SupportStage,
  type TypedDocument,
  type UserError,
  type UserErrorCode,
  unwrap,
} from './index.ts';

declare const client: RegisterClient;

describe('the public surface', () => {
  it('creates a client from a URL and a token; fetch and retries are optional', () => {
    expectTypeOf(createRegisterClient).parameter(0).toEqualTypeOf<RegisterClientOptions>();
    expectTypeOf(createRegisterClient).returns.toEqualTypeOf<RegisterClient>();
    expectTypeOf<{ url: string; token: string }>().toExtend<RegisterClientOptions>();
    expectTypeOf<RegisterClientOptions['fetch']>().toEqualTypeOf<typeof fetch | undefined>();
    expectTypeOf<RegisterClientOptions['retries']>().toEqualTypeOf<number | undefined>();
  });

  it('answers mutations with a result to branch on, user errors typed', async () => {
    expectTypeOf(client.openCase).parameter(0).toEqualTypeOf<OpenCaseInput>();
    const result = await client.openCase({} as OpenCaseInput);
    expectTypeOf(result).toEqualTypeOf<OpenCaseResult>();
    expectTypeOf(result).toExtend<MutationResult<OpenedCase>>();
    if (result.ok) {
      expectTypeOf(result.value.case.stage).toEqualTypeOf<SupportStage>();
      expectTypeOf(result.value.firstContact).toEqualTypeOf<Contact | null>();
      // @ts-expect-error an accepted change has no user errors to read
      void result.userErrors;
    } else {
      expectTypeOf(result.userErrors).toEqualTypeOf<readonly UserError[]>();
      expectTypeOf(result.duplicateCandidates).toEqualTypeOf<readonly DuplicateCandidate[]>();
      expectTypeOf<DuplicateCandidate['person']>().toEqualTypeOf<Person | null>();
      expectTypeOf<UserError['field']>().toEqualTypeOf<string[] | null>();
      expectTypeOf<UserError['code']>().toEqualTypeOf<UserErrorCode>();
      expectTypeOf<UserError['rule']>().toEqualTypeOf<string | null>();
    }
    expectTypeOf(unwrap(result)).toEqualTypeOf<OpenedCase>();
    expectTypeOf<UserErrorCode>().toExtend<string>();
    expectTypeOf<'VERSION_CONFLICT'>().toExtend<UserErrorCode>();
  });

  it('answers a referral by action, each with its own input', () => {
    expectTypeOf(client.respond).returns.resolves.toEqualTypeOf<MutationResult<Referral>>();
    expectTypeOf<{
      action: 'decline';
      referralId: string;
      expectedVersion: number;
      on: string;
      reason: string;
    }>().toExtend<ReferralResponse>();
    // A decline without its reason is not a response.
    expectTypeOf<{
      action: 'decline';
      referralId: string;
      expectedVersion: number;
      on: string;
    }>().not.toExtend<ReferralResponse>();
  });

  it('lists the caseload by page or as an async iterator', () => {
    expectTypeOf(client.caseload).returns.resolves.toHaveProperty('cases').toEqualTypeOf<CaseSummary[]>();
    expectTypeOf(client.caseloadAll).returns.toExtend<AsyncIterable<CaseSummary>>();
    expectTypeOf(client.getCase).returns.resolves.toEqualTypeOf<CaseDetails | null>();
  });

  it('fetches indicators as a report and as CSV text from one query', () => {
    expectTypeOf(client.indicators).parameter(0).toEqualTypeOf<IndicatorsQuery>();
    expectTypeOf(client.indicatorsCsv).parameter(0).toEqualTypeOf<IndicatorsQuery>();
    expectTypeOf(client.indicators).returns.resolves.toEqualTypeOf<IndicatorReport>();
    expectTypeOf(client.indicatorsCsv).returns.resolves.toBeString();
    expectTypeOf<IndicatorsQuery['period']['kind']>().toEqualTypeOf<
      'FISCAL_YEAR' | 'FIRST_HALF' | 'SECOND_HALF' | 'MONTH' | 'RANGE'
    >();
  });

  it('types request by its document, and asks for variables only when some are required', () => {
    expectTypeOf(client.request(MeDocument)).resolves.toEqualTypeOf<MeQuery>();
    expectTypeOf(client.request(CaseDocument, { id: 'Q2FzZTox' })).resolves.toHaveProperty('case');
    // @ts-expect-error the case query needs its id
    void client.request(CaseDocument);
    // @ts-expect-error variables are checked against the document
    void client.request(CaseDocument, { caseId: 'Q2FzZTox' });
    // @ts-expect-error nor may they carry names the document does not declare
    void client.request(CaseDocument, { id: 'Q2FzZTox', extra: true });
    expectTypeOf(MeDocument).toExtend<TypedDocument<MeQuery, MeQueryVariables>>();
  });

  it('raises errors of one family, told apart by class', () => {
    expectTypeOf<AuthenticationError>().toExtend<RegisterClientError>();
    expectTypeOf<NetworkError>().toExtend<RegisterClientError>();
    expectTypeOf<GraphQLResponseError>().toExtend<RegisterClientError>();
    expectTypeOf<RequestError>().toExtend<RegisterClientError>();
    expectTypeOf<NetworkError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<GraphQLResponseError['code']>().toEqualTypeOf<string | undefined>();
  });
});
