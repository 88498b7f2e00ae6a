// The pure rules of the Open311 facade: reading parameters, time windows, statuses,
// placing addresses, and rendering XML/JSON from one value.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { attributes, location, normaliseParams, parseInstant, personName, plainText, commaList, mediaUrls, type AttributeDef, type Issue } from './params.js';
import { listWindow } from './window.js';
import { parseUpdateStatus, updateStatusOf } from './statuses.js';
import { normalise, placeAddress, roadPoint, type Place } from './address.js';
import { render, toXml, w3c, formatOfUrl } from './format.js';
import { fingerprint } from './fingerprint.js';

describe('parameters', () => {
  it('an optional parameter sent empty is one not sent; JSON numbers read as form text', () => {
    expect(normaliseParams({ a: '', b: ' ', c: 'x', d: ['', 'y'], e: ['', ''], f: 31.2, g: true, h: null, i: { nested: 1 } })).toEqual({ c: 'x', d: 'y', f: '31.2', g: 'true' });
    expect(normaliseParams({ d: ['1', '', '2'] })).toEqual({ d: ['1', '2'] });
  });

  it('times are ISO 8601 with a zone, real days and hours only', () => {
    expect(parseInstant('2030-05-14T10:00:00+08:00')?.toISOString()).toBe('2030-05-14T02:00:00.000Z');
    expect(parseInstant('2030-05-14T02:00Z')?.toISOString()).toBe('2030-05-14T02:00:00.000Z');
    expect(parseInstant('2030-05-14T10:00:00.250-05:00')?.toISOString()).toBe('2030-05-14T15:00:00.250Z');
    for (const bad of ['2030-05-14', '2030-05-14T10:00:00', '2030-02-30T10:00:00Z', '2030-05-14T24:00:00Z', '2030-05-14T10:00:00+0800', '2030-05-14 10:00:00Z', 'yesterday', '2030-05-14T10:00:00+15:00']) expect(parseInstant(bad), bad).toBeNull();
  });

  it('w3c() writes what parseInstant() reads, to the second', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        const d = new Date(Math.floor(ms / 1000) * 1000);
        expect(w3c(d)).toMatch(/\+08:00$/);
        expect(parseInstant(w3c(d))?.getTime()).toBe(d.getTime());
      }),
    );
  });

  it('descriptions: at most 4,000 characters (not bytes or UTF-16 units), no HTML', () => {
    const issues: Issue[] = [];
    plainText('𠀀'.repeat(4000), 'description', 4000, issues); // astral characters count once
    plainText('a < b and c > d, 3<4', 'description', 4000, issues);
    expect(issues).toEqual([]);
    for (const html of ['<b>x</b>', 'x<br/>y', '<script>alert(1)</script>', '<!-- c -->', '<img src=x onerror=alert(1)>']) {
      const found: Issue[] = [];
      plainText(html, 'description', 4000, found);
      expect(found.map((i) => i.code), html).toEqual(['open311.no_html']);
    }
    const long: Issue[] = [];
    plainText('字'.repeat(4001), 'description', 4000, long);
    expect(long).toEqual([{ field: 'description', code: 'open311.too_long', params: { max: 4000, length: 4001 } }]);
  });

  it('a location is lat+long, else address_id, else address_string', () => {
    const read = (f: Record<string, string>) => {
      const issues: Issue[] = [];
      return { loc: location(f, issues), issues: issues.map((i) => `${i.field}:${i.code}`) };
    };
    expect(read({ lat: '31.2331', long: '121.4567', address_string: 'x' }).loc).toEqual({ kind: 'point', lat: 31.2331, lng: 121.4567 });
    expect(read({ address_id: 'B-KDK', address_string: 'x' }).loc).toEqual({ kind: 'address_id', id: 'B-KDK' });
    expect(read({ address_string: '江宁路212号' }).loc).toEqual({ kind: 'address_string', text: '江宁路212号' });
    expect(read({}).issues).toEqual(['lat:open311.location_required']);
    expect(read({ lat: '31' }).issues).toEqual(['long:open311.lat_long_pair']);
    expect(read({ lat: '1e2', long: '0x10' }).issues).toEqual(['lat:open311.latitude', 'long:open311.longitude']);
    expect(read({ lat: '-90', long: '180' }).loc).toEqual({ kind: 'point', lat: -90, lng: 180 });
  });

  const defs: AttributeDef[] = [
    { code: 'count', datatype: 'number', required: true },
    { code: 'items', datatype: 'multivaluelist', required: false, values: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }] },
    { code: 'kind', datatype: 'singlevaluelist', required: false, values: [{ key: 'x', name: 'X' }] },
    { code: 'when', datatype: 'datetime', required: false },
    { code: 'room', datatype: 'string', required: false },
    { code: 'note', datatype: 'text', required: false },
  ];
  const attrs = (f: Record<string, string | string[]>) => {
    const issues: Issue[] = [];
    return { values: attributes(f, defs, issues), issues: issues.map((i) => `${i.field}:${i.code}`) };
  };

  it('attributes follow the service definition: attribute[code] and attribute[code][]', () => {
    expect(attrs({ 'attribute[count]': '3', 'attribute[items][]': ['a', 'b', 'a'], 'attribute[kind]': 'x', 'attribute[when]': '2030-05-14T10:00:00+08:00', 'attribute[note]': '第一行\n第二行' })).toEqual({
      values: { count: 3, items: ['a', 'b'], kind: 'x', when: '2030-05-14T02:00:00.000Z', note: '第一行\n第二行' },
      issues: [],
    });
    // a list may also come as attribute[code] (one value) or both spellings
    expect(attrs({ 'attribute[count]': '1', 'attribute[items]': 'a', 'attribute[items][]': 'b' }).values.items).toEqual(['a', 'b']);
    expect(attrs({}).issues).toEqual(['attribute[count]:open311.attribute_required']);
    expect(attrs({ 'attribute[count]': 'lots', 'attribute[items][]': ['a', 'z'], 'attribute[kind]': ['x', 'x'], 'attribute[room]': '3\n4', 'attribute[mystery]': '1' }).issues).toEqual([
      'attribute[mystery]:open311.attribute_unknown',
      'attribute[count]:open311.attribute_number',
      'attribute[items]:open311.attribute_value',
      'attribute[kind]:open311.attribute_single',
      'attribute[room]:open311.attribute_line',
    ]);
  });

  it('names, comma lists and links', () => {
    expect(personName('明', '李')).toBe('李明');
    expect(personName('Anna', 'Smith')).toBe('Anna Smith');
    expect(personName('Anna', undefined)).toBe('Anna');
    expect(personName(undefined, '')).toBeUndefined();
    expect(commaList({ s: ['1, 2', '3,,'] }, 's')).toEqual(['1', '2', '3']);
    const issues: Issue[] = [];
    expect(mediaUrls({ m: ['https://a.example/x.jpg', 'ftp://a/b', 'javascript:alert(1)', 'http://b.example/y'] }, 'm', issues)).toEqual(['https://a.example/x.jpg', 'http://b.example/y']);
    expect(issues.map((i) => i.code)).toEqual(['open311.url', 'open311.url']);
  });
});

