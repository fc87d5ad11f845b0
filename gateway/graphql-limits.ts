import type { ApolloServerPlugin } from '@apollo/server';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode, PortalError } from '../core/errors.js';
import { fragmentsOf, shapeOf } from './operation-shape.js';
import { upstreamCallsOf } from './upstream-demand.js';

/**
 * The limits one GraphQL request must stay within. Every refusal is BAD_USER_INPUT with HTTP 400
 * and a message that says which limit and by how much, so a client developer can fix the query.
 */
export interface GraphqlLimits {
  /** Lexical tokens the parser reads before giving up; bounds all later work on a document. */
  maxTokens: number;
  /** Directives in the whole document (`@include`, `@skip`, …). */
  maxDirectives: number;
  maxDepth: number;
  /** Aliased fields in the operation, fragments expanded. */
  maxAliases: number;
  /** Occurrences of list and connection fields in the operation, aliases and fragment copies included. */
  maxListFields: number;
  /** Fields in the operation with fragments expanded; beyond this the operation is not even measured. */
  maxFields: number;
  maxCost: number;
  /** Calls to the tenant's Nextcloud one request may need (see upstream-demand.ts). */
  upstreamCallsPerRequest: number;
}

export const DEFAULT_GRAPHQL_LIMITS: Readonly<GraphqlLimits> = {
  maxTokens: 5_000,
  maxDirectives: 50,
  maxDepth: 12,
  maxAliases: 30,
  maxListFields: 20,
  maxFields: 2_000,
  maxCost: 5_000,
  upstreamCallsPerRequest: 20,
};

/** A request refused for its size: the client's mistake, so 400 and never logged as an error. */
export class OperationLimitError extends PortalError {
  constructor(message: string) {
    super(ErrorCode.BAD_USER_INPUT, message, { http: { status: 400 } });
  }
}

/**
 * Lists multiply the cost of what is selected inside them: `invoices(first: 50) { documents }`
 * costs fifty times its children. Fields without `first` cost one plus their children.
 */
const pagedFieldEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if (typeof args.first === 'number') return 1 + childComplexity * Math.max(1, args.first);
  return undefined;
};

/**
 * Counts directives over the whole document, flat: no fragment expansion, so it is linear in the
 * document and safe on documents that standard validation has not accepted yet.
 */
export function maxDirectivesRule(maximum: number) {
  return (context: ValidationContext): ASTVisitor => {
    let count = 0;
    return {
      Directive() {
        count += 1;
        if (count === maximum + 1) {
          context.reportError(new GraphQLError(`Too many directives (more than ${maximum}).`));
        }
      },
    };
  };
}

/**
 * Measures the operation against depth, alias, list-field, cost and upstream-budget limits before
 * anything executes. It runs from `didResolveOperation`, i.e. only after standard validation
 * passed, so it never meets a fragment cycle, an unknown fragment or a type mismatch (issue 10,
 * item 5). Variables are coerced here only to read `first` and list arguments: when they do not
 * coerce, the checks step aside and execution reports the mistake itself, as a 400 naming the
 * variable, before any resolver runs (item 4).
 */
export function operationLimitsPlugin(
  schema: GraphQLSchema,
  limits: GraphqlLimits = DEFAULT_GRAPHQL_LIMITS,
  options: { isTrusted?: (queryHash: string) => boolean } = {},
): ApolloServerPlugin {
  const verdicts = new OperationVerdicts(options.isTrusted ?? (() => false));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName, operation, queryHash }) {
          const name = operationName ?? request.operationName;
          const variables = request.variables ?? {};
          // Mutations carry uploads and long texts: not worth a key; their check runs every time.
          if (operation?.operation !== 'query') return checkOperation(schema, document, name, variables, limits);
          verdicts.check(document, queryHash, `${name ?? ''}\u0000${JSON.stringify(variables)}`, () =>
            checkOperation(schema, document, name, variables, limits),
          );
        },
      };
    },
  };
}

/** Kept per document: the web app sends a handful of variable sets per query. */
const VERDICTS_PER_DOCUMENT = 32;

