import { ApiTokenResolver } from './api-token.resolver.js';
import { ClientSearchResolver } from './client-search.resolver.js';
import { InvitationResolver } from './invitation.resolver.js';
import { MfaResolver } from './mfa.resolver.js';
import { PasswordResolver } from './password.resolver.js';
import { PortalAccountResolver } from './portal-account.resolver.js';
import { SessionResolver } from './session.resolver.js';
import { SignInResolver } from './sign-in.resolver.js';
import { ViewerResolver } from './viewer.resolver.js';

/** The account resolvers, for resolvers/schema.ts. */
export const accountResolvers = [
  ViewerResolver,
  SignInResolver,
  PasswordResolver,
  InvitationResolver,
  ClientSearchResolver,
  MfaResolver,
  SessionResolver,
  ApiTokenResolver,
  PortalAccountResolver,
] as const;
