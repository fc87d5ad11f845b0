import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionOf } from './connection.js';

export enum DocumentSource {
  INVOICE = 'INVOICE',
  ORDER = 'ORDER',
  CONTRACT = 'CONTRACT',
  REQUEST = 'REQUEST',
}

registerEnumType(DocumentSource, { name: 'DocumentSource', description: 'The kind of record a document is attached to' });

@ObjectType({ description: "A file attached to one of the customer's records; download it with createDocumentDownload" })
export class Document {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The file name' })
  name!: string;

  @Field(() => String, { nullable: true })
  mimeType!: string | null;

  @Field(() => Int, { nullable: true, description: 'Size in bytes' })
  size!: number | null;

  @Field(() => Date, { nullable: true })
  modifiedAt!: Date | null;

  @Field(() => DocumentSource)
  source!: DocumentSource;

  @Field(() => ID, { description: 'The id of the invoice, order, contract or request' })
  sourceId!: string;

  @Field(() => String, { nullable: true, description: "The record's number, e.g. the invoice number" })
  sourceNumber!: string | null;
}

@ObjectType()
export class DocumentConnection extends ConnectionOf('Document', Document) {}

@InputType()
export class DocumentFilter {
  @Field(() => String, { nullable: true, description: "Text in the file name or the record's number" })
  search?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;

  @Field(() => [DocumentSource], { nullable: true })
  sources?: DocumentSource[] | null;
}

@ObjectType({ description: 'A download link for one document, bound to the account that asked for it' })
export class SignedDownload {
  @Field({ description: 'Absolute URL; works without a session until expiresAt' })
  url!: string;

  @Field()
  expiresAt!: Date;
}
