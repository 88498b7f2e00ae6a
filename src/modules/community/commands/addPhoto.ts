// A before / progress / after photo of a project. The file is written first and
// removed again if the database write fails, so no row points at a missing file.
import type { Actor } from '../../../core/auth/index.js';
import type { AppContext } from '../../../core/context.js';
import { audit } from '../../../core/audit/index.js';
import { emit } from '../../../core/bus/index.js';
import { Problem } from '../../../core/http/problem.js';
import { projectPhotos } from '../schema.js';
import { FileStore, PHOTO_MAX_BYTES, sniffImage } from '../storage.js';
import { userIdOf } from './common.js';
import { authorizeProject, loadProject, requireStatus, scopeOfProject } from './projectScope.js';

export async function addPhoto(ctx: AppContext, store: FileStore, actor: Actor, projectId: number, input: { phase: 'before' | 'progress' | 'after'; caption?: string; bytes: Buffer }): Promise<number> {
  const tenantId = actor.tenantId;
  const p = await loadProject(ctx.db, tenantId, projectId);
  await authorizeProject(ctx.db, actor, 'community.manage', p);
  if (input.bytes.length > PHOTO_MAX_BYTES) throw new Problem(413, 'photo.too_large', { max: PHOTO_MAX_BYTES / 1024 / 1024 });
  const type = sniffImage(input.bytes);
  if (!type) throw new Problem(415, 'photo.type');
  const key = await store.put(input.bytes, type, ctx.clock.now());
  try {
    return await ctx.db.transaction(async (tx) => {
      const locked = await loadProject(tx, tenantId, projectId, true);
      requireStatus(locked, ['proposed', 'approved', 'in_progress', 'done'], 'edit');
      const [ph] = await tx
        .insert(projectPhotos)
        .values({ tenantId, projectId, phase: input.phase, fileKey: key, mime: type, bytes: input.bytes.length, caption: input.caption ?? null, uploadedBy: userIdOf(actor) })
        .returning({ id: projectPhotos.id });
      await audit(tx, { tenantId, actor, action: 'community.project.photo', subjectType: 'renewal_project', subjectId: projectId, detail: { photoId: ph!.id, phase: input.phase, bytes: input.bytes.length, type } });
      await emit(tx, [{ tenantId, type: 'community.project.photo', subjectType: 'renewal_project', subjectId: String(projectId), scope: scopeOfProject(p), payload: { id: projectId, photoId: ph!.id, phase: input.phase } }]);
      return ph!.id;
    });
  } catch (e) {
    await store.remove(key).catch(() => {});
    throw e;
  }
}
