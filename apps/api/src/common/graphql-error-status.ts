import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLFormattedError } from 'graphql';

/** GraphQL error codes (common/error-mapping.ts) that mean the request did not get its answer in time. */
const STATUS_BY_CODE: Record<string, number> = { TIMEOUT: 504, SERVICE_UNAVAILABLE: 503 };

/**
 * A GraphQL answer carrying a timeout or an unavailable database answers 504 or 503 instead of 200
 * (issue 19): proxies, monitors and clients see that the request failed for want of time or of
 * Neo4j, and may retry; the body still says which field and why.
 */
export function graphqlErrorStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const status = statusOf(response.body.singleResult.errors);
          if (status && (!response.http.status || response.http.status < 400)) response.http.status = status;
        },
      };
    },
  };
}

/** 504 when any error is a timeout, else 503 when any is an unavailable database. */
export function statusOf(errors: readonly GraphQLFormattedError[] | undefined): number | undefined {
  const statuses = (errors ?? []).map((e) => STATUS_BY_CODE[String(e.extensions?.code)]).filter(Boolean);
  return statuses.length ? Math.max(...statuses) : undefined;
}
