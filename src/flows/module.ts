// What crosses modules, started after every module it connects.
import type { Module } from '../core/context.js';
import { startStreetProblemFlow } from './streetProblemToCase.js';
import { startSceneToCaseFlow } from './sceneToCase.js';

export const flowsModule: Module = {
  name: 'flows',
  async start(ctx) {
    startStreetProblemFlow(ctx);
    await startSceneToCaseFlow(ctx);
  },
};
