import {
  CONTACT_NOTE_MAX_LENGTH,
  CORRECTION_REASON_MAX_LENGTH,
  HEALTH_NOTE_MAX_LENGTH,
  isValidMunicipalityCode,
  MUNICIPALITY_CODE_LENGTH,
  TEXT_MAX_LENGTH,
  type TextKind,
  textUpTo,
} from '@hikikomori-register/core';
import SchemaBuilder from '@pothos/core';
import {
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { INVITATION_TOKEN_LENGTH } from '../auth/onboarding.ts';
import { LOGIN_ID_MAX_LENGTH, loginIdSchema, PASSWORD_MAX_LENGTH } from '../auth/passwords.ts';
import MaxLengthPlugin, { type MaxLengthExtensions, maxLengthNote, maxText } from './max-length.ts';
import { schema } from './schema.ts';

interface TextInput {
  /** `Type.field` for input fields, `Type.field(arg)` for arguments. */
  readonly where: string;
  readonly input: GraphQLInputField | GraphQLArgument;
}

/** Every input field and argument of type String or ID (or a list of them) in a schema. */
function textInputs(s: GraphQLSchema): TextInput[] {
  const found: TextInput[] = [];
  const add = (where: string, input: GraphQLInputField | GraphQLArgument) => {
    const named = getNamedType(input.type).name;
    if (named === 'String' || named === 'ID') found.push({ where, input });
  };
  for (const type of Object.values(s.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type))
      for (const field of Object.values(type.getFields())) add(`${type.name}.${field.name}`, field);
    if (isObjectType(type) || isInterfaceType(type))
      for (const field of Object.values(type.getFields()))
        for (const arg of field.args) add(`${type.name}.${field.name}(${arg.name})`, arg);
  }
  return found;
}

const extensionsOf = (input: TextInput['input']) => (input.extensions ?? {}) as MaxLengthExtensions;

/** The inputs whose description does not state a maximum (or states another than the rule's). */
function undocumented(s: GraphQLSchema): string[] {
  return textInputs(s)
    .filter(({ input }) => {
      const max = extensionsOf(input).maxLength;
      return typeof max !== 'number' || !(input.description ?? '').includes(maxLengthNote(max));
    })
    .map((i) => i.where);
}

describe('maxima of text inputs in the GraphQL API', () => {
  it('every String and ID input field and argument says its maximum in its description', () => {
    expect(textInputs(schema).length).toBeGreaterThan(200);
    expect(undocumented(schema)).toEqual([]);
  });

  it('text inputs state the maximum of their core text rule, and that rule refuses one character more', () => {
    const kinds = new Set<TextKind>();
    for (const { where, input } of textInputs(schema)) {
      const { textKind, maxLength } = extensionsOf(input);
      if (getNamedType(input.type).name === 'ID') {
        expect(maxLength, where).toBe(TEXT_MAX_LENGTH.id);
        continue;
      }
      if (!textKind) continue;
      kinds.add(textKind);
      expect(maxLength, where).toBe(TEXT_MAX_LENGTH[textKind]);
      expect(textUpTo(textKind).safeParse('あ'.repeat(maxLength as number)).success, where).toBe(true);
      expect(textUpTo(textKind).safeParse('あ'.repeat((maxLength as number) + 1)).success, where).toBe(false);
    }
    expect([...kinds].sort()).toEqual(Object.keys(TEXT_MAX_LENGTH).sort());
  });

  it('matches the maxima the register enforces for the fields that have a named one', () => {
    const max = (where: string) =>
      extensionsOf(textInputs(schema).find((i) => i.where === where)?.input as TextInput['input']).maxLength;
    expect(max('ContactNoteInput.text')).toBe(CONTACT_NOTE_MAX_LENGTH);
    expect(max('AmendContactInput.reason')).toBe(CORRECTION_REASON_MAX_LENGTH);
    expect(max('VoidContactInput.reason')).toBe(CORRECTION_REASON_MAX_LENGTH);
    expect(max('HealthNoteInput.text')).toBe(HEALTH_NOTE_MAX_LENGTH);
    expect(max('FirstAdminInput.password')).toBe(PASSWORD_MAX_LENGTH);
    expect(max('RedeemAgencyInvitationInput.token')).toBe(INVITATION_TOKEN_LENGTH);
    // Formats: the longest valid value is exactly the documented length.
    expect(max('PersonInput.municipalityCode')).toBe(MUNICIPALITY_CODE_LENGTH);
    expect(isValidMunicipalityCode('242012')).toBe(true);
    expect('242012'.length).toBe(MUNICIPALITY_CODE_LENGTH);
    expect(max('CreateStaffInput.loginId')).toBe(LOGIN_ID_MAX_LENGTH);
    expect(loginIdSchema.safeParse('a'.repeat(LOGIN_ID_MAX_LENGTH)).success).toBe(true);
    expect(loginIdSchema.safeParse('a'.repeat(LOGIN_ID_MAX_LENGTH + 1)).success).toBe(false);
    expect(max('PersonInput.birthYearMonth')).toBe('2023-06'.length);
    expect(max('AddProgrammeSessionInput.startsAt')).toBe('18:30'.length);
  });

  it('finds a String input added without a rule, and documents one added with a rule', () => {
    const probe = new SchemaBuilder({ plugins: [MaxLengthPlugin] });
    const ProbeInput = probe.inputType('ProbeInput', {
      fields: (t) => ({
        bare: t.string(),
        noted: t.string({ ...maxText('note'), description: 'A note.' }),
        ids: t.idList(),
      }),
    });
    probe.queryType({
      fields: (t) => ({
        probe: t.boolean({
          args: { input: t.arg({ type: ProbeInput }), name: t.arg.string() },
          resolve: () => true,
        }),
      }),
    });
    const built = probe.toSchema();
    expect(undocumented(built)).toEqual(['ProbeInput.bare', 'Query.probe(name)']);
    const fields = (
      built.getType('ProbeInput') as { getFields(): Record<string, GraphQLInputField> }
    ).getFields();
    expect(fields.noted?.description).toBe(`A note. ${maxLengthNote(TEXT_MAX_LENGTH.note)}`);
    expect(fields.ids?.description).toBe(maxLengthNote(TEXT_MAX_LENGTH.id));
  });
});
