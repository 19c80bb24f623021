/**
 * POST /api/v2/partner/enrollee: the six management actions on an enrolled user.
 * Checks after the shared ones (see smile.ts): at least one action flag (else 2213); flags
 * are JSON booleans, allow_new_enroll / delete are `true` (false is no action) and no more than
 * one flag is set (else 2204; several flags: UNKNOWN at Smile ID, the sandbox treats it as a
 * wrong parameter); after authentication the enrollee exists (2210) and is not deleted (2208).
 *
 * The success body is UNKNOWN in Smile ID's documentation: the sandbox answers 200 with a
 * plausible guess, {"success": true, "message", "user_id", "partner_id", "action", "timestamp"}.
 */
import { authenticate, checkFields, refuse } from '../smile';
import type { ApiContext, ApiResult, ParsedBody } from '../smile';
import type { EnrolleeAction } from '../store';
import { smileRoute } from './route';

export const ENROLLEE_PATH = '/api/v2/partner/enrollee';

export const ACTION_FLAGS = ['allow_new_enroll', 'active', 'is_fraudulent', 'delete'] as const;

const SUCCESS_MESSAGES: Record<string, string> = {
	allow_new_enroll: 'User may now submit a new enrollment job',
	'active:false': 'User deactivated',
	'active:true': 'User reactivated',
	'is_fraudulent:true': 'User flagged as fraudulent',
	'is_fraudulent:false': 'User fraud flag cleared',
	delete: 'User deleted',
};

function handleEnrollee(parsed: ParsedBody, ctx: ApiContext): ApiResult {
	const strings = ['email', 'environment', 'partner_id', 'signature', 'timestamp', 'user_id'];
	const checked = checkFields(parsed, strings, strings);
	if ('kind' in checked) return checked;
	const body = checked.body;
	const flags = ACTION_FLAGS.filter((f) => body[f] !== undefined && body[f] !== null);
	if (flags.length === 0) {
		return refuse(
			'2213',
			'no action flag (allow_new_enroll, active, is_fraudulent, delete)',
			'action flag',
		);
	}
	for (const f of flags) {
		if (typeof body[f] !== 'boolean')
			return refuse('2204', `${f} is a ${typeof body[f]}, not a boolean`, f);
	}
	for (const f of ['allow_new_enroll', 'delete'] as const) {
		if (body[f] === false) return refuse('2204', `${f}: false is not an action`, f);
	}
	if (flags.length > 1)
		return refuse('2204', `several action flags: ${flags.join(', ')}`, flags.join(', '));

	const denied = authenticate(body, ctx);
	if (denied) return denied;

	const partnerId = body.partner_id as string;
	const userId = body.user_id as string;
	const existing = ctx.store.get(partnerId, userId);
	if (!existing)
		return refuse('2210', `no enrollee ${JSON.stringify(userId)} for partner ${partnerId}`);
	if (existing.deleted) return refuse('2208', `enrollee ${JSON.stringify(userId)} is deleted`);

	const flag = flags[0];
	const after = ctx.store.apply(partnerId, userId, { flag, value: body[flag] } as EnrolleeAction);
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

export const enrolleeRoutes = [
	smileRoute(
		ENROLLEE_PATH,
		'Smile ID: re-enroll, (de)activate, flag or clear fraud, or delete one enrolled user',
		handleEnrollee,
	),
];
