import { Body, Controller, Get, Headers, HttpCode, Ip, Post, Req } from '@nestjs/common';
import { User } from '@rampart/domain';
import { AuthService } from '@rampart/access';
import { CurrentUser, Public, RequirePermission } from './permission.decorator';

interface Credentials {
  username?: unknown;
  password?: unknown;
}

/** Sign-in: POST /api/auth/login, /refresh, /logout; GET /api/auth/me. */
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  login(@Body() body: Credentials | undefined, @Ip() address: string, @Req() req: { id?: unknown }) {
    return this.auth.login(body?.username, body?.password, {
      address,
      requestId: req.id === undefined ? undefined : String(req.id),
    });
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  refresh(@Body() body: { refreshToken?: unknown } | undefined) {
    return this.auth.refresh(body?.refreshToken);
  }

  /** Ends the sign-in of the refresh token in the body and/or of the bearer access token. */
  @Post('logout')
  @Public()
  @HttpCode(204)
  async logout(
    @Body() body: { refreshToken?: unknown } | undefined,
    @Headers('authorization') authorization: string | undefined,
  ): Promise<void> {
    await this.auth.logout(body?.refreshToken, authorization);
  }

  /** Who the bearer token says the caller is. */
  @Get('me')
  @RequirePermission('self:read')
  me(@CurrentUser() user: User) {
    return { username: user.username, roles: user.roles, clearance: user.clearance, personId: user.personId };
  }
}