describe('windows', () => {
  const now = new Date('2030-05-14T02:00:00Z');
  const d = (s: string) => new Date(s);
  it('defaults to the last 90 days; a start alone reaches 90 days on; at most 90 days', () => {
    expect(listWindow(now)).toEqual({ ok: true, from: d('2030-02-13T02:00:00Z'), to: now });
    expect(listWindow(now, d('2030-01-01T00:00:00Z'))).toEqual({ ok: true, from: d('2030-01-01T00:00:00Z'), to: d('2030-04-01T00:00:00Z') });
    expect(listWindow(now, undefined, d('2030-01-01T00:00:00Z'))).toEqual({ ok: true, from: d('2029-10-03T00:00:00Z'), to: d('2030-01-01T00:00:00Z') });
    expect(listWindow(now, d('2030-01-01T00:00:00Z'), d('2030-04-01T00:00:00Z')).ok).toBe(true);
    expect(listWindow(now, d('2030-01-01T00:00:00Z'), d('2030-04-01T00:00:01Z'))).toMatchObject({ ok: false, field: 'end_date', code: 'open311.span' });
    expect(listWindow(now, d('2030-01-02T00:00:00Z'), d('2030-01-01T00:00:00Z'))).toMatchObject({ ok: false, code: 'open311.end_before_start' });
  });
});

describe("mySociety's statuses", () => {
  it('reads posted names in any case', () => {
    expect(parseUpdateStatus('fixed')).toBe('FIXED');
    expect(parseUpdateStatus(' Not_Councils_Responsibility ')).toBe('NOT_COUNCILS_RESPONSIBILITY');
    expect(parseUpdateStatus('SOLVED')).toBeNull();
  });

  it('an update reads as what it did to the case', () => {
    const s = (action: string, state: string, detail: Record<string, unknown> = {}) => updateStatusOf({ action, state, detail });
    expect(s('request_verify', 'verifying')).toBe('investigating');
    expect(s('register', 'registered')).toBe('action_scheduled');
    expect(s('accept', 'accepted')).toBe('in_progress');
    expect(s('check', 'checked')).toBe('fixed');
    expect(s('check', 'accepted')).toBe('in_progress'); // rework
    expect(s('close', 'closed', { closeType: 'normal' })).toBe('fixed');
    expect(s('close', 'closed', { closeType: 'overdue' })).toBe('fixed');
    expect(s('force_close', 'closed', { closeType: 'error' })).toBe('no_further_action');
    expect(s('force_close', 'closed', { closeType: 'special' })).toBe('closed');
    expect(s('merge', 'cancelled')).toBe('duplicate');
    expect(s('cancel', 'cancelled')).toBe('no_further_action');
    expect(s('suspend', 'suspended')).toBe('action_scheduled');
    expect(s('public_update', 'closed', { status: 'REOPEN' })).toBe('reopen');
    expect(s('public_update', 'registered', { status: 'nonsense' })).toBe('open');
  });
});

