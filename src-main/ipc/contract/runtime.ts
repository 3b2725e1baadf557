/**
 * The contract's run-time face for the renderer and the preload: channel names, the typed error
 * and its codes, and the enums, with no zod. Everything else they need from the contract is a
 * type (`import type … from './index'`), erased from the bundle; a test builds the renderer and
 * checks that no zod is left in it.
 */
export { CHANNEL_NAMES, EXPLAINED_CHANNELS, PLAN_EXPLAIN_PARTS, isChannelName, type ChannelName, type ExplainedChannel, type PlanExplainPart } from './names';
export { ContractError, ERROR_CODES, type ContractErrorData, type Envelope, type ErrorCode } from './errors';
export * from './ids';
export type { Contract, ParsedRequestOf, RequestOf, ResponseOf, WorkbenchApi } from './index';
