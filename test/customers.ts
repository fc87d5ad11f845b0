import { randomInt } from 'node:crypto';
import type { TestGateway } from './gateway.js';

export const DEMO_CUSTOMERS = {
  jan: { email: 'jan.jansen@example.nl', tenant: 'demo' },
  bakkerij: { email: 'inkoop@bakkerij-bakker.example', tenant: 'demo' },
  piet: { email: 'piet@example.org', tenant: 'other' },
} as const;
export const DEMO_CUSTOMER_PASSWORD = 'Portaal-Demo-2026!';

/**
 * Signs a demo customer in through the real mutation and returns the headers that carry the
 * session. Each call comes from its own made-up client address (the gateway trusts
 * X-Forwarded-For from loopback), so test files do not trip the per-IP sign-in limit.
 */
export async function signInCustomer(
  gateway: TestGateway,
  who: keyof typeof DEMO_CUSTOMERS,
): Promise<{ headers: Record<string, string>; tenant: string }> {
  const { email, tenant } = DEMO_CUSTOMERS[who];
  const clientIp = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-tenant': tenant, 'x-forwarded-for': clientIp },
    body: JSON.stringify({
      query: 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }',
      variables: { input: { email, password: DEMO_CUSTOMER_PASSWORD } },
    }),
  });
  const body = (await response.json()) as { data?: { signIn?: { status: string } }; errors?: unknown };
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('portal_session=ps_'))
    ?.split(';')[0];
  if (body.data?.signIn?.status !== 'SIGNED_IN' || !cookie)
    throw new Error(`sign-in of ${email} failed: ${JSON.stringify(body)}`);
  return { headers: { cookie, 'x-portal-tenant': tenant }, tenant };
}
