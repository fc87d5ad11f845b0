import { ApiTokenResolver } from './api-token.resolver.js';
import { InvitationResolver } from './invitation.resolver.js';
import { MfaResolver } from './mfa.resolver.js';
import { PasswordResolver } from './password.resolver.js';
import { PortalAccountResolver } from './portal-account.resolver.js';
import { SignInResolver } from './sign-in.resolver.js';
import { ViewerResolver } from './viewer.resolver.js';

/** The account resolvers, for resolvers/schema.ts. */
export const accountResolvers = [
  ViewerResolver,
  SignInResolver,
  PasswordResolver,
  InvitationResolver,
  MfaResolver,
  ApiTokenResolver,
  PortalAccountResolver,
] as const;
