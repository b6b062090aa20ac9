// @adminjs/prisma's Resource with the additions the screens need:
// - "virtual filters": filter names that are not columns (a dialogue's marker, "no operator
//   response", message text) translated into Prisma `where` clauses, so filtering stays in SQL;
// - case-insensitive text search ("contains" in @adminjs/prisma is case-sensitive);
// - totals counted only up to a limit on big tables (capped-total.ts), when `cappedCount`;
// - server-only columns (password hashes, encrypted tokens), declared per resource, that are
//   dropped from every record the resource builds (list, show, edit, search, populated
//   references): hiding a property does not remove it from the record JSON sent to the browser;
// - record ids that cannot name a row (not a positive int4 for a serial id, not a UUID for a UUID
//   id) find nothing, so a mistyped URL is "not found" rather than a database error;
// - money (Decimal) columns as decimal strings in every record;
// - with an `audit` description, create, update and delete write their audit entry in the same
//   transaction as the change (audited-writes.ts).
import { Resource, convertFilter, convertParam } from '@adminjs/prisma';
import type { Filter } from 'adminjs';
import { Prisma, type PrismaClient } from '@prisma/client';
import { findModel, type Datamodel } from '../db/dmmf.js';
import { escapeLike } from '../db/like-pattern.js';
import { isUuid } from '../domain/uuid.js';
import { countCap, exactCountLimit } from './capped-total.js';
import { isSerialId } from '../domain/query-values.js';
import { auditedTransaction, type Tx } from '../audit/audited-transaction.js';
import { writeEntries, type ResourceAudit } from './audited-writes.js';

export type Where = Record<string, unknown>;
/** Returns the condition for a filter value, or undefined to ignore an unknown value. */
export type VirtualFilter = (value: string) => Where | undefined;

interface FilterElement { path: string; value: unknown; property: { type(): string; isEnum(): boolean } | null }
interface SortParams { sortBy?: string; direction?: 'asc' | 'desc' }
interface PrismaManager {
  count(args: unknown): Promise<number>;
  findMany(args: unknown): Promise<Record<string, unknown>[]>;
}


export interface ChatsResourceOptions {
  /** Filter name → its condition, for filters that are not columns. */
  virtualFilters?: Record<string, VirtualFilter>;
  /** Columns that never leave the server in a record. */
  serverOnly?: readonly string[];
  /** Count the list's total only up to a limit (a big table: capped-total.ts). */
  cappedCount?: boolean;
  /** Record create, update and delete in the audit log, in the change's transaction. */
  audit?: ResourceAudit;
}

interface Delegate {
  findUnique(args: unknown): Promise<Record<string, unknown> | null>;
  create(args: unknown): Promise<Record<string, unknown>>;
  update(args: unknown): Promise<Record<string, unknown>>;
  delete(args: unknown): Promise<Record<string, unknown>>;
}

export class ChatsPrismaResource extends Resource {
  private readonly virtualFilters: Record<string, VirtualFilter>;
  private readonly serverOnly: readonly string[];
  private readonly cappedCount: boolean;
  private readonly audit?: ResourceAudit;
  // The list action calls find() then count() with the same Filter: the end of the page asked for.
  private readonly pageEnds = new WeakMap<object, number>();

  constructor(prisma: PrismaClient, datamodel: Datamodel, modelName: string, options: ChatsResourceOptions = {}) {
    // clientModule supplies the enums: the client engine's runtime DMMF is trimmed.
    super({ model: findModel(datamodel, modelName) as never, client: prisma, clientModule: { Prisma: { dmmf: { datamodel } } } as never });
    this.virtualFilters = options.virtualFilters ?? {};
    this.serverOnly = options.serverOnly ?? [];
    this.cappedCount = options.cappedCount ?? false;
    this.audit = options.audit;
  }

