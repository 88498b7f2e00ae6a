// Demo sensing: a Frigate server with cameras and named zones around 凤阳路/奉贤路 (where a
// quarter of the area holds over half of the non-motor vehicles), e-bike charging
// sensors, smoke detectors, manhole-cover sensors, water meters and door sensors in the
// homes of elderly people living alone, and the scene rules of the operations centre.
// Care sensors are placed where the people module's consents say (WM-<area>-<nnnn> /
// DS-<area>-<nnnn>), so the people demo loads first.
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../src/core/db/index.js';
import { PolygonIndex } from '../src/core/geo/index.js';
import { devices, scenes, zones } from '../src/modules/sensing/index.js';
import { elderly, residents, sensorConsents } from '../src/modules/people/index.js';
import { buildings, units } from '../src/modules/places/index.js';
import type { DemoData } from './generate.js';
import type { DemoExtension, DemoIds } from './extensions.js';
import { HOTSPOT, LAT_CUTS, LNG_CUTS } from './geography.js';
import { Rng } from './random.js';

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Frigate's MQTT topic prefix of the demo server (Frigate's default). */
export const DEMO_FRIGATE_PREFIX = 'frigate';
export const DEMO_NVR_CODE = 'NVR-FY01';

/** Cameras at the hotspot and the zones they watch (names as in Frigate's config). */
export const DEMO_CAMERAS = [
  { code: 'CAM-FY-01', name: '凤阳路/奉贤路口东北角', frigate: 'fengyang_fengxian_ne', at: [HOTSPOT[0] + 0.0001, HOTSPOT[1] + 0.00008], zones: [{ code: 'Z-FY-N', name: '凤阳路北侧人行道（奉贤路口东）', frigate: 'fy_north_walk', labels: ['bicycle', 'motorcycle'], scale: 1 }] },
  { code: 'CAM-FY-02', name: '凤阳路/奉贤路口西南角', frigate: 'fengyang_fengxian_sw', at: [HOTSPOT[0] - 0.0004, HOTSPOT[1] - 0.00008], zones: [{ code: 'Z-FY-S', name: '凤阳路南侧人行道（奉贤路口西）', frigate: 'fy_south_walk', labels: ['bicycle', 'motorcycle'], scale: 0.8 }] },
  { code: 'CAM-FX-01', name: '奉贤路（凤阳路—北京西路）', frigate: 'fengxian_mid', at: [LNG_CUTS.fengxian + 0.00008, (LAT_CUTS.fengyang + LAT_CUTS.beijing) / 2], zones: [{ code: 'Z-FX-LANE', name: '奉贤路非机动车道', frigate: 'fx_bike_lane', labels: ['bicycle', 'motorcycle'], scale: 0.7 }] },
  {
    code: 'CAM-FY-03',
    name: '凤阳路沿街商铺',
    frigate: 'fengyang_shops',
    at: [HOTSPOT[0] + 0.0012, LAT_CUTS.fengyang + 0.00012],
    zones: [{ code: 'Z-FY-SHOP', name: '凤阳路沿街店门口', frigate: 'fy_shop_front', labels: ['package', 'garbage', 'sign_tilted'], scale: 0 }],
  },
] as const;

const DAYS_WORK = 'working' as const;

