// Small pieces every community command uses.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../../core/auth/index.js';
import { Problem } from '../../../core/http/problem.js';

/** The user behind an action (system sweeps have none). */
export const userIdOf = (a: Actor): number | null => (a.kind === 'user' ? a.id : null);

/** 409 naming the current state and the actions still possible from it. */
export function stateConflict(code: string, status: string, action: string, allowed: string[] = []): Problem {
  return new Problem(409, code, { status: { $t: `community.status.${status}` }, action: { $t: `community.action.${action}` } }, undefined, { status, allowed });
}

export const newPublicCode = (): string => randomBytes(9).toString('base64url');
