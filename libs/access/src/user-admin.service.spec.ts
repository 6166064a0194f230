import { Logger } from '@nestjs/common';
import { verifyPassword } from '@rampart/auth';
import { AuthConfig } from '@rampart/config';
import { DomainError, OrganizationScope, StoredUser } from '@rampart/domain';
import { OrganizationRepository, RefreshTokenRepository, UserChanges, UserRepository } from '@rampart/graph';
import { OutputMapper } from '@rampart/output';
import { NewUser, UserAdminService } from './user-admin.service';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const PASSWORD = 'a long enough passphrase';

beforeAll(() => Logger.overrideLogger(false));

const account = (username: string, over: Partial<StoredUser> = {}): StoredUser => ({
  id: `id-${username}`,
  username,
  passwordHash: '',
  roles: ['analyst'],
  clearance: 'OFFICIAL',
  personId: null,
  organizationIds: null,
  disabled: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

/** An in-memory account store; `updates` and `revoked` record the writes. */
function setup(users: StoredUser[] = [], config: Partial<AuthConfig> = {}, count?: number) {
  const created: StoredUser[] = [];
  const updates: [string, UserChanges, string][] = [];
  const revoked: [string, string][] = [];
  const repo = {
    byUsername: async (name: string) => users.find((u) => u.username === name) ?? null,
    list: async () => users,
    count: async () => count ?? users.length,
    create: async (u: StoredUser) => {
      if (users.some((x) => x.username === u.username)) throw new DomainError('CONFLICT', 'exists');
      created.push(u);
      users.push(u);
      return u;
    },
    update: async (id: string, set: UserChanges, at: string) => {
      updates.push([id, set, at]);
      return { ...users.find((u) => u.id === id)!, ...set, updatedAt: at };
    },
  } as unknown as UserRepository;
  const tokens = {
    revokeUser: async (id: string, at: string) => (revoked.push([id, at]), 1),
  } as unknown as RefreshTokenRepository;
  const orgs = {
    list: async () => [
      { id: 'org-a', name: 'A' },
      { id: 'org-b', name: 'B' },
    ],
  } as unknown as OrganizationRepository;
  const service = new UserAdminService(config as AuthConfig, repo, tokens, orgs, new OutputMapper());
  return { service, created, updates, revoked };
}

const error = async (p: Promise<unknown>) => {
  const e = (await p.catch((x: unknown) => x)) as DomainError;
  expect(e).toBeInstanceOf(DomainError);
  return { code: e.code, message: e.message };
};

const onlyA = OrganizationScope.of(['org-a']);
const input = (over: Partial<NewUser> = {}): NewUser => ({
  username: 'carol',
  password: PASSWORD,
  roles: ['analyst'],
  clearance: 'SECRET',
  ...over,
});

describe('UserAdminService.create', () => {
  it('names every problem of the input at once', async () => {
    const { service, created } = setup();
    const e = await error(
      service.create({
        username: 'Carol!',
        password: 'short',
        roles: ['analyst', 'boss'],
        clearance: 'COSMIC',
      }),
    );
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toMatch(/^Cannot create the user: username: 2-64 characters/);
    expect(e.message).toContain(
      '; roles: unknown boss; the roles are rse, analyst, asset-owner, auditor, admin',
    );
    expect(e.message).toContain('; clearance: one of UNCLASSIFIED, OFFICIAL, SENSITIVE, SECRET, TOP_SECRET');
    expect(e.message).toContain('; password: password is shorter than 12 characters.');
    expect(created).toEqual([]);
  });

  it('wants a person for an asset owner and at least one role', async () => {
    const { service } = setup();
    expect((await error(service.create(input({ roles: ['asset-owner'] })))).message).toContain(
      'personId: an asset-owner acts for a Person',
    );
    expect((await error(service.create(input({ roles: [] })))).message).toContain('roles: at least one of');
  });

  it('refuses a username that exists with CONFLICT', async () => {
    const { service, created } = setup([account('carol')]);
    expect(await error(service.create(input()))).toEqual({
      code: 'CONFLICT',
      message: 'A user named carol exists already.',
    });
    expect(created).toEqual([]);
  });

  it('stores a hash of the password, roles once, organisations once and sorted', async () => {
    const { service, created } = setup();
    const user = await service.create(
      input({ roles: ['rse', 'analyst', 'rse'], organizationIds: ['org-b', 'org-a', 'org-b'] }),
      NOW,
    );
    expect(created).toHaveLength(1);
    const [s] = created;
    expect(s).toMatchObject({
      username: 'carol',
      roles: ['rse', 'analyst'],
      organizationIds: ['org-a', 'org-b'],
      personId: null,
      disabled: false,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    });
    expect(await verifyPassword(s.passwordHash, PASSWORD)).toBe(true);
    expect(user).toEqual({ ...s, passwordHash: undefined });
    expect('passwordHash' in user).toBe(false);
  });

  it('lets a limited actor give no more than its own organisations', async () => {
    const { service } = setup();
    const msg = async (organizationIds: string[] | null) =>
      (await error(service.create(input({ organizationIds }), NOW, onlyA))).message;
    expect(await msg(null)).toContain('cannot give another account every organisation');
    // org-b exists, but not for this actor: it is named as unknown.
    expect(await msg(['org-a', 'org-b', 'org-x'])).toContain('no organisation has the id "org-b", "org-x"');
    expect(await msg([])).toContain('organizationIds: at least one organisation');
    await expect(service.create(input({ organizationIds: ['org-a'] }), NOW, onlyA)).resolves.toMatchObject({
      organizationIds: ['org-a'],
    });
  });
});

describe('UserAdminService.update', () => {
  it('writes only the keys given, and ends the sessions of a new password', async () => {
    const { service, updates, revoked } = setup([account('dave', { organizationIds: ['org-a'] })]);
    await service.update('dave', { roles: ['auditor', 'auditor'], organizationIds: null }, NOW);
    expect(updates).toEqual([['id-dave', { roles: ['auditor'], organizationIds: null }, NOW.toISOString()]]);
    expect(revoked).toEqual([]);
    await service.update('dave', { password: PASSWORD }, NOW);
    expect(Object.keys(updates[1][1])).toEqual(['passwordHash']);
    expect(await verifyPassword(updates[1][1].passwordHash!, PASSWORD)).toBe(true);
    expect(revoked).toEqual([['id-dave', NOW.toISOString()]]);
  });

  it('ends the sessions of a disabled account (disable)', async () => {
    const { service, updates, revoked } = setup([account('dave')]);
    const out = await service.disable('dave', NOW);
    expect(out.disabled).toBe(true);
    expect(updates).toEqual([['id-dave', { disabled: true }, NOW.toISOString()]]);
    expect(revoked).toEqual([['id-dave', NOW.toISOString()]]);
  });

  it('hides accounts outside a limited actor as unknown', async () => {
    const { service } = setup([account('erin', { organizationIds: ['org-a', 'org-b'] }), account('frank')]);
    for (const name of ['erin', 'frank', 'nobody']) {
      expect(await error(service.update(name, { clearance: 'SECRET' }, NOW, onlyA))).toEqual({
        code: 'NOT_FOUND',
        message: `No user is named ${name}.`,
      });
    }
  });

  it('checks the asset owner against the person it keeps or is given', async () => {
    const { service, updates } = setup([account('gina', { personId: 'p-1' })]);
    await service.update('gina', { roles: ['asset-owner'] }, NOW);
    expect(updates).toHaveLength(1);
    const e = await error(service.update('gina', { roles: ['asset-owner'], personId: null }, NOW));
    expect(e).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Cannot change gina: personId: an asset-owner acts for a Person.',
    });
  });

  it('keeps one enabled admin: the last cannot lose the role or be disabled', async () => {
    const users = [
      account('root', { roles: ['admin'] }),
      account('old', { roles: ['admin'], disabled: true }),
    ];
    const { service, updates } = setup(users);
    for (const change of [{ roles: ['analyst'] }, { disabled: true }]) {
      const e = await error(service.update('root', change, NOW));
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toMatch(/^root is the last enabled admin/);
    }
    users.push(account('second', { roles: ['admin', 'rse'] }));
    await service.update('root', { roles: ['analyst'] }, NOW);
    expect(updates.map(([id, set]) => [id, set])).toEqual([['id-root', { roles: ['analyst'] }]]);
  });
});

