/**
 * Simulated Smile ID jobs: a test or a person completes a job for a user with a chosen result
 * code; the sandbox then serves it on /v1/job_status and sends its signed callback, as Smile ID
 * does when a job finishes. Callbacks and job_status answers are signed with the partner's key by
 * Smile ID's own SDK (smile-identity-core), never with the node's code.
 *
 * Guesses where Smile ID's documentation is silent (see sandbox/README.md): the ResultText wording,
 * `job_success` (true for approved codes), job_status's `code` ("2302" as in the documented
 * example), the answer for a job it does not know (job_complete false, no result), and image links
 * (under the reserved .invalid domain: they lead nowhere).
 */
import http from 'http';
import { Signature } from 'smile-identity-core';

import type { SandboxState } from './state';

export type CallbackDrill = 'forgedSignature' | 'staleTimestamp' | 'repeatSmileJobId';
export const CALLBACK_DRILLS: CallbackDrill[] = [
	'forgedSignature',
	'staleTimestamp',
	'repeatSmileJobId',
];

/** How old a 'staleTimestamp' drill's timestamp is: beyond any sensible freshness window. */
export const STALE_AGE_MS = 60 * 60_000;
const DELIVERY_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

/** Documented meanings (reference: result codes); any other code gets a neutral text. */
const RESULT_TEXTS: Record<string, string> = {
	'1012': 'ID Number Validated',
	'1020': 'Exact Match',
	'1021': 'Partial Match',
	'1210': 'Enroll User',
	'1220': 'Authenticated',
	'0814': 'Provisional Enroll - Under Review',
	'1013': 'Unable to Validate ID',
	'1022': 'No Match',
	'1023': 'ID Number Not Found',
	'0001': 'Unusable Image',
	'0903': 'Corrupt Zip',
	'0907': 'Possible Spoof',
	'5210': 'No Suspect Users Found',
	'5211': 'Suspect Users Found',
	'5212': 'Smile Secure System Error',
};
const APPROVED_CODES = new Set(['1012', '1020', '1021', '1210', '1220', '0820', '5210']);

export interface SimulatedJob {
	partnerId: string;
	userId: string;
	jobId: string;
	jobType: number;
	smileJobId: string;
	resultCode: string;
	resultText: string;
	suspectUsers?: Array<{ user_id: string; reason: string }>;
	completedAt: string;
	/** An ID check's personal data and base64 photo, as enrollee/info shows it (history.ts). */
	idCheck?: Record<string, unknown>;
	/** A check without a camera (verifications.ts): its whole result, as callbacks and job_status carry it. */
	result?: Record<string, unknown>;
	/** The partner's own keys in PartnerParams besides user_id, job_id and job_type (e.g. a Smile Link's). */
	partnerParams?: Record<string, string>;
}

export interface CallbackDelivery {
	smileJobId: string;
	url: string;
	drill?: CallbackDrill;
	sentAt: string;
	/** The HTTP status answered; null when there was no answer (refused connection, timeout). */
	status: number | null;
	/** What the receiver answered (JSON, or text), or why there was no answer. */
	answer: unknown;
}

/** A job's result as Smile ID writes it in callbacks and in job_status's `result`. */
export function jobResult(job: SimulatedJob): Record<string, unknown> {
	if (job.result) return job.result;
	const livenessFailed = job.resultCode === '0907';
	return {
		ResultCode: job.resultCode,
		ResultText: job.resultText,
		ResultType: 'SAIA',
		SmileJobID: job.smileJobId,
		PartnerParams: {
			...job.partnerParams,
			user_id: job.userId,
			job_id: job.jobId,
			job_type: job.jobType,
		},
		Actions: {
			Liveness_Check: livenessFailed ? 'Failed' : 'Passed',
			Register_Selfie: livenessFailed ? 'Not Applicable' : 'Approved',
		},
		ConfidenceValue: '99',
		IsFinalResult: 'true',
		IsMachineResult: 'true',
		...(job.suspectUsers ? { Antifraud: { SuspectUsers: job.suspectUsers } } : {}),
	};
}

export function signed(
	partnerId: string,
	apiKey: string,
	atMs: number,
): { timestamp: string; signature: string } {
	const timestamp = new Date(atMs).toISOString();
	return {
		timestamp,
		signature: new Signature(partnerId, apiKey).generate_signature(timestamp).signature,
	};
}

