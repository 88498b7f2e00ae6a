// The responsible department of a case: the area's residents' committee for categories
// routed there, else category × grid routing.
import { route, type RouteResult } from '../domain/routing.js';
import type { Category } from '../domain/category.js';
import type { Prepared } from '../services/engine.js';
import { locateArea } from '../services/areas.js';

export function routeCase(prep: Prepared, c: { gridId: number | null; lng: number; lat: number }, category: Category): RouteResult & { areaName?: string } {
  if (category.routeTo === 'area_committee') {
    const area = locateArea(prep.areas, c.lng, c.lat);
    if (area?.committeeId) return { departmentId: area.committeeId, ruleId: null, reason: 'area_committee', areaName: area.name };
  }
  return route(prep.cfg.routes, category, c.gridId);
}

