import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';

export interface QueryLimits {
  /** Deepest field nesting allowed (introspection fields are not counted). */
  readonly maxDepth: number;
  /** Highest estimated cost: each field costs 1, times the page sizes of the connections above it. */
  readonly maxCost: number;
  /** Page size assumed for a connection asked without `first`/`last` (the default page). */
  readonly defaultPageSize: number;
  /** Page size assumed when `first`/`last` is a variable (its largest allowed value). */
  readonly maxPageSize: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxCost: 20_000,
  defaultPageSize: 20,
  maxPageSize: 100,
};

interface Measure {
  depth: number;
  cost: number;
}

function pageSize(field: FieldNode, acceptsPaging: boolean, limits: QueryLimits): number {
  const arg = field.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
  if (!arg) return acceptsPaging ? limits.defaultPageSize : 1;
  const value: ValueNode = arg.value;
  if (value.kind === Kind.INT) return Math.max(1, Number.parseInt(value.value, 10));
  return limits.maxPageSize;
}

/**
 * Measures an operation: its depth and a cost estimate where every field counts once per item of
 * every connection it sits in. A caseload page of 100 cases with a handful of fields each stays far
 * below the cost limit; a connection nested inside a connection of the largest size does not.
 */
function measure(
  context: ValidationContext,
  operation: OperationDefinitionNode,
  limits: QueryLimits,
): Measure {
  const schema = context.getSchema();
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const result: Measure = { depth: 0, cost: 0 };
  const visit = (
    set: SelectionSetNode,
    type: GraphQLNamedType | null | undefined,
    depth: number,
    multiplier: number,
    seen: ReadonlySet<string>,
  ): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const fieldDef =
          type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[name] : undefined;
        const paging = Boolean(fieldDef?.args.some((a) => a.name === 'first'));
        result.depth = Math.max(result.depth, depth + 1);
        result.cost += multiplier;
        if (selection.selectionSet)
          visit(
            selection.selectionSet,
            fieldDef ? getNamedType(fieldDef.type) : null,
            depth + 1,
            multiplier * pageSize(selection, paging, limits),
            seen,
          );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const cond = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        visit(selection.selectionSet, cond, depth, multiplier, seen);
      } else {
        const name = selection.name.value;
        if (seen.has(name)) continue; // a fragment cycle is reported by the standard rules
        const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
        if (fragment)
          visit(
            fragment.selectionSet,
            schema.getType(fragment.typeCondition.name.value),
            depth,
            multiplier,
            new Set([...seen, name]),
          );
      }
    }
  };
  visit(operation.selectionSet, root, 0, 1, new Set());
  return result;
}

/** Validation rules refusing operations deeper or costlier than the limits. */
export function queryLimitRules(limits: QueryLimits = DEFAULT_LIMITS): ValidationRule[] {
  const rule: ValidationRule = (context) => ({
    OperationDefinition(operation) {
      const { depth, cost } = measure(context, operation, limits);
      if (depth > limits.maxDepth)
        context.reportError(
          new GraphQLError(`query depth ${depth} exceeds the limit of ${limits.maxDepth}`, {
            nodes: [operation],
            extensions: { code: 'DEPTH_LIMIT_EXCEEDED' },
          }),
        );
      if (cost > limits.maxCost)
        context.reportError(
          new GraphQLError(
            `query cost ${cost} exceeds the limit of ${limits.maxCost}; ask for smaller pages`,
            {
              nodes: [operation],
              extensions: { code: 'COST_LIMIT_EXCEEDED' },
            },
          ),
        );
    },
  });
  return [rule];
}
