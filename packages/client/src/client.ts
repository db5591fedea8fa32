import { RequestError, type UserError } from './errors.ts';
import {
  AcceptReferralDocument,
  type AcceptReferralInput,
  type AgencyRefFragment,
  type AssessmentFieldsFragment,
  CaseDocument,
  type CaseFilter,
  CaseloadDocument,
  type CaseloadQueryVariables,
  type CaseSummaryFragment,
  ChangeStageDocument,
  type ChangeStageInput,
  ChecklistsDocument,
  type ChecklistsQuery,
  CompleteReferralDocument,
  type CompleteReferralInput,
  type ContactFieldsFragment,
  DeclineReferralDocument,
  type DeclineReferralInput,
  type HouseholdMemberFieldsFragment,
  type IndicatorCellFieldsFragment,
  type IndicatorReportFieldsFragment,
  IndicatorsDocument,
  type IndicatorsQueryVariables,
  MeDocument,
  type MeQuery,
  OpenCaseDocument,
  type OpenCaseInput,
  type OpenCaseMutation,
  RecordAssessmentDocument,
  type RecordAssessmentInput,
  RecordContactDocument,
  type RecordContactInput,
  type ReferralFieldsFragment,
  ReferralsDocument,
  type ReferralsQueryVariables,
  SendReferralDocument,
  type SendReferralInput,
  type SupportStageEntryFieldsFragment,
  WithdrawReferralDocument,
  type WithdrawReferralInput,
} from './generated/graphql.ts';
import type { MutationResult } from './result.ts';
import {
  GraphQLTransport,
  type TransportOptions,
  type TypedDocument,
  type VariablesArgument,
} from './transport.ts';

export type RegisterClientOptions = TransportOptions;

export type AgencySummary = AgencyRefFragment;
/** A case as the caseload lists it. */
export type CaseSummary = CaseSummaryFragment;
/** A case with its household (null where the actor may not read the household section). */
export type CaseDetails = NonNullable<OpenCaseMutation['openCase']['case']>;
export type HouseholdMember = HouseholdMemberFieldsFragment;
export type Contact = ContactFieldsFragment;
export type Assessment = AssessmentFieldsFragment;
export type StageEntry = SupportStageEntryFieldsFragment;
export type Referral = ReferralFieldsFragment;
export type IndicatorReport = IndicatorReportFieldsFragment;
export type IndicatorCell = IndicatorCellFieldsFragment;
export type Checklist = ChecklistsQuery['checklists']['edges'][number]['node'];
export type SignedInStaff = MeQuery['me'];

export interface OpenedCase {
  readonly case: CaseDetails;
  /** Null when the case was opened without a first contact. */
  readonly firstContact: Contact | null;
}

export interface StageMove {
  readonly case: CaseSummary;
  readonly entry: StageEntry;
}

export interface PageInfo {
  readonly hasNextPage: boolean;
  /** Pass as `after` for the next page. */
  readonly endCursor: string | null;
}

export type CaseloadOptions = CaseloadQueryVariables;

export interface CaseloadPage {
  readonly cases: CaseSummary[];
  readonly pageInfo: PageInfo;
}

export type ReferralsOptions = ReferralsQueryVariables;

export interface ReferralsPage {
  readonly referrals: Referral[];
  readonly pageInfo: PageInfo;
}

/** Period (fiscal year or half), scope (own agency, a municipality, all) and whether for publishing. */
export type IndicatorsQuery = IndicatorsQueryVariables;

/** An answer to a referral (accept, decline, complete) or the sender's withdrawal. */
export type ReferralResponse =
  | ({ readonly action: 'accept' } & AcceptReferralInput)
  | ({ readonly action: 'decline' } & DeclineReferralInput)
  | ({ readonly action: 'withdraw' } & WithdrawReferralInput)
  | ({ readonly action: 'complete' } & CompleteReferralInput);

