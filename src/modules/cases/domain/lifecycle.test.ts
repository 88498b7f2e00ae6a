import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { actionsInState, allowedActions, decide, type ActionInput, type CaseSnapshot, type Party } from './lifecycle.js';
import { CASE_ACTIONS, CASE_STATES, OPEN_STATES, TERMINAL_STATES, type CaseAction, type CaseState } from './types.js';

const snap = (state: CaseState, over: Partial<CaseSnapshot> = {}): CaseSnapshot => ({ state, resumeState: null, gridId: 5, departmentId: 2, assigneeId: 40, inspectorId: 7, postponePending: false, photoRequired: true, ...over });
const user = (roles: string[], over: Partial<Party> = {}): Party => ({ kind: 'user', id: 99, roles, grids: [], departments: [], ...over });
const leader = user(['shift_leader', 'acceptor', 'dispatcher']);
const dispatcher = user(['dispatcher']);
const acceptor = user(['acceptor']);
const inspector = user(['inspector'], { id: 7, grids: [5] });
const otherInspector = user(['inspector'], { id: 8, grids: [9] });
const assignee = user(['handler'], { id: 40, departments: [2] });
const colleague = user(['handler'], { id: 41, departments: [2] });
const stranger = user(['handler'], { id: 42, departments: [3] });
const system: Party = { kind: 'system', id: null, roles: [], grids: [], departments: [] };

/** Fields that satisfy every action. */
const full = (action: CaseAction): ActionInput => ({ action, note: '说明', reason: '原因', photos: [1], confirmed: true, passed: true, masterId: 3, closeType: action === 'force_close' ? 'special' : 'normal', amount: 2 });

