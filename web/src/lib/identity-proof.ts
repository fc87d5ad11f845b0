import { tick } from 'svelte';
import type { ApiError } from './errors';

/**
 * What the API asks before the actions a stolen session could abuse (re-enrolling or switching off
 * two-step verification, changing the sign-in address, creating API tokens): a current code or a
 * recovery code, or the password.
 */
export interface IdentityProof {
  currentCode?: string;
  password?: string;
}

/** The codes that mean "that proof was wrong or missing", shown at the proof field, not as an alert. */
const PROOF_CODES = new Set(['INVALID_CREDENTIALS', 'INVALID_MFA_CODE']);

export function isProofError(error: ApiError | null): boolean {
  if (!error) return false;
  if (PROOF_CODES.has(error.code)) return true;
  return error.code === 'BAD_USER_INPUT' && error.problems.some((problem) => problem.code === 'REAUTHENTICATION_REQUIRED');
}

/** Only the proof that was filled in: the API checks a code when one is given, else the password. */
export function proofOf(byPassword: boolean, currentCode: string, password: string): IdentityProof | null {
  if (byPassword) return password ? { password } : null;
  const code = currentCode.replace(/\s+/g, '');
  return code ? { currentCode: code } : null;
}

/**
 * Moves focus to the proof field of an IdentityProofFields with this `id` once it is rendered, so a
 * missing or wrong proof is announced where it can be fixed.
 */
export async function focusProofField(id: string, byPassword: boolean): Promise<void> {
  await tick();
  document.getElementById(`${id}-${byPassword ? 'password' : 'code'}`)?.focus();
}