describe('UserAdminService.list and bootstrap', () => {
  it('lists for a limited actor only the accounts limited within its organisations', async () => {
    const { service } = setup([
      account('a1', { organizationIds: ['org-a'] }),
      account('ab', { organizationIds: ['org-a', 'org-b'] }),
      account('all'),
    ]);
    expect((await service.list(onlyA)).map((u) => u.username)).toEqual(['a1']);
    expect((await service.list()).map((u) => u.username)).toEqual(['a1', 'ab', 'all']);
  });

  it('does nothing when an account exists', async () => {
    const { service, created } = setup([account('someone')]);
    expect(await service.bootstrap()).toEqual({ created: false });
    expect(created).toEqual([]);
  });

  it('creates admin with the configured password, cleared for everything', async () => {
    const { service, created } = setup([], { adminPassword: PASSWORD });
    expect(await service.bootstrap()).toEqual({ created: true, generatedPassword: undefined });
    expect(created[0]).toMatchObject({ username: 'admin', roles: ['admin'], clearance: 'TOP_SECRET' });
    expect(await verifyPassword(created[0].passwordHash, PASSWORD)).toBe(true);
  });

  it('generates a password to show once when none is configured', async () => {
    const { service, created } = setup();
    const { created: done, generatedPassword } = await service.bootstrap();
    expect(done).toBe(true);
    expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await verifyPassword(created[0].passwordHash, generatedPassword!)).toBe(true);
  });

  it('takes a CONFLICT (another instance created admin first) as not created here', async () => {
    // The count said none, but admin exists by the time it is created: no banner, no password.
    const { service, created } = setup([account('admin')], {}, 0);
    await expect(service.bootstrap()).resolves.toEqual({ created: false });
    expect(created).toEqual([]);
    // Any other refusal stops the start (a configured password the policy rejects).
    const weak = setup([], { adminPassword: 'admin' });
    expect((await error(weak.service.bootstrap())).code).toBe('VALIDATION_FAILED');
  });
});
