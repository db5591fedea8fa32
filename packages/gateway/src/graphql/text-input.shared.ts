import { afterAll, describe, expect, it } from 'vitest';
import { backendName, type HarnessBackend, harness } from '../server/test-harness.ts';

const OPEN = `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id person { displayName kana } } userErrors { field code rule } } }`;
const CASES = `query($name: String!) { cases(first: 5, filter: { personName: $name }) { edges { node { id } } } }`;

interface OpenPayload {
  case: { id: string; person: { displayName: string; kana: string | null } } | null;
  userErrors: { field: string[] | null; code: string; rule: string | null }[];
}

/**
 * Text typed into the register, through GraphQL onto the database: NUL, unpaired surrogates and
 * over-long text are refused with a user error naming the field and the rule, and nothing is written;
 * any real character (kana, kanji beyond the BMP, emoji) is stored and read back unchanged.
 */
export function describeTextInput(backend: HarnessBackend): void {
  describe(`text input through GraphQL on ${backendName(backend)}`, () => {
    afterAll(async () => {
      if (backend !== 'memory') await backend.dropAll();
    });

    async function setup() {
      const h = await harness({ backend, today: '2023-06-01' });
      const lead = await h.register.agencies.registerFirst({
        kind: 'municipalHikikomoriDesk',
        name: 'Lead',
        municipalityCode: '242012',
      });
      const worker = (await h.token(lead, 'staff')).token;
      const open = async (person: Record<string, unknown>) => {
        const r = await h.gql<{ openCase: OpenPayload }>(worker, OPEN, {
          input: {
            person: { municipalityCode: '242012', ...person },
            case: { municipalityCode: '242012', openedOn: '2023-06-01' },
          },
        });
        expect(r.errors).toBeUndefined();
        return r.data?.openCase as OpenPayload;
      };
      const caseCount = async () =>
        (await h.gql<{ cases: { edges: unknown[] } }>(worker, CASES, { name: '架空' })).data?.cases.edges
          .length;
      return { h, worker, open, caseCount };
    }

    it('refuses NUL, unpaired surrogates and over-long names with the field and the rule, writing nothing', async () => {
      const { h, open, caseCount } = await setup();
      try {
        for (const [person, field, rule] of [
          [{ displayName: '架空\u0000太郎' }, 'input.person.displayName', 'noNulCharacter'],
          [{ displayName: '架空\uD83D太郎' }, 'input.person.displayName', 'noUnpairedSurrogate'],
          [{ displayName: '架空 太郎', kana: 'か\uDE00' }, 'input.person.kana', 'noUnpairedSurrogate'],
          [{ displayName: '架空'.repeat(51) }, 'input.person.displayName', 'too_big'],
          [{ displayName: '架空 太郎', kana: 'あ'.repeat(300_000) }, 'input.person.kana', 'too_big'],
        ] as const) {
          const payload = await open(person);
          expect(payload.case).toBeNull();
          expect(payload.userErrors.map((e) => [e.field?.join('.'), e.code, e.rule])).toEqual([
            [field, 'VALIDATION_FAILED', rule],
          ]);
        }
        expect(await caseCount()).toBe(0);
      } finally {
        await h.close();
      }
    });

    it('stores and reads back names beyond the BMP and at the maximum length, and searches them', async () => {
      const { h, open, caseCount } = await setup();
      try {
        const name = `架空 𠮷田${'あ'.repeat(94)}`;
        expect(name.length).toBe(100);
        const payload = await open({ displayName: name, kana: 'かくう よしだ' });
        expect(payload.userErrors).toEqual([]);
        expect(payload.case?.person).toEqual({ displayName: name, kana: 'かくう よしだ' });
        expect(await caseCount()).toBe(1);
      } finally {
        await h.close();
      }
    });

    it('refuses a NUL in a search as a user input error, never an internal one', async () => {
      const { h, worker } = await setup();
      try {
        const r = await h.gql(worker, CASES, { name: '架\u0000空' });
        expect(r.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
        expect(r.errors?.[0]?.extensions?.code).toBeDefined();
      } finally {
        await h.close();
      }
    });
  });
}
