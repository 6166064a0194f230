import { INestApplication } from '@nestjs/common';
import { GraphContext } from '@rampart/graph';
import request from 'supertest';
import { UserAdminService } from '@rampart/access';
import { startDemoApp } from '../support/test-app';
import { testConfig } from '../support/test-graph';

const PASSWORD = 'correct horse battery staple';
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

// Sign-in on the real database (issue 8, first step): accounts outside the organisation graph,
// argon2id passwords, JWT access tokens, refresh tokens rotated with reuse detection.
describe('auth: sign-in, tokens and accounts', () => {
  let app: INestApplication;
  let graph: GraphContext;
  let users: UserAdminService;
  const http = () => request(app.getHttpServer());
  const login = (username: string, password: string) =>
    http().post('/api/auth/login').send({ username, password });
  const me = (token: string) => http().get('/api/auth/me').set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    ({ app, graph } = await startDemoApp({
      ...testConfig(),
      auth: { ...testConfig().auth, adminPassword: undefined },
    }));
    users = app.get(UserAdminService);
    await graph.users.deleteAll(); // other suites share the database
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('first start creates admin with a generated password shown once; later starts do nothing', async () => {
    const first = await users.bootstrap();
    expect(first.created).toBe(true);
    expect(first.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await users.bootstrap()).toEqual({ created: false });
    const res = await login('admin', first.generatedPassword!);
    expect(res.status).toBe(200);
    expect((await me(res.body.accessToken)).body).toEqual({
      username: 'admin',
      roles: ['admin'],
      clearance: 'TOP_SECRET',
      personId: null,
    });
    // Only the argon2id hash is stored.
    const stored = await graph.users.byUsername('admin');
    expect(stored!.passwordHash).toMatch(/^\$argon2id\$v=19\$/);
    expect(stored!.passwordHash).toMatch(/[$,]m=19456[,$]/);
    expect(JSON.stringify(stored)).not.toContain(first.generatedPassword!);
  });

  it('signs in, answers /me, and refuses wrong passwords and unknown users alike', async () => {
    await users.create({ username: 'ana', password: PASSWORD, roles: ['analyst'], clearance: 'OFFICIAL' });
    const ok = await login('ana', PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      refreshToken: expect.stringMatching(/^rr_[\w-]{43}$/),
      expiresIn: 900,
      tokenType: 'Bearer',
    });
    expect((await me(ok.body.accessToken)).body).toMatchObject({ username: 'ana', roles: ['analyst'] });
    for (const [u, p] of [
      ['ana', 'wrong password here'],
      ['nobody', PASSWORD],
    ]) {
      const bad = await login(u, p);
      expect([bad.status, bad.body.error.message]).toEqual([401, 'Wrong username or password.']);
    }
    const empty = await http().post('/api/auth/login').send({});
    expect(empty.status).toBe(400);
  });

  it('refuses missing, tampered, unsigned and wrongly signed access tokens', async () => {
    const { accessToken } = (await login('ana', PASSWORD)).body;
    const [h, p, s] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const cases: [string | null, RegExp][] = [
      [null, /Sign in first/],
      [`${h}.${b64({ ...claims, roles: ['admin'] })}.${s}`, /not valid/],
      [`${h}.${p}.${s.slice(0, -4)}AAAA`, /not valid/],
      [`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, roles: ['admin'] })}.`, /not valid/],
      ['garbage', /not valid/],
    ];
    for (const [token, message] of cases) {
      const res = token === null ? await http().get('/api/auth/me') : await me(token);
      expect([res.status, res.body.error.message]).toEqual([401, expect.stringMatching(message)]);
    }
  });

  it('rotates refresh tokens; a spent one presented again signs out its whole family', async () => {
    const first = (await login('ana', PASSWORD)).body;
    const second = await http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect((await me(second.body.accessToken)).status).toBe(200);
    // The first token again: someone copied it. Its family, the second token included, is revoked.
    const replay = await http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
    expect([replay.status, replay.body.error.message]).toEqual([401, expect.stringMatching(/already used/)]);
    const after = await http().post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(after.status).toBe(401);
    // Another sign-in (another family) is untouched.
    const other = (await login('ana', PASSWORD)).body;
    expect((await http().post('/api/auth/refresh').send({ refreshToken: other.refreshToken })).status).toBe(
      200,
    );
  });

  it('logout ends the session; a new password or disabling the account ends every session', async () => {
    const a = (await login('ana', PASSWORD)).body;
    expect((await http().post('/api/auth/logout').send({ refreshToken: a.refreshToken })).status).toBe(204);
    expect((await http().post('/api/auth/refresh').send({ refreshToken: a.refreshToken })).status).toBe(401);

    const b = (await login('ana', PASSWORD)).body;
    await users.update('ana', { password: 'another long passphrase' });
    expect((await http().post('/api/auth/refresh').send({ refreshToken: b.refreshToken })).status).toBe(401);
    expect((await login('ana', PASSWORD)).status).toBe(401);

    const c = (await login('ana', 'another long passphrase')).body;
    await users.disable('ana');
    expect((await http().post('/api/auth/refresh').send({ refreshToken: c.refreshToken })).status).toBe(401);
    expect((await login('ana', 'another long passphrase')).status).toBe(401);
  });

  it('checks new accounts: password policy, roles, clearance, asset-owner person, duplicates', async () => {
    await expect(
      users.create({ username: 'bo', password: 'short', roles: ['pilot'], clearance: 'COSMIC' }),
    ).rejects.toThrow(
      /Cannot create the user: roles: unknown pilot.*clearance: one of UNCLASSIFIED.*password: .*12/,
    );
    await expect(
      users.create({ username: 'owner1', password: PASSWORD, roles: ['asset-owner'], clearance: 'OFFICIAL' }),
    ).rejects.toThrow(/personId: an asset-owner acts for a Person/);
    await expect(
      users.create({ username: 'admin', password: PASSWORD, roles: ['auditor'], clearance: 'OFFICIAL' }),
    ).rejects.toThrow('A user named admin exists already.');
  });

  it('keeps accounts out of the organisation graph: entity search, export and analytics never see them', async () => {
    await users.create({ username: 'ed', password: PASSWORD, roles: ['analyst'], clearance: 'OFFICIAL' });
    const { accessToken: token } = (await login('ed', PASSWORD)).body;
    const exported = await http().get('/api/export?format=json').set('Authorization', `Bearer ${token}`);
    const text = JSON.stringify(exported.body);
    expect(exported.status).toBe(200);
    expect(text).toContain('Acme Water');
    expect(text).not.toMatch(/argon2|username|passwordHash|RefreshToken|rr_/);
    const found = await http()
      .post('/graphql')
      .set('Authorization', `Bearer ${token}`)
      .send({ query: '{ assets(filter: { search: "admin" }) { totalCount } }' });
    expect(found.body.data.assets.totalCount).toBe(0);
    expect((await users.list()).map((u) => u.username)).toEqual(['admin', 'ana', 'ed']);
    expect(JSON.stringify(await users.list())).not.toContain('argon2');
  });
});
