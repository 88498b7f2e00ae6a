// Demo residents: a household of 1–4 people in every residential unit, drawn from the
// seed so that each residential area matches its elderly share (45% overall, 新福康里
// 41%) and over a third of the elderly are 80+ (15%+ of all residents), with the
// oldest more often living alone. Pure: the same people on every machine.
import { Rng, DEMO_SEED } from '../random.js';
import { personName, phone } from '../names.js';
import type { DemoData } from '../generate.js';

/** Ages are computed against this day; birth dates are fixed from it. */
export const DEMO_DAY = '2026-11-30';

type Member = 'E' | 'A' | 'C'; // elderly 60+, adult 20–59, child 0–19
interface HouseholdType {
  members: Member[];
  weight: number;
}
// Two pools: households with and without elderly members; the generator draws from the
// elderly pool more often while an area is below its target share, and less when above.
const ELDER_POOL: HouseholdType[] = [
  { members: ['E'], weight: 16 },
  { members: ['E', 'E'], weight: 24 },
  { members: ['E', 'A'], weight: 12 },
  { members: ['E', 'E', 'A'], weight: 14 },
  { members: ['E', 'A', 'A'], weight: 10 },
  { members: ['E', 'E', 'A', 'C'], weight: 12 },
  { members: ['E', 'A', 'A', 'C'], weight: 12 },
];
const YOUNG_POOL: HouseholdType[] = [
  { members: ['A'], weight: 6 },
  { members: ['A', 'A'], weight: 12 },
  { members: ['A', 'A', 'C'], weight: 40 },
  { members: ['A', 'A', 'C', 'C'], weight: 24 },
  { members: ['A', 'A', 'A', 'C'], weight: 18 },
];

export interface DemoResident {
  unitIndex: number;
  name: string;
  gender: 'F' | 'M';
  birthDate: string;
  phone: string | null;
  householdRole: 'head' | 'member';
  /** index into data.owners when this person is the unit's owner */
  owner: number | null;
  account?: string;
  /** elderly register fields */
  elderly?: { livesAlone: boolean; careLevel: number };
}

const BANDS_ALONE: readonly (readonly [[number, number], number])[] = [
  [[60, 69], 18],
  [[70, 79], 28],
  [[80, 89], 40],
  [[90, 101], 14],
];
const BANDS_OTHER: readonly (readonly [[number, number], number])[] = [
  [[60, 69], 40],
  [[70, 79], 27],
  [[80, 89], 26],
  [[90, 100], 7],
];

function birthDate(rng: Rng, age: number): string {
  const [y, m, d] = DEMO_DAY.split('-').map(Number) as [number, number, number];
  // born `age` years and 1–364 days before DEMO_DAY: aged exactly `age` on that day
  const t = new Date(Date.UTC(y - age, m - 1, d) - rng.int(1, 364) * 86_400_000);
  return t.toISOString().slice(0, 10);
}

function careLevel(rng: Rng, age: number): number {
  const p = age >= 90 ? 0.55 : age >= 80 ? 0.3 : age >= 70 ? 0.12 : 0.05;
  if (!rng.chance(p)) return 0;
  return rng.weighted([
    [1, 20],
    [2, 25],
    [3, 20],
    [4, 18],
    [5, 10],
    [6, 7],
  ]);
}

export function generateResidents(data: DemoData): DemoResident[] {
  const rng = new Rng(DEMO_SEED).fork('residents');
  const areaOf = new Map(data.buildings.map((b) => [b.code, b.areaCode]));
  const share = new Map(data.areas.map((a) => [a.code, a.elderlyShare]));
  const tally = new Map<string, { persons: number; elders: number }>();
  const out: DemoResident[] = [];
  const demoFlat = data.units.findIndex((u) => u.owners.some((o) => data.owners[o.owner]?.account === 'owner') && u.use === 'residential');

  data.units.forEach((u, unitIndex) => {
    if (u.use !== 'residential') return;
    const area = areaOf.get(u.buildingCode);
    if (!area) return;
    const t = tally.get(area) ?? { persons: 0, elders: 0 };
    tally.set(area, t);
    const ownerIdx = u.owners.find((o) => data.owners[o.owner]?.kind === 'person')?.owner ?? null;
    if (unitIndex === demoFlat) {
      // the listed demo resident: 张根娣, 78, living alone in 新福康里
      const o = data.owners[ownerIdx!]!;
      out.push({ unitIndex, name: o.name, gender: 'F', birthDate: '1948-03-12', phone: o.phone, householdRole: 'head', owner: ownerIdx, account: 'owner', elderly: { livesAlone: true, careLevel: 1 } });
      t.persons++;
      t.elders++;
      return;
    }
    const below = t.elders < (share.get(area) ?? 0.45) * t.persons;
    const pool = rng.chance(below ? 0.92 : 0.08) ? ELDER_POOL : YOUNG_POOL;
    // 新福康里: "高龄独居老人较多" — more people living alone there
    const type = rng.weighted(pool.map((h) => [h, h.weight * (area === 'XFKL' && h.members.length === 1 && h.members[0] === 'E' ? 2 : 1)] as const));
    const alone = type.members.length === 1;
    let surname = '';
    type.members.forEach((m, i) => {
      const age = m === 'E' ? rng.int(...rng.weighted(alone ? BANDS_ALONE : BANDS_OTHER)) : m === 'A' ? rng.int(22, 59) : rng.int(0, 19);
      // the first person holds the flat when its owner is a person; children share a surname
      const isOwner = i === 0 && ownerIdx !== null;
      let name = isOwner ? data.owners[ownerIdx]!.name : personName(rng);
      if (i === 0) surname = [...name][0]!;
      if (m === 'C' || (m === 'A' && type.members[0] === 'E')) name = surname + [...name].slice(1).join('');
      const gender: 'F' | 'M' = m === 'E' && alone ? (rng.chance(0.68) ? 'F' : 'M') : i === 1 && type.members[0] === type.members[1] ? (out[out.length - 1]!.gender === 'F' ? 'M' : 'F') : rng.chance(0.5) ? 'F' : 'M';
      out.push({
        unitIndex,
        name,
        gender,
        birthDate: birthDate(rng, age),
        phone: m === 'C' && age < 14 ? null : isOwner ? data.owners[ownerIdx]!.phone : phone(rng),
        householdRole: i === 0 ? 'head' : 'member',
        owner: isOwner ? ownerIdx : null,
        elderly: m === 'E' ? { livesAlone: alone, careLevel: careLevel(rng, age) } : undefined,
      });
      t.persons++;
      if (m === 'E') t.elders++;
    });
  });
  return out;
}
