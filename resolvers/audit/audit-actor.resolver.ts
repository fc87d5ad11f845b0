import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { parseActor } from '../../domain/audit/actor-labels.js';
import { AuditActorKind, AuditEvent } from '../../schema/audit/audit-event.type.js';
import type { RequestContext } from '../context.js';

const KINDS: Record<string, AuditActorKind> = {
  account: AuditActorKind.ACCOUNT,
  token: AuditActorKind.TOKEN,
  staff: AuditActorKind.STAFF,
};

/** The actor of an audit event in words, for staff; the raw `actor` reference stays as it was. */
@Resolver(() => AuditEvent)
export class AuditActorResolver {
  @FieldResolver(() => AuditActorKind, { nullable: true, description: 'What kind of actor `actor` names; null when none' })
  actorKind(@Root() event: AuditEvent): AuditActorKind | null {
    return event.actor ? (KINDS[parseActor(event.actor).kind] ?? AuditActorKind.OTHER) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The actor as staff read it: the account's email, the staff login, or the API token's name (ADMIN or DPO of the tenant). Null when unknown or gone",
  })
  async actorLabel(@Root() event: AuditEvent, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (!event.actor) return null;
    return (await ctx.auditTrail.actorLabel(event.actor)).label;
  }
}
