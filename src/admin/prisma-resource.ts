// @adminjs/prisma's Resource with two additions the screens need:
// - "virtual filters": filter names that are not columns (a dialogue's marker, "no operator
//   response", message text) translated into Prisma `where` clauses, so filtering stays in SQL;
// - case-insensitive text search ("contains" in @adminjs/prisma is case-sensitive);
// - secret columns (password hashes, encrypted tokens) that are never read into a record, so no
//   API answer or populated reference can carry them to a browser.
import { Resource, convertFilter } from '@adminjs/prisma';
import type { Filter } from 'adminjs';
import type { PrismaClient } from '@prisma/client';
import { findModel, type Datamodel } from '../db/dmmf.js';
import { escapeLike } from '../db/like-pattern.js';
import { isUuid } from '../domain/uuid.js';

export type Where = Record<string, unknown>;
/** Returns the condition for a filter value, or undefined to ignore an unknown value. */
export type VirtualFilter = (value: string) => Where | undefined;

interface FilterElement { path: string; value: unknown; property: { type(): string; isEnum(): boolean } | null }
interface SortParams { sortBy?: string; direction?: 'asc' | 'desc' }
interface PrismaManager {
  count(args: unknown): Promise<number>;
  findMany(args: unknown): Promise<Record<string, unknown>[]>;
}


export class ChatsPrismaResource extends Resource {
  private readonly virtualFilters: Record<string, VirtualFilter>;

  constructor(
    prisma: PrismaClient,
    datamodel: Datamodel,
    modelName: string,
    virtualFilters: Record<string, VirtualFilter> = {},
    secretFields: string[] = [],
  ) {
    // clientModule supplies the enums: the client engine's runtime DMMF is trimmed.
    super({ model: findModel(datamodel, modelName) as never, client: prisma, clientModule: { Prisma: { dmmf: { datamodel } } } as never });
    this.virtualFilters = virtualFilters;
    if (secretFields.length) {
      const self = this as unknown as { prepareReturnValues(row: Record<string, unknown>): Record<string, unknown> };
      const prepare = self.prepareReturnValues.bind(this);
      self.prepareReturnValues = (row) => {
        const values = prepare(row);
        for (const field of secretFields) delete values[field];
        return values;
      };
    }
  }

  private get prismaManager(): PrismaManager {
    return (this as unknown as { manager: PrismaManager }).manager;
  }

  /** Prisma `where` for an AdminJS filter. */
  buildWhere(filter?: Filter | null): Where {
    const conditions: Where[] = [];
    const columnFilters: Record<string, FilterElement> = {};
    for (const [path, element] of Object.entries(filter?.filters ?? {}) as unknown as [string, FilterElement][]) {
      const { value, property } = element;
      const virtual = this.virtualFilters[path];
      if (virtual) {
        const where = typeof value === 'string' && value !== '' ? virtual(value) : undefined;
        if (where) conditions.push(where);
      } else if (property?.type() === 'string' && !property.isEnum() && typeof value === 'string' && !isUuid(value)) {
        conditions.push({ [path]: { contains: escapeLike(value), mode: 'insensitive' } });
      } else if (property) {
        columnFilters[path] = element;
      }
    }
    if (Object.keys(columnFilters).length) {
      conditions.push(convertFilter((this as unknown as { model: { fields: never } }).model.fields, { filters: columnFilters } as never));
    }
    if (conditions.length === 0) return {};
    return conditions.length === 1 ? conditions[0] : { AND: conditions };
  }

  async count(filter: Filter): Promise<number> {
    return this.prismaManager.count({ where: this.buildWhere(filter) });
  }

  async find(filter: Filter, params: { limit?: number; offset?: number; sort?: SortParams } = {}) {
    const { limit = 10, offset = 0, sort = {} } = params;
    const self = this as unknown as {
      buildSortBy(sort: SortParams): unknown;
      prepareReturnValues(row: Record<string, unknown>): Record<string, unknown>;
    };
    const rows = await this.prismaManager.findMany({
      where: this.buildWhere(filter),
      skip: offset,
      take: limit,
      orderBy: self.buildSortBy(sort),
    });
    return rows.map((row) => this.build(self.prepareReturnValues(row)));
  }
}
