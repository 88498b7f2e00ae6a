export { flowsModule } from './module.js';
export { streetProblemsToCases, STREET_PROBLEM_SWEEP } from './streetProblemToCase.js';
