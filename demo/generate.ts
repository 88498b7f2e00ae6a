// The Shimen Er Road demo data set, generated from a fixed seed: the same rows on every
// machine. Facts from the source document are used as given (named places, 11
// residential areas, 31 office buildings, ~550 shops, 新福康里 1,504 households and 41%
// elderly, 凯迪克大厦 built 1997 with 6 lifts); everything else is illustrative and
// marked so.
import area from '@turf/area';
import { PolygonIndex, type Polygon } from '../src/core/geo/index.js';
import { Rng, DEMO_SEED } from './random.js';
import { boundary, responsibilityGrids, unitGrids, ROADS, LNG_CUTS, LAT_CUTS, CENTER, type Cell } from './geography.js';
import { companyName, personName, phone, SHOP_TRADES, shopName } from './names.js';
import { DEMO_ACCOUNTS, staffPool, type DemoAccount } from './accounts.js';

export interface DemoArea {
  code: string;
  name: string;
  illustrative: boolean;
  households: number;
  elderlyShare: number;
  boundary: Polygon;
  lat: number;
  lng: number;
}
export interface DemoBuilding {
  code: string;
  name: string;
  kind: 'residential' | 'office' | 'mixed';
  areaCode: string | null;
  address: string;
  lat: number;
  lng: number;
  floors: number;
  builtYear: number;
  lifts: number;
  illustrative: boolean;
  info: Record<string, unknown>;
}
export interface DemoUnit {
  buildingCode: string;
  code: string;
  floor: number;
  area: string;
  use: 'residential' | 'office' | 'shop';
  /** indexes into owners */
  owners: { owner: number; share: string }[];
}
export interface DemoOwner {
  name: string;
  kind: 'person' | 'organisation';
  phone: string | null;
  account?: string;
}
export interface DemoShop {
  name: string;
  trade: string;
  road: string;
  address: string;
  lat: number;
  lng: number;
  streetCommittee: boolean;
}
export interface DemoDepartment {
  code: string;
  name: string;
  nameEn: string;
  kind: string;
  areaCode?: string;
  buildingCode?: string;
  phone: string;
}
export interface DemoData {
  tenant: { id: string; name: string; nameEn: string; district: string; city: string; boundary: Polygon; settings: Record<string, unknown> };
  departments: DemoDepartment[];
  areas: DemoArea[];
  buildings: DemoBuilding[];
  units: DemoUnit[];
  owners: DemoOwner[];
  shops: DemoShop[];
  roads: { name: string; nameEn: string; geometry: { type: 'LineString'; coordinates: [number, number][] } }[];
  grids: (Cell & { kind: 'responsibility' | 'unit'; inspector?: string })[];
  accounts: DemoAccount[];
}

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

// Residential areas: [code, name, illustrative, households, elderly share, grid block (col,row)]
const AREA_DEFS: [string, string, boolean, number, number, number, number][] = [
  ['XFKL', '新福康里居民区', false, 1504, 0.41, 1, 2],
  ['HF', '恒丰居民区', false, 612, 0.47, 0, 3],
  ['ZJZ', '张家宅居民区', false, 655, 0.46, 0, 1],
  ['XF', '祥福居民区', false, 640, 0.48, 0, 2],
  ['DW', '东王居民区', false, 598, 0.44, 2, 0],
  ['X1', '示例·凤南居民区', true, 700, 0.45, 1, 0],
  ['X2', '示例·江宁居民区', true, 680, 0.46, 0, 0],
  ['X3', '示例·奉贤居民区', true, 720, 0.44, 1, 1],
  ['X4', '示例·成都居民区', true, 650, 0.45, 2, 1],
  ['X5', '示例·新闸居民区', true, 630, 0.43, 2, 2],
  ['X6', '示例·苏河居民区', true, 640, 0.42, 1, 3],
];

function shrink(poly: Polygon, k: number): Polygon {
  const ring = poly.coordinates[0]!;
  const cx = ring.slice(0, -1).reduce((s, p) => s + p[0]!, 0) / (ring.length - 1);
  const cy = ring.slice(0, -1).reduce((s, p) => s + p[1]!, 0) / (ring.length - 1);
  return { type: 'Polygon', coordinates: [ring.map((p) => [r6(cx + (p[0]! - cx) * k), r6(cy + (p[1]! - cy) * k)])] };
}

function randomPointIn(rng: Rng, poly: Polygon): [number, number] {
  const idx = new PolygonIndex([{ geometry: poly, value: 1 }]);
  const ring = poly.coordinates[0]!;
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let i = 0; i < 1000; i++) {
    const x = x0 + rng.next() * (x1 - x0);
    const y = y0 + rng.next() * (y1 - y0);
    if (idx.find(x, y)) return [r6(x), r6(y)];
  }
  return [r6((x0 + x1) / 2), r6((y0 + y1) / 2)];
}

