import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the operation selects `path` below the current field (through fragments too), e.g.
 * `['edges', 'node', 'documents']` on a list. Lets a list ask Nextcloud for its rows' file
 * metadata in the same call only when the client wants documents.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => selectsIn(node.selectionSet, path, info));
}

function selectsIn(set: SelectionSetNode | undefined, path: readonly string[], info: GraphQLResolveInfo, depth = 0): boolean {
  if (!set || path.length === 0 || depth > 20) return path.length === 0;
  const [head, ...rest] = path;
  return set.selections.some((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return (
          (selection as FieldNode).name.value === head &&
          (rest.length === 0 || selectsIn(selection.selectionSet, rest, info, depth + 1))
        );
      case Kind.INLINE_FRAGMENT:
        return selectsIn(selection.selectionSet, path, info, depth + 1);
      case Kind.FRAGMENT_SPREAD:
        return selectsIn(info.fragments[selection.name.value]?.selectionSet, path, info, depth + 1);
      default:
        return false;
    }
  });
}
