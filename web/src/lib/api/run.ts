import type { AnyVariables, DocumentInput, OperationResult } from '@urql/core';
import { ApiError, toApiError } from '../errors';
import { client } from './client';

/**
 * The few ways the UI services talk to the generated client. Every answer with an error becomes
 * an ApiError, and UNAUTHENTICATED is also reported to whoever listens (the session, which then
 * shows the sign-in page): a session can end at any call (idle timeout, signed out elsewhere).
 */

type Listener = (error: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();

export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function settle<D>(result: OperationResult<D>): { data: D | undefined; error: ApiError | null } {
  const error = result.error ? toApiError(result.error) : null;
  if (error?.code === 'UNAUTHENTICATED') for (const listener of unauthenticatedListeners) listener(error);
  return { data: result.data, error };
}

/** A query whose whole answer is needed: throws on any error. */
export async function query<D, V extends AnyVariables>(document: DocumentInput<D, V>, variables: V): Promise<D> {
  const { data, error } = settle(await client.query(document, variables).toPromise());
  if (error || !data) throw error ?? new ApiError('NETWORK', 'empty answer');
  return data;
}

/** A query whose parts may fail on their own (e.g. the dashboard): data and error side by side. */
export async function queryPartial<D, V extends AnyVariables>(
  document: DocumentInput<D, V>,
  variables: V,
): Promise<{ data: D | undefined; error: ApiError | null }> {
  return settle(await client.query(document, variables).toPromise());
}

export async function mutate<D, V extends AnyVariables>(document: DocumentInput<D, V>, variables: V): Promise<D> {
  const { data, error } = settle(await client.mutation(document, variables).toPromise());
  if (error || !data) throw error ?? new ApiError('NETWORK', 'empty answer');
  return data;
}
