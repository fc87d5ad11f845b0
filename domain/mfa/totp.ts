import { generate, generateSecret, generateURI, verify } from 'otplib';

/**
 * RFC 6238 TOTP as authenticator apps do it: HMAC-SHA1, 6 digits, 30-second steps. A code from
 * the previous or next step is accepted too (clock drift, typing time).
 */
export const TOTP_PERIOD_SECONDS = 30;
const DRIFT_SECONDS = TOTP_PERIOD_SECONDS;

/** 160 random bits, base32: what the authenticator app stores. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, issuer: string, accountName: string): string {
  return generateURI({ issuer, label: accountName, secret, algorithm: 'sha1', digits: 6, period: TOTP_PERIOD_SECONDS });
}

/** Digits only, spaces allowed ("123 456" as many apps show it); anything else is not a code. */
export function normaliseTotpCode(code: string | null | undefined): string | null {
  const digits = (code ?? '').replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The time step the code belongs to, or null when it is not valid at `now`. Steps at or before
 * `afterStep` are refused: a code that was already accepted cannot be replayed.
 */
export async function verifyTotp(secret: string, code: string, now: Date, afterStep?: number | null): Promise<number | null> {
  const token = normaliseTotpCode(code);
  if (!token) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({
    secret,
    token,
    epoch,
    epochTolerance: DRIFT_SECONDS,
    afterTimeStep: afterStep ?? undefined,
  });
  if (!result.valid) return null;
  // A TOTP verification always names its step; the functional API's type also covers HOTP's.
  return (result as { timeStep: number }).timeStep;
}

/** The current code; tests and the benchmark act as the authenticator app with it. */
export function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
}
