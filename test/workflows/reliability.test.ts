import { ENROLLEE_INFO_PATH, ENROLLEE_PATH } from '../../sandbox';
import { FAST_RETRIES, sandboxCredentials, useSandbox } from '../support/fixtures';
import { runSmileIdNode } from '../support/n8n-engine';

// The 1,000-item runs are checked request by request: keep the whole log.
const sandbox = useSandbox({ maxLoggedRequests: 20_000 });

const PARTNER = '085';

function users(count: number, prefix = 'bulk') {
	return Array.from({ length: count }, (_, i) => {
		const id = `${prefix}-${i}`;
		sandbox().addEnrollee(PARTNER, id);
		return { id };
	});
}

async function deactivateAll(
	items: Array<{ id: string }>,
	options: Record<string, unknown> = {},
	continueOnFail = true,
) {
	return await runSmileIdNode({
		credentials: sandboxCredentials(sandbox()),
		parameters: {
			operation: 'deactivate',
			userId: '={{ $json.id }}',
			options: { ...FAST_RETRIES, ...options },
		},
		items,
		continueOnFail,
	});
}

const timestamps = () =>
	sandbox()
		.requests()
		.map((r) => (r.body as { timestamp: string }).timestamp);

describe('retrying an item', () => {
	it.each([
		['HTTP 503', { kind: 'status' as const, status: 503 }],
		['HTTP 500', { kind: 'status' as const, status: 500 }],
		['HTTP 429 without Retry-After', { kind: 'status' as const, status: 429 }],
		['HTTP 408', { kind: 'status' as const, status: 408 }],
		['a reset connection', { kind: 'reset' as const }],
		['an HTML error page', { kind: 'html' as const, status: 502 }],
	])('after %s sends it again, signed afresh, and the item ends done', async (_title, drill) => {
		const items = users(1);
		sandbox().addDrill({ ...drill, times: 2 });

		const run = await deactivateAll(items, {}, false);

		expect(run.error).toBeUndefined();
		expect(run.items).toEqual([expect.objectContaining({ userId: 'bulk-0', success: true })]);
		const failed = drill.kind === 'reset' ? null : 'status' in drill ? drill.status : 502;
		expect(
			sandbox()
				.requests()
				.map((r) => r.status),
		).toEqual([failed, failed, 200]);
		expect(new Set(timestamps()).size).toBe(3);
		expect(sandbox().enrollee(PARTNER, 'bulk-0')?.active).toBe(false);
	});

	it('after an answer slower than the timeout', async () => {
		const items = users(1);
		sandbox().addDrill({ kind: 'hang', times: 1 });
		const run = await deactivateAll(items, { timeout: 1 }, false);
		expect(run.error).toBeUndefined();
		// The answer was lost: the node reads the user, finds the change not made, and sends it again.
		expect(
			sandbox()
				.requests()
				.map((r) => [r.path, r.status]),
		).toEqual([
			[ENROLLEE_PATH, null],
			[ENROLLEE_INFO_PATH, 200],
			[ENROLLEE_PATH, 200],
		]);
	});

	it('honours Retry-After instead of its own, much longer, backoff', async () => {
		const items = users(1);
		sandbox().addDrill({ kind: 'status', status: 429, retryAfter: '0', times: 1 });
		sandbox().addDrill({
			kind: 'status',
			status: 503,
			retryAfter: new Date(Date.now() - 1000).toUTCString(),
			times: 1,
		});
		// Without Retry-After the first retry would wait 5 to 10 minutes: jest's timeout would fail this test.
		const run = await deactivateAll(items, { firstRetryDelay: 600_000, maxRetryWait: 3600 }, false);
		expect(run.error).toBeUndefined();
		expect(
			sandbox()
				.requests()
				.map((r) => r.status),
		).toEqual([429, 503, 200]);
	});

	it('gives up after Max Attempts and says so', async () => {
		const items = users(1);
		sandbox().addDrill({ kind: 'status', status: 503 });
		const run = await deactivateAll(items, { maxAttempts: 3 }, false);
		expect(sandbox().requests()).toHaveLength(3);
		expect(run.error?.message).toBe('Smile ID is unavailable (HTTP 503)');
		expect(run.error?.description).toMatch(/Gave up after 3 attempts\.$/);
	});

	it('gives up when a Retry-After would pass the Max Retry Wait', async () => {
		const items = users(1);
		sandbox().addDrill({ kind: 'status', status: 429, retryAfter: '3600' });
		const run = await deactivateAll(items, { maxRetryWait: 5 }, false);
		expect(sandbox().requests()).toHaveLength(1);
		expect(run.error?.message).toBe('Smile ID is receiving too many requests (HTTP 429)');
	});

	it('does not retry at all with Max Attempts 1', async () => {
		const items = users(1);
		sandbox().addDrill({ kind: 'status', status: 503 });
		await deactivateAll(items, { maxAttempts: 1 }, false);
		expect(sandbox().requests()).toHaveLength(1);
	});

	it.each<[string, { credentials?: { apiKey: string }; userId?: string }, string]>([
		['2205 (wrong key)', { credentials: { apiKey: 'wrong' } }, '2205'],
		['2210 (unknown user)', { userId: 'nobody' }, '2210'],
		['2208 (deleted user)', { userId: 'user-deleted-001' }, '2208'],
	])("never retries Smile ID's own refusal %s", async (_title, setup, code) => {
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox(), setup.credentials ?? {}),
			parameters: {
				operation: 'deactivate',
				userId: setup.userId ?? 'user-active-001',
				options: FAST_RETRIES,
			},
		});
		expect(run.error?.smileIdCode).toBe(code);
		expect(sandbox().requests()).toHaveLength(1);
	});

	it('never retries a plain 4xx', async () => {
		users(1);
		sandbox().addDrill({ kind: 'status', status: 422, body: { error: 'Unprocessable' } });
		const run = await deactivateAll([{ id: 'bulk-0' }], {}, false);
		expect(run.error?.message).toBe('Smile ID refused the request (HTTP 422)');
		expect(sandbox().requests()).toHaveLength(1);
	});
});

