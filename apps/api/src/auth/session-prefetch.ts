import { AuthService } from '@rampart/access';
import { IncomingMessage, ServerResponse } from 'node:http';
import { RequestWithPrincipal, SESSION_CHECK } from './permission.decorator';

/**
 * Starts the token check of a GraphQL request as soon as its headers arrive (issue 21): its round
 * trip to Neo4j then overlaps reading the body and parsing, validating and costing the query,
 * which all come before AccessGuard. The guard awaits it (and answers its error); requests it
 * does not start one for (REST, imports that may wait in their queue) are checked by the guard.
 */
export function sessionPrefetch(auth: AuthService) {
  return (req: IncomingMessage & RequestWithPrincipal, _res: ServerResponse, next: () => void): void => {
    const authorization = req.headers.authorization;
    if (req.method === 'POST' && authorization?.startsWith('Bearer ')) {
      const check = auth.session(authorization);
      check.catch(() => undefined); // a query that fails validation never reaches the guard
      req[SESSION_CHECK] = check;
    }
    next();
  };
}
