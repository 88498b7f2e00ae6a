// Request validation. Query strings, path parameters and headers arrive as text, so they
// are coerced to the schema's types; JSON bodies are not: with coercion, a JSON null sent
// for a nullable integer would silently become 0 (ajv coerces in the first branch of an
// anyOf), and "12" would pass for a number.
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { interopDefault } from '../interop.js';

const addFormats = interopDefault(addFormatsModule as unknown as { default: typeof addFormatsModule.default }) as unknown as (ajv: Ajv) => Ajv;

function make(coerce: Options['coerceTypes']): Ajv {
  // strict:false because TypeBox schemas carry their own annotations (e.g. Kind symbols are not keywords, but descriptions on $refs are)
  const ajv = new Ajv({ allErrors: true, removeAdditional: true, useDefaults: true, coerceTypes: coerce, strict: false });
  addFormats(ajv);
  return ajv;
}

const forText = make('array');
const forJson = make(false);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => (httpPart === 'body' ? forJson : forText).compile(schema as object);
