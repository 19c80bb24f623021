/**
 * POST /api/v2/partner/enrollee/info: a user's state and job history, read-only, in the shape of
 * Smile ID's FAQ "How can I look up a specific user's data". Guesses (see README.md): an unknown
 * user answers 2210 as on the enrollee endpoint; a deleted user is still readable (deleted: true).
 */
import { addJob, infoHistory } from '../history';
import type { SimulatedJob } from '../jobs';
import { json } from '../answer';
import { SIGNED_FIELDS, authenticate, checkFields, refuse } from '../smile';
import type { ApiContext, ApiResult, ParsedBody } from '../smile';
import { ADMIN_PREFIX } from './admin';
import { adminRoute, smileRoute } from './route';

export const ENROLLEE_INFO_PATH = '/api/v2/partner/enrollee/info';

function handleEnrolleeInfo(parsed: ParsedBody, ctx: ApiContext): ApiResult {
	const required = [...SIGNED_FIELDS, 'user_id'];
	const checked = checkFields(parsed, required, [...required, 'email']);
	if ('kind' in checked) return checked;
	const denied = authenticate(checked.body, ctx);
	if (denied) return denied;
	const partnerId = checked.body.partner_id as string;
	const userId = checked.body.user_id as string;
	const user = ctx.store.get(partnerId, userId);
	if (!user)
		return refuse('2210', `no enrollee ${JSON.stringify(userId)} for partner ${partnerId}`);
	return {
		kind: 'success',
		body: {
			enrolled_user: {
				allow_new_enroll: user.awaitingReenrollment,
				complete: user.complete ?? true,
				deleted: user.deleted,
				inactive: !user.active,
				is_fraudulent: user.fraudulent,
				pending: user.pending ?? false,
				provisional: user.provisional ?? false,
			},
			history: infoHistory(ctx, partnerId, userId),
		},
	};
}

export const enrolleeInfoRoutes = [
	smileRoute(
		ENROLLEE_INFO_PATH,
		"Smile ID: one enrolled user's state and job history (read-only)",
		handleEnrolleeInfo,
	),
	adminRoute(
		'POST',
		`${ADMIN_PREFIX}/enrollees/:partnerId/:userId/jobs`,
		"add a finished job to a user's history: {resultCode?, resultText?, jobType?, jobId?, idCheck?} -> 201",
		({ params, body }, state) =>
			json(
				addJob(state, params.partnerId, params.userId, (body() ?? {}) as Partial<SimulatedJob>),
				201,
			),
	),
];
