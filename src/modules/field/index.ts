// Field staff on a phone: GET /api/v1/field/deadlines (time left on my tasks). The phone
// pages themselves are web/src/modules/field; uploads use the case API with
// Idempotency-Key (core/idempotency, ADR 0510).
export { fieldModule } from './module.js';
export { timeLeftMs } from './domain/timeLeft.js';
