import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { createMetrics } from '../../core/metrics.js';
import { emptyMfa } from '../../domain/accounts/account.types.js';
import { API_TOKEN_SCOPES } from '../../domain/api-tokens/api-token.scopes.js';
import type { AuditService } from '../../domain/audit/index.js';
import { createServices, type AppServices } from '../../domain/composition/create-services.js';
import type { CustomerPrincipal, PartnerPrincipal, Principal } from '../../domain/principal.js';
import type { Services } from '../../domain/services.js';
import type { PortalSettings } from '../../domain/tenants/portal-settings.js';
import type { Tenant } from '../../domain/tenants/tenant-directory.js';
import { downloadsRouter } from '../../gateway/downloads.js';
import { httpErrorHandler } from '../../gateway/http-errors.js';
import { DEMO, startSimulator, type Simulator } from '../../nextcloud/simulator/index.js';
import { useTestDatabase } from '../../test/db.js';
import { RequestScope, type RequestScopeInput } from '../../domain/scope/request-scope.js';
import type { RequestContext } from '../context.js';
import { buildApiSchema } from '../schema.js';

/**
 * Runs GraphQL operations through the real executable schema (shield rules included) with a
 * context built here, against a private simulator and database. The services come from the
 * composition root the server uses (createServices), with the harness's clock and upstream
 * timeout. Each harness registers its own tenants (random ids) pointing at the simulator's `demo`
 * and `other` instances, so test files never share data. Principals are made from the simulator's
 * DEMO ids, as the authentication service would make them; Jan, Bakkerij and Piet have ACTIVE
 * accounts behind them, and partner principals a live token, as the download route checks both.
 */
export interface DataHarness {
  simulator: Simulator;
  services: Services;
  audit: AuditService;
  schema: GraphQLSchema;
  /** The harness's tenant for the simulator instance `demo` or `other`. */
  tenant(instance: 'demo' | 'other', portal?: Partial<PortalSettings>): Tenant;
  run(
    principal: Principal,
    query: string,
    variables?: Record<string, unknown>,
    options?: { tenant?: Tenant },
  ): Promise<ExecutionResult & { data?: Record<string, Loose> | null }>;
  customer(who: 'jan' | 'bakkerij' | 'piet', extra?: Partial<CustomerPrincipal>): CustomerPrincipal;
  /**
   * Like customer() with an account id of the test's own, stored as an ACTIVE account (links to
   * downloads die without one), so per-account quotas and audit trails start empty.
   */
  customerAccount(who: 'jan' | 'bakkerij' | 'piet', accountId: string): Promise<CustomerPrincipal>;
  partner(scopes: string[], extra?: Partial<PartnerPrincipal>): PartnerPrincipal;
  /** The download route on a loopback port (GET `${downloadsUrl}/<token>`). */
  downloadsUrl: string;
  /** Moves the clock every one of the harness's services reads. */
  advance(ms: number): void;
}

/** A resolver context built the way the gateway builds it, minus the cookie setters a test does not need. */
export function requestContext(services: Services, input: RequestScopeInput): RequestContext {
  return Object.assign(new RequestScope(services, input), { http: { setCookie: () => {}, clearCookie: () => {} } });
}

