import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import { Response } from 'express';
import { GraphQLError } from 'graphql';
import { toPublicError } from './error-mapping';

/** Turns every error escaping a controller or resolver into the one public error shape. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (exception instanceof HttpException && host.getType<GqlContextType>() !== 'graphql') {
      // Nest's own HTTP errors (404 route, 413 body) keep their status and message.
      const res = host.switchToHttp().getResponse<Response>();
      return res
        .status(exception.getStatus())
        .json({ error: { code: 'HTTP_ERROR', message: exception.message } });
    }
    const error = toPublicError(exception);
    if (error.code === 'INTERNAL' || error.status >= 500) this.logger.error(exception);
    if (host.getType<GqlContextType>() === 'graphql') {
      return new GraphQLError(error.message, {
        extensions: { code: error.graphqlCode, rampartCode: error.code, ...error.details },
      });
    }
    const res = host.switchToHttp().getResponse<Response>();
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') res.setHeader('retry-after', String(retryAfter));
    return res
      .status(error.status)
      .json({ error: { code: error.code, message: error.message, details: error.details } });
  }
}
