/**
 * A local stand-in for Smile ID's partner API, for tests, demos and failure drills.
 * A development tool only: not shipped in the npm package, not imported by shipped code.
 */
export type {
	Drill,
	EnrolleeState,
	LoggedRequest,
	Sandbox,
	SandboxOptions,
	SandboxPartner,
} from './types';
export { DEFAULT_PARTNERS } from './partners';
export { startSandbox } from './server';
export { RATE_LIMIT_BODY } from './answer';
export { ENROLLEE_PATH } from './routes/enrollee';
export { WALLET_BALANCES, WALLET_PATH } from './routes/wallet';
export { ENROLLEE_INFO_PATH } from './routes/enrolleeInfo';
export { FAKE_ID_PHOTO } from './history';
export type { SimulatedJob } from './jobs';
export { jobResult } from './jobs';
export { seededRandom } from './drills';
