import { Controller, Get, Header, Ip, Redirect, Req, Res } from '@nestjs/common';
import { Response } from 'express';
import { z } from 'zod';
import { ValidQuery, param } from '../common/valid-query';
import { OIDC_LOGIN_TTL_MS, OidcService } from './oidc.service';
import { Public } from './permission.decorator';

/** Ties a callback to the browser that started the sign-in; not a credential (tokens never go in cookies). */
const BINDING_COOKIE = 'rampart_oidc';
const COOKIE_PATH = '/api/auth/oidc';

/**
 * GET /api/auth/oidc/callback?code=&state=&iss=&error=&error_description=: never refused here (the
 * browser is sent back to the web UI either way, the service judging): a repeated parameter (an
 * array) counts as absent.
 */
const callbackParam = param.text().optional().catch(undefined);
export const oidcCallbackQuery = z.object({
  code: callbackParam,
  state: callbackParam,
  iss: callbackParam,
  error: callbackParam,
  error_description: callbackParam,
});
export type OidcCallbackQuery = z.output<typeof oidcCallbackQuery>;

interface CallbackRequest {
  id?: unknown;
  headers: { cookie?: string };
}

/**
 * OpenID Connect sign-in, for browsers: GET /api/auth/oidc (is it on?), /login (off to the
 * provider), /callback (back from it, on to the web UI). Open without a token, like /api/auth/login;
 * 404 NOT_FOUND when OIDC_ISSUER is unset.
 */
@Controller('api/auth/oidc')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  /** Whether the sign-in page offers the button. */
  @Get()
  @Public()
  status(): { enabled: boolean } {
    return { enabled: this.oidc.enabled };
  }

  @Get('login')
  @Public()
  @Redirect()
  @Header('cache-control', 'no-store')
  async login(@Res({ passthrough: true }) res: Response): Promise<{ url: string; statusCode: number }> {
    const { url, binding } = await this.oidc.begin();
    if (binding) {
      res.cookie(BINDING_COOKIE, binding, {
        httpOnly: true,
        // Lax: sent on the provider's top-level redirect back, not on other sites' requests.
        sameSite: 'lax',
        secure: this.oidc.secureCallback,
        path: COOKIE_PATH,
        maxAge: OIDC_LOGIN_TTL_MS,
      });
    }
    return { url, statusCode: 302 };
  }

  @Get('callback')
  @Public()
  @Redirect()
  @Header('cache-control', 'no-store')
  async callback(
    @ValidQuery(oidcCallbackQuery) query: OidcCallbackQuery,
    @Ip() address: string,
    @Req() req: CallbackRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ url: string; statusCode: number }> {
    const url = await this.oidc.finish(query, cookieOf(req.headers.cookie, BINDING_COOKIE), {
      address,
      requestId: req.id === undefined ? undefined : String(req.id),
    });
    res.clearCookie(BINDING_COOKIE, { path: COOKIE_PATH });
    return { url, statusCode: 302 };
  }
}

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}
