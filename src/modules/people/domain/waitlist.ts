// Places of an activity: first come, first served up to the capacity; later registrants
// wait in the order they came and move up, one by one, when a place frees.
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export function placeFor(capacity: number | null, confirmed: number): 'confirmed' | 'waitlisted' {
  return capacity === null || confirmed < capacity ? 'confirmed' : 'waitlisted';
}

/** Which waiting registrations move up (in order) given the places now taken. */
export function promotions<T extends { id: number; registeredAt: Date }>(capacity: number | null, confirmed: number, waiting: readonly T[]): T[] {
  const ordered = [...waiting].sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime() || a.id - b.id);
  const free = capacity === null ? ordered.length : Math.max(0, capacity - confirmed);
  return ordered.slice(0, free);
}

/** 1-based place in the waiting list. */
export function waitlistPosition<T extends { id: number; registeredAt: Date }>(me: T, waiting: readonly T[]): number {
  return waiting.filter((w) => w.registeredAt.getTime() < me.registeredAt.getTime() || (w.registeredAt.getTime() === me.registeredAt.getTime() && w.id < me.id)).length + 1;
}