describe('case lifecycle (pure state machine)', () => {
  it('walks the standard path: report → verify → register → dispatch → accept → handle → check → close', () => {
    let c = snap('reported', { assigneeId: null });
    const steps: [CaseAction, Party, CaseState][] = [
      ['request_verify', acceptor, 'verifying'],
      ['verify', inspector, 'verified'],
      ['register', leader, 'registered'],
      ['dispatch', dispatcher, 'dispatched'],
    ];
    for (const [action, who, to] of steps) {
      const d = decide(c, who, full(action));
      expect(d).toMatchObject({ ok: true, to });
      c = { ...c, state: to };
    }
    c = { ...c, assigneeId: 40 };
    for (const [action, who, to] of [
      ['accept', assignee, 'accepted'],
      ['handle', assignee, 'handled'],
      ['check', inspector, 'checked'],
      ['close', leader, 'closed'],
    ] as [CaseAction, Party, CaseState][]) {
      expect(decide(c, who, full(action))).toMatchObject({ ok: true, to });
      c = { ...c, state: to };
    }
    expect(actionsInState(c)).toEqual([]);
  });

  it('records the role an action was taken under', () => {
    expect(decide(snap('dispatched'), assignee, full('accept'))).toMatchObject({ ok: true, role: 'handler' });
    expect(decide(snap('handled'), inspector, full('check'))).toMatchObject({ ok: true, role: 'inspector' });
    expect(decide(snap('registered'), system, full('dispatch'))).toMatchObject({ ok: true, role: 'system' });
  });

  it('a failed check sends the case back for rework; a return goes back to the dispatcher', () => {
    expect(decide(snap('handled'), inspector, { action: 'check', passed: false, note: '仍有残留' })).toMatchObject({ ok: true, to: 'accepted' });
    expect(decide(snap('accepted'), assignee, { action: 'return', reason: '不属本部门' })).toMatchObject({ ok: true, to: 'registered' });
    expect(decide(snap('dispatched'), colleague, { action: 'return', reason: '不属本部门' })).toMatchObject({ ok: true });
  });

  it('postponement is requested by the handler and decided by the shift leader, once at a time', () => {
    expect(decide(snap('accepted'), assignee, { action: 'request_postpone', amount: 2, reason: '等待配件' })).toMatchObject({ ok: true, to: 'accepted' });
    const pending = snap('accepted', { postponePending: true });
    expect(decide(pending, assignee, { action: 'request_postpone', amount: 2, reason: 'x' })).toMatchObject({ ok: false, kind: 'state' });
    expect(decide(pending, leader, { action: 'approve_postpone' })).toMatchObject({ ok: true });
    expect(decide(pending, assignee, { action: 'approve_postpone' })).toMatchObject({ ok: false, kind: 'role' });
    expect(decide(snap('accepted'), leader, { action: 'approve_postpone' })).toMatchObject({ ok: false, kind: 'state' });
  });

  it('suspension resumes to the state it left', () => {
    expect(decide(snap('dispatched'), leader, { action: 'suspend', reason: '当事人外出' })).toMatchObject({ ok: true, to: 'suspended' });
    expect(decide(snap('suspended', { resumeState: 'dispatched' }), leader, { action: 'resume' })).toMatchObject({ ok: true, to: 'dispatched' });
  });

  it('guards roles and data scope', () => {
    expect(decide(snap('verifying'), otherInspector, full('verify'))).toMatchObject({ ok: false, kind: 'role' });
    expect(decide(snap('verifying', { inspectorId: 8 }), otherInspector, full('verify'))).toMatchObject({ ok: true });
    expect(decide(snap('dispatched'), colleague, full('accept'))).toMatchObject({ ok: false, kind: 'role' }); // assigned to someone else
    expect(decide(snap('dispatched', { assigneeId: null }), colleague, full('accept'))).toMatchObject({ ok: true });
    expect(decide(snap('dispatched', { assigneeId: null }), stranger, full('accept'))).toMatchObject({ ok: false, kind: 'role' });
    expect(decide(snap('accepted'), colleague, full('handle'))).toMatchObject({ ok: false, kind: 'role' });
    expect(decide(snap('reported'), dispatcher, full('register'))).toMatchObject({ ok: false, kind: 'role' });
    expect(decide(snap('dispatched'), leader, full('reassign'))).toMatchObject({ ok: false, kind: 'role' });
  });

  it('names the missing fields', () => {
    expect(decide(snap('reported'), leader, { action: 'cancel' })).toEqual({ ok: false, kind: 'fields', issues: [{ field: 'reason', code: 'case.field_required' }] });
    expect(decide(snap('accepted'), assignee, { action: 'handle', note: '已清理' })).toEqual({ ok: false, kind: 'fields', issues: [{ field: 'photos', code: 'case.photo_required' }] });
    expect(decide(snap('accepted', { photoRequired: false }), assignee, { action: 'handle', note: '已清理' })).toMatchObject({ ok: true });
    expect(decide(snap('handled'), inspector, { action: 'check', passed: false })).toEqual({ ok: false, kind: 'fields', issues: [{ field: 'note', code: 'case.field_required' }] });
    expect(decide(snap('verifying'), inspector, { action: 'verify' })).toMatchObject({ ok: false, kind: 'fields', issues: [{ field: 'confirmed' }] });
    expect(decide(snap('accepted'), assignee, { action: 'request_postpone', amount: 0, reason: 'x' })).toMatchObject({ ok: false, kind: 'fields', issues: [{ field: 'amount' }] });
    expect(decide(snap('checked'), leader, { action: 'force_close', closeType: 'normal', reason: 'x' })).toMatchObject({ ok: false, kind: 'fields', issues: [{ field: 'closeType' }] });
  });

  it('checks the state first: a wrong state is a conflict listing what the state allows', () => {
    const d = decide(snap('closed'), leader, full('dispatch'));
    expect(d).toEqual({ ok: false, kind: 'state', allowed: [] });
    const r = decide(snap('reported'), assignee, full('handle'));
    expect(r).toEqual({ ok: false, kind: 'state', allowed: ['request_verify', 'register', 'cancel', 'merge', 'force_close'] });
  });
});

