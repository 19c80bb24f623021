/**
 * Simulated jobs (see ../jobs.ts): POST /v1/job_status as Smile ID's job API answers it, and the
 * test routes that complete a job, set a partner's callback URL and show the deliveries.
 *
 * job_status carries no `environment` field at Smile ID (the host decides): the sandbox takes
 * the environment it serves when the field is absent, and refuses a mismatched one like the others.
 */
import { clone, json } from '../answer';
import type { CallbackDrill, SimulatedJob } from '../jobs';
import {
	CALLBACK_DRILLS,
	callbackUrlProblem,
	finishJob,
	jobStatusAnswer,
	nextSmileJobId,
	resultTextFor,
} from '../jobs';
import { authenticateJobApi, checkFields } from '../smile';
import type { ApiContext, ApiResult, ParsedBody } from '../smile';
import type { SandboxState } from '../state';
import { ADMIN_PREFIX } from './admin';
import { adminRoute, smileRoute } from './route';

export const JOB_STATUS_PATH = '/v1/job_status';

function handleJobStatus(parsed: ParsedBody, ctx: ApiContext): ApiResult {
	const required = ['partner_id', 'signature', 'timestamp', 'user_id', 'job_id'];
	const checked = checkFields(parsed, required, [...required, 'environment']);
	if ('kind' in checked) return checked;
	const body = checked.body;
	const denied = authenticateJobApi(body, ctx);
	if (denied) return denied;
	const partnerId = body.partner_id as string;
	const userId = body.user_id as string;
	const partner = ctx.partners.find((p) => p.partnerId === partnerId)!;
	const ofUser = ctx.jobs.filter((job) => job.partnerId === partnerId && job.userId === userId);
	return {
		kind: 'success',
		body: jobStatusAnswer(
			ofUser.find((job) => job.jobId === body.job_id),
			[...ofUser].reverse(),
			{
				history: body.history === true,
				imageLinks: body.image_links === true,
				apiKey: partner.keys[ctx.serves],
				partnerId,
				nowMs: ctx.echoTimestamp ? Date.parse(body.timestamp as string) : ctx.nowMs,
			},
		),
	};
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value !== '' ? value : undefined;

/** Completes a job: records it, then sends its callback (twice for the repeat drill) and records the answers. */
async function completeJob(b: Record<string, unknown>, state: SandboxState) {
	const partnerId = text(b.partnerId) ?? state.partners[0].partnerId;
	const partner = state.partners.find((p) => p.partnerId === partnerId);
	const userId = text(b.userId);
	const resultCode = text(b.resultCode);
	if (!partner || !userId || !resultCode || !/^\d{4}$/.test(resultCode)) {
		return json(
			{
				error:
					'userId and resultCode (4 digits) are required; partnerId, if given, must be a sandbox partner',
			},
			400,
		);
	}
	const drill = b.drill as CallbackDrill | undefined;
	if (drill !== undefined && !CALLBACK_DRILLS.includes(drill))
		return json({ error: `drill must be one of ${CALLBACK_DRILLS.join(', ')}` }, 400);
	const url = text(b.callbackUrl) ?? state.callbackUrls[partnerId];
	const problem = url === undefined ? null : callbackUrlProblem(url);
	if (problem) return json({ error: problem }, 400);

	const job: SimulatedJob = {
		partnerId,
		userId,
		jobId: text(b.jobId) ?? `job-${state.jobs.length + 1}`,
		jobType: typeof b.jobType === 'number' ? b.jobType : 2,
		smileJobId: nextSmileJobId(state),
		resultCode,
		resultText: text(b.resultText) ?? resultTextFor(resultCode),
		...(Array.isArray(b.suspectUsers)
			? { suspectUsers: b.suspectUsers as SimulatedJob['suspectUsers'] }
			: {}),
		completedAt: new Date(state.now()).toISOString(),
	};
	const deliveries = await finishJob(state, job, url, drill);
	return json({ job, deliveries }, 201);
}

export const jobRoutes = [
	smileRoute(
		JOB_STATUS_PATH,
		"Smile ID job API: a job's result, signed; with history and image links on request",
		handleJobStatus,
	),
	adminRoute(
		'POST',
		`${ADMIN_PREFIX}/jobs`,
		'complete a job: {userId, resultCode, partnerId?, jobId?, jobType?, resultText?, suspectUsers?, callbackUrl?, drill?} -> 201 {job, deliveries}',
		(request, state) => completeJob((request.body() ?? {}) as Record<string, unknown>, state),
	),
	adminRoute('GET', `${ADMIN_PREFIX}/jobs`, 'the completed jobs', (_, state) =>
		json(clone(state.jobs)),
	),
	adminRoute(
		'GET',
		`${ADMIN_PREFIX}/callbacks`,
		'every callback sent and what its receiver answered',
		(_, state) => json(clone(state.deliveries)),
	),
	adminRoute(
		'POST',
		`${ADMIN_PREFIX}/callback-url`,
		"set a partner's callback URL: {partnerId?, url} (loopback only)",
		(request, state) => {
			const b = (request.body() ?? {}) as Record<string, unknown>;
			const partnerId = text(b.partnerId) ?? state.partners[0].partnerId;
			const problem = callbackUrlProblem(b.url);
			if (problem) return json({ error: problem }, 400);
			state.callbackUrls[partnerId] = b.url as string;
			return json({ ok: true, partnerId, url: b.url });
		},
	),
];
