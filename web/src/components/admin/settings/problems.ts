import { ApiError } from '$lib/errors';
import { problemText } from '$lib/i18n/problems';

/**
 * The gateway words configuration problems in English; each carries a stable code with its
 * parameters, so the form shows the admin dictionary's words (`problem.<CODE>`, numbers in the
 * reader's locale) at the field and in the summary alike.
 */
export function inAdminLanguage(error: ApiError): ApiError {
  if (!error.problems.length) return error;
  const problems = error.problems.map((problem) => ({ ...problem, message: problemText(problem) }));
  return new ApiError(error.code, error.message, { ...error.extras, problems });
}