export interface RegisterClient {
  /** 受付: the person, their household, the case and usually the first contact, saved together. */
  openCase(input: OpenCaseInput): Promise<MutationResult<OpenedCase>>;
  /** 相談・支援記録. */
  recordContact(input: RecordContactInput): Promise<MutationResult<Contact>>;
  /** A completed checklist, validated against the exact checklist version named. */
  recordAssessment(input: RecordAssessmentInput): Promise<MutationResult<Assessment>>;
  /** 支援段階の変更 (`changeStage`): forward one step, or back with a reason. */
  moveStage(input: ChangeStageInput): Promise<MutationResult<StageMove>>;
  /** 紹介・引継の送付 (`sendReferral`), citing its legal basis. */
  refer(input: SendReferralInput): Promise<MutationResult<Referral>>;
  /** Accept, decline or complete a referral received, or withdraw one sent. */
  respond(response: ReferralResponse): Promise<MutationResult<Referral>>;
  /** One page of the caseload (担当ケース一覧), newest first. */
  caseload(options?: CaseloadOptions): Promise<CaseloadPage>;
  /** Every case of the caseload matching `filter`, fetched page by page as the loop advances. */
  caseloadAll(
    filter?: CaseFilter,
    options?: { readonly pageSize?: number },
  ): AsyncGenerator<CaseSummary, void, undefined>;
  /** One case; a case that does not exist and one the actor may not see both fail with FORBIDDEN. */
  getCase(id: string): Promise<CaseDetails | null>;
  /** One page of the agency's referral inbox (INCOMING) or outbox (OUTGOING). */
  referrals(options: ReferralsOptions): Promise<ReferralsPage>;
  /** Every version of every checklist, with the item ids an assessment answers. */
  checklists(): Promise<Checklist[]>;
  /** The signed-in staff member and their agency. */
  me(): Promise<SignedInStaff>;
  /** モニタリング指標: exact for the own agency; beyond it `publishing: true` (small counts suppressed). */
  indicators(query: IndicatorsQuery): Promise<IndicatorReport>;
  /** The same figures as the gateway's CSV for Excel: UTF-8 text starting with a byte order mark. */
  indicatorsCsv(query: IndicatorsQuery): Promise<string>;
  /** Any other operation, e.g. a `*Document` of this package or one generated elsewhere. */
  request<TResult, TVariables>(
    document: TypedDocument<TResult, TVariables>,
    // NoInfer: the document alone fixes the variables' type; the argument is checked against it.
    ...variables: VariablesArgument<NoInfer<TVariables>>
  ): Promise<TResult>;
}

const MAX_PAGE_SIZE = 100;

const PERIOD_PARAM = {
  FISCAL_YEAR: 'fiscalYear',
  FIRST_HALF: 'firstHalf',
  SECOND_HALF: 'secondHalf',
} as const;
const SCOPE_PARAM = { AGENCY: 'agency', MUNICIPALITY: 'municipality', ALL: 'all' } as const;

/** The CSV route's query parameters for the same query as the GraphQL `indicators` field. */
export function indicatorsCsvParams(query: IndicatorsQuery): Record<string, string> {
  return {
    fiscalYear: String(query.period.fiscalYear),
    kind: PERIOD_PARAM[query.period.kind],
    scope: SCOPE_PARAM[query.scope.kind],
    ...(query.scope.agencyId != null ? { agencyId: String(query.scope.agencyId) } : {}),
    ...(query.scope.municipalityCode != null ? { municipalityCode: query.scope.municipalityCode } : {}),
    publishing: String(query.publishing),
  };
}

/**
 * A client of the register's gateway. Reads are retried after network failures; mutations are sent
 * once and answer with a `MutationResult`.
 *
 * @example
 * const client = createRegisterClient({ url: 'http://localhost:4000/graphql', token: process.env.REGISTER_TOKEN! });
 * for await (const c of client.caseloadAll({ status: 'ACTIVE' })) console.log(c.id, c.stage);
 */
