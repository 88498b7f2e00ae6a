export { flowsModule } from './module.js';
export { streetProblemsToCases, STREET_PROBLEM_SWEEP } from './streetProblemToCase.js';
export { SCENE_TO_CASE, SCENE_CASE_CLOSED } from './sceneToCase.js';
