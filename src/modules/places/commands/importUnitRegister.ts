// Import of the unit and owner register (CSV from the housing office): a preview that
// names every problem by row and column, and a commit that upserts units by building +
// unit code, relinks their owners and writes audit rows — all in one transaction, or
// nothing. Votes already open keep the electorate they froze (art. 278).
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import { authorize, inScope, hasRole, type Actor } from '../../../core/auth/index.js';
import { auditMany, type AuditEntry } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem } from '../../../core/http/problem.js';
import type { Queryable } from '../../../core/db/index.js';
import { buildings, owners, unitOwners, units } from '../schema.js';
import { decodeRegisterFile, type RegisterEncoding } from '../domain/registerFile.js';
import { floorFromCode, parseUnitRegister, REGISTER_COLUMNS, type RegisterIssue, type RegisterOwner, type RegisterRow, type UnitUse } from '../domain/unitRegister.js';

export interface UnitChange {
  row: number;
  building: string;
  unit: string;
  action: 'create' | 'update';
  /** what changes on an update: field → [before, after] */
  changes: Partial<Record<'floor' | 'area' | 'use' | 'owners', [string, string]>>;
}

export interface RegisterPlan {
  encoding: RegisterEncoding;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  ignoredColumns: string[];
  issues: RegisterIssue[];
  issueCount: number;
  changes: UnitChange[];
}

interface Existing {
  id: number;
  floor: number;
  area: string;
  use: string;
  owners: { id: number; name: string; kind: string; phone: string | null; share: string }[];
}
interface Resolved {
  row: RegisterRow;
  buildingId: number;
  use: UnitUse;
  floor: number;
  existing?: Existing;
  change?: UnitChange;
}

const ownersLabel = (os: { name: string; share: string }[]) => os.map((o) => `${o.name} ${Number(o.share)}%`).join('、');

