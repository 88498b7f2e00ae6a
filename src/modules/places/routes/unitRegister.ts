// Upload of the unit and owner register as CSV (the raw file is the body): preview, then
// the same file again to commit. No upload is kept between the two calls, so any node of
// several can answer either.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import { t } from '../../../core/http/i18n.js';
import { Problem } from '../../../core/http/problem.js';
import { importUnitRegister, previewUnitRegister } from '../commands/importUnitRegister.js';

export const REGISTER_MAX_BYTES = 5 * 1024 * 1024;
/** what browsers and Excel declare for .csv (Windows says vnd.ms-excel); the bytes decide anyway */
const CSV_TYPES = ['text/csv', 'application/vnd.ms-excel', 'text/tab-separated-values'];

/** [before, after]; before is empty for a new unit */
const Cells = Type.Array(Type.String(), { minItems: 2, maxItems: 2 });
const Summary = {
  encoding: Type.String({ description: 'utf-8, utf-8-bom, gb18030, utf-16le or utf-16be, as read from the bytes' }),
  rows: Type.Integer({ description: 'data rows read' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  ignoredColumns: Type.Array(Type.String()),
};
const Preview = Type.Object({
  ...Summary,
  issueCount: Type.Integer(),
  issues: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), field: Type.String(), code: Type.String(), message: Type.String() })),
  changes: Type.Array(
    Type.Object({
      row: Type.Integer(),
      building: Type.String(),
      unit: Type.String(),
      action: Type.String(),
      changes: Type.Object({ floor: Type.Optional(Cells), area: Type.Optional(Cells), use: Type.Optional(Cells), owners: Type.Optional(Cells) }),
    }),
  ),
});

const describe = 'The body is the CSV file itself (UTF-8 with or without BOM, GB18030 as Excel saves it, or UTF-16 text), comma- or tab-separated, up to 5 MB. Columns by header: 楼宇编码 (building code or name), 房号, 专有面积 (m²), 业主 (co-owners separated by 、), optional 楼层, 用途, 业主类型, 联系电话, 份额. A committee member may import the buildings of its scope only.';

/** The raw file; a JSON or form body is not a register file. */
function fileOf(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (!Buffer.isBuffer(body)) throw new Problem(415, 'register.not_csv', { types: CSV_TYPES.join(', ') }, [{ field: 'file', in: 'body', code: 'register.not_csv', params: { types: CSV_TYPES.join(', ') } }]);
  return body;
}

export function unitRegisterRoutes(app: App, ctx: AppContext): void {
  app.addContentTypeParser(CSV_TYPES, { parseAs: 'buffer', bodyLimit: REGISTER_MAX_BYTES }, (_req, body, done) => done(null, body));

  app.post(
    '/places/units/import/preview',
    {
      config: { policy: 'units.import' },
      bodyLimit: REGISTER_MAX_BYTES,
      schema: { tags: ['places'], summary: 'Check a unit and owner register (CSV): what would change and every problem by row and column; nothing is saved', description: describe, consumes: CSV_TYPES, response: { 200: Preview } },
    },
    async (request) => {
      const p = await previewUnitRegister(ctx, request.actor, fileOf(request.body));
      return { ...p, issues: p.issues.map((i) => ({ row: i.row, column: i.column, field: i.field, code: i.code, message: t(request.locale, i.code, { ...i.params, row: i.row, column: i.column }) })) };
    },
  );

  app.post(
    '/places/units/import',
    {
      config: { policy: 'units.import' },
      bodyLimit: REGISTER_MAX_BYTES,
      schema: {
        tags: ['places'],
        summary: 'Import a unit and owner register (CSV): units upserted by building + unit code, owners relinked; all or nothing (422 naming each row and column)',
        description: describe,
        consumes: CSV_TYPES,
        response: { 200: Type.Object({ ...Summary, issueCount: Type.Integer(), ownersCreated: Type.Integer() }) },
      },
    },
    async (request) => importUnitRegister(ctx, request.actor, fileOf(request.body)),
  );
}
