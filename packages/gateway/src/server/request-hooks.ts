import type { Plugin } from 'graphql-yoga';

type OnRequest = NonNullable<Plugin['onRequest']>;
export type OnRequestPayload = Parameters<OnRequest>[0];

/**
 * An `onRequest` hook for requests of one kind (a path, a method): `answer` runs only for requests
 * `concerns` accepts. Every other request, GraphQL requests among them, passes on without the
 * promise an async hook returns, which would turn every later hook of the request into a promise step.
 */
export function answering(
  concerns: (payload: OnRequestPayload) => boolean,
  answer: (payload: OnRequestPayload) => Promise<void>,
): OnRequest {
  return (payload) => (concerns(payload) ? answer(payload) : undefined);
}
