/**
 * Users' job histories as enrollee/info shows them. One history for the whole sandbox: the
 * simulated jobs in `state.jobs` (see jobs.ts), seeded for the demo users and grown by tests
 * (addJob) and by completed simulated jobs.
 */
import type { SimulatedJob } from './jobs';
import { resultTextFor } from './jobs';
import type { SandboxState } from './state';

/** The base64 "photo" of the seeded ID check: a placeholder, not a picture of anyone. */
export const FAKE_ID_PHOTO = Buffer.from(
	'sandbox placeholder for a base64 JPEG: not a photo of anyone',
).toString('base64');

const FAKE_ID_CHECK = {
	name: 'SANDBOX PERSON',
	id_number: '00000000000',
	country: 'NG',
	id_type: 'BVN',
	dob: '1990-01-01',
	photo: FAKE_ID_PHOTO,
	gender: 'Female',
	phone_number: 'Not Available',
	result_code: '1012',
	result_text: 'ID Number Validated',
	full_data: {},
};

/** Each seeded user of partner 085 starts enrolled (1210), ID-checked (1012, with an id_check) and authenticated (1220). */
export function seededJobs(users: Array<{ partnerId: string; userId: string }>): SimulatedJob[] {
	const jobs: SimulatedJob[] = [];
	const steps = [
		{ suffix: 'enroll', jobType: 4, resultCode: '1210', at: '2026-01-12T09:13:50.586Z' },
		{
			suffix: 'id',
			jobType: 5,
			resultCode: '1012',
			at: '2026-01-12T09:14:02.114Z',
			idCheck: FAKE_ID_CHECK,
		},
		{ suffix: 'auth', jobType: 2, resultCode: '1220', at: '2026-02-03T15:40:11.020Z' },
	];
	for (const { partnerId, userId } of users.filter((user) => user.partnerId === '085')) {
		for (const { suffix, jobType, resultCode, at, idCheck } of steps) {
			jobs.push({
				partnerId,
				userId,
				jobId: `${userId}-${suffix}`,
				jobType,
				smileJobId: String(8000 + jobs.length + 1).padStart(10, '0'),
				resultCode,
				resultText: resultTextFor(resultCode),
				completedAt: at,
				...(idCheck ? { idCheck } : {}),
			});
		}
	}
	return jobs;
}

/** Adds a finished job to a user's history; what it leaves out gets plausible values. */
export function addJob(
	state: SandboxState,
	partnerId: string,
	userId: string,
	job: Partial<SimulatedJob> = {},
): SimulatedJob {
	const resultCode = job.resultCode ?? '1220';
	const added: SimulatedJob = {
		jobId: `job-${state.jobs.length + 1}`,
		jobType: 2,
		smileJobId: String(1_000_000_000 + state.jobs.length + 1).padStart(10, '0'),
		resultText: resultTextFor(resultCode),
		completedAt: new Date(state.now()).toISOString(),
		...job,
		partnerId,
		userId,
		resultCode,
	};
	state.jobs.push(added);
	return added;
}

/** A user's history in enrollee/info's documented shape, newest first. */
export function infoHistory(
	state: SandboxState,
	partnerId: string,
	userId: string,
): Array<Record<string, unknown>> {
	return state.jobs
		.filter((job) => job.partnerId === partnerId && job.userId === userId)
		.reverse()
		.map((job) => ({
			created_at: job.completedAt,
			partner_params: { job_id: job.jobId, user_id: job.userId, job_type: job.jobType },
			job_id: job.smileJobId,
			result_code: job.resultCode,
			result_message: job.resultText,
			id_check: job.idCheck ?? null,
		}));
}
