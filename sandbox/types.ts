/**
 * Shared types of the local Smile ID sandbox. The names here are a contract:
 * the node's tests and the end-to-end harness are written against them.
 */
import type { CallbackDelivery, SimulatedJob } from './jobs';
import type { LinkUrlField, SandboxLink } from './links';
import type { Submission } from './verifications';

export type SmileEnvironment = 'test' | 'production';

export interface SandboxPartner {
	partnerId: string;
	keys: { test: string; production: string };
}

/**
 * How error bodies are written. Smile ID's APIs use two shapes and the code may be a
 * string or a number, so the node must cope with all of them:
 * - 'error':  {"error": "...", "code": "2205"}            (default)
 * - 'status': {"status": "...", "message": "..."}          (no code)
 * `numericCode` writes the code as a JSON number; `successFalse` adds "success": false.
 * `httpStatus` overrides the HTTP status of the Smile ID refusals (default 400).
 */
export interface ErrorStyle {
	shape: 'error' | 'status';
	numericCode?: boolean;
	successFalse?: boolean;
	httpStatus?: number;
}

export interface SandboxOptions {
	/** Default 0: a free port. */
	port?: number;
	/** Default '127.0.0.1'. Only loopback addresses are accepted. */
	host?: string;
	/**
	 * Which Smile ID host this server stands in for: 'test' (portal.smileidentity.com, the
	 * default) or 'production' (prod.smileidentity.com). A request whose body environment
	 * differs, or signed with the other environment's key, gets 2205.
	 */
	serves?: SmileEnvironment;
	/** Default: DEFAULT_PARTNERS. */
	partners?: SandboxPartner[];
	/** Accepted clock skew in both directions, default 5 minutes. */
	freshnessMs?: number;
	/** Default true: a few seeded enrollees (see SEED_ENROLLEES). */
	seed?: boolean;
	/** Default error body style; an 'errorStyle' drill overrides it per request. */
	errorStyle?: ErrorStyle;
	/** Clock used for the freshness check and the log; default Date.now. */
	now?: () => number;
	/** Largest accepted request body in bytes, default 1 MiB (larger: 413). */
	maxBodyBytes?: number;
	/** Most requests kept in the log, default 1000; older ones are dropped and counted. */
	maxLoggedRequests?: number;
	/**
	 * The key Smile Links answers carry the link's URL under: 'link' (default) or 'link_url'
	 * (Smile ID's answer is UNKNOWN between the two; the node must read both).
	 */
	linkUrlField?: LinkUrlField;
}

export interface LoggedRequest {
	/** ISO time of arrival. */
	time: string;
	method: string;
	path: string;
	/** Parsed JSON without `signature`, or the raw text if it did not parse. */
	body: unknown;
	/** Whether the body carried a `signature` field (its value is never logged). */
	hasSignature: boolean;
	contentType: string | null;
	/** ISO time the answer was sent; absent when there was none (reset, hang). */
	answeredAt?: string;
	/** HTTP status answered; null: connection reset or never answered (yet). */
	status: number | null;
	/** Parsed JSON answered, or the raw text when it was not JSON; undefined when none. */
	response: unknown;
	/** Names of the drills that acted on this request, comma separated. */
	drill?: string;
	/** For a Smile ID refusal: its code and why (e.g. '2205: timestamp is outside the freshness window'). */
	reason?: string;
}

export interface EnrolleeState {
	userId: string;
	partnerId: string;
	active: boolean;
	fraudulent: boolean;
	awaitingReenrollment: boolean;
	deleted: boolean;
	/** Every action applied, in order: 'allow_new_enroll', 'active:false', 'active:true', 'is_fraudulent:true', 'is_fraudulent:false', 'delete'. */
	history: string[];
	/** As enrollee/info reports them; default complete true, pending and provisional false. */
	complete?: boolean;
	pending?: boolean;
	provisional?: boolean;
}