/** Decode, parse and compare with the register; throws for a file that is not a table. */
async function plan(q: Queryable, actor: Actor, file: Buffer): Promise<{ plan: RegisterPlan; resolved: Resolved[] }> {
  const decoded = decodeRegisterFile(file);
  if (!decoded.ok) throw new Problem(decoded.code === 'register.empty' ? 422 : 415, decoded.code, {}, [{ field: 'file', in: 'body', code: decoded.code }]);
  const parsed = parseUnitRegister(decoded.text);
  const issues = [...parsed.issues];
  let issueCount = parsed.issueCount;
  const tenantId = actor.tenantId;

  const bs = await q.select({ id: buildings.id, code: buildings.code, name: buildings.name, areaId: buildings.areaId, kind: buildings.kind }).from(buildings).where(eq(buildings.tenantId, tenantId));
  const byCode = new Map(bs.map((b) => [b.code, b]));
  const byName = new Map<string, (typeof bs)[number] | null>();
  for (const b of bs) byName.set(b.name, byName.has(b.name) ? null : b); // a name two buildings share matches neither
  const whole = hasRole(actor, 'admin');

  const resolved: Resolved[] = [];
  for (const row of parsed.rows) {
    const b = byCode.get(row.building) ?? byName.get(row.building) ?? undefined;
    const column = 'building';
    const header = parsed.headers.building!;
    if (!b) {
      issueCount++;
      issues.push({ row: row.row, column: header, field: column, code: 'register.unknown_building', params: { value: row.building } });
    } else if (!whole && !inScope(actor, 'building', b.id) && !inScope(actor, 'area', b.areaId)) {
      issueCount++;
      issues.push({ row: row.row, column: header, field: column, code: 'register.out_of_scope', params: { value: row.building } });
    } else resolved.push({ row, buildingId: b.id, use: row.use ?? (b.kind === 'office' ? 'office' : 'residential'), floor: row.floor ?? 0 });
  }

  const buildingIds = [...new Set(resolved.map((r) => r.buildingId))];
  const existing = new Map<string, Existing>();
  if (buildingIds.length) {
    const us = await q.select({ id: units.id, buildingId: units.buildingId, code: units.code, floor: units.floor, area: units.area, use: units.use }).from(units).where(and(eq(units.tenantId, tenantId), inArray(units.buildingId, buildingIds)));
    const os = await q
      .select({ unitId: unitOwners.unitId, id: owners.id, name: owners.name, kind: owners.kind, phone: owners.phone, share: unitOwners.share })
      .from(unitOwners)
      .innerJoin(owners, eq(owners.id, unitOwners.ownerId))
      .innerJoin(units, eq(units.id, unitOwners.unitId))
      .where(and(eq(unitOwners.tenantId, tenantId), inArray(units.buildingId, buildingIds)));
    const byUnit = new Map<number, Existing['owners']>();
    for (const o of os) byUnit.set(o.unitId, [...(byUnit.get(o.unitId) ?? []), { id: o.id, name: o.name, kind: o.kind, phone: o.phone, share: o.share }]);
    for (const u of us) existing.set(`${u.buildingId}:${u.code}`, { id: u.id, floor: u.floor, area: u.area, use: u.use, owners: (byUnit.get(u.id) ?? []).sort((a, b) => a.id - b.id) });
  }

  let unchanged = 0;
  const valid: Resolved[] = [];
  for (const r of resolved) {
    const e = existing.get(`${r.buildingId}:${r.row.unit}`);
    const base = { row: r.row.row, building: r.row.building, unit: r.row.unit };
    if (!e) {
      // a new unit needs its floor: given, or read from a code such as 1203
      const floor = r.row.floor ?? floorFromCode(r.row.unit);
      if (floor === null) {
        issueCount++;
        issues.push({ row: r.row.row, column: parsed.headers.floor ?? REGISTER_COLUMNS.floor.headers[0]!, field: 'floor', code: 'register.floor_required', params: { unit: r.row.unit } });
        continue;
      }
      r.floor = floor;
      r.change = { ...base, action: 'create', changes: { floor: ['', String(floor)], area: ['', r.row.area], use: ['', r.use], owners: ['', ownersLabel(r.row.owners)] } };
      valid.push(r);
      continue;
    }
    r.existing = e;
    valid.push(r);
    if (!r.row.use) r.use = e.use as UnitUse;
    r.floor = r.row.floor ?? e.floor;
    const changes: UnitChange['changes'] = {};
    if (e.floor !== r.floor) changes.floor = [String(e.floor), String(r.floor)];
    if (Number(e.area) !== Number(r.row.area)) changes.area = [e.area, r.row.area];
    if (e.use !== r.use) changes.use = [e.use, r.use];
    if (!sameOwners(e.owners, r.row.owners)) changes.owners = [ownersLabel(e.owners), ownersLabel(r.row.owners)];
    if (Object.keys(changes).length) r.change = { ...base, action: 'update', changes };
    else unchanged++;
  }
  issues.sort((a, b) => a.row - b.row);
  const changes = valid.flatMap((r) => (r.change ? [r.change] : []));
  return {
    resolved: valid,
    plan: {
      encoding: decoded.encoding,
      rows: parsed.dataRows,
      created: changes.filter((c) => c.action === 'create').length,
      updated: changes.filter((c) => c.action === 'update').length,
      unchanged,
      ignoredColumns: parsed.ignoredColumns,
      issues: issues.slice(0, 500),
      issueCount,
      changes,
    },
  };
}

function sameOwners(a: Existing['owners'], b: RegisterOwner[]): boolean {
  if (a.length !== b.length) return false;
  const key = (o: { name: string; share: string }) => `${o.name}|${Number(o.share)}`;
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  // a phone or kind not given in the file is no change
  return x.every((k, i) => k === y[i]) && b.every((o) => a.some((e) => e.name === o.name && (o.phone === null || e.phone === o.phone) && (o.kind === null || e.kind === o.kind)));
}

export async function previewUnitRegister(ctx: AppContext, actor: Actor, file: Buffer): Promise<RegisterPlan> {
  authorize(actor, 'units.import');
  return (await plan(ctx.db, actor, file)).plan;
}