export function generateDemo(tenantId = 'shimen2'): DemoData {
  const rng = new Rng(DEMO_SEED);
  const outline = boundary();
  const respGrids = responsibilityGrids();
  const blockOf = (col: number, row: number) => respGrids.find((g) => g.col === col && g.row === row)!;

  // --- residential areas
  const areas: DemoArea[] = AREA_DEFS.map(([code, name, illustrative, households, elderlyShare, col, row]) => {
    const b = shrink(blockOf(col, row).geometry, 0.82);
    const ring = b.coordinates[0]!;
    const lng = ring.slice(0, -1).reduce((s, p) => s + p[0]!, 0) / (ring.length - 1);
    const lat = ring.slice(0, -1).reduce((s, p) => s + p[1]!, 0) / (ring.length - 1);
    return { code, name, illustrative, households, elderlyShare, boundary: b, lat: r6(lat), lng: r6(lng) };
  });

  // --- buildings and units
  const buildings: DemoBuilding[] = [];
  const units: DemoUnit[] = [];
  const owners: DemoOwner[] = [];
  const brng = rng.fork('buildings');
  const orng = rng.fork('owners');
  const newPerson = (account?: string): number => owners.push({ name: personName(orng), kind: 'person', phone: phone(orng), account }) - 1;

  function addResidential(b: Omit<DemoBuilding, 'kind' | 'illustrative' | 'info'> & { kind?: DemoBuilding['kind']; illustrative?: boolean; info?: Record<string, unknown> }, perFloor: number, households: number) {
    buildings.push({ kind: 'residential', illustrative: true, info: {}, ...b });
    let made = 0;
    for (let f = 1; f <= b.floors && made < households; f++)
      for (let k = 1; k <= perFloor && made < households; k++, made++) {
        const a = (b.floors > 10 ? 55 : 38) + brng.int(0, b.floors > 10 ? 60 : 40) + brng.int(0, 99) / 100;
        const first = newPerson();
        const coOwned = brng.chance(0.12);
        const ownersOfUnit = coOwned ? [{ owner: first, share: '50' }, { owner: newPerson(), share: '50' }] : [{ owner: first, share: '100' }];
        units.push({ buildingCode: b.code, code: `${f}${String(k).padStart(2, '0')}`, floor: f, area: a.toFixed(2), use: 'residential', owners: ownersOfUnit });
      }
  }

  for (const ar of areas) {
    let left = ar.households;
    let n = 1;
    if (ar.code === 'HF') {
      const [lng, lat] = randomPointIn(brng, ar.boundary);
      addResidential({ code: 'B-HFBL', name: '恒丰大楼（北楼）', areaCode: 'HF', address: '恒丰路（示例门牌）', lat, lng, floors: 26, builtYear: 1994, lifts: 2, illustrative: false, info: { note: '260余住户，老龄化程度高、外来租户多' } }, 10, 262);
      left -= 262;
    }
    if (ar.code === 'DW') {
      const [lng, lat] = randomPointIn(brng, ar.boundary);
      addResidential({ code: 'B-JF-R', name: '嘉发大厦（商住楼）', kind: 'mixed', areaCode: 'DW', address: '南京西路（示例门牌）', lat, lng, floors: 24, builtYear: 1998, lifts: 3, illustrative: false, info: { note: '办公楼与商住楼各一幢，企业与居民比邻' } }, 8, 180);
      left -= 180;
    }
    while (left > 0) {
      const tower = brng.chance(0.25);
      const floors = tower ? brng.int(14, 28) : brng.int(3, 7);
      const perFloor = tower ? brng.int(6, 10) : brng.int(2, 6);
      const hh = Math.min(left, floors * perFloor);
      const [lng, lat] = randomPointIn(brng, ar.boundary);
      addResidential({ code: `B-${ar.code}-${String(n).padStart(2, '0')}`, name: `${ar.name.replace('居民区', '').replace('示例·', '')}${n}号楼`, areaCode: ar.code, address: `${ar.name.replace('居民区', '').replace('示例·', '')}弄 ${n} 号（示例）`, lat, lng, floors, builtYear: tower ? brng.int(1988, 2005) : brng.int(1925, 1985), lifts: tower ? 2 : 0 }, perFloor, hh);
      left -= hh;
      n++;
    }
  }

  // --- office buildings: 4 named in the source + 27 illustrative = 31
  const officeDefs: { code: string; name: string; address: string; lng: number; lat: number; floors: number; builtYear: number; lifts: number; illustrative: boolean; info: Record<string, unknown> }[] = [
    { code: 'B-KDK', name: '凯迪克大厦', address: '江宁路212号', lng: LNG_CUTS.jiangning + 0.0007, lat: 31.2341, floors: 28, builtYear: 1997, lifts: 6, illustrative: false, info: { liftsRenovated: 4, occupancy: 0.96, maintenanceFundShortfall: 0.08 } },
    { code: 'B-BH', name: '博华广场', address: '苏河湾（示例门牌）', lng: 121.4592, lat: 31.2398, floors: 60, builtYear: 2018, lifts: 24, illustrative: false, info: { firms: 32, certification: 'LEED / WELL 铂金' } },
    { code: 'B-HJ668', name: '恒基668广场', address: '石门二路（示例门牌）', lng: LNG_CUTS.shimen2 + 0.0008, lat: 31.2364, floors: 30, builtYear: 2006, lifts: 12, illustrative: false, info: {} },
    { code: 'B-JF', name: '嘉发大厦（办公楼）', address: '南京西路（示例门牌）', lng: 121.4598, lat: 31.2322, floors: 22, builtYear: 1998, lifts: 4, illustrative: false, info: { note: '建成于上世纪90年代末，毗邻南京西路商圈' } },
  ];
  const prefixes = ['新闸', '慈溪', '凤阳', '石二', '江宁', '北京西', '成都', '苏河', '南西', '静安', '康定', '大田', '泰兴', '山海关'];
  const suffixes = ['大厦', '商务中心', '广场', '商务楼', '中心'];
  const officeSpots: [number, number][] = [];
  for (let i = 0; officeDefs.length < 31; i++) {
    const block = respGrids[i % respGrids.length]!;
    const [lng, lat] = randomPointIn(brng, shrink(block.geometry, 0.9));
    officeSpots.push([lng, lat]);
    const nm = `示例·${prefixes[i % prefixes.length]}${suffixes[Math.floor(i / prefixes.length) % suffixes.length]}`;
    officeDefs.push({ code: `B-O${String(i + 1).padStart(2, '0')}`, name: nm, address: `${block.name.slice(block.name.indexOf('（') + 1, block.name.indexOf('—'))}（示例门牌）`, lng, lat, floors: brng.int(8, 36), builtYear: brng.int(1990, 2016), lifts: brng.int(2, 8), illustrative: true, info: {} });
  }
  const ownerRng = rng.fork('office-owners');
  for (const o of officeDefs) {
    buildings.push({ ...o, kind: 'office', areaCode: null });
    // a few large owners (大业主) hold whole floors; the rest are single suites
    const bigOwners = [0, 1, 2].map(() => owners.push({ name: companyName(ownerRng), kind: 'organisation', phone: null }) - 1);
    const perFloor = o.code === 'B-KDK' ? 8 : ownerRng.int(4, 8);
    const floors = o.code === 'B-BH' ? 40 : o.floors; // suites on office floors only
    for (let f = 2; f <= floors; f++)
      for (let k = 1; k <= perFloor; k++) {
        const big = f <= 2 + bigOwners.length * 3 && f > 2 ? bigOwners[Math.floor((f - 3) / 3)]! : ownerRng.chance(0.5) ? owners.push({ name: companyName(ownerRng), kind: 'organisation', phone: null }) - 1 : newPerson();
        units.push({ buildingCode: o.code, code: `${f}${String(k).padStart(2, '0')}`, floor: f, area: (ownerRng.int(90, 420) + ownerRng.int(0, 99) / 100).toFixed(2), use: 'office', owners: [{ owner: big, share: '100' }] });
      }
  }

  // the listed demo owner holds a flat in 新福康里 and a suite in 凯迪克大厦
  const demoOwner = owners.push({ name: '张根娣', kind: 'person', phone: '13800000001', account: 'owner' }) - 1;
  const flat = units.find((u) => u.buildingCode.startsWith('B-XFKL-'))!;
  flat.owners = [{ owner: demoOwner, share: '100' }];
  const suite = units.find((u) => u.buildingCode === 'B-KDK' && u.floor === 12)!;
  suite.owners = [{ owner: demoOwner, share: '100' }];

  // --- shops along the roads
  const srng = rng.fork('shops');
  const shopRoads: [string, number][] = [
    ['凤阳路', 92],
    ['奉贤路', 58],
    ['南京西路', 96],
    ['石门二路', 84],
    ['新闸路', 80],
    ['江宁路', 52],
    ['北京西路', 48],
    ['慈溪路', 18],
    ['成都北路', 24],
  ];
  const shops: DemoShop[] = [];
  for (const [roadName, count] of shopRoads) {
    const road = ROADS.find((r) => r.name === roadName)!;
    const [a, b] = [road.line[0]!, road.line[road.line.length - 1]!];
    for (let i = 0; i < count; i++) {
      const t = (i + 0.5) / count;
      const side = i % 2 === 0 ? 1 : -1;
      const horizontal = Math.abs(b[0] - a[0]) > Math.abs(b[1] - a[1]);
      const off = 0.00012 * side;
      const lng = a[0] + (b[0] - a[0]) * t + (horizontal ? 0 : off);
      const lat = a[1] + (b[1] - a[1]) * t + (horizontal ? off : 0);
      const trade = srng.weighted(SHOP_TRADES);
      shops.push({ name: shopName(srng, trade), trade, road: roadName, address: `${roadName}${i * 2 + (side > 0 ? 1 : 2)}号（示例）`, lat: r6(lat), lng: r6(lng), streetCommittee: srng.chance(0.6) });
    }
  }

  // --- departments
  const departments: DemoDepartment[] = [
    { code: 'OPS', name: '街道城市运行管理中心', nameEn: 'City operations centre', kind: 'ops_centre', phone: '021-6253 0001' },
    { code: 'CG', name: '城管执法中队', nameEn: 'Urban management squad', kind: 'city_management', phone: '021-6253 0002' },
    { code: 'SJ', name: '市场监督管理所', nameEn: 'Market regulation office', kind: 'market_regulation', phone: '021-6253 0003' },
    { code: 'FG', name: '房屋管理办事处', nameEn: 'Housing office', kind: 'housing', phone: '021-6253 0004' },
    { code: 'PCS', name: '派出所', nameEn: 'Police station', kind: 'police', phone: '021-6253 0005' },
    { code: 'LH', name: '绿化市容管理所', nameEn: 'Greening and city appearance office', kind: 'greening', phone: '021-6253 0006' },
    { code: 'XF', name: '消防救援站', nameEn: 'Fire and rescue station', kind: 'fire', phone: '021-6253 0007' },
    { code: 'QF', name: '企业服务中心（慈溪路211号）', nameEn: 'Enterprise service centre', kind: 'enterprise_centre', phone: '021-6253 0008' },
    { code: 'YL', name: '社区养老服务中心', nameEn: 'Community elderly care centre', kind: 'care', phone: '021-6253 0009' },
    { code: 'JWH', name: '街委会（沿街商铺自律组织）', nameEn: 'Street committee of shop-front units', kind: 'street_committee', phone: '021-6253 0010' },
    ...areas.map((a, i) => ({ code: `JW-${a.code}`, name: `${a.name.replace('居民区', '')}居委会`, nameEn: `Residents' committee ${a.code}`, kind: 'committee', areaCode: a.code, phone: `021-6253 01${String(i + 1).padStart(2, '0')}` })),
    ...[
      ['KDK', 'B-KDK', '凯迪克大厦楼委会'],
      ['BH', 'B-BH', '博华广场楼委会'],
      ['HJ', 'B-HJ668', '恒基668广场楼委会'],
      ['JF', 'B-JF', '嘉发大厦楼委会'],
    ].map(([c, b, n], i) => ({ code: `LW-${c}`, name: n!, nameEn: `Building committee ${c}`, kind: 'building_committee', buildingCode: b, phone: `021-6253 02${String(i + 1).padStart(2, '0')}` })),
  ];

  // --- grids and accounts
  const unit = unitGrids();
  const accounts = [...DEMO_ACCOUNTS, ...staffPool(respGrids.map((g) => g.code))];
  const inspectorOf = new Map<string, string>();
  for (const a of accounts) if (a.roles.includes('inspector')) for (const g of a.grids ?? []) inspectorOf.set(g, a.username);
  const grids = [...respGrids.map((g) => ({ ...g, kind: 'responsibility' as const, inspector: inspectorOf.get(g.code) })), ...unit.map((g) => ({ ...g, kind: 'unit' as const }))];

  return {
    tenant: {
      id: tenantId,
      name: '石门二路街道',
      nameEn: 'Shimen Er Road Subdistrict',
      district: '静安区',
      city: '上海市',
      boundary: outline,
      settings: { center: CENTER, areaKm2: Math.round(area(outline) / 10_000) / 100, officeHours: [['09:00', '12:00'], ['13:00', '17:30']] },
    },
    departments,
    areas,
    buildings,
    units,
    owners,
    shops,
    roads: ROADS.map((r) => ({ name: r.name, nameEn: r.nameEn, geometry: { type: 'LineString' as const, coordinates: r.line } })),
    grids,
    accounts,
  };
}

export { LAT_CUTS };
