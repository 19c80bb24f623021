/**
 * What every Smile ID route of the sandbox shares, free of HTTP plumbing: the refusal codes,
 * the field checks and the authentication, done the way Smile ID does them.
 *
 * Order of checks (each stops at the first failure):
 *   1. the body parses as a JSON object                          -> else 2203
 *   2. every required field is present (null or '' = missing)   -> else 2213
 *   3. string fields are strings                                 -> else 2204
 *   (a route adds its own checks here, e.g. the enrollee's action flags)
 *   4. authentication                                            -> else 2205
 *      known partner_id; body environment is the one this server serves; timestamp in
 *      ISO 8601 with milliseconds and fresh; signature confirmed with Smile ID's own SDK
 *      (smile-identity-core's Signature.confirm_signature) and the partner's key for that
 *      environment, so the sandbox checks the node's signer independently.
 */
import { Signature } from 'smile-identity-core';

import type { SandboxState } from './state';

export const MESSAGES: Record<string, string> = {
	'2203': 'Invalid JSON',
	'2204': 'Invalid parameter type',
	'2205': 'You are not authorized to do that',
	'2208': 'Enrolled user is deleted',
	'2210': 'No enrolled user found',
	'2213': 'Missing required parameter',
	/** Worded as in Smile ID's JS SDK fixture business_verification_response.json. */
	'2413': 'Unsupported business type',
};

export interface SmileRefusal {
	kind: 'refusal';
	/** '' for a refusal without a documented code (the body then has none). */
	code: string;
	message: string;
	/** Why, for the log only (the real server does not say why it refuses a signature). */
	reason: string;
	/** Instead of the error style's status (default 400), e.g. 404 for an unknown Smile Link. */
	httpStatus?: number;
}

export interface ApiSuccess {
	kind: 'success';
	body: Record<string, unknown>;
}

export type ApiResult = SmileRefusal | ApiSuccess;

/** What a Smile ID route sees: the sandbox's state and the arrival time of the request. */
export type ApiContext = SandboxState & {
	nowMs: number;
	/** The echoTimestamp drill: a signed answer carries the request's own timestamp. */
	echoTimestamp?: boolean;
};

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** Far deeper than any Smile ID request; deeper JSON is refused before it is parsed, logged or stored. */
export const MAX_JSON_DEPTH = 64;

/** How deep arrays and objects nest in JSON text, counted without parsing it. */
function nestingDepth(raw: string): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let i = 0; i < raw.length; i++) {
		const ch = raw[i];
		if (inString) {
			if (ch === '\\') i++;
			else if (ch === '"') inString = false;
		} else if (ch === '"') inString = true;
		else if (ch === '{' || ch === '[') deepest = Math.max(deepest, ++depth);
		else if (ch === '}' || ch === ']') depth--;
	}
	return deepest;
}

export function isTooDeep(raw: string): boolean {
	return nestingDepth(raw) > MAX_JSON_DEPTH;
}

export function parseJson(raw: string): ParsedBody {
	if (isTooDeep(raw)) return { ok: false };
	try {
		return { ok: true, value: JSON.parse(raw) };
	} catch {
		return { ok: false };
	}
}

export function refuse(code: string, reason: string, detail?: string): SmileRefusal {
	return {
		kind: 'refusal',
		code,
		message: detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code],
		reason,
	};
}

/** A thing the request names does not exist: HTTP 404 without a code (Smile ID documents none). */
export function notFound(message: string, reason: string): SmileRefusal {
	return { kind: 'refusal', code: '', message, reason, httpStatus: 404 };
}

const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A timestamp is fresh when it has the exact ISO 8601 form with milliseconds and lies within windowMs of now, either way. */
export function timestampProblem(
	timestamp: string,
	nowMs: number,
	windowMs: number,
): string | null {
	if (!TIMESTAMP_PATTERN.test(timestamp)) return 'timestamp is not ISO 8601 with milliseconds';
	const t = Date.parse(timestamp);
	if (Number.isNaN(t) || new Date(t).toISOString() !== timestamp)
		return 'timestamp is not a valid date';
	if (Math.abs(nowMs - t) > windowMs) return 'timestamp is outside the freshness window';
	return null;
}

/** Checks steps 1-3; on success returns the body as an object. */
export function checkFields(
	parsed: ParsedBody,
	required: string[],
	strings: string[],
): { body: Record<string, unknown> } | SmileRefusal {
	if (!parsed.ok) return refuse('2203', 'body is not JSON');
	const v = parsed.value;
	if (typeof v !== 'object' || v === null || Array.isArray(v))
		return refuse('2203', 'body is not a JSON object');
	const body = v as Record<string, unknown>;
	for (const f of required) {
		if (body[f] === undefined || body[f] === null || body[f] === '')
			return refuse('2213', `${f} is missing`, f);
	}
	for (const f of strings) {
		if (body[f] !== undefined && typeof body[f] !== 'string') {
			return refuse('2204', `${f} is a ${typeof body[f]}, not a string`, f);
		}
	}
	return { body };
}

/** Step 4. Call it after checkFields, with partner_id, environment, timestamp and signature among the strings. */
export function authenticate(body: Record<string, unknown>, ctx: ApiContext): SmileRefusal | null {
	const partnerId = body.partner_id as string;
	const environment = body.environment as string;
	const timestamp = body.timestamp as string;
	const signature = body.signature as string;
	const partner = ctx.partners.find((p) => p.partnerId === partnerId);
	if (!partner) return refuse('2205', `unknown partner_id ${JSON.stringify(partnerId)}`);
	if (environment !== 'test' && environment !== 'production') {
		return refuse('2205', `unknown environment ${JSON.stringify(environment)}`);
	}
	if (environment !== ctx.serves) {
		return refuse('2205', `environment ${environment} sent to the ${ctx.serves} host`);
	}
	const problem = timestampProblem(timestamp, ctx.nowMs, ctx.freshnessMs);
	if (problem) return refuse('2205', problem);
	if (
		!new Signature(partner.partnerId, partner.keys[environment]).confirm_signature(
			timestamp,
			signature,
		)
	) {
		return refuse(
			'2205',
			`signature does not match the ${environment} key of partner ${partnerId}`,
		);
	}
	return null;
}

/**
 * Step 4 on the job API host (testapi.smileidentity.com): its calls carry no `environment` (the
 * host decides), so an absent one is the environment this sandbox serves; a mismatched one is refused.
 */
export function authenticateJobApi(
	body: Record<string, unknown>,
	ctx: ApiContext,
): SmileRefusal | null {
	return authenticate({ environment: ctx.serves, ...body }, ctx);
}

/** The fields every signed request carries. */
export const SIGNED_FIELDS = ['environment', 'partner_id', 'signature', 'timestamp'];
/** The fields every signed job API request carries (no environment: the host decides). */
export const JOB_API_SIGNED_FIELDS = ['partner_id', 'signature', 'timestamp'];
