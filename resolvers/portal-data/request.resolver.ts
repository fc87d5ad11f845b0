import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { NotFoundError } from '../../core/errors.js';
import { windowOf } from '../../domain/portal-data/paging.js';
import type { RequestRecord } from '../../domain/portal-data/records.js';
import type { SubmittedRequest } from '../../domain/portal-data/request-writer.js';
import { Document } from '../../schema/portal-data/document.type.js';
import {
  AttachmentFailure,
  Request,
  RequestCategory,
  RequestConnection,
  RequestFilter,
} from '../../schema/portal-data/request.type.js';
import type { RequestContext } from '../context.js';
import { connectionOf } from './connection.js';
import { documentNode } from './document-node.js';
import { selects } from '../selection.js';

@Resolver(() => Request)
export class RequestResolver {
  @Query(() => RequestConnection, {
    nullable: true,
    description: "The signed-in customer's requests, newest first (null with UPSTREAM_UNAVAILABLE when Nextcloud is down)",
  })
  async requests(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100; default 20' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('filter', () => RequestFilter, { nullable: true }) filter?: RequestFilter | null,
  ) {
    const page = await ctx.records.list('request', filter ?? {}, windowOf(first, after), {
      withFiles: selects(info, ['edges', 'node', 'documents']),
    });
    return connectionOf(page, (request) => request);
  }

  @Query(() => Request, { nullable: true, description: 'One request of the signed-in customer; NOT_FOUND for any other id' })
  async request(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<RequestRecord> {
    const request = await ctx.records.get('request', id);
    if (!request) throw new NotFoundError('The request');
    return request;
  }

  @Query(() => [RequestCategory], {
    nullable: true,
    description:
      'Categories to offer for a new request; empty when the portal keeps no category list (then any category is accepted)',
  })
  async requestCategories(@Ctx() ctx: RequestContext): Promise<RequestCategory[]> {
    return ctx.portalData.requestCategories();
  }

  @FieldResolver(() => [AttachmentFailure], {
    description:
      "Only in submitRequest's answer: files sent with the request that Nextcloud did not store (the request exists; " +
      'the stored files are its documents). Empty everywhere else',
  })
  attachmentFailures(@Root() request: RequestRecord | SubmittedRequest): AttachmentFailure[] {
    return 'attachmentFailures' in request ? request.attachmentFailures : [];
  }

  @FieldResolver(() => [Document], { description: 'Files attached to the request' })
  async documents(@Root() request: RequestRecord, @Ctx() ctx: RequestContext): Promise<Document[]> {
    return (await ctx.records.documentsOf(request)).map(documentNode);
  }
}
