import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from '../common/page-info.type.js';

/**
 * The Relay connection shape every portal-data list shares: `edges { cursor node }`, `pageInfo`
 * and `totalCount`. Each list declares its own named subclass (InvoiceConnection, …) so clients and
 * codegen see ordinary named types.
 */
export function ConnectionOf<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field({ description: 'Pass as `after` to continue after this item' })
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  // Not referenced by any field, so type-graphql leaves it out of the schema; only the named
  // subclass appears.
  @ObjectType(`${name}ConnectionBase`)
  abstract class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds with this filter' })
    totalCount!: number;
  }

  return Connection;
}
