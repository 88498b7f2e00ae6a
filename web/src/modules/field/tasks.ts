// My tasks, sorted by deadline: the open cases assigned to me or mine to verify or check,
// with the time left on each from GET /field/deadlines; and my department's dispatched
// cases nobody has taken yet, which I may accept (the engine's rule: any member of the
// department while unassigned — shown only where the server lists `accept` for me).
// Kept on the device for offline use.
import { get } from '../../api';
import { keep, kept } from './offline';
import type { Deadline, FieldCase } from './types';

export const OPEN_STATES = ['verifying', 'dispatched', 'accepted', 'handled'];

export interface Task extends FieldCase {
  deadline: Deadline | null;
}

export interface TaskList {
  tasks: Task[];
  /** my department's unassigned cases I may accept, oldest first */
  open: FieldCase[];
  /** when the list was loaded (ms), for the time left shown while offline */
  loadedAt: number;
  cached: boolean;
}

export function byDeadline(a: Task, b: Task): number {
  const da = a.deadline ? Date.parse(a.deadline.dueAt) : Infinity;
  const db = b.deadline ? Date.parse(b.deadline.dueAt) : Infinity;
  return da - db || a.id - b.id;
}

/** the dispatched cases in my scope that nobody has taken and the server lets me accept */
export const acceptable = (items: FieldCase[]): FieldCase[] => items.filter((c) => c.assigneeId === null && c.allowedActions.includes('accept')).sort((a, b) => a.id - b.id);

/** @param withDepartment the user belongs to a department (only then are there cases to take) */
export async function loadTasks(withDepartment: boolean): Promise<TaskList> {
  try {
    const q = OPEN_STATES.map((s) => `state=${s}`).join('&');
    const none = Promise.resolve({ items: [] as FieldCase[] });
    const [list, dl, dispatched] = await Promise.all([
      get<{ items: FieldCase[] }>(`/api/v1/cases?mine=true&limit=200&${q}`),
      get<{ items: Deadline[] }>('/api/v1/field/deadlines'),
      withDepartment ? get<{ items: FieldCase[] }>('/api/v1/cases?state=dispatched&limit=100') : none,
    ]);
    const by = new Map(dl.items.map((d) => [d.id, d]));
    const tasks = list.items.map((c) => ({ ...c, deadline: by.get(c.id) ?? null })).sort(byDeadline);
    return { ...keep('tasks', { tasks, open: acceptable(dispatched.items), loadedAt: Date.now() }), cached: false };
  } catch (e) {
    const k = kept<{ tasks: Task[]; open?: FieldCase[]; loadedAt: number }>('tasks');
    if (k && !navigator.onLine) return { ...k, open: k.open ?? [], cached: true };
    throw e;
  }
}
