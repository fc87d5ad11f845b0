import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { PersonDetails, ProfileView } from '../../domain/profile/index.js';
import { AccountType, Locale } from '../../schema/accounts/account.enums.js';
import { ProfileInput } from '../../schema/profile/profile.input.js';
import { Profile, ProfileOrganisation } from '../../schema/profile/profile.type.js';
import type { RequestContext } from '../context.js';

/** What the Profile field resolvers receive: the account fields, and the Nextcloud part on demand. */
type ProfileSource = Omit<Profile, keyof PersonDetails> & { person: ProfileView['person'] };

function toSource(view: ProfileView): ProfileSource {
  const { account, pendingEmail } = view;
  return {
    id: account.id,
    email: account.email,
    pendingEmail: pendingEmail?.email ?? null,
    pendingEmailExpiresAt: pendingEmail?.expiresAt ?? null,
    type: AccountType[account.type],
    locale: account.locale === 'en' ? Locale.EN : Locale.NL,
    mfaEnabled: account.mfa.enabled,
    createdAt: account.createdAt,
    lastSignInAt: account.lastSignInAt,
    person: view.person,
  };
}

@Resolver(() => Profile)
export class ProfileResolver {
  @Query(() => Profile, {
    nullable: true,
    description: "The signed-in customer's profile (feature PROFILE; not for partner tokens)",
  })
  async profile(@Ctx() ctx: RequestContext): Promise<ProfileSource> {
    return toSource(await ctx.profile.read());
  }

  @Mutation(() => Profile, {
    description:
      'Changes your details, written through to the customer administration; a new email is confirmed through a mailed link first',
  })
  async updateProfile(@Arg('input', () => ProfileInput) input: ProfileInput, @Ctx() ctx: RequestContext): Promise<ProfileSource> {
    return toSource(await ctx.profile.update(input));
  }

  @Mutation(() => Boolean, {
    description:
      'Makes a pending email change take effect, with the token from the mail sent to the new address (30 minutes, single use)',
  })
  confirmEmailChange(@Arg('token') token: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.profile.confirmEmailChange(token);
  }

  @FieldResolver(() => String, { nullable: true })
  async displayName(@Root() profile: ProfileSource): Promise<string | null> {
    return (await profile.person()).displayName;
  }

  @FieldResolver(() => String, { nullable: true })
  async phone(@Root() profile: ProfileSource): Promise<string | null> {
    return (await profile.person()).phone;
  }

  @FieldResolver(() => String, { nullable: true })
  async address(@Root() profile: ProfileSource): Promise<string | null> {
    return (await profile.person()).address;
  }

  @FieldResolver(() => String, { nullable: true })
  async jobTitle(@Root() profile: ProfileSource): Promise<string | null> {
    return (await profile.person()).jobTitle;
  }

  @FieldResolver(() => ProfileOrganisation, { nullable: true })
  async organisation(@Root() profile: ProfileSource): Promise<ProfileOrganisation | null> {
    return (await profile.person()).organisation;
  }
}
