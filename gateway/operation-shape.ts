import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** One field as execution would meet it: where it sits, and its arguments with variables filled in. */
export interface FieldVisit {
  /** `Type.field`, e.g. `Query.invoices`. */
  coordinate: string;
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
  /** Whether the field answers a list or a connection (a Relay-style `edges` list). */
  isList: boolean;
  /** 1 for root fields; introspection fields (`__schema`, `__type`) do not count. */
  depth: number;
}

export interface OperationShape {
  depth: number;
  /** Every occurrence of a list or connection field, aliases and fragment copies included. */
  listFields: number;
  aliases: number;
  /** Fields walked; the walk stops early (truncated) once it passes the caller's ceiling. */
  visited: number;
  truncated: boolean;
  fields: FieldVisit[];
}

type FieldParent = GraphQLObjectType | GraphQLInterfaceType;
const isFieldParent = (type: unknown): type is FieldParent => isObjectType(type) || isInterfaceType(type);

const isConnection = (type: GraphQLNamedType) =>
  isObjectType(type) && type.name.endsWith('Connection') && 'edges' in type.getFields();

/**
 * Walks one operation the way execution would, with fragments expanded, so every limit sees the
 * real size of the operation (a fragment spread ten times costs ten times). It runs only on
 * documents that passed standard validation, so fragments exist, types match and there are no
 * fragment cycles. Expanding fragments can still grow exponentially (A spreads B twice, B spreads
 * C twice, …), so the walk stops once it has visited `maxVisits` fields and reports `truncated`.
 */
export function shapeOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  maxVisits: number,
): OperationShape {
  const shape: OperationShape = { depth: 0, listFields: 0, aliases: 0, visited: 0, truncated: false, fields: [] };
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return shape;

  const walk = (selectionSet: SelectionSetNode, parent: FieldParent | null, depth: number): void => {
    for (const selection of selectionSet.selections) {
      if (shape.truncated) return;
      if (selection.kind === Kind.FIELD) {
        visitField(selection, parent, depth);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, narrowed(selection.typeCondition?.name.value, parent), depth);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet, narrowed(fragment.typeCondition.name.value, parent), depth);
      }
    }
  };

  // A fragment on an interface or union member: fields are looked up on the narrowest object type known.
  const narrowed = (typeName: string | undefined, parent: FieldParent | null): FieldParent | null => {
    const type = typeName ? schema.getType(typeName) : parent;
    return isFieldParent(type) ? type : parent;
  };

  const visitField = (node: FieldNode, parent: FieldParent | null, depth: number): void => {
    shape.visited += 1;
    if (shape.visited > maxVisits) {
      shape.truncated = true;
      return;
    }
    if (node.alias) shape.aliases += 1;
    const name = node.name.value;
    // Introspection is answered from the schema in memory; its nesting (ofType …) is not a cost.
    if (name.startsWith('__')) return;
    shape.depth = Math.max(shape.depth, depth);
    const field = parent?.getFields()[name];
    if (!field || !parent) return;
    const nullable = getNullableType(field.type);
    const named = getNamedType(field.type);
    const isList = isListType(nullable) || isConnection(named);
    if (isList) shape.listFields += 1;
    shape.fields.push({
      coordinate: `${parent.name}.${name}`,
      field,
      args: safeArguments(field, node, variables),
      isList,
      depth,
    });
    if (node.selectionSet) walk(node.selectionSet, isFieldParent(named) ? named : null, depth + 1);
  };

  walk(operation.selectionSet, root, 1);
  return shape;
}

/** Arguments as execution will see them; an argument that cannot be read counts as absent. */
function safeArguments(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>) {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return {};
  }
}

export function fragmentsOf(definitions: readonly { kind: Kind }[]): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments.set(fragment.name.value, fragment);
    }
  }
  return fragments;
}
