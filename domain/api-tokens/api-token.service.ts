import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { BadUserInputError, ForbiddenError, NotFoundError, inputProblem } from '../../core/errors.js';
import { newToken, tokenHash } from '../../core/tokens.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import { audited, type AuditWriter } from '../audit/index.js';
import { TOKEN_PREFIX, type PartnerAuthenticator } from '../auth/authenticators.js';
import type { RequestMeta } from '../request-meta.js';
import type { CustomerPrincipal, PartnerPrincipal } from '../principal.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { apiTokenModel, type ApiTokenDocument, type ApiTokenModel } from './api-token.model.js';
import { parseScopes, type ApiTokenScope } from './api-token.scopes.js';
import { parseTokenExpiry } from './api-token.expiry.js';
import { collectionOf } from '../../store/collection.js';

/** An account rarely needs more; the cap keeps a compromised session from minting thousands. */
export const MAX_ACTIVE_TOKENS = 25;
const LAST_USED_RESOLUTION_MS = 60 * 1000;
const KEEP_REVOKED_MS = 90 * 24 * 60 * 60 * 1000;

/** A token as its owner sees it: never the secret. */
export interface ApiTokenView {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

/**
 * Partner API tokens of B2B accounts: `pat_` secrets with 256 bits, shown once, stored as
 * SHA-256. A token acts with exactly its account's B2B visibility, limited to its scopes, and
 * stops working the moment it is revoked or its account is no longer ACTIVE.
 */
export class ApiTokenService implements PartnerAuthenticator {
  readonly model: ApiTokenModel;
  private readonly now: () => Date;

  constructor(
    connection: Connection,
    private readonly accounts: AccountRepository,
    private readonly audit: AuditWriter,
    now?: () => Date,
  ) {
    this.model = apiTokenModel(connection);
    this.now = now ?? (() => new Date());
  }

  async create(
    tenant: Tenant,
    principal: CustomerPrincipal,
    input: { name: string; scopes: readonly string[]; expiresAt?: Date | null },
    meta: RequestMeta,
  ): Promise<{ secret: string; token: ApiTokenView }> {
    if (principal.accountType !== 'B2B') throw new ForbiddenError('API tokens are for business accounts.');
    const name = (input.name ?? '').trim();
    if (!name || name.length > 100) {
      throw new BadUserInputError('Give the token a name of 1 to 100 characters.', [
        name
          ? inputProblem('name', 'TOO_LONG', 'At most 100 characters.', { max: 100 })
          : inputProblem('name', 'REQUIRED', 'Give the token a name.'),
      ]);
    }
    const scopes = parseScopes(input.scopes ?? []);
    const expiresAt = parseTokenExpiry(input.expiresAt, this.now());
    const active = await this.model.countDocuments({ accountId: principal.accountId, revokedAt: null });
    if (active >= MAX_ACTIVE_TOKENS)
      throw new BadUserInputError(`An account can have at most ${MAX_ACTIVE_TOKENS} tokens; revoke one first.`);

    const secret = newToken(TOKEN_PREFIX.apiToken);
    const doc: ApiTokenDocument = {
      _id: tokenHash(secret),
      publicId: randomBytes(12).toString('base64url'),
      tenantId: tenant.id,
      accountId: principal.accountId,
      name,
      scopes,
      createdAt: this.now(),
      lastUsedAt: null,
      revokedAt: null,
      expiresAt,
    };
    await audited(
      this.audit,
      {
        tenantId: tenant.id,
        type: 'apitoken.created',
        principal,
        target: { type: 'apiToken', id: doc.publicId },
        details: { name, scopes, ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) },
        client: meta,
      },
      () => collectionOf<ApiTokenDocument>(this.model).insertOne(doc),
    );
    return { secret, token: toView(doc) };
  }

  /** The account's live tokens, newest first. */
  async list(principal: CustomerPrincipal | PartnerPrincipal): Promise<ApiTokenView[]> {
    const docs = await collectionOf<ApiTokenDocument>(this.model)
      .find<ApiTokenDocument>(
        { tenantId: principal.tenantId, accountId: principal.accountId, revokedAt: null },
        { sort: { createdAt: -1 } },
      )
      .toArray();
    return docs.map(toView);
  }

