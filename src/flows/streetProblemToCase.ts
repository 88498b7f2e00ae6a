// A street problem found by the enterprise centre (a tilted shop sign outside a client's
// building, a blocked fire lane behind it) becomes a case in the case engine, and the
// case number is recorded back on the problem. Each problem is claimed by one node; the
// scene key makes a retry after a crash find the case it already opened.
import type { AppContext } from '../core/context.js';
import { systemActor } from '../core/auth/index.js';
import { Problem } from '../core/http/problem.js';
import { createCase, findOpenCaseByScene } from '../modules/cases/index.js';
import { claimStreetProblems, linkStreetProblemCase, STREET_PROBLEM_REPORTED, type StreetProblemClaim } from '../modules/enterprise/index.js';

export const STREET_PROBLEM_SWEEP = 'flows.enterprise-street-problems';
/** used when the agent gave no category, or one the tenant does not have */
export const FALLBACK_CATEGORY = '11099';

export const sceneKeyOf = (problemId: number) => `enterprise:street-problem:${problemId}`;

async function openCase(ctx: AppContext, p: StreetProblemClaim): Promise<string> {
  const sceneKey = sceneKeyOf(p.id);
  const existing = await findOpenCaseByScene(ctx, p.tenantId, sceneKey);
  if (existing) return existing.number;
  const actor = systemActor(p.tenantId, 'flow:enterprise-street-problem');
  const input = {
    source: 'enterprise' as const,
    description: p.description,
    location: { lng: p.lng, lat: p.lat },
    address: p.address ?? undefined,
    sourceRef: `ENT-SP-${p.id}`,
    sceneKey,
    reporter: { userId: p.reportedBy },
    reportedAt: p.reportedAt,
  };
  try {
    return (await createCase(ctx, actor, { ...input, categoryCode: p.categoryHint ?? FALLBACK_CATEGORY })).case.number;
  } catch (e) {
    const unknownCategory = e instanceof Problem && e.errors?.some((f) => f.field === 'categoryCode');
    if (!unknownCategory || !p.categoryHint) throw e;
    return (await createCase(ctx, actor, { ...input, categoryCode: FALLBACK_CATEGORY })).case.number;
  }
}

export async function streetProblemsToCases(ctx: AppContext): Promise<number> {
  const claims = await claimStreetProblems(ctx);
  let done = 0;
  for (const p of claims) {
    try {
      const number = await openCase(ctx, p);
      await linkStreetProblemCase(ctx, p.tenantId, p.id, number);
      done++;
    } catch (err) {
      // the claim expires and another run tries again
      ctx.log.error({ err, problem: p.id }, 'street problem could not become a case');
    }
  }
  return done;
}

export function startStreetProblemFlow(ctx: AppContext): void {
  ctx.sweeper.every(STREET_PROBLEM_SWEEP, 30_000, () => streetProblemsToCases(ctx));
  ctx.bus.on(STREET_PROBLEM_REPORTED, () => ctx.sweeper.nudge(STREET_PROBLEM_SWEEP));
}
