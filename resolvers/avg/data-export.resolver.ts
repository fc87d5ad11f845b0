import { Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { CustomerPrincipal } from '../../domain/principal.js';
import { DataExport } from '../../schema/avg/data-export.type.js';
import { metaOf } from '../accounts/to-graphql.js';
import type { RequestContext } from '../context.js';

function customerOf(ctx: RequestContext): CustomerPrincipal {
  if (ctx.principal.kind !== 'customer') throw new Error('data export resolver reached without a customer principal');
  return ctx.principal;
}

// Authorization is in resolvers/permissions.ts: a signed-in customer, for their own account.
@Resolver()
export class DataExportResolver {
  @Query(() => [DataExport], { description: 'Your data exports, newest first' })
  dataExports(@Ctx() ctx: RequestContext): Promise<DataExport[]> {
    return ctx.services.avg.exports.list(ctx.tenant, customerOf(ctx), ctx.request.publicUrl);
  }

  @Mutation(() => DataExport, {
    description:
      'Asks for a copy of all your data (GDPR Art. 15). It is prepared in the background and you get an email with a download link (30 days). One at a time, at most 3 a day.',
  })
  requestDataExport(@Ctx() ctx: RequestContext): Promise<DataExport> {
    return ctx.services.avg.exports.request(ctx.tenant, customerOf(ctx), {
      ...metaOf(ctx.request),
      publicUrl: ctx.request.tenantUrl ?? ctx.request.publicUrl,
    });
  }
}
