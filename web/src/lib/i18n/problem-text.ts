/**
 * A field problem from the API in the reader's words: the dictionary's `problem.<CODE>` text with
 * the problem's params filled in. Numbers are formatted in the reader's locale (a contrast ratio
 * 2.14 reads "2,14" in Dutch) and calendar dates (YYYY-MM-DD) as dates. A code this app does not
 * know yet gets a general sentence in the reader's language, never the server's English.
 *
 * Pure (no Svelte state), so a test can render every code in every language.
 */
export interface ProblemLike {
  code?: string;
  params?: Record<string, string | number>;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function formatParam(value: string | number, localeTag: string): string {
  if (typeof value === 'number') return new Intl.NumberFormat(localeTag, { maximumFractionDigits: 2 }).format(value);
  if (ISO_DAY.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()))
      return new Intl.DateTimeFormat(localeTag, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  }
  return value;
}

export function renderProblem(dictionary: Readonly<Record<string, string>>, localeTag: string, problem: ProblemLike): string {
  const text = (problem.code && dictionary[`problem.${problem.code}`]) || dictionary['problem.unknown'] || '';
  const params = problem.params ?? {};
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    params[name] === undefined || params[name] === null ? match : formatParam(params[name], localeTag),
  );
}
