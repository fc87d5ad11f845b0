import { randomInt } from 'node:crypto';
import type { TestGateway } from './gateway.js';

const STAFF_SIGN_IN = `mutation ($input: StaffSignInInput!) { staffSignIn(input: $input) { token roles expiresAt } }`;

export const DEMO_STAFF = {
  admin: { loginName: 'admin', appPassword: 'demo-admin-app-password' },
  dpo: { loginName: 'dpo', appPassword: 'demo-dpo-app-password' },
  outsider: { loginName: 'outsider', appPassword: 'demo-outsider-app-password' },
} as const;

/** Signs a demo staff member in through the real mutation; returns headers for later calls. */
export async function signInStaff(
  gateway: TestGateway,
  who: keyof typeof DEMO_STAFF,
  tenantId = 'demo',
): Promise<{ token: string; headers: Record<string, string> }> {
  // Each sign-in from its own made-up client address, so test files stay under the per-address limit.
  const clientIp = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const { body } = await gateway.graphql(
    STAFF_SIGN_IN,
    { input: { tenantId, ...DEMO_STAFF[who] } },
    { 'x-portal-tenant': tenantId, 'x-forwarded-for': clientIp },
  );
  const token = (body.data?.staffSignIn as { token?: string } | undefined)?.token;
  if (!token) throw new Error(`staff sign-in of ${who} failed: ${JSON.stringify(body.errors)}`);
  return { token, headers: { authorization: `Bearer ${token}`, 'x-portal-tenant': tenantId } };
}

export { STAFF_SIGN_IN };
