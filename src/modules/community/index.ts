// The community module: the only entry other modules, flows, demo and bench may use.
export { communityModule } from './module.js';
export * from './schema.js';
export { tallyCounts } from './queries/tally.js';
export { freezeElectorate } from './commands/openConsultation.js';
export { finaliseResult } from './commands/closeConsultation.js';
export { splitUnitsOf } from './commands/savePlan.js';
export { assignHeads, type HeadRule } from './domain/heads.js';
export { count, decide, type Counts } from './domain/tally.js';
export { ruleFor, MATTERS, type Matter } from './domain/matters.js';
export { splitCost, ROUNDING_RULE } from './domain/costSplit.js';
export { formatHundredths, parseHundredths } from './domain/amounts.js';
