/**
 * The Smile ID partner endpoints as the sandbox answers them, free of HTTP plumbing:
 * parse, check the fields the way Smile ID does, authenticate, then act on the store.
 *
 * Order of checks (each stops at the first failure):
 *   1. the body parses as a JSON object                         -> else 2203
 *   2. every required field is present (null or '' = missing),
 *      and at least one action flag                             -> else 2213
 *   3. string fields are strings, flags are JSON booleans,
 *      allow_new_enroll / delete are `true` (false is no action),
 *      and no more than one action flag                         -> else 2204
 *      (several flags: UNKNOWN at Smile ID; the sandbox treats it as a wrong parameter)
 *   4. authentication                                           -> else 2205
 *      known partner_id; body environment is the one this server serves; timestamp in
 *      ISO 8601 with milliseconds and fresh; signature recomputed with the partner's key
 *      for that environment and compared in constant time
 *   5. the enrollee exists (2210) and is not deleted (2208), then the action is applied.
 */
import type { EnrolleeAction, EnrolleeStore } from './store';
import { signatureMatches, timestampProblem } from './signature';
import type { SandboxPartner, SmileEnvironment } from './types';

export const ENROLLEE_PATH = '/api/v2/partner/enrollee';
export const WALLET_PATH = '/api/v2/partner/wallet_balance';
export const API_PATHS = [ENROLLEE_PATH, WALLET_PATH];

export const ACTION_FLAGS = ['allow_new_enroll', 'active', 'is_fraudulent', 'delete'] as const;

export const MESSAGES: Record<string, string> = {
	'2203': 'Invalid JSON',
	'2204': 'Invalid parameter type',
	'2205': 'You are not authorized to do that',
	'2208': 'Enrolled user is deleted',
	'2210': 'No enrolled user found',
	'2213': 'Missing required parameter',
};

export interface SmileRefusal {
	kind: 'refusal';
	code: string;
	message: string;
	/** Why, for the log only (the real server does not say why it refuses a signature). */
	reason: string;
}

export interface ApiSuccess {
	kind: 'success';
	body: Record<string, unknown>;
}

export type ApiResult = SmileRefusal | ApiSuccess;

export interface ApiContext {
	partners: SandboxPartner[];
	serves: SmileEnvironment;
	freshnessMs: number;
	nowMs: number;
	store: EnrolleeStore;
}

function refuse(code: string, reason: string, detail?: string): SmileRefusal {
	return { kind: 'refusal', code, message: detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code], reason };
}

function isMissing(v: unknown): boolean {
	return v === undefined || v === null || v === '';
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false };

export function parseJson(raw: string): ParsedBody {
	try {
		return { ok: true, value: JSON.parse(raw) };
	} catch {
		return { ok: false };
	}
}

function authenticate(body: Record<string, unknown>, ctx: ApiContext): SmileRefusal | null {
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
	if (!signatureMatches(partner.partnerId, partner.keys[environment], timestamp, signature)) {
		return refuse('2205', `signature does not match the ${environment} key of partner ${partnerId}`);
	}
	return null;
}

function checkCommon(
	parsed: ParsedBody,
	required: string[],
	strings: string[],
): { body: Record<string, unknown> } | SmileRefusal {
	if (!parsed.ok) return refuse('2203', 'body is not JSON');
	const v = parsed.value;
	if (typeof v !== 'object' || v === null || Array.isArray(v)) return refuse('2203', 'body is not a JSON object');
	const body = v as Record<string, unknown>;
	for (const f of required) {
		if (isMissing(body[f])) return refuse('2213', `${f} is missing`, f);
	}
	for (const f of strings) {
		if (body[f] !== undefined && typeof body[f] !== 'string') {
			return refuse('2204', `${f} is a ${typeof body[f]}, not a string`, f);
		}
	}
	return { body };
}

const SUCCESS_MESSAGES: Record<string, string> = {
	allow_new_enroll: 'User may now submit a new enrollment job',
	'active:false': 'User deactivated',
	'active:true': 'User reactivated',
	'is_fraudulent:true': 'User flagged as fraudulent',
	'is_fraudulent:false': 'User fraud flag cleared',
	delete: 'User deleted',
};

/**
 * POST /api/v2/partner/enrollee. The success body is UNKNOWN in Smile ID's documentation:
 * the sandbox answers 200 with a plausible guess,
 * {"success": true, "message": "...", "user_id": "...", "partner_id": "...", "action": "...", "timestamp": "..."}.
 */
export function handleEnrollee(parsed: ParsedBody, ctx: ApiContext): ApiResult {
	const strings = ['email', 'environment', 'partner_id', 'signature', 'timestamp', 'user_id'];
	const common = checkCommon(parsed, strings, strings);
	if ('kind' in common) return common;
	const body = common.body;
	const flags = ACTION_FLAGS.filter((f) => body[f] !== undefined && body[f] !== null);
	if (flags.length === 0) {
		return refuse('2213', 'no action flag (allow_new_enroll, active, is_fraudulent, delete)', 'action flag');
	}
	for (const f of flags) {
		if (typeof body[f] !== 'boolean') return refuse('2204', `${f} is a ${typeof body[f]}, not a boolean`, f);
	}
	for (const f of ['allow_new_enroll', 'delete'] as const) {
		if (body[f] === false) return refuse('2204', `${f}: false is not an action`, f);
	}
	if (flags.length > 1) return refuse('2204', `several action flags: ${flags.join(', ')}`, flags.join(', '));

	const denied = authenticate(body, ctx);
	if (denied) return denied;

	const partnerId = body.partner_id as string;
	const userId = body.user_id as string;
	const existing = ctx.store.get(partnerId, userId);
	if (!existing) return refuse('2210', `no enrollee ${JSON.stringify(userId)} for partner ${partnerId}`);
	if (existing.deleted) return refuse('2208', `enrollee ${JSON.stringify(userId)} is deleted`);

	const flag = flags[0];
	const action = { flag, value: body[flag] } as EnrolleeAction;
	const after = ctx.store.apply(partnerId, userId, action);
	const label = after.history[after.history.length - 1];
	return {
		kind: 'success',
		body: {
			success: true,
			message: SUCCESS_MESSAGES[label],
			user_id: userId,
			partner_id: partnerId,
			action: label,
			timestamp: new Date(ctx.nowMs).toISOString(),
		},
	};
}

/** POST /api/v2/partner/wallet_balance: read-only, same signed fields, no email or user_id. */
export function handleWallet(parsed: ParsedBody, ctx: ApiContext): ApiResult {
	const required = ['environment', 'partner_id', 'signature', 'timestamp'];
	const common = checkCommon(parsed, required, [...required, 'currency']);
	if ('kind' in common) return common;
	const denied = authenticate(common.body, ctx);
	if (denied) return denied;
	return {
		kind: 'success',
		body: { wallet_balance: 500.0, current_as_of: new Date(ctx.nowMs).toISOString() },
	};
}