export async function importUnitRegister(ctx: AppContext, actor: Actor, file: Buffer): Promise<Omit<RegisterPlan, 'issues' | 'changes'> & { ownersCreated: number }> {
  authorize(actor, 'units.import');
  const tenantId = actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    // one import of a subdistrict's register at a time: the second reads what the first wrote
    // (no unique-index race on new units, no links relinked twice)
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`places.units.import:${tenantId}`}))`);
    const { plan: p, resolved } = await plan(tx, actor, file);
    if (p.issueCount > 0) {
      throw new Problem(
        422,
        'register.import_rejected',
        { count: p.issueCount },
        p.issues.map((i) => ({ field: i.field === 'file' ? 'file' : `rows.${i.row}.${i.field}`, in: 'body', code: i.code, params: { ...i.params, row: i.row, column: i.column } })),
      );
    }
    const entries: AuditEntry[] = [];
    // an owner named with a phone is one person across the units of this file (大业主)
    const byNamePhone = new Map<string, number>();
    let ownersCreated = 0;
    for (const r of resolved) {
      if (!r.change) continue;
      let unitId: number;
      if (r.existing) {
        unitId = r.existing.id;
        await tx.update(units).set({ floor: r.floor, area: r.row.area, use: r.use }).where(eq(units.id, unitId));
      } else {
        const [u] = await tx.insert(units).values({ tenantId, buildingId: r.buildingId, code: r.row.unit, floor: r.floor, area: r.row.area, use: r.use }).returning({ id: units.id });
        unitId = u!.id;
      }
      if (!r.existing || r.change.changes.owners) {
        const links: { ownerId: number; share: string }[] = [];
        for (const o of r.row.owners) {
          const kept = r.existing?.owners.find((e) => e.name === o.name);
          let ownerId = kept?.id ?? (o.phone ? byNamePhone.get(`${o.name}|${o.phone}`) : undefined);
          if (ownerId === undefined && o.phone) {
            const [same] = await tx.select({ id: owners.id }).from(owners).where(and(eq(owners.tenantId, tenantId), eq(owners.name, o.name), eq(owners.phone, o.phone))).limit(1);
            ownerId = same?.id;
          }
          if (ownerId === undefined) {
            const [n] = await tx.insert(owners).values({ tenantId, name: o.name, kind: o.kind ?? 'person', phone: o.phone }).returning({ id: owners.id });
            ownerId = n!.id;
            ownersCreated++;
          } else {
            if (o.kind || o.phone) await tx.update(owners).set({ ...(o.kind ? { kind: o.kind } : {}), ...(o.phone ? { phone: o.phone } : {}) }).where(eq(owners.id, ownerId));
          }
          if (o.phone) byNamePhone.set(`${o.name}|${o.phone}`, ownerId);
          links.push({ ownerId, share: o.share });
        }
        // owners no longer named lose the link, not their record (ballots and residents may point at it)
        await tx.delete(unitOwners).where(and(eq(unitOwners.tenantId, tenantId), eq(unitOwners.unitId, unitId)));
        await tx.insert(unitOwners).values(links.map((l) => ({ tenantId, unitId, ...l })));
      }
      entries.push({ tenantId, actor, action: `places.unit.${r.change.action}`, subjectType: 'unit', subjectId: unitId, detail: { building: r.row.building, unit: r.row.unit, row: r.row.row, changes: r.change.changes } });
    }
    const digest = createHash('sha256').update(file).digest('hex');
    const { issues: _i, changes: _c, ...summary } = p;
    const result = { ...summary, ownersCreated };
    entries.unshift({ tenantId, actor, action: 'places.units.import', subjectType: 'unit_register', subjectId: digest.slice(0, 16), detail: { ...result, sha256: digest } });
    for (let i = 0; i < entries.length; i += 1000) await auditMany(tx, entries.slice(i, i + 1000));
    await emit(tx, [{ tenantId, type: 'places.units.imported', subjectType: 'unit_register', subjectId: digest.slice(0, 16), payload: { created: p.created, updated: p.updated } }]);
    return result;
  });
}
