// One guard for the list and search queries of every resource of the plugin (applied to all of
// them in src/plugin.ts, so a resource added later is guarded too): filters only on the
// properties the resource declares filterable, search only by its title property, sorting only by
// a sortable column of its list, and every value of the kind its column holds. Hidden and
// server-only columns (password hashes, Facebook secrets) are never filterable, listed or the
// title, so they can never be matched, searched or sorted on. A refusal is an AdminJS
// ValidationError of type INVALID_QUERY, which http/admin-errors.ts answers with 400.
// Search answers keep only each record's id and title: a lookup needs nothing more.
import { flat, ValidationError, type ActionContext, type ActionRequest, type ActionResponse, type BaseProperty, type PropertyDecorator, type ResourceWithOptions } from 'adminjs';
import { valueProblem, type ValueKind } from '../../domain/query-values.js';

export const INVALID_QUERY = 'invalidFilter';

const FILTER_KEY = /^filters\.([^.~]+)(?:~~(from|to))?$/;
const PAGE = /^[1-9]\d{0,5}$/;

type Before = (request: ActionRequest, context: ActionContext) => Promise<ActionRequest> | ActionRequest;
type After = (response: ActionResponse, request: ActionRequest, context: ActionContext) => Promise<ActionResponse> | ActionResponse;

function columnKind(property: BaseProperty): ValueKind {
  const column = (property as unknown as { column?: { type?: string; nativeType?: [string, unknown] | null } }).column;
  if (column?.nativeType?.[0] === 'Uuid') return 'uuid';
  if (column?.type === 'Int' || column?.type === 'BigInt') return 'int';
  return typeKind(property.type());
}

function typeKind(type: string): ValueKind {
  if (type === 'number' || type === 'float' || type === 'currency') return 'number';
  if (type === 'date' || type === 'datetime') return 'date';
  if (type === 'boolean') return 'boolean';
  return 'text';
}

function kindOf(property: PropertyDecorator): ValueKind {
  if (property.type() === 'reference') {
    const id = property.reference()?.properties().find((candidate) => candidate.isId());
    return id ? columnKind(id) : 'text';
  }
  return property.isVirtual ? typeKind(property.type()) : columnKind(property.property);
}

/** Why a filter value does not fit the property, or null. */
function filterProblem(property: PropertyDecorator, value: unknown, rangeEnd: string | undefined): string | null {
  if (typeof value !== 'string') return 'must be a single value';
  const kind = kindOf(property);
  if ((kind === 'date') !== (rangeEnd !== undefined)) return kind === 'date' ? 'takes a date range (~~from, ~~to)' : 'takes no range';
  const allowed = property.availableValues()?.map((option) => String(option.value));
  if (allowed && !allowed.includes(value)) return `must be one of ${allowed.join(', ')}`;
  return valueProblem(kind, value);
}

function sortableOf(context: ActionContext): Set<string> {
  const decorated = context.resource.decorate();
  const listed = decorated.getProperties({ where: 'list' }).filter((property) => property.isSortable()).map((property) => property.propertyPath);
  const defaultSort = decorated.options.sort?.sortBy;
  return new Set(defaultSort ? [...listed, defaultSort] : listed);
}

/** The query (flattened: `filters[x]` and `filters.x` alike) checked; throws when any part is refused. */
export function checkResourceQuery(request: ActionRequest, context: ActionContext, action: 'list' | 'search'): Record<string, unknown> {
  const decorated = context.resource.decorate();
  const title = decorated.titleProperty();
  const filterable = new Map(decorated.getProperties({ where: 'filter' }).map((property) => [property.propertyPath, property]));
  // the search action looks records up by their title
  if (action === 'search') filterable.set(title.propertyPath, title);
  const query = flat.flatten<Record<string, unknown>, Record<string, unknown>>(request.query ?? {});
  const problems: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    const [, path, rangeEnd] = FILTER_KEY.exec(key) ?? [];
    if (key.startsWith('filters')) {
      const property = path ? filterable.get(path) : undefined;
      const problem = property ? (value === '' ? null : filterProblem(property, value, rangeEnd)) : 'is not a filter of this list';
      if (problem) problems[path ?? key] = problem;
    } else if (key === 'sortBy') {
      if (typeof value !== 'string' || !sortableOf(context).has(value)) problems.sortBy = `cannot sort by "${String(value)}"`;
    } else if (key === 'direction') {
      if (value !== 'asc' && value !== 'desc') problems.direction = 'must be asc or desc';
    } else if (key === 'page' || key === 'perPage') {
      if (typeof value !== 'string' || !PAGE.test(value)) problems[key] = 'must be a positive whole number';
    } else if (key === 'searchProperty') {
      if (action !== 'search' || value !== title.propertyPath) problems.searchProperty = `search goes by ${title.propertyPath} only`;
    }
  }
  const searched = action === 'search' ? (request.params as { query?: unknown } | undefined)?.query : undefined;
  if (searched !== undefined && searched !== '') {
    const problem = filterProblem(title, searched, kindOf(title) === 'date' ? 'from' : undefined);
    if (problem) problems[title.propertyPath] = problem;
  }
  if (Object.keys(problems).length) {
    const message = Object.entries(problems).map(([name, problem]) => `${name} ${problem}`).join('; ');
    const propertyErrors = Object.fromEntries(Object.entries(problems).map(([name, problem]) => [name, { message: problem }]));
    throw new ValidationError(propertyErrors, { message: `Invalid filter: ${message}`, type: INVALID_QUERY });
  }
  return query;
}

const guardBefore = (action: 'list' | 'search'): Before => (request, context) => ({ ...request, query: checkResourceQuery(request, context, action) });

interface RecordJson { id: string; title: string; params: Record<string, unknown> }

/** Search answers: each record's id and title only (the lookup shows the title and keeps the id). */
const idAndTitleOnly: After = (response, _request, context) => {
  const title = context.resource.decorate().titleProperty().propertyPath;
  const id = context.resource.properties().find((property) => property.isId())?.path() ?? 'id';
  const records = (response.records ?? []) as RecordJson[];
  return {
    ...response,
    records: records.map((record) => ({ id: record.id, title: record.title, params: { [id]: record.params[id], [title]: record.params[title] }, populated: {} })),
  };
};

type Hooks<T> = T | T[] | undefined;
const list = <T>(hooks: Hooks<T>): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);

/** The resource with the guard in front of its list and search actions. */
export function withQueryGuard(resource: ResourceWithOptions): ResourceWithOptions {
  const actions = (resource.options.actions ?? {}) as Record<string, { before?: Hooks<Before>; after?: Hooks<After> } | undefined>;
  return {
    ...resource,
    options: {
      ...resource.options,
      actions: {
        ...resource.options.actions,
        list: { ...actions.list, before: [guardBefore('list'), ...list(actions.list?.before)] },
        search: { ...actions.search, before: [guardBefore('search'), ...list(actions.search?.before)], after: [...list(actions.search?.after), idAndTitleOnly] },
      } as never,
    },
  };
}
