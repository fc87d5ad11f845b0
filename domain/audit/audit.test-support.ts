import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { deriveKey } from '../../core/crypto.js';
import { initModels } from '../../store/connection.js';
import type { CustomerPrincipal, StaffPrincipal } from '../principal.js';
import { auditEventModel } from './audit.model.js';
import { AuditService, type AuditServiceOptions } from './audit.service.js';

/** Test factories: every test builds its own tenant, so tests never see each other's events. */
export const testClientHashKey = deriveKey('audit-tests-secret-0123456789', 'audit-client-hash');

export async function createTestAuditService(
  connection: Connection,
  options: Partial<AuditServiceOptions> = {},
): Promise<AuditService> {
  auditEventModel(connection);
  await initModels(connection);
  return new AuditService({ connection, clientHashKey: testClientHashKey, ...options });
}

export const newTenantId = (label = 't') => `${label}-${randomBytes(4).toString('hex')}`;

export function customerOf(tenantId: string, accountId = 'acc-1'): CustomerPrincipal {
  return {
    kind: 'customer',
    tenantId,
    accountId,
    accountType: 'B2C',
    sessionId: 's-1',
    enrolmentOnly: false,
    clientId: `client-${accountId}`,
    contactId: null,
  };
}

export function staffOf(tenantId: string, loginName = 'dpo'): StaffPrincipal {
  return { kind: 'staff', tenantId, loginName, roles: ['DPO'], sessionId: 'staff-s-1' };
}

/** A clock that moves one minute per reading, so time filters have distinct times to select. */
export function steppingClock(start = new Date('2026-01-01T00:00:00.000Z'), stepMs = 60_000): () => Date {
  let next = start.getTime();
  return () => {
    const now = new Date(next);
    next += stepMs;
    return now;
  };
}
