export { type BootstrapFirstAdminInput, type BootstrappedAdmin, bootstrapFirstAdmin } from './bootstrap.ts';
export {
  CSRF_HEADER,
  createGateway,
  EXAMPLE_CASELOAD_QUERY,
  type Gateway,
  type GatewayOptions,
  GRAPHQL_ENDPOINT,
  isAllowedWithoutToken,
  isIntrospectionOnly,
  MUTATIONS_WITHOUT_TOKEN,
  type ShutdownOptions,
  shutdownGracefully,
} from './gateway.ts';
export { DEFAULT_LIMITS, type QueryLimits, queryLimitRules } from './limits.ts';
export { describeError, type GatewayLogger, jsonLogger } from './logger.ts';
