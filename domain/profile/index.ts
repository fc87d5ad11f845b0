/** The profile domain's public surface; other modules import from here. */
export { ProfileService, type ProfileServiceDeps } from './profile.service.js';
export { createProfileService, type ProfileServiceOptions } from './profile-services.js';
export { EmailChangeService, EmailTakenError, EMAIL_CHANGE_LIMIT, EMAIL_CHANGE_TTL_MS } from './email-change.service.js';
export type { PersonRecordLoaders } from './person-records.js';
export { parseProfileInput, isPlausiblePhone, LIMITS as PROFILE_LIMITS } from './profile-validation.js';
export type {
  OrganisationDetails,
  PendingEmail,
  PersonDetails,
  ProfileChanges,
  ProfileInput,
  ProfileView,
} from './profile.types.js';
