import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

/**
 * What one operation may ask for. Introspection fields (`__schema`, `__type`, `__typename` and the
 * fields below them) count like any other field: an introspection query is no cheaper to answer.
 */
export interface QueryLimits {
  /** Deepest field nesting allowed; also the deepest nesting of list and object values in arguments. */
  readonly maxDepth: number;
  /** Deepest nesting inside `__schema` / `__type`, counted from the operation's root. */
  readonly maxIntrospectionDepth: number;
  /** Highest estimated cost: each field costs 1, times the page sizes of the connections above it. */
  readonly maxCost: number;
  /** Page size assumed for a connection asked without `first`/`last` (the default page). */
  readonly defaultPageSize: number;
  /** Page size assumed when `first`/`last` is a variable (its largest allowed value). */
  readonly maxPageSize: number;
  /** Most aliased fields in one operation (fragments counted where they are spread). */
  readonly maxAliases: number;
  /** Most `__schema` / `__type` fields in one operation: each answers from the whole schema. */
  readonly maxIntrospectionFields: number;
  /** Most lexical tokens in one document: the parser stops there (graphql `parse` maxTokens). */
  readonly maxTokens: number;
  /** Longest document in characters: longer ones are refused before the parser reads them. */
  readonly maxQueryLength: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  // The standard introspection query (GraphiQL's) nests 15 deep through `ofType`.
  maxIntrospectionDepth: 15,
  maxCost: 20_000,
  defaultPageSize: 20,
  maxPageSize: 100,
  maxAliases: 30,
  maxIntrospectionFields: 1,
  maxTokens: 5_000,
  // 5 000 tokens with comments and descriptions; far beyond any operation the console sends.
  maxQueryLength: 100_000,
};

/**
 * Requests without a token may introspect the schema once per request (GraphiQL, code generators),
 * and nothing costlier: no aliases, and a cost a little above the standard introspection query's.
 */
export const ANONYMOUS_LIMITS: QueryLimits = {
  ...DEFAULT_LIMITS,
  maxCost: 400,
  maxAliases: 0,
  maxTokens: 1_000,
  // GraphiQL's introspection query with descriptions is under 2 000 characters.
  maxQueryLength: 10_000,
};

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

interface Measure {
  depth: number;
  introspectionDepth: number;
  cost: number;
  aliases: number;
  introspection: number;
  valueDepth: number;
  spreads: number;
}

function pageSize(field: FieldNode, acceptsPaging: boolean, limits: QueryLimits): number {
  const arg = field.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
  if (!arg) return acceptsPaging ? limits.defaultPageSize : 1;
  const value: ValueNode = arg.value;
  if (value.kind === Kind.INT) return Math.max(1, Math.min(Number.parseInt(value.value, 10), 1_000_000));
  return limits.maxPageSize;
}

/** How deeply a literal nests lists and objects (a scalar is 0). Stops counting past `cap`. */
function valueDepth(value: ValueNode, cap: number): number {
  let deepest = 0;
  const stack: [ValueNode, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [ValueNode, number];
    if (depth > deepest) deepest = depth;
    if (deepest > cap) return deepest;
    if (node.kind === Kind.LIST) for (const v of node.values) stack.push([v, depth + 1]);
    else if (node.kind === Kind.OBJECT) for (const f of node.fields) stack.push([f.value, depth + 1]);
  }
  return deepest;
}

/**
 * Measures an operation: its depth, its aliases, its introspection fields and a cost estimate where
 * every field counts once per item of every connection it sits in. A caseload page of 100 cases with
 * a handful of fields each stays far below the cost limit; a connection nested inside a connection
 * of the largest size does not. Counting stops once a limit is passed, so a document of fragments
 * spreading each other many times over is refused without being walked in full.
 */
