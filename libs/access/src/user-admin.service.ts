import { Inject, Injectable, Logger } from '@nestjs/common';
import { checkPasswordPolicy, hashPassword } from '@rampart/auth';
import { AuthConfig } from '@rampart/config';
import {
  DEFAULT_CLASSIFICATION_LEVELS,
  DomainError,
  isRole,
  OrganizationScope,
  Role,
  ROLES,
  User,
  USERNAME_PATTERN,
} from '@rampart/domain';
import { OrganizationRepository, RefreshTokenRepository, UserChanges, UserRepository } from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { randomBytes, randomUUID } from 'node:crypto';
import { AUTH_CONFIG } from './auth-tokens';

export interface NewUser {
  username: string;
  password: string;
  roles: string[];
  clearance: string;
  personId?: string | null;
  /** null or absent: every organisation. */
  organizationIds?: string[] | null;
}

export interface UserUpdate {
  roles?: string[];
  clearance?: string;
  personId?: string | null;
  /** null: remove the limit; absent: unchanged. */
  organizationIds?: string[] | null;
  password?: string;
  disabled?: boolean;
}

const TOP_CLEARANCE = DEFAULT_CLASSIFICATION_LEVELS[DEFAULT_CLASSIFICATION_LEVELS.length - 1];

/** Accounts: create, change, disable, list; and the first admin on a first start. */
@Injectable()
export class UserAdminService {
  private readonly logger = new Logger('Auth');

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly organizations: OrganizationRepository,
    private readonly out: OutputMapper,
  ) {}

  /**
   * `actor`: the organisations of whoever makes the change. An account limited to some
   * organisations gives no account more than its own (and so creates no unlimited one).
   */
  async create(input: NewUser, now = new Date(), actor = OrganizationScope.ALL): Promise<User> {
    const problems = [
      ...(USERNAME_PATTERN.test(input.username ?? '')
        ? []
        : [
            'username: 2-64 characters, lower-case letters, digits and . _ @ -, starting with a letter or digit',
          ]),
      ...checkRoles(input.roles),
      ...checkClearance(input.clearance),
      ...checkPasswordPolicy(input.password ?? '', input.username).map((p) => `password: ${p}`),
      ...(input.roles?.includes('asset-owner') && !input.personId
        ? ['personId: an asset-owner acts for a Person; give its id']
        : []),
      ...(await this.checkOrganizations(input.organizationIds ?? null, actor)),
    ];
    if (problems.length)
      throw new DomainError('VALIDATION_FAILED', `Cannot create the user: ${problems.join('; ')}.`);
    if (await this.users.byUsername(input.username)) {
      throw new DomainError('CONFLICT', `A user named ${input.username} exists already.`);
    }
    const at = now.toISOString();
    const created = await this.users.create({
      id: randomUUID(),
      username: input.username,
      passwordHash: await hashPassword(input.password),
      roles: [...new Set(input.roles)] as Role[],
      clearance: input.clearance,
      personId: input.personId ?? null,
      organizationIds: input.organizationIds ? [...new Set(input.organizationIds)].sort() : null,
      disabled: false,
      createdAt: at,
      updatedAt: at,
    });
    return this.out.user(created);
  }

  async update(
    username: string,
    change: UserUpdate,
    now = new Date(),
    actor = OrganizationScope.ALL,
  ): Promise<User> {
    const user = await this.users.byUsername(username);
    if (!user || !withinScope(user, actor))
      throw new DomainError('NOT_FOUND', `No user is named ${username}.`);
    const problems = [
      ...(change.roles ? checkRoles(change.roles) : []),
      ...(change.clearance !== undefined ? checkClearance(change.clearance) : []),
      ...(change.password !== undefined
        ? checkPasswordPolicy(change.password, username).map((p) => `password: ${p}`)
        : []),
      ...(change.organizationIds !== undefined
        ? await this.checkOrganizations(change.organizationIds, actor)
        : []),
    ];
    const roles = change.roles ?? user.roles;
    const personId = change.personId !== undefined ? change.personId : user.personId;
    if (roles.includes('asset-owner') && !personId)
      problems.push('personId: an asset-owner acts for a Person');
    if (problems.length)
      throw new DomainError('VALIDATION_FAILED', `Cannot change ${username}: ${problems.join('; ')}.`);
    const losesAdmin =
      user.roles.includes('admin') &&
      !user.disabled &&
      (!roles.includes('admin') || change.disabled === true);
    if (
      losesAdmin &&
      !(await this.users.list()).some((u) => u.id !== user.id && !u.disabled && u.roles.includes('admin'))
    ) {
      throw new DomainError(
        'CONFLICT',
        `${username} is the last enabled admin: make another account admin first, or nobody could manage accounts.`,
      );
    }
    const set: UserChanges = {};
    if (change.roles) set.roles = [...new Set(change.roles)] as Role[];
    if (change.clearance !== undefined) set.clearance = change.clearance;
    if (change.personId !== undefined) set.personId = change.personId;
    if (change.disabled !== undefined) set.disabled = change.disabled;
    if (change.organizationIds !== undefined)
      set.organizationIds = change.organizationIds && [...new Set(change.organizationIds)].sort();
    if (change.password !== undefined) set.passwordHash = await hashPassword(change.password);
    const at = now.toISOString();
    const updated = await this.users.update(user.id, set, at);
    // A new password or a disabled account ends every session of it.
    if (set.passwordHash || set.disabled) await this.refreshTokens.revokeUser(user.id, at);
    return this.out.user(updated!);
  }

  disable(username: string, now = new Date(), actor = OrganizationScope.ALL): Promise<User> {
    return this.update(username, { disabled: true }, now, actor);
  }

  /** The accounts `actor` may administer: all, or those limited within its own organisations. */
  async list(actor = OrganizationScope.ALL): Promise<User[]> {
    return (await this.users.list()).filter((u) => withinScope(u, actor)).map((u) => this.out.user(u));
  }

  /** A limit names existing organisations, at least one, and never more than the actor's own. */
  private async checkOrganizations(ids: string[] | null, actor: OrganizationScope): Promise<string[]> {
    if (ids === null) {
      return actor.limited
        ? [
            'organizationIds: an account limited to some organisations cannot give another account every organisation',
          ]
        : [];
    }
    if (!ids.length) return ['organizationIds: at least one organisation (null: every organisation)'];
    const known = new Set((await this.organizations.list()).map((o) => o.id).filter((id) => actor.sees(id)));
    const unknown = ids.filter((id) => !known.has(id));
    return unknown.length
      ? [`organizationIds: no organisation has the id ${unknown.map((id) => `"${id}"`).join(', ')}`]
      : [];
  }

  /**
   * First start: with no account at all, creates `admin` with RAMPART_ADMIN_PASSWORD, or else a
   * generated password shown once in a banner (only its hash is kept). Returns what was done.
   */
  async bootstrap(): Promise<{ created: boolean; generatedPassword?: string }> {
    if ((await this.users.count()) > 0) return { created: false };
    const generated = this.config.adminPassword ? undefined : randomBytes(18).toString('base64url');
    const made = await this.create({
      username: 'admin',
      password: this.config.adminPassword ?? generated!,
      roles: ['admin'],
      clearance: TOP_CLEARANCE,
    }).catch((e: unknown) => {
      // Another instance created it first: fine, and its password is not ours to show.
      if (e instanceof DomainError && e.code === 'CONFLICT') return null;
      throw e;
    });
    if (!made) return { created: false };
    this.logger.log('Created the first account: admin (role admin).');
    return { created: true, generatedPassword: generated };
  }
}

/** An account a limited actor may see and administer: one limited within the actor's organisations. */
const withinScope = (u: User, actor: OrganizationScope) =>
  !actor.limited || (u.organizationIds !== null && u.organizationIds.every((id) => actor.sees(id)));

function checkRoles(roles: string[] | undefined): string[] {
  if (!roles?.length) return [`roles: at least one of ${ROLES.join(', ')}`];
  const bad = roles.filter((r) => !isRole(r));
  return bad.length ? [`roles: unknown ${bad.join(', ')}; the roles are ${ROLES.join(', ')}`] : [];
}

function checkClearance(clearance: string | undefined): string[] {
  return clearance && DEFAULT_CLASSIFICATION_LEVELS.includes(clearance)
    ? []
    : [`clearance: one of ${DEFAULT_CLASSIFICATION_LEVELS.join(', ')}`];
}
