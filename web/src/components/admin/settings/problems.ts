import { ApiError } from '$lib/errors';
import { hasMessage, t } from '$lib/i18n/i18n.svelte';

/**
 * The gateway words configuration problems in English. Where the admin dictionary has its own
 * words for a field's problem (`admin.settings.problem.<field>`), the form shows those instead,
 * at the field and in the summary alike; other problems keep the gateway's text.
 */
export function inAdminLanguage(error: ApiError): ApiError {
  if (!error.problems.length) return error;
  const problems = error.problems.map((problem) => {
    const key = `admin.settings.problem.${problem.field}`;
    return hasMessage(key) ? { ...problem, message: t(key) } : problem;
  });
  return new ApiError(error.code, error.message, { ...error.extras, problems });
}
