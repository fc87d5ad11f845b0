import { ProfileResolver } from './profile.resolver.js';

/** The profile resolvers, for resolvers/schema.ts. */
export const profileResolvers = [ProfileResolver] as const;