  // Every record of the resource is made from a row here (find, findOne, findMany, create, update).
  protected override prepareReturnValues(row: Record<string, unknown>): Record<string, unknown> {
    const values = super.prepareReturnValues(row);
    for (const column of this.serverOnly) delete values[column];
    // a Decimal object would be flattened into its internals (priceWeb.s, .e, .d.0) in the record JSON
    for (const [key, value] of Object.entries(values)) if (Prisma.Decimal.isDecimal(value)) values[key] = value.toString();
    return values;
  }

  private isPossibleId(id: unknown): boolean {
    const column = (this as unknown as { model: { fields: { isId?: boolean; type: string; nativeType?: [string, unknown] | null }[] } }).model.fields.find((field) => field.isId);
    const text = String(id);
    if (column?.nativeType?.[0] === 'Uuid') return isUuid(text);
    if (column?.type === 'Int') return isSerialId(text);
    return true;
  }

  async findOne(id: string | number) {
    return this.isPossibleId(id) ? super.findOne(id) : null;
  }

  async findMany(ids: (string | number)[]) {
    const possible = ids.filter((id) => this.isPossibleId(id));
    return possible.length ? super.findMany(possible) : [];
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

  /** How many rows a capped count needs for the page the list asked for (capped-total.ts). */
  protected countCapFor(filter: Filter | null | undefined): number {
    const text = (filter?.filters as Record<string, { value?: unknown }> | undefined)?.text?.value;
    return countCap(filter ? this.pageEnds.get(filter) ?? 0 : 0, exactCountLimit(typeof text === 'string' && text.trim() !== ''));
  }

  async count(filter: Filter): Promise<number> {
    const where = this.buildWhere(filter);
    if (!this.cappedCount) return this.prismaManager.count({ where });
    // COUNT over a LIMITed subquery: stops after the rows it needs
    return this.prismaManager.count({ where, take: this.countCapFor(filter) });
  }

  async find(filter: Filter, params: { limit?: number; offset?: number; sort?: SortParams } = {}) {
    const { limit = 10, offset = 0, sort = {} } = params;
    if (filter) this.pageEnds.set(filter, offset + limit);
    const self = this as unknown as { buildSortBy(sort: SortParams): unknown };
    const rows = await this.prismaManager.findMany({
      where: this.buildWhere(filter),
      skip: offset,
      take: limit,
      orderBy: self.buildSortBy(sort),
    });
    return rows.map((row) => this.build(this.prepareReturnValues(row)));
  }

  // the model's delegate inside a transaction (tx.chat, tx.adminUser)
  private delegate(tx: Tx): Delegate {
    const name = this.model.name;
    return (tx as unknown as Record<string, Delegate>)[name.charAt(0).toLowerCase() + name.slice(1)];
  }

  private whereId(id: string | number): Where {
    return { [this.idProperty.path()]: convertParam(this.idProperty, this.model.fields as never, id) };
  }

  async create(params: Record<string, unknown>) {
    const audit = this.audit;
    if (!audit) return super.create(params);
    const data = this.prepareParams(params);
    const row = await auditedTransaction(this.client, async (tx) => {
      const created = await this.delegate(tx).create({ data });
      return { result: created, entries: writeEntries(audit, null, created) };
    });
    return this.prepareReturnValues(row);
  }

  async update(pk: string | number, params: Record<string, unknown> = {}) {
    const audit = this.audit;
    if (!audit) return super.update(pk, params);
    const data = this.prepareParams(params);
    const where = this.whereId(pk);
    const row = await auditedTransaction(this.client, async (tx) => {
      const before = await this.delegate(tx).findUnique({ where });
      const after = await this.delegate(tx).update({ where, data });
      return { result: after, entries: before ? writeEntries(audit, before, after) : [] };
    });
    return this.prepareReturnValues(row);
  }

  async delete(id: string | number) {
    const audit = this.audit;
    if (!audit) return super.delete(id);
    const where = this.whereId(id);
    await auditedTransaction(this.client, async (tx) => {
      const before = await this.delegate(tx).findUnique({ where });
      await this.delegate(tx).delete({ where });
      return { result: undefined, entries: before ? writeEntries(audit, before, null) : [] };
    });
  }
}