export function usePortalDataHarness(options: { timeoutMs?: number } = {}): () => DataHarness {
  const connection = useTestDatabase();
  let harness: DataHarness | undefined;
  let simulator: Simulator | undefined;
  let composed: AppServices | undefined;
  let dataDir: string | undefined;
  let server: Server | undefined;

  beforeAll(async () => {
    simulator = await startSimulator();
    const logger = createLogger({ level: 'silent' });
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    // Mails go to an outbox under the data folder (no SMTP_URL), as in development.
    dataDir = await mkdtemp(path.join(tmpdir(), 'portal-data-harness-'));
    composed = await createServices({
      connection: connection(),
      secretKey: randomBytes(32).toString('hex'),
      logger,
      metrics: createMetrics(),
      dataDir,
      publicUrl: 'http://127.0.0.1',
      mail: { smtpUrl: null },
      now,
      upstream: { timeoutMs: options.timeoutMs },
    });
    const { services } = composed;
    const { tenants } = services;
    const suffix = randomBytes(4).toString('hex');
    const ids = { demo: `demo-${suffix}`, other: `other-${suffix}` } as const;
    for (const instance of ['demo', 'other'] as const) {
      await tenants.upsert({
        id: ids[instance],
        nextcloud: {
          baseUrl: simulator.instance(instance).url,
          loginName: DEMO.users.service.login,
          appPassword: DEMO.users.service.appPassword,
        },
      });
    }
    const people = {
      jan: { tenantId: ids.demo, type: 'B2C', ...DEMO.demo.janJansen },
      bakkerij: { tenantId: ids.demo, type: 'B2B', ...DEMO.demo.bakkerij },
      piet: { tenantId: ids.other, type: 'B2C', ...DEMO.other.pietDeVries },
    } as const;
    const accountIdOf = (who: keyof typeof people) => `acc-${who}-${suffix}`;
    const storeAccount = (who: keyof typeof people, id: string, email: string) =>
      services.accounts.repository.create({
        id,
        tenantId: people[who].tenantId,
        email,
        type: people[who].type,
        status: 'ACTIVE',
        clientId: people[who].clientId,
        contactId: people[who].contactId,
        locale: 'nl',
        passwordHash: null,
        passwordChangedAt: null,
        mfa: emptyMfa(),
        failuresResetAt: null,
        invitedBy: 'test',
        createdAt: now(),
        activatedAt: now(),
        lastSignInAt: null,
      });
    for (const who of ['jan', 'bakkerij', 'piet'] as const) await storeAccount(who, accountIdOf(who), people[who].email);
    const customerOf = (who: keyof typeof people, extra: Partial<CustomerPrincipal> = {}): CustomerPrincipal => ({
      kind: 'customer',
      tenantId: people[who].tenantId,
      accountId: accountIdOf(who),
      accountType: people[who].type,
      sessionId: `s-${who}`,
      enrolmentOnly: false,
      clientId: people[who].clientId,
      contactId: people[who].contactId,
      ...extra,
    });
    // One live token of Bakkerij's account stands behind every partner principal; the principal's
    // own scopes are what the rules and the data layer read, so each test picks them freely.
    const { token: partnerToken } = await services.apiTokens.create(
      tenants.get(ids.demo)!,
      customerOf('bakkerij'),
      { name: 'harness partner', scopes: API_TOKEN_SCOPES },
      { ip: '192.0.2.10', userAgent: 'vitest' },
    );
    const schema = await buildApiSchema();

    const app = express();
    app.use('/portal/downloads', downloadsRouter(services));
    app.use(httpErrorHandler(logger));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const downloadsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/portal/downloads`;

    const tenantOf = (instance: 'demo' | 'other', portal: Partial<PortalSettings> = {}): Tenant => {
      const tenant = tenants.get(ids[instance])!;
      return Object.keys(portal).length ? { ...tenant, portal: { ...tenant.portal, ...portal } } : tenant;
    };
    const sim = simulator;
    harness = {
      simulator: sim,
      services,
      audit: services.audit,
      schema,
      downloadsUrl,
      tenant: tenantOf,
      advance: (ms) => (offset += ms),
      async run(principal, query, variables = {}, runOptions = {}) {
        const tenant =
          runOptions.tenant ?? tenantOf(principal.kind !== 'anonymous' && principal.tenantId === ids.other ? 'other' : 'demo');
        const contextValue = requestContext(services, {
          tenant,
          principal,
          request: {
            ip: '192.0.2.10',
            userAgent: 'vitest',
            publicUrl: downloadsUrl.replace(/\/portal\/downloads$/, ''),
            origin: null,
          },
        });
        return (await execute({ schema, document: parse(query), contextValue, variableValues: variables })) as ExecutionResult & {
          data?: Record<string, Loose> | null;
        };
      },
      customer: customerOf,
      async customerAccount(who, accountId) {
        await storeAccount(who, accountId, `${accountId}.${suffix}@example.test`);
        return customerOf(who, { accountId });
      },
      partner(scopes, extra = {}) {
        return {
          kind: 'partner',
          tenantId: ids.demo,
          accountId: accountIdOf('bakkerij'),
          tokenId: partnerToken.id,
          scopes,
          clientId: DEMO.demo.bakkerij.clientId,
          contactId: DEMO.demo.bakkerij.contactId,
          ...extra,
        };
      },
    };
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await composed?.close();
    await simulator?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return () => {
    if (!harness) throw new Error('usePortalDataHarness(): only available inside tests');
    return harness;
  };
}

/** GraphQL answers in tests are probed field by field; typing each shape would only restate the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

/** The `extensions.code` of each error, in order. */
export const codesOf = (result: ExecutionResult): string[] =>
  (result.errors ?? []).map((error) => String(error.extensions?.code));

/** Simulator objects of a schema (by slug) in an instance, as stored. */
export function simObjects(sim: Simulator, instance: 'demo' | 'other', slug: keyof (typeof DEMO)['demo']['schemaIds']) {
  const schemaId = DEMO[instance].schemaIds[slug];
  return sim.instance(instance).data.objects.filter((object) => object.schema === schemaId && !object.deleted);
}
