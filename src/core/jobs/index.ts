export { Sweeper, type SweepFn } from './sweeper.js';
