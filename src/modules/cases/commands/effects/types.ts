import type { Tx } from '../../../../core/db/index.js';
import type { Actor } from '../../../../core/auth/index.js';
import type { WorkingCalendar } from '../../../../core/calendar/index.js';
import type { ActingRole, ActionInput } from '../../domain/lifecycle.js';
import type { CaseState } from '../../domain/types.js';
import type { Category } from '../../domain/category.js';
import type { Engine, Prepared } from '../../services/engine.js';
import type { CaseRow, CaseWrite } from '../write.js';

/** An action's input as the API takes it: the state machine's fields and a few more. */
export interface ActionRequest extends ActionInput {
  publicNote?: string;
  /** register: re-classify or re-grade */
  categoryCode?: string;
  grade?: 'normal' | 'major' | 'urgent';
  /** where the person acting stands (the timeline keeps it) */
  location?: { lng: number; lat: number };
  expectedVersion?: number;
  /** system actions: the reason chosen by the sweep */
  detail?: Record<string, unknown>;
}

export interface EffectArgs {
  tx: Tx;
  eng: Engine;
  prep: Prepared;
  actor: Actor;
  row: CaseRow;
  category: Category;
  input: ActionRequest;
  now: Date;
  to: CaseState;
  role: ActingRole;
  cal: WorkingCalendar;
}

/** What an action changes; the caller adds the clock, version, timeline basics. */
export type Effect = Omit<CaseWrite, 'timeline'> & { note?: string | null; publicNote?: string | null; detail?: Record<string, unknown>; photos?: number[]; keepClock?: boolean };

export type EffectFn = (a: EffectArgs) => Promise<Effect>;
