// Shapes of the community API as the pages use them.
export interface AmountOut {
  units: number;
  heads: number;
  area: string;
}
export interface CheckOut {
  met: boolean;
  percent: string;
  num: string;
  den: string;
  threshold: string;
}
export interface Progress {
  electorate: AmountOut;
  participating: AmountOut;
  participationArea: CheckOut;
  participationHeads: CheckOut;
}
export interface Result extends Progress {
  agree: AmountOut;
  disagree: AmountOut;
  abstain: AmountOut;
  rule: string;
  approvalArea: CheckOut;
  approvalHeads: CheckOut;
  quorum: boolean;
  passed: boolean;
  closedAt: string | null;
  ballotsDigest: string | null;
}
export interface Consultation {
  id: number;
  title: string;
  matter: string;
  item: number;
  rule: string;
  status: string;
  scopeKind: string;
  buildingId: number | null;
  areaId: number | null;
  placeName: string;
  headRule: string;
  closesAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  planId: number | null;
  committeeId: number | null;
  progress: Progress | null;
  result: Result | null;
}
export interface ConsultationDetail extends Consultation {
  description: string;
  publicCode: string;
  allowed: string[];
}
export interface MyUnit {
  unitId: number;
  unitCode: string;
  buildingName: string;
  floor: number;
  area: string;
  sameHolder: number;
  ballot: { choice: string; channel: string; castAt: string; mine: boolean } | null;
  share: string | null;
}
export interface MyConsultation extends Consultation {
  description: string;
  units: MyUnit[];
}
export const MATTERS = ['rules', 'bylaws', 'committee', 'manager', 'fund_use', 'fund_raise', 'rebuild', 'common_use', 'other'] as const;
export const CHOICES = ['agree', 'disagree', 'abstain'] as const;
export interface ProjectCard {
  id: number;
  kind: string;
  title: string;
  status: string;
  areaName: string;
  buildingName: string | null;
  location: string;
  sizeM2: number | null;
  milestones: { done: number; total: number };
  pledges: number;
  adoptions: number;
  coverPhotoId: number | null;
}