it("warns, above the output, when n8n's Retry On Fail is on for the node", async () => {
	const run = async (retryOnFail: boolean) =>
		await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation: 'deactivate', userId: 'user-active-001' },
			retryOnFail,
		});
	const warned = await run(true);
	const quiet = await run(false);
	expect(warned.run.data.resultData.runData['Smile ID'][0].hints).toEqual([
		{
			message:
				"Turn off Retry On Fail in this node's settings: it runs the whole node again and sends again the users already changed. The node retries each request itself (Options > Max Attempts).",
			type: 'warning',
			location: 'outputPane',
		},
	]);
	expect(quiet.run.data.resultData.runData['Smile ID'][0].hints ?? []).toEqual([]);
});

describe('Delete, when an answer was lost', () => {
	it('is reported as deleted, verified by reading, when the answer was cut after Smile ID deleted the user', async () => {
		sandbox().addEnrollee(PARTNER, 'to-delete');
		sandbox().addDrill({ kind: 'reset', afterProcessing: true, times: 1 });
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation: 'delete', userId: 'to-delete', options: FAST_RETRIES },
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toEqual([
			{
				userId: 'to-delete',
				operation: 'delete',
				success: true,
				deleted: true,
				verifiedByReading: true,
			},
		]);
		expect(
			sandbox()
				.requests()
				.map((r) => [r.path, r.status]),
		).toEqual([
			[ENROLLEE_PATH, null],
			[ENROLLEE_INFO_PATH, 200],
		]);
		expect(sandbox().enrollee(PARTNER, 'to-delete')?.history).toEqual(['delete']);
	});

	it('is reported as deleted when the retry finds no such user at all', async () => {
		sandbox().addEnrollee(PARTNER, 'to-delete');
		sandbox().addDrill({ kind: 'status', status: 503, afterProcessing: true, times: 1 });
		// The retry is answered "no enrolled user found", as if Smile ID had purged the record.
		sandbox().addDrill({
			kind: 'status',
			status: 400,
			body: { error: 'No enrolled user found', code: '2210' },
			afterProcessing: true,
			times: 1,
		});
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: { operation: 'delete', userId: 'to-delete', options: FAST_RETRIES },
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0]).toMatchObject({
			deleted: true,
			note: expect.stringMatching(/answer was lost/),
		});
	});
});

describe('many items', () => {
	it('keeps output order and pairing whatever order the answers come back in', async () => {
		const items = users(60);
		sandbox().addDrill({ kind: 'latency', ms: 1, jitterMs: 40, seed: 7 });
		const run = await deactivateAll(items, { maxRequestsInFlight: 8 });
		expect(run.items.map((item) => item.userId)).toEqual(items.map((item) => item.id));
		expect(run.pairedWith).toEqual(items.map((_, i) => i));
		expect(run.items.every((item) => item.success === true)).toBe(true);
	});

	it('never sends an item that succeeded again', async () => {
		const items = users(30);
		sandbox().addDrill({ kind: 'status', status: 503, share: 0.3, seed: 3 });
		const run = await deactivateAll(items, { maxAttempts: 10 });
		expect(run.items.every((item) => item.success === true)).toBe(true);
		for (const { id } of items) {
			const statuses = sandbox()
				.requests()
				.filter((r) => (r.body as { user_id: string }).user_id === id)
				.map((r) => r.status);
			expect(statuses.filter((status) => status === 200)).toEqual([200]);
			expect(statuses.at(-1)).toBe(200);
		}
	});

	it('ends a rate-limited run of 1,000 items with every item done', async () => {
		const items = users(1000, 'limited');
		// Well below what 20 in flight send even on a loaded machine, so the limit is always met.
		sandbox().addDrill({ kind: 'rateLimit', perSecond: 60 });
		const run = await deactivateAll(items, {
			maxRequestsInFlight: 20,
			maxAttempts: 10,
			firstRetryDelay: 50,
			maxRetryWait: 60,
		});
		expect(run.items.filter((item) => item.success !== true)).toEqual([]);
		expect(run.items).toHaveLength(1000);
		expect(
			sandbox()
				.requests()
				.filter((r) => r.status === 429).length,
		).toBeGreaterThan(0);
		expect(
			sandbox()
				.enrollees()
				.filter((e) => e.userId.startsWith('limited-') && !e.active),
		).toHaveLength(1000);
	}, 120_000);

	it('stops sending when the execution is stopped', async () => {
		const items = users(200);
		sandbox().addDrill({ kind: 'latency', ms: 20 });
		const stop = new AbortController();
		const running = runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters: {
				operation: 'deactivate',
				userId: '={{ $json.id }}',
				options: { ...FAST_RETRIES, maxRequestsInFlight: 2 },
			},
			items,
			cancelSignal: stop.signal,
		});
		await new Promise((resolve) => setTimeout(resolve, 300));
		stop.abort();
		await running;
		// The run ends at once; requests already on their way still arrive, so let them land first.
		await new Promise((resolve) => setTimeout(resolve, 300));
		const sentBeforeStop = sandbox().requests().length;
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(sandbox().requests().length).toBe(sentBeforeStop);
		expect(sentBeforeStop).toBeGreaterThan(0);
		expect(sentBeforeStop).toBeLessThan(100);
	});
});
