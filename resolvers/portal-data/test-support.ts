import { randomBytes } from 'node:crypto';
import express from 'express';
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { createMetrics } from '../../core/metrics.js';
import { createTestAuditService } from '../../domain/audit/audit.test-support.js';
import type { AuditService } from '../../domain/audit/index.js';
import { createPortalDataServices, type PortalDataServices } from '../../domain/portal-data/portal-data.services.js';
import type { CustomerPrincipal, PartnerPrincipal, Principal } from '../../domain/principal.js';
import type { Services } from '../../domain/services.js';
import { NextcloudConnectors } from '../../domain/tenants/nextcloud-connectors.js';
import type { PortalSettings } from '../../domain/tenants/portal-settings.js';
import { createTenantDirectory, TenantDirectory, type Tenant } from '../../domain/tenants/tenant-directory.js';
import { downloadsRouter } from '../../gateway/downloads.js';
import { httpErrorHandler } from '../../gateway/http-errors.js';
import { DEMO, startSimulator, type Simulator } from '../../nextcloud/simulator/index.js';
import { useTestDatabase } from '../../test/db.js';
import { RequestScope, type RequestScopeInput } from '../../domain/scope/request-scope.js';
import type { RequestContext } from '../context.js';
import { buildApiSchema } from '../schema.js';

/**
 * Runs GraphQL operations through the real executable schema (shield rules included) with a
 * context built here, against a private simulator and database. Each harness registers its own
 * tenants (random ids) pointing at the simulator's `demo` and `other` instances, so test files
 * never share data. Principals are made from the simulator's DEMO ids, as the authentication
 * service would make them.
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
  partner(scopes: string[], extra?: Partial<PartnerPrincipal>): PartnerPrincipal;
  /** The download route on a loopback port (GET `${downloadsUrl}/<token>`). */
  downloadsUrl: string;
  /** Moves the clock the harness's services read. */
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
  let tenants: TenantDirectory | undefined;
  let server: Server | undefined;

  beforeAll(async () => {
    simulator = await startSimulator();
    const secret = randomBytes(32).toString('hex');
    const logger = createLogger({ level: 'silent' });
    tenants = createTenantDirectory(connection(), secret, logger);
    await tenants.start(60_000);
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
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    const audit = await createTestAuditService(connection(), { now });
    const portalData: PortalDataServices = createPortalDataServices({ connection: connection(), secretKey: secret, now });
    const services = {
      logger,
      tenants,
      nextcloud: new NextcloudConnectors(tenants, { metrics: createMetrics(), logger, timeoutMs: options.timeoutMs }),
      audit,
      portalData,
      // The harness's partner principals carry made-up token ids; gateway/downloads.test.ts
      // covers links dying with a revoked token against the real token store.
      apiTokens: { isLive: async () => true },
      authenticators: {},
    } as unknown as Services;
    const schema = await buildApiSchema();

    const app = express();
    app.use('/portal/downloads', downloadsRouter(services));
    app.use(httpErrorHandler(logger));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const downloadsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/portal/downloads`;

    const tenantOf = (instance: 'demo' | 'other', portal: Partial<PortalSettings> = {}): Tenant => {
      const tenant = tenants!.get(ids[instance])!;
      return Object.keys(portal).length ? { ...tenant, portal: { ...tenant.portal, ...portal } } : tenant;
    };
    const sim = simulator;
    harness = {
      simulator: sim,
      services,
      audit,
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
      customer(who, extra = {}) {
        const base =
          who === 'jan'
            ? { tenantId: ids.demo, accountType: 'B2C' as const, ...DEMO.demo.janJansen }
            : who === 'bakkerij'
              ? { tenantId: ids.demo, accountType: 'B2B' as const, ...DEMO.demo.bakkerij }
              : { tenantId: ids.other, accountType: 'B2C' as const, ...DEMO.other.pietDeVries };
        return {
          kind: 'customer',
          tenantId: base.tenantId,
          accountId: `acc-${who}-${suffix}`,
          accountType: base.accountType,
          sessionId: `s-${who}`,
          enrolmentOnly: false,
          clientId: base.clientId,
          contactId: base.contactId,
          ...extra,
        };
      },
      partner(scopes, extra = {}) {
        return {
          kind: 'partner',
          tenantId: ids.demo,
          accountId: `acc-bakkerij-${suffix}`,
          tokenId: `tok-${suffix}`,
          scopes,
          clientId: DEMO.demo.bakkerij.clientId,
          contactId: DEMO.demo.bakkerij.contactId,
          ...extra,
        };
      },
    };
  });

  afterAll(async () => {
    tenants?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await simulator?.close();
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
