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
export type { CallbackDelivery, SimulatedJob } from './jobs';
export type { Submission } from './verifications';
export { VERIFICATION_PATHS } from './routes/verifications';
export { COMPANY, LISTED } from './identities';
export { jobResult } from './jobs';
export { seededRandom } from './drills';
export {
	LINK_METHODS,
	PRODUCTS,
	SERVICES,
	bankCodeKnown,
	idNumberMatches,
	idTypeFor,
	productsConfigFor,
	servicesAnswer,
	testIdentityFor,
} from './services';
export type { CountryServices, IdTypeInfo, SmileProduct, TestIdentity } from './services';
export { PRODUCTS_CONFIG_PATH, SERVICES_PATH } from './routes/services';
export { SMILE_LINKS_PATH } from './routes/links';
export type { LinkIdType, LinkRecord, LinkUrlField, SandboxLink, Verdict } from './links';
export { resultCodeFor } from './links';
