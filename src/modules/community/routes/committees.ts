// The three committees (三会): residents' committees, building committees and the street
// committee, with members and meetings. The committees are the departments of those
// kinds in the places register.
import { Type } from '@sinclair/typebox';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { authorize, can } from '../../../core/auth/index.js';
import type { App, AppContext } from '../../../core/context.js';
import { departments } from '../../places/index.js';
import { committeeMeetings, committeeMembers } from '../schema.js';
import { COMMITTEE_KINDS, loadCommittee } from '../scope.js';
import { MEMBER_ROLES, saveMember } from '../commands/members.js';
import { saveMeeting } from '../commands/meetings.js';
import { Id, IdParams, lit, Nullable } from '../present.js';

const Committee = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), nameEn: Type.String(), kind: Type.String(), areaId: Nullable(Type.Integer()), buildingId: Nullable(Type.Integer()), members: Type.Integer(), lastMeetingAt: Nullable(Type.String()) });
const Member = Type.Object({ id: Type.Integer(), name: Type.String(), role: Type.String(), userId: Nullable(Type.Integer()), represents: Nullable(Type.String()), phone: Nullable(Type.String()), since: Nullable(Type.String()), active: Type.Boolean() });
const Meeting = Type.Object({ id: Type.Integer(), title: Type.String(), heldAt: Type.String(), place: Nullable(Type.String()), agenda: Type.Array(Type.String()), minutes: Nullable(Type.String()), decisions: Type.Array(Type.String()), attendees: Type.Array(Type.String()) });
const MemberBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 60 }), role: lit(MEMBER_ROLES), userId: Type.Optional(Nullable(Id)), represents: Type.Optional(Nullable(Type.String({ maxLength: 60 }))), phone: Type.Optional(Nullable(Type.String({ maxLength: 32 }))), since: Type.Optional(Nullable(Type.String({ format: 'date' }))), active: Type.Optional(Type.Boolean()) });
const Lines = Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 50 });
const MeetingBody = Type.Object({ title: Type.String({ minLength: 2, maxLength: 120 }), heldAt: Type.String({ format: 'date-time' }), place: Type.Optional(Nullable(Type.String({ maxLength: 120 }))), agenda: Lines, minutes: Type.Optional(Nullable(Type.String({ maxLength: 20_000 }))), decisions: Type.Optional(Lines), attendees: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 100 })) });
const meetingOut = (m: typeof committeeMeetings.$inferSelect) => ({ id: m.id, title: m.title, heldAt: m.heldAt.toISOString(), place: m.place, agenda: m.agenda, minutes: m.minutes, decisions: m.decisions, attendees: m.attendees });

export function committeeRoutes(app: App, ctx: AppContext): void {
  app.get('/community/committees', { config: { policy: 'community.read' }, schema: { tags: ['community'], summary: 'Committees in my scope', response: { 200: Type.Array(Committee) } } }, async (request) => {
    const { tenantId } = request.actor;
    const ds = await ctx.db.select().from(departments).where(and(eq(departments.tenantId, tenantId), inArray(departments.kind, COMMITTEE_KINDS))).orderBy(asc(departments.id));
    const mine = ds.filter((d) => can(request.actor, 'community.read', { tenantId, committeeId: d.id, buildingId: d.buildingId, areaId: d.areaId }));
    if (mine.length === 0) return [];
    const ids = mine.map((d) => d.id);
    const ms = await ctx.db.select({ committeeId: committeeMembers.committeeId }).from(committeeMembers).where(and(inArray(committeeMembers.committeeId, ids), eq(committeeMembers.active, true)));
    const mt = await ctx.db.select({ committeeId: committeeMeetings.committeeId, heldAt: committeeMeetings.heldAt }).from(committeeMeetings).where(inArray(committeeMeetings.committeeId, ids)).orderBy(desc(committeeMeetings.heldAt));
    return mine.map((d) => ({ id: d.id, code: d.code, name: d.name, nameEn: d.nameEn, kind: d.kind, areaId: d.areaId, buildingId: d.buildingId, members: ms.filter((m) => m.committeeId === d.id).length, lastMeetingAt: mt.find((m) => m.committeeId === d.id)?.heldAt.toISOString() ?? null }));
  });

  app.get(
    '/community/committees/:id',
    { config: { policy: 'community.read' }, schema: { tags: ['community'], summary: 'A committee with its members and meetings', params: IdParams, response: { 200: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), members: Type.Array(Member), meetings: Type.Array(Meeting) }) } } },
    async (request) => {
      const c = await loadCommittee(ctx.db, request.actor.tenantId, request.params.id);
      authorize(request.actor, 'community.read', c.subject);
      const members = await ctx.db.select().from(committeeMembers).where(eq(committeeMembers.committeeId, c.id)).orderBy(asc(committeeMembers.id));
      const meetings = await ctx.db.select().from(committeeMeetings).where(eq(committeeMeetings.committeeId, c.id)).orderBy(desc(committeeMeetings.heldAt));
      return { id: c.id, code: c.code, name: c.name, kind: c.kind, members: members.map((m) => ({ id: m.id, name: m.name, role: m.role, userId: m.userId, represents: m.represents, phone: m.phone, since: m.since, active: m.active })), meetings: meetings.map(meetingOut) };
    },
  );

  app.post('/community/committees/:id/members', { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: 'Add a member', params: IdParams, body: MemberBody, response: { 201: Type.Object({ id: Type.Integer() }) } } }, async (request, reply) =>
    reply.status(201).send({ id: await saveMember(ctx, request.actor, request.params.id, null, request.body) }),
  );

  app.put('/community/committees/:id/members/:mid', { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: "Change a member's role or mark them inactive", params: Type.Object({ id: Id, mid: Id }), body: MemberBody, response: { 200: Type.Object({ id: Type.Integer() }) } } }, async (request) => ({
    id: await saveMember(ctx, request.actor, request.params.id, request.params.mid, request.body),
  }));

  app.post('/community/committees/:id/meetings', { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: 'Schedule or record a meeting', params: IdParams, body: MeetingBody, response: { 201: Type.Object({ id: Type.Integer() }) } } }, async (request, reply) =>
    reply.status(201).send({ id: await saveMeeting(ctx, request.actor, request.params.id, null, request.body) }),
  );

  app.put('/community/committees/:id/meetings/:mid', { config: { policy: 'community.manage' }, schema: { tags: ['community'], summary: 'Record minutes, decisions and attendance', params: Type.Object({ id: Id, mid: Id }), body: MeetingBody, response: { 200: Type.Object({ id: Type.Integer() }) } } }, async (request) => ({
    id: await saveMeeting(ctx, request.actor, request.params.id, request.params.mid, request.body),
  }));
}
