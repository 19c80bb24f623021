/**
 * A local stand-in for Smile ID's partner API, for tests, demos and failure drills.
 * A development tool only: not shipped in the npm package, not imported by shipped code.
 */
export type {
	Drill,
	DrillAction,
	DrillKind,
	DrillScope,
	EnrolleeState,
	ErrorStyle,
	LoggedRequest,
	Sandbox,
	SandboxOptions,
	SandboxPartner,
	SmileEnvironment,
} from './types';
export { DEFAULT_PARTNERS, SEED_ENROLLEES } from './partners';
export { startSandbox, errorBody, ADMIN_PREFIX, DEFAULT_FRESHNESS_MS, RATE_LIMIT_BODY } from './server';
export { computeSignature, signatureMatches, timestampProblem, TIMESTAMP_PATTERN } from './signature';
export { ENROLLEE_PATH, WALLET_PATH, ACTION_FLAGS, MESSAGES } from './api';
export { validateDrill, seededRandom, MAX_LATENCY_MS } from './drills';
