// A category as the engine uses it (a row of case_categories with typed limits).
import type { OpenAttribute } from './seed.js';
import { DEFAULT_LIMITS } from './seed.js';
import type { Grade, StepLimits } from './types.js';

export interface Category {
  id: number;
  code: string;
  kind: 'event' | 'component';
  majorCode: string;
  majorName: string;
  name: string;
  nameEn: string;
  description: string | null;
  keywords: string[];
  attributes: OpenAttribute[];
  defaultGrade: Grade;
  departmentId: number | null;
  routeTo: 'department' | 'area_committee';
  limits: StepLimits;
  photoRequired: boolean;
  dupRadiusM: number;
  autoRegister: boolean;
  public: boolean;
  active: boolean;
  version: number;
}

/** A stored row (case_categories) as the engine uses it. */
export function toCategory(row: Omit<Category, 'kind' | 'attributes' | 'defaultGrade' | 'routeTo' | 'limits'> & { kind: string; attributes: unknown; defaultGrade: string; routeTo: string; limits: unknown; tenantId?: string; updatedAt?: Date }): Category {
  const { tenantId: _t, updatedAt: _u, ...r } = row;
  return {
    ...r,
    kind: r.kind as Category['kind'],
    attributes: (r.attributes ?? []) as OpenAttribute[],
    defaultGrade: r.defaultGrade as Grade,
    routeTo: r.routeTo as Category['routeTo'],
    limits: { ...DEFAULT_LIMITS, ...(r.limits as Partial<StepLimits>) },
  };
}
