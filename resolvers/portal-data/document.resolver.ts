import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { NotFoundError } from '../../core/errors.js';
import { windowOf } from '../../domain/portal-data/paging.js';
import { Document, DocumentConnection, DocumentFilter, SignedDownload } from '../../schema/portal-data/document.type.js';
import type { RequestContext } from '../context.js';
import { connectionOf } from './connection.js';
import { documentNode, kindOfSource } from './document-node.js';

@Resolver(() => Document)
export class DocumentResolver {
  @Query(() => DocumentConnection, {
    nullable: true,
    description: "Files attached to the signed-in customer's invoices, orders, contracts and requests, newest first",
  })
  async documents(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100; default 20' }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('filter', () => DocumentFilter, { nullable: true }) filter?: DocumentFilter | null,
  ) {
    const page = await ctx.records.documents(
      { search: filter?.search, from: filter?.from, to: filter?.to, sources: filter?.sources?.map(kindOfSource) },
      windowOf(first, after),
    );
    return connectionOf(page, documentNode);
  }

  @Query(() => Document, { nullable: true, description: 'One document of the signed-in customer; NOT_FOUND for any other id' })
  async document(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Document> {
    const document = await ctx.records.document(id);
    if (!document) throw new NotFoundError('The document');
    return documentNode(document);
  }

  @Mutation(() => SignedDownload, {
    description: 'A link to download the document, valid 5 minutes and only for this account; the download is audited',
  })
  async createDocumentDownload(
    @Ctx() ctx: RequestContext,
    @Arg('documentId', () => ID) documentId: string,
  ): Promise<SignedDownload> {
    // Access is decided now and again when the link is used.
    return ctx.portalData.createDocumentDownload(documentId);
  }
}
