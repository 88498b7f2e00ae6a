// POST servicerequestupdates (mySociety's extension): a member of the public's update on a
// request, sent by their client — recorded on the case as a public update (it never moves
// the case; the desk is told). The client's update_id makes a retry return the first one.
import type { AppContext } from '../../../core/context.js';
import type { ApiKeyActor } from '../../../core/auth/index.js';
import { Problem } from '../../../core/http/problem.js';
import { addPublicUpdate, getPublicCase, type EvidenceInput } from '../../cases/index.js';
import { instant, mediaUrls, one, personName, plainText, MAX_DESCRIPTION, type Form, type Issue } from '../domain/params.js';
import { UPDATE_STATUSES, parseUpdateStatus } from '../domain/statuses.js';
import { invalid } from './submitRequest.js';
import { photosOf } from './photos.js';
import type { Upload } from '../http/context.js';

export async function postUpdate(ctx: AppContext, client: ApiKeyActor, form: Form, files: readonly Upload[]): Promise<{ updateId: string; created: boolean }> {
  const issues: Issue[] = [];
  const requestId = one(form, 'service_request_id', issues) ?? '';
  const clientRef = one(form, 'update_id', issues);
  const rawStatus = one(form, 'status', issues) ?? '';
  const status = parseUpdateStatus(rawStatus);
  if (!status) issues.push({ field: 'status', code: 'open311.update_status', params: { value: rawStatus.slice(0, 40), allowed: UPDATE_STATUSES.join(', ') } });
  const writtenAt = instant(form, 'updated_datetime', issues);
  const text = plainText(one(form, 'description', issues) ?? '', 'description', MAX_DESCRIPTION, issues);
  const links = mediaUrls(form, 'media_url', issues);
  const photos = photosOf(files, issues);
  if (!text.trim() && links.length === 0 && photos.length === 0) issues.push({ field: 'description', code: 'open311.update_empty' });
  if (issues.length) throw invalid(issues);

  const target = await getPublicCase(ctx, client.tenantId, requestId);
  if (!target) throw new Problem(404, 'open311.request_unknown', { id: requestId });
  const evidence: EvidenceInput[] = [...photos.map((content) => ({ kind: 'photo' as const, content, public: true })), ...links.map((url) => ({ kind: 'photo' as const, url, public: true }))];
  const r = await addPublicUpdate(ctx, client, target.id, {
    text,
    status: status!,
    author: { name: personName(one(form, 'first_name', issues), one(form, 'last_name', issues)), email: one(form, 'email', issues), phone: one(form, 'phone', issues) },
    writtenAt,
    evidence,
    clientRef,
    detail: { channel: client.name, accountId: one(form, 'account_id', issues) ?? null },
  });
  return { updateId: String(r.id), created: r.created };
}
