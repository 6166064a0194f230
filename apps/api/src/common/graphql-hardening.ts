import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLFormattedError } from 'graphql';

/**
 * Operations the API does not serve answer 400 before anything runs (issue 19): a subscription
 * (there is no subscription type) was answered INTERNAL_SERVER_ERROR.
 */
export function unsupportedOperationsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') {
            throw new GraphQLError('Subscriptions are not supported: ask with a query.', {
              extensions: { code: 'UNSUPPORTED_OPERATION', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** Codes whose message is written for clients (GraphQL's own, and the API's error mapping). */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * The last word on every GraphQL error leaving the API: errors the API mapped itself (they carry
 * `rampartCode`) and GraphQL's own client errors pass; anything else, an internal failure whose
 * message may name code or data ("Maximum call stack size exceeded"), becomes "Internal error.".
 */
export function formatGraphqlError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = String(formatted.extensions?.code ?? '');
  if (formatted.extensions?.rampartCode !== undefined || CLIENT_CODES.has(code)) return formatted;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  return {
    message: 'Internal error.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
