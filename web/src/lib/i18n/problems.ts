import { i18n } from './i18n.svelte';
import { renderProblem, type ProblemLike } from './problem-text';

/** A field problem from the API in the current language (reading `i18n.language` keeps callers reactive). */
export function problemText(problem: ProblemLike): string {
  const language = i18n.language;
  return renderProblem(i18n.texts[language] as Record<string, string>, language === 'nl' ? 'nl-NL' : 'en-GB', problem);
}
