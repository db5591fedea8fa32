import { type DocumentNode, type ExecutionResult, getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Variable sets kept per introspection document (`__type(name: $name)` differs by variable). */
const MAX_VARIABLE_SETS = 8;
/**
 * Introspection documents whose answers are kept. A full answer weighs hundreds of kilobytes, so the
 * number kept is small and fixed: varied documents (a fuzzer, many tools) must not grow memory.
 */
const MAX_DOCUMENTS = 16;

/** Only `__schema`, `__type` and `__typename` at the root of a query: the answer is the schema's. */
function isIntrospectionQuery(document: DocumentNode, operationName: string | null | undefined): boolean {
  const operation = getOperationAST(document, operationName);
  return (
    operation?.operation === 'query' &&
    operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'))
  );
}

/**
 * Answers a schema introspection query from the answer to the same document: the schema is built
 * once and answers it the same for everyone, and walking it costs tens of milliseconds of the event
 * loop per request (GraphiQL and code generators ask it on every load). Yoga's parser cache hands the
 * same document object to the same query text, so answers are kept by document and by variables, for
 * the most recently used documents only.
 */
export function useIntrospectionCache(): Plugin {
  const answers = new Map<DocumentNode, Map<string, ExecutionResult>>();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (!isIntrospectionQuery(args.document, args.operationName)) return;
      const key = `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
      const forDocument = answers.get(args.document);
      const known = forDocument?.get(key);
      if (forDocument && known) {
        // Most recently used last, so the eviction below drops the least recently used document.
        answers.delete(args.document);
        answers.set(args.document, forDocument);
        setResultAndStopExecution(known);
        return;
      }
      return {
        onExecuteDone({ result }) {
          if (!('data' in result) || result.errors?.length) return;
          let byVariables = answers.get(args.document);
          if (!byVariables) {
            byVariables = new Map();
            answers.set(args.document, byVariables);
            if (answers.size > MAX_DOCUMENTS) answers.delete(answers.keys().next().value as DocumentNode);
          }
          if (byVariables.size < MAX_VARIABLE_SETS) byVariables.set(key, result);
        },
      };
    },
  };
}
