import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { NotFoundError } from '../../core/errors.js';
import { linkBodyOf, signDocumentLink } from '../../domain/portal-data/document-downloads.js';
import { windowOf } from '../../domain/portal-data/paging.js';
import { actorOf } from '../../domain/principal.js';
import { Document, DocumentConnection, DocumentFilter, SignedDownload } from '../../schema/portal-data/document.type.js';
import type { RequestContext } from '../context.js';
import { connectionOf } from './connection.js';
import { documentNode, kindOfSource } from './document-node.js';
import { portalDataOf } from './portal-data.context.js';

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
    const page = await portalDataOf(ctx).documents(
      { search: filter?.search, from: filter?.from, to: filter?.to, sources: filter?.sources?.map(kindOfSource) },
      windowOf(first, after),
    );
    return connectionOf(page, documentNode);
  }

  @Query(() => Document, { nullable: true, description: 'One document of the signed-in customer; NOT_FOUND for any other id' })
  async document(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Document> {
    const document = await portalDataOf(ctx).document(id);
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
    const reader = portalDataOf(ctx);
    // Access is decided now and again when the link is used.
    const document = await reader.document(documentId);
    if (!document) throw new NotFoundError('The document');
    const body = linkBodyOf(
      reader.viewer,
      actorOf(ctx.principal) ?? `account:${reader.viewer.accountId}`,
      document.documentId,
      ctx.principal.kind === 'partner' ? ctx.principal.tokenId : null,
    );
    return signDocumentLink(ctx.services.portalData.links, ctx.request.publicUrl, body);
  }
}