describe('placing an address in the subdistrict', () => {
  const places: Place[] = [
    { kind: 'building', name: '凯迪克大厦', address: '江宁路212号', lng: 1, lat: 1 },
    { kind: 'building', name: '恒丰大楼（北楼）', address: '恒丰路（示例门牌）', lng: 2, lat: 2 },
    { kind: 'area', name: '新福康里', lng: 3, lat: 3 },
    { kind: 'road', name: '江宁路', lng: 4, lat: 4 },
    { kind: 'shop', name: '老王面馆', address: '凤阳路100号', lng: 5, lat: 5 },
  ];
  const at = (s: string) => placeAddress(s, places)?.place.lng ?? null;
  it('the most specific match wins: a door plate, then a named place, then a road', () => {
    expect(at('江宁路212号')).toBe(1);
    expect(at('上海市静安区江宁路２１２号门口')).toBe(1); // full-width digits
    expect(at('凯迪克大厦楼下')).toBe(1);
    expect(at('新福康里 3 弄')).toBe(3);
    expect(at('江宁路靠近新闸路')).toBe(4);
    expect(at('凤阳路100')).toBe(5); // a door plate without 号
    expect(at('北京市朝阳区')).toBeNull();
    expect(at('路')).toBeNull();
  });
  it('normalises widths and spaces; a road stands at the middle of its line', () => {
    expect(normalise('ＡＢ　１２ c')).toBe('ab12c');
    expect(roadPoint([[0, 0], [2, 2]])).toEqual({ lng: 1, lat: 1 });
    expect(roadPoint([[0, 0], [2, 2], [4, 0]])).toEqual({ lng: 2, lat: 2 });
    expect(roadPoint([])).toBeNull();
  });
});

describe('one value, two formats', () => {
  const parser = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: (n) => ['request', 'value', 'attribute'].includes(n) });
  it('lists are containers in XML and bare arrays in JSON; null is an empty element', () => {
    const body = [{ service_request_id: '1', status_notes: null, lat: 31.2, media_url: 'http://x/?a=1&b=<2>' }];
    expect(JSON.parse(render('json', 'service_requests', body))).toEqual(body);
    const doc = parser.parse(toXml('service_requests', body));
    expect(doc).toEqual({ service_requests: { request: [{ service_request_id: '1', status_notes: '', lat: '31.2', media_url: 'http://x/?a=1&b=<2>' }] } });
    expect(parser.parse(toXml('service_definition', { service_code: 'x', attributes: [] }))).toEqual({ service_definition: { service_code: 'x', attributes: '' } });
    expect(() => toXml('things', [1] as never)).toThrow(/no child element/);
  });

  it('any text survives XML, except what XML 1.0 cannot carry', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const clean = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
        const got = parser.parse(toXml('errors', [{ code: 400, description: s }])).errors.error as unknown;
        const text = (got as { description: string }[] | { description: string })[0 as never] ?? got;
        expect(String((text as { description: string }).description)).toBe(clean.trim());
      }),
    );
  });

  it('the format is the suffix of the path', () => {
    expect(formatOfUrl('/open311/v2/requests.json?x=1.xml')).toBe('json');
    expect(formatOfUrl('/open311/v2/requests.XML')).toBe('xml');
    expect(formatOfUrl('/open311/v2/whatever')).toBe('xml');
  });

  it('a fingerprint ignores who calls and the order of parameters', () => {
    const a = fingerprint({ service_code: '1', description: 'x', api_key: 'k1', jurisdiction_id: 'j' }, [Buffer.from('p')]);
    expect(fingerprint({ description: 'x', service_code: '1', api_key: 'k2' }, [Buffer.from('p')])).toBe(a);
    expect(fingerprint({ description: 'y', service_code: '1' }, [Buffer.from('p')])).not.toBe(a);
    expect(fingerprint({ description: 'x', service_code: '1' }, [Buffer.from('q')])).not.toBe(a);
  });
});
