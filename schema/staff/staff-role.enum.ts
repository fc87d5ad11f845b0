import { registerEnumType } from 'type-graphql';

export enum StaffRole {
  ADMIN = 'ADMIN',
  DPO = 'DPO',
}

registerEnumType(StaffRole, { name: 'StaffRole', description: "A tenant's staff role, from Nextcloud group membership" });