function measure(
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  operation: OperationDefinitionNode,
  limits: QueryLimits,
): Measure {
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const result: Measure = {
    depth: 0,
    introspectionDepth: 0,
    cost: 0,
    aliases: 0,
    introspection: 0,
    valueDepth: 0,
    spreads: 0,
  };
  /** The fragments being spread on the current path (to step over cycles). */
  const spreading = new Set<string>();
  const over = () =>
    result.cost > limits.maxCost ||
    result.depth > limits.maxDepth ||
    result.introspectionDepth > limits.maxIntrospectionDepth ||
    result.aliases > limits.maxAliases ||
    result.introspection > limits.maxIntrospectionFields ||
    result.valueDepth > limits.maxDepth ||
    result.spreads > limits.maxCost;
  const visit = (
    set: SelectionSetNode,
    type: GraphQLNamedType | null | undefined,
    depth: number,
    multiplier: number,
    introspecting: boolean,
  ): void => {
    for (const selection of set.selections) {
      if (over()) return;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const fieldDef =
          name === '__schema'
            ? schema.getQueryType()?.getFields().__schema
            : type && (isObjectType(type) || isInterfaceType(type))
              ? type.getFields()[name]
              : undefined;
        const paging = Boolean(fieldDef?.args.some((a) => a.name === 'first'));
        const inIntrospection = introspecting || INTROSPECTION_ROOTS.has(name);
        if (inIntrospection) result.introspectionDepth = Math.max(result.introspectionDepth, depth + 1);
        else result.depth = Math.max(result.depth, depth + 1);
        result.cost += multiplier;
        if (selection.alias) result.aliases += 1;
        if (INTROSPECTION_ROOTS.has(name)) result.introspection += 1;
        for (const arg of selection.arguments ?? [])
          result.valueDepth = Math.max(result.valueDepth, valueDepth(arg.value, limits.maxDepth));
        if (selection.selectionSet)
          visit(
            selection.selectionSet,
            // `__schema` and `__type` are not among the query type's fields: their types come from
            // the schema's introspection types.
            name === '__schema'
              ? schema.getType('__Schema')
              : name === '__type'
                ? schema.getType('__Type')
                : fieldDef
                  ? getNamedType(fieldDef.type)
                  : null,
            depth + 1,
            multiplier * pageSize(selection, paging, limits),
            inIntrospection,
          );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const cond = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        visit(selection.selectionSet, cond, depth, multiplier, introspecting);
      } else {
        const name = selection.name.value;
        // Spreads count as work too: fragments spreading each other cost a walk even before a field.
        result.spreads += 1;
        if (spreading.has(name)) continue; // a fragment cycle is reported by the standard rules
        const fragment = fragments.get(name);
        if (!fragment) continue;
        spreading.add(name);
        visit(
          fragment.selectionSet,
          schema.getType(fragment.typeCondition.name.value),
          depth,
          multiplier,
          introspecting,
        );
        spreading.delete(name);
      }
    }
  };
  visit(operation.selectionSet, root, 0, 1, false);
  return result;
}

/**
 * How many fragment spreads a selection makes once every fragment in it is expanded, each fragment
 * counted once and its count reused (one pass over the document, whatever the fan-out). Stops at
 * `cap`; a fragment spreading itself counts as nothing more (the standard rules refuse the cycle).
 */
function expandedSpreads(
  set: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  memo: Map<string, number>,
  cap: number,
): number {
  let count = 0;
  for (const selection of set.selections) {
    if (count > cap) return count;
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      let inner = memo.get(name);
      if (inner === undefined) {
        const fragment = fragments.get(name);
        memo.set(name, 0); // while it is being counted: a cycle adds nothing
        inner = fragment ? expandedSpreads(fragment.selectionSet, fragments, memo, cap) : 0;
        memo.set(name, inner);
      }
      count += 1 + inner;
    } else if (selection.selectionSet) {
      count += expandedSpreads(selection.selectionSet, fragments, memo, cap);
    }
  }
  return count;
}

function limitError(message: string, code: string, operation: OperationDefinitionNode): GraphQLError {
  return new GraphQLError(message, { nodes: [operation], extensions: { code } });
}

