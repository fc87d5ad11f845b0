import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { NotFoundError } from '../../core/errors.js';
import { windowOf } from '../../domain/portal-data/paging.js';
import { fillPaymentUrl } from '../../domain/tenants/config/payment-url.js';
import type { InvoiceRecord } from '../../domain/portal-data/records.js';
import { Document } from '../../schema/portal-data/document.type.js';
import { Invoice, InvoiceConnection, InvoiceFilter } from '../../schema/portal-data/invoice.type.js';
import type { RequestContext } from '../context.js';
import { connectionOf } from './connection.js';
import { documentNode } from './document-node.js';
import { selects } from '../selection.js';

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Query(() => InvoiceConnection, {
    nullable: true,
    description: "The signed-in customer's invoices, newest first (null with UPSTREAM_UNAVAILABLE when Nextcloud is down)",
  })
  async invoices(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100; default 20' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('filter', () => InvoiceFilter, { nullable: true }) filter?: InvoiceFilter | null,
  ) {
    const page = await ctx.records.list('invoice', filter ?? {}, windowOf(first, after), {
      withFiles: selects(info, ['edges', 'node', 'documents']),
    });
    return connectionOf(page, (invoice) => invoice);
  }

  @Query(() => Invoice, { nullable: true, description: 'One invoice of the signed-in customer; NOT_FOUND for any other id' })
  async invoice(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<InvoiceRecord> {
    const invoice = await ctx.records.get('invoice', id);
    if (!invoice) throw new NotFoundError('The invoice');
    return invoice;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The tenant's payment page for this invoice, while its payment is open or failed and the tenant configured a payment URL; " +
      'null otherwise, or when the template needs a value the invoice does not have',
  })
  paymentUrl(@Root() invoice: InvoiceRecord, @Ctx() ctx: RequestContext): string | null {
    const template = ctx.tenant.portal.paymentUrlTemplate;
    if (!template || (invoice.paymentState !== 'OPEN' && invoice.paymentState !== 'FAILED')) return null;
    return fillPaymentUrl(template, invoice);
  }

  @FieldResolver(() => [Document], { description: 'The files attached to the invoice (the PDF)' })
  async documents(@Root() invoice: InvoiceRecord, @Ctx() ctx: RequestContext): Promise<Document[]> {
    return (await ctx.records.documentsOf(invoice)).map(documentNode);
  }
}