/**
 * A failure drill. Scope:
 * - neither `times` nor `share`: every request for the whole run (until clearDrills/reset);
 * - `times: N`: the next N requests it acts on, then it retires;
 * - `share: p` (0..1): each request with probability p, drawn from a seeded random
 *   (`seed`, default 1) so tests are deterministic; with `times` too, it retires after N.
 * `paths` limits a drill to some API paths (e.g. ['/api/v2/partner/enrollee']).
 * `afterProcessing` (status, reset, hang, html, malformedJson only): the request is
 * processed and the store changed first, then the answer is replaced by the failure,
 * as when a response is lost on its way back.
 * Drills never act on the /__sandbox/* routes.
 */
export type Drill = DrillAction & DrillScope;

export interface DrillScope {
	times?: number;
	share?: number;
	seed?: number;
	paths?: string[];
	afterProcessing?: boolean;
	/** A label shown in the log; default the kind. */
	name?: string;
}

export type DrillAction =
	/** Wait `ms` (+ a uniform random 0..jitterMs) before answering normally. */
	| { kind: 'latency'; ms: number; jitterMs?: number }
	/**
	 * Answer an HTTP error. 429 answers Smile ID's rate-limit body; others a JSON error body.
	 * `retryAfter` sets the Retry-After header (seconds or an HTTP date); `body` overrides
	 * the body (a string is sent as is, anything else as JSON); `code` puts a Smile ID
	 * code into the default body (e.g. '2201').
	 */
	| { kind: 'status'; status: number; retryAfter?: number | string; body?: unknown; code?: string }
	/** Destroy the connection without an answer. */
	| { kind: 'reset' }
	/** Never answer (until the client gives up or the sandbox closes). */
	| { kind: 'hang' }
	/** An HTML error page, as a proxy or load balancer sends; default status 502. */
	| { kind: 'html'; status?: number }
	/** A body that claims to be JSON but does not parse; default status 200. */
	| { kind: 'malformedJson'; status?: number }
	/** Above `perSecond` requests in any one-second window, answer 429 (Retry-After if given). */
	| { kind: 'rateLimit'; perSecond: number; retryAfter?: number | string }
	/** Write Smile ID refusals in another style (see ErrorStyle). */
	| ({ kind: 'errorStyle' } & ErrorStyle)
	/**
	 * Sign a signed answer (job_status, the checks without a camera) with the request's own
	 * timestamp instead of the arrival time: its signature then equals the request's, as when
	 * Smile ID answers in the same millisecond or echoes the timestamp.
	 */
	| { kind: 'echoTimestamp' };

export type DrillKind = DrillAction['kind'];

export interface Sandbox {
	/** e.g. http://127.0.0.1:41234 : the n8n credential's Base URL. */
	url: string;
	serves: SmileEnvironment;
	partners: SandboxPartner[];
	/** A copy of the log, in arrival order. */
	requests(): LoggedRequest[];
	enrollee(partnerId: string, userId: string): EnrolleeState | undefined;
	enrollees(): EnrolleeState[];
	addEnrollee(partnerId: string, userId: string, state?: Partial<EnrolleeState>): EnrolleeState;
	/** A user's finished jobs, oldest first (enrollee/info answers them newest first). */
	jobs(partnerId: string, userId: string): SimulatedJob[];
	/** Adds a finished job to a user's history; what it leaves out gets plausible values. */
	addJob(partnerId: string, userId: string, job?: Partial<SimulatedJob>): SimulatedJob;
	/**
	 * Every accepted submission of a check without a camera (each one billed at Smile ID), in
	 * order; with a job_id, only those carrying it.
	 */
	submissions(jobId?: string): Submission[];
	/** Every callback sent (simulated jobs and async checks) and what its receiver answered. */
	callbacks(): CallbackDelivery[];
	/** Resolves once the callbacks of async checks already accepted have been delivered. */
	callbacksSent(): Promise<void>;
	/** The Smile Links created, oldest first, with their URLs and the jobs completed through them. */
	links(): SandboxLink[];
	/** Switches the key the link's URL is answered under, until reset. */
	setLinkUrlField(field: LinkUrlField): void;
	/** Arms a drill (validated: throws on a bad one). */
	addDrill(drill: Drill): void;
	clearDrills(): void;
	/** Empties the log only. */
	clearRequests(): void;
	/** Clears the log, the drills and the store back to the seed. */
	reset(): void;
	/** Stops listening and destroys every open connection, hanging ones included. */
	close(): Promise<void>;
}