export function createRegisterClient(options: RegisterClientOptions): RegisterClient {
  const transport = new GraphQLTransport(options);
  const mutate = <TResult, TVariables>(document: TypedDocument<TResult, TVariables>, variables: TVariables) =>
    transport.execute(document, variables, { retry: false });
  const read = <TResult, TVariables>(document: TypedDocument<TResult, TVariables>, variables: TVariables) =>
    transport.execute(document, variables, { retry: true });

  const respond = (response: ReferralResponse) => {
    switch (response.action) {
      case 'accept': {
        const { action: _, ...input } = response;
        return mutate(AcceptReferralDocument, { input }).then((d) => d.acceptReferral);
      }
      case 'decline': {
        const { action: _, ...input } = response;
        return mutate(DeclineReferralDocument, { input }).then((d) => d.declineReferral);
      }
      case 'withdraw': {
        const { action: _, ...input } = response;
        return mutate(WithdrawReferralDocument, { input }).then((d) => d.withdrawReferral);
      }
      case 'complete': {
        const { action: _, ...input } = response;
        return mutate(CompleteReferralDocument, { input }).then((d) => d.completeReferral);
      }
      default:
        throw new TypeError(`unknown referral action ${(response as { action: unknown }).action}`);
    }
  };

  const caseload = async (options: CaseloadOptions = {}): Promise<CaseloadPage> => {
    const { cases } = await read(CaseloadDocument, options);
    return { cases: cases.edges.map((e) => e.node), pageInfo: cases.pageInfo };
  };

  return {
    openCase: async (input) =>
      settle((await mutate(OpenCaseDocument, { input })).openCase, (p) =>
        p.case ? { case: p.case, firstContact: p.firstContact } : null,
      ),
    recordContact: async (input) =>
      settle((await mutate(RecordContactDocument, { input })).recordContact, (p) => p.contact),
    recordAssessment: async (input) =>
      settle((await mutate(RecordAssessmentDocument, { input })).recordAssessment, (p) => p.assessment),
    moveStage: async (input) =>
      settle((await mutate(ChangeStageDocument, { input })).changeStage, (p) =>
        p.case && p.entry ? { case: p.case, entry: p.entry } : null,
      ),
    refer: async (input) =>
      settle((await mutate(SendReferralDocument, { input })).sendReferral, (p) => p.referral),
    respond: async (response) => settle(await respond(response), (p) => p.referral),
    caseload,
    async *caseloadAll(filter, { pageSize = MAX_PAGE_SIZE } = {}) {
      let after: string | null = null;
      for (;;) {
        const page: CaseloadPage = await caseload({ first: pageSize, ...(after ? { after } : {}), filter });
        yield* page.cases;
        if (!page.pageInfo.hasNextPage) return;
        // A next page without a cursor would ask for the first page again, forever.
        if (!page.pageInfo.endCursor)
          throw new RequestError('the gateway announced a next page without a cursor', 200);
        after = page.pageInfo.endCursor;
      }
    },
    getCase: async (id) => (await read(CaseDocument, { id })).case,
    referrals: async (options) => {
      const { referrals } = await read(ReferralsDocument, options);
      return { referrals: referrals.edges.map((e) => e.node), pageInfo: referrals.pageInfo };
    },
    checklists: async () => {
      const all: Checklist[] = [];
      let after: string | null = null;
      do {
        const { checklists }: ChecklistsQuery = await read(ChecklistsDocument, {
          first: MAX_PAGE_SIZE,
          after,
        });
        all.push(...checklists.edges.map((e) => e.node));
        after = checklists.pageInfo.hasNextPage ? checklists.pageInfo.endCursor : null;
      } while (after);
      return all;
    },
    me: async () => (await read(MeDocument, {})).me,
    indicators: async (query) => {
      const { indicators } = await read(IndicatorsDocument, query);
      if (!indicators) throw new RequestError('the gateway answered without an indicator report', 200);
      return indicators;
    },
    indicatorsCsv: (query) => transport.getText('indicators.csv', indicatorsCsvParams(query), 'text/csv'),
    request: (document, ...[variables]) => transport.execute(document, variables),
  };
}

/** A payload as a result: its refusals, or the value `pick` finds in it. */
function settle<P extends { readonly userErrors: readonly UserError[] }, T>(
  payload: P,
  pick: (payload: P) => T | null | undefined,
): MutationResult<T> {
  if (payload.userErrors.length > 0) return { ok: false, userErrors: payload.userErrors };
  const value = pick(payload);
  // Accepted without the changed record: the gateway broke its own contract.
  if (value === null || value === undefined)
    throw new RequestError('the gateway accepted the change but returned no record', 200);
  return { ok: true, value };
}
