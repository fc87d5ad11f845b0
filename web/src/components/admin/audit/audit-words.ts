import type { AdminAuditEvent } from '$lib/api/admin-audit';
import { auditEventLabel } from '$lib/i18n/audit-event-labels';
import { i18n, t } from '$lib/i18n/i18n.svelte';

/** An event type in the language on screen (the raw type where no label exists yet). */
export function eventTypeText(type: string): string {
  return auditEventLabel(type, i18n.language);
}

/**
 * Who acted, in words: a customer's email, a staff login, a partner token's name. The raw
 * reference (`account:…`, `token:…`) stays beside it for whoever needs to search by it, and is
 * what is shown when the account or token no longer exists.
 */
export function actorText(event: Pick<AdminAuditEvent, 'actor' | 'actorKind' | 'actorLabel'>): string {
  if (!event.actor) return '—';
  const name = event.actorLabel;
  if (!name) return event.actor;
  switch (event.actorKind) {
    case 'TOKEN':
      return t('admin.audit.actor.token', { name });
    case 'STAFF':
      return t('admin.audit.actor.staff', { name });
    default:
      return name;
  }
}
