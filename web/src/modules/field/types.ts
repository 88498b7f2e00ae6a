// What the phone pages read from the case API (a subset of its fields).
export interface FieldCase {
  id: number;
  number: string;
  state: string;
  categoryCode: string;
  categoryName: string;
  grade: string;
  description: string;
  address: string;
  lng: number;
  lat: number;
  gridName: string | null;
  departmentName: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  inspectorId: number | null;
  step: string | null;
  stepDueAt: string | null;
  overdue: boolean;
  reportedAt: string;
  closedAt: string | null;
  version: number;
  allowedActions: string[];
}

export interface TimelineEntry {
  id: number;
  at: string;
  actor: { name: string };
  role: string;
  action: string;
  from: string | null;
  to: string | null;
  note: string | null;
  photos: number[];
}

export interface Evidence {
  id: number;
  kind: string;
  caption: string | null;
  content: string | null;
  createdAt: string;
  addedBy: string;
}

export interface CaseDetail extends FieldCase {
  /** e.g. `care` on an elder's alert case */
  attributes?: Record<string, unknown>;
  timeline: TimelineEntry[];
  evidence: Evidence[];
}

export interface Deadline {
  id: number;
  step: string | null;
  dueAt: string;
  leftMs: number;
  onClock: boolean;
}

export interface Category {
  code: string;
  majorCode: string;
  majorName: string;
  name: string;
  nameEn: string;
  photoRequired: boolean;
  active: boolean;
}

type Label = { key: string; zh: string; en: string };
export interface CaseMeta {
  states: Label[];
  actions: Label[];
  grades: Label[];
}
