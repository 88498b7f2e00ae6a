// Demo data of later modules (cases, sensing, enterprise, community, people) plug in here,
// each loading after the places and accounts they refer to.
import type { Tx } from '../src/core/db/index.js';
import type { DemoData } from './generate.js';
import { casesDemo } from './cases.js';
import { enterpriseDemo } from './enterprise/load.js';
import { communityDemo } from './community.js';
import { peopleDemo } from './people/load.js';
import { sensingDemo } from './sensing.js';

export interface DemoIds {
  tenantId: string;
  areaId: Map<string, number>;
  buildingId: Map<string, number>;
  departmentId: Map<string, number>;
  userId: Map<string, number>;
  gridId: Map<string, number>;
  ownerIds: number[];
  unitIds: number[];
}

export interface DemoExtension {
  name: string;
  load(tx: Tx, data: DemoData, ids: DemoIds): Promise<void>;
}

export const demoExtensions: DemoExtension[] = [casesDemo, enterpriseDemo, communityDemo, peopleDemo, sensingDemo];
