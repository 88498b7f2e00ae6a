// Who may see an event on a live stream: the event's scope names the roles, users and
// data scopes (grids, departments, buildings, areas, enterprises) it concerns; an empty
// scope is internal and reaches nobody. Pure.
import type { Actor } from '../auth/actor.js';
import type { DomainEvent, EventScope } from '../bus/index.js';

const meets = (want: readonly number[] | undefined, have: readonly number[]) => !!want?.length && want.some((x) => have.includes(x));

export function canSee(actor: Actor, e: Pick<DomainEvent, 'tenantId' | 'scope'>): boolean {
  if (actor.tenantId !== e.tenantId) return false;
  const s: EventScope = e.scope ?? {};
  if (actor.kind === 'apiKey') return s.public === true;
  if (actor.kind !== 'user') return false;
  if (s.public) return true;
  if (s.users?.includes(actor.id)) return true;
  if (s.roles?.some((r) => (actor.roles as readonly string[]).includes(r))) return true;
  const sc = actor.scopes;
  return (
    meets(s.grids, sc.grid) ||
    meets(s.departments, actor.departmentId !== null ? [...sc.department, actor.departmentId] : sc.department) ||
    meets(s.buildings, sc.building) ||
    meets(s.areas, sc.area) ||
    meets(s.enterprises, sc.enterprise)
  );
}

/** "case.*,sensing.alarm" → does a type match one of the patterns? (no patterns = all) */
export function typeMatcher(spec: string | undefined): (type: string) => boolean {
  const pats = (spec ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (pats.length === 0) return () => true;
  return (type) => pats.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}
