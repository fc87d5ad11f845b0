import { KEPT_BY_ADMINISTRATION } from './kept-records.js';
import type { CleanupAccountResult } from './retention.service.js';

/**
 * The detail lines under one account in a printed cleanup report (`portal cleanup`): what the
 * portal's own text came to, and which records keep documents. Ids and counts only.
 */
export function cleanupDetailLines(result: CleanupAccountResult, indent = '    '): string[] {
  const lines: string[] = [];
  const text = result.portalText;
  if (text) {
    const verb = result.outcome === 'WOULD_PSEUDONYMISE' ? 'would be pseudonymised' : 'pseudonymised';
    lines.push(`${indent}text the portal wrote: ${text.requests} request(s), ${text.notes} reply note(s) ${verb}`);
  }
  for (const kept of result.keptByAdministration ?? []) {
    lines.push(`${indent}${kept.kind} ${kept.id}: ${kept.files} document(s) ${KEPT_BY_ADMINISTRATION}`);
  }
  return lines;
}
