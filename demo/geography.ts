// Geography of the Shimen Er Road demo (WGS-84). The outline is an illustrative
// 1.07 km² polygon around the real location (31.236 N, 121.456 E) between Suzhou
// Creek and Nanjing West Road; road lines are schematic, not surveyed.
import area from '@turf/area';
import intersect from '@turf/intersect';
import { feature, featureCollection } from '@turf/helpers';
import type { Polygon } from '../src/core/geo/index.js';

export const CENTER: [number, number] = [121.456, 31.236];
export const TARGET_AREA_M2 = 1_070_000;

const RAW_OUTLINE: [number, number][] = [
  [121.4507, 31.2312],
  [121.4612, 31.231],
  [121.4616, 31.236],
  [121.4605, 31.241],
  [121.456, 31.2418],
  [121.451, 31.2402],
  [121.4503, 31.2355],
];

const round = (v: number) => Math.round(v * 1e7) / 1e7;

function closed(ring: [number, number][]): [number, number][] {
  return [...ring, ring[0]!];
}

/** The outline scaled about its centre so that it covers exactly the target area. */
export function boundary(): Polygon {
  const raw: Polygon = { type: 'Polygon', coordinates: [closed(RAW_OUTLINE)] };
  const k = Math.sqrt(TARGET_AREA_M2 / area(raw));
  const [cx, cy] = CENTER;
  return { type: 'Polygon', coordinates: [closed(RAW_OUTLINE.map(([x, y]) => [round(cx + (x - cx) * k), round(cy + (y - cy) * k)]))] };
}

export interface RoadDef {
  name: string;
  nameEn: string;
  line: [number, number][];
  /** does the source document name it */
  named: boolean;
}

// Cut lines of the road network; grids follow road centre lines.
export const LNG_CUTS = { jiangning: 121.4512, cixi: 121.454, fengxian: 121.4562, shimen2: 121.458, chengdu: 121.4608 };
export const LAT_CUTS = { nanjing: 31.2315, fengyang: 31.233, beijing: 31.2352, xinzha: 31.2378, suhe: 31.2412 };

export const ROADS: RoadDef[] = [
  { name: '南京西路', nameEn: 'West Nanjing Road', named: true, line: [[121.4506, LAT_CUTS.nanjing], [121.4612, LAT_CUTS.nanjing - 0.0001]] },
  { name: '凤阳路', nameEn: 'Fengyang Road', named: true, line: [[121.4507, LAT_CUTS.fengyang], [121.4613, LAT_CUTS.fengyang]] },
  { name: '北京西路', nameEn: 'West Beijing Road', named: false, line: [[121.4504, LAT_CUTS.beijing], [121.4615, LAT_CUTS.beijing]] },
  { name: '新闸路', nameEn: 'Xinzha Road', named: true, line: [[121.4505, LAT_CUTS.xinzha], [121.4612, LAT_CUTS.xinzha]] },
  { name: '石门二路', nameEn: 'Shimen Er Road', named: true, line: [[LNG_CUTS.shimen2, 31.2311], [LNG_CUTS.shimen2, 31.2416]] },
  { name: '奉贤路', nameEn: 'Fengxian Road', named: true, line: [[LNG_CUTS.fengxian, 31.2311], [LNG_CUTS.fengxian, LAT_CUTS.beijing]] },
  { name: '江宁路', nameEn: 'Jiangning Road', named: true, line: [[LNG_CUTS.jiangning, 31.2312], [LNG_CUTS.jiangning, 31.2402]] },
  { name: '慈溪路', nameEn: 'Cixi Road', named: true, line: [[LNG_CUTS.cixi, LAT_CUTS.beijing], [LNG_CUTS.cixi, LAT_CUTS.xinzha]] },
  { name: '成都北路', nameEn: 'North Chengdu Road', named: false, line: [[LNG_CUTS.chengdu, 31.2311], [LNG_CUTS.chengdu, 31.2405]] },
  { name: '苏州河滨河步道', nameEn: 'Suzhou Creek Walk', named: false, line: [[121.4512, 31.2401], [121.456, 31.2415], [121.4603, 31.2407]] },
];

export interface Cell {
  code: string;
  name: string;
  geometry: Polygon;
  /** column 0..2 west→east, row 0..3 south→north */
  col: number;
  row: number;
}

const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

function clip(poly: Polygon, to: Polygon): Polygon | null {
  const r = intersect(featureCollection([feature(poly), feature(to)]));
  if (!r) return null;
  const g = r.geometry;
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map(([x, y]) => [round(x!), round(y!)])) };
  // keep the largest part of a multipolygon
  const parts = g.coordinates.map((c) => ({ type: 'Polygon' as const, coordinates: c })).sort((a, b) => area(b) - area(a));
  return parts[0] ? { type: 'Polygon', coordinates: parts[0].coordinates.map((ring) => ring.map(([x, y]) => [round(x!), round(y!)])) } : null;
}

const COL_EDGES = [120.0, LNG_CUTS.cixi, LNG_CUTS.shimen2, 122.0];
const ROW_EDGES = [31.0, LAT_CUTS.fengyang, LAT_CUTS.beijing, LAT_CUTS.xinzha, 32.0];
const ROW_NAMES = ['南京西路—凤阳路', '凤阳路—北京西路', '北京西路—新闸路', '新闸路—苏州河'];
const COL_NAMES = ['西', '中', '东'];

/** Twelve responsibility grids (责任网格): the blocks between the main roads. */
export function responsibilityGrids(): Cell[] {
  const b = boundary();
  const out: Cell[] = [];
  for (let row = 0; row < 4; row++)
    for (let col = 0; col < 3; col++) {
      const g = clip(rect(COL_EDGES[col]!, ROW_EDGES[row]!, COL_EDGES[col + 1]!, ROW_EDGES[row + 1]!), b);
      if (!g) continue;
      const n = row * 3 + col + 1;
      out.push({ code: `SM2-G${String(n).padStart(2, '0')}`, name: `第${n}网格（${ROW_NAMES[row]}${COL_NAMES[col]}段）`, geometry: g, col, row });
    }
  return out;
}

/** Unit grids (万米单元网格): ~100 m squares, clipped to the boundary. */
export function unitGrids(): Cell[] {
  const b = boundary();
  const dLat = 100 / 110_900;
  const dLng = 100 / (111_320 * Math.cos((CENTER[1] * Math.PI) / 180));
  const [minX, minY, maxX, maxY] = [121.45, 31.2305, 121.462, 31.2422];
  const out: Cell[] = [];
  let row = 0;
  for (let y = minY; y < maxY; y += dLat, row++) {
    let col = 0;
    for (let x = minX; x < maxX; x += dLng, col++) {
      const g = clip(rect(round(x), round(y), round(x + dLng), round(y + dLat)), b);
      if (!g || area(g) < 200) continue;
      out.push({ code: `SM2-U${String(row).padStart(2, '0')}${String(col).padStart(2, '0')}`, name: `单元网格 ${row}-${col}`, geometry: g, col, row });
    }
  }
  return out;
}

/** Where the non-motor vehicles gather: around the 凤阳路/奉贤路 junction. */
export const HOTSPOT: [number, number] = [LNG_CUTS.fengxian + 0.0005, LAT_CUTS.fengyang + 0.0001];
