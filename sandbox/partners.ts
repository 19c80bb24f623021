import type { EnrolleeState, SandboxPartner } from './types';

/**
 * Made-up partners and keys. These are SANDBOX KEYS: they work only against this local
 * server and are not Smile ID credentials. The first partner's ID keeps its leading zero,
 * which changes the signature (Smile ID's portal shows IDs such as "085").
 */
export const DEFAULT_PARTNERS: SandboxPartner[] = [
	{
		partnerId: '085',
		keys: {
			test: 'sandbox-test-key-085-not-a-real-smile-id-key',
			production: 'sandbox-prod-key-085-not-a-real-smile-id-key',
		},
	},
	{
		partnerId: '2100',
		keys: {
			test: 'sandbox-test-key-2100-not-a-real-smile-id-key',
			production: 'sandbox-prod-key-2100-not-a-real-smile-id-key',
		},
	},
];

type Seed = Pick<EnrolleeState, 'partnerId' | 'userId'> & Partial<EnrolleeState>;

/** Enrollees present at start (and after reset) when `seed` is not false. */
export const SEED_ENROLLEES: Seed[] = [
	{ partnerId: '085', userId: 'user-active-001' },
	{ partnerId: '085', userId: 'user-active-002' },
	{ partnerId: '085', userId: 'user-deactivated-001', active: false },
	{ partnerId: '085', userId: 'user-fraud-001', fraudulent: true },
	{ partnerId: '085', userId: 'user-awaiting-001', awaitingReenrollment: true },
	{ partnerId: '085', userId: 'user-deleted-001', deleted: true },
	{ partnerId: '2100', userId: 'user-active-001' },
];
