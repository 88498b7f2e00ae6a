// Builds the test databases once per run: migrated + demo data, and migrated only.
// PGlite: snapshots (dumpDataDir) that every test file starts from.
// PostgreSQL (DATABASE_URL set): template databases that every test file copies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase, migrateDatabase } from '../src/core/db/index.js';
import { loadDemo } from '../demo/load.js';

declare module 'vitest' {
  export interface ProvidedContext {
    snapshotDemo: string;
    snapshotBlank: string;
    pgTemplateDemo: string;
    pgTemplateBlank: string;
  }
}

const runId = `${process.pid}_${Date.now().toString(36)}`;

export default async function setup(project: TestProject) {
  // browser tests need the current web app (npm test builds it too; `npx vitest` may not)
  const built = spawnSync(process.execPath, ['scripts/ensure-web.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('web app build failed');
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const names = { demo: `jiedao_tpl_demo_${runId}`, blank: `jiedao_tpl_blank_${runId}` };
    for (const [kind, name] of Object.entries(names)) {
      await admin.query(`create database ${name}`);
      const u = new URL(url);
      u.pathname = `/${name}`;
      const db = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
      await migrateDatabase(db);
      if (kind === 'demo') await loadDemo(db);
      await db.close();
    }
    project.provide('pgTemplateDemo', names.demo);
    project.provide('pgTemplateBlank', names.blank);
    project.provide('snapshotDemo', '');
    project.provide('snapshotBlank', '');
    return async () => {
      for (const name of Object.values(names)) await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    };
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiedao-test-'));
  const files = { demo: path.join(dir, 'demo.tar'), blank: path.join(dir, 'blank.tar') };
  for (const kind of ['blank', 'demo'] as const) {
    const database = await openDatabase({});
    await migrateDatabase(database);
    if (kind === 'demo') await loadDemo(database);
    const blob = await database.pglite!.dumpDataDir('none');
    fs.writeFileSync(files[kind], Buffer.from(await blob.arrayBuffer()));
    await database.close();
  }
  project.provide('snapshotDemo', files.demo);
  project.provide('snapshotBlank', files.blank);
  project.provide('pgTemplateDemo', '');
  project.provide('pgTemplateBlank', '');
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