export const sensingDemo: DemoExtension = {
  name: 'sensing',
  async load(tx: Tx, data: DemoData, ids: DemoIds) {
    const tenantId = ids.tenantId;
    const rng = new Rng(4_2026);
    const respGrids = new PolygonIndex(data.grids.filter((g) => g.kind === 'responsibility').map((g) => ({ geometry: g.geometry, value: ids.gridId.get(g.code)! })));
    const gridAt = (lng: number, lat: number) => respGrids.find(lng, lat) ?? null;
    const dept = (code: string) => ids.departmentId.get(code) ?? null;
    const now = Date.now();
    const insertDevice = async (d: Omit<typeof devices.$inferInsert, 'tenantId' | 'gridId'>) => {
      const [row] = await tx.insert(devices).values({ tenantId, gridId: d.lng != null && d.lat != null ? gridAt(d.lng, d.lat) : null, ...d }).returning({ id: devices.id });
      return row!.id;
    };

    // --- Frigate server, cameras, zones
    const nvrId = await insertDevice({ code: DEMO_NVR_CODE, name: 'Frigate 视频分析服务器（凤阳路）', kind: 'nvr', topicPrefix: DEMO_FRIGATE_PREFIX, rateLimit: 1000, offlineAfterS: null, departmentId: dept('OPS'), attributes: { note: '演示：由模拟器按 Frigate 的 MQTT 格式发布' } });
    const zoneIds = new Map<string, number>();
    for (const cam of DEMO_CAMERAS) {
      const [lng, lat] = [r6(cam.at[0]), r6(cam.at[1])];
      const camId = await insertDevice({ code: cam.code, name: cam.name, kind: 'camera', parentId: nvrId, frigateName: cam.frigate, lng, lat, address: cam.name, departmentId: dept('CG'), offlineAfterS: null });
      for (const z of cam.zones) {
        const [row] = await tx.insert(zones).values({ tenantId, nvrId, cameraId: camId, code: z.code, name: z.name, frigateName: z.frigate, labels: [...z.labels], lng, lat, gridId: gridAt(lng, lat) }).returning({ id: zones.id });
        zoneIds.set(z.code, row!.id);
      }
    }

    // --- sensors: charging in residential courtyards, smoke in old lane houses, manholes on roads
    const residential = data.buildings.filter((b) => b.kind === 'residential' && b.areaCode);
    for (let i = 0; i < 6; i++) {
      const b = residential[(i * 7) % residential.length]!;
      await insertDevice({ code: `CHG-${b.areaCode}-${String(i + 1).padStart(2, '0')}`, name: `${b.name}非机动车充电桩`, kind: 'charging', lng: r6(b.lng + 0.00005), lat: r6(b.lat), address: b.address, areaId: ids.areaId.get(b.areaCode!) ?? null, buildingId: ids.buildingId.get(b.code) ?? null, departmentId: dept('XF'), offlineAfterS: 900 });
    }
    for (let i = 0; i < 8; i++) {
      const b = residential[(i * 5 + 3) % residential.length]!;
      await insertDevice({ code: `SD-${b.areaCode}-${String(i + 1).padStart(2, '0')}`, name: `${b.name}公共部位烟感`, kind: 'smoke', lng: r6(b.lng), lat: r6(b.lat + 0.00003), address: b.address, areaId: ids.areaId.get(b.areaCode!) ?? null, buildingId: ids.buildingId.get(b.code) ?? null, departmentId: dept('XF'), offlineAfterS: 3600 });
    }
    const manholes: [string, number, number][] = [
      ['凤阳路', HOTSPOT[0] - 0.0008, LAT_CUTS.fengyang],
      ['凤阳路', HOTSPOT[0] + 0.0016, LAT_CUTS.fengyang],
      ['奉贤路', LNG_CUTS.fengxian, LAT_CUTS.fengyang + 0.0009],
      ['石门二路', LNG_CUTS.shimen2, LAT_CUTS.beijing + 0.0008],
      ['新闸路', 121.4552, LAT_CUTS.xinzha],
      ['北京西路', 121.4575, LAT_CUTS.beijing],
    ];
    for (const [i, [road, lng, lat]] of manholes.entries()) {
      await insertDevice({ code: `MH-${String(i + 1).padStart(2, '0')}`, name: `${road}井盖传感器${i + 1}号`, kind: 'manhole', lng: r6(lng), lat: r6(lat), address: `${road}（示例位置）`, departmentId: dept('CG'), offlineAfterS: 3600 });
    }

    // --- care sensors in the homes of elderly people living alone: one device per consent
    // the people module recorded (WM-<area>-<nnnn> water meters, DS-… door sensors), in the
    // resident's own unit, so an alarm of the device finds the person it watches
    const homes = await tx
      .select({ code: sensorConsents.deviceCode, kind: sensorConsents.deviceKind, unitId: residents.unitId, unitCode: units.code, buildingId: residents.buildingId, areaId: residents.areaId, committeeId: elderly.committeeId, address: buildings.address, lng: buildings.lng, lat: buildings.lat })
      .from(sensorConsents)
      .innerJoin(elderly, eq(elderly.id, sensorConsents.elderlyId))
      .innerJoin(residents, eq(residents.id, elderly.residentId))
      .innerJoin(units, eq(units.id, residents.unitId))
      .innerJoin(buildings, eq(buildings.id, residents.buildingId))
      .where(and(eq(sensorConsents.tenantId, tenantId), isNull(sensorConsents.withdrawnAt)))
      .orderBy(sensorConsents.deviceCode);
    // one household has been silent for 14 hours: the care scene fires soon after start
    const silentUnit = homes.find((h) => h.code === 'WM-XFKL-0003')?.unitId;
    for (const h of homes) {
      const silent = h.unitId === silentUnit;
      const lastActivityAt = new Date(now - (silent ? 14 * 3600_000 : rng.int(10, 240) * 60_000));
      const name = h.kind === 'water_meter' ? '独居老人智能水表' : '独居老人门磁';
      await insertDevice({ code: h.code, name: `${name} ${h.code.slice(3)}`, kind: h.kind, lng: r6(Number(h.lng)), lat: r6(Number(h.lat)), address: `${h.address}${h.unitCode}室`, areaId: h.areaId, buildingId: h.buildingId, unitId: h.unitId, departmentId: h.committeeId, offlineAfterS: 3600, lastActivityAt, attributes: { livesAlone: true, ...(silent ? { demoSilent: true } : {}) } });
    }

    // --- scene rules of the operations centre
    const peak = [
      { days: DAYS_WORK, from: '07:30', to: '09:30' },
      { days: 'all' as const, from: '11:00', to: '13:30' },
      { days: DAYS_WORK, from: '17:00', to: '19:30' },
    ];
    const shopZone = zoneIds.get('Z-FY-SHOP')!;
    await tx.insert(scenes).values([
      { tenantId, code: 'FY-NMV', name: '凤阳路/奉贤路非机动车乱停放（高峰时段）', kind: 'zone_occupancy', params: { zoneIds: [zoneIds.get('Z-FY-N')!, zoneIds.get('Z-FY-S')!, zoneIds.get('Z-FX-LANE')!], labels: ['bicycle', 'motorcycle'], fireAt: 15, fireAfterS: 120, clearBelow: 8, clearAfterS: 300 }, schedule: peak, categoryCode: '09010', grade: 'normal', autoRegister: true, departmentId: dept('CG'), cooldownS: 1800 },
      { tenantId, code: 'FY-GOODS', name: '店门口乱堆物堆料', kind: 'presence', params: { zoneIds: [shopZone], labels: ['package'], minDwellS: 120, clearAfterS: 120 }, schedule: [], categoryCode: '06036', grade: 'normal', autoRegister: false, departmentId: dept('CG'), cooldownS: 3600 },
      { tenantId, code: 'FY-LITTER', name: '沿街暴露垃圾', kind: 'presence', params: { zoneIds: [shopZone], labels: ['garbage'], minDwellS: 300, clearAfterS: 120 }, schedule: [], categoryCode: '06010', grade: 'normal', autoRegister: false, departmentId: dept('LH'), cooldownS: 3600 },
      { tenantId, code: 'FY-SIGN', name: '店招牌匾倾斜', kind: 'presence', params: { zoneIds: [shopZone], labels: ['sign_tilted'], minDwellS: 60, clearAfterS: 600 }, schedule: [], categoryCode: '03007', grade: 'important', autoRegister: false, departmentId: dept('CG'), cooldownS: 86_400 },
      { tenantId, code: 'CHG-NIGHT', name: '电动自行车夜间充电过流', kind: 'device_alarm', params: { deviceKinds: ['charging'], alarmTypes: ['over_current'], holdS: 1800 }, schedule: [{ days: 'all' as const, from: '22:00', to: '06:00' }], categoryCode: '90011', grade: 'important', autoRegister: true, departmentId: null, cooldownS: 3600 },
      { tenantId, code: 'SMOKE', name: '烟感报警', kind: 'device_alarm', params: { deviceKinds: ['smoke'], alarmTypes: ['smoke'], holdS: 900 }, schedule: [], categoryCode: '90010', grade: 'urgent', autoRegister: true, departmentId: null, cooldownS: 600 },
      { tenantId, code: 'MANHOLE', name: '井盖倾斜/移位', kind: 'device_alarm', params: { deviceKinds: ['manhole'], alarmTypes: ['tilt', 'displaced'], holdS: 3600 }, schedule: [], categoryCode: '01010', grade: 'important', autoRegister: true, departmentId: null, cooldownS: 3600 },
      { tenantId, code: 'CARE-SILENT', name: '独居老人长时间无用水/开门', kind: 'inactivity', params: { deviceKinds: ['water_meter', 'door_sensor'], hours: 12 }, schedule: [], categoryCode: '90030', grade: 'important', autoRegister: true, departmentId: null, cooldownS: 21_600 },
      { tenantId, code: 'OFFLINE', name: '感知设备离线', kind: 'device_offline', params: { deviceKinds: ['charging', 'smoke', 'manhole', 'water_meter', 'door_sensor', 'nvr'] }, schedule: [], categoryCode: '90020', grade: 'normal', autoRegister: true, departmentId: dept('OPS'), cooldownS: 3600 },
    ]);
  },
};
