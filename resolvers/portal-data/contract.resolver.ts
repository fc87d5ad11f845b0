import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { NotFoundError } from '../../core/errors.js';
import { isCancellable } from '../../domain/portal-data/contract-cancellation.js';
import { windowOf } from '../../domain/portal-data/paging.js';
import type { ClientSummary as ClientSummaryRecord } from '../../domain/portal-data/portal-data-reader.js';
import type { ContractRecord } from '../../domain/portal-data/records.js';
import { ClientSummary, Contract, ContractConnection, ContractFilter } from '../../schema/portal-data/contract.type.js';
import { Document } from '../../schema/portal-data/document.type.js';
import type { RequestContext } from '../context.js';
import { connectionOf } from './connection.js';
import { documentNode } from './document-node.js';
import { selects } from '../selection.js';

@Resolver(() => Contract)
export class ContractResolver {
  @Query(() => ContractConnection, {
    nullable: true,
    description: "The signed-in customer's contracts, newest start first (null with UPSTREAM_UNAVAILABLE when Nextcloud is down)",
  })
  async contracts(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100; default 20' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('filter', () => ContractFilter, { nullable: true }) filter?: ContractFilter | null,
  ) {
    const reader = ctx.records;
    // Every contract is with the viewer's own client: fetch it alongside the list, not after it.
    if (selects(info, ['edges', 'node', 'client'])) void reader.client(reader.viewer.clientId).catch(() => null);
    const page = await reader.list('contract', filter ?? {}, windowOf(first, after), {
      withFiles: selects(info, ['edges', 'node', 'documents']),
    });
    return connectionOf(page, (contract) => contract);
  }

  @Query(() => Contract, { nullable: true, description: 'One contract of the signed-in customer; NOT_FOUND for any other id' })
  async contract(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ContractRecord> {
    const contract = await ctx.records.get('contract', id);
    if (!contract) throw new NotFoundError('The contract');
    return contract;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether requestContractCancellation is accepted: the contract is active or expiring',
  })
  canCancel(@Root() contract: ContractRecord): boolean {
    return isCancellable(contract);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The first end date (YYYY-MM-DD) a cancellation may ask for: today plus noticePeriodDays; null when not cancellable',
  })
  earliestEndDate(@Root() contract: ContractRecord, @Ctx() ctx: RequestContext): string | null {
    return ctx.portalData.earliestEndDate(contract);
  }

  @FieldResolver(() => ClientSummary, { nullable: true, description: 'The customer the contract is with' })
  client(@Root() contract: ContractRecord, @Ctx() ctx: RequestContext): Promise<ClientSummaryRecord | null> {
    return ctx.records.client(contract.clientId);
  }

  @FieldResolver(() => [Document], { description: 'The files attached to the contract (the signed contract)' })
  async documents(@Root() contract: ContractRecord, @Ctx() ctx: RequestContext): Promise<Document[]> {
    return (await ctx.records.documentsOf(contract)).map(documentNode);
  }
}