/** The callback body: the job's result plus timestamp and signature, bent by a drill. */
export function callbackBody(
	job: SimulatedJob,
	apiKey: string,
	nowMs: number,
	drill?: CallbackDrill,
): Record<string, unknown> {
	const signature =
		drill === 'forgedSignature'
			? signed(job.partnerId, `forged-${apiKey}`, nowMs)
			: signed(job.partnerId, apiKey, drill === 'staleTimestamp' ? nowMs - STALE_AGE_MS : nowMs);
	return { ...jobResult(job), ...signature };
}

/** job_status's answer, signed like a callback; history lists the user's jobs, newest first. */
export function jobStatusAnswer(
	job: SimulatedJob | undefined,
	history: SimulatedJob[],
	options: {
		history: boolean;
		imageLinks: boolean;
		apiKey: string;
		partnerId: string;
		nowMs: number;
	},
): Record<string, unknown> {
	const signature = signed(options.partnerId, options.apiKey, options.nowMs);
	if (!job)
		return { ...signature, job_complete: false, job_success: false, code: '2314', result: null };
	return {
		...signature,
		job_complete: true,
		job_success: APPROVED_CODES.has(job.resultCode),
		code: '2302',
		result: jobResult(job),
		...(options.history ? { history: history.map(jobResult) } : {}),
		...(options.imageLinks
			? {
					image_links: {
						selfie_image: `https://images.sandbox.invalid/${encodeURIComponent(job.smileJobId)}/selfie.jpg`,
					},
				}
			: {}),
	};
}

export function resultTextFor(resultCode: string): string {
	return RESULT_TEXTS[resultCode] ?? `Result ${resultCode} (sandbox)`;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Callbacks go to this machine only: the sandbox never reaches another host. */
export function callbackUrlProblem(url: unknown): string | null {
	if (typeof url !== 'string' || !URL.canParse(url)) return 'callbackUrl must be an http URL';
	const parsed = new URL(url);
	if (parsed.protocol !== 'http:') return 'callbackUrl must be an http URL';
	if (!LOOPBACK_HOSTS.has(parsed.hostname))
		return 'the sandbox sends callbacks to 127.0.0.1 or localhost only';
	return null;
}

/** POSTs one callback and records what the receiver answered (bounded in size and time). */
export function deliver(
	url: string,
	body: Record<string, unknown>,
	smileJobId: string,
	drill?: CallbackDrill,
): Promise<CallbackDelivery> {
	const sentAt = new Date().toISOString();
	const text = JSON.stringify(body);
	return new Promise((resolve) => {
		const done = (status: number | null, answer: unknown) =>
			resolve({ smileJobId, url, ...(drill ? { drill } : {}), sentAt, status, answer });
		const request = http.request(
			url,
			{
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
				timeout: DELIVERY_TIMEOUT_MS,
			},
			(response) => {
				const chunks: Buffer[] = [];
				let size = 0;
				response.on('data', (chunk: Buffer) => {
					size += chunk.length;
					if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
				});
				response.on('end', () => {
					const raw = Buffer.concat(chunks).toString('utf8');
					let answer: unknown = raw;
					try {
						answer = JSON.parse(raw);
					} catch {
						// not JSON: keep the text
					}
					done(response.statusCode ?? null, answer);
				});
			},
		);
		request.on('timeout', () =>
			request.destroy(new Error(`no answer within ${DELIVERY_TIMEOUT_MS} ms`)),
		);
		request.on('error', (error) => done(null, error.message));
		request.end(text);
	});
}

/** The next SmileJobID: ten digits, counting the jobs so far. */
export function nextSmileJobId(state: SandboxState): string {
	return String(1_000_000_000 + state.jobs.length + 1).padStart(10, '0');
}

/**
 * Records a finished job (a user it does not know is added: a job enrolls them), then sends its
 * callback to `url` (twice for the repeat drill) and records what the receiver answered.
 */
export async function finishJob(
	state: SandboxState,
	job: SimulatedJob,
	url: string | undefined,
	drill?: CallbackDrill,
): Promise<CallbackDelivery[]> {
	const partner = state.partners.find((p) => p.partnerId === job.partnerId)!;
	state.jobs.push(job);
	if (!state.store.get(job.partnerId, job.userId)) state.store.add(job.partnerId, job.userId);
	const deliveries = [];
	for (let sent = 0; url && sent < (drill === 'repeatSmileJobId' ? 2 : 1); sent++) {
		const body = callbackBody(job, partner.keys[state.serves], state.now(), drill);
		const delivery = await deliver(url, body, job.smileJobId, drill);
		state.deliveries.push(delivery);
		deliveries.push(delivery);
	}
	return deliveries;
}
