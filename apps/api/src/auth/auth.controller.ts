import { Body, Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { AuthService } from './auth.service';

interface Credentials {
  username?: unknown;
  password?: unknown;
}

/** Sign-in: POST /api/auth/login, /refresh, /logout; GET /api/auth/me. */
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  login(@Body() body: Credentials | undefined) {
    return this.auth.login(body?.username, body?.password);
  }

  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: { refreshToken?: unknown } | undefined) {
    return this.auth.refresh(body?.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Body() body: { refreshToken?: unknown } | undefined): Promise<void> {
    await this.auth.logout(body?.refreshToken);
  }

  /** Who the bearer token says the caller is. */
  @Get('me')
  async me(@Headers('authorization') authorization?: string) {
    const c = await this.auth.verify(authorization);
    return { username: c.username, roles: c.roles, clearance: c.clearance, personId: c.personId };
  }
}
