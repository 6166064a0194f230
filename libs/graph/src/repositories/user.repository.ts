import { StoredUser } from '@rampart/domain';
import { QueryExecutor } from '../query-executor';
import { Q } from '../query-names';
import { SeenGraphVersion } from '../shared-read';

/** An access token's session as stored now (UserRepository.sessionCheck). */
export interface SessionState {
  user: StoredUser | null;
  /** Its sign-in (refresh-token family) has ended. */
  signedOut: boolean;
  /** The graph version read in the same round trip, for the request's answers (shared-read.ts). */
  graphVersion: SeenGraphVersion;
}

/** The keys of an account user admin may change (the rest is set once). */
export type UserChanges = Partial<
  Pick<StoredUser, 'passwordHash' | 'roles' | 'clearance' | 'personId' | 'disabled' | 'organizationIds'>
>;

/**
 * Sign-in accounts (:User). They live outside the organisation graph (not :Entity): entity
 * queries, exports and analytics never see them.
 */
export class UserRepository {
  constructor(private readonly executor: QueryExecutor) {}

  async create(user: StoredUser): Promise<StoredUser> {
    const rows = await this.executor.executeWrite(Q.userCreate, { user });
    return toStoredUser(rows[0].user);
  }

  async byUsername(username: string): Promise<StoredUser | null> {
    const rows = await this.executor.executeRead(Q.userByUsername, { username });
    return rows.length ? toStoredUser(rows[0].user) : null;
  }

  async byId(id: string): Promise<StoredUser | null> {
    const rows = await this.executor.executeRead(Q.userById, { id });
    return rows.length ? toStoredUser(rows[0].user) : null;
  }

  /** The account, whether the sign-in `family` ended and the graph version: one read per request. */
  async sessionCheck(id: string, family: string): Promise<SessionState> {
    // Counted before the read: a write of this process committed meanwhile makes the version stale.
    const writes = this.executor.writesCommitted;
    const [row] = await this.executor.executeRead(Q.sessionCheck, { id, family });
    return {
      user: row?.user ? toStoredUser(row.user) : null,
      signedOut: row?.revoked === true,
      graphVersion: { version: (row?.graphVersion as number | null | undefined) ?? 0, writes },
    };
  }

  async list(): Promise<StoredUser[]> {
    const rows = await this.executor.executeRead(Q.userList);
    return rows.map((r) => toStoredUser(r.user));
  }

  async count(): Promise<number> {
    const rows = await this.executor.executeRead(Q.userCount);
    return Number(rows[0].count);
  }

  /** Every account and refresh token gone (tests; a reset before the next start recreates admin). */
  async deleteAll(): Promise<number> {
    const rows = await this.executor.executeWrite(Q.accountsDeleteAll);
    return Number(rows[0].deleted);
  }

  async update(id: string, set: UserChanges, now: string): Promise<StoredUser | null> {
    const rows = await this.executor.executeWrite(Q.userUpdate, { id, set, now });
    return rows.length ? toStoredUser(rows[0].user) : null;
  }
}

function toStoredUser(value: unknown): StoredUser {
  const p = value as Record<string, unknown>;
  return {
    id: String(p.id),
    username: String(p.username),
    passwordHash: typeof p.passwordHash === 'string' ? p.passwordHash : '',
    roles: (p.roles as StoredUser['roles']) ?? [],
    clearance: String(p.clearance),
    personId: typeof p.personId === 'string' ? p.personId : null,
    organizationIds: Array.isArray(p.organizationIds) ? p.organizationIds.map(String) : null,
    disabled: p.disabled === true,
    createdAt: String(p.createdAt),
    updatedAt: String(p.updatedAt),
    // Only OpenID Connect accounts carry these: local accounts keep their shape.
    ...(p.source === 'oidc' ? { source: 'oidc' as const, externalId: String(p.externalId ?? '') } : {}),
  };
}
