import { BadUserInputError, ErrorCode, PortalError, type InputProblem } from '../../../core/errors.js';
import type { ProblemCode, ProblemParams } from '../../../core/problem-codes.js';

/** WCAG 2.2 AA for normal text (success criterion 1.4.3). */
export const REQUIRED_CONTRAST = 4.5;

/**
 * One thing wrong with a submitted tenant configuration. `field` is the TenantConfigInput field,
 * so a form can put the message next to the right input; contrast problems also carry their ratio
 * at the top level (the seed's contract), besides `params`.
 */
export interface ConfigProblem extends InputProblem {
  contrastRatio?: number;
  requiredMinimum?: number;
}

/** Why a field was refused: a stable code with its parameters, and the English text. */
export interface Refusal {
  code: ProblemCode;
  message: string;
  params: ProblemParams;
}

/** A field check: the normalised value, or why it was refused. */
export type Checked<T> = { ok: true; value: T } | ({ ok: false } & Refusal);

export const accept = <T>(value: T): Checked<T> => ({ ok: true, value });
export const refuse = (code: ProblemCode, message: string, params: ProblemParams = {}): Checked<never> => ({
  ok: false,
  code,
  message,
  params,
});

/** The problem for `field` from a refused check. */
export const problemOf = (field: string, refusal: Refusal): ConfigProblem => ({
  field,
  code: refusal.code,
  message: refusal.message,
  params: refusal.params,
});

/**
 * The single error a refused save answers with, listing every problem so an admin fixes them in
 * one go. When a colour pair is among them the code is CONTRAST_TOO_LOW (the seed's contract:
 * `contrastRatio` and `requiredMinimum` in the extensions), otherwise BAD_USER_INPUT.
 */
export function tenantConfigError(problems: readonly ConfigProblem[]): PortalError {
  const message =
    problems.length === 1
      ? problems[0]!.message
      : `The portal configuration was not saved; ${problems.length} problems: ${problems.map((p) => p.message).join(' ')}`;
  const contrast = problems.find((problem) => problem.contrastRatio !== undefined);
  if (contrast) {
    return new PortalError(ErrorCode.CONTRAST_TOO_LOW, message, {
      contrastRatio: contrast.contrastRatio,
      requiredMinimum: REQUIRED_CONTRAST,
      problems,
    });
  }
  return new BadUserInputError(message, [...problems]);
}