  async get(principal: PartnerPrincipal): Promise<ApiTokenView | null> {
    const doc = await collectionOf<ApiTokenDocument>(this.model).findOne<ApiTokenDocument>({
      publicId: principal.tokenId,
      accountId: principal.accountId,
    });
    return doc ? toView(doc) : null;
  }

  async revoke(tenant: Tenant, principal: CustomerPrincipal, id: string, meta: RequestMeta): Promise<void> {
    const doc = await collectionOf<ApiTokenDocument>(this.model).findOne<ApiTokenDocument>({
      publicId: id,
      tenantId: tenant.id,
      accountId: principal.accountId,
      revokedAt: null,
    });
    if (!doc) throw new NotFoundError('The token');
    await audited(
      this.audit,
      {
        tenantId: tenant.id,
        type: 'apitoken.revoked',
        principal,
        target: { type: 'apiToken', id: doc.publicId },
        details: { name: doc.name },
        client: meta,
      },
      () => this.model.updateOne({ _id: doc._id }, { $set: { revokedAt: this.now() } }),
    );
  }

  async authenticate(tenant: Tenant, token: string): Promise<PartnerPrincipal | null> {
    if (typeof token !== 'string' || !token.startsWith(TOKEN_PREFIX.apiToken) || token.length > 200) return null;
    const doc = await collectionOf<ApiTokenDocument>(this.model).findOne<ApiTokenDocument>({ _id: tokenHash(token) });
    if (!doc || doc.revokedAt || doc.tenantId !== tenant.id) return null;
    if (isExpired(doc, this.now())) return null;
    // Tokens die with the account: blocked, closed or no longer B2B means no access.
    const account = await this.accounts.findById(doc.accountId);
    if (!account || account.tenantId !== tenant.id || account.status !== 'ACTIVE' || account.type !== 'B2B') return null;
    const now = this.now();
    if (!doc.lastUsedAt || now.getTime() - doc.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.model.updateOne({ _id: doc._id }, { $set: { lastUsedAt: now } });
    }
    return {
      kind: 'partner',
      tenantId: tenant.id,
      accountId: account.id,
      tokenId: doc.publicId,
      scopes: doc.scopes,
      clientId: account.clientId,
      contactId: account.contactId,
    };
  }

  /** Token names by public id, revoked ones included (the audit trail names past actors too). */
  async namesByPublicId(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const docs = await collectionOf<ApiTokenDocument>(this.model)
      .find<Pick<ApiTokenDocument, 'publicId' | 'name'>>(
        { tenantId, publicId: { $in: [...new Set(ids)] } },
        { projection: { publicId: 1, name: 1 } },
      )
      .toArray();
    return new Map(docs.map((doc) => [doc.publicId, doc.name]));
  }

  /** Whether the account's token is still unrevoked (download links it minted check this). */
  async isLive(tenantId: string, accountId: string, tokenId: string): Promise<boolean> {
    const doc = await collectionOf<ApiTokenDocument>(this.model).findOne(
      { publicId: tokenId, tenantId, accountId, revokedAt: null },
      { projection: { _id: 1 } },
    );
    return doc !== null;
  }

  async revokeAllForAccount(accountId: string): Promise<number> {
    return (await this.model.updateMany({ accountId, revokedAt: null }, { $set: { revokedAt: this.now() } })).modifiedCount;
  }

  /** Forgets tokens revoked long ago (no TTL indexes on FerretDB). */
  async purgeExpired(now: Date = this.now()): Promise<number> {
    return (await this.model.deleteMany({ revokedAt: { $ne: null, $lte: new Date(now.getTime() - KEEP_REVOKED_MS) } }))
      .deletedCount;
  }
}

function toView(doc: ApiTokenDocument): ApiTokenView {
  return {
    id: doc.publicId,
    name: doc.name,
    scopes: doc.scopes,
    createdAt: doc.createdAt,
    lastUsedAt: doc.lastUsedAt ?? null,
    expiresAt: doc.expiresAt ?? null,
  };
}

const isExpired = (doc: ApiTokenDocument, now: Date): boolean =>
  doc.expiresAt != null && doc.expiresAt.getTime() <= now.getTime();
