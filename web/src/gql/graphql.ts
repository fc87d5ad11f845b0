/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A part of the portal that a tenant can switch on or off */
export type Feature =
  | 'CONTRACTS'
  | 'DOCUMENTS'
  | 'INVOICES'
  | 'ORDERS'
  | 'PROFILE'
  | 'REQUESTS';

export type PortalBrandingQueryVariables = Exact<{ [key: string]: never; }>;


export type PortalBrandingQuery = { portal: { tenantId: string, displayName: string, primaryColor: string, onPrimaryColor: string, backgroundColor: string, logoUrl: string | null, supportEmail: string | null, supportPhone: string | null, enabledFeatures: Array<Feature> } };


export const PortalBrandingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PortalBranding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"portal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenantId"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"primaryColor"}},{"kind":"Field","name":{"kind":"Name","value":"onPrimaryColor"}},{"kind":"Field","name":{"kind":"Name","value":"backgroundColor"}},{"kind":"Field","name":{"kind":"Name","value":"logoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"supportEmail"}},{"kind":"Field","name":{"kind":"Name","value":"supportPhone"}},{"kind":"Field","name":{"kind":"Name","value":"enabledFeatures"}}]}}]}}]} as unknown as DocumentNode<PortalBrandingQuery, PortalBrandingQueryVariables>;