/**
 * The outcome of the limit checks for a query and its variables, remembered so that the same
 * query (Apollo hands out the same parsed document for the same text) is measured once, not on
 * every request. A document that Apollo's own cache evicts takes its verdicts with it — except a
 * trusted document (the web app's, gateway/trusted-documents.ts): its verdicts are kept by hash
 * for the life of the process, so a flood of other documents cannot make the portal's own pages
 * pay for their checks again. The trusted list bounds how many hashes that can be.
 */
class OperationVerdicts {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, string | null>>();
  private readonly byTrustedHash = new Map<string, Map<string, string | null>>();

  constructor(private readonly isTrusted: (queryHash: string) => boolean) {}

  check(document: DocumentNode, queryHash: string | undefined, key: string, measure: () => void): void {
    const verdicts = this.verdictsOf(document, queryHash);
    const known = verdicts.get(key);
    if (known === null) return;
    if (known !== undefined) throw new OperationLimitError(known);
    try {
      measure();
      this.remember(verdicts, key, null);
    } catch (error) {
      if (error instanceof OperationLimitError) this.remember(verdicts, key, error.message);
      throw error;
    }
  }

  private verdictsOf(document: DocumentNode, queryHash: string | undefined): Map<string, string | null> {
    if (queryHash !== undefined && this.isTrusted(queryHash)) {
      let verdicts = this.byTrustedHash.get(queryHash);
      if (!verdicts) this.byTrustedHash.set(queryHash, (verdicts = new Map()));
      return verdicts;
    }
    let verdicts = this.byDocument.get(document);
    if (!verdicts) this.byDocument.set(document, (verdicts = new Map()));
    return verdicts;
  }

  private remember(verdicts: Map<string, string | null>, key: string, verdict: string | null): void {
    if (verdicts.size >= VERDICTS_PER_DOCUMENT) verdicts.delete(verdicts.keys().next().value!);
    verdicts.set(key, verdict);
  }
}

export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown>,
  limits: GraphqlLimits,
): void {
  const operation = getOperationAST(document, operationName);
  if (!operation) return;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables, { maxErrors: 1 });
  if (coerced.errors) return;
  const variables = coerced.coerced;

  const shape = shapeOf(schema, operation, fragmentsOf(document.definitions), variables, limits.maxFields);
  if (shape.truncated) {
    throw new OperationLimitError(`This query selects too many fields (more than ${limits.maxFields} with fragments expanded).`);
  }
  if (shape.depth > limits.maxDepth) {
    throw new OperationLimitError(`This query is nested too deeply (depth ${shape.depth}, maximum ${limits.maxDepth}).`);
  }
  const upstreamCalls = upstreamCallsOf(shape.fields);
  if (upstreamCalls > limits.upstreamCallsPerRequest) {
    throw new OperationLimitError(
      `This query would need about ${upstreamCalls} calls to Nextcloud; one request may make at most ${limits.upstreamCallsPerRequest}. ` +
        'Ask for fewer lists or fewer distinct filters per request.',
    );
  }
  if (shape.aliases > limits.maxAliases) {
    throw new OperationLimitError(`This query uses too many aliases (${shape.aliases}, maximum ${limits.maxAliases}).`);
  }
  if (shape.listFields > limits.maxListFields) {
    throw new OperationLimitError(
      `This query asks for too many list fields (${shape.listFields}, maximum ${limits.maxListFields}). Ask for fewer lists per request.`,
    );
  }
  // Bounded by maxFields above: graphql-query-complexity expands fragments without memoising.
  const cost = getComplexity({
    schema,
    query: document,
    operationName: operation.name?.value,
    // The client's values, known to coerce: the library coerces them itself.
    variables: rawVariables,
    estimators: [pagedFieldEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
  if (cost > limits.maxCost) {
    throw new OperationLimitError(
      `This query is too expensive (cost ${cost}, maximum ${limits.maxCost}). Ask for fewer items or fields.`,
    );
  }
}
