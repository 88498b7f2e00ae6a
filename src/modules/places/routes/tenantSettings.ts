// PUT /api/v1/tenant/settings: the administrator's per-subdistrict settings (names, map
// centre, map tiles, office hours). GET /api/v1/tenant shows them.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import { parseOfficeHours } from '../../../core/calendar/index.js';
import { fieldProblem } from '../../../core/http/problem.js';
import { updateTenantSettings } from '../commands/updateTenantSettings.js';

const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const HHMM = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' });

export const TenantSettingsT = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    // [lng, lat] within China's extent (WGS-84)
    center: Type.Optional(Type.Tuple([Type.Number({ minimum: 73, maximum: 136 }), Type.Number({ minimum: 3, maximum: 54 })])),
    tileUrl: Type.Optional(Nullable(Type.String({ maxLength: 500, pattern: '^https?://.+\\{z\\}.*\\{x\\}.*\\{y\\}' }))),
    tileCrs: Type.Optional(Nullable(Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02')]))),
    officeHours: Type.Optional(Nullable(Type.Array(Type.Tuple([HHMM, HHMM]), { minItems: 1, maxItems: 4 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

export function tenantSettingsRoutes(app: App, ctx: AppContext): void {
  app.put(
    '/tenant/settings',
    {
      config: { policy: 'places.tenant.manage' },
      schema: {
        tags: ['places'],
        summary: 'Change this subdistrict’s settings (names, map centre, tiles, office hours)',
        description: 'Fields left out stay as they are; null returns a setting to the deployment default (TILE_URL, TILE_CRS, standard office hours).',
        body: TenantSettingsT,
      },
    },
    async (request) => {
      const body = request.body;
      if (body.officeHours) {
        try {
          parseOfficeHours(body.officeHours);
        } catch {
          throw fieldProblem('officeHours', 'tenant.office_hours', {}, 'body', 422);
        }
      }
      return updateTenantSettings(ctx, request.actor, body);
    },
  );
}
