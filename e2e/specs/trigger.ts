/**
 * The Smile ID Trigger in a running n8n: examples/auto-flag-on-fraud.json, active, hears the
 * sandbox's job callbacks. A spoof verdict (0907) starts one execution that flags the user and is
 * answered {"received":true,"started":true}; a forged or stale callback is answered 401, an
 * approved verdict 200, a genuine signature replayed on another body (the approval turned into a
 * spoof) 401, a freshly signed claim that job_status contradicts (Confirm With Smile ID, on by
 * default) 401, and none of them starts an execution (n8n's execution list); a repeated SmileJobID
 * starts one; a trigger whose Freshness Window expression gives NaN (e2e/workflows/
 * trigger-nan-window.json) answers a genuine callback 500 and starts nothing; n8n's log names each
 * refusal's reason and SmileJobID and never holds a signature. In the editor: the trigger's
 * parameters and the execution.
 */
import { Signature } from 'smile-identity-core';

import type { Sandbox, SimulatedJob } from '../../sandbox';
import { jobResult } from '../../sandbox';
import { waitForWebhook } from '../n8n/process';
import type { RestClient } from '../n8n/session';
import type { Spec } from '../spec';
import { PARTNER_ID } from './shared';

const WORKFLOW_ID = 'smileIdExAutoFlag';
const WEBHOOK_PATH = 'smile-id-callback';
const NAN_WINDOW_WORKFLOW_ID = 'smileIdE2eNanWin';
const NAN_WINDOW_PATH = 'smile-id-callback-nan-window';

interface Delivery {
	status: number | null;
	answer: unknown;
	smileJobId: string;
}

type Execution = { id: string; status: string };

async function waitFor<T>(
	probe: () => Promise<T>,
	done: (value: T) => boolean,
	timeoutMs = 30_000,
): Promise<T> {
	let value = await probe();
	for (let waited = 0; !done(value) && waited < timeoutMs; waited += 250) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		value = await probe();
	}
	return value;
}

async function executions(rest: RestClient, workflowId = WORKFLOW_ID): Promise<Execution[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { json } = await rest.request('GET', `/rest/executions?filter=${filter}`);
	return json?.data?.results ?? [];
}

/** The sandbox completes a job for a (new) user, which sends its callback to n8n; the deliveries and n8n's answers. */
async function completeJob(
	sandbox: Sandbox,
	userId: string,
	resultCode: string,
	drill?: string,
): Promise<Delivery[]> {
	sandbox.addEnrollee(PARTNER_ID, userId, {});
	const response = await fetch(`${sandbox.url}/__sandbox/jobs`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ userId, resultCode, ...(drill ? { drill } : {}) }),
	});
	return ((await response.json()) as { deliveries: Delivery[] }).deliveries;
}

/** A job's callback as Smile ID writes it, with its claims bent, signed now with the partner's key (or the given signature). */
function callbackOf(
	sandbox: Sandbox,
	job: SimulatedJob,
	claims: Record<string, unknown> = {},
	signed?: { timestamp: string; signature: string },
): Record<string, unknown> {
	const key = sandbox.partners.find((p) => p.partnerId === PARTNER_ID)!.keys.test;
	return {
		...jobResult(job),
		...claims,
		...(signed ?? new Signature(PARTNER_ID, key).generate_signature(new Date().toISOString())),
	};
}

/** POSTs a callback straight to n8n, as anyone on the internet can. */
async function post(url: string, body: unknown): Promise<{ status: number; answer: unknown }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const text = await response.text();
	try {
		return { status: response.status, answer: JSON.parse(text) };
	} catch {
		return { status: response.status, answer: text };
	}
}

