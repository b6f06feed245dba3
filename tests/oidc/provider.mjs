// A real OpenID Connect provider on loopback, for the browser test of "Ingresar con ClaveÚnica".
//
// Usage: node tests/oidc/provider.mjs
// Configured by environment:
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET   the one client
//   OIDC_REDIRECT_URIS                   comma-separated callback URLs of the Django live server
//   OIDC_EMAIL, OIDC_NAME                the claims of every account (email_verified is true)
//   OIDC_PORT                            0 (default) picks a free port
// Prints one JSON line {"issuer": "http://127.0.0.1:<port>"} on stdout once it is listening.
// Logins and consent use oidc-provider's development interactions (any login name, any password).

import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

const env = (name, fallback) => process.env[name] ?? fallback;

const clientId = env('OIDC_CLIENT_ID', 'abierto');
const clientSecret = env('OIDC_CLIENT_SECRET', 'secreto-de-prueba');
const redirectUris = env('OIDC_REDIRECT_URIS', '').split(',').map((s) => s.trim()).filter(Boolean);
const email = env('OIDC_EMAIL', 'persona@example.org');
const fullName = env('OIDC_NAME', 'Persona de Prueba');
const port = Number(env('OIDC_PORT', '0'));

if (redirectUris.length === 0) {
  console.error('OIDC_REDIRECT_URIS is required');
  process.exit(2);
}

const server = http.createServer();
server.listen(port, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const [givenName, ...rest] = fullName.split(' ');
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name'],
    },
    async findAccount(ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email,
            email_verified: true,
            name: fullName,
            given_name: givenName,
            family_name: rest.join(' '),
          };
        },
      };
    },
    features: { devInteractions: { enabled: true } },
    // PKCE is accepted (allauth sends S256) but not demanded of this confidential client.
    pkce: { required: () => false },
    cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  });
  provider.on('server_error', (ctx, error) => console.error('server_error', error));
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
