import type { ProfileInput, ProfileView } from '../profile/index.js';
import type { Services } from '../services.js';
import { customerOf } from './principals.js';
import type { ScopeFacts } from './request-scope.js';

type UpdateInput = Parameters<Services['profile']['update']>[2];

/** The signed-in customer's profile; people are read through the request's shared loaders. */
export function profileFacade(services: Services, scope: ScopeFacts) {
  const { tenant, principal } = scope;
  return {
    read(): Promise<ProfileView> {
      return services.profile.read(tenant, customerOf(principal, 'profile'), scope.personLoaders);
    },
    update(input: UpdateInput & ProfileInput): Promise<ProfileView> {
      return services.profile.update(tenant, customerOf(principal, 'updateProfile'), input, scope.mailMeta, scope.personLoaders);
    },
    /** The mailed token is the credential: no session needed. */
    confirmEmailChange(token: string): Promise<boolean> {
      return services.profile.confirmEmailChange(tenant, token, scope.meta);
    },
  };
}

export type ProfileFacade = ReturnType<typeof profileFacade>;
