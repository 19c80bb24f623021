/** Everything one running sandbox holds; the routes read and change it. */
import { DrillBook } from './drills';
import { EnrolleeStore } from './store';
import { clone } from './answer';
import { seededJobs } from './history';
import type { CallbackDelivery, SimulatedJob } from './jobs';
import type { Submission } from './verifications';
import type { LinkUrlField, SandboxLink } from './links';
import { DEFAULT_PARTNERS, SEED_ENROLLEES } from './partners';
import type {
	ErrorStyle,
	LoggedRequest,
	SandboxOptions,
	SandboxPartner,
	SmileEnvironment,
} from './types';

const DEFAULT_FRESHNESS_MS = 5 * 60_000;

export interface SandboxState {
	serves: SmileEnvironment;
	partners: SandboxPartner[];
	freshnessMs: number;
	now: () => number;
	maxBodyBytes: number;
	defaultStyle: ErrorStyle;
	store: EnrolleeStore;
	drills: DrillBook;
	/** The request log of the Smile ID routes, in arrival order: the newest maxLoggedRequests. */
	log: LoggedRequest[];
	maxLoggedRequests: number;
	/** How many of the oldest entries were dropped to keep the log within maxLoggedRequests. */
	droppedRequests: number;
	/** Finished jobs, oldest first: every user's history (history.ts), seeded for the demo users, plus POST /__sandbox/jobs. */
	jobs: SimulatedJob[];
	/** Every callback sent and what its receiver answered, in order. */
	deliveries: CallbackDelivery[];
	/** The callback URL set per partner, as in the Smile ID portal. */
	callbackUrls: Record<string, string>;
	/** Every accepted (billed) submission of a check without a camera, in order. */
	submissions: Submission[];
	/** Callbacks of async checks still on their way. */
	pendingCallbacks: Set<Promise<void>>;
	/** Smile Links created, oldest first. */
	links: SandboxLink[];
	/** The key the link's URL is answered under ('link' or 'link_url'). */
	linkUrlField: LinkUrlField;
	/** The sandbox's own URL, once it listens: links' pages live there. */
	baseUrl: string;
	/** Clears the log, the drills, deliveries, callback URLs, links and submissions, and the store and jobs back to the seed. */
	reset(): void;
}

export function createState(options: SandboxOptions): SandboxState {
	const serves = options.serves ?? 'test';
	if (serves !== 'test' && serves !== 'production')
		throw new Error(`serves must be 'test' or 'production'`);
	const state: SandboxState = {
		serves,
		partners: clone(options.partners ?? DEFAULT_PARTNERS),
		freshnessMs: options.freshnessMs ?? DEFAULT_FRESHNESS_MS,
		now: options.now ?? Date.now,
		maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
		defaultStyle: options.errorStyle ?? { shape: 'error' },
		store: new EnrolleeStore(options.seed !== false),
		drills: new DrillBook(),
		log: [],
		maxLoggedRequests: options.maxLoggedRequests ?? 1000,
		droppedRequests: 0,
		jobs: options.seed === false ? [] : seededJobs(SEED_ENROLLEES),
		deliveries: [],
		callbackUrls: {},
		submissions: [],
		pendingCallbacks: new Set(),
		links: [],
		linkUrlField: options.linkUrlField ?? 'link',
		baseUrl: '',
		reset: () => {
			state.log.length = 0;
			state.droppedRequests = 0;
			state.deliveries.length = 0;
			state.callbackUrls = {};
			state.submissions.length = 0;
			state.links = [];
			state.linkUrlField = options.linkUrlField ?? 'link';
			state.drills.clear();
			state.store.reset();
			state.jobs = options.seed === false ? [] : seededJobs(SEED_ENROLLEES);
		},
	};
	return state;
}
