import { mergeSnippets } from '../domain/tenants/connection/mapping-reads.js';
import type { ConnectionReport } from '../domain/tenants/connection/report.js';

/**
 * `portal tenant check` as an operator reads it: what was found, then every problem with its fix,
 * then one field-mapping file that applies all mapping fixes at once (the tenant's current
 * overrides included, since `--field-mapping` replaces the stored overrides), then the verdict.
 */
export function formatConnectionReport(report: ConnectionReport, currentOverrides: Record<string, unknown> | null): string {
  const lines: string[] = [];
  const push = (text = '') => lines.push(text);
  push(`Tenant "${report.tenantId}": Nextcloud ${report.nextcloudUrl}, checked ${report.checkedAt}`);
  const who =
    report.credentials.displayName && report.credentials.displayName !== report.credentials.userId
      ? `${report.credentials.userId} (${report.credentials.displayName})`
      : report.credentials.userId;
  push(`  Credentials  ${report.credentials.ok ? `ok, signed in as ${who}` : `NOT OK for ${report.credentials.loginName}`}`);
  push(`  Register     ${report.register.name}${report.register.id !== null ? ` (id ${report.register.id})` : ''}`);
  push('  Schemas');
  const width = Math.max(...report.resources.map((r) => r.resource.length), 8);
  for (const r of report.resources) {
    const detail =
      r.status === 'found'
        ? `found via ${r.via} (id ${r.schemaId}${r.schemaSlug ? `, slug ${r.schemaSlug}` : ''})`
        : `${r.status}${r.status === 'not configured' ? ' (optional, fine)' : ''}${r.reason ? `: ${r.reason}` : ''}`;
    push(`    ${r.resource.padEnd(width)}  ${detail}`);
  }
  if (report.records.length) {
    push(`  Records (owner query for ${report.records[0]!.sampledClients} sampled clients)`);
    for (const r of report.records) {
      if (!r.enabled) {
        push(`    ${r.kind.padEnd(8)}  ${r.feature} is switched off: not checked`);
        continue;
      }
      if (r.total === null) {
        push(`    ${r.kind.padEnd(8)}  not checked`);
        continue;
      }
      const owned = r.ownedBySomeone === null ? '' : `, ${r.ownedBySomeone} of ${r.sampled} sampled owned by a client or contact`;
      const forClients = r.foundForSampledClients === null ? '' : `, ${r.foundForSampledClients} for the sampled clients`;
      const ignored = r.ignoredFilters.length ? `, IGNORED filters: ${r.ignoredFilters.join(', ')}` : '';
      push(`    ${r.kind.padEnd(8)}  ${r.total} in ${r.resource}${forClients}${owned}${ignored}`);
    }
  }
  if (report.documents) push(`  Documents    ${report.documents.ok === false ? 'NOT OK: ' : ''}${report.documents.detail}`);

  if (report.problems.length) {
    push();
    push('Problems');
    for (const p of report.problems) {
      push(`  ${p.severity === 'error' ? 'ERROR' : 'WARN '} ${p.kind ? `${p.kind}: ` : ''}${p.message}`);
      if (p.fix) {
        push(`        Fix: ${p.fix.command}`);
        if (p.fix.fieldMapping) push(`             with ${JSON.stringify(p.fix.fieldMapping)}`);
      }
    }
  }

  const snippets = report.problems.flatMap((p) => (p.fix?.fieldMapping ? [p.fix.fieldMapping] : []));
  if (snippets.length) {
    const file = snippets.reduce((merged, snippet) => mergeSnippets(merged, snippet), { ...(currentOverrides ?? {}) });
    push();
    push('All field-mapping fixes in one file (your current overrides included); save it as FILE and run');
    push(`  portal tenant update --id ${report.tenantId} --field-mapping FILE`);
    push(JSON.stringify(file, null, 2));
  }
  push();
  push(report.verdict);
  return `${lines.join('\n')}\n`;
}
