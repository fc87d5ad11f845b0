import { Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { DataExport } from '../../schema/avg/data-export.type.js';
import type { RequestContext } from '../context.js';

// Authorization is in resolvers/permissions.ts: a signed-in customer, for their own account.
@Resolver()
export class DataExportResolver {
  @Query(() => [DataExport], { description: 'Your data exports, newest first' })
  dataExports(@Ctx() ctx: RequestContext): Promise<DataExport[]> {
    return ctx.avg.listExports();
  }

  @Mutation(() => DataExport, {
    description:
      'Asks for a copy of all your data (GDPR Art. 15). It is prepared in the background and you get an email with a download link (30 days). One at a time, at most 3 a day.',
  })
  requestDataExport(@Ctx() ctx: RequestContext): Promise<DataExport> {
    return ctx.avg.requestExport();
  }
}
