import {
  AuthenticationError,
  createRegisterClient,
  GraphQLResponseError,
  type TypedDocument,
  type UserError,
  type VariablesArgument,
} from '@hikikomori-register/client';

/**
 * The console talks to the gateway that serves it, with the typed client and no token: the
 * signed-in session's HttpOnly cookie goes with every same-origin request.
 */
export const register = createRegisterClient({
  url: new URL('/graphql', globalThis.location?.href ?? 'http://localhost/').href,
  // The console shows a failure at once; the person can try again.
  retries: 0,
});

/** Anything that ends the session on the screen: the console goes back to the sign-in page. */
type Listener = () => void;
const signedOutListeners = new Set<Listener>();
export function onSignedOut(listener: Listener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

/** A read or a mutation through the client; an expired session signs the screen out. */
export async function call<TResult, TVariables>(
  document: TypedDocument<TResult, TVariables>,
  ...variables: VariablesArgument<NoInfer<TVariables>>
): Promise<TResult> {
  try {
    return await register.request(document, ...variables);
  } catch (error) {
    if (
      error instanceof AuthenticationError ||
      (error instanceof GraphQLResponseError && error.code === 'PASSWORD_CHANGE_REQUIRED')
    )
      for (const listener of signedOutListeners) listener();
    throw error;
  }
}

/** A mutation payload: the changed record (when accepted) and the refusals. */
export interface Payload {
  readonly userErrors: readonly UserError[];
}
