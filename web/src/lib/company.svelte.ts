import type { DelegationScope, Feature } from '../gql/graphql';
import { loadCompanyContext, switchContext } from './api/delegations';
import { router } from './router/router.svelte';

export interface CompanyChoice {
  delegationId: string;
  companyName: string;
}

/** The parts of the portal each delegated scope opens (the gateway's mapping, for menus only). */
const SCOPE_FEATURES: Record<DelegationScope, Feature[]> = {
  VIEW_INVOICES_ORDERS: ['INVOICES', 'ORDERS'],
  VIEW_CONTRACTS: ['CONTRACTS'],
  VIEW_DOCUMENTS: ['DOCUMENTS'],
  SUBMIT_REQUESTS: ['REQUESTS'],
};

/**
 * The company context of the signed-in person (issue 16): their own company's name (B2B), the
 * company they act for now, and the companies whose delegations they may switch to. The gateway
 * keeps the choice on the session and enforces it; this only mirrors it for the header.
 */
class CompanyContext {
  ownCompany = $state<string | null>(null);
  acting = $state<(CompanyChoice & { scopes: DelegationScope[] }) | null>(null);
  choices = $state<CompanyChoice[]>([]);
  loaded = $state(false);

  private pending: Promise<void> | null = null;

  /**
   * The switched-on parts this context may open: all of them for oneself; for a company those its
   * delegation covers, plus the person's own profile (which stays theirs in any context).
   */
  visible(features: readonly Feature[]): Feature[] {
    if (!this.acting) return [...features];
    const open = new Set(this.acting.scopes.flatMap((scope) => SCOPE_FEATURES[scope]));
    return features.filter((feature) => feature === 'PROFILE' || open.has(feature));
  }

  /** The context, loaded once per account (the header and the pages share it). */
  whenLoaded(): Promise<void> {
    return (this.pending ??= this.load());
  }

  /** The name the header and dashboard show: the company acted for, else the own company. */
  get currentName(): string | null {
    return this.acting?.companyName ?? this.ownCompany;
  }

  async load(): Promise<void> {
    try {
      const data = await loadCompanyContext();
      const viewer = data.viewer?.__typename === 'CustomerViewer' ? data.viewer : null;
      this.ownCompany = viewer?.company?.name ?? null;
      this.acting = viewer?.actingFor
        ? {
            delegationId: viewer.actingFor.delegationId,
            companyName: viewer.actingFor.companyName ?? '',
            scopes: viewer.actingFor.scopes,
          }
        : null;
      this.choices = data.delegationsReceived
        .filter((delegation) => delegation.status === 'ACTIVE')
        .map((delegation) => ({ delegationId: delegation.id, companyName: delegation.companyName ?? '' }));
    } catch {
      // The header works without it: no company name and no switcher.
      this.choices = [];
    } finally {
      this.loaded = true;
    }
  }

  reset(): void {
    this.ownCompany = null;
    this.acting = null;
    this.choices = [];
    this.loaded = false;
    this.pending = null;
  }

  /**
   * Switches context and reloads the app on the overview, so no page keeps showing records of the
   * previous context.
   */
  async switchTo(delegationId: string | null): Promise<void> {
    await switchContext(delegationId);
    window.location.assign(router.href('/'));
  }
}

export const company = new CompanyContext();
