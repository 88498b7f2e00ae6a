// Shapes of the enterprise API as the pages use them.
export interface Ref {
  id: number;
  name: string;
}

export interface RequestItem {
  id: number;
  code: string;
  enterprise: { id: number; name: string; buildingId: number; building: string };
  item: { id: number; name: string; level: string; subcategory: string; categoryId: number; category: string; version: number };
  channel: string;
  status: string;
  description: string;
  owner: Ref | null;
  receivedBy: Ref | null;
  createdAt: string;
  receivedAt: string | null;
  limitDays: number;
  dueAt: string;
  warnAt: string;
  completedAt: string | null;
  limitState: string;
  rating: { score: number; comment: string | null; at: string } | null;
  stepsDone: number;
  stepsTotal: number;
  pendingHandoverTo: Ref | null;
}

export interface Step {
  id: number;
  seq: number;
  office: { id: number; name: string; kind: string; address: string | null; phone: string | null };
  task: string;
  status: string;
  note: string | null;
  documents: { name: string; direction: string; reference: string | null; at: string }[];
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Handover {
  id: number;
  kind: string;
  from: Ref | null;
  to: Ref;
  initiatedBy: Ref;
  note: string | null;
  status: string;
  createdAt: string;
  respondedAt: string | null;
  responseNote: string | null;
}

export interface RequestDetail extends RequestItem {
  contactName: string | null;
  contactPhone: string | null;
  materials: string[];
  completionNote: string | null;
  cancelReason: string | null;
  visitId: number | null;
  steps: Step[];
  handovers: Handover[];
  log: { at: string; kind: string; actor: string | null; detail: Record<string, unknown> }[];
  streetProblems: { id: number; categoryHint: string | null; description: string; address: string | null; reportedAt: string; caseRef: string | null }[];
  allowedActions: string[];
}

export interface CatalogueItem {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  level: string;
  description: string;
  materials: string[];
  steps: { office: string; officeName: string; officeKind: string; task: string }[];
  limitDays: number;
  priceNote: string | null;
  active: boolean;
  version: number;
  updatedAt: string;
}
export interface Category {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  subcategories: { id: number; code: string; name: string; nameEn: string; items: CatalogueItem[] }[];
}

export interface Agent {
  id: number;
  displayName: string;
  chief: boolean;
}

export interface Enterprise {
  id: number;
  name: string;
  creditCode: string | null;
  building: Ref;
  floor: number;
  room: string | null;
  industry: string;
  size: string;
  stage: string;
  projectTier: string | null;
  settledOn: string | null;
}
