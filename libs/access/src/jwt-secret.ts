import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuthConfig } from '@rampart/config';

/**
 * The key access tokens are signed with: RAMPART_JWT_SECRET when set (required in production, the
 * same on every instance); otherwise generated once and kept, readable by the owner only, in the
 * secret file, so tokens survive a restart of a development install.
 */
export function resolveJwtSecret(config: AuthConfig): string {
  if (config.jwtSecret) return config.jwtSecret;
  if (fs.existsSync(config.secretFile)) {
    const kept = fs.readFileSync(config.secretFile, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  const secret = randomBytes(48).toString('base64url');
  fs.mkdirSync(path.dirname(config.secretFile), { recursive: true });
  fs.writeFileSync(config.secretFile, `${secret}\n`, { mode: 0o600 });
  return secret;
}
