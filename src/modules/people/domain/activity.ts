// Kinds of activities and the rules of their timing.
export const ACTIVITY_KINDS = ['health_lecture', 'employment_market', 'social_work_training', 'community'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
/** 邻里益社·提质增效: 主题授课, 现场教学, 座谈交流, 专题沙龙 */
export const TRAINING_FORMATS = ['lecture', 'field_teaching', 'seminar', 'salon'] as const;
export const AUDIENCES = ['public', 'residents', 'new_employment', 'social_workers'] as const;

/** Check-in opens this long before the start and closes at the end. */
export const CHECKIN_OPENS_BEFORE_MS = 3 * 3600_000;

export function canRegister(a: { status: string; startsAt: Date }, now: Date): 'ok' | 'cancelled' | 'started' {
  if (a.status === 'cancelled') return 'cancelled';
  return now >= a.startsAt ? 'started' : 'ok';
}

export function checkinWindow(a: { startsAt: Date; endsAt: Date }, now: Date): 'early' | 'open' | 'closed' {
  if (now.getTime() < a.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS) return 'early';
  return now.getTime() > a.endsAt.getTime() ? 'closed' : 'open';
}
