import { describe, expect, it } from 'vitest';
import { harness, ok } from '../server/test-harness.ts';
import { localId } from './ids.ts';

const localIdOf = (caseId: string) => localId('Case', caseId, 'caseId');

const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) {
  case { id } userErrors { field code rule }
  duplicateCandidates { score rules reasonsJa outsideReach adviceJa person { id displayName } } } }`;

/** 当事者検索, the duplicate check at openCase and 名寄せ through GraphQL. */
describe('persons through GraphQL', () => {
  async function setUp() {
    const h = await harness({ today: '2023-04-10' });
    const centre = await h.register.agencies.registerFirst({
      kind: 'hikikomoriRegionalCentre',
      name: '架空県ひきこもり地域支援センター',
      municipalityCode: '242012',
    });
    const station = await h.register.agencies.register(
      { staffId: 'admin', agencyId: centre.id, role: 'agencyAdmin' },
      { kind: 'youthSupportStation', name: '架空地域若者サポートステーション', municipalityCode: '242012' },
    );
    const worker = (await h.token(centre, 'staff')).token;
    const supervisor = (await h.token(centre, 'supervisor')).token;
    const stationWorker = (await h.token(station, 'staff')).token;
    const open = (token: string, extra: Record<string, unknown> = {}, person: Record<string, unknown> = {}) =>
      h.gql<{ openCase: Record<string, unknown> & { case: { id: string } | null } }>(token, OPEN, {
        input: {
          person: {
            displayName: '架空 優子',
            kana: 'かくう ゆうこ',
            birthDate: '1990-02-03',
            municipalityCode: '242012',
            ...person,
          },
          case: { municipalityCode: '242012', openedOn: '2023-04-03' },
          ...extra,
        },
      });
    return { h, worker, supervisor, stationWorker, open };
  }

  it('refuses a likely duplicate with its candidates, and searches persons with a total count', async () => {
    const { h, worker, stationWorker, open } = await setUp();
    expect((await open(worker)).data?.openCase.case).not.toBeNull();
    const refused = (await open(worker, {}, { kana: 'ｶｸｳ ﾕｰｺ' })).data?.openCase;
    expect(refused?.case).toBeNull();
    expect(refused?.userErrors).toEqual([
      { field: ['input', 'person'], code: 'POSSIBLE_DUPLICATE', rule: 'possible_duplicate' },
    ]);
    expect(refused?.duplicateCandidates).toEqual([
      {
        score: 95,
        rules: ['KANA_BIRTH_DATE', 'NAME_BIRTH_DATE', 'KANA_BIRTH_MONTH_MUNICIPALITY'],
        reasonsJa: ['ふりがなと生年月日が一致', '氏名と生年月日が一致', 'ふりがな・生年月・市町村が一致'],
        outsideReach: false,
        adviceJa: null,
        person: { id: expect.any(String), displayName: '架空 優子' },
      },
    ]);
    const hidden = (await open(stationWorker)).data?.openCase.duplicateCandidates as Record<
      string,
      unknown
    >[];
    expect(hidden).toEqual([expect.objectContaining({ outsideReach: true, person: null })]);
    expect(hidden[0]?.adviceJa).toContain('紹介');
    expect(
      (await open(worker, { confirmNotDuplicate: true }, { birthDate: '1990-02-03' })).data?.openCase.case,
    ).not.toBeNull();

    const search = await h.gql<{ persons: Record<string, unknown> }>(
      worker,
      `query($search: PersonSearchInput!) { persons(search: $search, first: 1) {
        totalCount pageInfo { hasNextPage } edges { node { displayName kana mergedIntoId } } } }`,
      { search: { kana: 'ユーコ', birthYearMonth: '1990-02' } },
    );
    expect(search.errors).toBeUndefined();
    expect(search.data?.persons).toEqual({
      totalCount: 2,
      pageInfo: { hasNextPage: true },
      edges: [{ node: { displayName: '架空 優子', kana: 'かくう ゆうこ', mergedIntoId: null } }],
    });
    const none = await h.gql(worker, `query { persons(search: {}) { totalCount } }`);
    expect(none.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      rule: 'criterion_required',
    });
  });

  it('merges two records of one person; the merged id resolves to the kept one with the merge', async () => {
    const { h, worker, supervisor, open } = await setUp();
    ok(await open(worker), 'openCase');
    const duplicate = ok(
      await open(worker, { confirmNotDuplicate: true }, { displayName: '架空 ゆう子' }),
      'openCase',
    ) as { case: { id: string } };
    const found = await h.gql<{ persons: { edges: { node: { id: string; displayName: string } }[] } }>(
      worker,
      `query { persons(search: { kana: "かくう" }) { edges { node { id displayName } } } }`,
    );
    const ids = Object.fromEntries(
      found.data?.persons.edges.map((e) => [e.node.displayName, e.node.id]) ?? [],
    );
    const input = { keepPersonId: ids['架空 優子'], mergePersonId: ids['架空 ゆう子'], reason: '二重登録' };
    const MERGE = `mutation($input: MergePersonsInput!) { mergePersons(input: $input) {
      person { id } merge { reason former { displayName } movedCaseIds agency { name } } userErrors { code rule } } }`;
    const refused = await h.gql<{ mergePersons: { userErrors: unknown[] } }>(worker, MERGE, { input });
    expect(refused.data?.mergePersons.userErrors).toEqual([{ code: 'FORBIDDEN', rule: null }]);
    // Both cases are open and led by the centre: refused until one is closed.
    const overlap = await h.gql<{ mergePersons: { userErrors: unknown[] } }>(supervisor, MERGE, { input });
    expect(overlap.data?.mergePersons.userErrors).toEqual([
      { code: 'PRECONDITION_FAILED', rule: 'merge_overlapping_cases' },
    ]);
    ok(
      await h.gql(
        worker,
        `mutation($input: ChangeStatusInput!) { changeStatus(input: $input) { case { id } userErrors { code } } }`,
        {
          input: {
            caseId: duplicate.case.id,
            expectedVersion: 1,
            to: 'CLOSED',
            closureReason: 'OTHER',
            note: '重複登録',
            effectiveOn: '2023-04-03',
          },
        },
      ),
      'changeStatus',
    );
    const merged = ok<{ person: { id: string }; merge: Record<string, unknown> }>(
      await h.gql(supervisor, MERGE, { input }),
      'mergePersons',
    );
    expect(merged.person.id).toBe(input.keepPersonId);
    expect(merged.merge).toEqual({
      reason: '二重登録',
      former: { displayName: '架空 ゆう子' },
      movedCaseIds: [localIdOf(duplicate.case.id)],
      agency: { name: '架空県ひきこもり地域支援センター' },
    });
    const lookup = await h.gql<{ person: Record<string, unknown> }>(
      worker,
      `query($id: ID!) { person(id: $id) { requestedId person { id } mergedInto { reason } merges { mergedPersonId } } }`,
      { id: input.mergePersonId },
    );
    expect(lookup.data?.person).toEqual({
      requestedId: input.mergePersonId,
      person: { id: input.keepPersonId },
      mergedInto: { reason: '二重登録' },
      // The merge names the persons by their plain ids.
      merges: [{ mergedPersonId: localId('Person', input.mergePersonId as string, 'id') }],
    });
  });
});
