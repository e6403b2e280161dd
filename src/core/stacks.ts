/**
 * The guide's stacks as data: pure functions from (current config, answers)
 * to patch ops, for `setup` and the wizard alike.
 * Implementation in ./stacks/.
 */
export type {LocalApi, Region, StackAnswers, StackId, StackInfo, StackModelChoice, StackPlan} from './stacks/types.js';
export {
  STACK_IDS,
  listStacks,
  stackInfo,
  isStackId,
  GUIDE_MODEL,
  HOSTED_DEFAULT,
  REGIONAL_MODELS,
} from './stacks/catalog.js';
export {planStack} from './stacks/plan.js';
export {StackInputError, StackConfigError} from './stacks/errors.js';
export {redactSecrets} from './stacks/refs.js';
export {recommendStack, startServerCommands, stackForServer, PAID_PLAN_STACKS} from './stacks/recommend.js';
export type {Recommendation, RecommendInput, RunningServer, StartCommand} from './stacks/recommend.js';