export const triggerCallbacks: Spec = {
	name: 'the Smile ID Trigger: auto-flag-on-fraud example',
	phase: 'server',
	activate: [WORKFLOW_ID, NAN_WINDOW_WORKFLOW_ID],
	async run(checks, { stack }) {
		const { sandbox, instance, rest } = stack;
		const setUrl = await fetch(`${sandbox.url}/__sandbox/callback-url`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				partnerId: PARTNER_ID,
				url: `${instance.url}/webhook/${WEBHOOK_PATH}`,
			}),
		});
		await checks.ok(
			"the sandbox takes n8n's webhook URL as the partner's callback URL",
			setUrl.status === 200,
		);
		// A JSON list is not a callback: refused with 400, it starts nothing, so it probes the registration.
		const probe = await waitForWebhook(instance, WEBHOOK_PATH, []);
		await checks.ok(
			'the trigger is registered and refuses a body that is not a JSON object with 400',
			probe.status === 400,
			probe.status,
		);

		const [spoof] = await completeJob(sandbox, 'e2e-spoof-user', '0907');
		await checks.ok(
			'a spoof verdict (0907) is answered 200 {"received":true,"started":true}',
			spoof?.status === 200 &&
				JSON.stringify(spoof.answer) === JSON.stringify({ received: true, started: true }),
			spoof,
		);
		const flagged = await waitFor(
			async () => sandbox.enrollee(PARTNER_ID, 'e2e-spoof-user'),
			(user) => user?.fraudulent === true,
		);
		await checks.ok(
			'the spoofing user ends flagged as fraudulent in the sandbox',
			flagged?.fraudulent === true,
			flagged,
		);
		const asked = sandbox
			.requests()
			.filter(
				(r) =>
					r.path === '/v1/job_status' &&
					(r.body as { user_id?: unknown })?.user_id === 'e2e-spoof-user',
			);
		await checks.ok(
			'the trigger confirmed the spoof with one signed job_status request before starting',
			asked.length === 1 && asked[0].hasSignature && asked[0].status === 200,
			asked,
		);
		const first = await waitFor(
			() => executions(rest),
			(list) => list.length === 1 && list[0].status === 'success',
		);
		await checks.ok(
			'one execution, successful',
			first.length === 1 && first[0].status === 'success',
			first,
		);

		const [forged] = await completeJob(sandbox, 'e2e-forged-user', '0907', 'forgedSignature');
		const [stale] = await completeJob(sandbox, 'e2e-stale-user', '0907', 'staleTimestamp');
		const [approved] = await completeJob(sandbox, 'e2e-approved-user', '1210');
		const repeated = await completeJob(sandbox, 'e2e-repeat-user', '0907', 'repeatSmileJobId');
		await checks.ok('a forged callback is answered 401', forged?.status === 401, forged);
		await checks.ok('a stale callback is answered 401', stale?.status === 401, stale);
		await checks.ok(
			'an approved verdict is answered 200 and starts nothing',
			approved?.status === 200 && JSON.stringify(approved.answer).includes('not selected'),
			approved,
		);
		await checks.ok(
			'a repeated SmileJobID: both answered 200, the second as already handled',
			repeated.length === 2 &&
				repeated.every((d) => d.status === 200) &&
				JSON.stringify(repeated[1].answer).includes('already handled'),
			repeated,
		);

		// One genuine signature, used for an approval (answered 200, starts nothing), then replayed with the verdict flipped.
		const [approval] = await completeJob(sandbox, 'e2e-replay-user', '1210');
		const replayUrl = `${instance.url}/webhook/${WEBHOOK_PATH}`;
		const job = sandbox.jobs(PARTNER_ID, 'e2e-replay-user')[0];
		const genuine = callbackOf(sandbox, job);
		const firstUse = await post(replayUrl, genuine);
		const replay = await post(
			replayUrl,
			callbackOf(
				sandbox,
				job,
				{ ResultCode: '0907', SmileJobID: '0000099999' },
				{
					timestamp: genuine.timestamp as string,
					signature: genuine.signature as string,
				},
			),
		);
		await checks.ok(
			'a genuine signature used once (200), then replayed with the verdict flipped: 401',
			approval?.status === 200 && firstUse.status === 200 && replay.status === 401,
			{ approval, firstUse, replay },
		);

		// A claim Smile ID does not confirm: a fresh, valid signature (as copied off any signed request) on a made-up rejection.
		const unconfirmed = await post(
			replayUrl,
			callbackOf(sandbox, job, { ResultCode: '0907', SmileJobID: undefined }),
		);
		await checks.ok(
			'a signed callback whose claim job_status contradicts (a rejection of an approved job) is answered 401',
			unconfirmed.status === 401,
			unconfirmed,
		);

		// Refused before anything is looked at: the job need not exist.
		const nanJob = {
			...job,
			userId: 'e2e-nan-window-user',
			smileJobId: '0000088888',
			resultCode: '0907',
		};
		const nanWindow = await waitForWebhook(instance, NAN_WINDOW_PATH, callbackOf(sandbox, nanJob));
		await checks.ok(
			'a trigger whose Freshness Window gives NaN answers a genuine callback 500',
			nanWindow.status === 500,
			nanWindow.status,
		);

		// A last genuine spoof verdict: once its execution is listed, everything sent before it has been handled.
		await completeJob(sandbox, 'e2e-sentinel-user', '0907');
		await waitFor(
			async () => sandbox.enrollee(PARTNER_ID, 'e2e-sentinel-user'),
			(user) => user?.fraudulent === true,
		);
		const all = await waitFor(
			() => executions(rest),
			(list) => list.length >= 3 && list.every((e) => e.status === 'success'),
		);
		await checks.ok(
			"n8n's execution list: 3 executions (spoof, repeat once, sentinel); forged, stale, approved, the replay and the unconfirmed claim started none",
			all.length === 3 && all.every((e) => e.status === 'success'),
			all,
		);
		const nanWindowRuns = await executions(rest, NAN_WINDOW_WORKFLOW_ID);
		await checks.ok(
			'the trigger with the NaN window started no execution',
			nanWindowRuns.length === 0,
			nanWindowRuns,
		);
		for (const userId of [
			'e2e-forged-user',
			'e2e-stale-user',
			'e2e-approved-user',
			'e2e-replay-user',
		]) {
			await checks.ok(
				`${userId} is not flagged`,
				sandbox.enrollee(PARTNER_ID, userId)?.fraudulent === false,
				sandbox.enrollee(PARTNER_ID, userId),
			);
		}

		const output = stack.n8n?.output() ?? '';
		const refusals = output
			.split('\n')
			.filter((line) => line.includes('Smile ID Trigger refused a callback'));
		await checks.ok(
			"n8n's log has a warn line for each refusal, with its reason and SmileJobID",
			refusals.some(
				(l) =>
					l.includes('HTTP 401: signature does not match') &&
					l.includes(`SmileJobID ${forged?.smileJobId}`),
			) &&
				refusals.some(
					(l) => l.includes('HTTP 401: timestamp') && l.includes(`SmileJobID ${stale?.smileJobId}`),
				) &&
				refusals.some((l) =>
					l.includes('HTTP 401: signature already used with another body (SmileJobID 0000099999)'),
				) &&
				refusals.some((l) =>
					l.includes(
						'HTTP 401: Smile ID does not confirm it: its ResultCode is 1210, the callback says 0907',
					),
				),
			refusals,
		);
		await checks.ok(
			"n8n's log says why the NaN-window trigger refuses callbacks",
			output.includes(
				'Smile ID Trigger cannot check callbacks: its Freshness Window is NaN: set a number of minutes from 1 to 60',
			),
		);
		await checks.ok(
			"n8n's log holds no signature and no API key",
			!/[A-Za-z0-9+/]{43}=/.test(refusals.join('\n')) &&
				!output.includes(sandbox.partners[0].keys.test),
		);
	},
};