function costError(limits: QueryLimits, operation: OperationDefinitionNode): GraphQLError {
  return limitError(
    `query cost exceeds the limit of ${limits.maxCost}; ask for smaller pages`,
    'COST_LIMIT_EXCEEDED',
    operation,
  );
}

/**
 * The limits one document breaks, operation by operation. Run before the standard validation rules
 * (some of which grow with the square of the number of fields), so an oversized document costs no
 * more than one walk of its first few thousand fields.
 */
export function checkQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  limits: QueryLimits = DEFAULT_LIMITS,
): GraphQLError[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const errors: GraphQLError[] = [];
  const spreadCounts = new Map<string, number>();
  for (const operation of document.definitions) {
    if (operation.kind !== Kind.OPERATION_DEFINITION) continue;
    // Fragments spreading each other many times over: refused from one pass over the document.
    if (expandedSpreads(operation.selectionSet, fragments, spreadCounts, limits.maxCost) > limits.maxCost) {
      errors.push(costError(limits, operation));
      continue;
    }
    const m = measure(schema, fragments, operation, limits);
    if (
      m.depth > limits.maxDepth ||
      m.valueDepth > limits.maxDepth ||
      m.introspectionDepth > limits.maxIntrospectionDepth
    )
      errors.push(
        limitError(`query depth exceeds the limit of ${limits.maxDepth}`, 'DEPTH_LIMIT_EXCEEDED', operation),
      );
    if (m.cost > limits.maxCost || m.spreads > limits.maxCost) errors.push(costError(limits, operation));
    if (m.aliases > limits.maxAliases)
      errors.push(
        limitError(
          `more than ${limits.maxAliases} aliased fields in one operation`,
          'ALIAS_LIMIT_EXCEEDED',
          operation,
        ),
      );
    if (m.introspection > limits.maxIntrospectionFields)
      errors.push(
        limitError(
          `more than ${limits.maxIntrospectionFields} __schema/__type fields in one operation`,
          'INTROSPECTION_LIMIT_EXCEEDED',
          operation,
        ),
      );
  }
  return errors;
}

/** A document longer than the limit, refused before it is read (a 400 naming the limit). */
export function queryLengthError(limits: QueryLimits): GraphQLError {
  return new GraphQLError(`the document is longer than ${limits.maxQueryLength} characters`, {
    extensions: { code: 'QUERY_LENGTH_LIMIT_EXCEEDED', http: { status: 400 } },
  });
}

/**
 * Parses a document with the length and token limits. Too long a document, too many tokens, and
 * nesting too deep for the parser's stack are each a 400 naming the limit, never an internal error.
 */
export function parseWithLimits(source: string, limits: QueryLimits = DEFAULT_LIMITS): DocumentNode {
  if (source.length > limits.maxQueryLength) throw queryLengthError(limits);
  try {
    return parse(source, { maxTokens: limits.maxTokens, noLocation: false });
  } catch (error) {
    if (error instanceof GraphQLError) {
      // graphql 16 words it "contains more that N tokens".
      if (/contains more th\w+ \d+ tokens/.test(error.message))
        throw new GraphQLError(`the document has more than ${limits.maxTokens} tokens`, {
          extensions: { code: 'TOKEN_LIMIT_EXCEEDED', http: { status: 400 } },
        });
      throw error;
    }
    if (error instanceof RangeError)
      throw new GraphQLError('the document nests too deeply', {
        extensions: { code: 'DEPTH_LIMIT_EXCEEDED', http: { status: 400 } },
      });
    throw error;
  }
}

/** The limits as a validation rule (for tools validating documents outside the gateway). */
export function queryLimitRules(limits: QueryLimits = DEFAULT_LIMITS): ValidationRule[] {
  const rule: ValidationRule = (context) => ({
    Document(document) {
      for (const error of checkQueryLimits(context.getSchema(), document, limits)) context.reportError(error);
    },
  });
  return [rule];
}
