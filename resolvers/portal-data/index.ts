import { ContractResolver } from './contract.resolver.js';
import { DocumentResolver } from './document.resolver.js';
import { InvoiceResolver } from './invoice.resolver.js';
import { OrderResolver } from './order.resolver.js';
import { RequestMutationResolver } from './request-mutation.resolver.js';
import { RequestResolver } from './request.resolver.js';

/** The customer data API: invoices, orders, contracts, requests, documents. */
export const portalDataResolvers = [
  InvoiceResolver,
  OrderResolver,
  ContractResolver,
  RequestResolver,
  RequestMutationResolver,
  DocumentResolver,
] as const;