export const editorTrigger: Spec = {
	name: "the editor: the Smile ID Trigger's parameters and its execution",
	phase: 'editor',
	async run(checks, { page, shot, stack }) {
		if (!page || !shot) throw new Error('an editor spec needs a page');
		await page.goto(`/workflow/${WORKFLOW_ID}`);
		const trigger = page.getByTestId('canvas-node').filter({ hasText: 'Smile ID Trigger' }).first();
		await trigger.waitFor({ timeout: 60_000 });
		await trigger.dblclick();
		const verdicts = page.getByTestId('ndv').getByText('Only These Verdicts').first();
		await verdicts.waitFor();
		await checks.ok(
			'editor: the trigger opens with its Path and Only These Verdicts',
			true,
			await shot('trigger-parameters'),
		);

		const [latest] = await executions(stack.rest);
		if (!(await checks.ok('editor: an execution of the trigger is listed', latest !== undefined)))
			return;
		await page.goto(`/workflow/${WORKFLOW_ID}/executions/${latest.id}`);
		// n8n 1.x shows a past execution's canvas inside an iframe; 2.x on the page itself.
		const flagNodeShown = async () => {
			for (const frame of page.frames()) {
				if (await frame.getByText('Smile ID: flag as fraudulent').first().isVisible()) return true;
			}
			return false;
		};
		for (let waited = 0; !(await flagNodeShown()) && waited < 60_000; waited += 500) {
			await page.waitForTimeout(500);
		}
		await checks.ok(
			'editor: the execution opens, the flag node among its nodes',
			await flagNodeShown(),
			await shot('trigger-execution'),
		);
	},
};
