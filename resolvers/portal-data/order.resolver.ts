import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { NotFoundError } from '../../core/errors.js';
import { windowOf } from '../../domain/portal-data/paging.js';
import type { OrderRecord } from '../../domain/portal-data/records.js';
import { Document } from '../../schema/portal-data/document.type.js';
import { Order, OrderConnection, OrderFilter } from '../../schema/portal-data/order.type.js';
import type { RequestContext } from '../context.js';
import { connectionOf } from './connection.js';
import { documentNode } from './document-node.js';
import { selects } from '../selection.js';

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => OrderConnection, {
    nullable: true,
    description: "The signed-in customer's orders, newest first (null with UPSTREAM_UNAVAILABLE when Nextcloud is down)",
  })
  async orders(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100; default 20' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('filter', () => OrderFilter, { nullable: true }) filter?: OrderFilter | null,
  ) {
    const page = await ctx.records.list('order', filter ?? {}, windowOf(first, after), {
      withFiles: selects(info, ['edges', 'node', 'documents']),
    });
    return connectionOf(page, (order) => order);
  }

  @Query(() => Order, { nullable: true, description: 'One order of the signed-in customer; NOT_FOUND for any other id' })
  async order(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<OrderRecord> {
    const order = await ctx.records.get('order', id);
    if (!order) throw new NotFoundError('The order');
    return order;
  }

  @FieldResolver(() => [Document], { description: 'The files attached to the order (confirmations, delivery notes)' })
  async documents(@Root() order: OrderRecord, @Ctx() ctx: RequestContext): Promise<Document[]> {
    return (await ctx.records.documentsOf(order)).map(documentNode);
  }
}