const arbState = fc.constantFrom(...CASE_STATES);
const arbAction = fc.constantFrom(...CASE_ACTIONS);
const arbSnap = fc.record({
  state: arbState,
  resumeState: fc.option(fc.constantFrom(...OPEN_STATES.filter((s) => s !== 'suspended')), { nil: null }),
  gridId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  departmentId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  assigneeId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  inspectorId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  postponePending: fc.boolean(),
  photoRequired: fc.boolean(),
});
const arbParty: fc.Arbitrary<Party> = fc.oneof(
  fc.record({
    kind: fc.constant('user' as const),
    id: fc.integer({ min: 1, max: 4 }),
    roles: fc.subarray(['acceptor', 'shift_leader', 'dispatcher', 'inspector', 'handler', 'committee_member', 'admin', 'resident']),
    grids: fc.subarray([1, 2, 3, 4]),
    departments: fc.subarray([1, 2, 3, 4]),
  }),
  fc.constant(system),
  fc.constant<Party>({ kind: 'other', id: null, roles: [], grids: [], departments: [] }),
);
const arbInput = fc.record({
  action: arbAction,
  note: fc.option(fc.constantFrom('', '  ', '已处理'), { nil: undefined }),
  reason: fc.option(fc.constantFrom('', '原因'), { nil: undefined }),
  photos: fc.option(fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 2 }), { nil: undefined }),
  confirmed: fc.option(fc.boolean(), { nil: undefined }),
  passed: fc.option(fc.boolean(), { nil: undefined }),
  masterId: fc.option(fc.integer({ min: -1, max: 5 }), { nil: undefined }),
  closeType: fc.option(fc.constantFrom('normal' as const, 'overdue' as const, 'error' as const, 'special' as const), { nil: undefined }),
  amount: fc.option(fc.integer({ min: -2, max: 400 }), { nil: undefined }),
});

describe('case lifecycle (properties)', () => {
  it('an action succeeds only when the state allows it and the party may take it', () => {
    fc.assert(
      fc.property(arbSnap, arbParty, arbInput, (c, p, i) => {
        const d = decide(c, p, i);
        if (d.ok) {
          expect(actionsInState(c)).toContain(i.action);
          expect(allowedActions(c, p)).toContain(i.action);
          expect(CASE_STATES).toContain(d.to);
        } else if (d.kind === 'state') {
          expect(actionsInState(c)).not.toContain(i.action);
          expect(d.allowed).toEqual(actionsInState(c));
        } else if (d.kind === 'role') {
          expect(allowedActions(c, p)).not.toContain(i.action);
        } else {
          expect(d.issues.length).toBeGreaterThan(0);
          expect(allowedActions(c, p)).toContain(i.action);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('closed and cancelled cases allow nothing; every open case can be closed by the shift leader', () => {
    fc.assert(
      fc.property(arbSnap, (c) => {
        if (TERMINAL_STATES.includes(c.state)) expect(actionsInState(c)).toEqual([]);
        else expect(allowedActions(c, leader)).toContain('force_close');
      }),
    );
  });

  it('people without a case role, and outsiders, can never act', () => {
    fc.assert(
      fc.property(arbSnap, arbInput, fc.subarray(['admin', 'resident', 'district_viewer', 'enterprise_user']), (c, i, roles) => {
        const d = decide({ ...c, assigneeId: null, inspectorId: null }, user(roles, { id: 1 }), i);
        expect(d.ok).toBe(false);
        expect(decide(c, { kind: 'other', id: null, roles: [], grids: [], departments: [] }, i).ok).toBe(false);
      }),
    );
  });

  it('the system only registers, dispatches, reassigns and escalates', () => {
    fc.assert(
      fc.property(arbSnap, arbInput, (c, i) => {
        const d = decide(c, system, i);
        if (d.ok) expect(['register', 'dispatch', 'reassign', 'escalate']).toContain(i.action);
      }),
    );
  });

  it('a random walk of allowed actions stays in known states, and ends only through close, cancel or merge', () => {
    const god = (c: CaseSnapshot): Party => ({ kind: 'user', id: c.assigneeId ?? 1, roles: ['acceptor', 'shift_leader', 'dispatcher', 'inspector', 'handler'], grids: c.gridId ? [c.gridId] : [], departments: c.departmentId ? [c.departmentId] : [] });
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (choices) => {
        let c = snap('reported', { assigneeId: 1, inspectorId: 1, gridId: 1, departmentId: 1 });
        for (const k of choices) {
          const options = allowedActions(c, god(c));
          if (options.length === 0) {
            expect(TERMINAL_STATES).toContain(c.state);
            return;
          }
          const action = options[k % options.length]!;
          const d = decide(c, god(c), full(action));
          expect(d.ok).toBe(true);
          if (!d.ok) return;
          if (d.to === 'closed') expect(['close', 'force_close']).toContain(action);
          if (d.to === 'cancelled') expect(['cancel', 'merge']).toContain(action);
          c = { ...c, state: d.to, resumeState: d.to === 'suspended' ? c.state : d.to === c.state ? c.resumeState : null, postponePending: action === 'request_postpone' ? true : action.endsWith('_postpone') ? false : c.postponePending };
        }
      }),
      { numRuns: 500 },
    );
  });
});
