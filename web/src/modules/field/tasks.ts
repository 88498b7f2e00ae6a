// My tasks, sorted by deadline: the open cases assigned to me or mine to verify or check,
// with the time left on each from GET /field/deadlines. Kept on the device for offline use.
import { get } from '../../api';
import { keep, kept } from './offline';
import type { Deadline, FieldCase } from './types';

export const OPEN_STATES = ['verifying', 'dispatched', 'accepted', 'handled'];

export interface Task extends FieldCase {
  deadline: Deadline | null;
}

export interface TaskList {
  tasks: Task[];
  /** when the list was loaded (ms), for the time left shown while offline */
  loadedAt: number;
  cached: boolean;
}

export function byDeadline(a: Task, b: Task): number {
  const da = a.deadline ? Date.parse(a.deadline.dueAt) : Infinity;
  const db = b.deadline ? Date.parse(b.deadline.dueAt) : Infinity;
  return da - db || a.id - b.id;
}

export async function loadTasks(): Promise<TaskList> {
  try {
    const q = OPEN_STATES.map((s) => `state=${s}`).join('&');
    const [list, dl] = await Promise.all([get<{ items: FieldCase[] }>(`/api/v1/cases?mine=true&limit=200&${q}`), get<{ items: Deadline[] }>('/api/v1/field/deadlines')]);
    const by = new Map(dl.items.map((d) => [d.id, d]));
    const tasks = list.items.map((c) => ({ ...c, deadline: by.get(c.id) ?? null })).sort(byDeadline);
    return { ...keep('tasks', { tasks, loadedAt: Date.now() }), cached: false };
  } catch (e) {
    const k = kept<{ tasks: Task[]; loadedAt: number }>('tasks');
    if (k && !navigator.onLine) return { ...k, cached: true };
    throw e;
  }
}
