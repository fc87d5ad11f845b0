import type { Language } from './i18n.svelte';

/**
 * Audit event types in words, for the admin panel's trail. Kept beside the admin texts but in one
 * table per language keyed by the gateway's type names (domain/audit/audit.types.ts), so
 * test/web-audit-labels.test.ts can fail when the gateway records a type without words here.
 * A type the table does not know yet is shown as its raw name (auditEventLabel).
 */
const nl: Record<string, string> = {
  'login.succeeded': 'Ingelogd',
  'login.failed': 'Inloggen mislukt',
  logout: 'Uitgelogd',
  'mfa.enrolled': 'Tweestapsverificatie aangezet',
  'mfa.disabled': 'Tweestapsverificatie uitgezet',
  'mfa.failed': 'Verificatiecode onjuist',
  'password.reset': 'Wachtwoord opnieuw ingesteld',
  'password.changed': 'Wachtwoord gewijzigd',
  'session.revoked': 'Sessie beëindigd',
  'account.invited': 'Uitgenodigd',
  'account.activated': 'Account geactiveerd',
  'account.status-changed': 'Accountstatus gewijzigd',
  'profile.updated': 'Gegevens gewijzigd',
  'email.change-requested': 'Nieuw e-mailadres aangevraagd',
  'email.changed': 'E-mailadres gewijzigd',
  'document.downloaded': 'Document gedownload',
  'request.submission-started': 'Verzoek indienen begonnen',
  'request.submitted': 'Verzoek ingediend',
  'request.replied': 'Reactie op verzoek',
  'export.requested': 'Gegevensexport aangevraagd',
  'export.ready': 'Gegevensexport klaar',
  'export.downloaded': 'Gegevensexport gedownload',
  'account.closure-requested': 'Sluiten van account aangevraagd',
  'account.closed': 'Account gesloten',
  'account.pseudonymised': 'Account gepseudonimiseerd',
  'apitoken.created': 'API-token aangemaakt',
  'apitoken.revoked': 'API-token ingetrokken',
  'staff.signed-in': 'Beheerder ingelogd',
  'tenant.config-saved': 'Portaalinstellingen opgeslagen',
  'audit.exported': 'Audittrail geëxporteerd',
  'delegation.granted': 'Toegang verleend',
  'delegation.activated': 'Verleende toegang in gebruik genomen',
  'delegation.revoked': 'Verleende toegang ingetrokken',
  'delegation.used': 'Verleende toegang gebruikt',
};

const en: Record<keyof typeof nl, string> = {
  'login.succeeded': 'Signed in',
  'login.failed': 'Sign-in failed',
  logout: 'Signed out',
  'mfa.enrolled': 'Two-step verification turned on',
  'mfa.disabled': 'Two-step verification turned off',
  'mfa.failed': 'Wrong verification code',
  'password.reset': 'Password reset',
  'password.changed': 'Password changed',
  'session.revoked': 'Session ended',
  'account.invited': 'Invited',
  'account.activated': 'Account activated',
  'account.status-changed': 'Account status changed',
  'profile.updated': 'Details changed',
  'email.change-requested': 'New email address requested',
  'email.changed': 'Email address changed',
  'document.downloaded': 'Document downloaded',
  'request.submission-started': 'Request submission started',
  'request.submitted': 'Request submitted',
  'request.replied': 'Reply to a request',
  'export.requested': 'Data export requested',
  'export.ready': 'Data export ready',
  'export.downloaded': 'Data export downloaded',
  'account.closure-requested': 'Account closure requested',
  'account.closed': 'Account closed',
  'account.pseudonymised': 'Account pseudonymised',
  'apitoken.created': 'API token created',
  'apitoken.revoked': 'API token revoked',
  'staff.signed-in': 'Staff member signed in',
  'tenant.config-saved': 'Portal settings saved',
  'audit.exported': 'Audit trail exported',
  'delegation.granted': 'Access granted',
  'delegation.activated': 'Granted access taken into use',
  'delegation.revoked': 'Granted access revoked',
  'delegation.used': 'Granted access used',
};

export const AUDIT_EVENT_LABELS: Record<Language, Record<string, string>> = { nl, en };

export function auditEventLabel(type: string, language: Language): string {
  return AUDIT_EVENT_LABELS[language][type] ?? type;
}
