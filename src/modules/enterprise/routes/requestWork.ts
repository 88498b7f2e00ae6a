// Working a request: claim, assign, hand over and answer a hand-over, run the steps with
// their documents, complete, cancel, rate, and report a street problem it revealed.
import { Type } from '@sinclair/typebox';
import type { App, AppContext } from '../../../core/context.js';
import type { UserActor } from '../../../core/auth/index.js';
import { STEP_STATUSES } from '../domain/requestRules.js';
import { claimRequest } from '../commands/claimRequest.js';
import { assignRequest } from '../commands/assignRequest.js';
import { handOverRequest } from '../commands/handOverRequest.js';
import { answerHandover } from '../commands/answerHandover.js';
import { updateStep } from '../commands/updateStep.js';
import { addStep } from '../commands/addStep.js';
import { addStepDocument } from '../commands/addStepDocument.js';
import { completeRequest } from '../commands/completeRequest.js';
import { cancelRequest } from '../commands/cancelRequest.js';
import { rateRequest } from '../commands/rateRequest.js';
import { reportRequestStreetProblem } from '../commands/reportRequestStreetProblem.js';
import { Id, IdParams, Literals, Nullable, Ok, StreetProblemBody } from './schemas.js';

const Note = Type.Optional(Nullable(Type.String({ maxLength: 500 })));
const tags = ['enterprise'];

export function requestWorkRoutes(app: App, ctx: AppContext): void {
  const user = (r: { actor: unknown }) => r.actor as UserActor;

  app.post('/enterprise/requests/:id/claim', { config: { policy: 'enterprise.requests.claim' }, schema: { tags, summary: 'Take a request nobody owns yet: you become its first contact', params: IdParams, response: { 200: Ok } } }, async (request) => {
    await claimRequest(ctx, user(request), request.params.id);
    return { ok: true };
  });

  app.post(
    '/enterprise/requests/:id/assign',
    { config: { policy: 'enterprise.requests.assign' }, schema: { tags, summary: 'The chief gives a request nobody owns yet to an agent', params: IdParams, body: Type.Object({ agentId: Id, note: Note }), response: { 200: Ok } } },
    async (request) => {
      await assignRequest(ctx, user(request), request.params.id, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/enterprise/requests/:id/handovers',
    {
      config: { policy: 'enterprise.requests.work' },
      schema: { tags, summary: 'Offer the request to another agent; ownership changes when they accept', params: IdParams, body: Type.Object({ toUserId: Id, note: Type.String({ minLength: 2, maxLength: 500 }) }), response: { 201: Type.Object({ handoverId: Type.Integer() }) } },
    },
    async (request, reply) => reply.status(201).send(await handOverRequest(ctx, user(request), request.params.id, request.body)),
  );

  for (const answer of ['accept', 'decline', 'withdraw'] as const) {
    app.post(
      `/enterprise/requests/:id/handovers/:handoverId/${answer}`,
      {
        config: { policy: answer === 'withdraw' ? 'enterprise.requests.handover.withdraw' : 'enterprise.requests.handover.answer' },
        schema: {
          tags,
          summary: answer === 'accept' ? 'The taker accepts the hand-over and owns the request' : answer === 'decline' ? 'The taker declines; the giver keeps the request' : 'The initiator withdraws an unanswered hand-over',
          params: Type.Object({ id: Id, handoverId: Id }),
          body: Type.Optional(Type.Object({ note: Note })),
          response: { 200: Ok },
        },
      },
      async (request) => {
        await answerHandover(ctx, user(request), request.params.id, request.params.handoverId, answer, request.body?.note);
        return { ok: true };
      },
    );
  }

  app.patch(
    '/enterprise/requests/:id/steps/:stepId',
    {
      config: { policy: 'enterprise.requests.work' },
      schema: { tags, summary: 'Move a step: started, done, skipped (with a reason) or back to pending', params: Type.Object({ id: Id, stepId: Id }), body: Type.Object({ status: Literals(STEP_STATUSES), note: Note }), response: { 200: Ok } },
    },
    async (request) => {
      await updateStep(ctx, user(request), request.params.id, request.params.stepId, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/enterprise/requests/:id/steps',
    {
      config: { policy: 'enterprise.requests.work' },
      schema: { tags, summary: 'Add a step at another office', params: IdParams, body: Type.Object({ officeId: Id, task: Type.String({ minLength: 2, maxLength: 200 }), beforeSeq: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))) }), response: { 201: Type.Object({ id: Type.Integer(), seq: Type.Integer() }) } },
    },
    async (request, reply) => reply.status(201).send(await addStep(ctx, user(request), request.params.id, request.body)),
  );

  app.post(
    '/enterprise/requests/:id/steps/:stepId/documents',
    {
      config: { policy: 'enterprise.requests.work' },
      schema: {
        tags,
        summary: 'Record a document handed to the office or obtained from it',
        params: Type.Object({ id: Id, stepId: Id }),
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), direction: Literals(['submitted', 'obtained'] as const), reference: Type.Optional(Nullable(Type.String({ maxLength: 100 }))) }),
        response: { 201: Type.Object({ documents: Type.Integer() }) },
      },
    },
    async (request, reply) => reply.status(201).send({ documents: (await addStepDocument(ctx, user(request), request.params.id, request.params.stepId, request.body)).length }),
  );

  app.post(
    '/enterprise/requests/:id/complete',
    { config: { policy: 'enterprise.requests.work' }, schema: { tags, summary: 'Complete the request (every step done or skipped)', params: IdParams, body: Type.Optional(Type.Object({ note: Note })), response: { 200: Type.Object({ onTime: Type.Boolean() }) } } },
    async (request) => completeRequest(ctx, user(request), request.params.id, { note: request.body?.note }),
  );

  app.post(
    '/enterprise/requests/:id/cancel',
    { config: { policy: 'enterprise.requests.cancel' }, schema: { tags, summary: 'Withdraw (the enterprise) or cancel (the owner) a request, with the reason', params: IdParams, body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }), response: { 200: Ok } } },
    async (request) => {
      await cancelRequest(ctx, user(request), request.params.id, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/enterprise/requests/:id/rating',
    {
      config: { policy: 'enterprise.requests.rate' },
      schema: { tags, summary: 'The requesting enterprise rates the completed service (1–5 and a comment)', params: IdParams, body: Type.Object({ score: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }), response: { 200: Ok } },
    },
    async (request) => {
      await rateRequest(ctx, user(request), request.params.id, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/enterprise/requests/:id/street-problems',
    {
      config: { policy: 'enterprise.street_problems.report' },
      schema: { tags, summary: 'Report a street problem the request revealed; it is passed on to become a case', params: IdParams, body: StreetProblemBody, response: { 201: Type.Object({ id: Type.Integer() }) } },
    },
    async (request, reply) => reply.status(201).send(await reportRequestStreetProblem(ctx, user(request), request.params.id, request.body)),
  );
}
