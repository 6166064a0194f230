import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';

export interface StoredRefreshToken {
  /** SHA-256 hex of the token: the token itself is never stored. */
  hash: string;
  family: string;
  userId: string;
  issuedAt: string;
  expiresAt: string;
  usedAt?: string;
  revoked: boolean;
}

export type SpendResult =
  | { outcome: 'spent'; token: StoredRefreshToken }
  /** Presented before: the family must be revoked (the token was copied). */
  | { outcome: 'reused'; token: StoredRefreshToken }
  | { outcome: 'expired' | 'revoked' | 'unknown'; token?: StoredRefreshToken };

/** Refresh tokens (:RefreshToken, outside the organisation graph), rotated on every use. */
export class RefreshTokenRepository {
  constructor(private readonly executor: QueryExecutor) {}

  async create(token: Omit<StoredRefreshToken, 'revoked' | 'usedAt'>): Promise<void> {
    await this.executor.executeWrite(Q.refreshCreate, { token });
  }

  /** Spends a token once (atomically) and says what it was if it could not be spent. */
  async spend(hash: string, now: string): Promise<SpendResult> {
    const rows = await this.executor.executeWrite(Q.refreshSpend, { hash, now });
    if (!rows.length) return { outcome: 'unknown' };
    const token = rows[0].token as unknown as StoredRefreshToken;
    if (rows[0].spent === true) return { outcome: 'spent', token };
    if (token.revoked) return { outcome: 'revoked', token };
    if (token.usedAt) return { outcome: 'reused', token };
    return { outcome: 'expired', token };
  }

  async revokeFamily(family: string, now: string): Promise<number> {
    const rows = await this.executor.executeWrite(Q.refreshRevokeFamily, { family, now });
    return Number(rows[0].revoked);
  }

  async revokeUser(userId: string, now: string): Promise<number> {
    const rows = await this.executor.executeWrite(Q.refreshRevokeUser, { userId, now });
    return Number(rows[0].revoked);
  }
}
