import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description: "One of the signed-in customer's live sessions, as a device: never its token or anything that authenticates",
})
export class ActiveSession {
  @Field(() => ID, { description: 'A handle for revokeSession; it cannot be used to sign in' })
  id!: string;

  @Field({ description: 'When it was signed in' })
  createdAt!: Date;

  @Field({ description: 'Last request seen, to the minute' })
  lastSeenAt!: Date;

  @Field({ description: 'When it ends at the latest (it also ends after 30 idle minutes)' })
  expiresAt!: Date;

  @Field(() => String, { nullable: true, description: 'Browser name (Chrome, Firefox, Safari, Edge, …); null when unknown' })
  browser!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Operating system (Windows, macOS, iOS, Android, Linux, …); null when unknown',
  })
  operatingSystem!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The network it signed in from, coarsely: an IPv4 /24 or IPv6 /48; null when unknown',
  })
  network!: string | null;

  @Field({ description: 'Whether this is the session making the request' })
  current!: boolean;

  @Field({ description: 'A session limited to finishing two-step verification set-up' })
  enrolmentOnly!: boolean;
}
