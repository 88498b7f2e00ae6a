// Scene rules are data: an admin creates or changes one; every node picks it up.
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../core/context.js';
import type { Actor } from '../../../core/auth/index.js';
import { audit } from '../../../core/audit/index.js';
import { Problem, notFound } from '../../../core/http/problem.js';
import { departments } from '../../places/index.js';
import { scenes } from '../schema.js';
import type { Grade, SceneKind, ScheduleWindow } from '../domain/types.js';
import { checkSceneParams } from '../domain/sceneParams.js';
import { SENSING_SERVICE, type SensingRuntime } from '../service.js';
import { assertRef, isUniqueViolation, registryChanged } from './shared.js';

export interface SceneInputBody {
  code: string;
  name: string;
  kind: SceneKind;
  params: Record<string, unknown>;
  schedule?: ScheduleWindow[];
  categoryCode: string;
  grade: Grade;
  autoRegister?: boolean;
  departmentId?: number | null;
  cooldownS?: number;
  enabled?: boolean;
}

export type SceneRow = typeof scenes.$inferSelect;

export async function saveScene(ctx: AppContext, actor: Actor, input: SceneInputBody, id?: number): Promise<SceneRow> {
  const tenantId = actor.tenantId;
  const schedule = input.schedule ?? [];
  const issues = checkSceneParams(input.kind, input.params, schedule);
  if (issues.length) {
    throw new Problem(
      400,
      'problem.validation',
      {},
      issues.map((i) => (i.reason === 'window' ? { field: i.field, in: 'body', code: 'sensing.bad_window', params: { index: i.field.split('.')[1] } } : { field: i.field, in: 'body', code: 'sensing.bad_params', params: { reason: i.reason } })),
    );
  }
  const rt = ctx.services.get(SENSING_SERVICE) as SensingRuntime;
  try {
    const row = await ctx.db.transaction(async (tx) => {
      await assertRef(tx, departments, tenantId, input.departmentId, 'thing.department', 'departmentId');
      const values = {
        code: input.code,
        name: input.name,
        kind: input.kind,
        params: input.params,
        schedule,
        categoryCode: input.categoryCode,
        grade: input.grade,
        autoRegister: input.autoRegister ?? false,
        departmentId: input.departmentId ?? null,
        cooldownS: input.cooldownS ?? 1800,
        enabled: input.enabled ?? true,
      };
      let saved: SceneRow | undefined;
      if (id === undefined) [saved] = await tx.insert(scenes).values({ tenantId, ...values }).returning();
      else {
        [saved] = await tx
          .update(scenes)
          .set({ ...values, version: sql`${scenes.version} + 1`, updatedAt: sql`now()` })
          .where(and(eq(scenes.tenantId, tenantId), eq(scenes.id, id)))
          .returning();
        if (!saved) throw notFound('thing.scene', id);
      }
      await audit(tx, { tenantId, actor, action: id === undefined ? 'sensing.scene.create' : 'sensing.scene.update', subjectType: 'scene', subjectId: saved!.id, detail: { code: saved!.code, kind: saved!.kind } });
      await registryChanged(tx, tenantId, 'scene', saved!.id);
      return saved!;
    });
    await rt.registry.load(tenantId);
    return row;
  } catch (e) {
    if (isUniqueViolation(e, 'sensing_scenes_code_uq')) throw new Problem(409, 'problem.validation', {}, [{ field: 'code', in: 'body', code: 'sensing.scene_code_taken', params: { code: input.code } }]);
    throw e;
  }
}
