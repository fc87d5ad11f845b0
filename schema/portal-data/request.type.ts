import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionOf } from './connection.js';
import { RecordFilter } from './record-filter.input.js';

@ObjectType({ description: 'A message on a request that the customer may read' })
export class RequestNote {
  @Field(() => String, { nullable: true })
  author!: string | null;

  @Field()
  message!: string;

  @Field(() => Date, { nullable: true })
  createdAt!: Date | null;
}

@ObjectType({ description: 'A service request of the customer (Pipelinq request)' })
export class Request {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  number!: string | null;

  @Field()
  subject!: string;

  @Field(() => String, { nullable: true })
  body!: string | null;

  @Field(() => String, { nullable: true })
  category!: string | null;

  @Field(() => String, { nullable: true, description: 'As Nextcloud names it: new, in_progress, completed, rejected, …' })
  status!: string | null;

  @Field(() => String, { nullable: true })
  priority!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the request was made' })
  date!: Date | null;

  @Field(() => [RequestNote], { description: 'Customer-visible messages, oldest first; internal notes are never shown' })
  notes!: RequestNote[];

  @Field({ description: 'Whether replyToRequest is accepted (the request is still open)' })
  canReply!: boolean;
}

@ObjectType()
export class RequestConnection extends ConnectionOf('Request', Request) {}

@InputType()
export class RequestFilter extends RecordFilter {}

@ObjectType({ description: 'A category customers may choose for a new request' })
export class RequestCategory {
  @Field()
  name!: string;
}

@InputType({
  description:
    'A file sent with a new request: at most 5 files, 25 MB each and 50 MB together. Accepted: PDF, PNG, JPEG, GIF, WebP, ' +
    'docx, xlsx, pptx, odt, ods, doc, xls, txt and csv, recognised from the bytes; the name must match the content. ' +
    'Refusals are BAD_USER_INPUT with a problem per file (field attachments.N, code such as FILE_TOO_LARGE, params)',
})
export class RequestAttachmentInput {
  @Field()
  fileName!: string;

  @Field(() => String, { nullable: true, description: 'Not trusted: the type is read from the bytes' })
  mimeType?: string | null;

  @Field({ description: 'The bytes, base64-encoded (a data: URL prefix is accepted)' })
  contentBase64!: string;
}

@ObjectType({ description: 'A file sent with submitRequest that Nextcloud did not store (the request itself was filed)' })
export class AttachmentFailure {
  @Field(() => Int, { description: 'Position of the file in SubmitRequestInput.attachments' })
  index!: number;

  @Field()
  fileName!: string;

  @Field({
    description:
      'FILE_REFUSED (Nextcloud did not accept the file), UPSTREAM_UNAVAILABLE or INTERNAL_SERVER_ERROR (it could not be sent)',
  })
  code!: string;
}

@InputType()
export class SubmitRequestInput {
  @Field()
  subject!: string;

  @Field()
  body!: string;

  @Field(() => String, { nullable: true, description: 'One of requestCategories, when the portal offers categories' })
  category?: string | null;

  @Field(() => [RequestAttachmentInput], { nullable: true })
  attachments?: RequestAttachmentInput[] | null;
}
