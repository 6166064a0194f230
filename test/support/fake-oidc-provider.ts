import { generateKeyPairSync } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';

export type FakeIdentity = { sub: string; preferred_username: string; roles: string[]; clearance: string };

export interface FakeOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the provider's login page signs in next (answered at once, no form). */
  identities: Map<string, FakeIdentity>;
  loginAs(sub: string): void;
  close(): Promise<void>;
}

/**
 * An OpenID Connect provider (oidc-provider) on loopback for tests: one confidential client with
 * the given redirect URIs, PKCE S256, the profile claims in the ID token, login and consent
 * answered at once for the identity chosen with loginAs. (test/integration/oidc.int-spec.ts has
 * its own, with forged tokens besides.)
 */
export async function startFakeOidcProvider(redirectUris: string[]): Promise<FakeOidcProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const identities = new Map<string, FakeIdentity>();
  let next = '';
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'rampart-test';
  const clientSecret = 'test-only oidc client secret 0123';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    pkce: { required: () => true, methods: ['S256'] },
    conformIdTokenClaims: false,
    claims: { openid: ['sub'], profile: ['preferred_username', 'roles', 'clearance'] },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ ...identities.get(sub)!, sub }),
    }),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-only cookie key'] },
  });
  const interact = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const { prompt, params, session } = await provider.interactionDetails(req, res);
    if (prompt.name === 'login') {
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: next } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new provider.Grant({ accountId: session!.accountId, clientId: String(params.client_id) });
    grant.addOIDCScope(String(params.scope));
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  };
  const handle = provider.callback();
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      interact(req, res).catch((e: Error) => res.writeHead(500).end(e.message));
      return;
    }
    void handle(req, res);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    identities,
    loginAs: (sub) => void (next = sub),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
