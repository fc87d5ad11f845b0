import { randomUUID } from 'node:crypto';
import { emptyMfa, type AccountType } from '../../domain/accounts/account.types.js';
import type { GraphQLBody, TestGateway } from '../../test/gateway.js';

/** Test helpers for the profile over real HTTP (not used by product code). */

export const DEMO_PASSWORD = 'Portaal-Demo-2026!';

export const PROFILE_QUERY = `{ profile { id email pendingEmail pendingEmailExpiresAt type locale mfaEnabled createdAt lastSignInAt
  displayName phone address jobTitle organisation { id name email phone address website } } }`;
export const UPDATE_PROFILE = `mutation ($input: ProfileInput!) { updateProfile(input: $input) {
  email pendingEmail locale displayName phone address jobTitle organisation { name } } }`;
export const CONFIRM_EMAIL = `mutation ($token: String!) { confirmEmailChange(token: $token) }`;

let clientNumber = 0;
/** A made-up client address per sign-in: the gateway limits sign-ins per IP (20 a minute). */
const nextClientIp = () => `10.77.${Math.floor(++clientNumber / 250) % 250}.${(clientNumber % 250) + 1}`;

export interface Post {
  status: number;
  body: GraphQLBody;
}

export async function post(
  gateway: TestGateway,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Post> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

export const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;

/** Signs in through the real mutation; returns the cookie header, or the error code when refused. */
export async function signIn(
  gateway: TestGateway,
  email: string,
  password = DEMO_PASSWORD,
): Promise<{ cookie: string } | { code: unknown }> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo', 'x-forwarded-for': nextClientIp() },
    body: JSON.stringify({
      query: 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }',
      variables: { input: { email, password } },
    }),
  });
  const body = (await response.json()) as GraphQLBody;
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('portal_session=ps_'))
    ?.split(';')[0];
  return cookie ? { cookie } : { code: codeOf(body) };
}

export async function sessionOf(gateway: TestGateway, email: string, password = DEMO_PASSWORD): Promise<Record<string, string>> {
  const result = await signIn(gateway, email, password);
  if (!('cookie' in result)) throw new Error(`sign-in of ${email} failed: ${String(result.code)}`);
  return { cookie: result.cookie };
}

/** A fresh ACTIVE account in tenant `demo` with DEMO_PASSWORD, so tests do not share state. */
export async function createAccount(
  gateway: TestGateway,
  link: { type: AccountType; clientId: string; contactId: string | null },
): Promise<string> {
  const email = `profile.${randomUUID().slice(0, 8)}@example.nl`;
  const now = new Date();
  await gateway.services.accounts.repository.create({
    id: randomUUID(),
    tenantId: 'demo',
    email,
    ...link,
    status: 'ACTIVE',
    locale: 'nl',
    passwordHash: await gateway.services.passwordHasher.hash(DEMO_PASSWORD),
    passwordChangedAt: now,
    mfa: emptyMfa(),
    failuresResetAt: null,
    invitedBy: 'test',
    createdAt: now,
    activatedAt: now,
    lastSignInAt: null,
  });
  return email;
}

/** The stored properties of a simulator object, by uuid. */
export function simulatorRecord(gateway: TestGateway, uuid: string): Record<string, unknown> {
  const found = gateway.simulator.instance('demo').data.objects.find((o) => o.uuid === uuid);
  if (!found) throw new Error(`no simulator object ${uuid}`);
  return found.data;
}
