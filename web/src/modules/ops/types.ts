// The shapes of the case API the workbench reads (GET /cases, /cases/{id}, /cases/meta).
export interface CaseView {
  id: number;
  number: string;
  state: string;
  stateLabel: string;
  source: string;
  categoryCode: string;
  categoryName: string;
  grade: string;
  description: string;
  address: string;
  lng: number;
  lat: number;
  gridId: number | null;
  gridName: string | null;
  departmentId: number | null;
  departmentName: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  inspectorName: string | null;
  step: string | null;
  stepDueAt: string | null;
  overdue: boolean;
  warned: boolean;
  escalated: boolean;
  postponeRequest: { amount: number; unit: string; reason: string; by: string; at: string } | null;
  reportedAt: string;
  version: number;
  allowedActions: string[];
}

export interface TimelineEntry {
  id: number;
  at: string;
  actor: { kind: string; id: string | null; name: string };
  role: string;
  action: string;
  from: string | null;
  to: string | null;
  note: string | null;
  photos: number[];
  detail: Record<string, unknown>;
}

export interface Evidence {
  id: number;
  kind: string;
  mediaType: string | null;
  url: string | null;
  caption: string | null;
  alarmRef: string | null;
  createdAt: string;
  hasContent: boolean;
  content: string | null;
}

export interface Duplicate {
  id: number;
  number: string;
  state: string;
  distanceM: number;
  reportedAt: string;
  description: string;
}

export interface CaseDetail extends CaseView {
  /** e.g. `care` on an elder's alert case, `sensing` on an alarm's */
  attributes?: Record<string, unknown>;
  timeline: TimelineEntry[];
  evidence: Evidence[];
  duplicates: Duplicate[];
}

type Labelled = { key: string; zh: string; en: string };
export interface CaseMeta {
  states: Labelled[];
  actions: (Labelled & { roles: string[] })[];
  grades: Labelled[];
  sources: Labelled[];
}
