import { isValidCalendarDate } from '@hikikomori-register/core';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function calendarDate(value: unknown): string {
  if (typeof value !== 'string' || !isValidCalendarDate(value))
    throw new GraphQLError('Date must be a calendar date YYYY-MM-DD');
  return value;
}

/**
 * A calendar date 'YYYY-MM-DD' with no time zone (a contact day, a birth date). Kept as a string end
 * to end, as the core keeps it: turning it into an instant would shift it by the time zone.
 */
export const CalendarDateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: "A calendar date 'YYYY-MM-DD' without time zone (Japan's calendar day).",
  specifiedByURL: 'https://tools.ietf.org/html/rfc3339#section-5.6',
  serialize: calendarDate,
  parseValue: calendarDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string YYYY-MM-DD');
    return calendarDate(ast.value);
  },
});
