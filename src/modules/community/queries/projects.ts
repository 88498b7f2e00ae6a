// Renewal projects as shown on the workbench and to residents.
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../core/db/index.js';
import { buildings, departments, residentialAreas } from '../../places/index.js';
import { projectAdoptions, projectMilestones, projectPhotos, projectPledges, renewalProjects } from '../schema.js';
import { formatHundredths } from '../domain/amounts.js';
import { allowedProjectActions, type ProjectStatus } from '../domain/projectStatus.js';
import type { ProjectRow } from '../commands/projectScope.js';

export async function listProjects(q: Queryable, tenantId: string): Promise<ProjectRow[]> {
  return q.select().from(renewalProjects).where(eq(renewalProjects.tenantId, tenantId)).orderBy(desc(renewalProjects.updatedAt), desc(renewalProjects.id));
}

export async function projectCards(q: Queryable, ps: ProjectRow[]) {
  if (ps.length === 0) return [];
  const ids = ps.map((p) => p.id);
  const ms = await q.select({ projectId: projectMilestones.projectId, doneAt: projectMilestones.doneAt }).from(projectMilestones).where(inArray(projectMilestones.projectId, ids));
  const pl = await q.select({ projectId: projectPledges.projectId }).from(projectPledges).where(inArray(projectPledges.projectId, ids));
  const ad = await q.select({ projectId: projectAdoptions.projectId }).from(projectAdoptions).where(inArray(projectAdoptions.projectId, ids));
  const ph = await q.select({ id: projectPhotos.id, projectId: projectPhotos.projectId, phase: projectPhotos.phase }).from(projectPhotos).where(inArray(projectPhotos.projectId, ids)).orderBy(asc(projectPhotos.id));
  const areaNames = new Map((await q.select({ id: residentialAreas.id, name: residentialAreas.name }).from(residentialAreas)).map((a) => [a.id, a.name]));
  const bids = ps.map((p) => p.buildingId).filter((b): b is number => b !== null);
  const bNames = new Map(bids.length ? (await q.select({ id: buildings.id, name: buildings.name }).from(buildings).where(inArray(buildings.id, bids))).map((b) => [b.id, b.name]) : []);
  return ps.map((p) => {
    const mine = ms.filter((m) => m.projectId === p.id);
    const photos = ph.filter((x) => x.projectId === p.id);
    return {
      id: p.id,
      kind: p.kind,
      title: p.title,
      status: p.status,
      areaId: p.areaId,
      areaName: p.areaId ? (areaNames.get(p.areaId) ?? '') : '',
      buildingId: p.buildingId,
      buildingName: p.buildingId ? (bNames.get(p.buildingId) ?? '') : null,
      location: p.location,
      sizeM2: p.sizeM2,
      milestones: { done: mine.filter((m) => m.doneAt).length, total: mine.length },
      pledges: pl.filter((x) => x.projectId === p.id).length,
      adoptions: ad.filter((x) => x.projectId === p.id).length,
      coverPhotoId: (photos.find((x) => x.phase === 'after') ?? photos[0])?.id ?? null,
      updatedAt: p.updatedAt.toISOString(),
    };
  });
}

export async function projectDetail(q: Queryable, p: ProjectRow) {
  const [card] = await projectCards(q, [p]);
  const committees = p.committeeIds.length ? await q.select({ id: departments.id, name: departments.name, kind: departments.kind }).from(departments).where(inArray(departments.id, p.committeeIds)) : [];
  const milestones = await q.select().from(projectMilestones).where(eq(projectMilestones.projectId, p.id)).orderBy(asc(projectMilestones.sort), asc(projectMilestones.id));
  const pledges = await q.select().from(projectPledges).where(eq(projectPledges.projectId, p.id)).orderBy(asc(projectPledges.id));
  const photos = await q.select().from(projectPhotos).where(eq(projectPhotos.projectId, p.id)).orderBy(asc(projectPhotos.id));
  const adoptions = await q.select().from(projectAdoptions).where(eq(projectAdoptions.projectId, p.id)).orderBy(asc(projectAdoptions.id));
  return {
    ...card!,
    description: p.description,
    budget: p.budget === null ? null : formatHundredths(p.budget),
    committees,
    startedAt: p.startedAt?.toISOString() ?? null,
    doneAt: p.doneAt?.toISOString() ?? null,
    allowed: allowedProjectActions(p.status as ProjectStatus),
    milestoneList: milestones.map((m) => ({ id: m.id, title: m.title, dueOn: m.dueOn, doneAt: m.doneAt?.toISOString() ?? null })),
    pledgeList: pledges.map((x) => ({ id: x.id, kind: x.kind, pledger: x.pledger, description: x.description, quantity: x.quantity, amount: x.amount === null ? null : formatHundredths(x.amount), hours: x.hours, fulfilled: x.fulfilled })),
    photos: photos.map((x) => ({ id: x.id, phase: x.phase, caption: x.caption, mime: x.mime, bytes: x.bytes, createdAt: x.createdAt.toISOString() })),
    adoptionList: adoptions.map((x) => ({ id: x.id, item: x.item, adopter: x.adopter, since: x.since, note: x.note })),
  };
}
